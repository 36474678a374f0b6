// After a failed submit, move focus to the error summary so that keyboard and screen-reader
// users start from the list of what to correct (each item links to its field).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
