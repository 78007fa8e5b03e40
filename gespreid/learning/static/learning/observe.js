// Observation form: keep what was typed on this device until the server has it (no inline script: CSP 'self').
(function () {
  "use strict";
  function values(form) {
    var checked = form.querySelector("input[type=radio]:checked");
    var note = form.querySelector("textarea");
    return { seen: checked ? checked.value : "", note: note ? note.value : "" };
  }
  function key(form) { return form.getAttribute("data-draft-key"); }
  function store(form) {
    try { localStorage.setItem(key(form), JSON.stringify(values(form))); } catch (e) { /* private mode: nothing to keep */ }
  }
  function forget(form) {
    try { localStorage.removeItem(key(form)); } catch (e) { /* ignore */ }
  }
  function offline(show) {
    var note = document.querySelector(".offline-note");
    if (note) { note.hidden = !show; }
  }
  function save(form) {
    if (window.htmx) { window.htmx.trigger(form, "change"); }
  }
  function restore(form) {
    var raw = null;
    try { raw = localStorage.getItem(key(form)); } catch (e) { return; }
    if (!raw) { return; }
    var draft = JSON.parse(raw);
    var now = values(form);
    if (draft.note === now.note && draft.seen === now.seen) { forget(form); return; }
    var note = form.querySelector("textarea");
    if (note) { note.value = draft.note; }
    if (draft.seen) {
      var radio = form.querySelector("input[type=radio][value='" + draft.seen + "']");
      if (radio) { radio.checked = true; }
    }
    save(form);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form.look-for[data-draft-key]");
    forms.forEach(function (form) {
      form.addEventListener("input", function () { store(form); });
      form.addEventListener("change", function () { store(form); });
      restore(form);
    });
    document.body.addEventListener("htmx:afterRequest", function (event) {
      var form = event.detail.elt;
      if (!form.matches || !form.matches("form.look-for")) { return; }
      if (event.detail.successful) { forget(form); offline(false); }
      else { store(form); offline(true); }
    });
    document.body.addEventListener("htmx:sendError", function () { offline(true); });
    window.addEventListener("online", function () {
      document.querySelectorAll("form.look-for[data-draft-key]").forEach(function (form) {
        try { if (localStorage.getItem(key(form))) { save(form); } } catch (e) { /* ignore */ }
      });
    });
  });
})();
