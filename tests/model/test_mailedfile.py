"""Finding a signature file in an email's text: each repair of what mail programs do gives back the
exact file the sign page made, and nothing else is changed."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from petition.load.document import load_data
from petition.model.keys import PublicKey, key_id
from petition.model.mailedfile import CONTACT_LENGTH, find_files
from petition.model.signing import new_signature
from petition.model.writer import file_text

SENTENCE = "Please add my endorsement of the open letter. My signature file is below."


@pytest.fixture(scope="module")
def original(private_key) -> str:
    """A file as the sign page and ``petition sign`` write it (one writer), with long lines to wrap."""
    public = private_key.public_key()
    key = PublicKey(key_id(public), public, "docs/keys/x.pem")
    fields = {
        "type": "individual",
        "name": 'Ana María "Nan" O\'Brien',
        "affiliation": "law professor at the University of Ottawa, Faculty of Law, Centre for Law, Technology "
        "and Society",
        "country": "NO",
        "website": "https://example.org/ana",
    }
    text = new_signature(fields, "ana@example.org", key, "1")
    assert len(text.splitlines()[-1]) == len("contact: ") + CONTACT_LENGTH and 'country: "NO"' in text
    return text


def wrapped(text: str, width: int = 72) -> str:
    """Every line wrapped as a mail program wraps: at spaces, and long words broken."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False))
        for line in text.splitlines()
    )


def quoted(text: str, mark: str = "> ") -> str:
    return "\n".join(mark + line for line in text.splitlines())


REPAIRS = {
    "as it is": lambda t: t,
    "in a message": lambda t: f"{SENTENCE}\n\n{t}\nThank you,\nAna\n",
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "old Mac line breaks": lambda t: t.replace("\n", "\r"),
    "quoted": quoted,
    "quoted twice": lambda t: quoted(quoted(t), ">"),
    "quoted without spaces": lambda t: quoted(t, ">"),
    "wrapped at 72": wrapped,
    "wrapped at 40, quoted, CRLF": lambda t: quoted(wrapped(t, 40)).replace("\n", "\r\n"),
    "the contact cut every 76 characters": lambda t: t.replace("contact: ", "contact: \n").replace(
        t.splitlines()[-1][9:], "\n".join(textwrap.wrap(t.splitlines()[-1][9:], 76))
    ),
    "the contact on the next line": lambda t: t.replace("contact: ", "contact:\n"),
    "a signature block after it": lambda t: t + "-- \nAna María O'Brien\nFaculty of Law\n",
    "a signature block right after the contact": lambda t: t + "--\nAna\n",
    "a reply after it": lambda t: t + "\nOn Tue, 1 Dec 2026, Ana wrote:\n> Thanks\n",
    "forwarded inline": lambda t: (
        "FYI\n\n---------- Forwarded message ---------\nFrom: Ana <ana@example.org>\nDate: Tue, 1 Dec 2026 at 10:03\n"
        f"Subject: Endorsement\nTo: <wto-ic@justnetcoalition.org>\n\n{SENTENCE}\n\n{t}"
    ),
    "blank lines between lines (an HTML body)": lambda t: t.replace("\n", "\n\n"),
    "spaces at the ends of lines": lambda t: t.replace("\n", "  \n").replace("type:", "  type:"),
    "non-breaking spaces around the values": lambda t: t.replace(": ", ":\u00a0").replace("\n", "\u00a0\n"),
    "a tab after the colon": lambda t: t.replace("name: ", "name:\t"),
    "a link repeated in angle brackets (Outlook)": lambda t: t.replace(
        "https://example.org/ana", "https://example.org/ana<https://example.org/ana>"
    ),
}


@pytest.mark.parametrize("repair", REPAIRS, ids=list(REPAIRS))
def test_each_repair_gives_back_the_exact_file(original, repair):
    assert find_files(REPAIRS[repair](original)) == [original]


def test_the_contact_is_the_one_value_joined_without_a_space(original):
    mangled = wrapped(original, 30)
    # The affiliation was cut at its spaces, the contact anywhere: each is joined back its own way.
    assert "\nthe University of Ottawa,\n" in mangled and max(map(len, mangled.splitlines())) <= 30
    assert find_files(mangled) == [original]


def test_other_values_are_never_changed(original):
    # A non-breaking space inside a name is the signer's: only the ones around a value are the mail's.
    text = original.replace("Ana María", "Ana\u00a0María")
    assert find_files(f"{SENTENCE}\n\n{text}") == [text]


def test_two_files_are_two(original):
    other = original.replace("Ana María", "Bea")
    assert find_files(f"{original}\n\nAnd my colleague's:\n\n{other}") == [original, other]


def test_a_quoted_file_counts_only_without_an_unquoted_one(original):
    fixed = original.replace("Ana María", "Ana Maria")
    assert find_files(f"Here is the corrected one.\n\n{fixed}\nOn Tue, Ana wrote:\n{quoted(original)}") == [fixed]
    assert find_files(f"Forwarded:\n{quoted(original)}\n{quoted(fixed)}") == [original, fixed]


def test_a_field_line_touching_the_file_belongs_to_it(original):
    # So the check refuses it (an unknown field, an address outside the contact) rather than losing it.
    text = original + "email: ana@example.org\n"
    assert find_files(text + "\nThanks\n") == [text]
    assert find_files(original.replace("country:", "Country:")) == [original.replace("country:", "Country:")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hello,\n\nI would like to sign. Name: Ana\n",
        "---------- Forwarded message ---------\nFrom: Ana <ana@example.org>\nDate: Tue, 1 Dec 2026\nSubject: x\n",
        "Type: individual\nName: Ana\n",  # not the file's spelling of its fields
    ],
)
def test_no_file_in_a_text_without_one(text):
    assert find_files(text) == []


def test_a_file_cut_short_is_found_cut_short(original):
    # A truncated contact stays truncated: the check then says the contact is not well-formed.
    cut = original[:-100]
    assert find_files(cut + "\n\nBest,\nAna") == [cut + "\n"]


WORDS = st.text(st.sampled_from(list("abcxyzÀéñøßАбвгдеж李小龍אבגاب0123'.,")), min_size=1, max_size=14)
VALUES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


def mail_wrapped(text: str, width: int) -> str:
    """Wrapped as mail programs wrap: other values at their spaces only, the contact anywhere."""
    out = []
    for line in text.splitlines():
        long_words = line.startswith("contact:")
        out.extend(textwrap.wrap(line, width, break_long_words=long_words, break_on_hyphens=False) or [""])
    return "\n".join(out)


@settings(max_examples=200, deadline=None)
@given(
    name=VALUES,
    affiliation=VALUES,
    width=st.integers(16, 100),
    marks=st.sampled_from(["", "> ", ">", "> > "]),
    newline=st.sampled_from(["\n", "\r\n"]),
    blank_lines=st.booleans(),
    spaces=st.sampled_from(["", " ", "\u00a0"]),
    around=st.booleans(),
)
def test_any_file_comes_back_from_any_mix_of_the_repairs(
    original, name, affiliation, width, marks, newline, blank_lines, spaces, around
):
    doc, _ = load_data("signatures/x.yaml", "x", original.encode())
    text = file_text({**doc.fields, "name": name, "affiliation": affiliation})
    mangled = mail_wrapped(text, width)
    if blank_lines:
        mangled = mangled.replace("\n", "\n\n")
    mangled = "\n".join(marks + line + spaces for line in mangled.split("\n"))
    if around:
        mangled = f"{SENTENCE}\n\n{mangled}\n\n-- \nAna\n"
    assert find_files(mangled.replace("\n", newline)) == [text]
