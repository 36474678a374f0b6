// The report: typing a date means "Choose dates"; printing the page opens every data table.
(function () {
  "use strict";
  var form = document.querySelector(".report-form");
  if (form) {
    var period = form.querySelector("select[name=period]");
    form.querySelectorAll("input[type=date]").forEach(function (input) {
      input.addEventListener("change", function () {
        if (period && input.value) {
          period.value = "custom";
        }
      });
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.chart-data").forEach(function (details) {
      details.open = true;
    });
  });
})();
