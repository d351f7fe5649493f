"""The DPO's whole session offscreen: start page -> example -> audit -> answer three questions -> verdict and counts
update -> review -> preview page 1 -> export; the project reopens with the answers (issue 16, done-when)."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from tests.gui.conftest import save_and_reopen

pytestmark = pytest.mark.gui
CLOCK = "1795424400"        # 2026-11-23 09:00 UTC


def wait(qtbot, window, action, *, timeout=180_000) -> str:
    with qtbot.waitSignal(window.audit_finished, timeout=timeout) as blocker:
        action()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    return blocker.args[0]


def test_whole_session(qtbot, window, settings, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    from auditor.gui.dialogs.review import ReviewDialog

    monkeypatch.setenv("SOURCE_DATE_EPOCH", CLOCK)
    # start page -> example by name
    page = window.start_page
    assert window.pages.currentWidget() is page
    row = next(i for i in range(page.examples.count()) if page.examples.item(i).text().startswith("Brico Horizon: "))
    page.examples.setCurrentRow(row)
    page.example_button.click()
    assert window.pages.currentWidget() is window.main_splitter
    window.assessor.setText("J. Doe, DPO")
    window.assessor.textEdited.emit("J. Doe, DPO")

    # audit
    assert wait(qtbot, window, window.run_audit) == "succeeded"
    assert window.tabs.currentWidget() is window.overview
    before_counts, before_unseen = window.overview.counts.text(), window.overview.unseen.text()
    assert "4 open question" in before_counts      # incl. the erasure-request procedure (GDPR-ART17)

    # answer the four questions, re-run the rules
    window.tabs.setCurrentWidget(window.questions)
    q = window.questions
    keys = []
    for decision in ("passed", "passed", "passed", "failed"):
        keys.append(q.current_key())
        assert q.answer_current(decision, "Checked with the store manager.", "J. Doe, DPO") is not None
    assert len(set(keys)) == 4
    assert wait(qtbot, window, q.rerun_button.click) == "rerun"
    result = window.result
    assert not any(f.question for f in result.findings)
    assert window.overview.verdict.text() == window.overview.tier_text(result.verdict())
    assert window.overview.counts.text() != before_counts and "0 open question" in window.overview.counts.text()
    assert "could not decide" in before_unseen and "could not decide" not in window.overview.unseen.text()
    decided = {(c.rule_id, c.subject): c.answer.decision for c in result.checks if c.answer is not None}
    assert decided == dict(zip(keys, ("passed", "passed", "passed", "failed")))

    # the review gate, for real
    monkeypatch.setattr(ReviewDialog, "exec", lambda d: (d.approve_button.click(), QDialog.result(d))[1])
    assert not window.act_export.isEnabled()
    assert window.review_evidence() and window.act_export.isEnabled()

    # preview page 1, then page 2, zoom, and export from the preview
    assert wait(qtbot, window, window.preview.build_button.click) == "previewed"
    assert window.tabs.currentWidget() is window.preview
    preview = window.preview
    assert preview.page_count > 3 and preview.page.value() == 1
    width_100 = preview.image.pixmap().width()
    preview.next_button.click()
    assert preview.page.value() == 2
    preview.zoom.setCurrentIndex(preview.zoom.findData(150))
    assert preview.image.pixmap().width() > width_100
    target = tmp_path / "out" / "dpia.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "PDF (*.pdf)")))
    assert wait(qtbot, window, preview.export_button.click) == "exported"
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "J. Doe, DPO" in text and keys[2][0] in text
    assert target.read_bytes() == preview.pdf

    # save; the project reopens with the answers, the decided findings and the approval
    again = save_and_reopen(qtbot, window, settings, tmp_path / "store.auditproj.yaml")
    assert [(a["rule_id"], a["subject"]) for a in again.project.answers] == keys
    assert again.review_approved and again.result.verdict() == result.verdict()
    statuses = {again.questions.table.item(i, 0).text() for i in range(again.questions.table.rowCount())}
    assert statuses == {"answered: applies", "answered: does not apply"}
    again.dirty = False
