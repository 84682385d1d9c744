/* Dashboards (eea.facetednavigation) replace their results without reloading the
   page: a status region that stays in the page tells screen readers the new
   count (a region inserted with the results would not be read). */
(function () {
  "use strict";

  function watch(results) {
    var status = document.createElement("p");
    status.id = "dashboard-status";
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    results.parentNode.insertBefore(status, results);
    new MutationObserver(function () {
      var count = results.querySelector(".dashboard-count");
      if (count && status.textContent !== count.textContent.trim()) {
        status.textContent = count.textContent.trim();
      }
    }).observe(results, {childList: true, subtree: true});
  }

  function start() {
    var results = document.getElementById("faceted-results");
    if (results && !document.getElementById("dashboard-status")) {
      watch(results);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
