"""The whole journey in the window: open an example, run the audit, filter, waive, review, export, cancel, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from auditor.gui import services
from auditor.project import load_project

pytestmark = pytest.mark.gui

EXAMPLE = "11-anonymous-camera-id-grade"
PINNED_CLOCK = "1795424400"        # 2026-11-23 09:00 UTC, the examples' reference audit date


def example(stem: str) -> Path:
    [path] = [p for p in services.example_deployments() if p.stem == stem]
    return path


def run_and_wait(qtbot, window, *, timeout: int = 400_000) -> str:
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=timeout):
        window.run_audit()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    return outcomes[-1]


def test_open_example_run_filter_waive_review_export(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from auditor.gui.dialogs.review import ReviewDialog

    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_CLOCK)       # the waiver below expires; the test must not
    window.open_example(example(EXAMPLE))
    assert window.loaded is not None and window.cameras.count() >= 1
    assert window.act_run.isEnabled() and not window.act_export.isEnabled()

    assert run_and_wait(qtbot, window) == "succeeded"
    result = window.result
    rules = {f.rule_id for f in result.findings}
    assert "FOOTAGE-ID-GRADE-ON-ANON-CAMERA" in rules          # the footage contradicts the declared purpose
    assert window.proxy.rowCount() == len(result.findings)

    # filter: majors only
    for severity, box in window.severity_boxes.items():
        box.setChecked(severity.value == "major")
    shown = {window.proxy.index(r, 0).data() for r in range(window.proxy.rowCount())}
    assert shown == {"major"}

    # waive the first major finding; it stays listed, marked waived
    window.table.selectRow(0)
    finding = window.selected_finding()
    from auditor.project import WaiverEntry

    window.add_waiver(WaiverEntry(finding.rule_id, finding.subject, "Accepted until the sensor is replaced.",
                                  "A. Durand, DPO", "2027-06-30"))
    waived = [f for f in window.result.findings if f.is_waived]
    assert [(f.rule_id, f.subject) for f in waived] == [(finding.rule_id, finding.subject)]
    assert "waived" in window.summary.text().lower() or "Waived" in window.summary.text()

    # review: the export stays disabled until the assessor has stepped through every frame and approved
    assert not window.act_export.isEnabled()
    reviewed: list[int] = []

    def review_exec(dialog):
        assert dialog.items, "the example's footage yields evidence frames"
        assert not dialog.approve_button.isEnabled() or len(dialog.items) == 1
        for i in range(len(dialog.items)):
            dialog.show_item(i)
        dialog.add_mask(10, 10, 30, 30)
        reviewed.append(len(dialog.items))
        dialog.approve_button.click()
        return QDialog.result(dialog)

    monkeypatch.setattr(ReviewDialog, "exec", review_exec)
    assert window.review_evidence()
    assert reviewed and window.review_approved and window.result.evidence_reviewed
    assert window.act_export.isEnabled()
    assert any(f.get("source") == "assessor" for cam in window.result.facts["cameras"]
               for ev in (cam.get("footage") or {}).get("evidence_frames") or [] for f in ev.get("faces") or [])

    # export the PDF in French and check it
    pdf = tmp_path / "dpia.pdf"
    window.set_language("fr")
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=180_000):
        window.export_pdf(pdf)
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert outcomes[-1] == "exported", window.problems.toPlainText()
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Synthèse" in text and finding.rule_id in text
    assert "Accepted until the sensor is replaced." in text

    # JSON and SARIF too
    window.export_data(tmp_path)
    assert (tmp_path / "findings.json").exists() and (tmp_path / "findings.sarif").exists()

    # the project remembers paths, hashes, waivers and the log, never pixels
    project_file = tmp_path / "audit.auditproj.yaml"
    window.project_path = project_file
    assert window.save_project()
    saved = load_project(project_file)
    assert saved.config.endswith(f"{EXAMPLE}.yaml") and saved.lang == "fr"
    assert saved.waivers[0].approver == "A. Durand, DPO"
    assert project_file.stat().st_size < 20_000             # the findings live in the sidecar result file
    assert b"\xff\xd8" not in project_file.with_name("audit.result.json").read_bytes()     # no JPEG data


def test_cancel_stops_a_long_run(qtbot, window, tmp_path):
    window.open_example(example("03-emotion-checkout"))
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=30_000):
        window.run_audit()
        window.cancel_run()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert outcomes == ["cancelled"]
    assert window.result is None and window.act_run.isEnabled()


def test_broken_config_gives_a_readable_dialog(window, tmp_path, no_modal_dialogs):
    bad = tmp_path / "broken.yaml"
    bad.write_text("store: {name: S, country: FR}\ncontroller: {name: C}\ncameras:\n  - {id: A, zone: lobby}\n",
                   encoding="utf-8")
    assert not window.load_config(bad)
    title, text, details = no_modal_dialogs[-1]
    assert "errors" in title and "1 problem" in text
    assert f"{bad}:4:" in details and "lobby" in details
    assert "Traceback" not in details
    assert window.tabs.currentWidget() is window.problems and "lobby" in window.problems.toPlainText()


def test_corrupt_video_is_a_warning_and_the_run_goes_on(qtbot, window, tmp_path):
    window.open_example(example("06-vital-signs-sensing"))
    corrupt = tmp_path / "corrupt.mp4"
    corrupt.write_text("this is not a video", encoding="utf-8")
    camera = window.loaded.deployment.cameras[0].id
    window.project.footage = []
    window.add_footage(camera, [corrupt])
    assert run_and_wait(qtbot, window) == "succeeded"
    assert window.result is not None
    problems = window.problems.toPlainText()
    assert "corrupt.mp4" in problems and camera in problems


def test_reveal_is_logged_and_never_saved(qtbot, window, sample_result):
    window._set_result(sample_result)
    window.act_reveal.setChecked(True)
    window._on_reveal_triggered()
    assert window.reveal_faces
    assert [e.action for e in window.project.audit_log] == ["faces_revealed"]
    assert "reveal" not in str(window.project.to_dict()).replace("faces_revealed", "")
