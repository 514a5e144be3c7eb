"""Project settings, read from ``[tool.petition]`` in the repository's pyproject.toml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

SIGNATURE_SUFFIX = ".yaml"


@dataclasses.dataclass(frozen=True)
class Settings:
    root: Path
    signatures_dir: str = "signatures"
    keys_dir: str = "docs/keys"
    # The version of the letter's text that new signatures endorse (see petition.model.versions).
    letter_version: str = "1"
    # How many new signatures one pull request from a non-maintainer may add before it is flagged.
    max_new_signatures: int = 1
    # Largest signature file accepted, in bytes: real entries are under 2 KiB.
    max_file_bytes: int = 8192
    # Closing (see petition.check.lifecycle): the last day signatures are accepted, YYYY-MM-DD, and a manual switch.
    closes_on: str = ""
    closed: bool = False
    # Addresses that are public anyway (the coalition's own contact address, printed in the letter):
    # the plaintext guard lets them stand outside signatures/. Signature files never carry one.
    public_addresses: tuple[str, ...] = ()
    # Where signers send their signature file by email (the sign page's "Send by email", read back by
    # ``petition receive``); unset, the first of ``public_addresses``; neither: no email route.
    signatures_address: str = ""
    # Rows per block of the signatories page: the page carries the first block of each section,
    # the others load in the background (petition.site.listing). Fewer rows in the page open it sooner.
    list_block: int = 300
    # Maintainers' list of namesakes: files with the same name and country that are different signatories
    # (petition.check.namesakes).
    namesakes_file: str = "namesakes.yaml"
    # Governments' responses to the letter, one YAML file each, added by the maintainers (petition.check.responses).
    responses_dir: str = "responses"
    # The record of each delivery of the letter (``petition deliver``), one small YAML file each.
    delivered_dir: str = "delivered"
    # The last day the maintainers keep the contacts readable, YYYY-MM-DD: after it the private key
    # must be destroyed (``petition keygen --destroy``), and every check says so until it is.
    contacts_kept_until: str = ""

    def __post_init__(self) -> None:
        if not self.signatures_address and self.public_addresses:
            object.__setattr__(self, "signatures_address", self.public_addresses[0])

    @property
    def signatures_path(self) -> Path:
        return self.root / self.signatures_dir

    @property
    def responses_path(self) -> Path:
        return self.root / self.responses_dir

    @property
    def delivered_path(self) -> Path:
        return self.root / self.delivered_dir

    @property
    def keys_path(self) -> Path:
        return self.root / self.keys_dir

    def display(self, path: Path) -> str:
        """The path as messages show it: relative to the repository, with forward slashes."""
        # No resolve(): a symlink is reported under its own name, never followed.
        try:
            return path.absolute().relative_to(self.root.absolute()).as_posix()
        except ValueError:
            return path.as_posix()


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def setting_date(value: object) -> dt.date | None:
    """A date setting's day (``closes_on``, ``contacts_kept_until``), or None when unset or malformed
    (the setting's own check says which)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):  # TOML's unquoted dates arrive as dates
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder upwards holding pyproject.toml or mkdocs.yml."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file() or (folder / "mkdocs.yml").is_file():
            return folder
    return here


def petition_section(data: bytes | str) -> dict[str, object]:
    """``[tool.petition]`` of a pyproject.toml's text, every key as written (unknown ones too); {} when unreadable.

    The judge compares it between two commits: any change, whatever the key, needs a maintainer.
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        parsed = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    tool = parsed.get("tool")
    section = tool.get("petition") if isinstance(tool, dict) else None
    return section if isinstance(section, dict) else {}


def settings_from_pyproject(data: bytes | str | None, root: Path, **overrides: object) -> Settings:
    """Settings from a pyproject.toml's text (a file's, or a git blob's: the judge reads the base branch's)."""
    section = petition_section(data) if data is not None else {}
    known = {f.name for f in dataclasses.fields(Settings)} - {"root"}
    # TOML arrays become tuples: Settings is frozen and hashable.
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in section.items() if k in known}
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(root=Path(root).absolute(), **values)  # type: ignore[arg-type]


def load_settings(root: Path | None = None, **overrides: object) -> Settings:
    # Absolute: paths under it are then shown by cutting a prefix (parallel.shower), not by pathlib per file.
    root = Path(root).absolute() if root is not None else find_root()
    try:
        data: bytes | None = (root / "pyproject.toml").read_bytes()
    except OSError:
        data = None
    return settings_from_pyproject(data, root, **overrides)
