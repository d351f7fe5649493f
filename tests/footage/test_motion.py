"""Motion regions: where the tuned detector looks between full-frame passes."""

from __future__ import annotations

import numpy as np

from auditor.footage.motion import MotionRegions


def _frame(square_at: int | None = None, level: int = 90) -> np.ndarray:
    rng = np.random.default_rng(0)
    img = np.full((360, 640, 3), level, np.uint8)
    img[200:260] = 140                                    # a shelf
    img = np.clip(img + rng.normal(0, 3, img.shape), 0, 255).astype(np.uint8)
    if square_at is not None:
        img[100:160, square_at:square_at + 40] = (30, 60, 200)
    return img


def _inside(rects: list[tuple[int, int, int, int]], x0: int, y0: int, x1: int, y1: int) -> bool:
    return any(r[0] <= x0 and r[1] <= y0 and r[2] >= x1 and r[3] >= y1 for r in rects)


def test_first_frames_are_searched_whole_then_only_where_something_moved() -> None:
    motion = MotionRegions()
    assert motion.regions(_frame()) is None and motion.regions(_frame()) is None     # no background yet
    rects = motion.regions(_frame(square_at=300))
    assert rects and _inside(rects, 300, 100, 340, 160)
    assert sum((r[2] - r[0]) * (r[3] - r[1]) for r in rects) < 0.2 * 640 * 360
    assert motion.regions(_frame()) == []                 # nothing moved, no face seen: nothing to search


def test_a_face_seen_last_time_is_searched_again_even_if_still() -> None:
    motion = MotionRegions()
    for _ in range(3):
        motion.regions(_frame())
    rects = motion.regions(_frame(), keep=[(500.0, 40.0, 20.0, 24.0)])
    assert rects and _inside(rects, 500, 40, 520, 64)


def test_a_global_change_means_the_whole_frame() -> None:
    motion = MotionRegions()
    for _ in range(3):
        motion.regions(_frame())
    assert motion.regions(_frame(level=200)) is None      # lights on: every pixel changed


def test_a_new_frame_size_starts_a_new_background() -> None:
    motion = MotionRegions()
    for _ in range(3):
        motion.regions(_frame())
    assert motion.regions(np.zeros((100, 100, 3), np.uint8)) is None
