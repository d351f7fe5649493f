"""Per-camera footage analysis: sampled frames -> faces -> the camera's footage facts (a JSON-ready dict)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from auditor.core.footage_facts import (
    DetectorInfo,
    EvidenceFrameRef,
    FacesPerFrame,
    FaceWidths,
    FileFacts,
    FootageFacts,
    FootageProblem,
    Resolution,
)
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.footage import dori
from auditor.footage.detectors import (
    CctvFaceDetector,
    Face,
    FaceDetector,
    default_detector,
)
from auditor.footage.frames import (
    FootageError,
    expected_samples,
    iter_frames,
    probe,
)
from auditor.footage.motion import MotionRegions
from auditor.footage.tracking import Tracker

# One frame every 2 s: shoppers stay tens of seconds, passers-by at an entrance 3-6 s, so each person is
# sampled at least once or twice, and an hour of 720p is analysed in the time budget (docs/footage.md).
DEFAULT_SAMPLE_FPS = 0.5
# The CCTV stack calibrates its per-camera scale on the first frames, then again every N sampled frames.
CALIBRATION_FRAMES = 2
RECALIBRATE_EVERY = 60
# Between calibrations the tuned detector runs only where the picture changed or a face was last seen
# (auditor/footage/motion.py), and on the whole frame every N sampled frames.
FULL_FRAME_EVERY = 8
# A camera is "face recognition grade" when at least this many sampled frames (or all, if fewer were
# analysed) show a recognition-grade frontal face: one stray detection is not enough.
MIN_RECOGNITION_FRAMES = 2
EVIDENCE_FACE_LIMIT = 50
# Frames larger than this (pixels on the longer side) are reduced on read for detection, and the boxes
# mapped back: a 4K or 8K frame, or a large still, never goes through the detector (or memory) at full size.
DETECT_MAX_SIDE = 1920

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

    def __init__(self, detector: FaceDetector, *, use_motion: bool = True) -> None:
        self.base = detector
        self.adaptive = isinstance(detector, CctvFaceDetector)
        self.current: CctvFaceDetector | None = None
        self.calibration: list[Face] = []
        self.count = 0
        self.shape: tuple[int, ...] | None = None
        self.motion = MotionRegions()
        self.use_motion = use_motion
        self.last: list[Face] = []

    def detect(self, pixels: np.ndarray) -> list[Face]:
        if not self.adaptive:
            return self.base.detect(pixels)
        base: CctvFaceDetector = self.base  # type: ignore[assignment]
        if pixels.shape != self.shape:          # another file of another size: calibrate again
            self.shape, self.count, self.calibration, self.current = pixels.shape, 0, [], None
        regions = self.motion.regions(pixels, keep=[f.box for f in self.last]) if self.use_motion else None
        if self.count < CALIBRATION_FRAMES or self.count % RECALIBRATE_EVERY == 0 or self.current is None:
            faces = base.calibration_sweep(pixels)
            self.calibration = (self.calibration + faces)[-500:]
            self.current = base.tuned(self.calibration, pixels.shape[0])
        elif regions is None or self.count % FULL_FRAME_EVERY == 0:
            faces = self.current.detect(pixels)
        else:
            faces = self.current.detect_regions(pixels, regions)
        self.count += 1
        self.last = faces
        return faces


def _unscale(face: Face, scale: float) -> Face:
    """A face found on a frame reduced by `scale`, in the coordinates of the full-size frame."""
    k = 1.0 / scale
    return replace(face, x=face.x * k, y=face.y * k, w=face.w * k, h=face.h * k,
                   landmarks=tuple((x * k, y * k) for x, y in face.landmarks))


def _percentiles(widths: list[float]) -> dict[str, float] | None:
    if not widths:
        return None
    p10, p50, p90 = np.percentile(widths, [10, 50, 90])
    return {"p10": round(float(p10), 1), "p50": round(float(p50), 1), "p90": round(float(p90), 1),
            "max": round(float(max(widths)), 1)}


@dataclass
class CameraPartial:
    """What the analysis of part of a camera's footage gathered, before it is summed up into footage facts.

    Plain, JSON-ready data: the partials of several files or chunks (analysed on different machines by a
    fleet audit) merge into the same facts as one analysis of everything.
    """

    camera: str
    sample_fps: float | None
    detector: dict[str, Any] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)   # files only partly read
    counts: list[int] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    id_frames: int = 0
    dwell: list[float] = field(default_factory=list)
    people: int = 0
    resolutions: list[list[int]] = field(default_factory=list)   # [width, height, files]
    duration_s: float = 0.0
    analysed_files: int = 0
    best: dict[str, list[Any]] = field(default_factory=dict)     # reason -> [score, frame record]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CameraPartial:
        return cls(**data)

    def consider(self, reason: str, score: float, record: dict[str, Any]) -> None:
        """Keep `record` as the best frame for `reason` if it scores higher (first one wins a tie)."""
        if reason not in self.best or score > self.best[reason][0]:
            self.best[reason] = [score, record]

    def add_resolution(self, width: int, height: int) -> None:
        for entry in self.resolutions:
            if entry[0] == width and entry[1] == height:
                entry[2] += 1
                return
        self.resolutions.append([width, height, 1])

    def merge(self, other: CameraPartial) -> None:
        """Add another part of the same camera's footage (in reading order: ties keep the earlier frame)."""
        self.files += other.files
        self.errors += other.errors
        self.warnings += other.warnings
        self.counts += other.counts
        self.widths += other.widths
        self.id_frames += other.id_frames
        self.dwell += other.dwell
        self.people += other.people
        for w, h, n in other.resolutions:
            for _ in range(n):
                self.add_resolution(w, h)
        self.duration_s += other.duration_s
        self.analysed_files += other.analysed_files
        for reason, (score, record) in other.best.items():
            self.consider(reason, score, record)
        self.detector = self.detector or other.detector


def _analyse_file(part: CameraPartial, facts: FileFacts, cam_det: _CameraDetector, *, sample_fps: float | None,
                  cancel: CancelToken, on_frame: FrameSink | None, tick: Callable[[], None],
                  start_s: float | None = None, end_s: float | None = None) -> None:
    """Analyse one probed file (or the window [start_s, end_s) of it) into `part`."""
    tracker = Tracker()
    try:
        for frame in iter_frames(facts, sample_fps=sample_fps, cancel=cancel, start_s=start_s, end_s=end_s,
                                 max_side=DETECT_MAX_SIDE):
            faces = cam_det.detect(frame.pixels)
            if frame.scale != 1.0:
                faces = [_unscale(f, frame.scale) for f in faces]
            cancel.check()
            part.counts.append(len(faces))
            part.widths.extend(f.w for f in faces)
            if any(dori.is_recognition_grade(f.w, f.frontal) for f in faces):
                part.id_frames += 1
            tracker.update(frame.timestamp_s, [f.box for f in faces])
            record = {"path": facts.path, "frame_index": frame.index, "timestamp_s": frame.timestamp_s,
                      "faces": [f.to_dict() for f in faces[:EVIDENCE_FACE_LIMIT]]}
            if on_frame is not None:
                on_frame({"camera": part.camera, **record})
            if faces:
                part.consider("most_faces", len(faces), record)
                part.consider("largest_face", max(f.w for f in faces), record)
            frontal = [f.w for f in faces if f.frontal]
            if frontal:
                part.consider("largest_frontal_face", max(frontal), record)
            tick()
    except FootageError as exc:
        facts.error = str(exc)
        part.errors.append({"path": facts.path, "message": str(exc)})
    except cv2.error as exc:           # a resize failure on a malformed frame
        facts.error = f"cannot decode: {str(exc).strip().splitlines()[-1] if str(exc).strip() else 'OpenCV error'}"
        part.errors.append({"path": facts.path, "message": facts.error})
    if facts.read_problems and facts.frames_decoded:
        part.warnings.append({"path": facts.path, "message": "partly read: " + "; ".join(facts.read_problems)
                              + "; the rest of the file was analysed", "partial": True})
    if facts.frames_read and facts.error is None:
        part.analysed_files += 1
    if facts.frames_read:
        covered = facts.duration_s or 0.0
        if start_s:
            covered = max(0.0, covered - start_s)
        part.duration_s += covered
        part.add_resolution(facts.width or 0, facts.height or 0)
    tracks = tracker.all_tracks()
    part.people += len(tracks)
    part.dwell.extend(t.dwell_s for t in tracks if t.hits >= 2)


def _probe_all(paths: Iterable[Path | str], part: CameraPartial, cancel: CancelToken) -> list[FileFacts]:
    probed: list[FileFacts] = []
    for p in paths:
        cancel.check()
        try:
            facts = probe(Path(p))
            probed.append(facts)
        except FootageError as exc:
            facts = getattr(exc, "facts", FileFacts(path=str(p), error=str(exc)))
            part.errors.append({"path": str(p), "message": str(exc)})
            part.files.append(facts.to_dict())
    return probed


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
    part = CameraPartial(camera=camera_id, sample_fps=sample_fps, detector=detector_facts(det))
    progress(Progress(0, None, camera_id, "probe"))
    paths = list(paths)
    order = {str(p): i for i, p in enumerate(paths)}
    probed = _probe_all(paths, part, cancel)
    expected = [expected_samples(f, sample_fps) for f in probed]
    total = sum(e for e in expected if e) if all(expected) else None
    last_report = [0.0]

    def tick() -> None:
        now = time.monotonic()
        if now - last_report[0] >= 0.1:
            last_report[0] = now
            progress(Progress(len(part.counts), total, camera_id, "analyse"))

    for facts in probed:
        _analyse_file(part, facts, cam_det, sample_fps=sample_fps, cancel=cancel, on_frame=on_frame, tick=tick)
        part.files.append(facts.to_dict())
    part.files.sort(key=lambda f: order.get(f["path"], len(order)))
    progress(Progress(len(part.counts), total or len(part.counts), camera_id, "analyse"))
    return summarise(part)


def analyze_chunk(camera_id: str, path: Path | str, *, start_s: float | None, end_s: float | None,
                  detector: FaceDetector | None = None, sample_fps: float = DEFAULT_SAMPLE_FPS,
                  cancel: CancelToken | None = None) -> CameraPartial:
    """Analyse the window [start_s, end_s) of one file of a camera: one task of a fleet audit.

    The chunk calibrates the detector on its own first frames. People whose visit spans two chunks are
    counted in each (chunks are minutes long, visits seconds). Merge the partials with `CameraPartial.merge`
    in reading order, then `summarise`.
    """
    cancel = cancel or CancelToken()
    det = detector or default_detector()
    part = CameraPartial(camera=camera_id, sample_fps=sample_fps, detector=detector_facts(det))
    probed = _probe_all([path], part, cancel)
    for facts in probed:
        _analyse_file(part, facts, _CameraDetector(det), sample_fps=sample_fps, cancel=cancel, on_frame=None,
                      tick=lambda: None, start_s=start_s, end_s=end_s)
        entry = facts.to_dict()
        entry["window_s"] = [start_s or 0.0, end_s]
        part.files.append(entry)
    return part


def merge_file_entries(files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The `files[]` facts of chunked reads folded back into one entry per file (frames summed)."""
    merged: dict[str, dict[str, Any]] = {}
    for entry in files:
        entry = {k: v for k, v in entry.items() if k != "window_s"}
        seen = merged.get(entry["path"])
        if seen is None:
            merged[entry["path"]] = entry
            continue
        seen["frames_read"] = (seen.get("frames_read") or 0) + (entry.get("frames_read") or 0)
        seen["unreadable_frames"] = (seen.get("unreadable_frames") or 0) + (entry.get("unreadable_frames") or 0)
        seen["frames_decoded"] = (seen.get("frames_decoded") or 0) + (entry.get("frames_decoded") or 0)
        seen["read_problems"] = list(seen.get("read_problems") or []) + [
            p for p in entry.get("read_problems") or [] if p not in (seen.get("read_problems") or [])]
        seen["duration_s"] = max(seen.get("duration_s") or 0.0, entry.get("duration_s") or 0.0)
        seen["error"] = seen.get("error") or entry.get("error")
        for key in ("width", "height"):
            seen[key] = seen.get(key) or entry.get(key)
    return list(merged.values())


def summarise(part: CameraPartial) -> dict[str, Any]:
    """A camera's footage facts from everything gathered about it."""
    evidence: list[dict[str, Any]] = []
    for reason in ("most_faces", "largest_frontal_face", "largest_face"):
        if reason not in part.best:
            continue
        rec = part.best[reason][1]
        if any(e["path"] == rec["path"] and e["frame_index"] == rec["frame_index"] for e in evidence):
            continue
        if reason == "largest_face" and "largest_frontal_face" in part.best:
            continue
        evidence.append({"path": rec["path"], "frame_index": rec["frame_index"], "timestamp_s": rec["timestamp_s"],
                         "reason": reason, "faces": rec["faces"]})
    counts, widths, frames = part.counts, part.widths, len(part.counts)
    resolution = None
    if part.resolutions:
        w, h, _ = max(part.resolutions, key=lambda r: r[2])
        resolution = Resolution(w, h)
    percentiles = _percentiles(widths)
    return FootageFacts(
        analysed=part.analysed_files > 0 or frames > 0,
        files=[FileFacts.from_dict(f) for f in merge_file_entries(part.files)],
        errors=[FootageProblem.from_dict(e) for e in part.errors],
        warnings=[FootageProblem.from_dict(w) for w in part.warnings],
        frames_analysed=frames,
        sample_fps=part.sample_fps,
        duration_s=round(part.duration_s, 3),
        resolution=resolution,
        faces_per_frame=FacesPerFrame(round(float(np.mean(counts)), 3) if counts else 0.0,
                                      int(max(counts)) if counts else 0),
        distinct_people=part.people,
        median_dwell_s=round(float(np.median(part.dwell)), 2) if part.dwell else None,
        face_width_px=FaceWidths(**percentiles) if percentiles else None,
        dori_class=dori.classify_camera(widths).value,
        face_recognition_grade=bool(frames) and part.id_frames >= min(MIN_RECOGNITION_FRAMES, frames),
        identification_grade_share=round(part.id_frames / frames, 4) if frames else 0.0,
        evidence_frames=[EvidenceFrameRef(**e) for e in evidence],
        detector=DetectorInfo(**part.detector),
    ).to_dict()
