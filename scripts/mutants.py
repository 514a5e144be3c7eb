"""Mutation check: plant known bugs one at a time and see that the tests named for each catch it.

Each mutant is one realistic one-line bug: (a name, the module as a dotted name, an exact
snippet of its source, what the snippet becomes, the test files that must then fail). The
repository's files (tracked and untracked, not ignored: the working tree as it is, uncommitted
edits included) are copied to a temporary folder once; each mutant is applied there, its tests
run with this project's virtualenv (``-x -q -p no:cacheprovider``, xdist off), and the module
put back. The working tree is never written to.

    python scripts/mutants.py            every mutant, then the total; exit 1 if any survived
    python scripts/mutants.py --list     the mutants, each checked against its module
    python scripts/mutants.py --only NAME [--only NAME ...]

A snippet that is not in its module exactly once is a stale mutant (the code moved on): it is
reported and the run exits 2 before anything runs, so the list cannot rot silently. Modules are
named by dotted name and found with importlib (the package's layout may change; only the names
here need rewriting). Not part of the test suite: it runs the suite's files many times over.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
TIMEOUT = 1200  # seconds for one mutant's tests; more means something hangs


@dataclasses.dataclass(frozen=True)
class Mutant:
    name: str
    module: str  # dotted, e.g. "petition.check.fastfile"
    snippet: str  # exact source text, found exactly once in the module
    replacement: str
    tests: tuple[str, ...]  # test files, relative to the repository root
    why: str = ""


M = Mutant
MUTANTS: list[Mutant] = [
    # --- the per-file check's fast path and the plaintext guard ---------------------------------
    M(
        "fastcheck-at-handoff",
        "petition.check.fastfile",
        '        or b"@" in data  # the plaintext guard\'s business\n',
        "",
        ("tests/check/test_fastfile.py",),
        "a file with an '@' no longer goes to the plaintext guard",
    ),
    M(
        "fast-verdict-keeps-contact",
        "petition.check.fastfile",
        '        kept.pop("contact", None)',
        '        kept.get("contact")',
        ("tests/check/test_fastfile.py",),
        "the public verdict keeps the encrypted contact",
    ),
    M(
        "fast-schema-skips-cross-field",
        "petition.model.fastvalidate",
        "        if cross_field_errors(out, context):\n            return None",
        "        if False:\n            return None",
        ("tests/model/test_fastvalidate.py",),
        "the fast schema path skips the cross-field rules",
    ),
    M(
        "guard-message-not-replacing",
        "petition.check.onefile",
        "schema_problems = [p for p in schema_problems if p.line not in guarded]",
        "schema_problems = list(schema_problems)",
        ("tests/check/test_onefile.py", "tests/site/test_privacy.py", "tests/cli/test_command_check.py"),
        "a schema message about a guarded line is reported beside the guard's",
    ),
    M(
        "guard-lenient-in-signatures",
        "petition.check.guard",
        "    strict = in_signatures(path, settings)",
        "    strict = False",
        ("tests/check/test_guard.py",),
        "example and noreply addresses let through inside signatures/",
    ),
    M(
        "guard-reserved-domain-suffix",
        "petition.check.guard",
        '        domain in RESERVED_DOMAINS\n        or domain.endswith(tuple("." + d for d in RESERVED_DOMAINS))\n',
        "        domain.endswith(RESERVED_DOMAINS)\n",
        ("tests/check/test_guard.py",),
        "notexample.org counts as a reserved example domain",
    ),
    # --- the loader ------------------------------------------------------------------------------
    M(
        "anchor-let-through",
        "petition.load.document",
        "if isinstance(event, yaml.AliasEvent) or anchor is not None:",
        "if isinstance(event, yaml.AliasEvent):",
        ("tests/load/test_document.py",),
        "an anchor without an alias is accepted",
    ),
    M(
        "multiline-value-joined",
        "petition.load.document",
        "event.end_mark.line + 1 > line",
        "event.end_mark.line > line",
        ("tests/load/test_document.py", "tests/test_corpus.py"),
        "a value continued on the next line is joined silently",
    ),
    # --- the schema's rules ----------------------------------------------------------------------
    M(
        "future-date-two-days",
        "petition.model.signature",
        "_ONE_DAY = dt.timedelta(days=1)",
        "_ONE_DAY = dt.timedelta(days=2)",
        ("tests/cli/test_command_check.py",),
        "two days ahead accepted",
    ),
    M(
        "future-date-no-grace",
        "petition.model.signature",
        "dt.date.fromisoformat(signed) > today + _ONE_DAY",
        "dt.date.fromisoformat(signed) > today",
        ("tests/cli/test_command_check.py",),
        "tomorrow (a signer east of the clock) refused",
    ),
    M(
        "country-lowercase-accepted",
        "petition.model.rules",
        'if re.fullmatch(r"[A-Z]{2}", value) and _known_code(value)',
        'if re.fullmatch(r"[A-Za-z]{2}", value) and _known_code(value.upper())',
        ("tests/model/test_signature.py", "tests/model/test_rules.py"),
        "a lowercase country code accepted",
    ),
    M(
        "formula-dash-allowed",
        "petition.model.freetext",
        'if value[0] in "=+-@":',
        'if value[0] in "=+@":',
        ("tests/model/test_signature.py", "tests/model/test_freetext.py"),
        "a value starting with '-' reaches spreadsheets",
    ),
    M(
        "website-userinfo-allowed",
        "petition.model.websites",
        'if "@" in parts.netloc:',
        'if "@" in parts.path:',
        ("tests/model/test_signature.py", "tests/model/test_websites.py"),
        "https://user@host accepted",
    ),
    M(
        "retired-key-on-retirement-day",
        "petition.model.signature",
        "dt.date.fromisoformat(signed) >= key.retired",
        "dt.date.fromisoformat(signed) > key.retired",
        ("tests/model/test_signature.py", "tests/cli/test_command_keygen.py"),
        "a contact encrypted to a key on the day it was retired accepted",
    ),
    # --- responses and retention -----------------------------------------------------------------
    M(
        "response-refused-on-release-day",
        "petition.model.rules",
        "    if released and value < released:",
        "    if released and value <= released:",
        ("tests/check/test_responses.py", "tests/model/test_response.py"),
        "a response dated on the day the letter was released refused",
    ),
    M(
        "retention-warns-on-the-last-day",
        "petition.check.retention",
        "(today or dt.date.today()) <= last",
        "(today or dt.date.today()) < last",
        ("tests/check/test_retention.py",),
        "the key-destruction warning comes on the last day contacts are kept",
    ),
    M(
        "destroyed-key-still-warned",
        "petition.check.retention",
        "        if key.id in gone:\n            continue\n",
        "",
        ("tests/check/test_retention.py", "tests/cli/test_command_keygen.py"),
        "a key recorded as destroyed is still warned about",
    ),
    # --- duplicates ------------------------------------------------------------------------------
    M(
        "duplicates-ignore-country",
        "petition.check.duplicates",
        'where = (country or "") + "\\0"',
        'where = "\\0"',
        ("tests/model/test_confusables.py", "tests/check/test_namesakes.py", "tests/check/test_duplicates.py"),
        "the same name in two countries is a duplicate",
    ),
    M(
        "github-duplicates-case-sensitive",
        "petition.check.duplicates",
        'github.casefold() if github else ""',
        'github if github else ""',
        ("tests/model/test_confusables.py", "tests/check/test_namesakes.py", "tests/check/test_duplicates.py"),
        "KIM and kim are two GitHub accounts",
    ),
    # --- the content cache -----------------------------------------------------------------------
    M(
        "cache-clock-back-trusted",
        "petition.check.cache",
        'if not (isinstance(head.get("today"), str) and head["today"] <= self.today):',
        'if not isinstance(head.get("today"), str):',
        ("tests/check/test_cache.py", "tests/check/test_cache_shards.py"),
        "a cache written on a later day is read",
    ),
    M(
        "cache-digest-unchecked",
        "petition.check.cache",
        '"records": count,\n                    "sha256": hashlib.sha256(body).hexdigest(),\n                }:',
        '"records": count,\n                    "sha256": head.get("sha256"),\n                }:',
        ("tests/check/test_cache_shards.py", "tests/check/test_cache.py"),
        "a damaged shard is read",
    ),
    # --- the site's data -------------------------------------------------------------------------
    M(
        "derive-gets-contact",
        "petition.check.workers",
        "job.today, job.versions, public_only=True)",
        "job.today, job.versions, public_only=False)",
        ("tests/site/test_privacy.py",),
        "the build's per-row work receives the encrypted contact",
    ),
    M(
        "reference-verdict-keeps-contact",
        "petition.check.fastfile",
        'if v is not None and not (public_only and k == "contact")\n',
        "if v is not None\n",
        ("tests/check/test_fastfile.py", "tests/site/test_privacy.py"),
        "a file the long way checks sends its contact on to the build",
    ),
    M(
        "row-name-unescaped",
        "petition.report.rowformat",
        "label = f'<bdi dir=\"auto\">{escape(values[_NAME_AT])}</bdi>'",
        "label = f'<bdi dir=\"auto\">{values[_NAME_AT]}</bdi>'",
        ("tests/report/test_rowformat.py", "tests/site/test_encoders.py", "tests/site/test_listing.py"),
        "a name's markup reaches the list's HTML",
    ),
    M(
        "row-search-type-swapped",
        "petition.site.listing",
        '\'"o"\' if kind == "organization" else \'"i"\'',
        '\'"i"\' if kind == "organization" else \'"o"\'',
        ("tests/site/test_encoders.py", "tests/site/test_listing.py"),
        "the search data calls organisations individuals",
    ),
    # --- pull-request review and its comment -----------------------------------------------------
    M(
        "pr-source-allowed",
        "petition.review.pullrequest",
        "if value is not None and value != old.get(declared.name):",
        "if value is not None and value == old.get(declared.name):",
        ("tests/review/test_pullrequest.py",),
        "a signer may set the maintainers' source field",
    ),
    M(
        "pr-identity-case-sensitive",
        "petition.review.pullrequest",
        "return a.casefold() == b.casefold()",
        "return a == b",
        ("tests/review/test_pullrequest.py",),
        "GitHub logins compared with their case",
    ),
    M(
        "judge-rules-from-the-head",
        "petition.review.pullrequest",
        "rules = head if ctx.maintainer else base_tip",
        "rules = head",
        ("tests/review/test_judge.py",),
        "a pull request's own settings, keys and letter versions judge it",
    ),
    M(
        "judge-net-diff-only",
        "petition.review.pullrequest",
        "problems.extend(history_problems(repo, history, settings, prefix, branch, at_head))",
        "pass",
        ("tests/review/test_judge.py",),
        "an address added in one commit and removed in a later one passes",
    ),
    M(
        "judge-duplicates-at-the-fork-point",
        "petition.review.pullrequest",
        "with judged_folder(repo, rules, base_tip, prefix, found) as judged:",
        "with judged_folder(repo, rules, base, prefix, found) as judged:",
        ("tests/review/test_judge.py",),
        "a duplicate merged to the base branch after the fork point passes",
    ),
    M(
        "comment-mentions-kept",
        "petition.report.comment",
        '.replace("@", "@" + WORD_JOINER)',
        '.replace("@", "@")',
        ("tests/report/test_comment.py",),
        "a name in the comment notifies a GitHub user",
    ),
    M(
        "comment-markdown-unescaped",
        "petition.report.comment",
        r"""_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^=:])")""",
        r"""_MD_SPECIALS = re.compile(r"([\\`*_{}#+\-.!|&~^=:])")""",
        ("tests/report/test_comment.py",),
        "brackets and angle brackets reach the comment's Markdown",
    ),
    # --- signatures received by email ----------------------------------------------------------
    M(
        "mail-decoded-with-replacement",
        "petition.load.mail",
        'return data.decode(declared or "utf-8")',
        'return data.decode(declared or "utf-8", "replace")',
        ("tests/load/test_mail.py",),
        "a text not in its encoding is read with replacement characters, a name altered without a word",
    ),
    M(
        "mailed-contact-joined-with-spaces",
        "petition.model.mailedfile",
        'fields[-1][1] = value + re.sub(r"[\\s\\u00a0]+", "", line)',
        'fields[-1][1] = value + " " + line',
        ("tests/model/test_mailedfile.py",),
        "a wrapped contact is joined back with a space",
    ),
    M(
        "mailed-any-sender-verified",
        "petition.check.mailed",
        "if normal != _normalised(contact):",
        "if normal is None:",
        ("tests/check/test_mailed.py",),
        "a message from another address than the contact counts as verified",
    ),
    M(
        "mailed-source-not-refused",
        "petition.check.mailed",
        "        if declared.name in doc.fields\n",
        "        if False\n",
        ("tests/check/test_mailed.py",),
        "a signer's file setting the maintainers' source is written",
    ),
]


def module_path(module: str) -> Path:
    """The source file of a dotted module name, as this repository's scripts/ holds it."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise LookupError(f"module {module} not found")
    path = Path(spec.origin).resolve()
    path.relative_to(ROOT)  # the repository's own file, never an installed copy
    return path


def stale(mutants: list[Mutant]) -> list[str]:
    """Why each stale mutant is stale (empty when every snippet is in its module exactly once)."""
    found = []
    for m in mutants:
        try:
            text = module_path(m.module).read_text(encoding="utf-8")
        except (LookupError, ValueError, OSError) as exc:
            found.append(f"{m.name}: {exc}")
            continue
        count = text.count(m.snippet)
        if count != 1:
            found.append(f"{m.name}: the snippet is in {m.module} {count} times, not once")
        missing = [t for t in m.tests if not (ROOT / t).is_file()]
        if missing:
            found.append(f"{m.name}: no test file {', '.join(missing)}")
    return found


def copy_repository(target: Path) -> None:
    """The working tree's files (tracked and untracked, not ignored), in a fresh git repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    # Some tests ask git which files the repository holds.
    subprocess.run(["git", "init", "-q"], cwd=target, check=True)
    subprocess.run(["git", "add", "-A"], cwd=target, check=True)


def environment(copy: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON"))}
    env["PYTHONPATH"] = str(copy / "scripts")  # before the virtualenv's editable install of this tree
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # a mutant of the same size and second must never meet a stale .pyc
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run_tests(python: str, copy: Path, tests: tuple[str, ...], env: dict[str, str]) -> tuple[str, float, str]:
    """'passed', 'failed', or what else happened to the run; how long it took; pytest's summary lines."""
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *tests],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start, ""
    took = time.monotonic() - start
    outcome = {0: "passed", 1: "failed"}.get(proc.returncode, f"error (pytest exit {proc.returncode})")
    summary = "\n".join(
        line for line in (proc.stdout + proc.stderr).splitlines() if line.startswith(("FAILED", "ERROR", "E  "))
    )[-3000:]
    if proc.returncode not in (0, 1):
        outcome += ": " + " / ".join((proc.stdout + proc.stderr).strip().splitlines()[-5:])
    return outcome, took, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="list the mutants (and check each against its module)")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this mutant (repeatable)")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the run of the named tests on the unmutated copy"
    )
    args = parser.parse_args(argv)

    names = [m.name for m in MUTANTS]
    if len(set(names)) != len(names):
        print("two mutants share a name", file=sys.stderr)
        return 2
    chosen = MUTANTS
    if args.only:
        unknown = sorted(set(args.only) - set(names))
        if unknown:
            print(f"no such mutant: {', '.join(unknown)} (see --list)", file=sys.stderr)
            return 2
        chosen = [m for m in MUTANTS if m.name in args.only]

    problems = stale(chosen)
    if args.list:
        for m in chosen:
            print(
                f"{m.name:34} {m.module:22} {' '.join(t.removeprefix('tests/') for t in m.tests)}"
                + (f"  ({m.why})" if m.why else "")
            )
    if problems:
        for line in problems:
            print(f"stale mutant {line}", file=sys.stderr)
        return 2
    if args.list:
        return 0

    python = str(ROOT / ".venv" / "bin" / "python")
    if not Path(python).exists():
        python = sys.executable
    results: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="petition-mutants-") as folder:
        copy = Path(folder) / "repo"
        copy.mkdir()
        copy_repository(copy)
        env = environment(copy)
        where = subprocess.run(
            [python, "-c", "import petition, sys; sys.stdout.write(petition.__file__)"],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if not Path(where).resolve().is_relative_to(copy.resolve()):
            print(f"the copy's package is not the one imported ({where}): refusing to run", file=sys.stderr)
            return 2
        if not args.no_baseline:
            tests = tuple(dict.fromkeys(t for m in chosen for t in m.tests))
            outcome, took, summary = run_tests(python, copy, tests, env)
            print(f"baseline (no mutant, {len(tests)} test files): {outcome} in {took:.0f} s", flush=True)
            if outcome != "passed":
                print(f"{summary}\nthe tests fail without any mutant: fix them first", file=sys.stderr)
                return 2
        for m in chosen:
            target = copy / module_path(m.module).relative_to(ROOT)
            original = target.read_text(encoding="utf-8")
            target.write_text(original.replace(m.snippet, m.replacement, 1), encoding="utf-8")
            try:
                outcome, took, _ = run_tests(python, copy, m.tests, env)
            finally:
                target.write_text(original, encoding="utf-8")
            verdict = {"failed": "killed", "passed": "SURVIVED"}.get(outcome, f"killed ({outcome})")
            results.append((m.name, verdict))
            print(
                f"{verdict.split(' ')[0]:9} {m.name:34} {took:5.0f} s  "
                f"{' '.join(t.removeprefix('tests/') for t in m.tests)}" + (f"  {verdict}" if " " in verdict else ""),
                flush=True,
            )
    survived = [name for name, verdict in results if verdict == "SURVIVED"]
    print(
        f"{len(results) - len(survived)} of {len(results)} mutants killed"
        + (f"; survived: {', '.join(survived)}" if survived else "")
    )
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
