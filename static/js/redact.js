// Drawing rectangles to black out on a report photo (the form works without this script:
// it then takes one rectangle's position and size per submit).
(function () {
  "use strict";
  var wrapper = document.querySelector("[data-redact]");
  var image = document.querySelector("[data-redact-image]");
  var form = document.querySelector("[data-redact-form]");
  if (!wrapper || !image || !form) return;
  var field = form.querySelector("input[name='rectangles']");
  if (!field) return;
  var boxes = [];
  var start = null;
  wrapper.style.position = "relative";
  wrapper.style.display = "inline-block";
  wrapper.style.cursor = "crosshair";

  function scale() {
    return image.naturalWidth / image.getBoundingClientRect().width;
  }
  function point(event) {
    var rect = image.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }
  function mark(x, y, w, h) {
    var div = document.createElement("div");
    div.style.cssText =
      "position:absolute;background:#000;opacity:.8;pointer-events:none;" +
      "left:" + x + "px;top:" + y + "px;width:" + w + "px;height:" + h + "px";
    wrapper.appendChild(div);
  }
  image.addEventListener("dragstart", function (event) { event.preventDefault(); });
  wrapper.addEventListener("mousedown", function (event) { start = point(event); });
  wrapper.addEventListener("mouseup", function (event) {
    if (!start) return;
    var end = point(event);
    var x = Math.min(start.x, end.x), y = Math.min(start.y, end.y);
    var w = Math.abs(end.x - start.x), h = Math.abs(end.y - start.y);
    start = null;
    if (w < 3 || h < 3) return;
    var s = scale();
    boxes.push([Math.round(x * s), Math.round(y * s), Math.round(w * s), Math.round(h * s)]);
    field.value = JSON.stringify(boxes);
    mark(x, y, w, h);
  });
})();
