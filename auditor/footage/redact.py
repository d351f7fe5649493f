"""Irreversible, in-memory face masking (mask styles, verification by an independent detector family).

Used for evidence frames (report, GUI) and for every frame of `auditor redact` (auditor/footage/video.py).
Nothing here writes pixels anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, get_args

import cv2
import numpy as np

from auditor.footage.detectors import Face, FaceDetector, default_detector
from auditor.footage.tracking import Box

# Each box is grown by this share of its size on every side (hair, ears, chin; detector boxes are tight)
# and a little more upwards.
MARGIN = 0.3
MARGIN_TOP = 0.45
# A face is taller than wide; in low light CenterFace may return a box on its upper half only (the benchmark's
# low-light aisle: boxes 0.6 as tall as wide), and the chin below it was left unmasked. Boxes are made at least
# this tall (in face widths) before the margins are added.
MIN_ASPECT = 1.2
# Pixelation: the masked area keeps at most this many blocks across, then is blurred and noised.
BLOCKS = 4
# Re-detection passes on the redacted frame (anything still found is masked too).
PASSES = 2

MaskStyle = Literal["solid", "pixelate", "blur"]
MASK_STYLES: tuple[str, ...] = get_args(MaskStyle)
# Solid is the default: it leaves nothing of the face (not even skin tone or hair colour, which 4x4
# pixelation keeps), and the frame stays readable because only the enlarged face boxes are filled.
DEFAULT_MASK: MaskStyle = "solid"
SOLID_GREY = 96


@dataclass
class RedactionResult:
    """The redacted pixels, how many areas were masked, and how many faces the re-check found in addition."""

    pixels: np.ndarray
    masked: int
    extra_found: int


def _as_box(b: Face | Sequence[float] | dict) -> Box:
    if isinstance(b, Face):
        return b.box
    if isinstance(b, dict):
        return (float(b["x"]), float(b["y"]), float(b["w"]), float(b["h"]))
    x, y, w, h = b[:4]
    return (float(x), float(y), float(w), float(h))


def enlarge(box: Box, shape: tuple[int, ...]) -> tuple[int, int, int, int] | None:
    """The masked rectangle (x0, y0, x1, y1) for a box, clipped to the frame; None if it falls outside."""
    x, y, w, h = box
    h = max(h, w * MIN_ASPECT)          # a box squashed onto part of the face still masks down to the chin
    H, W = shape[:2]
    x0 = int(np.floor(x - w * MARGIN))
    x1 = int(np.ceil(x + w * (1 + MARGIN)))
    y0 = int(np.floor(y - h * MARGIN_TOP))
    y1 = int(np.ceil(y + h * (1 + MARGIN)))
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def mask_region(pixels: np.ndarray, rect: tuple[int, int, int, int], *, seed: int = 0,
                style: MaskStyle = DEFAULT_MASK) -> None:
    """Destroy the content of rect in place with the given style.

    solid: a flat grey fill. pixelate: at most BLOCKS x BLOCKS blocks, then a heavy blur and noise.
    blur: downscaled to at most 3 x 3 samples, upscaled smoothly, blurred again and noised (a plain Gaussian
    blur of a face can be partly undone; the downscale throws the detail away for good).
    """
    x0, y0, x1, y1 = rect
    region = pixels[y0:y1, x0:x1]
    if style == "solid":
        region[:] = SOLID_GREY
        return
    if style not in MASK_STYLES:
        raise ValueError(f"unknown mask style {style!r}; expected one of {', '.join(MASK_STYLES)}")
    h, w = region.shape[:2]
    blocks = BLOCKS if style == "pixelate" else 3
    bw = max(1, min(blocks, w // 2))
    bh = max(1, min(blocks, h // 2))
    small = cv2.resize(region, (bw, bh), interpolation=cv2.INTER_AREA)
    up = cv2.INTER_NEAREST if style == "pixelate" else cv2.INTER_LINEAR
    block = cv2.resize(small, (w, h), interpolation=up)
    k = max(3, (min(w, h) // (3 if style == "pixelate" else 2)) | 1)
    block = cv2.GaussianBlur(block, (k, k), 0)
    noise = np.random.default_rng(seed).integers(-12, 13, block.shape, dtype=np.int16)
    region[:] = np.clip(block.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def redact_frame(frame: np.ndarray, boxes: Sequence[Face | Sequence[float] | dict], *,
                 detector: FaceDetector | None = None, style: MaskStyle = DEFAULT_MASK,
                 recheck: bool = True, verifier: Verifier | None = None) -> RedactionResult:
    """Mask every box (enlarged beyond the detection), then re-detect on the result and mask what is found.

    Args:
        frame: BGR pixels; not modified (the result is a copy).
        boxes: faces or (x, y, w, h) boxes in pixels, e.g. from the footage facts' evidence frames.
        detector: used for the re-check (default: the default detector, unless recheck=False).
        style: how the boxes are masked; whatever a re-check still finds is filled solid.
        verifier: the independent detector family run last (default: `default_verifier()` when recheck).
    """
    out = np.ascontiguousarray(frame).copy()
    masked = 0
    for i, b in enumerate(boxes):
        rect = enlarge(_as_box(b), out.shape)
        if rect is not None:
            mask_region(out, rect, seed=i, style=style)
            masked += 1
    extra = 0
    if recheck:
        det = detector or default_detector()
        search = getattr(det, "full_sweep", det.detect)     # the thorough pass when the detector has one
        for _ in range(PASSES):
            found = search(out)
            if not found:
                break
            for f in found:
                rect = enlarge(f.box, out.shape)
                if rect is not None:
                    mask_region(out, rect, style="solid")
                    masked += 1
                    extra += 1
        ver = verifier if verifier is not None else default_verifier()
        if ver is not None:
            added = ver.fill(out)
            masked += len(added)
            extra += len(added)
    return RedactionResult(out, masked, extra)


class Verifier:
    """The independent detector family run on redacted pixels: whatever it still finds is filled solid.

    MediaPipe BlazeFace (full-range model, shipped in the mediapipe 0.10.21 wheel) shares neither model,
    training data nor architecture with CenterFace, which draws the masks. It runs on the whole frame
    and, with `tiles`, on overlapping 2 x 2 tiles too (each tile seen at a larger scale, so smaller faces
    are found: BlazeFace alone misses most faces under 40 px).
    """

    def __init__(self, detector: FaceDetector, *, tiles: bool = True, rounds: int = 2) -> None:
        self.detector = detector
        self.tiles = tiles
        self.rounds = rounds
        self.name = getattr(detector, "name", type(detector).__name__)
        self.version = getattr(detector, "version", "")

    def find(self, pixels: np.ndarray, *, tiles: bool | None = None) -> list[Box]:
        """Boxes (x, y, w, h) of the faces the independent family sees in `pixels`."""
        found = [f.box for f in self.detector.detect(pixels)]
        if self.tiles if tiles is None else tiles:
            H, W = pixels.shape[:2]
            th, tw = (2 * H) // 3, (2 * W) // 3
            for y0 in (0, H - th):
                for x0 in (0, W - tw):
                    for f in self.detector.detect(pixels[y0:y0 + th, x0:x0 + tw]):
                        found.append((f.x + x0, f.y + y0, f.w, f.h))
        return found

    def fill(self, pixels: np.ndarray, *, tiles: bool | None = None) -> list[Box]:
        """Fill solid (in place) every region the family still finds; returns the boxes filled."""
        added: list[Box] = []
        for _ in range(self.rounds):
            found = self.find(pixels, tiles=tiles)
            if not found:
                break
            for box in found:
                rect = enlarge(box, pixels.shape)
                if rect is not None:
                    mask_region(pixels, rect, style="solid")
                    added.append(box)
        return added


@lru_cache(maxsize=1)
def default_verifier() -> Verifier | None:
    """BlazeFace full-range as the independent verifier, or None when mediapipe cannot load here."""
    from auditor.footage.detectors import MediaPipeDetector

    try:
        return Verifier(MediaPipeDetector(model_selection=1, min_confidence=VERIFY_MIN_CONFIDENCE))
    except Exception:   # noqa: BLE001 - no mediapipe: callers say that verification did not run
        return None


# BlazeFace's score threshold when it verifies: lower than its usual 0.5, because a false alarm only costs
# a grey box and a miss costs a face.
VERIFY_MIN_CONFIDENCE = 0.4
