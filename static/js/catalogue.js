/* Open-data catalogue maps, as progressive enhancement: every map has a text or table
   equivalent on the page, and the search area can be typed in without JavaScript. */
(function () {
  "use strict";
  var configElement = document.getElementById("map-config");
  if (!configElement || typeof L === "undefined") { return; }
  var config = JSON.parse(configElement.textContent);

  function baseMap(element) {
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).setView(config.center, config.zoom);
    L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
    return map;
  }

  // Area a dataset covers.
  var area = document.getElementById("dataset-area-map");
  if (area) {
    var areaMap = baseMap(area);
    var shape = L.geoJSON(JSON.parse(area.dataset.geojson)).addTo(areaMap);
    areaMap.fitBounds(shape.getBounds(), { maxZoom: 15 });
  }

  // GeoJSON preview: the same features are listed in the table below the map.
  var preview = document.getElementById("preview-map");
  if (preview) {
    var previewMap = baseMap(preview);
    fetch(preview.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.statusText); }
        return response.json();
      })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          onEachFeature: function (feature, featureLayer) {
            var properties = feature.properties || {};
            var list = document.createElement("dl");
            Object.keys(properties).slice(0, 12).forEach(function (key) {
              var term = document.createElement("dt");
              term.textContent = key;
              var value = document.createElement("dd");
              value.textContent = String(properties[key]);
              list.appendChild(term);
              list.appendChild(value);
            });
            featureLayer.bindPopup(list);
          }
        }).addTo(previewMap);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { previewMap.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 }); }
        preview.dataset.loaded = String((collection.features || []).length);
      })
      .catch(function () { preview.hidden = true; });
  }

  // Search area: draw a rectangle (Shift + drag) or take the visible map area.
  var chooser = document.getElementById("bbox-map");
  var input = document.getElementById("id_bbox");
  if (chooser && input) {
    var chooserMap = baseMap(chooser);
    var help = document.getElementById("bbox-map-help");
    var useView = document.getElementById("bbox-from-map");
    var district = document.getElementById("id_district");
    if (help) { help.hidden = false; }
    if (useView) { useView.hidden = false; }
    var rectangle = null;

    function round(value) { return Math.round(value * 10000) / 10000; }

    function show(bounds) {
      if (rectangle) { chooserMap.removeLayer(rectangle); }
      rectangle = L.rectangle(bounds, { color: "#00506e", weight: 2 }).addTo(chooserMap);
    }

    function choose(bounds) {
      input.value = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
        .map(round).join(",");
      if (district) { district.value = ""; }
      show(bounds);
    }

    var parts = (input.value || chooser.dataset.area || "").split(",").map(parseFloat);
    if (parts.length === 4 && parts.every(isFinite)) {
      var current = L.latLngBounds([parts[1], parts[0]], [parts[3], parts[2]]);
      show(current);
      chooserMap.fitBounds(current);
    }
    // Leaflet's box zoom draws the rectangle; take it as the area instead of zooming.
    chooserMap.boxZoom.disable();
    var start = null;
    var box = null;
    chooserMap.on("mousedown", function (event) {
      if (!event.originalEvent.shiftKey) { return; }
      chooserMap.dragging.disable();
      start = event.latlng;
    });
    chooserMap.on("mousemove", function (event) {
      if (!start) { return; }
      var bounds = L.latLngBounds(start, event.latlng);
      if (box) { box.setBounds(bounds); } else { box = L.rectangle(bounds, { weight: 1, dashArray: "4" }).addTo(chooserMap); }
    });
    chooserMap.on("mouseup", function (event) {
      if (!start) { return; }
      var bounds = L.latLngBounds(start, event.latlng);
      start = null;
      chooserMap.dragging.enable();
      if (box) { chooserMap.removeLayer(box); box = null; }
      if (!bounds.getNorthEast().equals(bounds.getSouthWest())) { choose(bounds); }
    });
    if (useView) {
      useView.addEventListener("click", function () { choose(chooserMap.getBounds()); });
    }
    // A district chosen after drawing replaces the drawn area (the typed area would win).
    if (district) {
      district.addEventListener("change", function () {
        if (!district.value) { return; }
        input.value = "";
        if (rectangle) { chooserMap.removeLayer(rectangle); rectangle = null; }
      });
    }
  }
})();

// An error summary takes the focus, so that screen readers announce it after the reload.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
