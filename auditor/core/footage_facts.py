"""What footage analysis measured on one camera: the typed `cameras[i].footage` of the Facts document.

The analysis (auditor/footage/analyze.py) builds a FootageFacts and writes `to_dict()` into the Facts; the rules
read that dict through CEL; the report, SARIF and the GUI read it back with `FootageFacts.from_dict()` and use
attributes, so that a reader cannot guess a key the analysis never writes. The JSON key names are the field
names below and stay stable (docs/footage.md documents them). Keys this version does not know (written by a
newer analysis) are kept in `extra` and written back unchanged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value: Any, default: int = 0) -> int:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else default


def _build(cls: type[T], data: Any) -> T:
    """A dataclass from a mapping: known fields only, unknown keys into `extra` when the class has one."""
    data = data if isinstance(data, dict) else {}
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    known = {k: v for k, v in data.items() if k in names and k != "extra"}
    if "extra" in names:
        known["extra"] = {k: v for k, v in data.items() if k not in names}
    return cls(**known)


def _plain(obj: Any) -> dict[str, Any]:
    out = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name != "extra"}
    for key, value in out.items():
        if hasattr(value, "to_dict"):
            out[key] = value.to_dict()
        elif isinstance(value, list):
            out[key] = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
    out.update(getattr(obj, "extra", None) or {})
    return out


@dataclass
class FileFacts:
    """What one input file really is (the `files[]` entries of the footage facts)."""

    path: str
    sha256: str | None = None
    kind: str | None = None              # video | image
    container: str | None = None         # mp4 | mkv | avi | mov | gif | jpeg | png (sniffed from the bytes)
    codec: str | None = None             # decoder name, e.g. "h264", "mpeg4", "mjpeg", "png"
    fps: float | None = None             # the container's average frame rate (informative; timestamps rule)
    frames_declared: int | None = None   # what the header says
    frames_read: int = 0                 # frames found in the file (demuxed)
    frames_decoded: int = 0              # frames decoded to pixels (fewer when sampling)
    unreadable_frames: int = 0           # frames that are damaged or would not decode
    width: int | None = None
    height: int | None = None
    rotation: int = 0                    # degrees the frames are turned to be upright (display matrix, EXIF)
    duration_s: float | None = None      # from the timestamps of the frames read
    timestamps: str | None = None        # "container" | "frame rate" | "assumed 25 fps"
    read_problems: list[str] = field(default_factory=list)   # why frames are missing or damaged
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_dict(cls, data: Any) -> FileFacts:
        data = data if isinstance(data, dict) else {"path": str(data)}
        return _build(cls, {"path": str(data.get("path", "")), **{k: v for k, v in data.items() if k != "path"}})

    @property
    def partial(self) -> bool:
        """Part of the file could not be read (the analysis still used the rest)."""
        return bool(self.read_problems)


@dataclass(frozen=True)
class FootageProblem:
    """A file (or part of one) the analysis could not read, and why; `partial` = the rest of the file was used."""

    path: str
    message: str
    partial: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "message": self.message}
        if self.partial:
            out["partial"] = True
        return out

    @classmethod
    def from_dict(cls, data: Any) -> FootageProblem:
        if not isinstance(data, dict):
            return cls("", str(data))
        return cls(str(data.get("path", data.get("file", ""))), str(data.get("message", data.get("error", ""))),
                   data.get("partial") is True)


@dataclass(frozen=True)
class Resolution:
    width: int
    height: int

    def to_dict(self) -> dict[str, Any]:
        return {"width": self.width, "height": self.height}


@dataclass(frozen=True)
class FacesPerFrame:
    mean: float = 0.0
    max: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"mean": self.mean, "max": self.max}


@dataclass(frozen=True)
class FaceWidths:
    """Face widths in pixels over every detected face: 10th, 50th, 90th percentile and maximum."""

    p10: float
    p50: float
    p90: float
    max: float

    def to_dict(self) -> dict[str, Any]:
        return {"p10": self.p10, "p50": self.p50, "p90": self.p90, "max": self.max}


@dataclass
class EvidenceFrameRef:
    """A frame picked as evidence (pixels are never stored: path, index and the face boxes only)."""

    path: str
    frame_index: int
    timestamp_s: float | None = None
    reason: str = ""                     # most_faces | largest_frontal_face | largest_face
    faces: list[dict[str, Any]] = field(default_factory=list)   # {x, y, w, h, score, frontal}
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass
class DetectorInfo:
    name: str = ""
    version: str = ""
    recall_by_width: dict[str, float] | list[dict[str, Any]] | None = None   # measured by bench_footage

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "recall_by_width": self.recall_by_width}


@dataclass
class FootageFacts:
    """Footage measurements of one camera (docs/footage.md)."""

    analysed: bool = False
    files: list[FileFacts] = field(default_factory=list)
    errors: list[FootageProblem] = field(default_factory=list)
    warnings: list[FootageProblem] = field(default_factory=list)   # files only partly read
    frames_analysed: int = 0
    sample_fps: float | None = None
    duration_s: float = 0.0
    resolution: Resolution | None = None
    faces_per_frame: FacesPerFrame = field(default_factory=FacesPerFrame)
    distinct_people: int = 0
    median_dwell_s: float | None = None
    face_width_px: FaceWidths | None = None
    dori_class: str = "none"
    face_recognition_grade: bool = False
    identification_grade_share: float = 0.0
    evidence_frames: list[EvidenceFrameRef] = field(default_factory=list)
    detector: DetectorInfo = field(default_factory=DetectorInfo)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form written into the Facts document (the keys are the field names)."""
        return _plain(self)

    @classmethod
    def from_dict(cls, data: Any) -> FootageFacts:
        """Read footage facts back from a Facts document (tolerant: a missing key takes its default)."""
        data = data if isinstance(data, dict) else {}
        names = {f.name for f in dataclasses.fields(cls)}
        res = data.get("resolution")
        fpf = data.get("faces_per_frame") if isinstance(data.get("faces_per_frame"), dict) else {}
        fw = data.get("face_width_px")
        return cls(
            analysed=data.get("analysed") is True,
            files=[FileFacts.from_dict(f) for f in _list(data.get("files"))],
            errors=[FootageProblem.from_dict(e) for e in _list(data.get("errors"))],
            warnings=[FootageProblem.from_dict(w) for w in _list(data.get("warnings"))],
            frames_analysed=_int(data.get("frames_analysed")),
            sample_fps=_number(data.get("sample_fps")),
            duration_s=_number(data.get("duration_s")) or 0.0,
            resolution=Resolution(_int(res.get("width")), _int(res.get("height")))
            if isinstance(res, dict) and res.get("width") else None,
            faces_per_frame=FacesPerFrame(_number(fpf.get("mean")) or 0.0, _int(fpf.get("max"))),
            distinct_people=_int(data.get("distinct_people")),
            median_dwell_s=_number(data.get("median_dwell_s")),
            face_width_px=FaceWidths(*(_number(fw.get(k)) or 0.0 for k in ("p10", "p50", "p90", "max")))
            if isinstance(fw, dict) else None,
            dori_class=str(data.get("dori_class") or "none"),
            face_recognition_grade=data.get("face_recognition_grade") is True,
            identification_grade_share=_number(data.get("identification_grade_share")) or 0.0,
            evidence_frames=[_build(EvidenceFrameRef, {"path": "", "frame_index": 0, **e})
                             for e in _list(data.get("evidence_frames")) if isinstance(e, dict)],
            detector=_build(DetectorInfo, data.get("detector")),
            extra={k: v for k, v in data.items() if k not in names},
        )

    @property
    def saw_faces(self) -> bool:
        """Whether the analysis measured any face."""
        return self.faces_per_frame.max > 0 or self.distinct_people > 0 or self.identification_grade_share > 0


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
