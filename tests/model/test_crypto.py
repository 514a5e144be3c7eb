"""The contact's encryption: split_contact gives exactly the answers of the pattern it replaces."""

from __future__ import annotations

from hypothesis import example, given, settings

from contactvalues import GOOD, contacts
from petition.model import crypto


@settings(max_examples=3000, deadline=None)
@given(contacts())
@example(GOOD)
@example(GOOD + "\n")
@example(GOOD[:-2] + "==")
@example(GOOD[:-4] + "A===")
@example(GOOD.replace("0123456789abcdef", "0123456789ABCDEF"))
@example(GOOD.replace("0123456789abcdef", "0123456789abcde:"))
@example(GOOD[:-1] + "é")
@example(GOOD.replace("rsa-oaep-sha256", "rsa-oaep-sha257"))
def test_split_contact_equals_the_pattern(value):
    assert crypto.split_contact(value) == crypto.split_contact_reference(value)
