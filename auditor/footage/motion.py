"""Where to look: the regions of a sampled frame that differ from the camera's recent background.

Store cameras are fixed: between two sampled frames most of the picture (shelves, floor, counters) is
unchanged, and a face can only be where something changed or where a face was the last time. The
background is the per-pixel median of the last few sampled frames, on a copy reduced 8 times (which
also averages sensor noise away); a change in any colour channel counts. Regions are the connected changed areas, grown by a margin
and merged; when they cover most of the frame (a crowd, a light switched on, a camera that moved) the
caller runs the whole frame instead. The caller also runs the whole frame every few samples, so a
person who stays still is never lost for long.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

import cv2
import numpy as np

Rect = tuple[int, int, int, int]          # x0, y0, x1, y1 in frame pixels

CELL = 8                # the background model works on the frame reduced this many times
HISTORY = 5             # sampled frames in the median background
THRESHOLD = 12          # change of a colour channel (0-255) that counts as motion, after the 8x reduction
GROW_CELLS = 3          # changed areas grow by this many cells (24 px) on every side
MIN_REGION_PX = 64      # regions are at least this large (CenterFace needs some context)
MAX_SHARE = 0.75        # above this share of the frame, the whole frame is cheaper than its pieces


class MotionRegions:
    """The background model of one camera (one frame size) and the regions worth a detector pass."""

    def __init__(self) -> None:
        self.history: deque[np.ndarray] = deque(maxlen=HISTORY)
        self.shape: tuple[int, ...] | None = None

    def regions(self, frame: np.ndarray, keep: Sequence[tuple[float, float, float, float]] = ()) -> list[Rect] | None:
        """Regions to search in `frame` (None: search the whole frame), and learn the frame.

        `keep`: boxes (x, y, w, h) where faces were found last time; their surroundings are always searched.
        """
        H, W = frame.shape[:2]
        if frame.shape != self.shape:
            self.history.clear()
            self.shape = frame.shape
        small = cv2.resize(frame, (max(1, W // CELL), max(1, H // CELL)), interpolation=cv2.INTER_AREA)
        enough = len(self.history) >= 2
        if enough:
            background = np.median(np.stack(self.history), axis=0).astype(np.int16)
            change = np.abs(small.astype(np.int16) - background)
            if change.ndim == 3:                   # any colour channel: a red shirt on a grey shelf of equal
                change = change.max(axis=2)        # brightness is still a change
            mask = (change > THRESHOLD).astype(np.uint8)
        self.history.append(small)
        if not enough:
            return None
        for x, y, w, h in keep:                    # a face seen last time: search around it again
            x0, y0 = int((x - w) // CELL), int((y - h) // CELL)
            x1, y1 = int((x + 2 * w) // CELL) + 1, int((y + 2 * h) // CELL) + 1
            mask[max(0, y0):max(0, y1), max(0, x0):max(0, x1)] = 1
        if not mask.any():
            return []
        mask = cv2.dilate(mask, np.ones((2 * GROW_CELLS + 1, 2 * GROW_CELLS + 1), np.uint8))
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        rects = []
        for i in range(1, count):
            x, y, w, h = (int(v) for v in stats[i, :4])
            rects.append(_fit((x * CELL, y * CELL, (x + w) * CELL, (y + h) * CELL), W, H))
        rects = _merge(rects)
        if sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in rects) > MAX_SHARE * W * H:
            return None
        return rects


def _fit(rect: Rect, W: int, H: int) -> Rect:
    """The rectangle grown to at least MIN_REGION_PX a side (and a multiple of 32) and clipped to the frame."""
    x0, y0, x1, y1 = rect
    w = max(MIN_REGION_PX, -(-(x1 - x0) // 32) * 32)
    h = max(MIN_REGION_PX, -(-(y1 - y0) // 32) * 32)
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    x0, y0 = max(0, min(cx - w // 2, W - w)), max(0, min(cy - h // 2, H - h))
    return x0, y0, min(W, x0 + w), min(H, y0 + h)


def _merge(rects: list[Rect]) -> list[Rect]:
    """Overlapping rectangles joined until none overlap (fewer, larger detector calls)."""
    rects = list(rects)
    merged = True
    while merged:
        merged = False
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                a, b = rects[i], rects[j]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    rects[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del rects[j]
                    merged = True
                    break
            if merged:
                break
    return rects
