// Live character counter for the highlight text (progressive enhancement; the server checks the limit).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var output = document.getElementById(area.dataset.counter);
    var max = parseInt(area.getAttribute("maxlength"), 10);
    if (!output || !max) return;
    var lang = document.documentElement.lang;
    function update() {
      var left = max - area.value.length;
      output.textContent = lang === "en" ? left + " characters left" : "Nog " + left + " tekens";
    }
    area.addEventListener("input", update);
    update();
  });
});
