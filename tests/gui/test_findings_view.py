"""The findings table: sorting, filtering, the detail pane, waivers, language switch (no audit run needed)."""

from __future__ import annotations

import pytest


from auditor.core.model import Severity

pytestmark = pytest.mark.gui


def visible_rules(window) -> list[str]:
    p = window.proxy
    return [p.index(r, 1).data() for r in range(p.rowCount())]


def test_findings_sorted_worst_first(window, sample_result):
    window._set_result(sample_result)
    assert visible_rules(window)[0] == "CNIL-VIDEO-RETENTION-1M"
    assert visible_rules(window)[-1] == "AIACT-TIMELINE"


def test_filters(window, sample_result):
    window._set_result(sample_result)
    assert len(visible_rules(window)) == 4
    window.severity_boxes[Severity.INFO].setChecked(False)
    assert "AIACT-TIMELINE" not in visible_rules(window)
    window.pack_filter.setCurrentIndex(window.pack_filter.findData("cnil"))
    assert visible_rules(window) == ["CNIL-VIDEO-RETENTION-1M"]
    window.pack_filter.setCurrentIndex(0)
    window.camera_filter.setCurrentIndex(window.camera_filter.findData("CAM-1"))
    assert set(visible_rules(window)) == {"CNIL-VIDEO-RETENTION-1M", "GDPR-ART5-1E-RETENTION-72H"}
    window.camera_filter.setCurrentIndex(0)
    window.search.setText("ropa")
    assert visible_rules(window) == ["GDPR-ART30-ROPA"]


def test_detail_pane_shows_references_as_links(window, sample_result):
    window._set_result(sample_result)
    window.table.selectRow(0)
    text = window.detail.toHtml()
    assert "GDPR Art 5(1)(e)" in text and "eur-lex.europa.eu" in text
    assert window.act_waive.isEnabled()


def test_dpia_criteria_panel(window, sample_result):
    window._set_result(sample_result)
    assert window.criteria.rowCount() == 3
    assert window.criteria.item(0, 0).text().startswith("✔")
    assert "employees" in window.criteria.item(1, 2).text()
    assert "2 of 9" in window.dpia_verdict.text()


def test_export_needs_a_review_first(window, sample_result):
    window._set_result(sample_result)
    assert window.act_review.isEnabled()
    assert not window.act_export.isEnabled()


def test_language_switch_translates_the_interface(window, sample_result):
    window._set_result(sample_result)
    window.set_language("fr")
    assert window.menu_file.title() == "&Fichier"
    assert window.tabs.tabText(1) == "C&onstats"
    assert window.model.index(0, 4).data() .endswith("intitulé")
    window.set_language("en")
    assert window.menu_file.title() == "&File"


def test_french_catalogue_is_complete_and_compiled(tmp_path):
    import filecmp
    import subprocess
    import sys
    from pathlib import Path

    ts = Path(__file__).resolve().parents[2] / "auditor" / "gui" / "i18n" / "auditor_fr.ts"
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "fr.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(out)], check=True, capture_output=True)
    assert filecmp.cmp(out, ts.with_suffix(".qm"), shallow=False), "auditor_fr.qm is stale: run pyside6-lrelease"


def test_waiver_dialog_requires_every_field(qtbot, sample_result):
    from PySide6.QtWidgets import QDialogButtonBox

    from auditor.gui.dialogs.waiver import WaiverDialog

    dialog = WaiverDialog(sample_result.findings[0], "en")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.justification.setPlainText("Retention agreed with the insurer for 40 days.")
    assert not ok.isEnabled()
    dialog.approver.setText("J. Martin, DPO")
    assert ok.isEnabled()
    entry = dialog.entry()
    assert entry.rule_id == "GDPR-ART5-1E-RETENTION-72H" and entry.subject == "camera:CAM-1"
    assert entry.expires > "2026-01-01"
