"""Deterministic sample CCTV footage with exact ground-truth face boxes, for the examples, tests and bench.

The faces come from two public-domain photographs shipped inside installed packages, and nothing
else: scikit-image's `astronaut` (Eileen Collins, a NASA photograph; scikit-image: "No known copyright
restrictions, released into the public domain") and matplotlib's sample `grace_hopper.jpg` (the
official 1984 US Navy portrait of Commodore Grace M. Hopper, a work of the US federal government).
Each is varied (mirrored, skin tone, brightness, width, a slight tilt) into a few dozen "people", then
composited moving through procedurally drawn store scenes at CCTV sizes. No face of a real person other
than these two public-domain portraits is used (scikit-image's `lfw_subset`, news photographs, is not).
Only generated imagery is ever written here (never real footage).

scikit-image is a test/bench dependency: it is imported lazily, only when a clip is generated.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

# Where the face lies inside each source image (x, y, w, h), measured once by eye and with CenterFace;
# the pasted crop *is* the ground-truth box, so these only decide which pixels count as "the face".
_ASTRONAUT_FACE = (180, 54, 88, 120)
_GRACE_HOPPER_FACE = (174, 124, 180, 204)


@dataclass(frozen=True)
class Scene:
    """One kind of camera view: size, frame rate, how people move and how large their faces are."""

    name: str
    layout: str                 # entrance | aisle | overhead | checkout | kiosk
    width: int = 1280
    height: int = 720
    fps: float = 10.0
    seconds: float = 10.0
    people: int = 8             # people entering the view over the clip
    face_far: float = 30.0      # face width (px) far from the camera / at the back
    face_near: float = 120.0    # face width (px) close to the camera / at the front
    low_light: bool = False
    seed: int = 0


# The bundled sample clips (assets/deployments/footage/<name>.mp4; 8 s each to keep the repository small) and the
# benchmark scenes.
SCENES: dict[str, Scene] = {s.name: replace(s, seconds=8.0) for s in [
    Scene("entrance_720p", "entrance", people=9, face_far=24, face_near=130, seed=1),
    Scene("checkout_closeup", "checkout", people=5, face_far=80, face_near=150, seed=2),
    Scene("overhead_counting", "overhead", people=12, face_far=10, face_near=17, seed=3),
    Scene("aisle_1080p", "aisle", width=1920, height=1080, people=10, face_far=14, face_near=32, seed=4),
    Scene("signage_analytics", "kiosk", people=6, face_far=70, face_near=160, seed=5),
]}

# Extra scenes used only by the benchmark (not shipped as assets).
BENCH_SCENES: dict[str, Scene] = {s.name: s for s in [
    *SCENES.values(),
    Scene("aisle_720p", "aisle", people=12, face_far=14, face_near=40, seed=11),
    Scene("entrance_1080p", "entrance", width=1920, height=1080, people=9, face_far=30, face_near=180, seed=12),
    Scene("lowlight_aisle_720p", "aisle", people=10, face_far=16, face_near=60, low_light=True, seed=13),
    Scene("checkout_1080p", "checkout", width=1920, height=1080, people=5, face_far=110, face_near=220, seed=14),
]}


@dataclass
class _Person:
    face: np.ndarray            # RGB crop, the ground-truth face
    start: float                # seconds
    duration: float
    path: list[tuple[float, float, float]]   # keyframes (x, y, face_w) at t = 0..1 (x, y = face centre)
    hair: tuple[int, int, int]
    shirt: tuple[int, int, int]
    top_down: bool = False      # overhead view: only the top of the head is seen, no face
    sway: float = 0.0
    phase: float = 0.0
    ident: int = 0

    def at(self, t: float) -> tuple[float, float, float] | None:
        u = (t - self.start) / self.duration
        if u < 0 or u > 1:
            return None
        seg = u * (len(self.path) - 1)
        k = min(int(seg), len(self.path) - 2)
        f = seg - k
        (x0, y0, w0), (x1, y1, w1) = self.path[k], self.path[k + 1]
        x = x0 + (x1 - x0) * f + self.sway * math.sin(2 * math.pi * 0.7 * t + self.phase)
        y = y0 + (y1 - y0) * f + 0.04 * (w0 + (w1 - w0) * f) * math.sin(2 * math.pi * 1.8 * t + self.phase)
        w = w0 * (w1 / w0) ** f if w0 > 0 and w1 > 0 else w0 + (w1 - w0) * f
        return x, y, w


@dataclass
class SyntheticFrame:
    """One generated frame (BGR) and its ground-truth faces."""

    index: int
    timestamp_s: float
    pixels: np.ndarray
    faces: list[dict] = field(default_factory=list)


@lru_cache(maxsize=1)
def _portraits() -> tuple[np.ndarray, ...]:
    """The two public-domain face crops (RGB uint8): astronaut Eileen Collins (NASA), Grace Hopper (US Navy)."""
    from skimage import data  # lazy: a test/bench dependency only

    x, y, w, h = _ASTRONAUT_FACE
    faces = [np.ascontiguousarray(data.astronaut()[y:y + h, x:x + w])]
    try:
        import matplotlib.cbook

        with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as fh:
            buf = np.frombuffer(fh.read(), np.uint8)
        img = cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
        x, y, w, h = _GRACE_HOPPER_FACE
        faces.append(np.ascontiguousarray(img[y:y + h, x:x + w]))
    except (ImportError, OSError, ValueError):  # matplotlib is optional: fewer identities then
        pass
    return tuple(faces)


@lru_cache(maxsize=1)
def _face_bank() -> tuple[np.ndarray, ...]:
    """Varied public-domain face crops (RGB uint8): each portrait in several tones, widths and tilts.

    The first entries are the two portraits as they are (the large frontal faces of the sample clips).
    """
    base = _portraits()
    faces: list[np.ndarray] = list(base)
    rng = np.random.default_rng(7)
    tones = [(1.0, 0.82, 0.68), (0.95, 0.75, 0.6), (0.8, 0.6, 0.45), (0.62, 0.45, 0.33), (1.0, 0.88, 0.78),
             (0.9, 0.7, 0.55)]
    for k in range(48):
        src = base[k % len(base)]
        h, w = src.shape[:2]
        grey = cv2.cvtColor(src, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255.0
        colour = src.astype(np.float32) / 255.0
        tone = np.array(tones[k % len(tones)], np.float32)
        mix = float(rng.uniform(0.3, 0.8))          # how much of the original colour is kept
        rgb = mix * colour + (1 - mix) * grey[..., None] * tone / max(tone)
        rgb *= float(rng.uniform(0.75, 1.15))        # brightness
        img = np.clip(rgb * 255.0, 0, 255).astype(np.uint8)
        angle = float(rng.uniform(-8, 8))             # a slight head tilt
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        img = cv2.warpAffine(img, m, (w, h), borderMode=cv2.BORDER_REFLECT)
        width = max(8, int(w * float(rng.uniform(0.85, 1.1))))   # narrower or wider face
        img = cv2.resize(img, (width, h), interpolation=cv2.INTER_AREA)
        faces.append(np.ascontiguousarray(img))
    return tuple(faces)


def _background(scene: Scene, rng: np.random.Generator) -> np.ndarray:
    """A store-like backdrop: wall, shelves with products, floor (BGR)."""
    W, H = scene.width, scene.height
    img = np.zeros((H, W, 3), np.uint8)
    if scene.layout == "overhead":
        img[:] = (150, 160, 165)
        tile = max(24, W // 16)
        for x in range(0, W, tile):
            cv2.line(img, (x, 0), (x, H), (130, 138, 142), 2)
        for y in range(0, H, tile):
            cv2.line(img, (0, y), (W, y), (130, 138, 142), 2)
        for _ in range(4):   # display tables seen from above
            x0, y0 = int(rng.uniform(0, W * 0.8)), int(rng.uniform(0, H * 0.8))
            cv2.rectangle(img, (x0, y0), (x0 + W // 8, y0 + H // 8), tuple(int(c) for c in rng.integers(60, 200, 3)), -1)
    else:
        horizon = int(H * 0.42)
        img[:horizon] = (200, 205, 210)
        for y in range(horizon, H):   # floor getting lighter towards the camera
            v = 120 + int(60 * (y - horizon) / max(1, H - horizon))
            img[y] = (v - 10, v, v + 8)
        # shelves on both sides and at the back, with product boxes
        for side in (0, 1):
            for row in range(5):
                y0 = int(H * (0.08 + row * 0.12))
                x_start = 0 if side == 0 else int(W * 0.78)
                x_end = int(W * 0.22) if side == 0 else W
                cv2.rectangle(img, (x_start, y0 + int(H * 0.1)), (x_end, y0 + int(H * 0.11)), (90, 90, 95), -1)
                x = x_start
                while x < x_end:
                    bw = int(rng.uniform(0.01, 0.03) * W)
                    bh = int(rng.uniform(0.04, 0.09) * H)
                    col = tuple(int(c) for c in rng.integers(30, 230, 3))
                    cv2.rectangle(img, (x, y0 + int(H * 0.1) - bh), (x + bw - 2, y0 + int(H * 0.1)), col, -1)
                    x += bw
        for row in range(3):
            y0 = int(H * (0.12 + row * 0.1))
            x = int(W * 0.3)
            while x < int(W * 0.7):
                bw = int(rng.uniform(0.008, 0.02) * W)
                bh = int(rng.uniform(0.03, 0.06) * H)
                col = tuple(int(c) for c in rng.integers(40, 220, 3))
                cv2.rectangle(img, (x, y0 - bh), (x + bw - 1, y0), col, -1)
                x += bw
        if scene.layout in ("checkout", "kiosk"):   # a counter or a screen in the foreground
            cv2.rectangle(img, (0, int(H * 0.86)), (W, H), (70, 75, 80), -1)
    noise = rng.normal(0, 1, img.shape)
    return np.clip(img.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def _people(scene: Scene, rng: np.random.Generator) -> list[_Person]:
    W, H = scene.width, scene.height
    bank = _face_bank()
    people: list[_Person] = []
    n = scene.people
    for i in range(n):
        face = bank[int(rng.integers(0, len(bank)))] if i % 3 else bank[i // 3 % min(2, len(bank))]
        if rng.random() < 0.5:
            face = face[:, ::-1]
        hair = tuple(int(c) for c in rng.integers(10, 90, 3))
        shirt = tuple(int(c) for c in rng.integers(20, 235, 3))
        lay = scene.layout
        if lay == "entrance":          # walk from the back of the shop towards the camera
            dur = float(rng.uniform(4.0, 6.5))
            start = float(rng.uniform(-dur * 0.4, scene.seconds - dur * 0.3))
            x0 = rng.uniform(0.3, 0.7) * W
            x1 = rng.uniform(0.08, 0.92) * W
            path = [(x0, H * 0.38, scene.face_far), (x1, H * 0.72, scene.face_near)]
            people.append(_Person(face, start, dur, path, hair, shirt, ident=i))
        elif lay == "aisle":           # walk across the aisle at some depth
            depth = float(rng.uniform(0, 1))
            w = scene.face_far + (scene.face_near - scene.face_far) * depth
            y = H * (0.36 + 0.3 * depth)
            dur = float(rng.uniform(5.0, 8.0))
            start = float(rng.uniform(-dur * 0.5, scene.seconds - dur * 0.3))
            xs = (-0.05 * W, 1.05 * W) if rng.random() < 0.5 else (1.05 * W, -0.05 * W)
            path = [(xs[0], y, w), (xs[1], y + rng.uniform(-0.03, 0.03) * H, w * rng.uniform(0.9, 1.1))]
            people.append(_Person(face, start, dur, path, hair, shirt, sway=w * 0.1, phase=float(rng.uniform(0, 6)), ident=i))
        elif lay == "checkout":        # a cashier who stays, customers who queue and leave
            if i == 0:
                path = [(W * 0.78, H * 0.4, scene.face_near * 0.85)] * 2
                people.append(_Person(face, -1.0, scene.seconds + 2.0, path, hair, shirt, sway=scene.face_near * 0.15,
                                      phase=1.0, ident=i))
            else:
                dur = float(rng.uniform(4.0, 6.0))
                start = float((i - 1) * scene.seconds / max(1, n - 1) - 1.0)
                wf = float(rng.uniform(scene.face_far, scene.face_near))
                path = [(-0.05 * W, H * 0.48, wf * 0.9), (W * 0.35, H * 0.45, wf), (W * 0.38, H * 0.45, wf),
                        (-0.05 * W, H * 0.5, wf * 0.95)]
                people.append(_Person(face, start, dur, path, hair, shirt, sway=wf * 0.05, ident=i))
        elif lay == "kiosk":           # people stop in front of a screen that carries the camera
            dur = float(rng.uniform(4.0, 7.0))
            start = float(i * scene.seconds / n - 1.5)
            wf = float(rng.uniform(scene.face_far, scene.face_near))
            xc = float(rng.uniform(0.3, 0.7) * W)
            side = -0.1 * W if rng.random() < 0.5 else 1.1 * W
            path = [(side, H * 0.42, wf * 0.6), (xc, H * 0.4, wf), (xc + 0.02 * W, H * 0.4, wf), (W - side, H * 0.42, wf * 0.6)]
            people.append(_Person(face, start, dur, path, hair, shirt, sway=wf * 0.05, ident=i))
        elif lay == "overhead":        # seen from above; a few people at the edge show a small face
            dur = float(rng.uniform(3.0, 5.0))
            start = float(rng.uniform(-dur * 0.5, scene.seconds - dur * 0.3))
            edge = i % 4 == 0
            w = float(rng.uniform(scene.face_far, scene.face_near)) if edge else float(rng.uniform(0.05, 0.07) * W)
            if edge:
                y = H * float(rng.uniform(0.03, 0.1))
                path = [(-0.05 * W, y, w), (1.05 * W, y, w)]
            else:
                x = rng.uniform(0.15, 0.85) * W
                path = [(x, -0.1 * H, w), (x + rng.uniform(-0.2, 0.2) * W, 1.1 * H, w)]
            people.append(_Person(face, start, dur, path, hair, shirt, top_down=not edge, ident=i))
        else:
            raise ValueError(f"unknown layout {lay!r}")
    return people


def _paste_face(img: np.ndarray, face_rgb: np.ndarray, x: int, y: int, w: int, h: int) -> None:
    """Alpha-blend a face crop (with a soft elliptical edge) into img at (x, y, w, h), clipped to the frame."""
    H, W = img.shape[:2]
    if w < 2 or h < 2:
        return
    crop = cv2.resize(face_rgb, (w, h), interpolation=cv2.INTER_AREA if w < face_rgb.shape[1] else cv2.INTER_LINEAR)
    crop = cv2.cvtColor(crop, cv2.COLOR_RGB2BGR).astype(np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = ((xx - (w - 1) / 2) / (w / 2)) ** 2 + ((yy - (h - 1) / 2) / (h / 2)) ** 2
    alpha = np.clip((1.15 - d) / 0.3, 0, 1)[..., None]
    x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    sub = crop[y0 - y:y1 - y, x0 - x:x1 - x]
    a = alpha[y0 - y:y1 - y, x0 - x:x1 - x]
    region = img[y0:y1, x0:x1].astype(np.float32)
    img[y0:y1, x0:x1] = (sub * a + region * (1 - a)).astype(np.uint8)


def iter_scene(scene: Scene) -> Iterator[SyntheticFrame]:
    """Generate the scene's frames (BGR) with their ground-truth faces, deterministically."""
    rng = np.random.default_rng(scene.seed)
    bg = _background(scene, rng)
    people = _people(scene, rng)
    frames = round(scene.seconds * scene.fps)
    noise_rng = np.random.default_rng(scene.seed + 1000)
    H, W = scene.height, scene.width
    for i in range(frames):
        t = i / scene.fps
        img = bg.copy()
        owner = np.full((H, W), -1, np.int32)
        placed = []
        for p in people:
            pos = p.at(t)
            if pos is not None:
                placed.append((p, pos))
        placed.sort(key=lambda item: item[1][1] + item[1][2])   # far (small, high) first
        boxes = []
        for p, (cx, cy, fw) in placed:
            fh = fw * p.face.shape[0] / p.face.shape[1]
            x, y, w, h = round(cx - fw / 2), round(cy - fh / 2), round(fw), round(fh)
            if p.top_down:
                cv2.ellipse(img, (int(cx), int(cy) + int(fw * 0.9)), (int(fw * 1.5), int(fw * 0.8)), 0, 0, 360, p.shirt, -1)
                cv2.circle(img, (int(cx), int(cy)), int(fw * 0.55), p.hair, -1)
                cv2.rectangle(owner, (x, y), (x + w, y + int(fw * 2)), p.ident, -1)
                continue
            # body, hair, then the face on top
            cv2.ellipse(img, (int(cx), int(cy + fh * 1.25)), (int(fw * 1.15), int(fh * 0.7)), 0, 0, 360, p.shirt, -1)
            cv2.rectangle(img, (int(cx - fw * 1.0), int(cy + fh * 1.25)), (int(cx + fw * 1.0), int(cy + fh * 4.0)), p.shirt, -1)
            cv2.ellipse(img, (int(cx), int(cy - fh * 0.08)), (int(fw * 0.62), int(fh * 0.62)), 0, 0, 360, p.hair, -1)
            _paste_face(img, p.face, x, y, w, h)
            cv2.rectangle(owner, (int(cx - fw * 1.15), int(cy + fh * 0.55)), (int(cx + fw * 1.15), int(cy + fh * 4.0)),
                          p.ident, -1)
            cv2.ellipse(owner, (int(cx), int(cy - fh * 0.08)), (int(fw * 0.62), int(fh * 0.62)), 0, 0, 360, p.ident, -1)
            boxes.append((p, x, y, w, h))
        faces = []
        for p, x, y, w, h in boxes:
            x0, y0, x1, y1 = max(0, x), max(0, y), min(W, x + w), min(H, y + h)
            if x1 <= x0 or y1 <= y0:
                continue
            visible = float((owner[y0:y1, x0:x1] == p.ident).sum()) / float(w * h)
            faces.append({"x": x, "y": y, "w": w, "h": h, "person": p.ident, "frontal": True,
                          "visible": round(visible, 3)})
        if scene.low_light:
            img = np.clip(img.astype(np.float32) * 0.32 + noise_rng.normal(0, 5, img.shape), 0, 255).astype(np.uint8)
        yield SyntheticFrame(i, round(t, 4), img, faces)


def write_clip(scene: Scene, path: Path, *, fourcc: str = "mp4v") -> Path:
    """Write the scene as a video at `path` and its ground truth as JSON lines at `<path>.faces.jsonl`.

    Returns the ground-truth path. Every line: {"frame_index", "timestamp_s", "faces": [{x, y, w, h,
    person, frontal, visible}]}, `visible` being the share of the box not hidden by someone nearer.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), scene.fps, (scene.width, scene.height))
    if not writer.isOpened():
        raise RuntimeError(f"cannot write {path} with codec {fourcc}")
    truth = ground_truth_path(path)
    try:
        with truth.open("w", encoding="utf-8") as out:
            for frame in iter_scene(scene):
                writer.write(frame.pixels)
                out.write(json.dumps({"frame_index": frame.index, "timestamp_s": frame.timestamp_s,
                                      "faces": frame.faces}) + "\n")
    finally:
        writer.release()
    return truth


def ground_truth_path(clip: Path) -> Path:
    """Where the ground truth of a generated clip lives: `<clip>.faces.jsonl` beside it."""
    return Path(clip).with_name(Path(clip).name + ".faces.jsonl")


def read_ground_truth(path: Path) -> dict[int, list[dict]]:
    """Frame index -> ground-truth faces, from a `.faces.jsonl` file."""
    out: dict[int, list[dict]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[int(rec["frame_index"])] = rec["faces"]
    return out


def render_frame(scene: Scene, index: int) -> SyntheticFrame:
    """One frame of a scene in memory (generates the frames before it: scenes are cheap)."""
    for frame in iter_scene(scene):
        if frame.index == index:
            return frame
    raise IndexError(index)


def main(argv: list[str] | None = None) -> int:
    """`python -m auditor.footage.synth OUT_DIR [SCENE...]`: write the sample clips and their ground truth."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m auditor.footage.synth", description=main.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("scenes", nargs="*", metavar="SCENE",
                        help="scene names (default: the bundled ones): " + ", ".join(BENCH_SCENES))
    args = parser.parse_args(argv)
    unknown = [n for n in args.scenes if n not in BENCH_SCENES]
    if unknown:
        parser.error(f"unknown scene(s): {', '.join(unknown)}")
    for name in args.scenes or list(SCENES):
        clip = args.out_dir / f"{name}.mp4"
        write_clip(BENCH_SCENES[name], clip)
        print(f"{clip}  ({clip.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
