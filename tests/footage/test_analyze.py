"""analyze_camera with a FakeDetector: the facts contract, bad files, cancellation, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.core.tasks import Cancelled, CancelToken
from auditor.footage.analyze import analyze_camera
from auditor.footage.detectors import Face, FakeDetector
from tests.footage.conftest import write_clip

KEYS = {"analysed", "files", "errors", "warnings", "frames_analysed", "sample_fps", "duration_s", "resolution",
        "faces_per_frame", "distinct_people", "median_dwell_s", "face_width_px", "dori_class",
        "face_recognition_grade", "identification_grade_share", "evidence_frames", "detector"}
FILE_KEYS = {"path", "sha256", "kind", "container", "codec", "fps", "frames_declared", "frames_read", "frames_decoded",
             "unreadable_frames", "width", "height", "rotation", "duration_s", "timestamps", "read_problems",
             "error"}


def _walker(n: int) -> FakeDetector:
    """Call k: one frontal face 30 + 5k px wide, moving right; call 2 adds a small profile face."""
    script = {k: [Face(10 + 4 * k, 10, 30 + 5 * k, 36, 0.9, True)] for k in range(n)}
    script[2] = script[2] + [Face(2, 30, 12, 14, 0.8, False)]
    return FakeDetector(script)


def test_facts_contract(clip: Path) -> None:
    facts = analyze_camera("CAM-1", [clip], detector=_walker(12), sample_fps=4.0)
    assert set(facts) == KEYS
    json.dumps(facts)                                         # JSON-serialisable
    assert facts["analysed"] and facts["frames_analysed"] == 4 and facts["sample_fps"] == 4.0
    assert set(facts["files"][0]) == FILE_KEYS
    assert facts["resolution"] == {"width": 64, "height": 48}
    assert facts["faces_per_frame"] == {"mean": 1.25, "max": 2}     # frames 0, 3, 6 (two faces), 9
    assert facts["face_width_px"]["max"] == 45.0
    assert facts["dori_class"] == "identification"
    assert facts["face_recognition_grade"] is True
    assert facts["identification_grade_share"] == 0.5          # 40 px at frame 6 and 45 px at frame 9
    assert facts["distinct_people"] == 2 and facts["median_dwell_s"] == 0.75
    reasons = {e["reason"] for e in facts["evidence_frames"]}
    assert "largest_frontal_face" in reasons
    assert facts["detector"] == {"name": "fake", "version": "0", "recall_by_width": None}


def test_every_frame_goes_to_on_frame(clip: Path) -> None:
    records = []
    analyze_camera("C", [clip], detector=_walker(12), sample_fps=None, on_frame=records.append)
    assert [r["frame_index"] for r in records] == list(range(12))
    assert records[2]["faces"][1] == {"x": 2, "y": 30, "w": 12, "h": 14, "score": 0.8, "frontal": False}


def test_bad_files_are_reported_and_the_rest_analysed(tmp_path: Path, clip: Path) -> None:
    text = tmp_path / "notes.mp4"
    text.write_text("not a video")
    facts = analyze_camera("C", [tmp_path / "missing.avi", clip, text], detector=FakeDetector(), sample_fps=2.0)
    assert facts["analysed"] and facts["frames_analysed"] == 2
    assert [f["error"] is None for f in facts["files"]] == [False, True, False]
    assert [e["path"] for e in facts["errors"]] == [str(tmp_path / "missing.avi"), str(text)]
    assert facts["dori_class"] == "none" and facts["face_width_px"] is None and facts["median_dwell_s"] is None
    assert facts["face_recognition_grade"] is False


def test_nothing_analysable(tmp_path: Path) -> None:
    facts = analyze_camera("C", [tmp_path / "a.mp4"], detector=FakeDetector())
    assert facts["analysed"] is False and facts["frames_analysed"] == 0 and facts["resolution"] is None


def test_single_stray_face_is_not_recognition_grade(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "c.avi", frames=24)
    det = FakeDetector({5: [Face(1, 1, 60, 60, 0.6, True)]})
    facts = analyze_camera("C", [clip], detector=det, sample_fps=None)
    assert facts["dori_class"] == "identification" and facts["face_recognition_grade"] is False


def test_cancel_stops_the_analysis(clip: Path) -> None:
    token = CancelToken()

    def stop_on_second(frame):
        token.cancel()
        return []

    with pytest.raises(Cancelled):
        analyze_camera("C", [clip], detector=FakeDetector(stop_on_second), sample_fps=None, cancel=token)


def test_progress_reports(clip: Path) -> None:
    seen = []
    analyze_camera("C", [clip], detector=FakeDetector(), sample_fps=None, progress=seen.append)
    assert seen[-1].done == 12 and seen[-1].total == 12 and seen[-1].note == "C"
