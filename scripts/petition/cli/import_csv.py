"""petition import CSV: endorsements received by email or on paper, one signature file per row.

Columns (a header row names them, in any order): ``type``, ``name``, ``email``, ``signed``
(YYYY-MM-DD, the date of the endorsement) are required; ``affiliation``, ``country``,
``website``, ``github``, ``sort_as``, ``version`` (default: the current letter version) and
``slug`` (default: made from the name) are optional. Each valid row becomes
``signatures/<slug>.yaml`` with ``source: imported`` and the email encrypted; every other row is
refused with its number and the reason. Nothing is dropped silently; no address is printed.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from petition.check.collection import check
from petition.check.duplicates import duplicate_key, duplicate_problems_of
from petition.check.namesakes import load as load_namesakes
from petition.model.fields import FIELDS
from petition.model.keys import load_keyring
from petition.model.signing import (
    email_problem,
    field_problems,
    free_slug,
    new_signature,
    signing_key,
    slugify,
    taken_slugs,
    valid_slug,
    write_new,
)
from petition.model.versions import current_version, known_versions
from petition.problems import ERROR
from petition.settings import SIGNATURE_SUFFIX, Settings

# The columns: the signature's fields (petition.model.fields) but the two the import fills in itself
# (the encrypted contact, from the email column, and the source, "imported"), the email and the
# file name. A received endorsement keeps the date it was made; the version defaults to the current one.
FIELD_COLUMNS = tuple(f.name for f in FIELDS if f.name not in ("contact", "source"))
REQUIRED = (*(f.name for f in FIELDS if f.required), "email", "signed")
OPTIONAL = (*(n for n in FIELD_COLUMNS if n not in REQUIRED), "slug")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "csv",
        type=Path,
        metavar="CSV",
        help=f"UTF-8 CSV with a header row; columns {', '.join(REQUIRED)} (required) and "
        f"{', '.join(OPTIONAL)} (optional)",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    keyring, _ = load_keyring(settings.keys_path, settings.root)
    key = signing_key(keyring)
    if key is None:
        print(
            f"No maintainer key in {settings.keys_dir}/ to encrypt the emails to: run “petition keygen” "
            "first. Nothing imported.",
            file=sys.stderr,
        )
        return 1
    try:
        text = args.csv.read_bytes().decode("utf-8-sig")
        records = list(csv.reader(io.StringIO(text, newline="")))
    except OSError:
        print(f"Cannot read {args.csv}.", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"{args.csv} is not UTF-8 text: save it as “CSV UTF-8” and try again. Nothing imported.", file=sys.stderr)
        return 2
    except csv.Error as exc:
        print(f"{args.csv} is not a readable CSV file ({exc}). Nothing imported.", file=sys.stderr)
        return 2
    if not records:
        print(f"{args.csv} is empty. Nothing imported.", file=sys.stderr)
        return 2
    header = [h.strip().lower() for h in records[0]]
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    missing = [h for h in REQUIRED if h not in header]
    repeated = sorted({h for h in header if header.count(h) > 1})
    if unknown or missing or repeated:
        for what, names in (("unknown columns", unknown), ("missing columns", missing), ("repeated columns", repeated)):
            if names:
                print(f"{args.csv}: {what}: {', '.join(names)}.", file=sys.stderr)
        print(
            f"The columns are {', '.join(REQUIRED)} (required) and {', '.join(OPTIONAL)} (optional). Nothing imported.",
            file=sys.stderr,
        )
        return 2

    version, versions = current_version(settings), known_versions(settings)
    taken = taken_slugs(settings.signatures_path)
    refused: list[tuple[int, str]] = []
    blank = 0
    rows: list[tuple[int, dict[str, str | None], str, str]] = []  # (row number, fields, email, slug) of valid rows
    for number, record in enumerate(records[1:], start=2):  # row numbers as a spreadsheet shows them
        if not any(cell.strip() for cell in record):
            blank += 1
            continue
        if len(record) > len(header):
            refused.append((number, f"has {len(record)} values but there are {len(header)} columns."))
            continue
        row = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
        reasons = []
        for column in REQUIRED:
            if not row.get(column):
                reasons.append(f"{column} is empty.")
        if row.get("email"):
            problem = email_problem(row["email"])
            if problem:
                reasons.append(f"email {problem}")
        fields = {k: row.get(k) or None for k in FIELD_COLUMNS}
        fields["version"] = row.get("version") or version
        fields["source"] = "imported"
        for field, message in field_problems(fields, keyring, versions).items():
            if row.get(field) or field not in REQUIRED:
                reasons.append(f"{field} {message}")
        slug = row.get("slug") or ""
        if slug and not valid_slug(slug):
            reasons.append("slug must be lowercase letters, digits and single hyphens.")
        elif slug and slug in taken:
            reasons.append(f"slug: {settings.signatures_dir}/{slug}{SIGNATURE_SUFFIX} already exists.")
        if reasons:
            refused.append((number, " ".join(reasons)))
            continue
        slug = slug or free_slug(slugify(fields["name"] or ""), taken)
        taken.add(slug.casefold())
        rows.append((number, fields, row["email"], slug))

    # Repeats within the CSV, by the duplicate check itself in row order (the later row is blamed),
    # with the maintainers' confirmed namesakes: the same verdicts the pull request will get.
    shown_of = {
        number: settings.display(settings.signatures_path / f"{slug}{SIGNATURE_SUFFIX}") for number, *_, slug in rows
    }
    row_of = {shown: number for number, shown in shown_of.items()}
    namesakes, _ = load_namesakes(settings)  # a broken list is reported by the check below
    keys = [
        (
            shown_of[n],
            duplicate_key(slug, f["name"] or "", f["country"], f["github"], f["type"] or "", 1, 1, None, f["website"]),
        )
        for n, f, _, slug in rows
    ]
    notes: dict[int, list[str]] = {}
    for problem in duplicate_problems_of(keys, namesakes=namesakes, in_order=True):
        notes.setdefault(row_of[problem.path], []).append(_with_rows(problem, row_of))
    wrong = {
        row_of[p.path] for p in duplicate_problems_of(keys, namesakes=namesakes, in_order=True) if p.severity == ERROR
    }
    written: dict[Path, int] = {}
    warnings: dict[int, list[str]] = {}
    for number, fields, email, slug in rows:
        if number in wrong:
            refused.append((number, " ".join(notes[number])))
            continue
        if number in notes:  # possible duplicates of an earlier row, for a maintainer: imported
            warnings[number] = notes[number]
        path = settings.signatures_path / f"{slug}{SIGNATURE_SUFFIX}"
        if not write_new(path, new_signature(fields, email, key, fields["version"] or version)):
            refused.append((number, f"{settings.display(path)} already exists."))
            continue
        written[path] = number

    # The same check as every pull request (duplicates across the collection too): refused rows leave no file;
    # a possible duplicate for a maintainer to look at (a warning) is imported and said.
    if written:
        by_shown = {settings.display(p): p for p in written}
        result = check(settings, list(written), cache=True)
        reasons_of: dict[Path, list[str]] = {}
        for problem in result.problems:
            if problem.path in by_shown:
                if problem.severity == ERROR:
                    reasons_of.setdefault(by_shown[problem.path], []).append(_with_rows(problem, row_of))
                elif not any(shown in problem.message for shown in by_shown):  # rows among themselves: above
                    warnings.setdefault(written[by_shown[problem.path]], []).append(_with_rows(problem, row_of))
        for path, reasons in reasons_of.items():
            number = written.pop(path)
            warnings.pop(number, None)
            refused.append((number, " ".join(reasons)))
            path.unlink()
    for path, number in sorted(written.items(), key=lambda item: item[1]):
        print(f"row {number}: wrote {settings.display(path)}")
        for note in warnings.get(number, ()):
            print(f"  needs a maintainer: {note}")
    print(
        f"Imported {len(written)} of {len(records) - 1 - blank} rows"
        + (f" ({blank} blank rows ignored)" if blank else "")
        + "."
    )
    if refused:
        print(
            f"Refused {len(refused)} rows (no file written for them); fix them in the CSV and import those rows again:",
            file=sys.stderr,
        )
        for number, reason in sorted(refused):
            print(f"  row {number}: {reason}", file=sys.stderr)
        return 1
    return 0


def _with_rows(problem, row_of: dict[str, int]) -> str:
    """A check's message, each file of this import named with its row too."""
    message = problem.message
    for shown, number in row_of.items():
        if shown in message and shown != problem.path:
            message = message.replace(shown, f"{shown} (row {number})")
    return message
