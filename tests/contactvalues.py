"""Contact values for the tests of the contact's rules: a well-formed one and Hypothesis's damaged copies of it.

Imported by the contact's tests: ``from contactvalues import GOOD, contacts``.
"""

from __future__ import annotations

import base64

from hypothesis import strategies as st

BODY = base64.b64encode(bytes(range(256)) + bytes(range(128))).decode("ascii")
GOOD = "rsa-oaep-sha256:0123456789abcdef:" + BODY


@st.composite
def contacts(draw):
    value = GOOD
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["replace", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, len(value)))
        if action == "replace" and at < len(value):
            value = value[:at] + draw(st.sampled_from(list("=:+/Aa0Fg \n\r\t\x00é!-"))) + value[at + 1 :]
        elif action == "insert":
            value = value[:at] + draw(st.sampled_from(list("=:A\n"))) + value[at:]
        elif action == "delete" and at < len(value):
            value = value[:at] + value[at + 1 :]
        else:
            value = value[:at]
    return value
