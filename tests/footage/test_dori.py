"""DORI classes and the recognition-grade flag at the edges of their bands."""

import pytest

from auditor.footage import dori


@pytest.mark.parametrize("width,expected", [
    (0.0, "none"), (3.99, "none"), (4.0, "detection"), (9.99, "detection"), (10.0, "observation"),
    (19.99, "observation"), (20.0, "recognition"), (39.99, "recognition"), (40.0, "identification"),
    (400.0, "identification"),
])
def test_face_class_at_band_edges(width: float, expected: str) -> None:
    assert dori.classify_face(width).value == expected


def test_thresholds_follow_the_stated_densities() -> None:
    assert dori.face_px_threshold("identification") == pytest.approx(250 * 0.16)
    assert dori.face_px_threshold("detection") == pytest.approx(25 * 0.16)
    assert dori.thresholds()["recognition_grade_source"].startswith("product heuristic")


@pytest.mark.parametrize("width,frontal,expected", [
    (40.0, True, True), (39.9, True, False), (120.0, False, False), (120.0, None, False),
])
def test_recognition_grade(width: float, frontal: bool | None, expected: bool) -> None:
    assert dori.is_recognition_grade(width, frontal) is expected


def test_camera_class_uses_the_90th_percentile() -> None:
    assert dori.classify_camera([]).value == "none"
    assert dori.classify_camera([15.0] * 95 + [200.0] * 5).value == "observation"   # one close pass-by
    assert dori.classify_camera([15.0] * 80 + [60.0] * 20).value == "identification"
