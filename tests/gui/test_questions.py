"""The Questions tab: answer, save in the project, export the answers file, re-run the rules, hostile answers."""

from __future__ import annotations

import pytest

from auditor.gui import services
from auditor.project import load_project

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
