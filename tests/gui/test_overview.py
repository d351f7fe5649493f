"""The Overview tab: verdict and its reason, DPIA decision, counts, top actions, risk map, camera tiles, blind spots."""

from __future__ import annotations

import pytest

from auditor.core.model import Severity, Tier
from tests.gui.conftest import make_finding

pytestmark = pytest.mark.gui


def test_overview_of_a_prohibited_deployment(window, sample_result):
    prohibited = make_finding("AIACT-ART5-1F-EMOTION-WORKPLACE", Severity.BLOCKER, "activity:emotion", pack="ai_act")
    prohibited.tier = Tier.PROHIBITED
    sample_result.findings.append(prohibited)
    sample_result.footage_errors.append({"camera": "CAM-1", "path": "clips/broken.mp4", "message": "no frame"})
    window._set_result(sample_result)
    o = window.overview
    assert o.verdict.text().startswith("Prohibited")
    assert "AIACT-ART5-1F-EMOTION-WORKPLACE" in o.reason.text() and "CNIL-VIDEO" not in o.reason.text()
    counts = o.counts.text()
    assert "<b>2</b> blocker" in counts and "<b>1</b> major" in counts and "1 open question" in counts
    assert "DPIA required" in o.dpia.text() and "2 of 9" in o.dpia.text() and "Systematic monitoring" in o.dpia.text()
    actions = o.top_actions.text()
    assert actions.count("<li>") == 4 and actions.index("blocker") < actions.index("major")
    assert o.risk.pixmap() is not None and not o.risk.pixmap().isNull() and o.risk.pixmap().width() > 200
    assert o.tiles.count() == 1 and "no footage analysed" in o.tiles.itemAt(0).widget().findChildren(
        type(o.verdict))[-1].text()
    assert "broken.mp4" in o.unseen.text() and "Questions" in o.unseen.text()


def test_overview_in_french_and_after_a_waiver(window, sample_result):
    from auditor.project import WaiverEntry

    window._set_result(sample_result)
    assert window.overview.verdict.text().startswith("Unlawful until fixed")
    window.add_waiver(WaiverEntry("CNIL-VIDEO-RETENTION-1M", "camera:CAM-1", "Agreed.", "J. Martin", "2099-01-31"))
    assert window.overview.verdict.text() == "Lawful with conditions"
    window.set_language("fr")
    assert window.overview.verdict.text() == "Licite sous conditions"
    # worded as the report words it (its catalog), not from a table of the GUI's own
    assert "Surveillance systématique (y compris de zones accessibles au public)" in window.overview.dpia.text()
    window.set_language("en")
    assert "Systematic monitoring (incl. publicly accessible areas)" in window.overview.dpia.text()


def test_overview_tile_shows_dori_and_identification_grade(window, sample_result):
    sample_result.facts["cameras"] = [
        {"id": "CAM-1", "zone": "checkout", "derived": {"id_grade_capture": True},
         "footage": {"dori_class": "identification", "evidence_frames": []}}]
    window._set_result(sample_result)
    tile_text = window.overview.tiles.itemAt(0).widget().findChildren(type(window.overview.verdict))[-1].text()
    assert "DORI: identification" in tile_text and "identification-grade faces: yes" in tile_text
    assert "checkout" in tile_text


def test_colours_follow_a_dark_palette(qtbot, window, sample_result):
    from PySide6.QtGui import QColor, QGuiApplication, QPalette

    window._set_result(sample_result)
    light = window.overview.verdict.styleSheet()
    original = QGuiApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    try:
        QGuiApplication.setPalette(dark)
        qtbot.waitUntil(lambda: window.overview.verdict.styleSheet() != light, timeout=5_000)
        assert "#ffab91" in window.overview.verdict.styleSheet()
    finally:
        QGuiApplication.setPalette(original)


def test_a_partly_read_clip_is_said_as_such(window, sample_result):
    sample_result.footage_errors.append({"camera": "CAM-1", "path": "clips/cut.avi", "partial": True,
                                         "message": "partly read: only 10 of the 50 frames the header declares"})
    sample_result.footage_errors.append({"camera": "CAM-1", "path": "clips/broken.mp4", "message": "no frame"})
    window._set_result(sample_result)
    unseen = window.overview.unseen.text()
    assert "cut.avi was only partly read" in unseen and "broken.mp4 could not be read" in unseen
    window.set_language("fr")
    assert "cut.avi n&#x27;a pu être lu qu&#x27;en partie" in window.overview.unseen.text() \
        or "cut.avi n'a pu être lu qu'en partie" in window.overview.unseen.text()
    window.set_language("en")
