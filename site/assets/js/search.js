/*
 * The catalog's search: ranks entries by what a reader typed, in Material's search box.
 * Order (case and punctuation ignored): the entry whose name is the query, then names that start
 * with it, then names containing it, then categories, then descriptions, tags lowest; retired
 * entries after live ones of the same rank; when nothing matches, names one or two typos away.
 * Each entry is its own result (name and description);
 * Enter opens the first, arrow keys move through them. Every value is set as text, never as HTML.
 */
(function () {
  "use strict";

  var LIMIT = 30;

  // Letters Unicode does not split into a base and an accent, written as readers type them plain.
  var PLAIN = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th" };

  // Accents go before words are cut, so "Grönholm" is one word and "gronholm" finds it.
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}+/gu, "")
      .replace(/[łøđħıßæœþ]/g, function (letter) { return PLAIN[letter]; });
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function squash(text) {
    return words(text).join("");
  }

  // Where each word of the text is first started by a word of the query ("http cli" matches "HTTP
  // client"), or null when some query word starts none: the sum is how early the query is met.
  function prefixPositions(queryWords, textWords) {
    var sum = 0;
    for (var i = 0; i < queryWords.length; i++) {
      var at = textWords.findIndex(function (w) { return w.indexOf(queryWords[i]) === 0; });
      if (at < 0) return null;
      sum += at;
    }
    return sum;
  }

  function prefixesAll(queryWords, textWords) {
    return prefixPositions(queryWords, textWords) !== null;
  }

  // The squashed query inside one word of the name ("redis" in "coredis"), or from a word's start on
  // ("pytestasync"); never from the middle of one word into the next ("db" in "and beyond").
  function inName(item, key) {
    var start = 0;
    return item.nameWords.some(function (w) {
      var found = w.indexOf(key) >= 0 || item.key.startsWith(key, start);
      start += w.length;
      return found;
    });
  }

  function prepare(index) {
    var items = index.entries.map(function (e) {
      return {
        kind: "entry", name: e.name, description: e.description, href: e.href, retired: e.retired,
        key: squash(e.name), nameWords: words(e.name),
        descriptionWords: words(e.description), tagWords: words(e.tags.join(" "))
      };
    });
    index.categories.forEach(function (c) {
      items.push({
        kind: "category", name: c.title, description: c.description, href: c.href, retired: false,
        key: squash(c.title), nameWords: words(c.title), descriptionWords: [], tagWords: []
      });
    });
    return items;
  }

  // [tier, position]: tiers as in the header; among description matches, the entry whose description
  // meets the query first ("PostgreSQL driver ...") before one that mentions it in passing.
  function rank(item, key, queryWords) {
    if (item.kind === "category") return prefixesAll(queryWords, item.nameWords) ? [3, 0] : null;
    if (item.key === key) return [0, 0];
    if (item.key.indexOf(key) === 0) return [1, 0];
    if (inName(item, key) || prefixesAll(queryWords, item.nameWords)) return [2, 0];
    var position = prefixPositions(queryWords, item.descriptionWords);
    if (position !== null) return [4, position];
    if (prefixesAll(queryWords, item.tagWords)) return [5, 0];
    return null;
  }

  // Edits (insert, delete, replace, swap two neighbours) from a to b, or limit + 1 once it is over.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      var row = [i], best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row.push(Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], before[j - 2] + 1);
        }
        best = Math.min(best, row[j]);
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // When nothing matches: names one typo away ("fastpai", "asyncpgg"), two from eight letters on.
  function closest(items, key) {
    var limit = key.length < 4 ? 0 : key.length < 8 ? 1 : 2, found = [];
    if (!limit) return found;
    items.forEach(function (item) {
      var d = Math.min.apply(null, [item.key].concat(item.nameWords).map(function (w) { return distance(key, w, limit); }));
      if (d <= limit) found.push({ item: item, tier: d, position: 0 });
    });
    return found;
  }

  function search(items, query) {
    var key = squash(query), queryWords = words(query);
    if (!key) return [];
    var found = [];
    items.forEach(function (item) {
      var ranked = rank(item, key, queryWords);
      if (ranked !== null) found.push({ item: item, tier: ranked[0], position: ranked[1] });
    });
    var spelling = !found.length;
    if (spelling) found = closest(items, key);
    found.sort(function (a, b) {
      return a.tier - b.tier || a.item.retired - b.item.retired || a.position - b.position ||
        a.item.key.length - b.item.key.length || (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0);
    });
    var results = found.map(function (f) { return f.item; });
    results.spelling = spelling;  // shown as near spellings, not as matches
    return results;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function setUp(box) {
    var input = box.querySelector("[data-aa-search-input]");
    var list = box.querySelector("[data-aa-search-results]");
    var meta = box.querySelector("[data-aa-search-meta]");
    var toggle = document.getElementById("__search");
    var root = new URL(input.dataset.aaIndex, location.href);
    var items = null, loading = null;

    function load() {
      if (!loading) {
        loading = fetch(root.href).then(function (r) { return r.json(); }).then(function (index) {
          items = prepare(index);
          show();
        });
      }
      return loading;
    }

    function open() {
      if (toggle && !toggle.checked) toggle.checked = true;
      load();
    }

    function close() {
      if (toggle) toggle.checked = false;
      input.blur();
    }

    function show() {
      list.textContent = "";
      if (!items) return;
      var query = input.value.trim();
      if (!query) {
        meta.textContent = "Type a project's name, or words from its description.";
        return;
      }
      var results = search(items, query);
      meta.textContent = results.length === 0 ? "No matching entries." :
        (results.spelling ? "No exact match; the nearest names." :
          results.length === 1 ? "1 matching entry." : results.length + " matching entries.") + " Enter opens the first.";
      results.slice(0, LIMIT).forEach(function (item) {
        var li = element("li", "md-search-result__item aa-result" + (item.retired ? " aa-result--retired" : ""));
        var a = element("a", "md-search-result__link");
        a.href = new URL(item.href, new URL("..", root)).href;
        var article = element("article", "md-search-result__article md-typeset");
        var title = element("h2", null, item.name);
        article.appendChild(title);
        // Name and description only; a category page or a retired entry says so.
        var note = item.kind === "category" ? "Category page" : item.retired ? "Retired" : "";
        if (note) article.appendChild(element("p", "aa-result__note", note));
        article.appendChild(element("p", null, item.description));
        a.appendChild(article);
        li.appendChild(a);
        list.appendChild(li);
      });
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll("a"));
    }

    input.addEventListener("focus", open);
    // Tabbing on past the box (to the page's links and controls) closes it: the overlay would hide them.
    box.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !box.contains(event.relatedTarget)) close();
    });
    input.addEventListener("input", function () { open(); show(); });
    box.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
    box.querySelector("form").addEventListener("reset", function () { setTimeout(show, 0); });
    if (toggle) {
      toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); load(); } });
    }

    box.addEventListener("keydown", function (event) {
      var all = links(), at = all.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Enter" && document.activeElement === input) {
        event.preventDefault();
        var go = function () { if (links()[0]) location.href = links()[0].href; };
        if (items) go(); else load().then(go);
      } else if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus(); else all[at - 1].focus();
      }
    });

    // Buttons that open the search (the 404 page's), with Enter or Space as well as a click.
    document.querySelectorAll("[data-aa-open-search]").forEach(function (button) {
      function go(event) { event.preventDefault(); open(); input.focus(); }
      button.addEventListener("click", go);
      button.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") go(event); });
    });

    // "/" or "s" focuses the search from anywhere but a text field, as Material's own search did.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable) return;
      if (event.key === "/" || event.key === "s") {
        event.preventDefault();
        open();
        input.focus();
      }
    });
  }

  function init() {
    var box = document.querySelector("[data-aa-search]");
    if (box) setUp(box);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
