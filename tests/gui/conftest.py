"""GUI test fixtures: an isolated QSettings store, a window that never opens external viewers, sample findings."""

from __future__ import annotations

import pytest

from auditor.core.model import AuditResult, Finding, Reference, Severity, Text


def make_finding(rule: str, severity: Severity, subject: str, pack: str = "gdpr", question: bool = False) -> Finding:
    return Finding(
        id=f"{rule}@{subject}", rule_id=rule, pack=pack, severity=severity, subject=subject,
        title=Text(f"{rule} title", f"{rule} intitulé"), message=Text(f"{subject} message", f"{subject} message fr"),
        rationale=Text("why", "pourquoi"), remediation=Text("fix", "corriger"),
        references=[Reference("GDPR", article="5", paragraph="1", point="e",
                              url="https://eur-lex.europa.eu/eli/reg/2016/679/oj")],
        evidence={"camera.retention_days": 40}, question=question)


@pytest.fixture
def sample_result() -> AuditResult:
    findings = [
        make_finding("GDPR-ART5-1E-RETENTION-72H", Severity.MAJOR, "camera:CAM-1"),
        make_finding("CNIL-VIDEO-RETENTION-1M", Severity.BLOCKER, "camera:CAM-1", pack="cnil"),
        make_finding("GDPR-ART30-ROPA", Severity.MINOR, "activity:rec"),
        make_finding("AIACT-TIMELINE", Severity.INFO, "deployment", pack="ai_act", question=True),
    ]
    facts = {"cameras": [{"id": "CAM-1"}], "derived": {
        "dpia_required": True,
        "wp248": {"count": 2, "criteria": [
            {"number": 3, "key": "systematic_monitoring", "name": "Systematic monitoring", "met": True,
             "reasons": ["camera CAM-1 films a publicly accessible area"]},
            {"number": 7, "key": "vulnerable", "name": "Vulnerable data subjects", "met": True,
             "reasons": ["employees in scope"]},
            {"number": 1, "key": "evaluation", "name": "Evaluation or scoring", "met": False, "reasons": []}]}}}
    return AuditResult(facts=facts, findings=findings, packs=[], inputs=[], tool_version="test",
                       generated_at="2026-11-23T00:00:00+00:00")


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Modal dialogs would block offscreen tests: answer Yes to questions and record message boxes."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str, str]] = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text(), box.detailedText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def window(qtbot, settings):
    from auditor.gui.app import create_application
    from auditor.gui.main_window import MainWindow

    from auditor.gui import services

    services.install_translator(create_application(), "en")     # tests start in English whatever ran before
    w = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(w)
    yield w
    w.cancel_run()
    w.wait_idle()
    w.dirty = False


def save_and_reopen(qtbot, window, settings, path):
    """Save the window's project to `path`, open it in a second window (the first one is left as it is)."""
    from auditor.gui.main_window import MainWindow

    window.project_path = path
    assert window.save_project()
    again = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(again)
    assert again.open_project(path)
    qtbot.waitUntil(lambda: not again.running, timeout=30_000)
    return again
