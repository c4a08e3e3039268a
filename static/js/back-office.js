// Back office (Django admin) accessibility repairs for widgets whose markup is made in the browser:
// - the autocomplete (select2) box gets its field's label as its name (WCAG 4.1.2);
// - the filter icon in a "filter horizontal" widget is an image with a name, not a bare span with
//   aria-label (ARIA forbids a name on a generic element).
// Runs when the page is ready and again whenever the admin adds widgets (inline rows, pop-ups).
(function () {
  "use strict";

  function labelFor(select) {
    if (!select.id) { return null; }
    return document.querySelector('label[for="' + select.id + '"]');
  }

  function nameAutocomplete(combobox) {
    if (combobox.dataset.portalNamed) { return; }
    var container = combobox.closest(".select2-container");
    var select = container && container.previousElementSibling;
    if (!select || select.tagName !== "SELECT") { return; }
    var label = labelFor(select);
    // The box shows the chosen value in a "textbox" span: name both by the label and that value.
    var rendered = combobox.querySelector(".select2-selection__rendered");
    if (label) {
      if (!label.id) { label.id = select.id + "-label"; }
      var ids = label.id + (rendered && rendered.id ? " " + rendered.id : "");
      combobox.setAttribute("aria-labelledby", ids);
      if (rendered) { rendered.setAttribute("aria-labelledby", ids); }
    } else if (select.getAttribute("aria-label")) {
      combobox.removeAttribute("aria-labelledby");
      combobox.setAttribute("aria-label", select.getAttribute("aria-label"));
      if (rendered) { rendered.setAttribute("aria-label", select.getAttribute("aria-label")); }
    }
    combobox.dataset.portalNamed = "1";
  }

  function repair(root) {
    root.querySelectorAll('.select2-selection[role="combobox"]').forEach(nameAutocomplete);
    root.querySelectorAll(".help-tooltip.search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  var pending = false;
  function schedule() {
    if (pending) { return; }
    pending = true;
    Promise.resolve().then(function () { pending = false; repair(document); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Move keyboard focus to the error summary so that screen readers announce it.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
    repair(document);
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", schedule);
  document.addEventListener("formset:added", schedule);
})();
