"""petition schema: the published JSON Schema of a signature file is the model's, and validates as it does."""

from conftest import REPO
from petition.cli import main


def test_published_json_schema_matches_the_model(capsys):
    assert main(["--root", str(REPO), "schema", "--check"]) == 0, (
        "run `petition schema` and commit docs/signature.schema.json"
    )


def test_drift_is_detected(tmp_path, capsys):
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n")
    assert main(["--root", str(REPO), "schema", "--check", "--output", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().out


def test_schema_validates_the_founding_files_and_refuses_a_bad_one():
    import json

    import jsonschema
    import yaml

    schema = json.loads((REPO / "docs" / "signature.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((REPO / "signatures").glob("*.yaml")):
        assert not list(validator.iter_errors(yaml.load(path.read_text(), Loader=yaml.BaseLoader))), path
    errors = list(validator.iter_errors({"type": "individual", "name": "Anna", "country": "Norway"}))
    assert {e.validator for e in errors} >= {"pattern", "required"}


def test_the_response_schema_is_published_too_and_validates_a_response():
    import json

    import jsonschema

    schema = json.loads((REPO / "docs" / "response.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    good = {
        "country": "NO",
        "body": "Ministry",
        "date": "2026-12-02",
        "link": "https://example.org/",
        "summary": "Yes.",
    }
    assert not list(validator.iter_errors(good))
    errors = list(validator.iter_errors({**good, "link": "ftp://example.org/", "colour": "red"}))
    assert {e.validator for e in errors} == {"pattern", "additionalProperties"}
