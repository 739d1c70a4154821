/* Sensor map, as progressive enhancement: the table on the page lists the same sensors and
   values. Markers are focusable (Tab) and open their popup with Enter. */
(function () {
  "use strict";
  var configElement = document.getElementById("map-config");
  var element = document.getElementById("sensor-map");
  if (!configElement || !element || typeof L === "undefined") { return; }
  var config = JSON.parse(configElement.textContent);

  function popup(feature) {
    var p = feature.properties;
    var wrapper = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.name;
    wrapper.appendChild(title);
    if (p.district) {
      var district = document.createElement("p");
      district.textContent = p.district;
      wrapper.appendChild(district);
    }
    var list = document.createElement("ul");
    p.streams.forEach(function (stream) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = stream.url;
      link.textContent = stream.name;
      item.appendChild(link);
      item.appendChild(document.createTextNode(": " + stream.value));
      list.appendChild(item);
    });
    wrapper.appendChild(list);
    return wrapper;
  }

  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false }).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  fetch(element.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error(response.statusText); }
      return response.json();
    })
    .then(function (collection) {
      var layer = L.geoJSON(collection, {
        pointToLayer: function (feature, latlng) {
          return L.marker(latlng, { alt: feature.properties.name, title: feature.properties.name });
        },
        onEachFeature: function (feature, featureLayer) { featureLayer.bindPopup(popup(feature)); }
      }).addTo(map);
      var bounds = layer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15 }); }
      element.dataset.loaded = String((collection.features || []).length);
    })
    .catch(function () { element.hidden = true; });
})();

// An error summary takes the focus, so that screen readers announce it after the reload.
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
