"""Evidence frames: every face masked in memory, verified, nothing on disk, zero faces in the PDF."""

from __future__ import annotations

import re
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest
from pypdf import PdfReader

from auditor.footage.detectors import Face
from auditor.report import evidence as ev_mod
from auditor.report.evidence import (
    EvidenceRequest,
    collect_evidence,
    evidence_requests,
    redact_pixels,
)
from auditor.report.pdf import write_pdf
from tests.report.conftest import OracleDetector


def _requests(result):
    return {(r.path, r.frame_index): r for r in evidence_requests(result.facts)}


def test_requests_come_from_the_facts(result_with_footage, footage):
    reqs = evidence_requests(result_with_footage.facts)
    assert {(r.path, r.frame_index) for r in reqs} == set(footage.frames)
    assert {r.camera_id for r in reqs} == {"ENT-1", "CHK-1", "CNT-1"}
    assert all(len(r.boxes) == 1 for r in reqs if footage.frames[(r.path, r.frame_index)][1])
    assert evidence_requests({"cameras": [{"id": "X", "footage": {"files": [{"path": "a.mp4"}],
                                                                  "evidence_frames": [3, 3, 7]}}]}) == [
        EvidenceRequest("X", "a.mp4", 3), EvidenceRequest("X", "a.mp4", 7)]


def _changed_share(before: np.ndarray, after: np.ndarray, face: dict) -> float:
    H, W = before.shape[:2]
    x0, y0 = max(0, int(face["x"])), max(0, int(face["y"]))
    x1, y1 = min(W, int(face["x"] + face["w"])), min(H, int(face["y"] + face["h"]))
    if x1 <= x0 or y1 <= y0:
        return 1.0
    diff = np.abs(after[y0:y1, x0:x1].astype(np.int16) - before[y0:y1, x0:x1].astype(np.int16)).max(axis=2)
    return float((diff > 0).mean())


def test_every_ground_truth_face_is_covered(result_with_footage, footage, oracle):
    reqs = _requests(result_with_footage)
    checked = 0
    for key, (pixels, faces) in footage.frames.items():
        out, masked, _ = redact_pixels(reqs[key], pixels, oracle)
        assert out is not None
        assert masked >= len(faces)
        for face in faces:
            assert _changed_share(pixels, out, face) >= 0.95, (key, face)
            checked += 1
        assert not oracle.detect(out)
    assert checked >= 10


def test_a_redactor_that_misses_faces_is_caught_by_verification(result_with_footage, footage, oracle):
    @dataclass
    class Lazy:
        pixels: np.ndarray
        masked: int = 0
        extra_found: int = 0

    key, (pixels, faces) = next((k, v) for k, v in footage.frames.items() if len(v[1]) >= 2)
    out, masked, extra = redact_pixels(_requests(result_with_footage)[key], pixels, oracle,
                                       redact=lambda frame, boxes, **_: Lazy(frame.copy()))
    assert out is not None and not oracle.detect(out)
    assert extra >= len(faces) and masked == extra
    for face in faces:
        assert _changed_share(pixels, out, face) >= 0.95


def test_a_face_that_stays_detected_withholds_the_frame(result_with_footage, footage):
    class Stubborn:
        name, version = "stubborn", "0"

        def detect(self, frame):
            return [Face(10, 10, 30, 30)]

    ev = collect_evidence(result_with_footage, detector=Stubborn())
    assert ev.all and all(f.jpeg is None and f.withheld == "unverified" for f in ev.all)


def test_without_a_detector_no_frame_is_embedded(tmp_path, result_with_footage, monkeypatch):
    monkeypatch.setattr(ev_mod, "default_detector", lambda: None)
    path = tmp_path / "r.pdf"
    summary = write_pdf(result_with_footage, path)
    assert summary.frames_embedded == 0 and summary.frames_withheld == len(evidence_requests(result_with_footage.facts))
    reader = PdfReader(str(path))
    assert sum(len(p.images) for p in reader.pages) == 0
    text = re.sub(r"[ \n]+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "no redaction engine is available" in text


def test_unreadable_frames_are_reported_not_fatal(result_with_footage, oracle):
    result_with_footage.facts["cameras"][0]["footage"]["evidence_frames"].append(
        {"path": "/nonexistent/clip.mp4", "frame_index": 5})
    ev = collect_evidence(result_with_footage, detector=oracle)
    bad = [f for f in ev.for_camera("ENT-1") if f.withheld]
    assert len(bad) == 1 and bad[0].withheld == "unreadable"


class _WriteWatch:
    """Records every file opened for writing (Python's audit hook) while armed."""

    def __init__(self) -> None:
        self.armed = False
        self.writes: list[str] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if not self.armed:
            return
        if event == "open" and len(args) >= 2 and isinstance(args[1], str) and any(c in args[1] for c in "wax+"):
            self.writes.append(str(args[0]))
        elif event in ("os.rename", "os.replace", "tempfile.mkstemp", "tempfile.mkdtemp", "os.mkdir"):
            self.writes.append(f"{event} {args[:1]}")


_WATCH = _WriteWatch()


def test_redaction_writes_nothing_to_disk(result_with_footage, oracle, monkeypatch):
    def refuse(*a, **kw):
        raise AssertionError("cv2 wrote an image")

    monkeypatch.setattr(cv2, "imwrite", refuse)
    _WATCH.writes.clear()
    _WATCH.armed = True
    try:
        ev = collect_evidence(result_with_footage, detector=oracle)
    finally:
        _WATCH.armed = False
    assert ev.embedded == len(evidence_requests(result_with_footage.facts))
    assert _WATCH.writes == []


def test_write_pdf_only_writes_its_temp_file_and_the_target(tmp_path, result_with_footage, oracle):
    path = tmp_path / "r.pdf"
    _WATCH.writes.clear()
    _WATCH.armed = True
    try:
        write_pdf(result_with_footage, path, detector=oracle)
    finally:
        _WATCH.armed = False
    # mkdir of the existing target folder, the temp file (opened once per layout pass), its rename to the target
    for w in _WATCH.writes:
        if w == os.devnull:                  # a detector silencing its native library's output
            continue
        if w.startswith("os.mkdir"):
            assert str(tmp_path) in w
        elif w.startswith(("os.rename", "tempfile.mkstemp")):
            assert "/.auditor-" in w
        else:
            assert Path(w).parent == tmp_path and Path(w).name.startswith(".auditor-"), w
    assert any(not w.startswith("os.") for w in _WATCH.writes)


def _pdf_images(path: Path) -> list[np.ndarray]:
    out = []
    for page in PdfReader(str(path)).pages:
        for img in page.images:
            arr = cv2.imdecode(np.frombuffer(img.data, np.uint8), cv2.IMREAD_COLOR)
            assert arr is not None
            out.append(arr)
    return out


def _as_embedded(pixels: np.ndarray, faces: list[dict]) -> tuple[np.ndarray, list[dict]]:
    """What an unredacted frame would look like once scaled and JPEG-encoded like the PDF's frames."""
    jpeg, w, _ = ev_mod._encode_jpeg(pixels, max_width=ev_mod.MAX_WIDTH, quality=ev_mod.JPEG_QUALITY)
    k = w / pixels.shape[1]
    scaled = [{key: (v * k if key in "xywh" else v) for key, v in f.items()} for f in faces]
    return cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR), scaled


def test_no_face_left_in_any_image_of_the_pdf(tmp_path, result_with_footage, footage, oracle):
    path = tmp_path / "r.pdf"
    summary = write_pdf(result_with_footage, path, detector=oracle)
    images = _pdf_images(path)
    assert len(images) == summary.frames_embedded == len(footage.frames)
    assert summary.faces_masked >= sum(len(f) for _, f in footage.frames.values())
    embedded_oracle = OracleDetector([_as_embedded(p, f) for p, f in footage.frames.values()], tolerance=6.0)
    # the check is sensitive: an unredacted frame, scaled and encoded the same way, shows its faces
    for pixels, faces in footage.frames.values():
        control, _ = _as_embedded(pixels, faces)
        assert len(embedded_oracle.detect(control)) >= len([f for f in faces if f["w"] >= 8])
    for img in images:
        assert embedded_oracle.detect(img) == []


def test_pdf_with_frames_is_reproducible(tmp_path, result_with_footage, oracle):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_pdf(result_with_footage, a, detector=oracle, lang="fr")
    write_pdf(result_with_footage, b, detector=oracle, lang="fr")
    assert a.read_bytes() == b.read_bytes()
    text = re.sub(r"[ \n]+", " ", " ".join(p.extract_text() for p in PdfReader(str(a)).pages))
    assert "visage(s) masqué(s)" in text


@pytest.mark.slow
def test_real_detector_finds_no_face_in_the_pdf(tmp_path, footage):
    from auditor.footage.detectors import default_detector
    from tests.report.conftest import make_result

    detector = default_detector()
    result = make_result(footage)
    for cam in result.facts["cameras"]:          # no analysis boxes: the report's own detection must do it
        for e in (cam.get("footage") or {}).get("evidence_frames", []):
            e["faces"] = []
    # sensitivity: the detector sees faces on the original frames
    assert sum(len(detector.detect(p)) for p, _ in footage.frames.values()) >= 5
    path = tmp_path / "r.pdf"
    summary = write_pdf(result, path, detector=detector)
    images = _pdf_images(path)
    assert len(images) == summary.frames_embedded > 0
    for img in images:
        assert detector.full_sweep(img) == []
    # every ground-truth face big enough to identify (>= 20 px, mostly visible) is covered
    reqs = _requests(result)
    for key, (pixels, faces) in footage.frames.items():
        out, _, _ = redact_pixels(reqs[key], pixels, detector)
        assert out is not None
        for face in faces:
            if face["w"] >= 20 and face.get("visible", 1) >= 0.5:
                assert _changed_share(pixels, out, face) >= 0.9, (key, face)


# --- the independent detector family (issue 12 item 6) -----------------------------------------------------------

class _ScriptedFamily:
    """A second detector family: reports `box` while its pixels are not a solid fill."""

    name, version = "second-family", "1"

    def __init__(self, box: tuple[float, float, float, float]) -> None:
        self.box = box
        self.calls = 0

    def detect(self, frame: np.ndarray) -> list[Face]:
        self.calls += 1
        x, y, w, h = (int(v) for v in self.box)
        region = frame[y:y + h, x:x + w]
        return [] if region.size and (region == region.flat[0]).all() else [Face(*self.box)]


def test_what_only_the_independent_family_finds_is_filled_solid(result_with_footage, footage, oracle):
    from auditor.footage.redact import SOLID_GREY, Verifier

    key, (pixels, _) = next(iter(footage.frames.items()))
    blob = (4.0, 4.0, 24.0, 24.0)                      # the same family (the oracle) sees nothing there
    family = _ScriptedFamily(blob)
    out, _, extra = redact_pixels(_requests(result_with_footage)[key], pixels, oracle, mask="pixelate",
                                       verifier=Verifier(family, tiles=False))
    assert out is not None and family.calls >= 2 and extra >= 1
    assert (out[4:28, 4:28] == SOLID_GREY).all()


def test_a_frame_the_independent_family_still_flags_is_withheld(result_with_footage, oracle):
    class Stubborn:
        name, version, tiles = "stubborn", "0", False

        def find(self, pixels, *, tiles=None):
            return [(10.0, 10.0, 30.0, 30.0)]

        def fill(self, pixels, *, tiles=None):
            return []

    ev = collect_evidence(result_with_footage, detector=oracle, verifier=Stubborn())
    assert ev.all and all(f.jpeg is None and f.withheld == "unverified" for f in ev.all)
    assert "verified by stubborn" in ev.detector


@pytest.mark.slow
@pytest.mark.parametrize("mask", ["solid", "pixelate", "blur"])
def test_demo_evidence_frame_shows_no_face_to_either_family(mask):
    """The demo's entrance camera, frame 60: BlazeFace found a face-shaped blob on the pixelated version."""
    import importlib.resources

    from auditor.footage.detectors import default_detector
    from auditor.footage.frames import read_frame
    from auditor.footage.redact import default_verifier

    with importlib.resources.as_file(importlib.resources.files("auditor_assets") / "deployments") as folder:
        clip = Path(folder) / "footage" / "entrance_720p.mp4"
        frame = read_frame(clip, 60)
    det, verifier = default_detector(), default_verifier()
    assert verifier is not None
    boxes = tuple(f.box for f in det.detect(frame))
    out, _, _ = redact_pixels(EvidenceRequest("ENT-1", str(clip), 60, boxes=boxes), frame, det, mask=mask)
    assert out is not None
    assert verifier.find(out) == [] and det.full_sweep(out) == []
