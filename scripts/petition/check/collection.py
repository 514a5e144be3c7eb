"""The pipeline: load every file, validate it, check the collection. Results are data."""

from __future__ import annotations

import datetime as dt
import operator
import os
from pathlib import Path

from petition.check import gcpause, lifecycle, workers
from petition.check.cache import CACHE_DIR, ResultCache, fingerprint
from petition.check.deliveries import check_deliveries
from petition.check.duplicates import duplicate_problems_of
from petition.check.namesakes import Namesakes
from petition.check.namesakes import load as load_namesakes
from petition.check.onefile import Entry
from petition.check.records import named
from petition.check.responses import RecordEntry, check_responses
from petition.check.retention import retention_problems
from petition.check.workers import entry_of
from petition.model.keys import load_keyring
from petition.model.versions import known_versions
from petition.problems import ERROR, Problem
from petition.settings import Settings


class CheckResult:
    """What a check found: the files it checked, their problems, and the valid entries.

    ``entries`` may be given as a list or, by the checker, as the valid files' compact records
    (``records``: (shown path, petition.check.workers record) pairs in path order), from which the
    Entry objects are built the first time a caller reads ``entries``: plain ``petition check`` of
    100,000 files never builds them. ``derived`` holds each record's derived part (site build).
    """

    def __init__(
        self,
        checked: list[str],
        entries: list[Entry] | None = None,
        problems: list[Problem] | None = None,
        records: list[tuple] | None = None,
        plain_records: list[tuple] | None = None,
        responses: list[RecordEntry] | None = None,
        deliveries: list[RecordEntry] | None = None,
    ):
        self.checked = checked
        self.responses = responses if responses is not None else []  # the valid responses, newest first
        self.deliveries = deliveries if deliveries is not None else []  # the valid delivery records, newest first
        self._entries = entries
        self.problems = problems if problems is not None else []
        self._records = records if records is not None or plain_records is not None else []
        self._plain = plain_records  # as the workers sent them: named only when a caller reads ``records``

    @property
    def records(self) -> list[tuple]:
        """(shown path, check.records.Record) pairs of the valid files, in path order."""
        if self._records is None:
            self._records = [(shown, named(record)) for shown, record in self._plain or ()]
            self._plain = None
        return self._records

    @records.setter
    def records(self, value: list[tuple]) -> None:
        self._records, self._plain = value, None

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = [entry_of(shown, record) for shown, record in self.records]
        return self._entries

    @entries.setter
    def entries(self, value: list[Entry]) -> None:
        self._entries = value

    def entries_of(self, paths: set[str] | dict[str, object]) -> list[Entry]:
        """The entries of these paths only, in path order, without building every other one."""
        if self._entries is not None:
            return [e for e in self._entries if e.path in paths]
        return [entry_of(shown, record) for shown, record in self.records if shown in paths]

    @property
    def derived(self) -> list[tuple]:
        return [record.derived for _, record in self.records]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckResult):
            return NotImplemented
        return (self.checked, self.entries, self.problems) == (other.checked, other.entries, other.problems)

    def __repr__(self) -> str:
        return f"CheckResult(checked={self.checked!r}, entries={self.entries!r}, problems={self.problems!r})"

    @property
    def ok(self) -> bool:
        return not any(p.severity == ERROR for p in self.problems)

    @property
    def invalid_files(self) -> list[str]:
        return sorted({p.path for p in self.problems if p.severity == ERROR})


def signature_paths(settings: Settings) -> list[str]:
    """Everything in the signatures folder, sorted, as strings (100,000 Path objects cost a second)."""
    folder = settings.signatures_path
    try:
        with os.scandir(folder) as it:
            return sorted(e.path for e in it)
    except FileNotFoundError:
        return []


def check(
    settings: Settings,
    paths: list[Path] | None = None,
    today: dt.date | None = None,
    cache: bool = False,
    derive=None,
    namesakes: Namesakes | None = None,
    cache_dir: Path | None = None,
    collection: dict[str, str] | None = None,
) -> CheckResult:
    """Check the given signature files (default: the whole folder) against the whole collection, and
    the governments' responses (default: all; with ``paths``, those among them: petition.check.responses).

    Files are checked on every core (petition.check.workers). With ``cache``, files already found valid
    with the same content are not checked again (petition.check.cache; the site build uses it).
    ``derive(slug, fields)``, when given, runs on every core for each valid file (the site build's per-row
    work, petition.site.listing.RowPieces); the result's ``derived`` lists what it returned, in path order.
    ``namesakes``: the confirmed namesakes to let through the duplicate check (default: the
    working tree's list, whose own problems are then reported too; petition.check.namesakes).
    ``cache_dir``: where the cache is (default: ``.cache/petition`` under the settings' root; a pull
    request's judged folder is temporary, so its check uses the repository's).
    ``collection``, with ``paths``: the whole collection as shown path to the path to read, in place of
    the signatures folder's listing (a pull request's judge reads most files where they are).
    """
    with gcpause.paused():
        return _check(settings, paths, today, cache, derive, namesakes, cache_dir, collection)


def _check(
    settings: Settings,
    paths: list[Path] | None,
    today: dt.date | None,
    cache: bool,
    derive,
    namesakes: Namesakes | None,
    cache_dir: Path | None = None,
    collection: dict[str, str] | None = None,
) -> CheckResult:
    today = today or dt.date.today()
    paths, response_paths, delivery_paths = _split_records(settings, paths)
    responses, problems = check_responses(settings, today, response_paths)
    deliveries, found = check_deliveries(settings, delivery_paths)
    problems.extend(found)
    record_targets = (response_paths or []) + (delivery_paths or [])  # the other kinds' files among the paths
    if paths is not None and not paths:
        checked = sorted(settings.display(Path(p)) for p in record_targets)
        return CheckResult(checked, [], problems, [], [], responses, deliveries)
    keyring, key_problems = load_keyring(settings.keys_path, settings.root)
    problems.extend(key_problems)
    versions = known_versions(settings)
    everything = signature_paths(settings) if collection is None or paths is None else []
    display = workers.shower(settings)
    if paths is None:
        order: list[str] = everything  # scandir names are unique
        order_shown = None  # every file is a target: the workers work out how each is shown
        target_shown: set[str] | None = None
    else:
        targets = [str(p if Path(p).is_absolute() else settings.root / p) for p in paths]
        target_shown = {display(p) for p in targets}
        by_shown: dict[str, str] = {}
        for path in targets + everything:
            by_shown.setdefault(display(path), path)
        for shown, path in (collection or {}).items():
            by_shown.setdefault(shown, path)
        # In shown-path order, as a whole-folder check: the chunks then line up with the cache's shards.
        order_shown = sorted(by_shown)
        order = [by_shown[s] for s in order_shown]
        del by_shown
    del everything
    valid: list[tuple] = []  # (shown, plain record): what the parent keeps of a valid file
    add = valid.append
    checked: list[str] = []
    store = (
        ResultCache(cache_dir or settings.root / CACHE_DIR, fingerprint(settings, keyring, versions), today).load()
        if cache
        else None
    )
    for shown, record, found in workers.check_files(
        order, order_shown, settings, keyring, today, versions, store, derive
    ):
        if target_shown is None:
            checked.append(shown)
        if record is not None:
            add((shown, record))
        elif target_shown is None or shown in target_shown:
            problems.extend(found)
    if target_shown is None:
        checked.sort()
    else:
        checked = sorted(target_shown)
    if record_targets:
        checked = sorted(checked + [display(p) for p in record_targets])
    if store is not None:
        store.save()
        del store
    del order, order_shown
    # Closing: a file dated after the last day of signing is invalid, so it is never published.
    problems.extend(lifecycle.config_problems(settings))
    # After contacts_kept_until, every run says the private keys must be destroyed (petition.check.retention).
    problems.extend(retention_problems(settings, today))
    last = lifecycle.closing_date(settings)
    if last is not None:
        signed = workers.VALUE_FIELDS.index("signed")
        # YYYY-MM-DD dates compare as text (any other digit sorts after ASCII ones, so it is judged too):
        # only the files that may be dated after the last day become entries for closing_problems.
        after = last.isoformat()
        late = lifecycle.closing_problems(
            settings,
            [workers.entry_of(s, named(r)) for s, r in valid if r[1][signed] is not None and r[1][signed] > after],
        )
        late_paths = {p.path for p in late}
        valid = [(shown, record) for shown, record in valid if shown not in late_paths]
        problems.extend(p for p in late if target_shown is None or p.path in target_shown)
    if namesakes is None:
        namesakes, found = load_namesakes(settings)
        problems.extend(found)
    problems.extend(
        duplicate_problems_of(
            [(shown, record[3]) for shown, record in valid],  # the plain record's key
            report_on=None if paths is None else target_shown,
            namesakes=namesakes,
        )
    )
    valid.sort(key=operator.itemgetter(0))
    return CheckResult(
        checked, problems=sorted(set(problems)), plain_records=valid, responses=responses, deliveries=deliveries
    )


def _split_records(
    settings: Settings, paths: list[Path] | None
) -> tuple[list[Path] | None, list[str] | None, list[str] | None]:
    """The signature, response and delivery record paths among ``paths`` (None: every file of each folder).

    Given paths of which none is a response check no response: pre-commit of one signature stays one file's check.
    """
    if paths is None:
        return None, None, None
    folders = {settings.responses_path.absolute(): [], settings.delivered_path.absolute(): []}
    signatures = []
    for path in paths:
        full = (Path(path) if Path(path).is_absolute() else settings.root / path).absolute()
        folders.get(full.parent, signatures).append(str(full))
    responses, deliveries = folders.values()
    return [Path(p) for p in signatures], responses, deliveries
