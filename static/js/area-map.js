// Area maps (participation/maps.py) drawn with the vendored Leaflet: the area's outline, the
// operator's basemap when one is configured (MAP_TILE_URL) and the markers. Without a basemap
// nothing is requested from another host. Everything on a map is also in the list next to it.
//
// <div data-area-map="ID-OF-JSON">            markers of public measures, ideas and events
// <div data-map-picker="ID-OF-JSON"
//      data-lat-input="id_latitude" data-lon-input="id_longitude">   choose a place for a form
(function () {
  "use strict";

  var GERMANY = [51.16, 10.45];

  function readData(el, attribute) {
    var source = document.getElementById(el.getAttribute(attribute));
    return source ? JSON.parse(source.textContent) : null;
  }

  function translatePopupClose(map, labels) {
    map.on("popupopen", function (event) {
      var button = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (button) {
        button.setAttribute("aria-label", labels.close);
        button.setAttribute("title", labels.close);
      }
    });
  }

  function baseMap(el, data) {
    var fallback = el.querySelector(".area-map-fallback");
    if (fallback) {
      fallback.remove();
    }
    // No fade: popups are readable at once (and contrast checks do not catch them half-faded).
    var map = L.map(el, {
      zoomControl: false,
      attributionControl: Boolean(data.tiles),
      fadeAnimation: false,
    });
    L.control
      .zoom({ zoomInTitle: data.labels.zoomIn, zoomOutTitle: data.labels.zoomOut })
      .addTo(map);
    if (data.tiles) {
      L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 19 }).addTo(map);
    }
    var bounds = L.latLngBounds([]);
    if (data.outline) {
      var outline = L.geoJSON(data.outline, {
        interactive: false,
        style: { className: "area-map-outline", weight: 3, fillOpacity: 0.08 },
      }).addTo(map);
      bounds.extend(outline.getBounds());
    }
    translatePopupClose(map, data.labels);
    return { map: map, bounds: bounds };
  }

  function fit(map, bounds, zoom) {
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 17 });
    } else {
      map.setView(GERMANY, zoom || 5);
    }
  }

  function pin(kind) {
    return L.divIcon({ className: "map-pin map-pin-" + kind, html: "", iconSize: [18, 18] });
  }

  function popupContent(item, labels) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    var detail = document.createElement("p");
    detail.className = "mb-0 small";
    detail.textContent = labels[item.kind] + (item.detail ? " · " + item.detail : "");
    box.appendChild(link);
    box.appendChild(detail);
    return box;
  }

  function showMarkers(el) {
    var data = readData(el, "data-area-map");
    if (!data) {
      return;
    }
    var drawn = baseMap(el, data);
    data.markers.forEach(function (item) {
      drawn.bounds.extend(L.latLng(item.lat, item.lon));
    });
    // Markers are drawn once the map has a view.
    fit(drawn.map, drawn.bounds);
    data.markers.forEach(function (item) {
      var label = data.labels[item.kind] + ": " + item.title;
      var marker = L.marker([item.lat, item.lon], { icon: pin(item.kind), title: label })
        .bindPopup(popupContent(item, data.labels))
        .addTo(drawn.map);
      marker.getElement().setAttribute("aria-label", label);
    });
  }

  function readPoint(latInput, lonInput) {
    var lat = parseFloat(latInput.value.replace(",", "."));
    var lon = parseFloat(lonInput.value.replace(",", "."));
    if (isNaN(lat) || isNaN(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return null;
    }
    return L.latLng(lat, lon);
  }

  function pickPlace(el) {
    var data = readData(el, "data-map-picker");
    var latInput = document.getElementById(el.getAttribute("data-lat-input"));
    var lonInput = document.getElementById(el.getAttribute("data-lon-input"));
    if (!data || !latInput || !lonInput) {
      return;
    }
    var drawn = baseMap(el, data);
    var chosen = null;
    function place(latlng) {
      if (chosen) {
        chosen.setLatLng(latlng);
      } else {
        chosen = L.marker(latlng, {
          icon: pin("chosen"),
          title: data.labels.chosen,
          keyboard: false,
        }).addTo(drawn.map);
      }
    }
    var start = readPoint(latInput, lonInput);
    if (start) {
      place(start);
      drawn.bounds.extend(start);
    }
    fit(drawn.map, drawn.bounds, 6);
    drawn.map.on("click", function (event) {
      place(event.latlng);
      latInput.value = event.latlng.lat.toFixed(6);
      lonInput.value = event.latlng.lng.toFixed(6);
    });
    [latInput, lonInput].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = readPoint(latInput, lonInput);
        if (point) {
          place(point);
          drawn.map.panTo(point);
        }
      });
    });
  }

  if (typeof L === "undefined") {
    return;
  }
  document.querySelectorAll("[data-area-map]").forEach(showMarkers);
  document.querySelectorAll("[data-map-picker]").forEach(pickPlace);
})();
