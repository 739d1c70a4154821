/* Two-click embeds: the third party's frame is created only after the reader agrees. */
(function () {
  "use strict";
  document.querySelectorAll("[data-embed-url]").forEach(function (box) {
    var button = box.querySelector("button");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.dataset.embedUrl;
      frame.title = box.dataset.embedTitle;
      frame.className = "embed-frame";
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "no-referrer");
      box.replaceChildren(frame);
      frame.focus();
    });
  });
})();
