// The signatories page: search and country filter, blocks loaded in the background, anchors that
// reach any signatory. The page works without this script (first block of each section, links to
// the other blocks, downloads); this makes the whole list searchable and findable at 100,000 names.
// Before DOMContentLoaded it only shows the form: the data, the blocks and the anchor wait for the
// page's first content (a deferred script runs before that event, and the event waits for it).
(function () {
  "use strict";
  var root = document.querySelector(".petition-signatories");
  if (!root) return;
  var form = root.querySelector(".petition-search");
  var input = form.querySelector('input[name="q"]');
  var select = form.querySelector('select[name="country"]');
  var result = form.querySelector(".petition-result");
  var list = form.querySelector(".petition-results");
  var more = form.querySelector(".petition-more");
  var countryPage = form.querySelector(".petition-country-page");
  var PAGE = 100;
  var data = null;      // the search JSON
  var folded = [];      // one folded haystack per row, prepared in chunks
  var at = {};         // a field's position in a row of the search data
  var matches = [];
  var shown = 0;
  var timer = 0;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }
  function pause() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }
  function plural(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many);
  }

  // The data, and a folded string per row, built a chunk at a time so the page never freezes;
  // asked for once the page has opened (start), awaited by a search typed before that.
  var begin;
  var ready = new Promise(function (resolve) { begin = resolve; }).then(function () {
    return fetch(root.dataset.search);
  }).then(function (r) { return r.json(); }).then(async function (json) {
    data = json;
    // Each row's values in the order json.fields names them (petition.model.fields.SEARCH_FIELDS).
    json.fields.forEach(function (name, i) { at[name] = i; });
    var texts = json.fields.map(function (_, i) { return i; }).filter(function (i) { return i >= 2 && i !== at.country; });
    var rows = json.rows, names = json.countries;
    for (var i = 0; i < rows.length; i += 5000) {
      var end = Math.min(rows.length, i + 5000);
      for (var j = i; j < end; j++) {
        var r = rows[j];
        folded.push(fold(texts.map(function (k) { return r[k]; }).join(" \u0001 ") + " \u0001 " + (names[r[at.country]] || "") + " " + r[at.country]));
      }
      await pause();
    }
    return json;
  });

  function item(r) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = "#" + r[0];
    var bdi = document.createElement("bdi");
    bdi.dir = "auto";
    bdi.textContent = r[at.name];
    a.appendChild(bdi);
    li.appendChild(a);
    var country = r[at.country];
    if (country) li.appendChild(document.createTextNode(", " + (data.countries[country] || country)));
    data.asides.forEach(function (name) {
      if (!r[at[name]]) return;
      li.appendChild(document.createTextNode(" ("));
      var aside = document.createElement("bdi");
      aside.dir = "auto";
      aside.textContent = r[at[name]];
      li.appendChild(aside);
      li.appendChild(document.createTextNode(")"));
    });
    return li;
  }

  function showMore() {
    var frag = document.createDocumentFragment();
    var end = Math.min(matches.length, shown + PAGE);
    for (; shown < end; shown++) frag.appendChild(item(data.rows[matches[shown]]));
    list.appendChild(frag);
    more.hidden = shown >= matches.length;
  }

  // The filtered country's own page (counts, list and the government's responses, printable).
  function showCountryPage(country) {
    if (!countryPage) return;
    countryPage.hidden = !country;
    if (!country) return;
    var link = countryPage.querySelector("a");
    link.href = form.dataset.countries + country.toLowerCase() + "/";
    link.textContent = "The page of " + select.options[select.selectedIndex].text.replace(/ \([0-9,]+\)$/, "") +
      ": its signatories and its government's responses, printable";
  }

  function remember(q, country) {
    var url = new URL(window.location.href);
    if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
    if (country) url.searchParams.set("country", country); else url.searchParams.delete("country");
    history.replaceState(history.state, "", url.toString());
  }

  async function search() {
    var q = input.value.trim();
    var country = select.value;
    remember(q, country);
    showCountryPage(country);
    list.textContent = "";
    matches = [];
    shown = 0;
    if (!q && !country) {
      result.textContent = "";
      more.hidden = true;
      root.classList.remove("petition-filtering");
      return;
    }
    root.classList.add("petition-filtering");
    result.textContent = "Searching…";
    await ready;
    if (input.value.trim() !== q || select.value !== country) return; // a newer search follows
    var terms = fold(q).split(/\s+/).filter(Boolean);
    var rows = data.rows, orgs = 0;
    for (var i = 0; i < rows.length; i++) {
      if (country && rows[i][at.country] !== country) continue;
      var hay = folded[i], ok = true;
      for (var t = 0; t < terms.length; t++) if (hay.indexOf(terms[t]) < 0) { ok = false; break; }
      if (ok) { matches.push(i); if (rows[i][1] === "o") orgs++; }
    }
    var n = matches.length;
    result.textContent = n === 0 ? "No signatory matches." :
      plural(n, "signatory matches", "signatories match") + ": " + plural(orgs, "organisation", "organisations") + ", " + plural(n - orgs, "individual", "individuals") + ".";
    showMore();
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  }

  // Blocks: fetched once each, in page order in the background, or at once when an anchor needs one.
  var loading = new Map();
  function loadBlock(el) {
    if (!el.dataset.block) return Promise.resolve();
    if (!loading.has(el)) {
      loading.set(el, fetch(el.dataset.block).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var ol = doc.querySelector("ol.petition-list");
        if (!ol) return;
        el.textContent = "";
        el.appendChild(document.adoptNode(ol));
        delete el.dataset.block;
        el.classList.add("petition-loaded");
      }).catch(function () { loading.delete(el); }));
    }
    return loading.get(el);
  }
  async function loadAll() {
    var blocks = root.querySelectorAll(".petition-block[data-block]");
    for (var i = 0; i < blocks.length; i++) {
      await loadBlock(blocks[i]);
      await pause();
    }
  }

  async function reach() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) {
      var json = await ready;
      var index = -1;
      for (var i = 0; i < json.rows.length; i++) if (json.rows[i][0] === id) { index = i; break; }
      if (index < 0) return;
      var kind = json.rows[index][1] === "o" ? "organization" : "individual";
      var first = 0;
      while (first < json.rows.length && json.rows[first][1] !== json.rows[index][1]) first++;
      var number = Math.floor((index - first) / json.block) + 1;
      var block = root.querySelector('.petition-section[data-type="' + kind + '"] .petition-block:nth-of-type(' + number + ')');
      if (block) await loadBlock(block);
      target = document.getElementById(id);
      if (!target) return;
    }
    var old = root.querySelector(".petition-target");
    if (old) old.classList.remove("petition-target");
    target.classList.add("petition-target");
    target.scrollIntoView({ block: "center" });
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.addEventListener("input", later);
  select.addEventListener("change", search);
  more.querySelector("button").addEventListener("click", showMore);
  window.addEventListener("hashchange", reach);

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  if (params.get("country")) select.value = params.get("country");

  var started = false;
  function start() {
    if (started) return;
    started = true;
    begin();
    if (input.value || select.value) search();
    reach().then(loadAll);
  }
  if (document.readyState === "complete") {
    start();
  } else {
    // One task after the event (its own handlers count towards it); "load" in case it has passed.
    document.addEventListener("DOMContentLoaded", function () { setTimeout(start, 0); }, { once: true });
    window.addEventListener("load", start, { once: true });
  }
})();
