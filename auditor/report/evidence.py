"""Evidence frames for the PDF: picked from the facts, read, redacted, verified and JPEG-encoded in memory.

Privacy rules this module keeps (DESIGN.md, "Privacy by design of the tool itself"):

* a frame is read into memory, every face is masked there, and only the masked pixels are encoded
  (JPEG into a bytes object); nothing is ever written to disk, temp files included;
* the boxes to mask are the union of the boxes footage analysis recorded for that frame (if any) and a
  fresh detection on the full frame; masks are enlarged beyond the detection (by the redactor);
* after masking, the detector runs again on the masked frame (the redactor's verification pass, then
  this module's own check), and so does an independent detector family (MediaPipe BlazeFace, which shares
  nothing with the CenterFace stack that drew the masks): anything either finds is masked with a solid
  fill and counted. A frame on which either family still finds a face after that is withheld, never
  embedded;
* the mask style (solid, pixelate, blur) is the audit's choice; verification fills are always solid;
* without a detector there is no redaction and no frame is embedded at all (the report says so).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from auditor.core.model import AuditResult
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress

log = logging.getLogger(__name__)

MAX_WIDTH = 960          # pixels of the embedded JPEG (the frame is shown about 85 mm wide)
JPEG_QUALITY = 82
_MAX_VERIFY_ROUNDS = 3


@dataclass(frozen=True)
class EvidenceRequest:
    """One frame the footage analysis picked as evidence for a camera."""

    camera_id: str
    path: str                         # as written in the facts (shown in the report)
    frame_index: int
    timestamp_s: float | None = None
    reason: str | None = None
    boxes: tuple[tuple[float, float, float, float], ...] = ()   # boxes analysis recorded (x, y, w, h)


@dataclass(frozen=True)
class EvidenceFrame:
    """A redacted, verified, JPEG-encoded frame ready for the PDF (or the reason it was withheld)."""

    request: EvidenceRequest
    jpeg: bytes | None = None         # None: withheld
    width: int = 0
    height: int = 0
    masked: int = 0                   # faces masked in total
    extra_found: int = 0              # of which found only by a verification pass
    withheld: str | None = None       # unreadable | unverified | no_redactor | error
    error: str = ""

    @property
    def camera_id(self) -> str:
        return self.request.camera_id


@dataclass
class EvidenceSet:
    """The evidence frames of every camera, plus what redacted them."""

    frames: dict[str, list[EvidenceFrame]] = field(default_factory=dict)
    detector: str = ""                # the detector stack and, after "; verified by", the independent family
    available: bool = True            # False: no redaction engine, frames withheld
    mask: str = "solid"

    def for_camera(self, camera_id: str) -> list[EvidenceFrame]:
        return self.frames.get(camera_id, [])

    @property
    def all(self) -> list[EvidenceFrame]:
        return [f for frames in self.frames.values() for f in frames]

    @property
    def embedded(self) -> int:
        return sum(1 for f in self.all if f.jpeg is not None)

    @property
    def masked(self) -> int:
        return sum(f.masked for f in self.all if f.jpeg is not None)

    def masked_per_frame(self) -> list[tuple[str, str, int, int]]:
        """(camera, path, frame index, faces masked) for every embedded frame."""
        return [(f.camera_id, f.request.path, f.request.frame_index, f.masked) for f in self.all if f.jpeg]


# --- what to pick ------------------------------------------------------------------------------------------------

def _first(d: dict, *keys: str, default: Any = None) -> Any:
    for k in keys:
        if k in d and d[k] is not None:
            return d[k]
    return default


def _boxes(item: dict) -> tuple[tuple[float, float, float, float], ...]:
    out = []
    for b in _first(item, "faces", default=[]) or []:
        if isinstance(b, dict) and all(k in b for k in ("x", "y", "w", "h")):
            out.append((float(b["x"]), float(b["y"]), float(b["w"]), float(b["h"])))
        elif isinstance(b, (list, tuple)) and len(b) >= 4:
            out.append(tuple(float(v) for v in b[:4]))  # type: ignore[arg-type]
    return tuple(out)


def evidence_requests(facts: dict) -> list[EvidenceRequest]:
    """The frames listed in `cameras[i].footage.evidence_frames`, in camera order.

    An entry is a frame index (of the camera's first footage file) or an object written by the analysis
    (auditor.core.footage_facts.EvidenceFrameRef: `path`, `frame_index`, `timestamp_s`, `reason`, `faces`);
    no other key is read.
    """
    out: list[EvidenceRequest] = []
    for cam in facts.get("cameras") or []:
        if not isinstance(cam, dict):
            continue
        footage = cam.get("footage") if isinstance(cam.get("footage"), dict) else {}
        files = footage.get("files") or []
        default_path = ""
        if files:
            f0 = files[0]
            default_path = str(f0.get("path", "")) if isinstance(f0, dict) else str(f0)
        seen: set[tuple[str, int]] = set()
        for item in footage.get("evidence_frames") or []:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                req = EvidenceRequest(str(cam.get("id")), default_path, int(item))
            elif isinstance(item, dict):
                req = EvidenceRequest(str(cam.get("id")), str(_first(item, "path", default=default_path)),
                                      int(_first(item, "frame_index", default=0)), _first(item, "timestamp_s"),
                                      _first(item, "reason"), _boxes(item))
            else:
                continue
            if (req.path, req.frame_index) in seen:
                continue
            seen.add((req.path, req.frame_index))
            out.append(req)
    return out


def resolve_path(path: str, result: AuditResult, base_dir: Path | None = None) -> Path:
    """Find a footage file named in the facts: as given, beside the config, or among the hashed inputs."""
    p = Path(path)
    if p.is_absolute():
        return p
    candidates: list[Path] = []
    if base_dir is not None:
        candidates.append(Path(base_dir) / p)
    for inp in result.inputs:
        if inp.kind == "config":
            candidates.append(Path(inp.path).parent / p)
    for inp in result.inputs:
        if inp.kind == "footage" and (inp.path == path or Path(inp.path).name == p.name):
            candidates.append(Path(inp.path))
    candidates.append(p)
    for c in candidates:
        if c.exists():
            return c
    return candidates[0]


# --- the engines: auditor.footage reads, detects and redacts --------------------------------------------------------

def default_detector():
    """The footage package's default face detector, or None when it cannot be created here."""
    from auditor.footage.detectors import default_detector as make

    try:
        return make()
    except Exception as exc:  # noqa: BLE001 - a missing model: no detector means no frame is embedded
        log.warning("face detector unavailable: %s", exc)
        return None


def read_frame_function() -> Callable[[Path, int], np.ndarray]:
    from auditor.footage.frames import read_frame

    return read_frame


def redact_function() -> Callable:
    from auditor.footage.redact import redact_frame

    return redact_frame


def _as_xywh(face: Any) -> tuple[float, float, float, float]:
    if hasattr(face, "box"):
        return tuple(float(v) for v in face.box)  # type: ignore[return-value]
    if isinstance(face, dict):
        return float(face["x"]), float(face["y"]), float(face["w"]), float(face["h"])
    return tuple(float(v) for v in face[:4])  # type: ignore[return-value]


def _fill(img: np.ndarray, box: tuple[float, float, float, float]) -> None:
    """Solid fill of an enlarged box: the last resort for a face still detected after redaction."""
    from auditor.footage.redact import enlarge, mask_region

    rect = enlarge(box, img.shape)
    if rect is not None:
        mask_region(img, rect, style="solid")


def default_verifier():
    """The independent detector family (auditor.footage.redact.default_verifier), or None if unavailable."""
    from auditor.footage.redact import default_verifier as make

    return make()


# --- the pipeline ---------------------------------------------------------------------------------------------------

def _encode_jpeg(pixels: np.ndarray, *, max_width: int, quality: int) -> tuple[bytes, int, int]:
    import cv2

    h, w = pixels.shape[:2]
    if w > max_width:
        scale = max_width / w
        pixels = cv2.resize(pixels, (max_width, max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", pixels, [int(cv2.IMWRITE_JPEG_QUALITY), int(quality)])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return buf.tobytes(), pixels.shape[1], pixels.shape[0]


def redact_pixels(request: EvidenceRequest, frame: np.ndarray, detector, *, redact: Callable | None = None,
                  mask: str = "solid", verifier: Any = None) -> tuple[np.ndarray | None, int, int]:
    """Mask every face of one frame in memory and verify: (pixels or None if unsure, masked, extra found).

    Args:
        mask: the style of the masks drawn from the detections (solid, pixelate, blur).
        verifier: the independent family (`find`/`fill`, see auditor.footage.redact.Verifier); by default
            `default_verifier()`. Whatever it or `detector` still finds is filled solid.
    """
    redact = redact or redact_function()
    verifier = verifier if verifier is not None else default_verifier()
    boxes: list = list(detector.detect(frame))
    fresh = [_as_xywh(b) for b in boxes]
    for b in request.boxes:     # analysis boxes the fresh detection missed (temporal smoothing found them)
        if not any(_iou(b, f) > 0.3 for f in fresh):
            boxes.append(_box_like(b, boxes))
    res = redact(frame, boxes, detector=detector, style=mask, verifier=verifier)
    pixels = np.ascontiguousarray(res.pixels)
    masked, extra = int(res.masked), int(res.extra_found)

    def still_found(img: np.ndarray) -> list[tuple[float, float, float, float]]:
        found = [_as_xywh(f) for f in detector.detect(img)]
        return found + (list(verifier.find(img)) if verifier is not None else [])

    # Our own verification, independent of the redactor's: what either family still sees is filled solid.
    for _ in range(_MAX_VERIFY_ROUNDS):
        found = still_found(pixels)
        if not found:
            return pixels, masked, extra
        pixels = pixels.copy()
        for box in found:
            _fill(pixels, box)
        masked += len(found)
        extra += len(found)
    if still_found(pixels):
        return None, masked, extra
    return pixels, masked, extra


def redact_one(request: EvidenceRequest, frame: np.ndarray, detector, *, redact: Callable | None = None,
               max_width: int = MAX_WIDTH, quality: int = JPEG_QUALITY, mask: str = "solid",
               verifier: Any = None) -> EvidenceFrame:
    """Mask, verify and JPEG-encode one frame (all in memory); withhold it if a face is still detected."""
    pixels, masked, extra = redact_pixels(request, frame, detector, redact=redact, mask=mask, verifier=verifier)
    if pixels is None:
        return EvidenceFrame(request, withheld="unverified", masked=masked, extra_found=extra)
    jpeg, w, h = _encode_jpeg(pixels, max_width=max_width, quality=quality)
    return EvidenceFrame(request, jpeg, w, h, masked, extra)


def _box_like(b: tuple[float, float, float, float], examples: list) -> Any:
    """A box in the type the detector returns (the redactor may expect Face objects)."""
    if examples and hasattr(examples[0], "box"):
        import dataclasses

        try:
            return dataclasses.replace(examples[0], x=b[0], y=b[1], w=b[2], h=b[3])
        except (TypeError, ValueError):
            pass
    from auditor.footage.detectors import Face

    return Face(*b)


def _iou(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    ax1, ay1, bx1, by1 = a[0] + a[2], a[1] + a[3], b[0] + b[2], b[1] + b[3]
    iw, ih = max(0.0, min(ax1, bx1) - max(a[0], b[0])), max(0.0, min(ay1, by1) - max(a[1], b[1]))
    inter = iw * ih
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


def collect_evidence(result: AuditResult, *, detector=None, base_dir: Path | None = None,
                     read_frame: Callable[[Path, int], np.ndarray] | None = None, redact: Callable | None = None,
                     max_width: int = MAX_WIDTH, quality: int = JPEG_QUALITY,
                     progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                     mask: str = "solid", verifier: Any = None) -> EvidenceSet:
    """Read, redact, verify and encode every evidence frame listed in the facts (all in memory).

    Args:
        detector: a FaceDetector (`detect(frame) -> faces`); by default auditor.footage's default detector.
            Without one, no frame is embedded.
        mask: solid, pixelate or blur (auditor.footage.redact.MASK_STYLES).
        verifier: the independent detector family (default: BlazeFace, `default_verifier()`). Without
            one, no frame is embedded: a single detector family is not enough to vouch for a frame.
    """
    cancel = cancel or CancelToken()
    requests = evidence_requests(result.facts or {})
    evidence = EvidenceSet(mask=mask)
    if not requests:
        return evidence
    detector = detector if detector is not None else default_detector()
    verifier = verifier if verifier is not None else default_verifier()
    if detector is None or verifier is None:
        evidence.available = False
        for req in requests:
            evidence.frames.setdefault(req.camera_id, []).append(EvidenceFrame(req, withheld="no_redactor"))
        return evidence
    evidence.detector = (f"{getattr(detector, 'name', type(detector).__name__)} {getattr(detector, 'version', '')}".strip()
                         + f"; verified by {verifier.name} {verifier.version}".rstrip())
    read = read_frame or read_frame_function()
    redact = redact or redact_function()
    for i, req in enumerate(requests):
        cancel.check()
        progress(Progress(done=i, total=len(requests), note=req.camera_id, step="evidence"))
        try:
            frame = read(resolve_path(req.path, result, base_dir), req.frame_index)
            if frame is None:
                raise ValueError("no frame")
        except Exception as exc:  # noqa: BLE001 - bad footage is reported, never fatal
            evidence.frames.setdefault(req.camera_id, []).append(
                EvidenceFrame(req, withheld="unreadable", error=str(exc)))
            continue
        try:
            item = redact_one(req, frame, detector, redact=redact, max_width=max_width, quality=quality, mask=mask,
                              verifier=verifier)
        except Exception as exc:  # noqa: BLE001 - one frame's failure withholds that frame only
            log.warning("redaction failed for %s frame %s: %s", req.path, req.frame_index, exc)
            item = EvidenceFrame(req, withheld="error", error=str(exc))
        finally:
            del frame
        evidence.frames.setdefault(req.camera_id, []).append(item)
    progress(Progress(done=len(requests), total=len(requests), step="evidence"))
    return evidence


def evidence_to_embed(result: AuditResult, *, embed_frames: bool, evidence: EvidenceSet | None, detector=None,
                      base_dir: Path | None = None, progress: ProgressFn = no_progress,
                      cancel: CancelToken | None = None, mask: str = "solid") -> EvidenceSet | None:
    """The evidence a report embeds: the frames given (e.g. reviewed in the GUI), else collected and redacted from
    the facts; None when `embed_frames` is False (the report then says the frames were left out)."""
    if not embed_frames:
        return None
    if evidence is not None:
        return evidence
    return collect_evidence(result, detector=detector, base_dir=base_dir, progress=progress, cancel=cancel,
                            mask=mask)
