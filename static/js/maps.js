/* Progressive enhancement: maps appear only with JavaScript; the lists and texts beside them
   carry the same content. Tiles come from the city's configured tile server. */
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

  function popup(feature) {
    var p = feature.properties;
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.title;
    if (p.language && p.language !== document.documentElement.lang) { link.lang = p.language; }
    var meta = document.createElement("p");
    meta.textContent = [p.status_label, p.action_field, p.district].filter(Boolean).join(" · ");
    wrapper.appendChild(link);
    wrapper.appendChild(meta);
    return wrapper;
  }

  var projectMap = document.getElementById("project-map");
  if (projectMap) {
    projectMap.hidden = false;
    var map = baseMap(projectMap);
    fetch(projectMap.dataset.geojsonUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          onEachFeature: function (feature, featureLayer) { featureLayer.bindPopup(popup(feature)); }
        }).addTo(map);
        if (collection.features && collection.features.length) {
          map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 15 });
        }
        projectMap.dataset.loaded = String(collection.features.length);
      });
  }

  var location = document.getElementById("project-location");
  if (location) {
    location.hidden = false;
    var single = baseMap(location);
    var shape = L.geoJSON(JSON.parse(location.dataset.geojson)).addTo(single);
    single.fitBounds(shape.getBounds(), { maxZoom: 16 });
  }

  document.querySelectorAll("[data-block-map]").forEach(function (element) {
    element.hidden = false;
    var blockMap = baseMap(element);
    var point = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
    blockMap.setView(point, parseInt(element.dataset.zoom, 10));
    L.marker(point).addTo(blockMap);
  });
})();
