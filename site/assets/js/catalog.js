/*
 * A category's entries: two views (cards, or a compact table), sorting, hiding inactive entries and
 * filtering by compatibility; and keeping "3 days ago" current.
 * Progressive enhancement: without this script the controls stay hidden and every entry is listed
 * as a card in catalog order. Sort and filters live in the URL (?sort=stars&hide=1&works=trio&python=3.14),
 * so a view can be shared and survives a reload; the chosen view (cards or table) is remembered in
 * localStorage. The controls are native buttons, selects and a checkbox; a live region says what is shown.
 */
(function () {
  "use strict";

  var DAY = 86400000;
  var VIEW_KEY = "aa-view";

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

  // Entries whose figure is unknown go last, never counted as zero.
  function byNumber(attribute) {
    return function (a, b) {
      var x = a.getAttribute(attribute), y = b.getAttribute(attribute);
      if (x === null || y === null) return (x === null) - (y === null);
      return Number(y) - Number(x);
    };
  }

  var COMPARE = {
    name: function (a, b) {
      return a.dataset.aaName < b.dataset.aaName ? -1 : a.dataset.aaName > b.dataset.aaName ? 1 : 0;
    },
    stars: byNumber("data-aa-stars"),
    gained: byNumber("data-aa-gained"),
    activity: function (a, b) {
      var x = a.dataset.aaActivity ? Date.parse(a.dataset.aaActivity) : NaN;
      var y = b.dataset.aaActivity ? Date.parse(b.dataset.aaActivity) : NaN;
      if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y);
      return y - x;
    }
  };

  function storedView() {
    try { return localStorage.getItem(VIEW_KEY) === "table" ? "table" : "cards"; } catch (e) { return "cards"; }
  }

  function storeView(view) {
    try { localStorage.setItem(VIEW_KEY, view); } catch (e) { /* private mode: the choice lasts for this page */ }
  }

  // A select's value from the URL, when it names an option that is there and enabled.
  function choose(select, value) {
    var option = Array.prototype.find.call(select.options, function (o) { return o.value === value && !o.disabled; });
    if (option && !select.disabled) select.value = value;
  }

  function setUp(controls) {
    var containers = Array.prototype.slice.call(document.querySelectorAll("[data-aa-list], [data-aa-rows]"));
    var lists = Array.prototype.slice.call(document.querySelectorAll("[data-aa-list]"));
    var tables = Array.prototype.slice.call(document.querySelectorAll("[data-aa-table]"));
    var retiredGroup = document.querySelector("[data-aa-retired-group]");
    var sort = controls.querySelector("[data-aa-sort]");
    var hide = controls.querySelector("[data-aa-hide]");
    var filters = Array.prototype.slice.call(controls.querySelectorAll("[data-aa-filter]"));
    var summary = controls.querySelector("[data-aa-summary]");
    var viewButtons = Array.prototype.slice.call(controls.querySelectorAll("[data-aa-view]"));
    var liveCount = document.querySelectorAll("[data-aa-list] [data-aa-index]:not([data-aa-retired])").length;

    function matches(item) {
      if (hide.checked && item.hasAttribute("data-aa-hideable")) return false;
      return filters.every(function (filter) {
        if (!filter.value) return true;
        var known = item.getAttribute("data-aa-" + filter.dataset.aaFilter);
        return known !== null && known.split(" ").indexOf(filter.value) !== -1;  // unknown never matches
      });
    }

    function writeUrl() {
      var params = new URLSearchParams(location.search);
      if (sort.value !== "name") params.set("sort", sort.value); else params.delete("sort");
      if (hide.checked) params.set("hide", "1"); else params.delete("hide");
      filters.forEach(function (filter) {
        if (filter.value) params.set(filter.dataset.aaParam, filter.value); else params.delete(filter.dataset.aaParam);
      });
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function apply() {
      var by = COMPARE[sort.value] || COMPARE.name;
      var shown = 0;
      containers.forEach(function (container) {
        var items = Array.prototype.slice.call(container.children);
        items.sort(function (a, b) {
          return by(a, b) || Number(a.dataset.aaIndex) - Number(b.dataset.aaIndex);
        });
        items.forEach(function (item) {
          item.hidden = !matches(item);
          container.appendChild(item);
          if (!item.hidden && container.hasAttribute("data-aa-list") && !item.hasAttribute("data-aa-retired")) shown += 1;
        });
      });
      // A group that would open on nothing ("Retired (2)" under "works with Trio") is hidden too.
      if (retiredGroup) retiredGroup.hidden = hide.checked || !retiredGroup.querySelector("[data-aa-list] > :not([hidden])");
      var filtered = filters.some(function (f) { return f.value; });
      summary.textContent = "Showing " + shown + " of " + liveCount + " entries." +
        (filtered ? " Entries whose compatibility is not known are left out." : "");
      writeUrl();
    }

    function showView(view) {
      lists.forEach(function (list) { list.hidden = view === "table"; });
      tables.forEach(function (table) { table.hidden = view !== "table"; });
      viewButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.aaView === view));
      });
      document.body.classList.toggle("aa-compact", view === "table");
    }

    // An entry's anchor (from search or a shared link) in the table view points at its row.
    function revealAnchor() {
      if (storedView() !== "table" || !location.hash) return;
      var row = document.getElementById("row-" + decodeURIComponent(location.hash.slice(1)));
      if (row) {
        var group = row.closest("details");
        if (group) group.open = true;
        row.classList.add("aa-target");
        row.scrollIntoView({ block: "center" });
      }
    }

    var params = new URLSearchParams(location.search);
    choose(sort, params.get("sort"));
    hide.checked = params.get("hide") === "1" && !hide.disabled;
    filters.forEach(function (filter) { choose(filter, params.get(filter.dataset.aaParam)); });

    sort.addEventListener("change", apply);
    hide.addEventListener("change", apply);
    filters.forEach(function (filter) { filter.addEventListener("change", apply); });
    viewButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        storeView(button.dataset.aaView);
        showView(button.dataset.aaView);
      });
    });
    window.addEventListener("hashchange", revealAnchor);
    controls.hidden = false;
    showView(storedView());
    apply();
    revealAnchor();
  }

  function init() {
    refreshTimes();
    var controls = document.querySelector("[data-aa-controls]");
    if (controls && document.querySelector("[data-aa-list]")) setUp(controls);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
