/* iA.Solutions on every page (bundle "iasolutions-core"): what Plone's and
   eea.facetednavigation's scripts leave unreadable to screen readers or in English. */
(function () {
  "use strict";

  var language = (document.documentElement.lang || "fr").split("-")[0];
  var portalUrl = document.body.dataset.portalUrl || "";

  /* Dashboards replace their results without reloading the page: a status region
     that stays in the page tells screen readers the new count (a region inserted
     with the results would not be read). */
  function watchResults(results) {
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

  /* select2 (the dashboards' filters, Plone's contact and document pickers) comes
     with English texts only ("No matches found"…): its texts from the "widgets"
     catalog of the user's language (@@plonejsi18n), read when shown. */
  var catalog = {};

  function translate(msgid, count) {
    return (catalog[msgid] || msgid).replace("${count}", count);
  }

  function loadCatalog() {
    if (!portalUrl) {
      return;
    }
    fetch(portalUrl + "/plonejsi18n?domain=widgets&language=" + language)
      .then(function (response) { return response.json(); })
      .then(function (messages) {
        catalog = messages || {};
        nameControls(document, true);
      })
      .catch(function () { catalog = {}; });
  }

  function translateSelect2() {
    var select2 = window.jQuery && window.jQuery.fn.select2;
    if (!select2) {
      return;
    }
    Object.assign(select2.defaults, {
      formatNoMatches: function () { return translate("No matches found"); },
      formatSearching: function () { return translate("Searching…"); },
      formatLoadMore: function () { return translate("Loading more results…"); },
      formatAjaxError: function () { return translate("Loading failed"); },
      formatInputTooShort: function (input, min) {
        return translate("Please enter ${count} more character(s)", min - input.length);
      },
      formatInputTooLong: function (input, max) {
        return translate("Please delete ${count} character(s)", input.length - max);
      },
      formatSelectionTooBig: function (limit) {
        return translate("You can only select ${count} item(s)", limit);
      },
      formatMatches: function (matches) {
        return translate("${count} result(s) available, use the up and down arrow keys to navigate.", matches);
      }
    });
  }

  /* Plone's toolbar pins with links that have no address (a name on a link
     without a role is not read); its pickers' "home" crumb is an icon alone. */
  function nameControls(root, again) {
    root.querySelectorAll("#edit-zone .toolbar-header a:not([href]):not([role])").forEach(function (link) {
      link.setAttribute("role", "button");
      link.setAttribute("tabindex", "0");
      link.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          link.click();
        }
      });
    });
    var crumbs = again ? ".pat-relateditems-container a.crumb[data-named]"
                       : ".pat-relateditems-container a.crumb:not([aria-label])";
    root.querySelectorAll(crumbs).forEach(function (crumb) {
      if (!crumb.textContent.trim()) {
        crumb.setAttribute("aria-label", translate("Site root"));
        crumb.setAttribute("data-named", "");
      }
    });
  }

  function start() {
    var results = document.getElementById("faceted-results");
    if (results && !document.getElementById("dashboard-status")) {
      watchResults(results);
    }
    loadCatalog();
    translateSelect2();
    nameControls(document);
    new MutationObserver(function () { nameControls(document); })
      .observe(document.body, {childList: true, subtree: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
