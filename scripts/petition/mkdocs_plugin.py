"""MkDocs adapter: builds the signatories page, counts and exports from the core.

Thin by design: loading, checking, sorting and rendering live in the core, which imports no MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import listing, render
from .cache import CACHE_DIR
from .checker import check
from .settings import load_settings

log = logging.getLogger("mkdocs.plugins.petition")

COUNTS_MARKER = "<!-- petition:counts -->"
LIST_MARKER = "<!-- petition:signatories -->"
RECENT_MARKER = "<!-- petition:recent -->"


class PetitionConfig(Config):
    signatures_dir = c.Optional(c.Type(str))
    keys_dir = c.Optional(c.Type(str))
    signatories_page = c.Type(str, default="signatories.md")
    sign_page = c.Type(str, default="sign.md")


class PetitionPlugin(BasePlugin[PetitionConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.settings = load_settings(self.root, signatures_dir=self.config.signatures_dir, keys_dir=self.config.keys_dir)
        self.rows: list[render.Row] = []
        return config

    def on_files(self, files: Files, config) -> Files:
        result = check(self.settings, cache=True)  # a rebuild re-checks only changed files (petition.cache)
        if not result.ok:
            for problem in result.problems:
                log.error("%s:%d: %s", problem.path, problem.line, problem.message)
            bad = result.invalid_files
            raise PluginError(
                f"{len(bad)} signature file(s) are invalid, so the site is not built (a partial list is never published): "
                + ", ".join(bad[:10]) + (" …" if len(bad) > 10 else "")
            )
        self.rows = listing.ordered_rows(result.entries, self.settings.root / CACHE_DIR)
        files.append(File.generated(config, "signatories.json", content=render.export_json(self.rows)))
        files.append(File.generated(config, "signatories.csv", content=render.export_csv(self.rows)))
        # The list's blocks, search data, per-country counts and script (petition.listing).
        files.append(File.generated(config, listing.BY_COUNTRY_FILE, content=listing.by_country_csv(self.rows)))
        files.append(File.generated(config, listing.SEARCH_FILE, content=listing.search_json(self.rows, self.settings.list_block)))
        for path, content in listing.block_files(self.rows, self.settings.list_block).items():
            files.append(File.generated(config, path, content=content))
        for name in listing.ASSET_FILES:
            files.append(File.generated(config, f"{listing.ASSETS_DIR}/{name}", content=listing.asset(name)))
        return files

    def on_page_content(self, html: str, page, config, files: Files) -> str:
        if COUNTS_MARKER in html:
            signatories = files.get_file_from_path(self.config.signatories_page)
            sign = files.get_file_from_path(self.config.sign_page)
            html = html.replace(
                COUNTS_MARKER,
                render.counts_html(
                    render.counts(self.rows),
                    signatories.url_relative_to(page.file) if signatories else "signatories/",
                    sign.url_relative_to(page.file) if sign else "sign/",
                ),
            )
        if RECENT_MARKER in html:
            signatories = files.get_file_from_path(self.config.signatories_page)
            html = html.replace(RECENT_MARKER, listing.recent_html(self.rows, signatories.url_relative_to(page.file) if signatories else "signatories/"))
        if LIST_MARKER in html:
            html = html.replace(LIST_MARKER, listing.signatories_html(self.rows, "../" * page.url.count("/"), self.settings.list_block))
        return html

    def on_serve(self, server, config, builder):
        # Rebuild when a signature or a key changes, as for the docs themselves.
        for folder in (self.settings.signatures_path, self.settings.keys_path):
            if folder.is_dir():
                server.watch(str(folder))
        return server
