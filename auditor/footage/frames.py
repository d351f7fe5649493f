"""Bounded, robust reading of footage files (videos and stills) and the facts about what each input really is.

The reader API (used by the analysis, the evidence frames of the report and `auditor redact`):

* `probe(path) -> FileFacts`: checks the file before anything is decoded (size, container sniffed from the
  bytes, resolution and declared frame count from the header, decode limits); raises `FootageError`.
* `iter_frames(facts, sample_fps=..., max_side=...) -> Frame...`: decoded frames in presentation order, each
  with its `index`, its container timestamp `timestamp_s` (pts x time base, from the start of the stream;
  never index / fps unless the container has no usable timestamps) and its BGR `pixels`, downscaled on
  read when `max_side` is given (`Frame.scale` maps boxes back: original = box / scale). It fills the
  facts as it goes: frames read, frames decoded, unreadable frames and why (`read_problems`).
* `read_frame(path, index)`: one frame in memory.

Videos (and GIFs) are read with PyAV (FFmpeg). When sampling, packets are demuxed (cheap) but only those
needed to reconstruct a sampled frame are decoded: from the last keyframe before the sample time up to
it, and a keyframe in the first half of a sampling period is taken as that period's frame. Stills are
read with Pillow: dimensions come from the header (Pillow opens lazily), JPEGs are decoded already
reduced (`draft`), and nothing is converted at full size when a smaller frame is asked for.

Every problem with a file becomes a `FootageError` with a one-line message; nothing here writes pixels
anywhere, and every read is bounded (file size, pixels per frame, frames per file, open/read time-outs).
"""

from __future__ import annotations

import bisect
import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from auditor.core.fileio import sha256_file
from auditor.core.footage_facts import FileFacts
from auditor.core.tasks import CancelToken

VIDEO_SUFFIXES = {".mp4", ".mkv", ".avi", ".mov", ".m4v", ".gif"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png"}
SUPPORTED_SUFFIXES = VIDEO_SUFFIXES | IMAGE_SUFFIXES

# Decode limits, checked on the header before anything is decoded. Above them a file is refused with a
# clear message rather than read (memory stays bounded whatever the file claims).
MAX_SIDE_PX = 8192                   # 8K is the largest camera frame we accept
MIN_SIDE_PX = 16
MAX_FRAME_PIXELS = 8192 * 8192       # pixels per frame (an 8000x8000 still is accepted, read reduced)
MAX_IMAGE_BYTES = 200 * 1024 * 1024
MAX_VIDEO_BYTES = 64 * 1024 ** 3
MAX_VIDEO_HOURS = 24.0               # frames read per file stop at this duration
MAX_FRAMES_PER_FILE = int(MAX_VIDEO_HOURS * 3600 * 60)   # 24 h at 60 fps
FALLBACK_FPS = 25.0                  # only when the container has neither timestamps nor a frame rate
OPEN_TIMEOUT_S = 15.0
READ_TIMEOUT_S = 15.0
MAX_CONSECUTIVE_FAILURES = 50        # packets that do not decode, in a row, before giving up


class FootageError(Exception):
    """A footage file that cannot be analysed; the message says why, in one line."""


@dataclass
class Frame:
    """One decoded frame (BGR), in memory only. `scale` = pixels size / original size (1.0 unless reduced)."""

    path: str
    index: int
    timestamp_s: float
    pixels: np.ndarray
    scale: float = 1.0


def sniff_container(head: bytes) -> str | None:
    """The container a file's first bytes announce, or None when they match nothing we read."""
    if head[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "mkv"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "avi"
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"):
        brand = head[8:12]
        return "mov" if brand == b"qt  " or head[4:8] in (b"moov", b"wide") else "mp4"
    return None


def _check_resolution(w: int, h: int) -> None:
    if w < MIN_SIDE_PX or h < MIN_SIDE_PX or w > MAX_SIDE_PX or h > MAX_SIDE_PX or w * h > MAX_FRAME_PIXELS:
        raise FootageError(f"unsupported resolution {w}x{h} (accepted: {MIN_SIDE_PX} to {MAX_SIDE_PX} pixels a side)")


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
    container = sniff_container(head)
    facts.container = container
    if container is None:
        raise FootageError(f"not a video or image file: its content matches no known container (named {suffix})")
    limit = MAX_IMAGE_BYTES if container in ("jpeg", "png") else MAX_VIDEO_BYTES
    if size > limit:
        raise FootageError(f"file too large ({size / 1e6:,.0f} MB; the limit for a {container} file is "
                           f"{limit / 1e6:,.0f} MB)")
    if with_hash:
        facts.sha256 = sha256_file(path)
    if container in ("jpeg", "png"):
        _probe_image(path, facts)
    else:
        _probe_video(path, facts)


# --------------------------------------------------------------------------------------------- stills

def _header_size(path: Path, container: str | None) -> tuple[int, int] | None:
    """Width and height from a PNG or JPEG header, read without decoding (and before Pillow sees the file)."""
    with path.open("rb") as fh:
        data = fh.read(1 << 16)
    if container == "png" and len(data) >= 24 and data[12:16] == b"IHDR":
        w, h = struct.unpack(">II", data[16:24])
        return int(w), int(h)
    if container == "jpeg":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            if marker in (0xD8, 0x01, 0xFF) or 0xD0 <= marker <= 0xD7:
                i += 1 if marker == 0xFF else 2
                continue
            length = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return int(w), int(h)
            i += 2 + length
    return None


def _open_image(path: Path, facts: FileFacts) -> Any:
    """The still opened lazily (header only) by Pillow, its size checked first; the caller closes it."""
    from PIL import Image, UnidentifiedImageError

    dims = _header_size(path, facts.container)
    if dims is not None:
        _check_resolution(*dims)
    try:
        im = Image.open(path)            # lazy: reads the header, not the pixels
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise FootageError(f"corrupt {facts.container} image: no readable header ({_short(exc)})") from None
    except Image.DecompressionBombError:
        raise FootageError(f"{facts.container} image too large to decode") from None
    try:
        w, h = im.size
        _check_resolution(w, h)
    except FootageError:
        im.close()
        raise
    return im


def _probe_image(path: Path, facts: FileFacts) -> None:
    facts.kind = "image"
    with _open_image(path, facts) as im:
        facts.width, facts.height = im.size
        facts.codec = facts.container
        facts.rotation = _exif_rotation(im)
    facts.frames_declared = 1
    facts.duration_s = 0.0


def _exif_rotation(im: Any) -> int:
    try:
        orientation = im.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a damaged EXIF block only loses the orientation
        return 0
    return {3: 180, 6: 270, 8: 90}.get(int(orientation), 0)


def _reduced_size(w: int, h: int, max_side: int | None) -> tuple[int, int]:
    if not max_side or max(w, h) <= max_side:
        return w, h
    s = max_side / max(w, h)
    return max(1, round(w * s)), max(1, round(h * s))


def _read_image(facts: FileFacts, max_side: int | None) -> Frame:
    from PIL import Image, ImageOps

    path = Path(facts.path)
    with _open_image(path, facts) as im:
        w0, h0 = im.size
        tw, th = _reduced_size(w0, h0, max_side)
        try:
            if (tw, th) != (w0, h0) and im.format == "JPEG":
                im.draft("RGB", (tw, th))                  # the decoder itself reduces by 1/2, 1/4 or 1/8
            im.load()
            if (tw, th) != im.size:
                factor = min(im.size[0] // tw, im.size[1] // th)
                small = im.reduce(factor) if factor >= 2 else im      # box average, bounded copy
                if small.size != (tw, th):
                    small = small.resize((tw, th), Image.Resampling.BILINEAR)
                im = small
            im = ImageOps.exif_transpose(im)
            pixels = _pil_to_bgr(im)
        except (OSError, ValueError, SyntaxError) as exc:
            facts.unreadable_frames = 1
            facts.read_problems.append(f"the image does not decode ({_short(exc)})")
            raise FootageError(f"corrupt {facts.container} image: it does not decode ({_short(exc)})") from None
    facts.frames_read = facts.frames_decoded = 1
    facts.timestamps = "container"
    return Frame(str(path), 0, 0.0, pixels, scale=pixels.shape[1] / (h0 if facts.rotation in (90, 270) else w0))


def _pil_to_bgr(im: Any) -> np.ndarray:
    """Any Pillow mode (grey, 16-bit, palette, alpha, CMYK) as a BGR uint8 array."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float32)
        top = 65535.0 if im.mode != "F" else max(1.0, float(arr.max()))
        grey = np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(grey[..., None], 3, axis=2))
    if im.mode != "RGB":
        im = im.convert("RGB")
    return np.ascontiguousarray(np.asarray(im)[..., ::-1])


# --------------------------------------------------------------------------------------------- videos

def _open_container(path: Path) -> Any:
    import av

    try:
        return av.open(str(path), mode="r", timeout=(OPEN_TIMEOUT_S, READ_TIMEOUT_S))
    except av.FFmpegError as exc:
        raise FootageError(f"cannot open the video: the file is corrupt or truncated, or its format is not "
                           f"supported ({_short(exc)})") from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    text = text.replace("\x00", "")
    return text if len(text) <= 160 else text[:157] + "..."


def _time_base(stream: Any) -> Fraction | None:
    tb = stream.time_base
    if tb is None or tb.numerator <= 0 or tb.denominator <= 0:
        return None
    return Fraction(tb.numerator, tb.denominator)


def _rate(stream: Any) -> float | None:
    for rate in (stream.average_rate, stream.guessed_rate, stream.base_rate):
        try:
            if rate is not None and rate.denominator > 0 and float(rate) > 0:
                return float(rate)
        except (ZeroDivisionError, AttributeError):
            continue
    return None


def _probe_video(path: Path, facts: FileFacts) -> None:
    import av

    facts.kind = "video"
    container = _open_container(path)
    try:
        if not container.streams.video:
            raise FootageError(f"the {facts.container} file has no video stream")
        stream = container.streams.video[0]
        ctx = stream.codec_context
        if ctx is None or ctx.codec is None:
            tag = getattr(stream, "codec_tag", "") or "unknown"
            raise FootageError(f"the {facts.container} video's codec ({tag}) is not supported")
        facts.codec = ctx.name
        w, h = int(ctx.width or 0), int(ctx.height or 0)
        if w == 0 or h == 0:
            raise FootageError(f"cannot read the {facts.container} video: its codec is not supported or the "
                               "header gives no frame size")
        facts.width, facts.height = w, h
        _check_resolution(w, h)
        rate = _rate(stream)
        facts.fps = round(rate, 3) if rate else None
        declared = int(stream.frames or 0)
        facts.frames_declared = declared if declared > 0 else None
        if declared > MAX_FRAMES_PER_FILE:
            raise FootageError(f"the header declares {declared:,} frames, more than the {MAX_FRAMES_PER_FILE:,} "
                               f"accepted per file ({MAX_VIDEO_HOURS:g} h at 60 fps)")
        facts.timestamps = "container" if _time_base(stream) else ("frame rate" if rate else
                                                                   f"assumed {FALLBACK_FPS:g} fps")
    except av.FFmpegError as exc:
        raise FootageError(f"cannot read the {facts.container} video header ({_short(exc)})") from None
    finally:
        container.close()


class _Sampler:
    """Which frames to decode: one per period of 1/sample_fps seconds (all when sample_fps is None)."""

    def __init__(self, sample_fps: float | None, start_s: float = 0.0) -> None:
        self.period = 1.0 / sample_fps if sample_fps else None
        self.first = start_s
        # the sampling period still waiting for its frame: the first that starts inside the window
        self.slot = math.ceil(start_s / self.period - 1e-9) if self.period else 0

    def start(self) -> float:
        return self.slot * self.period if self.period else self.first

    def target(self) -> float:
        """Decode up to the middle of the waiting period (a keyframe in its first half is taken before)."""
        return (self.slot + 0.5) * self.period if self.period else self.first

    def take(self, t: float) -> bool:
        if self.period is None:
            return t >= self.first
        if t < self.start():
            return False
        self.slot = int(t // self.period) + 1
        return True


def iter_frames(facts: FileFacts, *, sample_fps: float | None, cancel: CancelToken | None = None,
                max_side: int | None = None, start_s: float | None = None,
                end_s: float | None = None) -> Iterator[Frame]:
    """Decode the frames of a probed file, one every 1/sample_fps seconds of timestamps (None: every frame).

    `max_side`: frames whose larger side exceeds it are reduced on read (the full-size BGR frame is never
    made); `Frame.scale` tells by how much. Updates `facts` as it goes (frames read/decoded, unreadable
    frames and why, duration). Raises FootageError when the file yields no frame at all.

    `start_s`/`end_s` restrict reading to the window [start_s, end_s) of the file (a chunk of a fleet
    audit). The sampling periods stay the whole file's and a window owns the periods that start inside it,
    so the chunks of a file together sample exactly the frames the whole file would. Packets before the
    window are demuxed (for the frame indices) but not decoded, except from the keyframe a needed frame
    depends on.
    """
    cancel = cancel or CancelToken()
    if facts.kind == "image":
        if not start_s:
            yield _read_image(facts, max_side)
        return
    yield from _iter_video(facts, sample_fps=sample_fps, cancel=cancel, max_side=max_side,
                           start_s=start_s or 0.0, end_s=end_s)


def _iter_video(facts: FileFacts, *, sample_fps: float | None, cancel: CancelToken,
                max_side: int | None, start_s: float = 0.0, end_s: float | None = None) -> Iterator[Frame]:
    import av

    path = Path(facts.path)
    container = _open_container(path)
    stream = container.streams.video[0]
    tb = _time_base(stream)
    rate = _rate(stream) or FALLBACK_FPS
    sparse = (sample_fps is not None or start_s > 0) and tb is not None   # decode only what is needed
    # Frame threading adds latency (a frame comes out several packets later): only when decoding everything.
    stream.thread_type = "SLICE" if sparse else "AUTO"
    base_pts = stream.start_time if stream.start_time is not None else None
    sampler = _Sampler(sample_fps, start_s)
    stop_at = math.inf if end_s is None else end_s
    reached_end = past_window = False
    pending: list[Any] = []        # packets since the last keyframe not yet sent to the decoder
    window: list[int] = []         # presentation times of the last packets demuxed (frame index = rank)
    dropped = 0                    # packets that left `window`
    state = {"read": 0, "in_window": 0, "decoded": 0, "damaged": 0, "failures": 0}
    span: list[float] = []         # first and last timestamp seen
    decode_error: str | None = None
    stopped: str | None = None
    out_size: list[int] = []

    def seconds(pts: int | None, fallback_index: int) -> float:
        if pts is None or tb is None:
            return fallback_index / rate
        return float((pts - (base_pts or 0)) * tb)

    def emit(frame: Any) -> Frame | None:
        state["decoded"] += 1
        pts = frame.pts
        if pts is not None and tb is not None:
            index = dropped + bisect.bisect_left(window, pts)
        else:
            index = state["decoded"] - 1
        t = seconds(pts, index)
        if not sampler.take(t) or (sampler.period is None and t >= stop_at):
            return None
        if not out_size:
            _check_resolution(frame.width, frame.height)   # the decoded frame is the truth, not the header
            facts.width, facts.height = frame.width, frame.height
            out_size.extend(_reduced_size(frame.width, frame.height, max_side))
        pixels = frame.to_ndarray(format="bgr24", width=out_size[0], height=out_size[1])
        rot = int(getattr(frame, "rotation", 0) or 0) % 360
        if rot:
            facts.rotation = rot
            pixels = np.ascontiguousarray(np.rot90(pixels, k=rot // 90))
        return Frame(str(path), index, round(t, 6), pixels, scale=out_size[0] / frame.width)

    def decode(packet: Any) -> list[Frame]:
        nonlocal decode_error
        try:
            frames = packet.decode() if packet is not None else stream.codec_context.decode(None)
        except av.FFmpegError as exc:
            state["damaged"] += 1
            state["failures"] += 1
            decode_error = decode_error or _short(exc)
            return []
        state["failures"] = 0
        return [out for out in map(emit, frames) if out is not None]

    try:
        demux = container.demux(stream)
        while True:
            try:
                packet = next(demux)
            except StopIteration:
                reached_end = True
                break
            except av.FFmpegError as exc:
                stopped = f"the file could not be read further ({_short(exc)})"
                break
            if packet.size == 0:                     # the flushing packet at the end of the stream
                continue
            state["read"] += 1
            if state["read"] % 64 == 0:
                cancel.check()
            if state["read"] > MAX_FRAMES_PER_FILE:
                stopped = f"reading stopped after {MAX_FRAMES_PER_FILE:,} frames (the per-file limit)"
                break
            if packet.is_corrupt:
                state["damaged"] += 1
            pts = packet.pts if packet.pts is not None else packet.dts
            if pts is not None:
                bisect.insort(window, pts)
                if len(window) > 1024:
                    del window[:512]
                    dropped += 512
            t = seconds(pts, state["read"] - 1)
            if t >= stop_at:
                past_window = True
            if (sampler.start() >= stop_at and t >= stop_at) or (sampler.period is None and t >= stop_at + 1.0):
                past_window = True
                break                                # past the window (a second of slack for reordering)
            span[:] = [min(span[0], t), max(span[1], t)] if span else [t, t]
            if start_s <= t < stop_at:
                state["in_window"] += 1
            if t > MAX_VIDEO_HOURS * 3600:
                stopped = f"reading stopped at {MAX_VIDEO_HOURS:g} h of footage (the per-file limit)"
                break
            if not sparse:
                yield from decode(packet)
            else:
                if packet.is_keyframe:
                    pending = []                     # a new keyframe: what came before is not needed
                pending.append(packet)
                # A keyframe in the first half of the waiting period is that period's frame (one decode);
                # otherwise decode from the last keyframe once the middle of the period is reached.
                if (packet.is_keyframe and sampler.start() <= t) or t >= sampler.target() \
                        or (sampler.period is None and t >= start_s):
                    batch, pending = pending, []
                    for k, pkt in enumerate(batch):
                        got = decode(pkt)
                        yield from got
                        if got and sampler.period is not None:   # sampled: keep the rest for the decoder
                            pending = batch[k + 1:]
                            break
            if state["failures"] >= MAX_CONSECUTIVE_FAILURES:
                stopped = f"{state['failures']} frames in a row would not decode; reading stopped"
                break
        if stopped is None:
            if sparse and pending and span and span[1] >= sampler.start():
                for pkt in pending:                  # the end came before the middle of the last period
                    yield from decode(pkt)
            yield from decode(None)                  # the frames the decoder still holds
    finally:
        container.close()
        facts.frames_read = state["in_window"]
        facts.frames_decoded = state["decoded"]
        facts.unreadable_frames = state["damaged"]
        # from the first frame of the file to the end of what was read (the window's end at most)
        end = stop_at if past_window else min(span[1] + 1.0 / rate, stop_at) if span else 0.0
        facts.duration_s = round(end - span[0], 3) if span else 0.0
        problems = []
        if reached_end and not start_s and facts.frames_declared and state["read"] < facts.frames_declared:
            problems.append(f"only {state['read']} of the {facts.frames_declared} frames the header declares "
                            "are in the file (truncated or damaged)")
        if state["damaged"]:
            problems.append(f"{state['damaged']} damaged frame(s) could not be decoded"
                            + (f" ({decode_error})" if decode_error else ""))
        if stopped:
            problems.append(stopped)
        facts.read_problems = problems
    if (facts.frames_decoded == 0 or not out_size) and start_s <= 0:   # a later window may be empty
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
    for frame in iter_frames(facts, sample_fps=None):
        if frame.index == frame_index:
            return frame.pixels
        if frame.index > frame_index:
            break
    raise FootageError(f"the video has no frame {frame_index}")


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
