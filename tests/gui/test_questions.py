"""The Questions tab: answer, save in the project, export the answers file, re-run the rules, hostile answers."""

from __future__ import annotations

import pytest

from auditor.gui import services
from auditor.project import load_project
from tests.gui.conftest import save_and_reopen

pytestmark = pytest.mark.gui
CLOCK = "1795424400"        # 2026-11-23 09:00 UTC


def audited(qtbot, window, monkeypatch, stem="09-ble-beacons-app"):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK)
    [example] = [p for p in services.example_deployments() if p.stem == stem]
    window.open_example(example)
    with qtbot.waitSignal(window.audit_finished, timeout=120_000):
        window.run_audit()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert window.result is not None
    return window.result


def rerun(qtbot, window):
    with qtbot.waitSignal(window.audit_finished, timeout=60_000) as blocker:
        window.questions.rerun_button.click()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    return blocker.args[0]


def test_answering_questions_decides_them_and_is_saved(qtbot, window, monkeypatch, tmp_path):
    result = audited(qtbot, window, monkeypatch)
    q = window.questions
    assert q.table.rowCount() == sum(f.question for f in result.findings) == 4   # incl. the erasure-request procedure (GDPR-ART17-ERASURE-REQUESTS)
    assert "Legal references" in q.context.toPlainText()
    assert not q.save_button.isEnabled()
    window.assessor.setText("J. Doe, DPO")
    window.assessor.textEdited.emit("J. Doe, DPO")
    window._refresh_all()
    assert q.by.text() == "J. Doe, DPO" and q.on.date().toString("yyyy-MM-dd") == "2026-11-23"
    first = q.current_key()
    assert q.answer_current("failed", "Checked on site.", "J. Doe, DPO") is not None
    assert q.current_key() != first and "waiting for a re-run" in q.summary.text()
    assert window.project.answers[0]["rule_id"] == first[0] and window.project.answers[0]["decision"] == "failed"
    assert rerun(qtbot, window) == "rerun"
    decided = [c for c in window.result.checks if c.answer is not None]
    assert [(c.rule_id, c.subject) for c in decided] == [first]
    assert sum(f.question for f in window.result.findings) == 3
    assert q.table.item(q.table.rowCount() - 1, 0).text() == "answered: applies"

    answers = tmp_path / "answers.yaml"
    assert window.export_answers(answers)
    from auditor.core.answers import load_answers

    assert [(a.rule_id, a.decision, a.answered_by) for a in load_answers(answers)] == [(first[0], "failed", "J. Doe, DPO")]

    window.project_path = tmp_path / "b.auditproj.yaml"
    assert window.save_project()
    assert load_project(window.project_path).answers[0]["note"] == "Checked on site."
    actions = [e.action for e in window.project.audit_log]
    assert "answer_recorded" in actions and ("exported" in actions)


def test_answers_for_unknown_rules_give_a_message(qtbot, window, monkeypatch, tmp_path, no_modal_dialogs, settings):
    from auditor.gui.main_window import MainWindow

    audited(qtbot, window, monkeypatch)
    window.project.answers = [{"rule_id": "NO-SUCH-RULE", "subject": "deployment", "decision": "passed",
                               "answered_by": "x", "answered_on": "2026-11-23"}]
    window.project_path = tmp_path / "h.auditproj.yaml"
    window.save_project()
    other = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(other)
    assert other.open_project(window.project_path)
    title, text, details = no_modal_dialogs[-1]
    assert "match nothing" in title and "NO-SUCH-RULE" in details
    qtbot.waitUntil(lambda: not other.running, timeout=30_000)
    with qtbot.waitSignal(other.audit_finished, timeout=60_000):
        other.rerun_rules()
    qtbot.waitUntil(lambda: not other.running, timeout=10_000)
    title, text, _ = no_modal_dialogs[-1]
    assert "unknown rule id 'NO-SUCH-RULE'" in text and "Traceback" not in text
    other.project.answers = [{"rule_id": 5}]
    other.rerun_rules()
    title, text, _ = no_modal_dialogs[-1]
    assert "answers cannot be used" in title and "rule_id" in text
    other.dirty = False


def select_question(q, rule_id):
    row = next(i for i, (c, _) in enumerate(q.rows) if c.rule_id == rule_id)
    q.table.setCurrentCell(row, 1)
    return q.rows[row][0]


def test_a_value_answer_gives_the_missing_fact_and_the_rule_decides(qtbot, window, monkeypatch, tmp_path, settings):
    from auditor.core.answers import load_answers
    from auditor.core.model import Outcome

    audited(qtbot, window, monkeypatch)
    q = window.questions
    check = select_question(q, "GDPR-ART17-ERASURE-REQUESTS")
    assert check.missing_fact == "procedures.erasure_requests"
    assert q.give_value.isEnabled() and "procedures.erasure_requests" in q.fact_label.text()
    assert q.value.placeholderText() == "yes or no"
    q.by.setText("J. Doe, DPO")
    q.give_value.setChecked(True)
    q.value.setText("perhaps")                                 # not a yes/no: cannot be saved
    assert not q.save_button.isEnabled() and q.value.toolTip() == "Type yes or no."
    answer = q.answer_current("", "Procedure P-12 seen on site.", "J. Doe, DPO", value="no")
    assert answer is not None and answer.fact == "procedures.erasure_requests" and answer.value is False
    assert window.project.answers[-1]["value"] is False and "decision" not in window.project.answers[-1]
    assert rerun(qtbot, window) == "rerun"
    decided = next(c for c in window.result.checks if c.rule_id == "GDPR-ART17-ERASURE-REQUESTS")
    assert decided.outcome is Outcome.FAILED and decided.answer.value is False    # the rule decided, with the value
    finding = next(f for f in window.result.findings if f.id == decided.finding_id)
    assert not finding.question and finding.message.en.startswith("Answered by the assessor")
    assert "procedures.erasure_requests = no" in finding.message.en
    row = next(i for i, (c, _) in enumerate(q.rows) if c.rule_id == "GDPR-ART17-ERASURE-REQUESTS")
    assert q.table.item(row, 0).text() == "value given: the rule decided"
    assert "procedures.erasure_requests = no" in window.log_view.toPlainText()

    q._set_fact("vendors[].own_purposes")           # not one declared fact: the question asks for a decision only
    assert not q.give_value.isEnabled() and "decision, not a value" in q.value_hint.text()

    exported = tmp_path / "answers.yaml"
    assert window.export_answers(exported)
    [loaded] = load_answers(exported)
    assert (loaded.fact, loaded.value, loaded.decision) == ("procedures.erasure_requests", False, "")

    again = save_and_reopen(qtbot, window, settings, tmp_path / "v.auditproj.yaml")
    check = select_question(again.questions, "GDPR-ART17-ERASURE-REQUESTS")
    assert check.answer.value is False and again.questions.give_value.isChecked()
    assert again.questions.value.text() == "no"
    again.dirty = False


def test_value_text_is_read_by_the_kind_of_the_fact():
    parse = services.parse_fact_value
    assert parse("oui", "bool", []) == (True, "") and parse("Non", "bool", []) == (False, "")
    assert parse("30", "number", []) == (30, "") and parse("2,5", "number", []) == (2.5, "")
    assert parse("nan", "number", [])[1] == "number" and parse("", "text", [])[1] == "empty"
    assert parse("police, insurer", "list", ["insurer", "police"]) == (["police", "insurer"], "")
    assert parse("police, neighbours", "list", ["insurer", "police"])[1] == "allowed"
    assert services.fact_kind("camera.retention_days") == ("number", [])
    assert services.fact_kind("procedures.erasure_requests") == ("bool", [])
    assert services.fact_kind("recipients")[0] == "list" and "police" in services.fact_kind("recipients")[1]
    assert services.fact_kind("vendors[].own_purposes") == ("", []) and services.fact_kind("derived.x") == ("", [])


def test_hostile_value_answers_in_a_project_give_a_message(qtbot, window, monkeypatch, no_modal_dialogs):
    audited(qtbot, window, monkeypatch)
    base = {"rule_id": "GDPR-ART17-ERASURE-REQUESTS", "subject": "deployment", "fact": "procedures.erasure_requests",
            "answered_by": "x", "answered_on": "2026-11-23"}
    window.project.answers = [{**base, "value": {"nested": 1}}]          # not a value an answer can give
    window.rerun_rules()
    title, text, _ = no_modal_dialogs[-1]
    assert "answers cannot be used" in title and "value must be yes/no" in text and "Traceback" not in text
    window.project.answers = [{**base, "value": "sometimes"}]            # a text where the rule tests yes/no
    with qtbot.waitSignal(window.audit_finished, timeout=60_000) as blocker:
        window.rerun_rules()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    title, text, _ = no_modal_dialogs[-1]
    assert blocker.args == ["failed"] and "'sometimes' of procedures.erasure_requests does not fit" in text
    assert "Traceback" not in text and window.result is not None          # the last audit is kept
    window.dirty = False
