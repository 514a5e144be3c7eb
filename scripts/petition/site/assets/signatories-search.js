// The signatories page's search, in a worker: the page's thread never parses the search data nor
// scans it, so typing stays smooth at 100,000 names. The page (signatories.js) posts
//   {load: url}                          once, to fetch and prepare the data;
//   {id, q, country}                     a search: answered with its counts and first page;
//   {more: true}                         the next page of the last search (answered with its id);
//   {find: slug}                         where a signatory is (for an anchor to a block not loaded yet);
// and gets {ready: head} once the data is prepared, then one answer per search, newest only.
"use strict";

var PAGE = 100;
var head = null;      // the search data without its rows: block size, fields, asides, countries
var rows = null;
var at = {};          // a field's position in a row
var text = "";        // every row's folded text, one after another, each ended by "\u0000"
var starts = null;    // where each row's text starts in `text` (Int32Array, one more than rows)
var matches = [];     // the last search's rows
var matchesId = 0;    // the search they answer
var shown = 0;
var pending = null;   // the newest message not answered yet
var gotUrl;
var loaded = new Promise(function (resolve) { gotUrl = resolve; }).then(load);

function fold(value) {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function load(url) {
  return fetch(url).then(function (r) { return r.json(); }).then(function (json) {
    rows = json.rows;
    json.fields.forEach(function (name, i) { at[name] = i; });
    var texts = json.fields.map(function (_, i) { return i; }).filter(function (i) { return i >= 2 && i !== at.country; });
    var parts = new Array(rows.length);
    starts = new Int32Array(rows.length + 1);
    var length = 0;
    for (var j = 0; j < rows.length; j++) {
      var r = rows[j];
      // "\u0000" never occurs in a folded query, so no term matches across two rows.
      var part = fold(texts.map(function (k) { return r[k]; }).join(" \u0001 ") + " \u0001 " + (json.countries[r[at.country]] || "") + " " + r[at.country]) + "\u0000";
      parts[j] = part;
      starts[j] = length;
      length += part.length;
    }
    starts[rows.length] = length;
    text = parts.join("");
    delete json.rows;
    head = json;
    postMessage({ ready: head });
  });
}

// The row whose text holds position `pos` (binary search in `starts`).
function rowAt(pos) {
  var lo = 0, hi = rows.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo;
}

function search(q, country) {
  var terms = fold(q).split(/\s+/).filter(Boolean);
  var found = [];
  var c = at.country;
  if (!terms.length) {
    for (var i = 0; i < rows.length; i++) if (rows[i][c] === country) found.push(i);
    return found;
  }
  // The first term's hits in the whole text (one native scan), each row once; the rest checked per row.
  var first = terms[0], rest = terms.slice(1), pos = text.indexOf(first);
  while (pos >= 0) {
    var row = rowAt(pos);
    var ok = !country || rows[row][c] === country;
    if (ok && rest.length) {
      var own = text.slice(starts[row], starts[row + 1]);
      for (var t = 0; t < rest.length && ok; t++) ok = own.indexOf(rest[t]) >= 0;
    }
    if (ok) found.push(row);
    pos = text.indexOf(first, starts[row + 1]);
  }
  return found;
}

function page() {
  var end = Math.min(matches.length, shown + PAGE);
  var part = matches.slice(shown, end).map(function (i) { return rows[i]; });
  shown = end;
  return { rows: part, rest: matches.length - shown };
}

function answer(message) {
  if (message.find !== undefined) {
    var index = -1;
    for (var i = 0; i < rows.length; i++) if (rows[i][0] === message.find) { index = i; break; }
    if (index < 0) return { find: message.find, found: null };
    var first = 0;
    while (first < rows.length && rows[first][1] !== rows[index][1]) first++;
    return { find: message.find, found: { type: rows[index][1], number: Math.floor((index - first) / head.block) + 1 } };
  }
  if (message.more) return Object.assign({ id: matchesId, more: true }, page());
  matches = search(message.q, message.country);
  matchesId = message.id;
  shown = 0;
  var orgs = 0;
  for (var j = 0; j < matches.length; j++) if (rows[matches[j]][1] === "o") orgs++;
  return Object.assign({ id: message.id, count: matches.length, orgs: orgs }, page());
}

// Only the newest search is answered: one typed while another ran replaces any still waiting.
function run() {
  var message = pending;
  pending = null;
  if (message) postMessage(answer(message));
}

onmessage = function (event) {
  var message = event.data;
  if (message.load) { gotUrl(message.load); return; }
  if (message.q === undefined) { loaded.then(function () { postMessage(answer(message)); }); return; } // more, find
  var waiting = pending !== null;
  pending = message;
  if (!waiting) loaded.then(function () { setTimeout(run, 0); });
};
