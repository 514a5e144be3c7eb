"""Problems found in signature files: plain data that reporters format."""

from __future__ import annotations

import dataclasses
import unicodedata

ERROR = "error"
WARNING = "warning"


@dataclasses.dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    # A short stable identifier of the kind of problem ("yaml-alias", "country-unknown", ...) for tools and tests.
    code: str = "invalid"
    severity: str = ERROR

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def show(value: str, limit: int = 40) -> str:
    """A signer's value made safe to quote in a message.

    Control, format and other invisible characters become \\u escapes so that a message can never
    reorder a terminal line, inject a workflow command or hide text; long values are cut.
    Callers never pass anything email-shaped here.
    """
    out = []
    for ch in value[:limit]:
        cat = unicodedata.category(ch)
        if cat[0] in "CZ" and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    text = "".join(out)
    if len(value) > limit:
        text += "…"
    return f"“{text}”"
