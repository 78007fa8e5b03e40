// Small progressive enhancements for forms; every form works without this file.
// - data-choice-list: a long list of checkboxes gets a search box that hides the labels that do not
//   match (checked ones stay visible). The box is in the page, hidden, and shown from here.
// - data-show-when="NAME" data-show-value="VALUE": a part of a form shown only while the radio button
//   NAME has VALUE (without JavaScript every part is shown; the server ignores what is not needed).
(function () {
  "use strict";
  var LONG_LIST = 8;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function filterList(input) {
    var list = input.closest("[data-choice-list]");
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var label = box.closest("label") || list.querySelector('label[for="' + box.id + '"]');
      if (!label) return;
      var text = fold(label.textContent);
      var match = box.checked || words.every(function (w) { return text.indexOf(w) !== -1; });
      (label.parentElement.tagName === "DIV" && label.parentElement !== list ? label.parentElement : label).hidden = !match;
    });
  }

  function showParts(form) {
    form.querySelectorAll("[data-show-when]").forEach(function (part) {
      var chosen = form.querySelector('input[type=radio][name="' + part.dataset.showWhen + '"]:checked');
      part.hidden = !!chosen && chosen.value !== part.dataset.showValue;
    });
  }

  function setUp(root) {
    root.querySelectorAll("[data-choice-list]").forEach(function (list) {
      var box = list.querySelector(".choice-filter");
      if (box && list.querySelectorAll("input[type=checkbox]").length > LONG_LIST) box.hidden = false;
    });
    root.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-show-when]")) showParts(form);
    });
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-choice-filter]")) filterList(event.target);
  });
  document.addEventListener("keydown", function (event) {
    // Enter in the search box filters; it does not send the form.
    if (event.key === "Enter" && event.target.matches("[data-choice-filter]")) event.preventDefault();
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches("input[type=radio]") && event.target.form) showParts(event.target.form);
  });
  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:afterSwap", function (event) { setUp(event.target); });
})();
