"""rerun_rules: answers re-decide an audit on its measured facts, exactly as a full run with those answers would."""

from __future__ import annotations

import pytest

from auditor.audit import AuditRequest, rerun_rules, run_audit
from auditor.core.answers import Answer
from auditor.core.errors import InputError
from auditor.core.model import Outcome
from auditor.gui.services import example_deployments

CLOCK = "2026-11-23T09:00:00Z"


def example_path(stem: str):
    return next(p for p in example_deployments() if p.stem == stem)


def summary(result):
    return sorted((f.id, f.severity.value, f.question, f.is_waived) for f in result.findings), \
        sorted((c.rule_id, c.subject, c.outcome.value) for c in result.checks), result.verdict()


@pytest.fixture(scope="module")
def base():
    request = AuditRequest(config=example_path("09-ble-beacons-app"), analyse_footage=False, generated_at=CLOCK)
    return request, run_audit(request)


def test_answers_decide_questions_like_a_full_run(base):
    request, result = base
    questions = [f for f in result.findings if f.question][:3]
    assert len(questions) == 3
    answers = [Answer(q.rule_id, q.subject, d, "checked on site", "J. Doe", "2026-11-23")
               for q, d in zip(questions, ["failed", "passed", "failed"])]
    rerun = rerun_rules(result, answers=answers)
    full = run_audit(AuditRequest(config=request.config, analyse_footage=False, generated_at=CLOCK, answers=answers))
    assert summary(rerun) == summary(full)
    decided = {(c.rule_id, c.subject): c.outcome for c in rerun.checks if c.answer is not None}
    assert decided[(questions[1].rule_id, questions[1].subject)] is Outcome.PASSED
    assert sum(f.question for f in rerun.findings) == sum(f.question for f in result.findings) - 3
    assert rerun.facts is result.facts and rerun.inputs == result.inputs     # nothing measured again


def test_unknown_rules_and_subjects_are_refused(base):
    _, result = base
    with pytest.raises(InputError) as err:
        rerun_rules(result, answers=[Answer("NO-SUCH-RULE", "deployment", "passed", "", "x", "2026-11-23")])
    assert "unknown rule id 'NO-SUCH-RULE'" in err.value.format()
    rule = next(c for c in result.checks if c.subject != "deployment")
    wrong = rule.subject.split(":")[0] + ":NOPE"
    with pytest.raises(InputError) as err:
        rerun_rules(result, answers=[Answer(rule.rule_id, wrong, "passed", "", "x", "2026-11-23")])
    assert f"unknown subject '{wrong}'" in err.value.format()


def test_waivers_are_applied_on_rerun(base):
    _, result = base
    target = next(f for f in result.findings if not f.question)
    waiver = {"rule_id": target.rule_id, "subject": target.subject, "justification": "Accepted.",
              "approver": "J. Doe", "expires": "2027-06-30"}
    rerun = rerun_rules(result, answers=[], waiver_entries=[waiver])
    assert [f.id for f in rerun.findings if f.is_waived] == [target.id]
