"""Irreversible, in-memory face masking for evidence frames (never writes pixels anywhere)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import cv2
import numpy as np

from auditor.footage.detectors import Face, FaceDetector, default_detector
from auditor.footage.tracking import Box

# Each box is grown by this share of its size on every side (hair, ears, chin; detector boxes are tight)
# and a little more upwards.
MARGIN = 0.3
MARGIN_TOP = 0.45
# Pixelation: the masked area keeps at most this many blocks across, then is blurred and noised.
BLOCKS = 4
# Re-detection passes on the redacted frame (anything still found is masked too).
PASSES = 2


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
    H, W = shape[:2]
    x0 = int(np.floor(x - w * MARGIN))
    x1 = int(np.ceil(x + w * (1 + MARGIN)))
    y0 = int(np.floor(y - h * MARGIN_TOP))
    y1 = int(np.ceil(y + h * (1 + MARGIN)))
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(W, x1), min(H, y1)
    if x1 <= x0 or y1 <= y0:
        return None
    return x0, y0, x1, y1


def mask_region(pixels: np.ndarray, rect: tuple[int, int, int, int], *, seed: int = 0, solid: bool = False) -> None:
    """Destroy the content of rect in place: coarse pixelation, heavy blur and noise (or a solid fill)."""
    x0, y0, x1, y1 = rect
    region = pixels[y0:y1, x0:x1]
    if solid:
        region[:] = 96
        return
    h, w = region.shape[:2]
    bw = max(1, min(BLOCKS, w // 2))
    bh = max(1, min(BLOCKS, h // 2))
    small = cv2.resize(region, (bw, bh), interpolation=cv2.INTER_AREA)
    block = cv2.resize(small, (w, h), interpolation=cv2.INTER_NEAREST)
    k = max(3, (min(w, h) // 3) | 1)
    block = cv2.GaussianBlur(block, (k, k), 0)
    noise = np.random.default_rng(seed).integers(-12, 13, block.shape, dtype=np.int16)
    region[:] = np.clip(block.astype(np.int16) + noise, 0, 255).astype(np.uint8)


def redact_frame(frame: np.ndarray, boxes: Sequence[Face | Sequence[float] | dict], *,
                 detector: FaceDetector | None = None, solid: bool = False,
                 recheck: bool = True) -> RedactionResult:
    """Mask every box (enlarged beyond the detection), then re-detect on the result and mask what is found.

    Args:
        frame: BGR pixels; not modified (the result is a copy).
        boxes: faces or (x, y, w, h) boxes in pixels, e.g. from the footage facts' evidence frames.
        detector: used for the re-check (default: the default detector, unless recheck=False).
    """
    out = np.ascontiguousarray(frame).copy()
    masked = 0
    for i, b in enumerate(boxes):
        rect = enlarge(_as_box(b), out.shape)
        if rect is not None:
            mask_region(out, rect, seed=i, solid=solid)
            masked += 1
    extra = 0
    if recheck:
        det = detector or default_detector()
        search = getattr(det, "full_sweep", det.detect)     # the thorough pass when the detector has one
        for p in range(PASSES):
            found = search(out)
            if not found:
                break
            for j, f in enumerate(found):
                rect = enlarge(f.box, out.shape)
                if rect is not None:
                    mask_region(out, rect, seed=1000 * (p + 1) + j, solid=solid)
                    masked += 1
                    extra += 1
    return RedactionResult(out, masked, extra)
