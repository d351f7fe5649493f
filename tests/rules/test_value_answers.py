"""Value answers: the assessor gives the value of a fact the configuration does not declare, and the rule decides."""

from __future__ import annotations

import json

import pytest

from auditor.cli import main as cli_main
from auditor.core.answers import Answer, dump_answers, load_answers, loads_answers
from auditor.core.errors import InputError
from auditor.core.model import Outcome, Severity
from auditor.report.json_report import report_dict
from tests.rules.conftest import dump, rule_doc
from tests.rules.test_answers import audit, undeclared_retention

VALUE = {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "fact": "camera.retention_days", "value": 30,
         "note": "Recorder settings read on site.", "answered_by": "Jane Doe (DPO)", "answered_on": "2026-11-20"}


@pytest.fixture
def pack(make_pack):
    return make_pack([rule_doc(severity="blocker", tier="unlawful_until_fixed")])


def one_answer(tmp_path, entry) -> Answer:
    path = tmp_path / "answers.yaml"
    path.write_text(dump({"answers": [entry]}), encoding="utf-8")
    (a,) = load_answers(path)
    return a


def test_a_value_answer_loads_and_round_trips(tmp_path):
    a = one_answer(tmp_path, VALUE)
    assert (a.fact, a.value, a.decision, a.is_value) == ("camera.retention_days", 30, "", True)
    assert a.describe() == ("answered by the assessor (Jane Doe (DPO), 2026-11-20): camera.retention_days = 30. "
                            "Recorder settings read on site.")
    assert "camera.retention_days = 30" in a.describe("fr")
    listed = Answer("TEST-X-Y", "deployment", "", answered_by="J", answered_on="2026-11-20", fact="recipients",
                    value=("police", "insurer"))
    (back,) = loads_answers(dump_answers([listed]))
    assert back.value == ("police", "insurer") and back.to_dict()["value"] == ["police", "insurer"]
    (yes,) = loads_answers(dump_answers([Answer(**{**VALUE, "value": True, "decision": ""})]))
    assert yes.value is True and yes.describe("fr").endswith("camera.retention_days = oui. Recorder settings read on site.")


@pytest.mark.parametrize("over, words", [
    ({"decision": "failed"}, "either decision (failed or passed) or fact and value"),
    ({"fact": None}, "needs both fact"),
    ({"value": None}, "needs both fact"),
    ({"fact": "camera.Retention"}, "invalid fact"),
    ({"fact": "vendors[].own_purposes"}, "invalid fact"),
    ({"value": {"days": 30}}, "value must be yes/no"),
    ({"value": [[1]]}, "value must be yes/no"),
    ({"value": "  "}, "value must be a non-empty text"),
])
def test_malformed_value_answers_are_refused_with_a_position(tmp_path, over, words):
    entry = {k: v for k, v in {**VALUE, **over}.items() if v is not None}
    with pytest.raises(InputError) as err:
        one_answer(tmp_path, entry)
    (problem,) = [p.format() for p in err.value.problems]
    assert "answers.yaml:" in problem and words in problem


def test_the_rule_decides_with_the_value(write_deployment, pack):
    config = write_deployment(undeclared_retention())
    failed = audit(config, pack, [Answer(**{**VALUE, "decision": ""})])
    (f,) = [f for f in failed.findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert not f.question and f.severity is Severity.BLOCKER and f.answer.value == 30
    assert f.message.en.startswith("Answered by the assessor (Jane Doe (DPO), 2026-11-20): camera.retention_days = 30")
    assert "keeps footage 30 days" in f.message.en and f.evidence == {"camera.retention_days": 30}
    (check,) = [c for c in failed.checks if c.rule_id == "TEST-RETENTION-LONG"]
    assert check.outcome is Outcome.FAILED and check.answer.fact == "camera.retention_days"
    (jf,) = [x for x in report_dict(failed)["findings"] if x["rule_id"] == "TEST-RETENTION-LONG"]
    assert jf["answer"]["value"] == 30 and jf["answer"]["fact"] == "camera.retention_days"
    assert "retention_days" not in failed.facts["cameras"][0]           # the facts themselves are not changed

    passed = audit(config, pack, [Answer(**{**VALUE, "value": 2, "decision": ""})])
    assert not [f for f in passed.findings if f.rule_id == "TEST-RETENTION-LONG"]
    (check,) = [c for c in passed.checks if c.rule_id == "TEST-RETENTION-LONG"]
    assert check.outcome is Outcome.PASSED and check.answer.value == 2


def test_a_value_of_the_wrong_type_or_for_another_fact(write_deployment, pack, tmp_path):
    config = write_deployment(undeclared_retention())
    path = tmp_path / "answers.yaml"
    path.write_text(dump({"answers": [{**VALUE, "value": "thirty"}]}), encoding="utf-8")
    with pytest.raises(InputError) as err:
        audit(config, pack, load_answers(path))
    (problem,) = [p.format() for p in err.value.problems]
    assert f"{path}:5:10:" in problem and "'thirty' of camera.retention_days does not fit rule TEST-RETENTION-LONG" \
        in problem
    other = audit(config, pack, [Answer(**{**VALUE, "fact": "camera.zone", "value": "entrance", "decision": ""})])
    (check,) = [c for c in other.checks if c.rule_id == "TEST-RETENTION-LONG"]
    assert check.outcome is Outcome.QUESTION and check.answer is None
    assert any("gives camera.zone, the question is about camera.retention_days" in w for w in other.warnings)
    decided = audit(write_deployment(), pack, [Answer(**{**VALUE, "decision": ""})])   # retention declared: 7
    assert any("not applied: the facts already decide" in w for w in decided.warnings)


def test_cli_audit_uses_a_value_answer(tmp_path, write_deployment, pack, capsys):
    config = write_deployment(undeclared_retention())
    answers = tmp_path / "answers.yaml"
    answers.write_text(dump({"answers": [VALUE]}), encoding="utf-8")
    out_json = tmp_path / "out.json"
    code = cli_main(["audit", str(config), "--rules", str(pack), "--no-footage", "--date", "2026-11-23",
                     "--answers", str(answers), "--json", str(out_json)])
    assert code == 0 and "[answered by the assessor]" in capsys.readouterr().out
    (check,) = [c for c in json.loads(out_json.read_text(encoding="utf-8"))["checks"]
                if c["rule_id"] == "TEST-RETENTION-LONG"]
    assert check["outcome"] == "failed" and check["answer"]["value"] == 30
