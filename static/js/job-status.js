// A job's status page follows the job: it asks for the job's state every two seconds and updates the
// status line (a polite live region, so screen readers hear the change); when the job has finished it
// reloads the page, which then shows the result or the reason it failed. Without JavaScript the page
// has a plain "Refresh the page" link instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-job-status-url");
  var every = 2000;

  function field(name) { return box.querySelector('[data-job-field="' + name + '"]'); }

  function show(state) {
    field("status_label").textContent = state.status_label;
    field("step").textContent = state.step || "";
    field("progress").textContent = state.progress || "";
    var separators = box.querySelectorAll("[data-job-separator]");
    separators[0].hidden = !state.step;
    separators[1].hidden = !state.progress;
    var bar = field("percent");
    if (state.percent === null || state.percent === undefined) {
      bar.hidden = true;
    } else {
      bar.hidden = false;
      bar.value = state.percent;
      bar.textContent = state.percent + "%";
    }
  }

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.json();
      })
      .then(function (state) {
        if (state.finished) { window.location.reload(); return; }
        show(state);
        window.setTimeout(ask, every);
      })
      .catch(function () { window.setTimeout(ask, every * 3); });
  }

  window.setTimeout(ask, every / 2);
}());
