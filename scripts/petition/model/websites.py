"""The website's rule, and the form of an address the list links to.

A website is published as a link on the signatory's name, so the rule refuses what would mislead a
reader or what no reader can open, each with its own message: another scheme than http(s), a user
name or password, an IP address, ``localhost``, a private or reserved range or a local network's
name, a host of one word, an international domain name that is not valid (UTS #46, the ``idna``
package) or whose label mixes scripts (the homograph: a Cyrillic ``а`` in ``pаypal.com``).
"""

from __future__ import annotations

import functools
import ipaddress
import re
from urllib.parse import urlsplit

import idna

from petition.model.confusables import script_label, script_of, skeleton
from petition.model.freetext import _err
from petition.model.rules import WEBSITE_MAX

_URL_BAD = re.compile(r"[<>\"'`\\]")


# Names that only mean something inside one network (RFC 6762 .local, RFC 8375 home.arpa, and the
# suffixes routers and companies use), so no reader of the list can open them.
_LOCAL_SUFFIXES = (".local", ".internal", ".lan", ".home.arpa", ".localdomain", ".intranet", ".corp")
_NEUTRAL_SCRIPTS = frozenset({"COMMON", "INHERITED", "Unknown"})
# Scripts one label may mix: UTS #39's "highly restrictive" profile (Latin with Chinese, Japanese
# or Korean; script_of counts Han, kana, Hangul and Bopomofo as one).
_MIXABLE = frozenset({"LATIN", "CJK"})


def _numeric_host(host: str) -> bool:
    """Whether a browser reads the host as an IP address: IPv6, or a last label of digits or 0x-hex
    (WHATWG URL: ``127.1``, ``2130706433`` and ``0x7f.1`` are all 127.0.0.1)."""
    last = host.rstrip(".").rpartition(".")[2]
    return ":" in host or (last.isascii() and (last.isdigit() or last[:2] == "0x"))


def _label_scripts(label: str) -> frozenset[str]:
    return frozenset(script_of(ch) for ch in label) - _NEUTRAL_SCRIPTS


def _unicode_host(host: str) -> str:
    """The host as UTS #46 reads it, in Unicode (``xn--`` labels decoded); raises idna.IDNAError."""
    return idna.decode(idna.encode(host, uts46=True))


def check_website(value: str) -> str:
    if len(value) > WEBSITE_MAX:
        raise _err("website_too_long", "is too long: at most {limit} characters.", limit=WEBSITE_MAX)
    # No control, format, unassigned or separator character (categories C*, Z*): str.isprintable
    # refuses all of them but the plain space (tests/model/test_rules.py checks every code point).
    if not value.isprintable() or " " in value:
        raise _err("website_invalid", "must be a web address with no spaces or invisible characters.")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        _ = parts.port
    except ValueError:
        raise _err("website_invalid", "is not a valid web address: write it as https://example.org/.") from None
    if parts.scheme not in ("http", "https") or not value.startswith(("http://", "https://")):
        raise _err("website_scheme", "must start with https:// (or http://); other kinds of address are not allowed.")
    if "@" in parts.netloc:
        if ":" in parts.netloc.rpartition("@")[0]:
            raise _err(
                "website_userinfo",
                "contains a user name and password before the host (“name:password@”): never publish a "
                "password. Write the address without them, as https://example.org/.",
            )
        raise _err(
            "website_userinfo", "must not contain a user name or “@” before the host: write it as https://example.org/."
        )
    if host and _numeric_host(host):
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        labels = host.rstrip(".").split(".")
        if address is None and ":" not in host and not all(p.isdigit() or p[:2] == "0x" for p in labels):
            # A name whose last part is a number: no top-level domain is, and browsers cannot read it as an address.
            raise _err("website_invalid", "is not a valid web address: write it as https://example.org/.")
        if address is not None and not address.is_global:
            raise _err(
                "website_private",
                "points to a private or reserved network address ({host}), which readers of the list cannot "
                "open: give your site's public address, such as https://example.org/.",
                host=host,
            )
        raise _err(
            "website_ip",
            "is an IP address, not a domain name: give your site's name, such as https://example.org/ (a "
            "bare address says nothing about whose site it is, and often changes hands).",
        )
    bare = host.rstrip(".")
    if bare == "localhost" or bare.endswith(".localhost"):
        raise _err(
            "website_localhost",
            "points to “localhost”, the reader's own computer: give your site's public address, such as "
            "https://example.org/.",
        )
    if bare.endswith(_LOCAL_SUFFIXES):
        raise _err(
            "website_private",
            "is a name of a local network ({host}), which readers of the list cannot open: give your "
            "site's public address, such as https://example.org/.",
            host="." + bare.rpartition(".")[2] if not bare.endswith(".home.arpa") else ".home.arpa",
        )
    if host and "." not in host.strip(".") and not _URL_BAD.search(host):
        raise _err(
            "website_single_label",
            "has a host name of one word, which works only inside a local network: give the full domain "
            "name, such as https://example.org/.",
        )
    if not host or "." not in host.strip(".") or _URL_BAD.search(host):
        raise _err("website_invalid", "is not a valid web address: write it as https://example.org/.")
    if _URL_BAD.search(value):
        raise _err("website_invalid", "contains quotes, backslashes or “<” “>”, which a web address does not need.")
    if not host.isascii() or "xn--" in host:
        _check_international_host(host)
    return value


def _check_international_host(host: str) -> None:
    """An international domain name: valid under UTS #46 (IDNA 2008), and no label mixing scripts."""
    try:
        unicode_host = _unicode_host(host)
    except (idna.IDNAError, UnicodeError):
        raise _err(
            "website_idn_invalid",
            "is not a valid international domain name: check its spelling, or copy the address from your "
            "browser's address bar.",
        ) from None
    for label in unicode_host.split("."):
        scripts = _label_scripts(label)
        if len(scripts) > 1 and not scripts <= _MIXABLE:
            odd, main = sorted(scripts, key=lambda s: (sum(script_of(c) == s for c in label), s))[:2]
            raise _err(
                "website_mixed_script",
                "mixes letters of two alphabets in one part of the domain name ({odd} letters among {main} "
                "ones), the trick of look-alike addresses: check the address, and copy it from your browser's "
                "address bar.",
                odd=script_label(odd),
                main=script_label(main),
            )


def website_href(value: str) -> str:
    """The address the list links to, its host in the form that shows what it is.

    An ASCII host is left as written. An international one is written in Unicode as UTS #46 reads it
    (``https://xn--bcher-kva.de/`` links as ``https://bücher.de/``), unless a label is written
    entirely in look-alikes of Latin letters under an ASCII top-level domain (Cyrillic ``раураl.com``):
    then the whole host is in its ASCII form (``xn--…``), as browsers show such names. Only the host
    changes; the exports keep the value as written.
    """
    if value.isascii() and "xn--" not in value:  # nearly every website, at C speed
        return value
    return _international_href(value)


@functools.lru_cache(maxsize=1024)
def _international_href(value: str) -> str:
    parts = urlsplit(value)
    host = parts.hostname or ""
    if host.isascii() and "xn--" not in host:
        return value
    try:
        unicode_host = _unicode_host(host)
        ascii_host = idna.encode(unicode_host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return value  # the rule refuses it: never in the list
    labels = unicode_host.split(".")
    lookalike = labels[-1].isascii() and any(
        not label.isascii() and skeleton(label).isascii() and "LATIN" not in _label_scripts(label) for label in labels
    )
    shown = ascii_host if lookalike else unicode_host
    start = len(parts.scheme) + 3
    port = parts.netloc.rpartition("]")[2].rpartition(":")[2] if ":" in parts.netloc.rpartition("]")[2] else None
    return value[:start] + shown + (f":{port}" if port is not None else "") + value[start + len(parts.netloc) :]
