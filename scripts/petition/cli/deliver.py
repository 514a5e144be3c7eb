"""petition deliver [--country CODE] --out DIR: a delivery pack of the letter, for a country's government
or for the whole letter (petition.site.deliverypack), and its record in ``delivered/``.

The pack is made from what is published: the site is built (``mkdocs build --strict``, so an invalid
file stops it as it stops publishing), the PDF is the built printable page printed by Chromium, the CSV
is the published export's format. The record names the commit, so the signatures, responses and
delivered folders must be committed first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from pydantic_core import PydanticCustomError

from petition.check.collection import check
from petition.model import versions
from petition.model.delivery import record_text
from petition.model.rules import WHOLE_LETTER, check_country, country_name
from petition.review.git import GitError, resolve, uncommitted
from petition.settings import Settings
from petition.site import countrypages, deliverypack, listing, printpdf


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--country", metavar="CODE", default=None, help="the country's two-letter code (default: the whole letter)"
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the pack into")
    parser.add_argument(
        "--chromium",
        default=printpdf.CHROMIUM,
        metavar="PATH",
        help=f"Chromium to print with (default: {printpdf.CHROMIUM})",
    )
    parser.add_argument(
        "--site-url",
        default="",
        metavar="URL",
        help="the site's address for the statement and cover note "
        "(default: site_url in mkdocs.yml, or the GitHub Pages address of repo_url)",
    )


def _commit(settings: Settings) -> str | None:
    """HEAD, or None (with the reason printed) when the published folders are not committed."""
    folders = (settings.signatures_dir, settings.responses_dir, settings.delivered_dir)
    try:
        commit = resolve(settings.root, "HEAD")
        dirty = uncommitted(settings.root, *folders)
    except GitError as exc:
        print(f"petition deliver: the pack names the git commit it is made from, and git says: {exc}", file=sys.stderr)
        return None
    if dirty:
        print(
            f"petition deliver: {', '.join(folders)} have changes that are not committed: commit them first, so "
            "the pack is a snapshot of a commit anyone can check out. Nothing written.",
            file=sys.stderr,
        )
        return None
    return commit


def _build(settings: Settings, site: Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=settings.root,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        print("petition deliver: the site does not build, so there is no published page to deliver.", file=sys.stderr)
    return done.returncode == 0


def _site_address(args: argparse.Namespace, settings: Settings) -> str:
    if args.site_url:
        return args.site_url.rstrip("/") + "/"
    try:
        config = (settings.root / "mkdocs.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        config = ""
    found = {k: v.strip().strip("'\"") for k, _, v in (line.partition(":") for line in config.splitlines()) if v}
    return countrypages.site_address(found.get("site_url"), found.get("repo_url"))


def run(args: argparse.Namespace, settings: Settings) -> int:
    code = WHOLE_LETTER
    if args.country is not None:
        try:
            code = check_country(args.country)
        except PydanticCustomError as exc:
            print(f"petition deliver: --country {exc.message()}", file=sys.stderr)
            return 2
    result = check(settings, cache=True, derive=listing.RowPieces(len(versions.known_versions(settings)) > 1))
    if not result.ok:
        for p in result.problems:
            print(f"{p.path}:{p.line}: {p.message}", file=sys.stderr)
        print("petition deliver: fix these files first (they also stop the site's build).", file=sys.stderr)
        return 1
    rows, _ = listing.assemble(result.derived, settings.list_block)
    taken = {Path(r.path).stem for r in result.deliveries}
    if not any(code == WHOLE_LETTER or r.country == code for r in rows):
        print(f"No signatories in {country_name(code)}: there is nothing to deliver, and nothing was written.")
        return 1
    found = _commit(settings)
    if found is None:
        return 1
    pack = deliverypack.pack_of(rows, code, dt.date.today().isoformat(), found, taken)
    names = deliverypack.file_names(pack)
    existing = [n for n in names.values() if (args.out / n).exists()]
    if existing:
        print(
            f"petition deliver: {args.out / existing[0]} already exists; a pack is never overwritten.", file=sys.stderr
        )
        return 1
    site = _site_address(args, settings)
    with tempfile.TemporaryDirectory(prefix="petition-deliver-") as built:
        if not _build(settings, Path(built)):
            return 1
        page = Path(built) / countrypages.page_path(code) / "index.html"
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            printpdf.print_pdf(page, args.out / names["pdf"], args.chromium)
        except printpdf.PrintError as exc:
            print(f"petition deliver: {exc} Nothing written.", file=sys.stderr)
            return 1
    (args.out / names["csv"]).write_bytes(pack.csv.encode("utf-8"))
    (args.out / names["cover"]).write_text(pack.cover_note(site), encoding="utf-8")
    (args.out / names["statement"]).write_text(pack.statement(site, names), encoding="utf-8")
    settings.delivered_path.mkdir(parents=True, exist_ok=True)
    record = settings.delivered_path / f"{pack.slug}.yaml"
    record.write_text(record_text(pack.record()), encoding="utf-8")
    print(f"Delivery pack of {pack.what}: {len(pack.rows)} signatures, commit {found[:12]}, in {args.out}/:")
    for name in names.values():
        print(f"  {name}")
    print(f"  SHA-256 of the CSV: {pack.sha256}")
    print(f"Recorded in {settings.display(record)}: commit it and publish, and the Delivery page lists it.")
    return 0
