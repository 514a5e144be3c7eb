"""petition sign: endorse the letter from a terminal. Asks the sign page's questions (or takes
them as options), encrypts the contact email to the maintainers' key, writes
``signatures/<slug>.yaml`` and prints the next git steps. Never overwrites a file; never prints
the address."""

from __future__ import annotations

import argparse
import shlex
import sys

from petition.check import namesakes
from petition.check.collection import check
from petition.model.fields import ASKED, OPTIONS
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
from petition.model.versions import current_version
from petition.problems import ERROR
from petition.settings import SIGNATURE_SUFFIX, Settings

# field, question, required: the sign page's questions, in its order (petition.model.fields).
QUESTIONS = tuple((f.name, f.ask.question, f.required) for f in ASKED)
CONSENT = (
    "Your name, type, country, affiliation, website, GitHub user name (if given) and today's date will be "
    "published; your contact email is encrypted so that only the maintainers can read it. It will not be "
    "published or used in any way except to contact you as appropriate in relation to your endorsement."
)
MAX_TRIES = 5


class Stop(Exception):
    """Give up without writing anything; the message says why."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for field in OPTIONS:
        parser.add_argument(
            "--" + field.name.replace("_", "-"), dest=field.name, choices=field.choices or None, help=field.option
        )
    parser.add_argument(
        "--email",
        help="contact email (required; encrypted before it is written). Prefer the question: an option "
        "stays in your shell history",
    )
    parser.add_argument("--slug", help="file name without .yaml (default: made from the name)")
    parser.add_argument("--yes", action="store_true", help="agree to what is published without being asked")
    parser.add_argument(
        "--no-input", action="store_true", help="ask nothing; fail when something required is missing (for scripts)"
    )
    parser.add_argument(
        "--namesake",
        action="store_true",
        help="you are a different signatory from one already listed with the same name and country: "
        "write the file anyway, and say so in the pull request",
    )


def _ask(question: str) -> str:
    try:
        return input(f"{question}: ").strip()
    except EOFError:
        raise Stop("No answer (end of input): nothing written.") from None


def _answer(field: str, question: str, required: bool, given: str | None, args: argparse.Namespace) -> str | None:
    def problem(value: str) -> str | None:
        if field == "email":
            return email_problem(value)
        candidate = {"type": "individual", "name": "Placeholder", field: value}
        return field_problems(candidate).get(field)

    if given is not None:
        given = given.strip()
        if given:
            message = problem(given)
            if message:
                raise Stop(f"--{field.replace('_', '-')} {message} Nothing written.")
            return given
    if args.no_input or given is not None:
        if required:
            raise Stop(f"--{field} is required. Nothing written.")
        return None
    for _ in range(MAX_TRIES):
        value = _ask(question)
        if not value:
            if not required:
                return None
            print("  This answer is required.")
            continue
        message = problem(value)
        if message is None:
            return value
        print(f"  The {field.replace('_', ' ')} {message}")
    raise Stop("Too many invalid answers: nothing written.")


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        return _run(args, settings)
    except Stop as stop:
        print(stop, file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, settings: Settings) -> int:
    keyring, _ = load_keyring(settings.keys_path, settings.root)
    key = signing_key(keyring)
    if key is None:
        raise Stop(
            f"Signing has not opened yet: the repository has no maintainer key in {settings.keys_dir}/ to "
            "encrypt your email to. Nothing written."
        )
    fields: dict[str, str | None] = {}
    for field, question, required in QUESTIONS:
        fields[field] = _answer(field, question, required, getattr(args, field), args)
    for field in OPTIONS:
        if field.ask is None and getattr(args, field.name):
            fields[field.name] = _answer(field.name, "", False, getattr(args, field.name), args)
    email = _answer("email", "Contact email (required; encrypted now, never published)", True, args.email, args)
    if not args.yes:
        if args.no_input:
            raise Stop("Add --yes to confirm what is published (see “petition sign --help”). Nothing written.")
        print(CONSENT)
        if _ask("Sign the letter? [y/N]").lower() not in ("y", "yes"):
            raise Stop("Not signed: nothing written.")
    slug = _slug(args.slug, fields["name"] or "", settings)
    path = settings.signatures_path / f"{slug}{SIGNATURE_SUFFIX}"
    shown = settings.display(path)
    text = new_signature(fields, email or "", key, current_version(settings))
    if not write_new(path, text):
        raise Stop(_exists(shown))
    result = check(settings, [path], cache=True)
    errors = [p for p in result.problems if p.severity == ERROR]
    # A name and country already listed: the same person signing twice, or a namesake, which only
    # the signer can tell and a maintainer then confirms (petition.check.namesakes).
    namesake = bool(errors) and all(p.code in namesakes.CODES for p in errors)
    if namesake and not args.namesake and not args.no_input:
        print("\n".join(f"  {p.message}" for p in errors))
        args.namesake = _ask(
            "Are you a different person or organisation from the one already listed? [y/N]"
        ).lower() in ("y", "yes")
    if errors and not (namesake and args.namesake):
        path.unlink()
        lines = "\n".join(f"  {p.message}" for p in errors)
        hint = (
            "\nIf you already signed, there is nothing more to do. If you are someone else with the same "
            "name, run “petition sign” again with --namesake."
            if namesake
            else ""
        )
        raise Stop(f"Not written: {shown} would not pass the check:\n{lines}{hint}")
    branch = f"sign-{slug}"
    print(f"Wrote {shown}. Your email is in it only in encrypted form.")
    for problem in result.problems:  # warnings only here: a possible duplicate that a maintainer looks at
        if problem.path == shown and problem.severity != ERROR:
            print(f"A maintainer will look at this before merging: {problem.message}")
    if namesake:
        print(
            "A signatory with the same name and country is already listed: say in the pull request that "
            "you are someone else, and a maintainer will confirm it."
        )
    print("Next, propose it in a pull request:")
    print(f"  git switch -c {branch}")
    print(f"  git add {shlex.quote(shown)}")
    print(f"  git commit -m {shlex.quote('Sign the letter: ' + (fields['name'] or ''))}")
    print(f"  git push -u origin {branch}")
    print("then open the pull request on GitHub. Git records your commit email address, and GitHub publishes it:")
    print("use your GitHub no-reply address (https://github.com/settings/emails) before committing.")
    return 0


def _exists(shown: str) -> str:
    return (
        f"{shown} already exists: nothing written. If it is your signature, there is nothing more to "
        "do; otherwise choose another file name with --slug."
    )


def _slug(given: str | None, name: str, settings: Settings) -> str:
    if given is not None:
        if not valid_slug(given):
            raise Stop(
                "--slug must be lowercase letters, digits and single hyphens, such as anna-de-vries. Nothing written."
            )
        if (settings.signatures_path / f"{given}{SIGNATURE_SUFFIX}").exists() or given in taken_slugs(
            settings.signatures_path
        ):
            raise Stop(_exists(settings.display(settings.signatures_path / f"{given}{SIGNATURE_SUFFIX}")))
        return given
    return free_slug(slugify(name), taken_slugs(settings.signatures_path))
