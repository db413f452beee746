// Counts down the characters left in every text field with a length limit (data-maxlength, set
// by ihk.text.CleanTextFormMixin). The browser never cuts a pasted text; the form says when a
// text is too long. Screen readers hear the counter only once the limit is passed.
(function () {
  "use strict";
  function attach(field) {
    var limit = parseInt(field.getAttribute("data-maxlength"), 10);
    if (!limit || field.dataset.counted) return;
    field.dataset.counted = "1";
    var counter = document.createElement("div");
    counter.className = "form-text charcount";
    counter.id = (field.id || "field") + "-count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
    function update() {
      var left = limit - field.value.length;
      var over = left < 0;
      var template = field.getAttribute(over ? "data-over" : "data-left") || "%(count)s";
      counter.textContent = template.replace("%(count)s", String(Math.abs(left)));
      counter.classList.toggle("text-danger", over);
      counter.setAttribute("aria-live", over ? "assertive" : "off");
    }
    field.addEventListener("input", update);
    update();
  }
  function scan(root) {
    var fields = (root || document).querySelectorAll("[data-maxlength]");
    for (var i = 0; i < fields.length; i++) attach(fields[i]);
  }
  document.addEventListener("DOMContentLoaded", function () { scan(document); });
  document.addEventListener("htmx:afterSwap", function (event) { scan(event.target); });
})();
