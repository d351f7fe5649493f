"""Redacted copies of footage (`auditor redact`): every frame masked, verified, re-encoded; all in memory.

`redact_video(src, dst, ...)` reads a clip with the footage reader (auditor/footage/frames.py), detects
faces with the same stack as analysis (per-clip calibration, then the tuned CenterFace detector) on a key
frame every `detect_every` frames, follows them with the IoU/centroid tracker, interpolates each track's
box between two sightings, holds masks across missed frames and over a margin of frames before and after
(`tracking.smooth_boxes`), masks every frame, and runs the independent detector family (BlazeFace,
`redact.Verifier`) on the masked frame: whatever it still finds is filled solid. The result is encoded with
PyAV into a temporary file beside the target (only masked pixels are ever encoded), written and renamed
into place by the core output writer (`auditor.core.fileio.OutputSet`: fsync, the target's permissions,
the JSON sidecar committed together with the copy); on an error or Ctrl-C the temporary files are removed.
Audio is dropped and the container's metadata is not copied, unless `keep_audio`.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from auditor.core.errors import InputError
from auditor.core.fileio import OutputSet, OutputTarget, check_output, sha256_file
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.footage.analyze import _CameraDetector
from auditor.footage.detectors import FaceDetector, default_detector
from auditor.footage.frames import (
    IMAGE_SUFFIXES,
    VIDEO_SUFFIXES,
    FileFacts,
    FootageError,
    Frame,
    iter_frames,
    probe,
)
from auditor.footage.redact import (
    DEFAULT_MASK,
    MASK_STYLES,
    MaskStyle,
    Verifier,
    default_verifier,
    enlarge,
    mask_region,
)
from auditor.footage.tracking import Box, Tracker, centre_distance, iou, smoothed_at

SIDECAR_SCHEMA_VERSION = 1
# Key frames (full detection) per second of footage; the frames between them are covered by the tracks
# (interpolation between two sightings) and the smoothing margin. Measured by bench/bench_redact.py.
DETECT_FPS = 4.0
# A track missed on key frames is interpolated across the gap when it is seen again within this time.
HOLD_S = 0.6
# Frames held in memory waiting for their masks are capped at this many bytes of pixels.
MAX_BUFFER_BYTES = 512 * 1024 * 1024
# Boxes are copied this many frames before the first and after the last sighting (at least), grown by
# SMOOTH_GROW of their size per frame of distance.
MIN_MARGIN_FRAMES = 2
SMOOTH_GROW = 0.1
# Held boxes of a face seen once (motion unknown) grow by this share of their size per frame.
UNKNOWN_MOTION_GROW = 0.3
# How fast (face widths per frame) a face found first near a frame edge may have come in from that edge.
EDGE_SPEED = 1.0
# ... or this share of the frame's size per frame, for small fast faces (about 45 px a frame at 1280 px wide).
EDGE_FRAME_SHARE = 0.035
# Face widths per second a face may move between key frames and stay on its track (fast walkers near the
# camera, measured on the benchmark's aisle scene: about 13).
TRACK_MAX_JUMP = 25.0
# A box is not copied into a neighbouring frame whose own boxes already hold the same face (IoU at least).
SAME_FACE_IOU = 0.4
# A key-frame detection within this many face widths of where a lost face should be now may be that face.
AMBIGUOUS_WIDTHS = 1.5
# ... or within this many widths of the last box of a face seen once (motion unknown).
UNKNOWN_MOTION_REACH = 2.0
# Above this width (pixels) a face near a lost one is not doubted (see MaskPlanner._ambiguous).
DOUBT_MAX_PX = 48.0
# A new face this close (face widths) to a face of the previous key frame may have been hidden behind it there.
HIDDEN_WIDTHS = 1.5
# Between two key frames, a face found on the second is also bridged from every face of the first that it may be
# (centres at most this many face widths apart, sizes within BRIDGE_SIZE_RATIO): in a crowd the tracker can pair
# the wrong faces, and a fast walker (a face width per frame) then crosses the frames between unmasked.
BRIDGE_WIDTHS = 4.0
BRIDGE_SIZE_RATIO = 0.6
# ... or at most this share of the frame's width apart, whatever their size: under an overhead camera an 11-px
# face crosses 3 face widths a frame (the benchmark's overhead scene), 10 widths between two key frames.
BRIDGE_FRAME_SHARE = 0.1
# Only faces narrower than this are bridged: larger ones are few and paired well by the tracker, and bridging them
# masked 45 % more of the benchmark's entrance frames for nothing.
BRIDGE_MAX_PX = 40.0

# Output container by file name extension (what PyAV/FFmpeg calls it).
CONTAINERS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".mkv": "matroska", ".avi": "avi"}
# Encoder for each source codec (FFmpeg names); a source codec not listed, or whose encoder is not in this
# build, is re-encoded with FALLBACK_CODEC (H.264 by libx264), and the sidecar says so.
ENCODERS = {"h264": "libx264", "hevc": "libx265", "mpeg4": "mpeg4", "mjpeg": "mjpeg", "vp9": "libvpx-vp9",
            "vp8": "libvpx", "av1": "libsvtav1", "ffv1": "ffv1", "mpeg2video": "mpeg2video"}
FALLBACK_CODEC = "libx264"
ENCODER_OPTIONS = {"libx264": {"crf": "18", "preset": "veryfast"}, "libx265": {"crf": "20", "preset": "veryfast"},
                   "libvpx-vp9": {"crf": "30", "b": "0", "deadline": "realtime", "cpu-used": "8"},
                   "libvpx": {"crf": "10", "b": "2M", "deadline": "realtime", "cpu-used": "8"},
                   "libsvtav1": {"crf": "30", "preset": "10"}}


class RedactionError(Exception):
    """Bad input or output for a redaction; the message names the file and says why, in one line."""


def failure_parts(exc: BaseException, src: Path, dst: Path) -> tuple[str, str]:
    """(file, why) of a redaction stopped by bad input (RedactionError, FootageError or OSError), the file being
    the one the message is about: what `auditor redact` prints and the desktop app shows."""
    if isinstance(exc, OSError):
        return str(exc.filename or dst), exc.strerror or str(exc)
    text = str(exc)
    for path in (str(dst), str(src)):
        if text.startswith(path + ": "):
            return path, text[len(path) + 2:]
    return str(src), text


@dataclass
class RedactionReport:
    """What one redaction did (the JSON sidecar)."""

    input: dict[str, Any]
    output: dict[str, Any]
    mask: str
    audio: str                                   # dropped | kept | none
    metadata: str = "stripped"
    detector: dict[str, Any] = field(default_factory=dict)
    verifier: dict[str, Any] = field(default_factory=dict)
    detect_every: int = 1
    frames: int = 0
    frames_masked: int = 0
    masks_total: int = 0
    masks_per_frame: list[int] = field(default_factory=list)
    boxes: dict[int, list[list[float]]] = field(default_factory=dict)     # frame -> masked rectangles
    verification_added: dict[int, list[list[float]]] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SIDECAR_SCHEMA_VERSION, "input": self.input, "output": self.output,
                "mask": self.mask, "audio": self.audio, "container_metadata": self.metadata,
                "detector": self.detector, "verifier": self.verifier, "detect_every": self.detect_every,
                "frames": self.frames, "frames_masked": self.frames_masked, "masks_total": self.masks_total,
                "frames_verification_added": sorted(self.verification_added),
                "per_frame": [{"frame": i, "masks": n, "boxes": self.boxes.get(i, []),
                               **({"added_by_verification": self.verification_added[i]}
                                  if i in self.verification_added else {})}
                              for i, n in enumerate(self.masks_per_frame)],
                "seconds": round(self.seconds, 2), "notes": self.notes}


# --- input and output checks ---------------------------------------------------------------------------------

def check_paths(src: Path, dst: Path) -> None:
    """Refuse what can never work before anything is read or written; raises RedactionError."""
    if dst.suffix.lower() not in CONTAINERS and dst.suffix.lower() not in IMAGE_SUFFIXES:
        raise RedactionError(f"{dst}: cannot write {dst.suffix or 'a file without extension'}; expected one of "
                             + ", ".join(sorted(set(CONTAINERS) | IMAGE_SUFFIXES)))
    src_image = src.suffix.lower() in IMAGE_SUFFIXES
    if src_image != (dst.suffix.lower() in IMAGE_SUFFIXES):
        kind = "an image" if src_image else "a video"
        raise RedactionError(f"{dst}: {src} is {kind}; the output must be {kind} too "
                             f"({', '.join(sorted(IMAGE_SUFFIXES if src_image else VIDEO_SUFFIXES))})")
    if dst.exists() and src.exists() and os.path.samefile(src, dst) or dst.resolve() == src.resolve():
        raise RedactionError(f"{dst}: the output would overwrite the input")
    if dst.is_dir():
        raise RedactionError(f"{dst}: is a folder")
    if dst.is_symlink() or (dst.exists() and not dst.is_file()):
        raise RedactionError(f"{dst}: exists and is not a regular file")
    parent = dst.resolve().parent
    if not parent.is_dir():
        raise RedactionError(f"{dst}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise RedactionError(f"{dst}: folder {parent} is not writable")


# --- where the masks go --------------------------------------------------------------------------------------

@dataclass
class _Pending:
    frame: Frame
    boxes: list[Box]                                     # detected and interpolated (smoothed over time)
    held: list[Box] = field(default_factory=list)        # extrapolated along a track's motion (not smoothed)
    tracks: list[int | None] = field(default_factory=list)   # each box's track (None: copied by the smoothing)
    lost: dict[int, Box] = field(default_factory=dict)   # held past the margin, until the track is seen again


class MaskPlanner:
    """Turns key-frame detections into mask boxes for every frame (a sliding window of frames).

    Detections on key frames feed the tracker. When a track is seen again within `hold` frames its box is
    interpolated over the frames between (a face missed on a key frame, or between key frames, stays masked).
    After a track's last sighting, and before its first once its motion is known, its box is extrapolated
    along that motion for `margin` frames, grown by `grow` of its size per frame; `smooth_boxes` also copies
    every box `margin` frames before and after (for faces seen once). A frame leaves the window once no later
    key frame can change its masks.
    """

    def __init__(self, *, hold: int, margin: int, grow: float = SMOOTH_GROW) -> None:
        self.hold, self.margin, self.grow = hold, margin, grow
        self.window: deque[_Pending] = deque()
        self.history: deque[tuple[list[Box], list[int | None]]] = deque(maxlen=margin)   # frames already out
        # gaps are bounded by `hold` below; key frames are close together, so a face may move further per
        # second than the analysis tracker (seconds apart) allows and still be the same face
        self.tracker = Tracker(max_gap_s=1e9, max_jump=TRACK_MAX_JUMP)
        self.seen: dict[int, tuple[int, Box, Box | None]] = {}    # track -> last frame, box, motion per frame
        self.last_key = -1
        self.key_time = 0.0
        self.last_faces: list[Box] = []                           # the previous key frame's detections
        self.keys_before: tuple[int, list[Box]] = (-1, [])           # the key frame before it, and its detections

    def push(self, frame: Frame, faces: list[Box] | None) -> list[tuple[Frame, list[Box]]]:
        """Add the next frame (faces: its detections on a key frame, None otherwise); returns finished frames."""
        pending = _Pending(frame, list(faces or []), tracks=[None] * len(faces or []))
        self.window.append(pending)
        if faces is not None:
            self._key(frame, faces)
        for tid, (j, box, motion) in self.seen.items():          # held along the track's motion
            d = frame.index - j
            # a face missed on the next key frames away from the edges (turned, hidden, crossing someone) is
            # followed along its motion as long as its track lives; near an edge (leaving), or with no known
            # motion, over the margin (grown more when the motion is unknown)
            if 0 < d <= self.margin:
                pending.held.append(_moved(box, motion, d, self.grow if motion else UNKNOWN_MOTION_GROW))
            elif d <= self.hold and motion is not None and not _near_edge(box, frame.pixels.shape, self.margin):
                pending.lost[tid] = _moved(box, motion, d, self.grow)
        return self._ready(final=False)

    def finish(self) -> list[tuple[Frame, list[Box]]]:
        return self._ready(final=True)

    def _key(self, frame: Frame, faces: list[Box]) -> None:
        previous_key, self.last_key = self.last_key, frame.index
        previous_faces = self.last_faces                          # the previous key frame's detections
        if previous_key >= 0 and not self.tracker.min_jump_px_s:
            # a small face may cross BRIDGE_FRAME_SHARE of the frame between two key frames (overhead cameras)
            interval = max(frame.timestamp_s - self.key_time, 1e-3)
            self.tracker.min_jump_px_s = BRIDGE_FRAME_SHARE * frame.pixels.shape[1] / interval
        self.key_time = frame.timestamp_s
        ids = self.tracker.update(frame.timestamp_s, faces)
        by_index = {p.frame.index: p for p in self.window}
        # a detection whose pairing is in doubt (far from its track, or near a face lost since) stays without a
        # track for the smoothing: in a crossing the tracker may have given it to the wrong person
        doubtful = [self._ambiguous(tid, box, ids, frame.index) for tid, box in zip(ids, faces)]
        by_index[frame.index].tracks = [None if doubt else tid for tid, doubt in zip(ids, doubtful)]
        if previous_key >= 0:
            self._bridge(previous_key, previous_faces, frame.index, faces, by_index, frame.pixels.shape[1])
        if self.keys_before[0] >= 0:        # over a key frame where the face was missed: twice the reach
            k0, before = self.keys_before
            unmatched = [b for b in faces if not _pairable(b, previous_faces, frame.pixels.shape[1])]
            self._bridge(k0, before, frame.index, unmatched, by_index, frame.pixels.shape[1], span=2)
        self.keys_before = (previous_key, previous_faces)
        self.last_faces = list(faces)
        for tid, box, doubt in zip(ids, faces, doubtful):
            motion = None
            if tid in self.seen:
                j, prev, before = self.seen[tid]
                gap = frame.index - j
                if 0 < gap <= self.hold:
                    motion = tuple((q - p) / gap for p, q in zip(prev, box))
                    for k in range(j + 1, frame.index):
                        if k in by_index:
                            by_index[k].boxes.append(tuple(p + (k - j) * m for p, m in zip(prev, motion)))  # type: ignore[arg-type]
                            by_index[k].tracks.append(tid)
                            by_index[k].lost.pop(tid, None)           # found again: interpolated instead
                    if before is None:                            # second sighting: the frames before the first
                        for d in range(1, self.margin + 1):
                            if j - d in by_index:
                                by_index[j - d].held.append(_moved(prev, motion, -d, self.grow))  # type: ignore[arg-type]
            jumped = tid in self.seen and iou(self.seen[tid][1], box) < SAME_FACE_IOU
            if (tid not in self.seen or self.seen[tid][0] < previous_key or doubt
                    or (jumped and _near_edge(box, frame.pixels.shape, self.margin))):
                # a new face, or one missed on the previous key frame (or matched to someone who left, or paired
                # in doubt), or one near an edge that moved off its track's last box (the tracker may have paired
                # a newcomer with a face already inside): it may have been in the frames since the previous key
                # frame, moving an unknown way (entering the picture): masked over the margin before, grown
                # generously; a small one next to a face of the previous key frame may have been hidden behind it
                # there and seen before it: over two key intervals
                hid = box[2] <= DOUBT_MAX_PX and _behind(box, previous_faces)
                reach = self.margin * (2 if hid else 1)
                for d in range(1, reach + 1):
                    if frame.index - d in by_index:
                        held = _moved(box, None, -d, UNKNOWN_MOTION_GROW)
                        by_index[frame.index - d].held.append(_to_near_edges(held, box, d, frame.pixels.shape,
                                                                              self.margin))
            self.seen[tid] = (frame.index, box, motion)  # type: ignore[assignment]
        for tid in [t for t, (j, _, _) in self.seen.items() if frame.index - j > self.hold]:
            del self.seen[tid]

    def _ambiguous(self, tid: int, box: Box, ids: list[int], index: int) -> bool:
        """Whether the tracker's pairing of the key-frame detection `box` with track `tid` is in doubt: the box is
        far from where that track should be now, or a face lost since (a track seen within `hold` frames, not
        matched now) should be about there. "About there": within AMBIGUOUS_WIDTHS face widths of the track's
        last box moved along its motion, or of its last box within UNKNOWN_MOTION_REACH widths when its motion
        is not known yet. A doubted detection is copied by the smoothing like an untracked one and masked back
        over the margin like a new face."""
        def near(track: tuple[int, Box, Box | None]) -> bool:
            j, last, motion = track
            where: Box = last if motion is None else tuple(v + (index - j) * m for v, m in zip(last, motion))  # type: ignore[assignment]
            reach = AMBIGUOUS_WIDTHS if motion is not None else UNKNOWN_MOTION_REACH
            return centre_distance(where, box) <= reach * max(box[2], where[2])

        if tid in self.seen and not near(self.seen[tid]):
            return True
        if box[2] > DOUBT_MAX_PX:
            return False        # a large face near a lost one: found on every key frame, paired by overlap
        return any(near(track) for other, track in self.seen.items() if other != tid and other not in ids)

    def _bridge(self, k0: int, before: list[Box], k1: int, after: list[Box], by_index: dict[int, _Pending],
                width: int, span: int = 1) -> None:
        """Every plausible pairing of two key frames' faces (`span` key intervals apart) interpolated over the frames
        between them."""
        if k1 - k0 < 2:
            return
        for b in after:
            if b[2] > BRIDGE_MAX_PX:
                continue                                   # large faces: the tracker pairs them by overlap
            for a in before:
                if not _pairable(b, [a], width, span):
                    continue
                for k in range(k0 + 1, k1):
                    if k in by_index:
                        r = (k - k0) / (k1 - k0)
                        box = tuple(p + r * (q - p) for p, q in zip(a, b))
                        by_index[k].held.append(_moved(box, None, 1, self.grow))  # type: ignore[arg-type]

    def _ready(self, *, final: bool) -> list[tuple[Frame, list[Box]]]:
        out = []
        while self.window and (final or self.last_key - self.window[0].frame.index >= self.hold + self.margin):
            pending = self.window.popleft()
            after = list(self.window)[:self.margin]
            before = list(self.history)
            seq = [b for b, _ in before] + [pending.boxes] + [p.boxes for p in after]
            tracks = [t for _, t in before] + [pending.tracks] + [p.tracks for p in after]
            boxes = smoothed_at(seq, len(before), radius=self.margin, grow=self.grow, same_face_iou=SAME_FACE_IOU,
                                tracks=tracks)
            self.history.append((pending.boxes, pending.tracks))
            out.append((pending.frame, merge_boxes(boxes + pending.held + list(pending.lost.values()))))
        return out


def _pairable(b: Box, faces: list[Box], width: int, span: int = 1) -> bool:
    """Whether `b` may be one of `faces` seen `span` key intervals earlier, moved (not the same box: IoU below
    SAME_FACE_IOU, which the smoothing covers), by size and distance (BRIDGE_* constants)."""
    for a in faces:
        size = max(a[2], b[2], 1.0)
        if min(a[2], b[2]) / size < BRIDGE_SIZE_RATIO or iou(a, b) >= SAME_FACE_IOU:
            continue
        if centre_distance(a, b) <= span * max(BRIDGE_WIDTHS * size, BRIDGE_FRAME_SHARE * width):
            return True
    return False


def _behind(box: Box, faces: list[Box]) -> bool:
    """Whether the face `box` may have been hidden behind one of `faces` (the previous key frame's): one of them
    is within HIDDEN_WIDTHS face widths of it."""
    return any(centre_distance(f, box) <= HIDDEN_WIDTHS * max(box[2], f[2]) for f in faces)


def _moved(box: Box, motion: Box | None, frames: int, grow: float) -> Box:
    """The box moved `frames` frames along its motion (forwards or backwards), grown with the distance."""
    x, y, w, h = box if motion is None else tuple(b + frames * m for b, m in zip(box, motion))
    w, h = max(w, 1.0), max(h, 1.0)
    g = grow * abs(frames)
    return (x - w * g, y - h * g, w * (1 + 2 * g), h * (1 + 2 * g))


def _edge_speeds(box: Box, shape: tuple[int, ...]) -> tuple[float, float]:
    """How far (x, y pixels per frame) a face may have travelled from an edge: EDGE_SPEED face widths, or for a small
    fast face (under an overhead camera) EDGE_FRAME_SHARE of the frame's size, whichever is more."""
    H, W = shape[:2]
    return max(EDGE_SPEED * box[2], EDGE_FRAME_SHARE * W), max(EDGE_SPEED * box[3], EDGE_FRAME_SHARE * H)


def _near_edge(box: Box, shape: tuple[int, ...], margin: int) -> bool:
    """Whether the face `box` is close enough to a frame edge to have entered the picture within `margin` frames."""
    H, W = shape[:2]
    x, y, w, h = box
    vx, vy = _edge_speeds(box, shape)
    return x < margin * vx or W - (x + w) < margin * vx or y < margin * vy or H - (y + h) < margin * vy


def _to_near_edges(held: Box, box: Box, frames: int, shape: tuple[int, ...], margin: int) -> Box:
    """`held` stretched towards each frame edge near the face `box` (within `margin` frames of travel).

    A face entering the picture is found only once mostly inside; `frames` frames before, it was between the
    edge and where it was found, up to `_edge_speeds` away (a brisk walker near the camera, or a small face
    crossing under an overhead camera).
    """
    H, W = shape[:2]
    x, y, w, h = box
    vx, vy = _edge_speeds(box, shape)
    x0, y0, x1, y1 = held[0], held[1], held[0] + held[2], held[1] + held[3]
    if x < margin * vx:
        x0 = min(x0, max(0.0, x - frames * vx))
    if W - (x + w) < margin * vx:
        x1 = max(x1, min(float(W), x + w + frames * vx))
    if y < margin * vy:
        y0 = min(y0, max(0.0, y - frames * vy))
    if H - (y + h) < margin * vy:
        y1 = max(y1, min(float(H), y + h + frames * vy))
    return (x0, y0, x1 - x0, y1 - y0)


def merge_boxes(boxes: list[Box], *, min_iou: float = 0.5) -> list[Box]:
    """Boxes of one frame with near-duplicates merged into their union and boxes inside another dropped."""
    kept: list[Box] = []
    for b in sorted(boxes, key=lambda b: -b[2] * b[3]):
        for n, k in enumerate(kept):
            inside = k[0] <= b[0] and k[1] <= b[1] and k[0] + k[2] >= b[0] + b[2] and k[1] + k[3] >= b[1] + b[3]
            if inside:
                break
            if iou(k, b) >= min_iou:
                x0, y0 = min(k[0], b[0]), min(k[1], b[1])
                x1, y1 = max(k[0] + k[2], b[0] + b[2]), max(k[1] + k[3], b[1] + b[3])
                kept[n] = (x0, y0, x1 - x0, y1 - y0)
                break
        else:
            kept.append(b)
    return kept


# --- encoding ----------------------------------------------------------------------------------------------

@dataclass
class _Source:
    codec: str | None
    time_base: Fraction | None
    rate: Fraction | None
    bit_rate: int | None
    audio: list[Any]


def _source_info(path: Path) -> _Source:
    """Stream parameters of the source (PyAV demuxer; no frame is decoded here)."""
    import av

    try:
        with av.open(str(path), metadata_errors="ignore") as c:
            v = c.streams.video[0] if c.streams.video else None
            return _Source(v.codec_context.name if v else None, v.time_base if v else None,
                           (v.average_rate or v.guessed_rate) if v else None,
                           (v.bit_rate or c.bit_rate) if v else None,
                           [a.codec_context.name for a in c.streams.audio])
    except (av.FFmpegError, IndexError) as exc:
        raise RedactionError(f"{path}: cannot read the video's streams: {exc}") from None


def _encoder(source_codec: str | None, container_codecs: set[str]) -> tuple[str, str | None]:
    """(encoder name, note): the source's codec when this build can encode it into this container."""
    import av

    def usable(name: str) -> bool:
        try:
            return av.codec.Codec(name, "w").canonical_name in container_codecs
        except (av.FFmpegError, ValueError):
            return False

    name = ENCODERS.get(source_codec or "")
    if name is not None and usable(name):
        return name, None
    why = (f"no encoder for the source codec {source_codec or '(unknown)'} in this build" if name is None
           or source_codec not in container_codecs else f"{source_codec} cannot be stored in this container")
    for fallback in (FALLBACK_CODEC, "mpeg4"):
        if usable(fallback):
            return fallback, f"{why}: re-encoded with {fallback}"
    raise RedactionError(f"no available encoder can write this container ({why})")


class _Writer:
    """An FFmpeg container being written (only masked frames reach it)."""

    def __init__(self, tmp: Path, dst: Path, facts: FileFacts, src: _Source, *, keep_audio: bool,
                 src_path: Path) -> None:
        import av

        self.av = av
        self.container = av.open(str(tmp), "w", format=CONTAINERS[dst.suffix.lower()])
        supported = set(self.container.supported_codecs)
        self.codec_name, self.note = _encoder(src.codec, supported)
        fps = Fraction(src.rate).limit_denominator(100000) if src.rate else Fraction(facts.fps or 25).limit_denominator(1001)
        self.stream = self.container.add_stream(self.codec_name, rate=fps,
                                                options=ENCODER_OPTIONS.get(self.codec_name, {}))
        ctx = self.stream.codec_context
        ctx.width, ctx.height = int(facts.width or 0), int(facts.height or 0)
        formats = [f.name for f in (self.stream.codec.video_formats or [])]
        preferred = ("yuvj420p",) if self.codec_name == "mjpeg" else ("yuv420p",)   # MJPEG is full-range
        ctx.pix_fmt = next((p for p in preferred if p in formats), formats[0] if formats else "yuv420p")
        tb = src.time_base
        if tb is None or (self.codec_name == "mpeg4" and tb.denominator > 65535):
            tb = Fraction(1, 1000) if self.codec_name != "mpeg4" else 1 / fps
        self.time_base = Fraction(tb)
        ctx.time_base = self.time_base
        self.stream.time_base = self.time_base
        if self.codec_name not in ENCODER_OPTIONS:
            ctx.bit_rate = int(src.bit_rate or ctx.width * ctx.height * float(fps) * 0.25)
        self.last_pts = -1
        self.audio_in = None
        self.audio_map: dict[int, Any] = {}
        self.audio_packets: Iterator[Any] | None = None
        self.pending_audio: Any = None
        if keep_audio and src.audio:
            self.audio_in = av.open(str(src_path), metadata_errors="ignore")
            for a in self.audio_in.streams.audio:
                if a.codec_context.name not in supported:
                    raise RedactionError(f"{dst}: the source's {a.codec_context.name} audio cannot be stored in "
                                         f"{dst.suffix}; choose .mkv, or drop the audio (the default)")
                self.audio_map[a.index] = self.container.add_stream_from_template(a)
                self.audio_map[a.index].metadata.clear()
            self.audio_packets = self.audio_in.demux(*self.audio_in.streams.audio)
        self.container.metadata.clear()

    def write(self, pixels: np.ndarray, timestamp_s: float) -> None:
        pts = max(round(timestamp_s / self.time_base), self.last_pts + 1)
        self.last_pts = pts
        self._audio_until(timestamp_s)
        frame = self.av.VideoFrame.from_ndarray(pixels, format="bgr24")
        frame.pts, frame.time_base = pts, self.time_base
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def _audio_until(self, t: float | None) -> None:
        """Mux the audio packets up to time t (None: all of them), keeping both streams interleaved."""
        if self.audio_packets is None:
            return
        while True:
            packet = self.pending_audio
            if packet is None:
                packet = next(self.audio_packets, None)
                if packet is None:
                    self.audio_packets = None
                    return
            if packet.dts is None:
                self.pending_audio = None
                continue
            if t is not None and packet.pts is not None and float(packet.pts * packet.time_base) > t:
                self.pending_audio = packet
                return
            self.pending_audio = None
            packet.stream = self.audio_map[packet.stream.index]
            self.container.mux(packet)

    def close(self) -> None:
        for packet in self.stream.encode(None):
            self.container.mux(packet)
        self._audio_until(None)
        self.container.close()
        if self.audio_in is not None:
            self.audio_in.close()

    def abort(self) -> None:
        for c in (self.container, self.audio_in):
            if c is not None:
                with contextlib.suppress(Exception):    # the file is being thrown away
                    c.close()


# --- the use case ---------------------------------------------------------------------------------------------

def _verifier_facts(verifier: Verifier | None) -> dict[str, Any]:
    if verifier is None:
        return {}
    return {"name": verifier.name, "version": verifier.version, "tiles": verifier.tiles}


def redact_video(src: Path | str, dst: Path | str, *, mask: MaskStyle = DEFAULT_MASK, keep_audio: bool = False,
                 detector: FaceDetector | None = None, verifier: Verifier | None = None,
                 detect_every: int | None = None, progress: ProgressFn = no_progress,
                 cancel: CancelToken | None = None, sidecar: Path | str | None = None) -> RedactionReport:
    """Write a redacted copy of the clip (or still) `src` to `dst`, atomically; returns what was done.

    Args:
        mask: style of the masks drawn from the detections (solid, pixelate, blur); verification fills are solid.
        keep_audio: copy the audio streams (default: dropped). Container metadata is never copied.
        detector: the detection stack (default: the analysis default, calibrated on this clip).
        verifier: the independent family run on every masked frame (default: BlazeFace, `default_verifier()`).
        detect_every: a key frame every N frames (default: DETECT_FPS key frames per second of footage).
        sidecar: also write the report as JSON there; the copy and its sidecar are renamed into place together
            (neither exists without the other).

    Raises:
        RedactionError, FootageError: bad input or output (nothing written).
        Cancelled, KeyboardInterrupt: nothing written (the temporary file is removed).
    """
    src, dst = Path(src), Path(dst)
    cancel = cancel or CancelToken()
    if mask not in MASK_STYLES:
        raise RedactionError(f"unknown mask style {mask!r}; expected one of {', '.join(MASK_STYLES)}")
    check_paths(src, dst)
    targets = [_target(dst, "the output", src)]
    if sidecar is not None:
        sidecar = Path(sidecar)
        if sidecar.suffix.lower() != ".json":
            raise RedactionError(f"{sidecar}: the sidecar must be a .json file")
        targets.append(_target(sidecar, "the sidecar", src))
    facts = probe(src)
    verifier = verifier if verifier is not None else default_verifier()
    if verifier is None:
        raise RedactionError("the verification detector (MediaPipe BlazeFace) cannot be loaded; nothing written")
    det = detector or default_detector()
    started = time.monotonic()
    report = RedactionReport(input={"path": str(src), "sha256": facts.sha256, "codec": facts.codec,
                                    "width": facts.width, "height": facts.height, "fps": facts.fps,
                                    "frames_declared": facts.frames_declared},
                             output={"path": str(dst)}, mask=mask, audio="none",
                             detector={"name": det.name, "version": getattr(det, "version", "")},
                             verifier=_verifier_facts(verifier))
    with OutputSet() as outputs:          # on any error or Ctrl-C before commit, every temporary file is removed
        tmp = outputs.stage(targets[0])
        if facts.kind == "image":
            _redact_image(facts, dst, tmp, mask=mask, detector=det, verifier=verifier, report=report)
        else:
            _redact_clip(facts, src, dst, tmp, mask=mask, keep_audio=keep_audio, detector=det, verifier=verifier,
                         detect_every=detect_every, report=report, progress=progress, cancel=cancel)
        report.output["sha256"] = sha256_file(tmp)         # the bytes that are renamed into place
        report.seconds = time.monotonic() - started
        if sidecar is not None:
            outputs.stage(targets[1]).write_text(json.dumps(report.to_dict(), indent=1) + "\n", encoding="utf-8")
        outputs.commit()
    return report


def _target(path: Path, what: str, src: Path) -> OutputTarget:
    """The checked output target (a regular file, never the input), for the core writer."""
    try:
        target = check_output(path, what, inputs=[src], allow_stdout=False)
    except InputError as exc:
        raise RedactionError("; ".join(f"{path}: {p.message}" for p in exc.problems)) from None
    if target.kind != "file":
        raise RedactionError(f"{path}: exists and is not a regular file")
    return target


def _apply(pixels: np.ndarray, boxes: list[Box], *, mask: MaskStyle, verifier: Verifier, seed: int,
           tiles: bool) -> tuple[list[list[float]], list[Box]]:
    """Mask the boxes in place, then let the verifier fill what it still finds; (rectangles, verifier boxes)."""
    rects = []
    for i, b in enumerate(boxes):
        rect = enlarge(b, pixels.shape)
        if rect is not None:
            mask_region(pixels, rect, seed=seed * 64 + i, style=mask)
            rects.append([float(v) for v in rect])
    added = verifier.fill(pixels, tiles=tiles)
    return rects, added


def _redact_image(facts: FileFacts, dst: Path, tmp: Path, *, mask: MaskStyle, detector: FaceDetector,
                  verifier: Verifier, report: RedactionReport) -> None:
    frame = next(iter_frames(facts, sample_fps=None))
    pixels = np.ascontiguousarray(frame.pixels)
    search = getattr(detector, "full_sweep", detector.detect)         # one still: the thorough pass
    boxes = [f.box for f in search(pixels)]
    rects, added = _apply(pixels, boxes, mask=mask, verifier=verifier, seed=0, tiles=True)
    _record(report, 0, rects, added)
    ok, buf = cv2.imencode(dst.suffix.lower(), pixels)          # no EXIF or other metadata is written
    if not ok:
        raise RedactionError(f"{dst}: cannot encode {dst.suffix}")
    with tmp.open("wb") as fh:
        fh.write(buf.tobytes())
    report.output.update({"codec": dst.suffix.lower().lstrip("."), "width": pixels.shape[1],
                          "height": pixels.shape[0]})


def _record(report: RedactionReport, index: int, rects: list[list[float]], added: list[Box]) -> None:
    n = len(rects) + len(added)
    report.frames += 1
    report.masks_per_frame.append(n)
    report.masks_total += n
    report.frames_masked += n > 0
    if rects:
        report.boxes[index] = [[round(v, 1) for v in r] for r in rects]
    if added:
        report.verification_added[index] = [[round(float(v), 1) for v in b] for b in added]


def _redact_clip(facts: FileFacts, src: Path, dst: Path, tmp: Path, *, mask: MaskStyle, keep_audio: bool,
                 detector: FaceDetector, verifier: Verifier, detect_every: int | None, report: RedactionReport,
                 progress: ProgressFn, cancel: CancelToken) -> None:
    import av

    info = _source_info(src)
    fps = facts.fps or (float(info.rate) if info.rate else 25.0)
    stride = detect_every or max(1, int(fps // DETECT_FPS))
    frame_bytes = max(1, (facts.width or 1) * (facts.height or 1) * 3)
    hold = int(min(max(2 * stride, round(HOLD_S * fps)), MAX_BUFFER_BYTES // frame_bytes))
    planner = MaskPlanner(hold=max(hold, stride), margin=max(MIN_MARGIN_FRAMES, stride))
    cam = _CameraDetector(detector)
    report.detect_every = stride
    report.detector.update({"key_frames_per_second": round(fps / stride, 2),
                            "hold_frames": planner.hold, "margin_frames": planner.margin})
    total = facts.frames_declared
    writer: _Writer | None = None
    last_report = 0.0
    done = 0
    try:
        writer = _Writer(tmp, dst, facts, info, keep_audio=keep_audio, src_path=src)
        report.output.update({"encoder": writer.codec_name, "container": CONTAINERS[dst.suffix.lower()],
                              "width": facts.width, "height": facts.height})
        if writer.note:
            report.notes.append(writer.note)

        def emit(items: list[tuple[Frame, list[Box]]]) -> None:
            nonlocal done, last_report
            for frame, boxes in items:
                pixels = np.ascontiguousarray(frame.pixels)
                rects, added = _apply(pixels, boxes, mask=mask, verifier=verifier, seed=frame.index,
                                      tiles=False)
                _record(report, frame.index, rects, added)
                assert writer is not None
                writer.write(pixels, frame.timestamp_s)
                done += 1
                now = time.monotonic()
                if now - last_report >= 0.1:
                    last_report = now
                    progress(Progress(done, total, src.name, "redact"))

        for i, frame in enumerate(iter_frames(facts, sample_fps=None, cancel=cancel)):
            cancel.check()
            key = i % stride == 0
            faces = [f.box for f in cam.detect(frame.pixels)] if key else None
            emit(planner.push(frame, faces))
        emit(planner.finish())
        _check_complete(facts, src)
        writer.close()
        writer = None
    except av.FFmpegError as exc:
        raise RedactionError(f"{dst}: cannot encode the redacted video: {exc}") from None
    finally:
        if writer is not None:
            writer.abort()
    progress(Progress(done, done, src.name, "redact"))
    report.audio = ("kept" if keep_audio else "dropped") if info.audio else "none"
    report.input["frames_read"] = facts.frames_read
    if report.frames == 0:
        raise FootageError("the video contains no readable frame")


def _check_complete(facts: FileFacts, src: Path) -> None:
    """A redacted copy must hold the whole clip: refuse a truncated or damaged source."""
    declared = facts.frames_declared
    if declared and facts.frames_read < declared * 0.98 - 1:
        raise FootageError(f"{src} is truncated: {facts.frames_read} of {declared} declared frames are readable")
    if facts.unreadable_frames:
        raise FootageError(f"{facts.unreadable_frames} frame(s) of {src} cannot be decoded (damaged file); "
                           "a redacted copy would silently miss them")

