/*
 * Sorting and hiding a category's entries, and keeping "3 days ago" current.
 * Progressive enhancement: without this script the controls stay hidden and every entry is
 * listed in catalog order. The controls are a native <select> and checkbox, so keyboards and
 * screen readers get them for free; a live region announces what is shown.
 */
(function () {
  "use strict";

  var DAY = 86400000;

  function relative(date, now) {
    var days = Math.floor((now - date) / DAY);
    if (days < 1) return "today";
    if (days === 1) return "yesterday";
    if (days < 31) return days + " days ago";
    if (days < 365) {
      var months = Math.max(1, Math.round(days / 30.44));
      return months === 1 ? "1 month ago" : months + " months ago";
    }
    var years = Math.floor(days / 365);
    return years === 1 ? "1 year ago" : years + " years ago";
  }

  function refreshTimes() {
    var now = Date.now();
    document.querySelectorAll("time[data-aa-relative]").forEach(function (el) {
      var when = Date.parse(el.getAttribute("datetime"));
      if (!isNaN(when)) el.textContent = relative(when, now);
    });
  }

  var COMPARE = {
    name: function (a, b) {
      return a.dataset.aaName < b.dataset.aaName ? -1 : a.dataset.aaName > b.dataset.aaName ? 1 : 0;
    },
    stars: function (a, b) {
      // Entries without a known star count go last, never counted as zero.
      var x = a.dataset.aaStars, y = b.dataset.aaStars;
      if (x === undefined || y === undefined) return (x === undefined) - (y === undefined);
      return Number(y) - Number(x);
    },
    activity: function (a, b) {
      var x = a.dataset.aaActivity ? Date.parse(a.dataset.aaActivity) : NaN;
      var y = b.dataset.aaActivity ? Date.parse(b.dataset.aaActivity) : NaN;
      if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y);
      return y - x;
    }
  };

  function setUp(list, controls) {
    var entries = Array.prototype.slice.call(list.querySelectorAll("[data-aa-index]"));
    var sort = controls.querySelector("[data-aa-sort]");
    var hide = controls.querySelector("[data-aa-hide]");
    var summary = controls.querySelector("[data-aa-summary]");

    function apply() {
      var by = COMPARE[sort.value] || COMPARE.name;
      var ordered = entries.slice().sort(function (a, b) {
        return by(a, b) || Number(a.dataset.aaIndex) - Number(b.dataset.aaIndex);
      });
      var shown = 0;
      ordered.forEach(function (entry) {
        var hidden = hide.checked && entry.hasAttribute("data-aa-hideable");
        entry.hidden = hidden;
        if (!hidden) shown += 1;
        list.appendChild(entry);
      });
      summary.textContent = "Showing " + shown + " of " + entries.length + " entries.";
    }

    sort.addEventListener("change", apply);
    hide.addEventListener("change", apply);
    controls.hidden = false;
    apply();
  }

  function init() {
    refreshTimes();
    var list = document.querySelector("[data-aa-list]");
    var controls = document.querySelector("[data-aa-controls]");
    if (list && controls) setUp(list, controls);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
