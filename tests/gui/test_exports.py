"""Exports from the menus: DOCX and ODT report, CNIL PIA file, action plan; each on the worker, logged."""

from __future__ import annotations

import json

import pytest

from auditor.gui import services

pytestmark = pytest.mark.gui
pytest.importorskip("auditor.report.formats", reason="the DOCX/ODT/PIA/action-plan writers are not in this tree")


@pytest.fixture
def audited(qtbot, window, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795424400")
    [example] = [p for p in services.example_deployments() if p.stem == "09-ble-beacons-app"]
    window.open_example(example)
    with qtbot.waitSignal(window.audit_finished, timeout=120_000):
        window.run_audit()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    return window


def export(qtbot, window, kind, path):
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=180_000):
        window.export_other(kind, path)
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    return outcomes[-1]


def test_every_other_format_is_written_and_logged(qtbot, audited, tmp_path):
    window = audited
    assert window.menu_other.menuAction().isVisible()
    assert not window.act_export_docx.isEnabled() and window.act_export_pia.isEnabled()
    assert export(qtbot, window, "pia", tmp_path / "pia.json") == "exported"
    assert json.loads((tmp_path / "pia.json").read_text(encoding="utf-8"))
    assert export(qtbot, window, "actions", tmp_path / "plan.csv") == "exported"
    plan = (tmp_path / "plan.csv").read_text(encoding="utf-8-sig").splitlines()
    assert plan[0].startswith("#,Priority") and all(line.split(",")[0].isdigit() for line in plan[1:])   # one row per action (09 may have none)
    window.review_approved = True
    window._update_actions()
    assert window.act_export_docx.isEnabled()
    for kind in ("docx", "odt"):
        target = tmp_path / f"dpia.{kind}"
        assert export(qtbot, window, kind, target) == "exported"
        assert target.read_bytes()[:2] == b"PK"                 # both are zip containers
    kinds = [e.params.get("kind") for e in window.project.audit_log if e.action == "exported"]
    assert kinds == ["pia", "actions", "docx", "odt"]
