"""MkDocs adapter: builds the signatories page, counts and exports from the core.

Thin by design: loading, checking, sorting and rendering live in the core, which imports no MkDocs.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from petition.check import gcpause, lifecycle, retention
from petition.check.cache import CACHE_DIR
from petition.check.collection import check
from petition.model import signing, versions
from petition.model.keys import load_keyring
from petition.model.versions import current_version
from petition.report import rowformat
from petition.settings import load_settings
from petition.site import (
    countrypages,
    deliverypack,
    embed,
    feeds,
    listdata,
    listing,
    pagesecurity,
    signfiles,
    signform,
    themescript,
    versionpages,
)

log = logging.getLogger("mkdocs.plugins.petition")

COUNTS_MARKER = "<!-- petition:counts -->"
LIST_MARKER = "<!-- petition:signatories -->"
STATUS_MARKER = "<!-- petition:status -->"
SIGN_FORM_MARKER = "<!-- petition:sign-form -->"
RECENT_MARKER = "<!-- petition:recent -->"
RESPONSES_MARKER = "<!-- petition:responses -->"
KEPT_UNTIL_MARKER = "<!-- petition:contacts-kept-until -->"
DELIVERIES_MARKER = "<!-- petition:deliveries -->"
EMBED_MARKER = "<!-- petition:embed-snippet -->"


class PetitionConfig(Config):
    signatures_dir = c.Optional(c.Type(str))
    keys_dir = c.Optional(c.Type(str))
    signatories_page = c.Type(str, default="signatories.md")
    sign_page = c.Type(str, default="sign.md")
    # The branch the sign page's "Propose on GitHub" adds files to.
    branch = c.Type(str, default="main")


class PetitionPlugin(BasePlugin[PetitionConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.settings = load_settings(
            self.root, signatures_dir=self.config.signatures_dir, keys_dir=self.config.keys_dir
        )
        self.rows: list[rowformat.Row] = []
        self.secured_pages: dict[str, str] = {}  # page -> its form's stylesheet
        self.list_pages: set[str] = set()  # pages carrying the list: the theme's script starts after first paint
        self.print_styles: dict[str, str] = {}  # country page -> its printed pages' margins (address, date)
        # Our template overrides (no third-party request from the header) sit just before the theme's own.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(signform.THEME_DIR))
        # Every page's overrides of the theme's styles (accessibility: petition/site/assets/site.css).
        config.extra_css.append(f"{listing.ASSETS_DIR}/{listing.SITE_CSS}")
        return config

    def on_files(self, files: Files, config) -> Files:
        with gcpause.paused():  # 100,000 rows and entries, no cycles among them (petition.check.gcpause)
            files = self._on_files(files, config)
        # What stays (the rows) lives to the end of the build: later collections need not walk it.
        gc.freeze()
        return files

    def _on_files(self, files: Files, config) -> Files:
        self.show_version = len(versions.known_versions(self.settings)) > 1
        # Each row's pieces are made by the checker's workers and kept in its content cache, so a
        # rebuild remakes only changed rows (petition.site.listing.RowPieces, petition.check.cache).
        result = check(self.settings, cache=True, derive=listing.RowPieces(self.show_version))
        if not result.ok:
            for problem in result.problems:
                log.error("%s:%d: %s", problem.path, problem.line, problem.message)
            bad = result.invalid_files
            raise PluginError(
                f"the check found problems in {len(bad)} file(s), so the site is not built (a partial "
                "list is never published): " + ", ".join(bad[:10]) + (" …" if len(bad) > 10 else "")
            )
        pieces = result.derived
        self.responses = result.responses
        self.deliveries = result.deliveries
        # Who is on the list, by country and normalised name, for the sign form's "already signed" notice.
        names = {
            path: text.encode()
            for path, text in signfiles.name_shards(
                (record.slug, record.key.identity) for _, record in result.records
            ).items()
        }
        del result  # the records: the pieces are all the list needs from here
        outputs = self._list_outputs(pieces)
        for name in ("signatories.json", "signatories.csv"):
            files.append(File.generated(config, name, content=outputs.pop(name)))
        self._add_life_files(files, config)
        sign_files = {**signform.static_files(), **signfiles.translit_chunks(), **names}
        for name, content in sign_files.items():
            files.append(File.generated(config, f"{signform.SITE_DIR}/{name}", content=content))
        for path, content in outputs.items():
            files.append(File.generated(config, path, content=content))
        for name in (*listing.ASSET_FILES, countrypages.STYLE_FILE, listing.SITE_CSS):
            files.append(File.generated(config, f"{listing.ASSETS_DIR}/{name}", content=listing.asset(name)))
        self._add_country_pages(files, config)
        return files

    def _add_country_pages(self, files: Files, config) -> None:
        """A page per country with a signatory or a response (petition.site.countrypages), not in the nav."""
        self.by_country = countrypages.by_country(self.rows)
        self.printed_on = dt.date.today().isoformat()
        self.site_address = countrypages.site_address(config.site_url, config.repo_url)
        for page in countrypages.pages(self.rows, self.responses, self.settings):
            files.append(
                File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            )

    def _list_outputs(self, pieces: list) -> dict[str, bytes]:
        """Sets ``self.rows``; every generated file made from the rows alone, by site path, in the order they are added.

        As UTF-8 bytes (what MkDocs writes for a str), each text freed as it is encoded: a str
        holding one wide character takes 2-4 bytes a character, and these files are most of the
        parent's memory at the end of a build.
        """
        self.rows, text = listing.assemble(pieces, self.settings.list_block)
        made = {name: text.pop(name).encode() for name in list(text)}
        del text
        outputs = {"signatories.json": made.pop("signatories.json"), "signatories.csv": made.pop("signatories.csv")}
        for name, content in signfiles.slug_shards(r.slug for r in self.rows).items():
            outputs[f"{signform.SITE_DIR}/{name}"] = content.encode()
        outputs.update(made)  # the list's blocks, search data and per-country counts (petition.site.listing)
        return outputs

    def _add_life_files(self, files: Files, config) -> None:
        """Version pages, feed and badge. The raw released texts under docs/versions/ are sources, not pages."""
        for problem in versions.problems(self.settings):
            # An error, not an exception: `mkdocs serve` still previews an edit, `mkdocs build --strict` refuses it.
            log.error("%s:%d: %s", problem.path, problem.line, problem.message)
        for raw in [f for f in files if f.src_uri.startswith("versions/")]:
            files.remove(raw)
        for page in versionpages.pages(self.settings):
            generated = File.generated(config, page.src_uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            generated.dest_uri = page.dest_uri
            files.append(generated)
        releases, _ = versions.load_releases(self.settings)
        since = releases[0].released if releases else "2017"
        self.closed = lifecycle.is_closed(self.settings)
        files.append(
            File.generated(
                config,
                feeds.FEED_FILE,
                content=feeds.atom_feed(
                    self.rows,
                    title=config.site_name,
                    site_url=config.site_url,
                    repo_url=config.repo_url,
                    since=since,
                    fallback_updated=since,
                    responses=self.responses,
                ),
            )
        )
        files.append(File.generated(config, feeds.BADGE_FILE, content=feeds.badge_json(len(self.rows), self.closed)))
        # The partners' counter: a page of its own, no theme, nothing loaded (petition.site.embed).
        files.append(
            File.generated(config, embed.COUNTER_FILE, content=embed.counter_html(len(self.rows), self.closed))
        )

    def on_env(self, env, config, files: Files):
        # The theme's templates compiled once and kept beside the other caches (about half a second
        # of every build); Jinja checks each template's source against its entry, so an edit recompiles.
        import jinja2

        folder = self._cache_folder("jinja")
        if folder is not None:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    def _cache_folder(self, name: str) -> Path | None:
        folder = self.settings.root / CACHE_DIR / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # read-only: build without
        return folder

    def on_page_content(self, html: str, page, config, files: Files) -> str:
        def url(src: str, fallback: str) -> str:
            found = files.get_file_from_path(src)
            return found.url_relative_to(page.file) if found else fallback

        if self.closed and SIGN_FORM_MARKER in html:
            # Archive mode: the whole sign page becomes the notice, so no way to sign is offered.
            page.toc.items = []
            return f"<h1>{page.title}</h1>\n" + lifecycle.closed_notice_html(
                self.settings, url(self.config.signatories_page, "../signatories/"), url("index.md", "../")
            )
        if self.closed and COUNTS_MARKER in html:
            html = html.replace(
                COUNTS_MARKER,
                lifecycle.final_counts_html(
                    self.rows, self.settings, url(self.config.signatories_page, "signatories/")
                ),
            )
        if STATUS_MARKER in html:
            version_page = url(versionpages.page_src_uri(versions.current_version(self.settings)), "versions/")
            html = html.replace(
                STATUS_MARKER, lifecycle.status_html(self.rows, self.settings, version_page, feeds.feed_href(page.url))
            )
        html = versionpages.fill_diffs(html, self.settings)
        if COUNTS_MARKER in html:
            signatories = files.get_file_from_path(self.config.signatories_page)
            sign = files.get_file_from_path(self.config.sign_page)
            html = html.replace(
                COUNTS_MARKER,
                listdata.counts_html(
                    listdata.counts(self.rows),
                    signatories.url_relative_to(page.file) if signatories else "signatories/",
                    sign.url_relative_to(page.file) if sign else "sign/",
                ),
            )
        if RECENT_MARKER in html:
            signatories = files.get_file_from_path(self.config.signatories_page)
            html = html.replace(
                RECENT_MARKER,
                listing.recent_html(
                    lifecycle.recent_rows(self.rows, listing.RECENT),
                    signatories.url_relative_to(page.file) if signatories else "signatories/",
                ),
            )
        if KEPT_UNTIL_MARKER in html:
            html = html.replace(KEPT_UNTIL_MARKER, f"<p>{retention.kept_until_sentence(self.settings)}</p>")
        if EMBED_MARKER in html:
            html = html.replace(EMBED_MARKER, embed.snippet_html(self.site_address))
        if DELIVERIES_MARKER in html:
            html = html.replace(DELIVERIES_MARKER, deliverypack.deliveries_html(self.deliveries, self._base(page)))
        if RESPONSES_MARKER in html:
            html = html.replace(RESPONSES_MARKER, countrypages.responses_html(self.responses, self._base(page)))
        country = countrypages.MARKER_RE.search(html)
        if country is not None:
            code = country.group(1)
            whole = code == countrypages.WHOLE_LETTER
            answers = [r for r in self.responses if whole or r.country == code]
            mine = self.rows if whole else self.by_country.get(code, [])
            body = countrypages.country_html(code, mine, answers, self._base(page), self.show_version)
            address = self.site_address + countrypages.page_path(code)
            self.print_styles[page.file.src_uri] = countrypages.print_style(address, self.printed_on)
            html = html.replace(country.group(0), body)
        if LIST_MARKER in html:
            self.list_pages.add(page.file.src_uri)
            html = html.replace(
                LIST_MARKER,
                listing.signatories_html(
                    self.rows, "../" * page.url.count("/"), self.settings.list_block, self.show_version
                ),
            )
        if SIGN_FORM_MARKER in html:
            html = html.replace(SIGN_FORM_MARKER, self._sign_form(page, config, files))
        return html

    @staticmethod
    def _base(page) -> str:
        """The site's root relative to the page."""
        return "../" * page.url.count("/")

    def _sign_form(self, page, config, files: Files) -> str:
        language = config.theme.get("language") or signform.DEFAULT_LANGUAGE
        base = (
            files.get_file_from_path(f"{signform.SITE_DIR}/sign.js").url_relative_to(page.file).removesuffix("sign.js")
        )
        self.secured_pages[page.file.src_uri] = base + "sign.css"
        keyring, _ = load_keyring(self.settings.keys_path, self.settings.root)
        key = signing.signing_key(keyring)
        if key is None:  # no maintainer key yet: a form would make files nobody can read
            return signform.closed_html(language)
        new_file_url = signing.github_new_file_url(config.repo_url, self.config.branch)
        listed = next((f for f in files.documentation_pages() if LIST_MARKER in f.content_string), None)
        list_url = listed.url_relative_to(page.file) if listed is not None else None
        data = signform.form_config(
            key,
            current_version(self.settings),
            new_file_url,
            self.settings.signatures_dir,
            base,
            language,
            list_url,
            self.settings.signatures_address,
            show_version=self.show_version,
        )
        return signform.form_html(data, language, signform.cached_countries(self._cache_folder("sign")))

    def on_post_page(self, output: str, page, config) -> str:
        # Feed readers find the feed from any page.
        output = output.replace("</head>", feeds.alternate_link_tag(page.url) + "\n</head>", 1)
        if page.file.src_uri in self.print_styles:
            output = output.replace("</head>", self.print_styles[page.file.src_uri] + "\n</head>", 1)
        if page.file.src_uri in self.list_pages:
            output = themescript.defer_theme_script(output)
        if page.file.src_uri in self.secured_pages:
            output = pagesecurity.secure_page(output, self.secured_pages[page.file.src_uri])
        return output

    def on_serve(self, server, config, builder):
        # Rebuild when a signature, a key or the namesakes list changes, as for the docs themselves.
        for watched in (
            self.settings.signatures_path,
            self.settings.responses_path,
            self.settings.delivered_path,
            self.settings.keys_path,
            self.settings.root / self.settings.namesakes_file,
        ):
            if watched.exists():
                server.watch(str(watched))
        return server
