"""Assessor answers: the loader's errors (file:line:column), round trips, and how the engine applies answers."""

from __future__ import annotations

import copy
import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.audit import AuditRequest, run_audit
from auditor.cli import main as cli_main
from auditor.core.answers import (
    Answer,
    check_answers,
    dump_answers,
    load_answers,
    loads_answers,
    merge_answers,
)
from auditor.core.errors import InputError
from auditor.core.model import Outcome, Severity, Tier
from auditor.report.json_report import report_dict
from auditor.report.sarif import sarif_dict
from tests.rules.conftest import BASE_DEPLOYMENT, dump, rule_doc

GOOD = {"rule_id": "TEST-RETENTION-LONG", "subject": "camera:CAM-1", "decision": "failed",
        "note": "Recorder keeps 30 days (checked on site).", "answered_by": "Jane Doe (DPO)",
        "answered_on": "2026-11-20"}


def answers_file(tmp_path, text: str):
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path, text: str) -> list[str]:
    with pytest.raises(InputError) as err:
        load_answers(answers_file(tmp_path, text))
    return [p.format() for p in err.value.problems]


# --- loader ---------------------------------------------------------------------------------------------------

def test_a_valid_file_loads_with_positions(tmp_path):
    (a,) = load_answers(answers_file(tmp_path, dump({"answers": [GOOD]})))
    assert a == Answer("TEST-RETENTION-LONG", "camera:CAM-1", "failed", GOOD["note"], "Jane Doe (DPO)", "2026-11-20")
    assert a.file.endswith("answers.yaml") and a.line == 2 and a.where("subject")[0] == 3


def test_a_bare_list_and_an_unquoted_date_load(tmp_path):
    text = ("- rule_id: TEST-RETENTION-LONG\n  subject: deployment\n  decision: passed\n"
            "  answered_by: J. Doe\n  answered_on: 2026-11-20\n")
    (a,) = load_answers(answers_file(tmp_path, text))
    assert a.answered_on == "2026-11-20" and a.decision == "passed" and a.note == ""


@pytest.mark.parametrize("over, where, words", [
    ({"answered_on": "2026-02-30"}, ":7:16:", "invalid date"),
    ({"answered_on": "20/11/2026"}, ":7:16:", "expected YYYY-MM-DD"),
    ({"answered_on": "2026-11-20 10:00:00"}, ":7:16:", "invalid date"),
    ({"decision": "fail"}, ":4:13:", "did you mean 'failed'?"),
    ({"decision": "maybe"}, ":4:13:", "expected failed or passed"),
    ({"subject": "camera"}, ":3:12:", "invalid subject"),
    ({"rule_id": "gdpr-art5"}, ":2:12:", "invalid rule id"),
    ({"decided_by": "x"}, ":8:3:", "unknown field 'decided_by'"),
    ({"answered_by": None}, ":2:3:", "required field 'answered_by' is missing"),
    ({"decision": 3}, ":4:13:", "decision must be text"),
])
def test_every_problem_has_file_line_and_column(tmp_path, over, where, words):
    entry = {**GOOD, **over}
    entry = {k: v for k, v in entry.items() if v is not None}
    (problem,) = problems_of(tmp_path, dump({"answers": [entry]}))
    assert "answers.yaml" + where in problem and words in problem


def test_missing_fields_and_duplicates(tmp_path):
    entry = {k: v for k, v in GOOD.items() if k != "answered_on"}
    (problem,) = problems_of(tmp_path, dump({"answers": [entry]}))
    assert "answers[0]" in problem and "'answered_on' is missing" in problem
    problems = problems_of(tmp_path, dump({"answers": [GOOD, {**GOOD, "decision": "passed"}]}))
    assert len(problems) == 1 and "a second answer for TEST-RETENTION-LONG on camera:CAM-1" in problems[0]
    assert "answers.yaml:8:3:" in problems[0] and "the first is at line 2" in problems[0]


def test_file_shape_problems(tmp_path):
    assert "unknown key 'waivers'" in problems_of(tmp_path, "waivers: []\n")[0]
    assert "'answers' is missing" in problems_of(tmp_path, "schema_version: 1\n")[0]
    assert "unsupported schema_version" in problems_of(tmp_path, "schema_version: 2\nanswers: []\n")[0]
    assert "answers must be a list" in problems_of(tmp_path, "answers: yes\n")[0]
    assert "must be a mapping" in problems_of(tmp_path, "answers: [1]\n")[0]


def test_the_same_answer_twice_from_two_places_counts_once_a_different_one_is_an_error():
    a = Answer(**GOOD)
    assert merge_answers([a], [Answer(**GOOD)]) == [a]
    with pytest.raises(InputError, match="a second answer"):
        merge_answers([a], [Answer(**{**GOOD, "decision": "passed"})])


def test_unknown_rules_and_subjects_are_errors_with_a_hint():
    rules = {"TEST-RETENTION-LONG": "camera", "TEST-DPO": "deployment"}
    subjects = ["deployment", "camera:CAM-1", "camera:CAM-2", "activity:rec"]

    def check(**over):
        with pytest.raises(InputError) as err:
            check_answers([Answer(**{**GOOD, **over}, file="a.yaml", line=2, column=5,
                                  positions={"rule_id": (2, 14), "subject": (3, 12)})],
                          rules=rules, subjects=subjects, not_evaluated={"CNIL-X-Y": "its pack 'cnil' does not apply"})
        return err.value.problems[0].format()

    assert check(rule_id="TEST-RETENTION-LNG").startswith("a.yaml:2:14: ")
    assert "did you mean 'TEST-RETENTION-LONG'?" in check(rule_id="TEST-RETENTION-LNG")
    assert "is not evaluated in this audit: its pack 'cnil' does not apply" in check(rule_id="CNIL-X-Y")
    text = check(subject="camera:CAM-3")
    assert text.startswith("a.yaml:3:12: ") and "unknown subject 'camera:CAM-3'" in text and "did you mean" in text
    assert "runs on each camera, not on activity:rec" in check(subject="activity:rec")
    check_answers([Answer(**GOOD)], rules=rules, subjects=subjects)          # a good one passes


_text = st.text(alphabet=string.ascii_letters + string.digits + " .,;:'\"#-_()éàç!?%&*/\\[]{}|>@`", max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.builds(
    Answer,
    rule_id=st.from_regex(r"\A[A-Z][A-Z0-9]{0,6}(-[A-Z0-9]{1,6}){1,3}\Z"),
    subject=st.one_of(st.just("deployment"),
                      st.from_regex(r"\A(camera|activity):[A-Za-z0-9][A-Za-z0-9_.-]{0,10}\Z")),
    decision=st.sampled_from(["failed", "passed"]),
    note=_text.map(str.strip),
    answered_by=_text.map(str.strip).filter(bool),
    answered_on=st.dates().map(lambda d: d.isoformat()),
), max_size=5, unique_by=lambda a: (a.rule_id, a.subject)))
def test_dump_answers_round_trips(answers):
    assert loads_answers(dump_answers(answers)) == answers


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), _text),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.sampled_from(list(GOOD) + ["x"]), inner, max_size=6)),
                    max_leaves=12))
def test_the_loader_never_crashes_on_arbitrary_data(data):
    try:
        loads_answers(dump({"answers": data}))
    except InputError as exc:
        assert exc.problems and all(p.file == "<answers>" for p in exc.problems)


# --- engine and outputs ---------------------------------------------------------------------------------------

def undeclared_retention() -> dict:
    data = copy.deepcopy(BASE_DEPLOYMENT)
    del data["cameras"][0]["retention_days"]
    return data


@pytest.fixture
def pack(make_pack):
    return make_pack([rule_doc(severity="blocker", tier="prohibited")])


def audit(config, pack, answers=()):
    return run_audit(AuditRequest(config=config, rule_dirs=[pack], analyse_footage=False, audit_date="2026-11-23",
                                  answers=list(answers)))


def test_a_failed_answer_makes_a_decided_finding_with_the_rules_severity_and_tier(write_deployment, pack):
    config = write_deployment(undeclared_retention())
    before = audit(config, pack)
    (q,) = [f for f in before.findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert q.question and q.severity is Severity.INFO
    after = audit(config, pack, [Answer(**GOOD)])
    (f,) = [f for f in after.findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert not f.question and f.severity is Severity.BLOCKER and f.tier is Tier.PROHIBITED
    assert f.answer == Answer(**GOOD) and f.message.en.startswith("Answered by the assessor (Jane Doe (DPO), 2026-11-20)")
    assert "réponse de l'évaluateur" in f.message.fr.lower()
    assert after.verdict() is Tier.PROHIBITED
    (check,) = [c for c in after.checks if c.rule_id == "TEST-RETENTION-LONG"]
    assert check.outcome is Outcome.FAILED and check.answer == Answer(**GOOD) and check.finding_id == f.id
    doc = report_dict(after)
    (jf,) = [x for x in doc["findings"] if x["rule_id"] == "TEST-RETENTION-LONG"]
    assert jf["answer"]["source"] == "answered by the assessor" and jf["answer"]["answered_by"] == "Jane Doe (DPO)"
    sarif = sarif_dict(after)
    (res,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "TEST-RETENTION-LONG"]
    assert res["properties"]["answer"]["decision"] == "failed" and "Answered by the assessor" in res["message"]["text"]


@pytest.mark.parametrize("if_failed,severity,tier", [
    ({"severity": "major"}, Severity.MAJOR, None),
    ({"severity": "blocker", "tier": "unlawful_until_fixed"}, Severity.BLOCKER, Tier.UNLAWFUL_UNTIL_FIXED),
])
def test_a_failed_answer_to_a_question_rule_takes_the_severity_its_failure_means(write_deployment, make_pack,
                                                                                  if_failed, severity, tier):
    pack = make_pack([rule_doc(severity="info", question=True, if_failed=if_failed)])
    config = write_deployment()                              # the trigger holds: the rule asks its question
    (q,) = [f for f in audit(config, pack).findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert q.question and q.severity is Severity.INFO and q.verdict_tier is Tier.LAWFUL_WITH_CONDITIONS
    (f,) = [f for f in audit(config, pack, [Answer(**GOOD)]).findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert not f.question and f.severity is severity and f.tier is tier and f.answer is not None


def test_a_passed_answer_makes_a_passed_check_and_no_finding(write_deployment, pack):
    config = write_deployment(undeclared_retention())
    result = audit(config, pack, [Answer(**{**GOOD, "decision": "passed"})])
    assert not [f for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"]
    (check,) = [c for c in result.checks if c.rule_id == "TEST-RETENTION-LONG"]
    assert check.outcome is Outcome.PASSED and check.answer.decision == "passed" and check.finding_id is None


def test_an_answer_for_a_check_the_facts_decide_is_not_applied(write_deployment, pack):
    config = write_deployment()                              # retention_days: 7 -> the rule fails on facts
    result = audit(config, pack, [Answer(**{**GOOD, "decision": "passed"})])
    (f,) = [f for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert f.answer is None and f.severity is Severity.BLOCKER
    assert any("answer for TEST-RETENTION-LONG on camera:CAM-1" in w and "not applied" in w and "(failed)" in w
               for w in result.warnings)


def test_the_config_answers_section_is_applied_and_validated(write_deployment, pack):
    data = undeclared_retention()
    data["answers"] = [GOOD]
    result = audit(write_deployment(data), pack)
    (f,) = [f for f in result.findings if f.rule_id == "TEST-RETENTION-LONG"]
    assert f.answer is not None and f.answer.file.endswith("deployment.yaml")
    assert "answers" not in result.facts                      # rules never see answers
    data["answers"] = [{**GOOD, "answered_on": "2026-13-01"}]
    with pytest.raises(InputError, match="invalid date"):
        audit(write_deployment(data), pack)


def test_an_answer_naming_an_unknown_rule_or_subject_is_refused_before_any_work(write_deployment, pack):
    config = write_deployment(undeclared_retention())
    with pytest.raises(InputError, match="unknown rule id 'TEST-RETENTION-LONGER'"):
        audit(config, pack, [Answer(**{**GOOD, "rule_id": "TEST-RETENTION-LONGER"})])
    with pytest.raises(InputError, match="unknown subject 'camera:CAM-9'"):
        audit(config, pack, [Answer(**{**GOOD, "subject": "camera:CAM-9"})])


# --- CLI --------------------------------------------------------------------------------------------------------

def test_cli_answers_exit_codes_and_output(tmp_path, write_deployment, pack, capsys):
    config = write_deployment(undeclared_retention())
    good = answers_file(tmp_path, dump({"answers": [GOOD]}))
    out_json = tmp_path / "out.json"
    code = cli_main(["audit", str(config), "--rules", str(pack), "--no-footage", "--date", "2026-11-23",
                     "--answers", str(good), "--json", str(out_json)])
    text = capsys.readouterr().out
    assert code == 0 and "[answered by the assessor]" in text
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert ("answers", str(good)) in [(i["kind"], i["path"]) for i in doc["inputs"]]
    bad = answers_file(tmp_path, dump({"answers": [{**GOOD, "rule_id": "TEST-RETENTION-LONGG"}]}))
    code = cli_main(["audit", str(config), "--rules", str(pack), "--no-footage", "--answers", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and f"{bad}:2:12: " in err and "did you mean 'TEST-RETENTION-LONG'?" in err
    assert "Traceback" not in err
    bad.write_text(dump({"answers": [{**GOOD, "answered_on": "yesterday"}]}), encoding="utf-8")
    code = cli_main(["facts", str(config), "--no-footage", "--answers", str(bad)])
    assert code == 2 and f"{bad}:7:16: " in capsys.readouterr().err
    code = cli_main(["validate", str(config)])
    assert code == 0
