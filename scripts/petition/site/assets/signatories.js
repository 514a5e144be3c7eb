// The signatories page: search and country filter, blocks loaded in the background, anchors that
// reach any signatory. The page works without this script (first block of each section, links to
// the other blocks, downloads); this makes the whole list searchable and findable at 100,000 names.
// Before DOMContentLoaded it only shows the form: the data, the blocks and the anchor wait for the
// page's first content (a deferred script runs before that event, and the event waits for it).
(function () {
  "use strict";
  var root = document.querySelector(".petition-signatories");
  if (!root || typeof Worker === "undefined") return;
  var form = root.querySelector(".petition-search");
  var input = form.querySelector('input[name="q"]');
  var select = form.querySelector('select[name="country"]');
  var result = form.querySelector(".petition-result");
  var list = form.querySelector(".petition-results");
  var more = form.querySelector(".petition-more");
  var countryPage = form.querySelector(".petition-country-page");
  var all = root.querySelector(".petition-all");
  // The search runs in a worker (signatories-search.js): this thread never parses or scans the
  // data, it only shows a page of results, so a keystroke is painted at once at 100,000 names.
  var worker = new Worker(new URL("signatories-search.js", document.currentScript.src));
  var head = null;      // the search data's head: fields, asides, countries (the worker keeps the rows)
  var at = {};          // a field's position in a row of the search data
  var asked = 0;        // the newest search's id: older answers are dropped
  var finding = {};     // slug -> resolve, for anchors to blocks not loaded yet

  function pause() {
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }
  function plural(n, one, many) {
    return n.toLocaleString("en") + " " + (n === 1 ? one : many);
  }

  var begin;
  var ready = new Promise(function (resolve) { begin = resolve; });

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  // One result as HTML text (one parse for the page of results, no object per node).
  function item(r) {
    var html = '<li><a href="#' + escape(encodeURIComponent(r[0])) + '"><bdi dir="auto">' + escape(r[at.name]) + "</bdi></a>";
    var country = r[at.country];
    if (country) html += ", " + escape(head.countries[country] || country);
    head.asides.forEach(function (name) {
      if (r[at[name]]) html += ' (<bdi dir="auto">' + escape(r[at[name]]) + "</bdi>)";
    });
    return html + "</li>";
  }

  function append(rows, rest) {
    list.insertAdjacentHTML("beforeend", rows.map(item).join(""));
    more.hidden = rest <= 0;
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


  // The results take the list's place (content-visibility: hidden keeps its rows laid out for
  // when the search is cleared, and out of the page meanwhile). Hiding or showing 100,000 rows
  // takes Chromium 40-90 ms, so it waits for the frame that shows the keystroke to be painted.
  var hiding = false, wanted = false;
  function filtering(on) {
    if (wanted === on) return;
    wanted = on;
    requestAnimationFrame(function () {
      setTimeout(function () {
        if (hiding === wanted) return;
        hiding = wanted;
        all.classList.toggle("petition-hidden", hiding);
      }, 0);
    });
  }

  worker.onmessage = function (event) {
    var m = event.data;
    if (m.ready) {
      head = m.ready;
      head.fields.forEach(function (name, i) { at[name] = i; });
      begin();
      return;
    }
    if (m.find !== undefined) {
      if (finding[m.find]) finding[m.find](m.found);
      delete finding[m.find];
      return;
    }
    if (m.id !== asked) return; // a newer search follows
    if (m.more) { append(m.rows, m.rest); return; }
    var n = m.count;
    list.textContent = "";
    result.textContent = n === 0 ? "No signatory matches." :
      plural(n, "signatory matches", "signatories match") + ": " + plural(m.orgs, "organisation", "organisations") + ", " + plural(n - m.orgs, "individual", "individuals") + ".";
    append(m.rows, m.rest);
  };

  // The address says what is searched (a link to share), written once typing pauses: the page's
  // address changed on every keystroke costs each one about 15 ms at 100,000 names.
  var remembering = 0;
  function remember(q, country) {
    clearTimeout(remembering);
    remembering = setTimeout(function () {
      var url = new URL(window.location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      if (country) url.searchParams.set("country", country); else url.searchParams.delete("country");
      if (url.href !== window.location.href) history.replaceState(history.state, "", url.toString());
    }, 500);
  }

  function search() {
    var q = input.value.trim();
    var country = select.value;
    remember(q, country);
    showCountryPage(country);
    asked++;
    if (!q && !country) {
      list.textContent = "";
      result.textContent = "";
      more.hidden = true;
      filtering(false);
      return;
    }
    filtering(true);
    if (!head) {
      list.textContent = "";
      more.hidden = true;
      result.textContent = "Searching…";
    }
    worker.postMessage({ id: asked, q: q, country: country });
  }

  function showMore() {
    worker.postMessage({ more: true });
  }

  // Where a signatory is in the list (its section and block), asked of the worker.
  function locate(slug) {
    return ready.then(function () {
      return new Promise(function (resolve) {
        finding[slug] = resolve;
        worker.postMessage({ find: slug });
      });
    });
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
      var found = await locate(id);
      if (!found) return;
      var kind = found.type === "o" ? "organization" : "individual";
      var block = root.querySelector('.petition-section[data-type="' + kind + '"] .petition-block:nth-of-type(' + found.number + ')');
      if (block) await loadBlock(block);
      target = document.getElementById(id);
      if (!target) return;
    }
    if (input.value || select.value) { input.value = ""; select.value = ""; search(); }
    if (target.tagName === "DETAILS") target.open = true; // the table of every country
    var old = root.querySelector(".petition-target");
    if (old) old.classList.remove("petition-target");
    target.classList.add("petition-target");
    target.scrollIntoView({ block: "center" });
  }

  form.hidden = false;
  form.addEventListener("submit", function (e) { e.preventDefault(); search(); });
  input.addEventListener("input", search);
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
    worker.postMessage({ load: new URL(root.dataset.search, window.location.href).href });
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
