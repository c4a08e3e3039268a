// Move keyboard focus to a form's error summary so screen readers announce it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});

// Tables scroll inside their own region rather than making the page scroll sideways (WCAG 1.4.10):
// every table in the content sits in a .table-responsive box (wrapped here if its template did not),
// and while the box is too narrow for its table it is a named region that takes keyboard focus, so
// that it can be scrolled with the arrow keys; it is named by the table's caption, which is visible.
(function () {
  "use strict";
  var count = 0;

  function wrap(table) {
    var box = table.parentElement;
    if (box && box.classList.contains("table-responsive")) { return box; }
    box = document.createElement("div");
    box.className = "table-responsive";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  function update(box) {
    var table = box.querySelector("table");
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      if (table && table.caption) {
        if (!table.caption.id) { count += 1; table.caption.id = "table-caption-" + count; }
        box.setAttribute("aria-labelledby", table.caption.id);
      } else {
        box.setAttribute("aria-label", "Table, scrolls sideways");
      }
      box.classList.add("is-scrolling");
    } else if (box.classList.contains("is-scrolling")) {
      box.removeAttribute("role");
      box.removeAttribute("tabindex");
      box.removeAttribute("aria-labelledby");
      box.removeAttribute("aria-label");
      box.classList.remove("is-scrolling");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = [];
    document.querySelectorAll("main table").forEach(function (table) {
      if (table.closest(".visually-hidden")) { return; }
      boxes.push(wrap(table));
    });
    boxes.forEach(update);
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function (entries) { entries.forEach(function (entry) { update(entry.target); }); });
      boxes.forEach(function (box) { observer.observe(box); });
    } else {
      window.addEventListener("resize", function () { boxes.forEach(update); });
    }
  });
})();
