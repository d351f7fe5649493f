"""Bounded, robust reading of footage files (videos and stills) and the facts about what each input really is.

Every problem with a file becomes a `FootageError` with a one-line message; nothing here writes pixels
anywhere, and every read is bounded (file size, resolution, frame count, open/read time-outs).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import cv2
import numpy as np

from auditor.core.fileio import sha256_file
from auditor.core.tasks import CancelToken

VIDEO_SUFFIXES = {".mp4", ".mkv", ".avi", ".mov", ".m4v"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}
SUPPORTED_SUFFIXES = VIDEO_SUFFIXES | IMAGE_SUFFIXES

# Limits (bounded reads). Above them a file is refused with a clear message rather than read forever.
MAX_SIDE_PX = 8192                   # 8K is the largest camera frame we accept
MIN_SIDE_PX = 16
MAX_IMAGE_BYTES = 200 * 1024 * 1024
MAX_VIDEO_HOURS = 24.0               # frames read per file are capped at this duration's worth
MAX_FPS = 240.0
FALLBACK_FPS = 25.0                  # when a header gives no usable frame rate
OPEN_TIMEOUT_MS = 15000
READ_TIMEOUT_MS = 15000
MAX_CONSECUTIVE_FAILURES = 50        # frames that demux but do not decode, in a row, before giving up


class FootageError(Exception):
    """A footage file that cannot be analysed; the message says why, in one line."""


@dataclass
class FileFacts:
    """What one input file really is (the `files[]` entries of the footage facts)."""

    path: str
    sha256: str | None = None
    kind: str | None = None              # video | image
    container: str | None = None         # mp4 | mkv | avi | mov | jpeg | png
    codec: str | None = None             # FourCC as the decoder reports it, e.g. "mp4v", "h264", "MJPG"
    fps: float | None = None
    frames_declared: int | None = None
    frames_read: int = 0
    unreadable_frames: int = 0
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    error: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Frame:
    """One decoded frame (BGR), in memory only."""

    path: str
    index: int
    timestamp_s: float
    pixels: np.ndarray


def sniff_container(head: bytes) -> str | None:
    """The container a file's first bytes announce, or None when they match nothing we read."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "mkv"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"):
        brand = head[8:12]
        return "mov" if brand == b"qt  " or head[4:8] in (b"moov", b"wide") else "mp4"
    return None


def _image_size(data: bytes, container: str) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header, without decoding the pixels."""
    if container == "png" and len(data) >= 24:
        w, h = struct.unpack(">II", data[16:24])
        return int(w), int(h)
    if container == "jpeg":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return int(w), int(h)
            i += 2 + length
    return None


def _check_resolution(w: int, h: int) -> None:
    if w < MIN_SIDE_PX or h < MIN_SIDE_PX or w > MAX_SIDE_PX or h > MAX_SIDE_PX:
        raise FootageError(f"unsupported resolution {w}x{h} (accepted: {MIN_SIDE_PX} to {MAX_SIDE_PX} pixels a side)")


def _fourcc_text(value: float) -> str | None:
    code = int(value)
    if code <= 0:
        return None
    text = "".join(chr((code >> 8 * i) & 0xFF) for i in range(4))
    text = text.strip("\x00 ")
    return text if text.isprintable() and text else f"0x{code:08x}"


def probe(path: Path, *, with_hash: bool = True) -> FileFacts:
    """Check a file and fill in its facts; raises FootageError (with the facts so far in `.facts`)."""
    path = Path(path)
    facts = FileFacts(path=str(path))
    try:
        _probe(path, facts, with_hash=with_hash)
    except FootageError as exc:
        facts.error = str(exc)
        exc.facts = facts           # type: ignore[attr-defined]
        raise
    return facts


def _probe(path: Path, facts: FileFacts, *, with_hash: bool) -> None:
    if not path.exists():
        raise FootageError("file not found")
    if not path.is_file():
        raise FootageError("not a file")
    size = path.stat().st_size
    if size == 0:
        raise FootageError("empty file (0 bytes)")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise FootageError(f"unsupported file type {suffix or '(no extension)'}; expected one of "
                           + ", ".join(sorted(SUPPORTED_SUFFIXES)))
    with path.open("rb") as fh:
        head = fh.read(64)
    if with_hash:
        facts.sha256 = sha256_file(path)
    container = sniff_container(head)
    facts.container = container
    if container is None:
        raise FootageError(f"not a video or image file: its content matches no known container (named {suffix})")
    if container in ("jpeg", "png"):
        facts.kind = "image"
        if size > MAX_IMAGE_BYTES:
            raise FootageError(f"image too large ({size / 1e6:.0f} MB)")
        data = path.read_bytes()
        dims = _image_size(data, container)
        if dims is None:
            raise FootageError(f"corrupt {container} image: no readable header")
        _check_resolution(*dims)
        facts.width, facts.height = dims
        facts.codec = container
        facts.frames_declared = 1
        facts.duration_s = 0.0
        return
    facts.kind = "video"
    cap = _open_capture(path)
    try:
        if not cap.isOpened():
            raise FootageError(f"cannot open the {container} video: the file is corrupt or truncated, "
                               "or its codec is not supported")
        w, h = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        facts.codec = _fourcc_text(cap.get(cv2.CAP_PROP_FOURCC))
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        facts.fps = round(fps, 3) if 0 < fps <= MAX_FPS else None
        declared = cap.get(cv2.CAP_PROP_FRAME_COUNT)
        facts.frames_declared = int(declared) if declared and 0 < declared < 1e9 else None
        facts.width, facts.height = w, h
        _check_resolution(w, h)
    finally:
        cap.release()


def _open_capture(path: Path) -> cv2.VideoCapture:
    params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, OPEN_TIMEOUT_MS, cv2.CAP_PROP_READ_TIMEOUT_MSEC, READ_TIMEOUT_MS]
    return cv2.VideoCapture(str(path), cv2.CAP_FFMPEG, params)


def iter_frames(facts: FileFacts, *, sample_fps: float | None, cancel: CancelToken | None = None,
                start_s: float | None = None, end_s: float | None = None) -> Iterator[Frame]:
    """Decode the frames of a probed file, keeping one every 1/sample_fps seconds (None: every frame).

    Updates `facts` as it goes (frames read, unreadable frames, duration). Raises FootageError when the
    file yields no frame at all. Frames are grabbed (cheap) and only the sampled ones are decoded to
    pixels. `start_s`/`end_s` restrict reading to the window [start_s, end_s) of the file (a chunk of a
    fleet audit): the reader seeks to the window's first frame and stops at its end; the sampling grid
    stays the whole file's, so the chunks of a file together sample exactly the frames the whole file would.
    """
    cancel = cancel or CancelToken()
    path = Path(facts.path)
    if facts.kind == "image":
        pixels = cv2.imdecode(np.fromfile(str(path), dtype=np.uint8), cv2.IMREAD_COLOR)
        if pixels is None:
            facts.unreadable_frames = 1
            raise FootageError(f"corrupt {facts.container} image: it does not decode")
        facts.frames_read = 1
        yield Frame(str(path), 0, 0.0, pixels)
        return
    fps = facts.fps or FALLBACK_FPS
    max_frames = int(MAX_VIDEO_HOURS * 3600 * fps)
    step = None if not sample_fps or sample_fps >= fps else fps / sample_fps
    cap = _open_capture(path)
    if not cap.isOpened():
        raise FootageError("cannot open the video")
    next_sample = 0.0
    index = -1
    failures = 0
    read = 0
    first = 0 if not start_s or start_s <= 0 else int(np.ceil(start_s * fps - 1e-6))
    last = max_frames if end_s is None else min(max_frames, int(np.ceil(end_s * fps - 1e-6)))
    if first > 0:
        if step is not None:              # the first grid point at or after the window's start
            next_sample = np.ceil(first / step - 1e-9) * step
        if cap.set(cv2.CAP_PROP_POS_FRAMES, first) and int(cap.get(cv2.CAP_PROP_POS_FRAMES)) == first:
            index = first - 1
        else:                             # the container cannot seek: decode forward to the window
            while index + 1 < first and cap.grab():
                index += 1
    try:
        while index + 1 < last:
            if index % 64 == 0:
                cancel.check()
            if not cap.grab():
                break
            index += 1
            if step is not None and index + 1e-6 < next_sample:
                read += 1             # demuxed and decoded by grab(); pixels not needed
                continue
            ok, pixels = cap.retrieve()
            if not ok or pixels is None or pixels.size == 0:
                facts.unreadable_frames += 1
                failures += 1
                if failures >= MAX_CONSECUTIVE_FAILURES:
                    break
                continue
            failures = 0
            read += 1
            if read == 1:                 # the decoded frame is the truth, whatever the header said
                h, w = pixels.shape[:2]
                _check_resolution(w, h)
                facts.width, facts.height = w, h
            if step is not None:
                while next_sample <= index + 1e-6:
                    next_sample += step
            cancel.check()
            yield Frame(str(path), index, round(index / fps, 3), pixels)
    finally:
        cap.release()
        facts.frames_read = read    # frames_declared vs frames_read tells frames missing from the file
        facts.duration_s = round((index + 1) / fps, 3) if index >= 0 else 0.0
    if read == 0 and first == 0:           # a later window past the real end is simply empty
        raise FootageError("the video contains no readable frame (zero-length, truncated or corrupt)")


def read_frame(path: Path | str, frame_index: int) -> np.ndarray:
    """One frame of a video (or the still itself for frame 0 of an image), decoded in memory (BGR).

    Raises FootageError when the file or the frame cannot be read.
    """
    facts = probe(Path(path), with_hash=False)
    if facts.kind == "image":
        if frame_index != 0:
            raise FootageError(f"an image has only frame 0, not {frame_index}")
        return next(iter_frames(facts, sample_fps=None)).pixels
    if frame_index < 0:
        raise FootageError(f"no frame {frame_index}")
    cap = _open_capture(Path(path))
    try:
        if not cap.isOpened():
            raise FootageError("cannot open the video")
        # Decode forward from the start: exact for every codec (seeking by frame number is not).
        for _ in range(frame_index):
            if not cap.grab():
                raise FootageError(f"the video has no frame {frame_index}")
        ok, pixels = cap.read()
        if not ok or pixels is None:
            raise FootageError(f"frame {frame_index} cannot be decoded")
        return pixels
    finally:
        cap.release()


def expected_samples(facts: FileFacts, sample_fps: float | None) -> int | None:
    """How many frames iter_frames should yield, from the header (None when unknown)."""
    if facts.kind == "image":
        return 1
    if not facts.frames_declared:
        return None
    fps = facts.fps or FALLBACK_FPS
    if not sample_fps or sample_fps >= fps:
        return facts.frames_declared
    return int(np.ceil(facts.frames_declared * sample_fps / fps))
