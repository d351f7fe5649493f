"""Per-camera footage analysis: sampled frames -> faces -> the camera's footage facts (a JSON-ready dict)."""

from __future__ import annotations

import json
import time
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

import cv2
import numpy as np

from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.footage import dori
from auditor.footage.detectors import CctvFaceDetector, Face, FaceDetector, default_detector
from auditor.footage.frames import FileFacts, FootageError, expected_samples, iter_frames, probe
from auditor.footage.tracking import Tracker

# One frame every 2 s: shoppers stay tens of seconds, passers-by at an entrance 3-6 s, so each person is
# sampled at least once or twice, and an hour of 720p is analysed in the time budget (docs/footage.md).
DEFAULT_SAMPLE_FPS = 0.5
# The CCTV stack calibrates its per-camera scale on the first frames, then again every N sampled frames.
CALIBRATION_FRAMES = 4
RECALIBRATE_EVERY = 60
# A camera is "face recognition grade" when at least this many sampled frames (or all, if fewer were
# analysed) show a recognition-grade frontal face: one stray detection is not enough.
MIN_RECOGNITION_FRAMES = 2
EVIDENCE_FACE_LIMIT = 50

RECALL_FILE = "detector_recall.json"

FrameSink = Callable[[dict[str, Any]], None]


@lru_cache(maxsize=1)
def measured_recall() -> dict[str, Any]:
    """The benchmark's measured recall per detector (package data written by bench/bench_footage.py)."""
    try:
        text = (resources.files("auditor.footage") / RECALL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return json.loads(text)


def detector_facts(detector: FaceDetector) -> dict[str, Any]:
    entry = measured_recall().get("detectors", {}).get(detector.name)
    return {"name": detector.name, "version": getattr(detector, "version", ""),
            "recall_by_width": entry.get("recall_by_width") if entry else None}


class _CameraDetector:
    """Wraps the detector for one camera: calibrates the CCTV stack's scale on its own footage."""

    def __init__(self, detector: FaceDetector) -> None:
        self.base = detector
        self.adaptive = isinstance(detector, CctvFaceDetector)
        self.current: CctvFaceDetector | None = None
        self.calibration: list[Face] = []
        self.count = 0
        self.shape: tuple[int, ...] | None = None

    def detect(self, pixels: np.ndarray) -> list[Face]:
        if not self.adaptive:
            return self.base.detect(pixels)
        base: CctvFaceDetector = self.base  # type: ignore[assignment]
        if pixels.shape != self.shape:          # another file of another size: calibrate again
            self.shape, self.count, self.calibration, self.current = pixels.shape, 0, [], None
        if self.count < CALIBRATION_FRAMES or self.count % RECALIBRATE_EVERY == 0 or self.current is None:
            faces = base.full_sweep(pixels)
            self.calibration = (self.calibration + faces)[-500:]
            self.current = base.tuned(self.calibration, pixels.shape[0])
        else:
            faces = self.current.detect(pixels)
        self.count += 1
        return faces


def _percentiles(widths: list[float]) -> dict[str, float] | None:
    if not widths:
        return None
    p10, p50, p90 = np.percentile(widths, [10, 50, 90])
    return {"p10": round(float(p10), 1), "p50": round(float(p50), 1), "p90": round(float(p90), 1),
            "max": round(float(max(widths)), 1)}


def analyze_camera(camera_id: str, paths: Iterable[Path | str], *, detector: FaceDetector | None = None,
                   sample_fps: float = DEFAULT_SAMPLE_FPS, progress: ProgressFn = no_progress,
                   cancel: CancelToken | None = None, on_frame: FrameSink | None = None) -> dict[str, Any]:
    """Analyse one camera's footage files and return its footage facts (see docs/footage.md for the keys).

    Bad files are recorded in `files[].error` and `errors` and the others are still analysed.
    `on_frame`, when given, receives every analysed frame's detections (the `--detections` JSON lines).
    Raises Cancelled when `cancel` is set.
    """
    cancel = cancel or CancelToken()
    if sample_fps is not None and sample_fps <= 0:
        raise ValueError("sample_fps must be positive")
    det = detector or default_detector()
    cam_det = _CameraDetector(det)
    files: list[FileFacts] = []
    errors: list[dict[str, str]] = []
    progress(Progress(0, None, camera_id, "probe"))
    probed: list[FileFacts] = []
    for p in paths:
        cancel.check()
        try:
            facts = probe(Path(p))
            probed.append(facts)
        except FootageError as exc:
            facts = getattr(exc, "facts", FileFacts(path=str(p), error=str(exc)))
            errors.append({"path": str(p), "message": str(exc)})
        files.append(facts)
    expected = [expected_samples(f, sample_fps) for f in probed]
    total = sum(e for e in expected if e) if all(expected) else None

    widths: list[float] = []
    counts: list[int] = []
    id_frames = 0
    dwell: list[float] = []
    people = 0
    resolutions: dict[tuple[int, int], int] = {}
    duration = 0.0
    best_most: tuple[int, dict] | None = None
    best_frontal: tuple[float, dict] | None = None
    best_any: tuple[float, dict] | None = None
    done = 0
    last_report = 0.0
    analysed_files = 0

    for facts in probed:
        tracker = Tracker()
        try:
            for frame in iter_frames(facts, sample_fps=sample_fps, cancel=cancel):
                faces = cam_det.detect(frame.pixels)
                cancel.check()
                done += 1
                counts.append(len(faces))
                widths.extend(f.w for f in faces)
                if any(dori.is_recognition_grade(f.w, f.frontal) for f in faces):
                    id_frames += 1
                tracker.update(frame.timestamp_s, [f.box for f in faces])
                record = {"path": facts.path, "frame_index": frame.index, "timestamp_s": frame.timestamp_s,
                          "faces": [f.to_dict() for f in faces[:EVIDENCE_FACE_LIMIT]]}
                if on_frame is not None:
                    on_frame({"camera": camera_id, **record})
                if faces and (best_most is None or len(faces) > best_most[0]):
                    best_most = (len(faces), record)
                frontal = [f.w for f in faces if f.frontal]
                if frontal and (best_frontal is None or max(frontal) > best_frontal[0]):
                    best_frontal = (max(frontal), record)
                if faces and (best_any is None or max(f.w for f in faces) > best_any[0]):
                    best_any = (max(f.w for f in faces), record)
                now = time.monotonic()
                if now - last_report >= 0.1:
                    last_report = now
                    progress(Progress(done, total, camera_id, "analyse"))
        except FootageError as exc:
            facts.error = str(exc)
            errors.append({"path": facts.path, "message": str(exc)})
        except cv2.error as exc:           # a decoder or resize failure on a malformed file
            facts.error = f"cannot decode: {str(exc).strip().splitlines()[-1] if str(exc).strip() else 'OpenCV error'}"
            errors.append({"path": facts.path, "message": facts.error})
        if facts.frames_read and facts.error is None:
            analysed_files += 1
        if facts.frames_read:
            duration += facts.duration_s or 0.0
            key = (facts.width or 0, facts.height or 0)
            resolutions[key] = resolutions.get(key, 0) + 1
        tracks = tracker.all_tracks()
        people += len(tracks)
        dwell.extend(t.dwell_s for t in tracks if t.hits >= 2)
    progress(Progress(done, total or done, camera_id, "analyse"))

    evidence = []
    for reason, best in (("most_faces", best_most), ("largest_frontal_face", best_frontal),
                         ("largest_face", best_any)):
        if best is None:
            continue
        rec = best[1]
        if any(e["path"] == rec["path"] and e["frame_index"] == rec["frame_index"] for e in evidence):
            continue
        if reason == "largest_face" and best_frontal is not None:
            continue
        evidence.append({"path": rec["path"], "frame_index": rec["frame_index"], "timestamp_s": rec["timestamp_s"],
                         "reason": reason, "faces": rec["faces"]})

    frames = len(counts)
    resolution = None
    if resolutions:
        (w, h), _ = max(resolutions.items(), key=lambda kv: kv[1])
        resolution = {"width": w, "height": h}
    return {
        "analysed": analysed_files > 0 or frames > 0,
        "files": [f.to_dict() for f in files],
        "errors": errors,
        "frames_analysed": frames,
        "sample_fps": sample_fps,
        "duration_s": round(duration, 3),
        "resolution": resolution,
        "faces_per_frame": {"mean": round(float(np.mean(counts)), 3) if counts else 0.0,
                            "max": int(max(counts)) if counts else 0},
        "distinct_people": people,
        "median_dwell_s": round(float(np.median(dwell)), 2) if dwell else None,
        "face_width_px": _percentiles(widths),
        "dori_class": dori.classify_camera(widths).value,
        "face_recognition_grade": bool(frames) and id_frames >= min(MIN_RECOGNITION_FRAMES, frames),
        "identification_grade_share": round(id_frames / frames, 4) if frames else 0.0,
        "evidence_frames": evidence,
        "detector": detector_facts(det),
    }
