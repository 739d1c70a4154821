/* Defect reporter's maps, as progressive enhancement: the list (overview) and the coordinates
   (report page) carry the same content. The overview's map asks the server for clusters of
   the visible area at the current zoom (grid clustering in the database) and redraws them
   after every move; markers are focusable (Tab) and open with Enter. */
(function () {
  "use strict";
  var configElement = document.getElementById("map-config");
  if (!configElement || typeof L === "undefined") { return; }
  var config = JSON.parse(configElement.textContent);

  function baseMap(element) {
    var map = L.map(element, { scrollWheelZoom: false }).setView(config.center, config.zoom);
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
    return map;
  }

  function popup(p) {
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title;
    var meta = document.createElement("p");
    meta.textContent = p.status;
    wrapper.appendChild(link);
    wrapper.appendChild(meta);
    return wrapper;
  }

  function clusterIcon(count) {
    var size = count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 54;
    return L.divIcon({ className: "defect-cluster", html: String(count), iconSize: [size, size] });
  }

  var overview = document.getElementById("defect-overview-map");
  if (overview) {
    overview.hidden = false;
    var map = baseMap(overview);
    var layer = L.layerGroup().addTo(map);
    var base = overview.dataset.geojsonUrl;
    var request = 0;
    var load = function () {
      var bounds = map.getBounds();
      var bbox = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
        .map(function (n, i) { return Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, n)).toFixed(5); });
      var url = base + (base.indexOf("?") < 0 ? "?" : "&") + "zoom=" + map.getZoom() + "&bbox=" + bbox.join(",");
      var mine = ++request;
      fetch(url, { headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.statusText); }
          return response.json();
        })
        .then(function (collection) {
          if (mine !== request) { return; }
          layer.clearLayers();
          collection.features.forEach(function (feature) {
            var p = feature.properties;
            var c = feature.geometry.coordinates;
            var latlng = L.latLng(c[1], c[0]);
            if (p.cluster) {
              var title = overview.dataset.clusterLabel.replace("{count}", p.count);
              L.marker(latlng, { icon: clusterIcon(p.count), title: title, alt: title, keyboard: true })
                .on("click", function () { map.setView(latlng, Math.min(map.getZoom() + 2, 19)); })
                .addTo(layer);
            } else {
              var icon = L.divIcon({ className: "defect-marker status-" + p.colour, iconSize: [18, 18] });
              L.marker(latlng, { icon: icon, title: p.title + " – " + p.status, alt: p.title, keyboard: true })
                .bindPopup(popup(p)).addTo(layer);
            }
          });
          overview.dataset.loaded = String(collection.features.length);
          overview.dataset.total = String(collection.total);
        })
        .catch(function () { if (mine === request) { overview.hidden = true; } });
    };
    map.on("moveend", load);
    load();
  }

  var single = document.getElementById("report-map");
  if (single) {
    single.hidden = false;
    var point = [parseFloat(single.dataset.lat), parseFloat(single.dataset.lon)];
    var small = baseMap(single);
    small.setView(point, 17);
    if (single.dataset.rounded === "true") {
      L.circle(point, { radius: 35 }).addTo(small);
    } else {
      L.marker(point, { title: single.dataset.label, alt: single.dataset.label, keyboard: false }).addTo(small);
    }
    single.dataset.loaded = "1";
  }
})();

// An error summary takes the focus, so that screen readers announce it after the reload.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();

/* The report form, progressively enhanced: without JavaScript the citizen types coordinates
   or picks a street. With it, a map shows up: click or tap to set the pin, drag it to move it,
   or (keyboard) pan with the arrow keys and set the pin at the map's centre; "use my location"
   asks the browser. Every way fills the latitude and longitude fields, which stay visible. */
(function () {
  "use strict";
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
