"""The real detector stack on generated frames with known faces, and redaction (slow: real models)."""

from __future__ import annotations

import numpy as np
import pytest

from auditor.footage import synth
from auditor.footage.detectors import CctvFaceDetector, default_detector
from auditor.footage.redact import redact_frame
from auditor.footage.tracking import iou

pytestmark = pytest.mark.slow


def _frames(name: str, every: int, count: int) -> list[synth.SyntheticFrame]:
    frames = list(synth.iter_scene(synth.BENCH_SCENES[name]))
    return [f for f in frames[::every] if f.faces][:count]


def _recall(frames, detector, min_w: float, max_w: float = 1e9) -> tuple[int, int]:
    found = total = 0
    for fr in frames:
        faces = detector.detect(fr.pixels)
        for g in fr.faces:
            if g["visible"] < 0.6 or not min_w <= g["w"] < max_w:
                continue
            total += 1
            found += any(iou((g["x"], g["y"], g["w"], g["h"]), f.box) >= 0.3 for f in faces)
    return found, total


def test_recall_on_medium_and_large_faces() -> None:
    frames = _frames("entrance_720p", 10, 5)
    found, total = _recall(frames, default_detector(), 20)
    assert total >= 10 and found / total >= 0.9


def test_small_faces_with_the_calibrated_band() -> None:
    frames = _frames("aisle_720p", 10, 6)
    base = default_detector()
    tuned = base.tuned([f for fr in frames[:2] for f in base.full_sweep(fr.pixels)], frames[0].pixels.shape[0])
    assert tuned.band is not None
    found, total = _recall(frames[2:], tuned, 15)
    assert total >= 8 and found / total >= 0.8


def test_no_face_on_an_empty_store() -> None:
    scene = synth.Scene("empty", "aisle", people=0, seed=9)
    frame = next(synth.iter_scene(scene))
    assert default_detector().detect(frame.pixels) == []


def test_pose_marks_generated_faces_frontal() -> None:
    frames = _frames("checkout_closeup", 20, 3)
    faces = [f for fr in frames for f in default_detector().detect(fr.pixels)]
    assert faces and sum(bool(f.frontal) for f in faces) / len(faces) >= 0.6


def test_redaction_hides_every_face() -> None:
    frame = _frames("entrance_720p", 10, 3)[1]
    det = CctvFaceDetector()
    boxes = det.detect(frame.pixels)
    result = redact_frame(frame.pixels, boxes, detector=det)
    assert det.full_sweep(result.pixels) == []
    for g in frame.faces:                              # every ground-truth face lies inside a masked area
        x0, y0 = max(0, g["x"]), max(0, g["y"])
        x1, y1 = min(frame.pixels.shape[1], g["x"] + g["w"]), min(frame.pixels.shape[0], g["y"] + g["h"])
        if g["visible"] < 0.6 or x1 <= x0 or y1 <= y0:
            continue
        before = frame.pixels[y0:y1, x0:x1].astype(np.int16)
        after = result.pixels[y0:y1, x0:x1].astype(np.int16)
        assert np.abs(before - after).mean() > 3, f"face {g} left as it was"
    assert result.masked >= len(boxes) and not np.shares_memory(result.pixels, frame.pixels)


def test_redaction_recheck_masks_what_the_caller_missed() -> None:
    frame = _frames("checkout_closeup", 20, 1)[0]
    result = redact_frame(frame.pixels, [], detector=CctvFaceDetector())
    assert result.extra_found >= 1 and CctvFaceDetector().full_sweep(result.pixels) == []
