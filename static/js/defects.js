/* The report form, progressively enhanced: without JavaScript the citizen types coordinates
   or picks a street. With it, a map shows up: click or tap to set the pin, drag it to move it,
   or (keyboard) pan with the arrow keys and set the pin at the map's centre; "use my location"
   asks the browser. Every way fills the latitude and longitude fields, which stay visible. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  var configElement = document.getElementById("map-config");
  var tools = document.getElementById("defect-map-tools");
  var element = document.getElementById("defect-map");
  var latField = document.getElementById("id_latitude");
  var lonField = document.getElementById("id_longitude");
  if (!configElement || !tools || !element || !latField || !lonField || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configElement.textContent);
  var status = document.getElementById("defect-map-status");
  var locate = document.getElementById("defect-locate");
  var pinCentre = document.getElementById("defect-pin-centre");

  tools.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false, keyboard: true }).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  var marker = null;

  function say(text) { status.textContent = text; }

  function round(value) { return Math.round(value * 1e6) / 1e6; }

  function place(latlng, pan) {
    var lat = round(latlng.lat);
    var lon = round(latlng.lng);
    if (!marker) {
      marker = L.marker([lat, lon], { draggable: true, keyboard: false }).addTo(map);
      marker.on("dragend", function () { place(marker.getLatLng(), false); });
    } else {
      marker.setLatLng([lat, lon]);
    }
    if (pan) { map.panTo([lat, lon]); }
    latField.value = String(lat);
    lonField.value = String(lon);
    element.dataset.pin = lat + "," + lon;
    say(status.dataset.placed.replace("%(lat)s", lat).replace("%(lon)s", lon));
  }

  map.on("click", function (event) { place(event.latlng, false); });
  pinCentre.addEventListener("click", function () { place(map.getCenter(), false); });

  // Coordinates typed in move the pin, so map and fields never disagree.
  function fromFields() {
    var lat = parseFloat(latField.value.replace(",", "."));
    var lon = parseFloat(lonField.value.replace(",", "."));
    if (isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      place(L.latLng(lat, lon), true);
    }
  }
  latField.addEventListener("change", fromFields);
  lonField.addEventListener("change", fromFields);
  if (latField.value && lonField.value) { fromFields(); map.setView(marker.getLatLng(), 17); }

  if (!("geolocation" in navigator)) {
    locate.hidden = true;
  } else {
    locate.addEventListener("click", function () {
      say(status.dataset.locating);
      navigator.geolocation.getCurrentPosition(
        function (position) {
          var latlng = L.latLng(position.coords.latitude, position.coords.longitude);
          map.setView(latlng, 17);
          place(latlng, false);
        },
        function () { say(status.dataset.noLocation); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }
})();
