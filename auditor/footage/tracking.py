"""Face tracks across frames (IoU + centroid matching) and temporal smoothing of boxes for redaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

Box = tuple[float, float, float, float]   # x, y, w, h in pixels


def iou(a: Box, b: Box) -> float:
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


@dataclass
class Track:
    id: int
    first_t: float
    last_t: float
    box: Box
    hits: int = 1
    velocity: tuple[float, float] = (0.0, 0.0)   # pixels per second of the box centre

    @property
    def dwell_s(self) -> float:
        return self.last_t - self.first_t

    def predict(self, t: float) -> Box:
        dt = t - self.last_t
        x, y, w, h = self.box
        return (x + self.velocity[0] * dt, y + self.velocity[1] * dt, w, h)


@dataclass
class Tracker:
    """Greedy IoU/centroid tracker for sampled frames (which may be seconds apart).

    A detection joins a live track when its box overlaps the track's predicted box (IoU >= min_iou) or
    when its centre is within `max_jump` face widths per second elapsed (capped) and the sizes agree;
    a track ends after `max_gap_s` without a match. Good enough to estimate distinct people and dwell.
    """

    max_gap_s: float = 4.0
    min_iou: float = 0.2
    max_jump: float = 10.0           # face widths per second (walking, 1.4 m/s, is ~9 widths of 0.16 m)
    max_jump_total: float = 20.0     # face widths, whatever the gap
    min_jump_px_s: float = 0.0       # pixels per second a face may always move (small fast faces; 0: none)
    tracks: list[Track] = field(default_factory=list)
    finished: list[Track] = field(default_factory=list)
    _next_id: int = 0

    def update(self, t: float, boxes: Sequence[Box]) -> list[int]:
        """Add one frame's boxes at time t (seconds); returns the track id given to each box."""
        for tr in [tr for tr in self.tracks if t - tr.last_t > self.max_gap_s]:
            self.tracks.remove(tr)
            self.finished.append(tr)
        candidates = []
        for ti, tr in enumerate(self.tracks):
            pred = tr.predict(t)
            dt = max(t - tr.last_t, 1e-6)
            for bi, b in enumerate(boxes):
                ov = iou(pred, b)
                size = max(b[2], tr.box[2])
                ratio = min(b[2], tr.box[2]) / size if size > 0 else 0.0
                dist = centre_distance(pred, b)
                limit = max(size * min(self.max_jump * dt, self.max_jump_total), self.min_jump_px_s * min(dt, 1.0))
                if ov >= self.min_iou:
                    candidates.append((0, -ov, ti, bi))
                elif ratio >= 0.5 and dist <= limit:
                    candidates.append((1, dist / max(size, 1.0), ti, bi))
        candidates.sort()
        ids = [-1] * len(boxes)
        used_t: set[int] = set()
        for _, _, ti, bi in candidates:
            if ti in used_t or ids[bi] != -1:
                continue
            tr = self.tracks[ti]
            dt = t - tr.last_t
            if dt > 0:
                cx0, cy0 = tr.box[0] + tr.box[2] / 2, tr.box[1] + tr.box[3] / 2
                b = boxes[bi]
                tr.velocity = (((b[0] + b[2] / 2) - cx0) / dt, ((b[1] + b[3] / 2) - cy0) / dt)
            tr.box, tr.last_t, tr.hits = tuple(boxes[bi]), t, tr.hits + 1
            ids[bi] = tr.id
            used_t.add(ti)
        for bi, b in enumerate(boxes):
            if ids[bi] == -1:
                tr = Track(self._next_id, t, t, tuple(b))
                self._next_id += 1
                self.tracks.append(tr)
                ids[bi] = tr.id
        return ids

    def all_tracks(self) -> list[Track]:
        return self.finished + self.tracks


def centre_distance(a: Box, b: Box) -> float:
    """Pixels between the centres of two boxes."""
    return float(np.hypot((b[0] + b[2] / 2) - (a[0] + a[2] / 2), (b[1] + b[3] / 2) - (a[1] + a[3] / 2)))


def dilate(box: Box, factor: float) -> Box:
    """The box grown by `factor` of its size on every side."""
    x, y, w, h = box
    return (x - w * factor, y - h * factor, w * (1 + 2 * factor), h * (1 + 2 * factor))


def smooth_boxes(frames: Sequence[Sequence[Box]], *, radius: int = 2, grow: float = 0.15,
                 same_face_iou: float | None = None) -> list[list[Box]]:
    """Temporal smoothing for redaction: every box also covers the `radius` frames before and after it.

    A face found in frame t but missed in t+-1..t+-radius is still masked there. The copied box is dilated
    by `grow` of its size per frame of distance so that a moving face stays inside it. Boxes already
    covered by a box of the target frame are not duplicated; with `same_face_iou`, neither are boxes that
    overlap one of the target frame's own boxes by at least that IoU (the face is masked there already,
    e.g. by a track's interpolated box), so that a moving face does not leave a trail of masks.
    """
    return [smoothed_at(frames, i, radius=radius, grow=grow, same_face_iou=same_face_iou)
            for i in range(len(frames))]


def smoothed_at(frames: Sequence[Sequence[Box]], index: int, *, radius: int = 2, grow: float = 0.15,
                same_face_iou: float | None = None,
                tracks: Sequence[Sequence[int | None]] | None = None) -> list[Box]:
    """`smooth_boxes(frames, ...)[index]`, computed for that one frame only (redaction needs one at a time).

    `tracks` (parallel to `frames`): the track of each box, or None. A box is not copied to a frame that has a
    box of its own track (the track masks the face there, wherever it moved); a box without a track is.
    """
    own = [tuple(b) for b in frames[index]]
    own_tracks = {t for t in tracks[index] if t is not None} if tracks is not None else set()
    out: list[Box] = list(own)  # type: ignore[arg-type]
    for t in range(max(0, index - radius), min(len(frames), index + radius + 1)):
        d = abs(t - index)
        if d == 0:
            continue
        for n, b in enumerate(frames[t]):
            if tracks is not None and tracks[t][n] in own_tracks:
                continue
            b = tuple(b)
            if any(_covers(c, b) for c in own):
                continue
            if same_face_iou is None or not any(iou(c, b) >= same_face_iou for c in own):  # type: ignore[arg-type]
                out.append(dilate(b, grow * d))  # type: ignore[arg-type]
    return out


def _covers(outer: Sequence[float], inner: Sequence[float]) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1]
            and outer[0] + outer[2] >= inner[0] + inner[2] and outer[1] + outer[3] >= inner[1] + inner[3])
