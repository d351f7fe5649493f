"""`auditor validate` and `auditor schema` from the command line (in-process)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from auditor.cli import main
from auditor.cli.schema_cmd import schema_text
from tests.config.conftest import MINIMAL

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(Path(str(resources.files("auditor_assets") / "deployments")).glob("*.yaml"))


def test_validate_ok(write_yaml, capsys):
    assert main(["validate", str(write_yaml(MINIMAL))]) == 0
    assert ": OK (" in capsys.readouterr().out


def test_validate_several_files_reports_each(write_yaml, write_text, capsys):
    good = write_yaml(MINIMAL, "good.yaml")
    bad = write_text("store: {name: S}\n", "bad.yaml")
    assert main(["validate", str(good), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert "good.yaml: OK" in out
    assert "bad.yaml" in err and "1 of 2 file(s) invalid" in err


def test_schema_command_matches_the_shipped_schema(capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    shipped = (ROOT / "schemas" / "deployment.schema.json").read_text(encoding="utf-8")
    assert printed == shipped == schema_text(), \
        "schemas/deployment.schema.json is stale: regenerate it with `auditor schema > schemas/deployment.schema.json`"


def test_schema_is_a_valid_json_schema_that_accepts_the_minimal_config():
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(MINIMAL)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate({**MINIMAL, "colour": "red"})


def test_there_are_twelve_examples():
    # eleven systems of DESIGN.md, and example 03 after remediation (for `auditor diff`)
    assert len(EXAMPLES) == 12, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_validates_and_matches_the_schema(path, capsys):
    assert main(["validate", str(path)]) == 0, capsys.readouterr().err
    schema = json.loads(schema_text())
    # As an editor's YAML language server sees it: dates are strings.
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_no_subcommand_prints_help(capsys):
    assert main([]) == 2
    assert "validate" in capsys.readouterr().out


def test_unknown_option_exits_2(capsys):
    assert main(["validate", "--bogus"]) == 2
