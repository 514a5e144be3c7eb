// The sign page. It checks the answers with the schema's own rules (received as data from the
// site build, see petition/signform.py), encrypts the contact email in this browser with WebCrypto
// RSA-OAEP-SHA256 to the maintainers' key, and shows the finished signature file. It sends
// nothing anywhere: its only requests are GETs to this site for the transliteration tables, the
// list of file names already taken and the names already listed for the signer's country.
// "Send by email" is a mailto: link the signer's own mail program opens (petition receive reads it).
(function () {
  "use strict";

  var root = document.getElementById("petition-sign");
  var configNode = document.getElementById("petition-sign-config");
  if (!root || !configNode) return;
  var C = JSON.parse(configNode.textContent);
  var R = C.rules;
  var S = C.strings;
  // The questions about the signature, as petition.model.fields declares them; then the email and the consent.
  var QUESTIONS = R.fields;
  var FIELDS = QUESTIONS.map(function (f) { return f.name; }).concat(["email", "consent"]);
  var GITHUB = new RegExp(R.github, "u");
  var EMAIL_SHAPE = new RegExp(R.email_shape, "u");
  var ENTITY = new RegExp(R.entity, "u");
  var MD_LINK = new RegExp(R.md_link, "u");
  // petition.model.writer.scalar's rule, as data: the same patterns, anchored as Python matches them.
  var PLAIN_SCALAR = new RegExp("^(?:" + R.plain_scalar + ")$", "u");
  var TYPED_SCALAR = new RegExp("^(?:" + R.typed_scalar + ")", "u");

  var form = document.getElementById("ps-form");
  var result = document.getElementById("ps-result");
  var statusNode = document.getElementById("ps-status");
  var summary = document.getElementById("ps-summary");
  var submit = document.getElementById("ps-submit");

  function fmt(text, params) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return params && name in params ? String(params[name]) : all;
    });
  }

  function problem(code, params) {
    return { code: code, text: fmt(S.errors[code], params) };
  }

  function codePoint(ch) {
    return ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  }

  function nonLatinLetter(ch) {
    var cp = ch.codePointAt(0);
    return /[\p{L}\p{M}]/u.test(ch) && cp >= 0x370 && !(cp >= 0x1e00 && cp <= 0x1eff);
  }

  // Mirrors petition.schema.check_text: any script, one line, nothing that renders or hides.
  function checkText(value, limit) {
    var chars = Array.from(value);
    for (var i = 0; i < chars.length; i++) {
      var ch = chars[i];
      if (R.joiners.indexOf(ch) >= 0) {
        if (i > 0 && i < chars.length - 1 && nonLatinLetter(chars[i - 1]) && nonLatinLetter(chars[i + 1])) continue;
        return problem("text_invisible", { cp: codePoint(ch) });
      }
      if (R.line_breaks.indexOf(ch) >= 0) return problem("text_line_break");
      if (/\p{Cf}/u.test(ch)) return problem("text_invisible", { cp: codePoint(ch) });
      if (/[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u.test(ch)) return problem("text_control", { cp: codePoint(ch) });
      if (R.markup.indexOf(ch) >= 0) return problem("text_markup");
    }
    if (value.indexOf("  ") >= 0) return problem("text_space");
    if (ENTITY.test(value)) return problem("text_entity");
    if (MD_LINK.test(value)) return problem("text_link");
    if (R.formula_first.indexOf(chars[0]) >= 0) return problem("text_formula", { first: chars[0] });
    if (!/[\p{L}\p{N}]/u.test(value)) return problem("text_no_letters");
    if (chars.length > limit) return problem("text_too_long", { length: chars.length, limit: limit });
    if (EMAIL_SHAPE.test(value)) return problem("plaintext_email");
    return null;
  }

  function hasForbidden(text, forbidden) {
    return Array.from(text).some(function (ch) { return forbidden.indexOf(ch) >= 0; });
  }

  // Mirrors petition.schema._website (Python's urlsplit: host and port from the network location).
  function checkWebsite(value) {
    if (Array.from(value).length > R.website_max) return problem("website_too_long", { limit: R.website_max });
    if (/[\p{C}\p{Z}]/u.test(value)) return problem("website_invalid");
    if (!(value.startsWith("http://") || value.startsWith("https://"))) return problem("website_scheme");
    var netloc = value.slice(value.indexOf("//") + 2).split(/[/?#]/)[0];
    if (netloc.indexOf("@") >= 0) return problem("website_userinfo");
    if (/[\[\]]/.test(netloc)) return problem("website_invalid");
    var colon = netloc.indexOf(":");
    var host = (colon < 0 ? netloc : netloc.slice(0, colon)).toLowerCase();
    if (colon >= 0) {
      var port = netloc.slice(colon + 1);
      if (port && (!/^[0-9]+$/.test(port) || Number(port) > 65535)) return problem("website_invalid");
    }
    if (!host || host.replace(/^\.+|\.+$/g, "").indexOf(".") < 0 || hasForbidden(host, R.url_forbidden)) return problem("website_invalid");
    if (hasForbidden(value, R.url_forbidden)) return problem("website_invalid");
    if (EMAIL_SHAPE.test(value)) return problem("plaintext_email");
    return null;
  }

  function checkGithub(value) {
    if (value.startsWith("@") && GITHUB.test(value.slice(1))) return problem("github_at", { login: value.slice(1) });
    if (value.startsWith("http://") || value.startsWith("https://")) return problem("github_url");
    if (!GITHUB.test(value)) return problem("github_invalid");
    return null;
  }

  // Syntax only, close to the email-validator library the command line uses; no lookup of any kind.
  function checkEmail(value) {
    if (!value) return problem("required_email");
    if (Array.from(value).length > R.email_max) return problem("email_too_long", { limit: R.email_max });
    var at = value.lastIndexOf("@");
    if (at < 1 || /[\s\p{C}]/u.test(value)) return problem("email_invalid");
    var local = value.slice(0, at);
    var domain = value.slice(at + 1);
    if (!/^[^@"(),:;<>\[\]\\]+$/u.test(local) || local.startsWith(".") || local.endsWith(".") || local.indexOf("..") >= 0) {
      return problem("email_invalid");
    }
    var labels = domain.toLowerCase().split(".");
    if (labels.length < 2) return problem("email_invalid");
    for (var i = 0; i < labels.length; i++) {
      if (!/^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u.test(labels[i])) return problem("email_invalid");
    }
    if (/^[0-9]+$/.test(labels[labels.length - 1])) return problem("email_invalid");
    for (var j = 0; j < R.special_use_domains.length; j++) {
      var special = R.special_use_domains[j];
      if (domain.toLowerCase() === special || domain.toLowerCase().endsWith("." + special)) return problem("email_invalid");
    }
    return null;
  }

  function clean(value) {
    return value.normalize("NFC").trim();
  }

  // A web address typed without its scheme, as people do ("example.org", "www.example.org/about"):
  // completed to https://, with "/" for a bare host. Anything else is left for the rule to judge.
  var BARE_HOST = /^([\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+)(:[0-9]{1,5})?([/?#][^\s]*)?$/u;
  function completeWebsite(value) {
    var bare = BARE_HOST.exec(value);
    return bare ? "https://" + bare[1] + (bare[2] || "") + (bare[3] || "/") : value;
  }

  // What the completion made of the signer's address, said under the field and put in it.
  function showCompleted(f, typed, completed) {
    var input = form.elements[f.name];
    var note = document.getElementById("ps-" + f.name + "-note");
    if (!note) {
      note = document.createElement("p");
      note.className = "ps-note";
      note.id = "ps-" + f.name + "-note";
      note.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", note);
      input.setAttribute("aria-describedby", input.getAttribute("aria-describedby") + " " + note.id);
    }
    note.textContent = typed !== completed ? fmt(S.website_completed, { typed: typed, address: completed }) : "";
    if (typed !== completed) input.value = completed;
  }

  // The entry as the list will show it: the list's own rendering (petition.site.signform.entry_templates)
  // with the escaped values put in (as Python's html.escape writes them).
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c];
    });
  }
  function entryHtml(fields, slug, countryName) {
    var E = C.entry;
    var parts = E.optional.filter(function (name) { return fields[name]; }).join(",");
    var values = Object.assign({}, fields, { slug: slug });
    values[E.place_name] = countryName;
    return E.html[parts].replace(/\{(\w+)\}/g, function (all, name) { return escapeHtml(values[name] || ""); });
  }

  function readAnswers() {
    var answers = {};
    QUESTIONS.forEach(function (f) {
      if (f.input === "choice") {
        var checked = form.querySelector('input[name="' + f.name + '"]:checked');
        answers[f.name] = checked ? checked.value : "";
      } else if (f.input === "country") {
        answers[f.name] = form.elements[f.name].value;
      } else if (f.check === "website") {
        var typed = clean(form.elements[f.name].value);
        answers[f.name] = completeWebsite(typed);
        showCompleted(f, typed, answers[f.name]);
      } else {
        answers[f.name] = clean(form.elements[f.name].value);
      }
    });
    answers.email = form.elements.email.value.trim();
    answers.consent = form.elements.consent.checked;
    return answers;
  }

  // Each question's rule, by the name petition.model.fields gives it (Ask.check).
  var CHECKS = {
    text: function (value, f) { return checkText(value, f.max); },
    website: checkWebsite,
    github: checkGithub
  };

  function checkAnswers(a) {
    var errors = {};
    QUESTIONS.forEach(function (f) {
      var value = a[f.name];
      if (!value || (f.choices.length && f.choices.indexOf(value) < 0)) {
        if (f.required) errors[f.name] = problem("required_" + f.name);
      } else if (CHECKS[f.check]) {
        errors[f.name] = CHECKS[f.check](value, f);
      }
    });
    errors.email = checkEmail(a.email);
    if (!a.consent) errors.consent = problem("required_consent");
    Object.keys(errors).forEach(function (k) { if (!errors[k]) delete errors[k]; });
    return errors;
  }

  function inputsOf(field) {
    return Array.from(form.querySelectorAll('[name="' + field + '"]'));
  }

  function showErrors(errors) {
    var first = null;
    FIELDS.forEach(function (field) {
      var error = errors[field];
      document.getElementById("ps-" + field + "-error").textContent = error ? error.text : "";
      document.getElementById("ps-" + field + "-field").classList.toggle("ps-invalid", !!error);
      inputsOf(field).forEach(function (input) {
        if (error) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      });
      if (error && !first) first = inputsOf(field)[0];
    });
    var count = Object.keys(errors).length;
    summary.textContent = count ? fmt(S.errors_summary, { count: count }) : "";
    if (first) reveal(first);
  }

  // The summary and the first field to correct in view, below the theme's header and its
  // "back to top" button (which shows as the page scrolls up): sign.css gives both room above.
  function reveal(first) {
    first.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
    if (first.getBoundingClientRect().bottom > window.innerHeight) {
      (first.closest(".ps-field") || first).scrollIntoView({ block: "center" });
    }
  }

  // --- The file ------------------------------------------------------------------------------

  function yamlQuote(value) {
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  // Plain where every YAML reader sees the same string, double-quoted otherwise (as petition.model.writer.scalar).
  function scalar(value) {
    return PLAIN_SCALAR.test(value) && !TYPED_SCALAR.test(value) ? value : yamlQuote(value);
  }

  function fileText(fields) {
    return R.write_order.filter(function (k) { return fields[k]; }).map(function (k) {
      return k + ": " + scalar(fields[k]) + "\n";
    }).join("");
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function base64(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text);
  }

  function unbase64(text) {
    return Uint8Array.from(atob(text), function (c) { return c.charCodeAt(0); });
  }

  function hex(buffer) {
    return Array.from(new Uint8Array(buffer), function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function KeyBroken() {}

  var keyPromise = null;
  function publicKey() {
    if (!keyPromise) {
      var der = unbase64(C.key.spki);
      // The key id is part of every contact value: check the embedded key really is that key.
      keyPromise = crypto.subtle.digest("SHA-256", der).then(function (digest) {
        if (hex(digest).slice(0, 16) !== C.key.id) throw new KeyBroken();
        return crypto.subtle.importKey("spki", der, { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt"]);
      });
    }
    return keyPromise;
  }

  async function encryptContact(address) {
    var key = await publicKey();
    var ciphertext = await crypto.subtle.encrypt({ name: "RSA-OAEP" }, key, new TextEncoder().encode(address));
    return "rsa-oaep-sha256:" + C.key.id + ":" + base64(new Uint8Array(ciphertext));
  }

  var fetched = {};
  function getJSON(path, fallback) {
    if (!(path in fetched)) {
      fetched[path] = fetch(C.asset_base + path).then(function (r) { return r.ok ? r.json() : fallback; }).catch(function () { return fallback; });
    }
    return fetched[path];
  }

  // Same as petition.signing.slugify: anyascii transliteration (its table, in chunks of 4,096
  // code points, fetched only for the scripts the name uses), lowercase, hyphens between words.
  async function slugify(name) {
    var chars = Array.from(name.normalize("NFC"));
    var chunks = {};
    chars.forEach(function (ch) { var cp = ch.codePointAt(0); if (cp > 0x7f) chunks[(cp >> 12).toString(16)] = true; });
    var tables = {};
    await Promise.all(Object.keys(chunks).map(function (c) {
      return getJSON("translit/" + c + ".json", {}).then(function (t) { tables[c] = t; });
    }));
    var split = {};
    var ascii = chars.map(function (ch) {
      var cp = ch.codePointAt(0);
      if (cp <= 0x7f) return ch;
      var block = (cp >> 8).toString(16);
      var table = tables[(cp >> 12).toString(16)] || {};
      if (!(block in split)) split[block] = table[block] ? table[block].split("\t") : [];
      return split[block][cp & 0xff] || "";
    }).join("");
    var slug = ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (slug.length > R.slug_max) {
      var cut = slug.slice(0, R.slug_max);
      slug = cut.indexOf("-") >= 0 ? cut.slice(0, cut.lastIndexOf("-")) : cut;
    }
    return slug || R.fallback_slug;
  }

  // A file name nobody has taken yet (the site publishes the taken ones, by first character).
  async function freeSlug(base) {
    var taken = await getJSON("slugs/" + base.charAt(0) + ".json", []);
    if (taken.indexOf(base) < 0) return base;
    var n = 2;
    while (taken.indexOf(base + "-" + n) >= 0) n++;
    return base + "-" + n;
  }

  // Mirrors petition.collection.normalise_name (case folded, accents, punctuation and extra spaces
  // dropped). Only a hint for the signer: the pull request's duplicate check is the judge.
  function normaliseName(name) {
    // Upper then lower case is full case folding but for the final sigma, which lowercasing brings back.
    return name.toUpperCase().toLowerCase().replace(/\u03c2/g, "\u03c3").normalize("NFKD").replace(/\p{Mn}/gu, "")
      .replace(/[\p{P}\p{Z}\p{S}]/gu, " ").split(/\s+/).filter(Boolean).join(" ");
  }

  // The file name (slug) of the signatory already listed with this name and country, or null
  // (the site publishes them by country: only the signer's country is fetched).
  async function alreadyListed(name, country) {
    var listed = await getJSON("names/" + (country || C.names_none) + ".json", {});
    var key = normaliseName(name);
    return Object.prototype.hasOwnProperty.call(listed, key) ? listed[key] : null;
  }

  // A signatory of the same name already listed: the ways to send the file wait until the signer
  // says they are someone else (then what they send says so) or follows the link to their entry.
  var namesake = null;   // the listed file of the same name, while the signer has not said who they are
  var differs = null;    // the listed file the signer said they are not the signatory of
  function showAlready(already, name, country) {
    var notice = document.getElementById("ps-already");
    notice.hidden = !already;
    namesake = already ? C.signatures_dir + "/" + already + ".yaml" : null;
    differs = null;
    document.getElementById("ps-routes").hidden = !!already;
    document.getElementById("ps-already-other").hidden = false;
    document.getElementById("ps-already-confirmed").hidden = true;
    if (!already) return;
    document.getElementById("ps-already-text").textContent = fmt(country ? S.already_signed : S.already_signed_no_country, { name: name });
    var link = document.getElementById("ps-already-link");
    link.hidden = !C.list_url;
    if (C.list_url) link.href = C.list_url + "#" + encodeURIComponent(already);
  }

  function someoneElse() {
    differs = namesake;
    document.getElementById("ps-already-other").hidden = true;
    document.getElementById("ps-already-confirmed").hidden = false;
    document.getElementById("ps-routes").hidden = false;
    setPropose();
    if (C.by_email) showEmail(shown.text, shown.fields);
    document.getElementById("ps-already-confirmed").setAttribute("tabindex", "-1");
    document.getElementById("ps-already-confirmed").focus();
  }

  // What the signer said about a namesake, for the pull request (and the email) to say it too.
  function namesakeNote() {
    return differs ? fmt(S.namesake_note, { path: differs }) : "";
  }

  var shown = { path: "", text: "", name: "", fields: {} };
  function setPropose() {
    var propose = document.getElementById("ps-propose");
    if (!C.new_file_url) {
      propose.hidden = true;
      document.getElementById("ps-propose-hint").hidden = true;
      return;
    }
    var url = C.new_file_url + "?filename=" + encodeURIComponent(shown.path).replace(/%2F/g, "/") + "&value=" + encodeURIComponent(shown.text);
    // GitHub's new-file page takes the commit's message and description, which the pull request opens with.
    if (differs) url += "&message=" + encodeURIComponent(fmt(S.namesake_title, { name: shown.name })) + "&description=" + encodeURIComponent(namesakeNote());
    propose.href = url;
  }

  var downloadUrl = null;
  function showResult(path, text, fields, slug) {
    shown = { path: path, text: text, name: fields.name, fields: fields };
    var country = form.elements.country ? form.elements.country.selectedOptions[0] : null;
    document.getElementById("ps-preview").innerHTML = entryHtml(fields, slug, country && country.value ? country.textContent : "");
    document.getElementById("ps-filename").textContent = path;
    document.getElementById("ps-yaml").textContent = text;
    setPropose();
    if (C.by_email) showEmail(text, fields);
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "application/x-yaml;charset=utf-8" }));
    var download = document.getElementById("ps-download");
    download.href = downloadUrl;
    download.setAttribute("download", path.split("/").pop());
    result.hidden = false;
    statusNode.textContent = S.ready;
    document.getElementById("ps-result-title").focus();
  }

  // The message a mail program sends: a short sentence, then the file exactly (petition receive finds it).
  function emailBody(text) {
    var note = namesakeNote();
    return S.by_email_sentence + "\n\n" + (note ? note + "\n\n" : "") + text;
  }

  // A GitHub account is confirmed only by a pull request from it (petition receive refuses it by email).
  function namesAccount(fields) {
    return QUESTIONS.some(function (f) { return f.check === "github" && fields[f.name]; });
  }

  function showEmail(text, fields) {
    // RFC 6068: line breaks in a mailto: body are written %0D%0A.
    var url = "mailto:" + encodeURIComponent(C.by_email.address).replace(/%40/g, "@") + "?subject=" +
      encodeURIComponent(S.by_email_subject) + "&body=" + encodeURIComponent(emailBody(text).replace(/\n/g, "\r\n"));
    var account = namesAccount(fields);
    var fits = url.length <= C.by_email.max;
    var link = document.getElementById("ps-mailto");
    link.hidden = account || !fits;
    link.href = link.hidden ? "#" : url;
    document.getElementById("ps-copy-message").hidden = account;
    document.getElementById("ps-by-email-hint").hidden = account;
    document.getElementById("ps-by-email-long").hidden = account || fits;
    document.getElementById("ps-by-email-github").hidden = !account;
  }

  async function prepare(event) {
    event.preventDefault();
    var answers = readAnswers();
    var errors = checkAnswers(answers);
    result.hidden = true;
    showErrors(errors);
    if (Object.keys(errors).length) {
      statusNode.textContent = "";
      return;
    }
    submit.disabled = true;
    statusNode.textContent = S.working;
    try {
      var fields = {};
      QUESTIONS.forEach(function (f) { fields[f.name] = answers[f.name]; });
      fields.signed = today();
      fields.version = C.version;
      fields.contact = await encryptContact(answers.email);
      var slug = await freeSlug(await slugify(answers.name));
      showAlready(await alreadyListed(answers.name, answers.country), answers.name, answers.country);
      showResult(C.signatures_dir + "/" + slug + ".yaml", fileText(fields), fields, slug);
    } catch (error) {
      statusNode.textContent = error instanceof KeyBroken ? S.key_broken : S.no_webcrypto;
    } finally {
      submit.disabled = false;
    }
  }

  function copyText(text, copied) {
    var done = function () { statusNode.textContent = copied; };
    var failed = function () { statusNode.textContent = S.copy_failed; };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, failed);
    else failed();
  }

  function copy() {
    copyText(document.getElementById("ps-yaml").textContent, S.copied);
  }

  function copyMessage() {
    copyText(emailBody(document.getElementById("ps-yaml").textContent), fmt(S.by_email_copied, { address: C.by_email.address }));
  }

  function stale() {
    if (!result.hidden) {
      result.hidden = true;
      statusNode.textContent = S.stale;
    }
  }

  if (!window.isSecureContext || !window.crypto || !crypto.subtle) {
    var note = document.createElement("p");
    note.className = "ps-noscript";
    note.textContent = S.no_webcrypto;
    root.insertBefore(note, form);
    return;
  }
  form.addEventListener("submit", prepare);
  form.addEventListener("input", stale);
  form.addEventListener("change", stale);
  document.getElementById("ps-copy").addEventListener("click", copy);
  document.getElementById("ps-already-other").addEventListener("click", someoneElse);
  if (C.by_email) document.getElementById("ps-copy-message").addEventListener("click", copyMessage);
  form.hidden = false;

  // For tests and for anyone checking that the browser and Python agree on the rules.
  window.petitionSign = { completeWebsite: completeWebsite, checkAnswers: checkAnswers, checkText: checkText, checkWebsite: checkWebsite, checkGithub: checkGithub, checkEmail: checkEmail, slugify: slugify, scalar: scalar, fileText: fileText, normaliseName: normaliseName };
})();
