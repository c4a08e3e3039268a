// The attendance page (templates/meetings/attendance_form.html), progressively enhanced:
// - a member's deputy fields show only while "Represented by a deputy" is chosen (without this
//   script they are always shown, and the server ignores them for any other status);
// - "Mark everyone present" resets every status on the page without reloading it (without this
//   script it is a link that reloads the form with everyone present).
(function () {
  "use strict";

  function deputyFields(select) {
    return document.getElementById(select.getAttribute("data-deputy-fields"));
  }

  function sync(select) {
    var fields = deputyFields(select);
    if (fields) { fields.hidden = select.value !== "deputy"; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-attendance-form]");
    if (!form) { return; }
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-deputy-fields]"));
    selects.forEach(function (select) {
      sync(select);
      select.addEventListener("change", function () { sync(select); });
    });
    var markAll = document.querySelector("[data-mark-all-present]");
    var announcement = document.getElementById("attendance-announcement");
    if (markAll) {
      markAll.setAttribute("role", "button");
      markAll.addEventListener("keydown", function (event) {
        if (event.key === " ") { event.preventDefault(); markAll.click(); }  // a button answers Space too
      });
      markAll.addEventListener("click", function (event) {
        event.preventDefault();
        selects.forEach(function (select) { select.value = "present"; sync(select); });
        if (announcement) {
          announcement.textContent = "";
          announcement.textContent = "Everyone is marked present. Change the exceptions, then save.";
        }
      });
    }
  });
})();
