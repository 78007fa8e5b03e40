// Live character counter under the highlight text (progressive enhancement: the server checks the
// limit and the field has maxlength). Loaded as a static file because the CSP forbids inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var max = parseInt(area.getAttribute("maxlength"), 10);
    if (!max) return;
    var output = document.createElement("output");
    output.id = area.dataset.counter;
    output.className = "muted counter";
    output.setAttribute("aria-live", "polite");
    area.insertAdjacentElement("afterend", output);
    var english = document.documentElement.lang === "en";
    function update() {
      var left = max - area.value.length;
      output.textContent = english ? left + " characters left" : "Nog " + left + " tekens";
    }
    area.addEventListener("input", update);
    update();
  });
});
