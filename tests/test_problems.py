"""Problems: ordered by file, line and message; plain data for the JSON report; values quoted safely."""

from __future__ import annotations

from petition.problems import ERROR, WARNING, Problem, show


def test_problems_sort_by_path_then_line_then_message():
    found = [
        Problem("signatures/b.yaml", 1, "z"),
        Problem("signatures/a.yaml", 10, "a"),
        Problem("signatures/a.yaml", 2, "b"),
        Problem("signatures/a.yaml", 2, "a"),
    ]
    assert [(p.path, p.line, p.message) for p in sorted(found)] == [
        ("signatures/a.yaml", 2, "a"),
        ("signatures/a.yaml", 2, "b"),
        ("signatures/a.yaml", 10, "a"),
        ("signatures/b.yaml", 1, "z"),
    ]


def test_as_dict_holds_every_field_and_defaults():
    assert Problem("signatures/a.yaml", 3, "fix it").as_dict() == {
        "path": "signatures/a.yaml",
        "line": 3,
        "message": "fix it",
        "code": "invalid",
        "severity": ERROR,
    }
    warning = Problem("x", 0, "m", "namesake", WARNING)
    assert warning.as_dict()["severity"] == "warning" and warning.as_dict()["code"] == "namesake"
    assert len({warning, Problem("x", 0, "m", "namesake", WARNING)}) == 1  # frozen: hashable, equal by value


def test_show_escapes_invisible_characters_and_cuts_long_values():
    assert show("Anna de Vries") == "“Anna de Vries”"
    assert show("a\nb\x1b[31m\u202ec\u200bd") == "“a\\u000ab\\u001b[31m\\u202ec\\u200bd”"
    assert show("x\U000e0001") == "“x\\U000e0001”"
    assert show("a\u2028b\u3000c") == "“a\\u2028b\\u3000c”"  # line and space separators too; a plain space stays
    assert show("é" * 50, limit=40) == "“" + "é" * 40 + "…”"
    assert show("a" * 40) == "“" + "a" * 40 + "”"  # at the limit: nothing cut
