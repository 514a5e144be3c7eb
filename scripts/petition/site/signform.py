"""The sign page's form, built from the core: the current key, the country list, the schema's
limits and forbidden-character rules as data (so the browser and Python check the same things),
the interface strings, and the static files the page loads. No MkDocs import: the plugin only
places what this module returns.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from petition.model import freetext, signing, writer
from petition.model import rules as model_rules
from petition.model.fields import ASKED, Field
from petition.model.keys import PublicKey
from petition.report.rowformat import ASIDES, LINK, PLACE, PLACE_NAME, ROW_FIELDS, Row, row_html
from petition.site.collate import collation_key

ASSETS = Path(__file__).parent / "assets"
THEME_DIR = ASSETS / "theme"  # template overrides the plugin adds in front of the theme's own
SITE_DIR = "assets/petition"  # where the sign page's files go in the built site
STATIC_FILES = ("sign.js", "sign.css")
DEFAULT_LANGUAGE = "en"
LINE_BREAKS = "\n\r\u2028\u2029\x85"
URL_FORBIDDEN = "<>\"'`\\"
GITHUB_EMAIL_SETTINGS = "https://github.com/settings/emails"
NAMES_NONE = "none"  # the shard of names/ for signatories without a country
# The longest "Send by email" link the page offers: mail programs on Windows refuse longer mailto:
# URLs (2,048 characters); past it the page asks to copy the message instead. A sign page's file
# makes about 1,100 (the contact's base64 is 512 of them); long names in non-Latin scripts can pass it.
MAILTO_MAX = 2000


@functools.lru_cache(maxsize=8)
def strings(language: str = DEFAULT_LANGUAGE) -> dict:
    """Every text of the form, from ``assets/i18n/sign.<language>.json`` (English when missing).

    A translation is one more such file: the plugin picks it from the theme's language.
    """
    folder = ASSETS / "i18n"
    path = folder / f"sign.{language}.json"
    if not path.is_file():
        path = folder / f"sign.{DEFAULT_LANGUAGE}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def rules() -> dict:
    """The schema's rules as data for the browser. Patterns are written to mean the same in Python
    and JavaScript (``u`` flag)."""
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    return {
        "website_max": model_rules.WEBSITE_MAX,
        "email_max": signing.EMAIL_MAX,
        "slug_max": signing.SLUG_MAX,
        "fallback_slug": signing.FALLBACK_SLUG,
        "github": model_rules.GITHUB_RE.pattern,
        "email_shape": freetext.EMAIL_RE.pattern,
        "entity": freetext.ENTITY_RE.pattern,
        "md_link": freetext.MD_LINK_RE.pattern,
        "formula_first": "=+-@",
        "markup": "<>",
        "joiners": sorted(freetext.JOINERS),
        "line_breaks": LINE_BREAKS,
        "url_forbidden": URL_FORBIDDEN,
        "special_use_domains": sorted(SPECIAL_USE_DOMAIN_NAMES),
        "write_order": list(writer.WRITE_ORDER),
        "plain_scalar": writer.PLAIN_SCALAR,
        "typed_scalar": writer.TYPED_SCALAR,
        # The questions, as petition.model.fields declares them: sign.js reads and checks each.
        "fields": [
            {
                "name": f.name,
                "input": f.ask.input,
                "check": f.ask.check,
                "max": f.max_length,
                "required": f.required,
                "choices": list(f.choices),
            }
            for f in ASKED
        ],
    }


@functools.lru_cache(maxsize=1)
def countries() -> list[list[str]]:
    """[code, name] of every accepted country code, sorted by name with the site's collation."""
    pairs = [[code, model_rules.country_name(code)] for code in model_rules.COUNTRY_CODES]
    return sorted(pairs, key=lambda p: collation_key(p[1]))


COUNTRIES_FILE = "sign-countries.json"


def cached_countries(cache_folder: Path | None) -> list[list[str]]:
    """``countries()``, kept in the build's cache folder: sorting them loads the collation table
    (about 0.3 s), which a rebuild whose names did not change otherwise never needs. Keyed by the
    names themselves and the code and pyuca version that order them."""
    from importlib.metadata import version

    pairs = [[code, model_rules.country_name(code)] for code in model_rules.COUNTRY_CODES]
    digest = hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode())
    for module in ("collate.py",):  # collation_key and the table it sorts with
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(version("pyuca").encode())
    key = digest.hexdigest()
    path = cache_folder / COUNTRIES_FILE if cache_folder is not None else None
    if path is not None:
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved["key"] == key and sorted(saved["countries"]) == pairs:
                return saved["countries"]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    result = countries()
    if path is not None:
        try:
            path.write_text(json.dumps({"key": key, "countries": result}, ensure_ascii=False), encoding="utf-8")
        except OSError:
            pass  # read-only: the next build sorts again
    return result


def entry_templates(show_version: bool = False) -> dict:
    """The list's entry for the sign page's preview of what will be published: ``rowformat.row_html``
    (what the list writes) of a row whose values are ``{field}`` placeholders, once for each set of
    the optional parts an entry may show, keyed by their names (``"website,country"``). sign.js puts
    each escaped value in its placeholder, so the preview is the list's own entry."""
    optional = (LINK, PLACE, *ASIDES)
    html_by_parts = {}
    for mask in range(2 ** len(optional)):
        present = [name for i, name in enumerate(optional) if mask >> i & 1]
        values = {n: "" if n in optional and n not in present else "{" + n + "}" for n in ROW_FIELDS}
        values[PLACE_NAME] = "{" + PLACE_NAME + "}" if PLACE in present else ""
        html_by_parts[",".join(present)] = row_html(Row(*(values[n] for n in ROW_FIELDS)), show_version)
    return {"optional": list(optional), "place": PLACE, "place_name": PLACE_NAME, "html": html_by_parts}


def key_data(key: PublicKey) -> dict[str, str]:
    der = key.key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return {"id": key.id, "spki": base64.b64encode(der).decode("ascii")}


def form_config(
    key: PublicKey,
    version: str,
    new_file_url: str | None,
    signatures_dir: str,
    asset_base: str,
    language: str = DEFAULT_LANGUAGE,
    list_url: str | None = None,
    signatures_address: str = "",
    *,
    show_version: bool = False,
) -> dict:
    """Everything the browser needs, embedded in the page as JSON data (not as a script).

    ``list_url``: the signatories page, relative to the sign page (links to who already signed).
    ``signatures_address``: where "Send by email" writes to (``Settings.signatures_address``); "": no email route.
    ``show_version``: the list shows each entry's letter version (entry_templates)."""
    return {
        "key": key_data(key),
        "version": version,
        "new_file_url": new_file_url,
        "signatures_dir": signatures_dir.strip("/"),
        "asset_base": asset_base,
        "list_url": list_url,
        "names_none": NAMES_NONE,
        "by_email": {"address": signatures_address, "max": MAILTO_MAX} if signatures_address else None,
        "entry": entry_templates(show_version),
        "rules": rules(),
        "strings": strings(language),
    }


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _with_address(text: str, address: str) -> str:
    """The text as HTML, each "{address}" in it a mailto: link to the address."""
    link = f'<a href="mailto:{_e(address)}">{_e(address)}</a>'
    return link.join(_e(part) for part in text.split("{address}"))


def by_email_html(t: dict, address: str) -> str:
    """The "Send by email" route: the link sign.js fills in, the copy button, and the address for webmail."""
    return "".join(
        [
            '<div class="ps-by-email" id="ps-by-email"><p class="ps-actions">',
            '<a class="md-button md-button--primary" id="ps-mailto" href="#" '
            f'aria-describedby="ps-by-email-hint">{_e(t["by_email_send"])}</a> ',
            '<button type="button" class="md-button" id="ps-copy-message" aria-describedby="ps-by-email-hint">'
            f"{_e(t['by_email_copy'])}</button></p>",
            f'<p class="ps-hint" id="ps-by-email-hint">{_with_address(t["by_email_hint"], address)}</p>',
            f'<p class="ps-hint" id="ps-by-email-long" hidden>{_with_address(t["by_email_too_long"], address)}</p>',
            f'<p class="ps-hint" id="ps-by-email-github" hidden>{_e(t["by_email_github"])}</p>',
            "</div>",
        ]
    )


def closed_html(language: str = DEFAULT_LANGUAGE) -> str:
    t = strings(language)
    return (
        '<div class="admonition warning petition-sign-closed" id="petition-sign-closed"><p '
        f'class="admonition-title">{_e(t["closed_title"])}</p><p>{_e(t["closed_text"])}</p></div>'
    )


def form_html(config: dict, language: str = DEFAULT_LANGUAGE, country_list: list[list[str]] | None = None) -> str:
    """The form: labelled fields, hints and error slots tied to them with aria-describedby.

    It stays hidden until sign.js has started, so nobody fills in a form that cannot work.
    """
    t = strings(language)
    # No "<" at all in the data block, so no text in it can close the element or open another.
    data = (
        json.dumps(config, ensure_ascii=True, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )

    def field(name: str, kind: str = "text", attrs: str = "", hint: bool = True, label: str | None = None) -> str:
        hint_html = f'<p class="ps-hint" id="ps-{name}-hint">{_e(t[name + "_hint"])}</p>' if hint else ""
        described = (f"ps-{name}-hint " if hint else "") + f"ps-{name}-error"
        return (
            f'<div class="ps-field" id="ps-{name}-field"><label for="ps-{name}">'
            f"{_e(label or t[name + '_label'])}</label>{hint_html}"
            f'<input id="ps-{name}" name="{name}" type="{kind}" aria-describedby="{described}" {attrs}>'
            f'<p class="ps-error" id="ps-{name}-error"></p></div>'
        )

    options = "".join(
        f'<option value="{_e(code)}">{_e(name)}</option>'
        for code, name in (country_list if country_list is not None else countries())
    )

    def text(key: str, default: str) -> str:  # a field declared after the strings were written: its English question
        return t.get(key, default)

    def question(f: Field) -> str:
        """A declared field's question on the page (petition.model.fields: Ask.input)."""
        name = f.name
        if f.ask.input == "choice":
            choices = "".join(
                f'<label class="ps-choice"><input type="radio" name="{name}" value="{_e(c)}" '
                f'id="ps-{name}-{_e(c)}" aria-describedby="ps-{name}-error"> {_e(text(f"{name}_{c}", c))}</label>'
                for c in f.choices
            )
            return (
                f'<fieldset class="ps-field" id="ps-{name}-field" '
                f'aria-describedby="ps-{name}-error"><legend>{_e(text(name + "_legend", f.ask.question))}'
                f"</legend>{choices}<p "
                f'class="ps-error" id="ps-{name}-error"></p></fieldset>'
            )
        if f.ask.input == "country":
            return (
                f'<div class="ps-field" id="ps-{name}-field"><label for="ps-{name}">'
                f"{_e(text(name + '_label', f.ask.question))}</label>"
                f'<select id="ps-{name}" name="{name}" aria-describedby="ps-{name}-error"><option '
                f'value="">{_e(t["country_none"])}</option>{options}</select>'
                f'<p class="ps-error" id="ps-{name}-error"></p></div>'
            )
        return field(
            name,
            kind=f.ask.input,
            attrs=f.ask.attrs,
            hint=name + "_hint" in t,
            label=text(name + "_label", f.ask.question),
        )

    consent = t["consent_label"].replace("{promise}", t["promise"])
    address = (config.get("by_email") or {}).get("address") or ""
    noscript_email = (
        f'<p class="ps-noscript" id="ps-noscript-by-email">{_with_address(t["noscript_by_email"], address)}</p>'
        if address
        else ""
    )
    return "".join(
        [
            '<div class="petition-sign" id="petition-sign">',
            f'<script type="application/json" id="petition-sign-config">{data}</script>',
            f'<noscript><p class="ps-noscript">{_e(t["noscript"])}</p>{noscript_email}</noscript>',
            '<form id="ps-form" class="ps-form" novalidate hidden>',
            f'<p class="ps-required-note">{_e(t["required_note"])}</p>',
            '<p class="ps-summary" id="ps-summary" role="alert"></p>',
            *(question(f) for f in ASKED),
            # type="text": an email input would rewrite an international domain to punycode behind the signer's back.
            field(
                "email",
                attrs='inputmode="email" autocomplete="email" autocapitalize="none" required '
                'aria-required="true" spellcheck="false"',
            ),
            '<div class="ps-field ps-consent" id="ps-consent-field">',
            '<input type="checkbox" id="ps-consent" name="consent" required aria-required="true" '
            f'aria-describedby="ps-consent-error"><label for="ps-consent">{_e(consent)}</label>',
            '<p class="ps-error" id="ps-consent-error"></p></div>',
            f'<button type="submit" class="md-button md-button--primary" id="ps-submit">{_e(t["submit"])}</button>',
            '<p class="ps-status" id="ps-status" role="status" aria-live="polite"></p>',
            "</form>",
            '<section class="ps-result" id="ps-result" hidden aria-labelledby="ps-result-title">',
            f'<h2 id="ps-result-title" tabindex="-1">{_e(t["result_title"])}</h2>',
            # What will be published first, as the list will show it (sign.js: the list's own entry).
            f"<p>{_e(t['preview_intro'])}</p>",
            '<ul class="petition-list ps-preview" id="ps-preview"></ul>',
            f'<p class="ps-hint">{_e(t["result_intro"])}</p>',
            # A name already listed stops the signer here: their entry, or "I am someone else".
            '<div class="admonition warning ps-already" id="ps-already" hidden><p id="ps-already-text"></p>'
            f'<p class="ps-actions"><a class="md-button md-button--primary" id="ps-already-link" href="#">'
            f'{_e(t["already_link"])}</a> <button type="button" class="md-button" id="ps-already-other">'
            f'{_e(t["already_other"])}</button></p><p id="ps-already-confirmed" hidden>{_e(t["already_confirmed"])}</p>'
            "</div>",
            '<div class="ps-routes" id="ps-routes">',
            f'<details class="ps-file"><summary>{_e(t["file_summary"])} <code id="ps-filename"></code></summary>',
            '<pre class="ps-yaml"><code id="ps-yaml"></code></pre></details>',
            by_email_html(t, address) if address else "",
            '<div class="admonition warning ps-github-warning" '
            f'id="ps-github-warning"><p>{_e(t["github_email_warning"])} <a href="{GITHUB_EMAIL_SETTINGS}" '
            f'rel="noopener noreferrer" target="_blank">{_e(t["github_email_link"])}</a>.</p></div>',
            '<p class="ps-actions">',
            '<a class="md-button md-button--primary" id="ps-propose" href="#" rel="noopener noreferrer" '
            f'target="_blank" aria-describedby="ps-propose-hint">{_e(t["propose"])}</a> ',
            f'<button type="button" class="md-button" id="ps-copy">{_e(t["copy"])}</button> ',
            f'<a class="md-button" id="ps-download" href="#" download="signature.yaml">{_e(t["download"])}</a></p>',
            f'<p class="ps-hint" id="ps-propose-hint">{_e(t["propose_hint"])}</p>',
            f'<p class="ps-hint">{_e(t["other_ways"])}</p>',
            "</div></section>",
            f'<script src="{_e(config["asset_base"])}sign.js" defer></script>',
            "</div>",
        ]
    )


# --- Files added to the site ------------------------------------------------------------------


def static_files() -> dict[str, bytes]:
    return {name: (ASSETS / name).read_bytes() for name in STATIC_FILES}


# --- The page's Content-Security-Policy ---------------------------------------------------------
