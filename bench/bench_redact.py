"""Redaction benchmark: `auditor redact` against `deface` on generated CCTV clips with exact ground truth.

For each scene (the clips of bench/bench_footage.py: 720p, 12 fps, MPEG-4 Part 2, as many people per minute
as the scene's original, generated into a temporary folder or reused from `--workdir`), in the same run:

* `auditor redact CLIP -o OUT` (the real command, in a subprocess, default settings), timed end to end (wall
  time, and the CPU time of the process: user + system);
* `deface CLIP -o OUT` (the PyPI package and its full dependencies, with onnxruntime, installed by this script
  into a throw-away virtual environment), timed the same way;
* for both outputs, every frame is compared with the source: a ground-truth face (at least 60 % visible) is
  *masked* when the detail inside its box is gone (variance of the Laplacian below a quarter of the source's,
  or the box changed by more than 40 grey levels on average). Recall of masked faces per face-width band,
  and "leak frames": frames where a face of >= 20 px (or of any size) is left unmasked.

It also measures how much of a face the two softer mask styles leave to a detector: ground-truth faces of
>= 20 px masked with pixelate / blur (no verification fill), then searched with CenterFace at full resolution
and the BlazeFace family; the share still found is printed. And how much of the picture `auditor redact`
masks: the mean share of the frame under its masks (from its sidecar), beside the share the ground-truth
faces' own boxes would take, enlarged like the masks (over-masking hides what people do, which the footage
handed to a data subject or a court must still show).

    .venv/bin/python bench/bench_redact.py [--minutes 5] [--scenes aisle_720p entrance_720p ...] [--workdir DIR [--reuse-deface]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import cv2
import numpy as np
from bench_footage import long_scene

from auditor.core.fileio import sha256_file
from auditor.footage import synth
from auditor.footage.detectors import CctvFaceDetector, CenterFaceModel
from auditor.footage.redact import Verifier, default_verifier, enlarge, mask_region
from auditor.footage.tracking import iou

BANDS = [("<15", 0, 15), ("15-20", 15, 20), ("20-40", 20, 40), ("40-80", 40, 80), (">80", 80, 1e9)]
MIN_VISIBLE = 0.6
LEAK_MIN_PX = 20
DEFAULT_SCENES = ["aisle_720p", "entrance_720p", "lowlight_aisle_720p", "checkout_closeup", "overhead_counting",
                  "signage_analytics"]
ROOT = Path(__file__).resolve().parent.parent


def band_of(width: float) -> int:
    return next(i for i, (_, lo, hi) in enumerate(BANDS) if lo <= width < hi)


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


# --- deface in a throw-away environment ---------------------------------------------------------------------------

def deface_env(folder: Path) -> Path:
    """A virtual environment with deface and its full dependencies (plus onnxruntime, its fast backend)."""
    env = folder / "deface-venv"
    exe = env / "bin" / "deface"
    if not exe.exists():
        venv.EnvBuilder(with_pip=True).create(env)
        subprocess.run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "deface", "onnxruntime"],
                       check=True)
    return exe


# --- scoring -------------------------------------------------------------------------------------------------------

def _laplacian_var(gray: np.ndarray) -> float:
    return float(cv2.Laplacian(gray, cv2.CV_64F).var()) if gray.size else 0.0


def is_masked(src: np.ndarray, out: np.ndarray, face: dict) -> bool:
    H, W = src.shape[:2]
    x, y, w, h = face["x"], face["y"], face["w"], face["h"]
    # the central 80 % of the box: the face itself, not the background in its corners
    x0, y0 = max(0, int(x + 0.1 * w)), max(0, int(y + 0.1 * h))
    x1, y1 = min(W, int(x + 0.9 * w)), min(H, int(y + 0.9 * h))
    if x1 - x0 < 3 or y1 - y0 < 3:
        return True
    a = cv2.cvtColor(src[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY)
    b = cv2.cvtColor(out[y0:y1, x0:x1], cv2.COLOR_BGR2GRAY)
    if np.abs(a.astype(np.int16) - b.astype(np.int16)).mean() > 40:
        return True
    return _laplacian_var(b) < 0.25 * max(_laplacian_var(a), 1e-6)


class Score:
    def __init__(self) -> None:
        self.masked = np.zeros(len(BANDS))
        self.total = np.zeros(len(BANDS))
        self.leak_frames = 0          # a face >= LEAK_MIN_PX left unmasked
        self.leak_frames_any = 0      # a face of any size left unmasked
        self.frames = 0
        self.seconds = 0.0
        self.cpu = 0.0

    def add_frame(self, src: np.ndarray, out: np.ndarray | None, faces: list[dict]) -> None:
        self.frames += 1
        leak = leak_any = False
        for f in faces:
            if f["visible"] < MIN_VISIBLE:
                continue
            k = band_of(f["w"])
            self.total[k] += 1
            ok = out is not None and is_masked(src, out, f)
            self.masked[k] += ok
            if not ok:
                leak_any = True
                leak |= f["w"] >= LEAK_MIN_PX
        self.leak_frames += leak
        self.leak_frames_any += leak_any

    def recall(self) -> list[float | None]:
        return [None if n == 0 else float(m / n) for m, n in zip(self.masked, self.total)]

    @property
    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds else 0.0


def score_outputs(clip: Path, truth: dict[int, list[dict]], outputs: dict[str, Path]) -> dict[str, Score]:
    """Decode the source and every output in step and score each output against the ground truth."""
    scores = {name: Score() for name in outputs}
    src = cv2.VideoCapture(str(clip))
    caps = {name: cv2.VideoCapture(str(p)) for name, p in outputs.items()}
    i = 0
    while True:
        ok, frame = src.read()
        if not ok:
            break
        for name, cap in caps.items():
            ok_out, out = cap.read()
            if ok_out and out.shape != frame.shape:
                out = cv2.resize(out, (frame.shape[1], frame.shape[0]))
            scores[name].add_frame(frame, out if ok_out else None, truth.get(i, []))
        i += 1
    for cap in [src, *caps.values()]:
        cap.release()
    return scores


def style_strength(clip: Path, truth: dict[int, list[dict]], *, every: int = 10, limit: int = 60) -> dict[str, float]:
    """Share of >= 20 px faces a detector still finds after pixelate / blur masks (no verification fill)."""
    cf = CctvFaceDetector(scale=1.0, band=None, pose=False,
                          model=CenterFaceModel(precision="fp32", deface_defaults=True))   # deface's model
    blaze: Verifier | None = default_verifier()
    found = {"pixelate": 0, "blur": 0}
    faces_n = 0
    cap = cv2.VideoCapture(str(clip))
    i = used = 0
    while used < limit:
        ok, frame = cap.read()
        if not ok:
            break
        faces = [f for f in truth.get(i, []) if f["visible"] >= MIN_VISIBLE and f["w"] >= LEAK_MIN_PX]
        if i % every == 0 and faces:
            used += 1
            faces_n += len(faces)
            for style in found:
                img = frame.copy()
                for j, f in enumerate(faces):
                    rect = enlarge((f["x"], f["y"], f["w"], f["h"]), img.shape)
                    if rect is not None:
                        mask_region(img, rect, seed=j, style=style)
                boxes = [d.box for d in cf.full_sweep(img)] + (blaze.find(img) if blaze else [])
                found[style] += sum(any(iou((f["x"], f["y"], f["w"], f["h"]), b) >= 0.3 for b in boxes)
                                    for f in faces)
        i += 1
    cap.release()
    return {k: v / faces_n for k, v in found.items()} if faces_n else {}


# --- the run -------------------------------------------------------------------------------------------------------

def masked_share(sidecar: dict, truth: dict[int, list[dict]], shape: tuple[int, int]) -> tuple[float, float]:
    """The mean share of the frame under a mask in `auditor redact`'s output (the union of the sidecar's mask
    rectangles and verification fills), and the share the ground-truth faces' own boxes enlarged like the masks
    would take (what masking them needs at least). deface writes no record of its masks: not measured for it."""
    H, W = shape
    k = 4                                            # on a grid of 4 x 4 pixels

    def cover(grid: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> None:
        grid[max(0, int(y0) // k):max(0, int(np.ceil(y1 / k))), max(0, int(x0) // k):max(0, int(np.ceil(x1 / k)))] = True

    got = need = 0.0
    for rec in sidecar["per_frame"]:
        masks, faces = np.zeros((H // k + 1, W // k + 1), bool), np.zeros((H // k + 1, W // k + 1), bool)
        for x0, y0, x1, y1 in rec["boxes"]:
            cover(masks, x0, y0, x1, y1)
        for x, y, w, h in rec.get("added_by_verification", []):
            cover(masks, x, y, x + w, y + h)
        for f in truth.get(rec["frame"], []):
            rect = enlarge((f["x"], f["y"], f["w"], f["h"]), (H, W, 3)) if f["visible"] > 0 else None
            if rect is not None:
                cover(faces, *rect)
        got, need = got + float(masks.mean()), need + float(faces.mean())
    n = max(1, len(sidecar["per_frame"]))
    return got / n, need / n


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the command and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed ({done.returncode}): {done.stderr[-800:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _deface_run(deface: Path, clip: Path, out: Path, *, reuse: bool) -> tuple[float, float]:
    """deface on `clip` (timed), or, with `reuse`, the output and times an earlier run recorded for the same clip
    and deface version (`<out>.json`). deface's work does not change with our code, and it takes about five times
    as long as ours: a re-run of our side can reuse it. The output says which."""
    digest = sha256_file(clip)
    version = subprocess.run([str(deface.with_name("python")), "-c",
                              "from importlib.metadata import version; print(version('deface'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    record = out.with_suffix(".json")
    if reuse and out.exists() and record.exists():
        old = json.loads(record.read_text(encoding="utf-8"))
        if old.get("clip_sha256") == digest and old.get("deface") == version:
            print(f"  deface {version}: output and times reused from the run of {old['when']} "
                  f"(load then: {old['load_before']} / {old['load_after']})")
            return float(old["wall_s"]), float(old["cpu_s"])
    before = load()
    wall, cpu = timed([str(deface), str(clip), "-o", str(out)])
    record.write_text(json.dumps({"clip": clip.name, "clip_sha256": digest, "deface": version, "wall_s": wall,
                                  "cpu_s": cpu, "when": dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
                                  "load_before": before, "load_after": load()}, indent=1), encoding="utf-8")
    return wall, cpu


def fmt(values: list[float | None]) -> str:
    return " ".join(f"{'-' if v is None else f'{v:.3f}':>6}" for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="length of each generated clip (default 5)")
    parser.add_argument("--scenes", nargs="+", default=DEFAULT_SCENES, choices=sorted(synth.BENCH_SCENES))
    parser.add_argument("--workdir", type=Path, help="keep clips, outputs and the deface venv here")
    parser.add_argument("--no-deface", action="store_true", help="skip the deface reference")
    parser.add_argument("--reuse-deface", action="store_true",
                        help="reuse deface's output and times from an earlier run in --workdir when its record "
                             "names the same clip (SHA-256) and deface version; said in the output")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    tmp_ctx = tempfile.TemporaryDirectory(prefix="bench-redact-") if args.workdir is None else None
    work = Path(tmp_ctx.name) if tmp_ctx else args.workdir
    work.mkdir(parents=True, exist_ok=True)
    print(f"{dt.date.today()}; {os.cpu_count()} cores; load before: {load()}")
    deface = None if args.no_deface else deface_env(work)
    results = []
    try:
        for name in args.scenes:
            scene = long_scene(name, args.minutes)
            clip = work / f"{name}_{args.minutes:g}min.mp4"             # the name bench_footage.py --clips uses
            truth_path = synth.ground_truth_path(clip)
            if not (clip.exists() and truth_path.exists()
                    and len(synth.read_ground_truth(truth_path)) == round(scene.seconds * scene.fps)):
                synth.write_clip(scene, clip)            # (a clip kept in --workdir is reused at the same length)
            truth = synth.read_ground_truth(truth_path)
            outputs: dict[str, Path] = {}
            seconds: dict[str, tuple[float, float]] = {}
            ours = work / f"{name}.auditor.mp4"
            ours.unlink(missing_ok=True)
            seconds["auditor"] = timed([sys.executable, "-m", "auditor", "redact", str(clip), "-o", str(ours)])
            outputs["auditor"] = ours
            if deface is not None:
                theirs = work / f"{name}.deface.mp4"
                seconds["deface"] = _deface_run(deface, clip, theirs, reuse=args.reuse_deface)
                outputs["deface"] = theirs
            scores = score_outputs(clip, truth, outputs)
            for k, s in scores.items():
                s.seconds, s.cpu = seconds[k]
            sidecar = json.loads((work / f"{name}.auditor.mp4.redaction.json").read_text())
            strength = style_strength(clip, truth)
            sidecar["masked_share"] = masked_share(sidecar, truth, (scene.height, scene.width))
            results.append((name, scene, scores, sidecar, strength))
            _print_scene(name, scene, scores, sidecar, strength)
    finally:
        print(f"load after: {load()}")
        if tmp_ctx:
            tmp_ctx.cleanup()
    _print_summary(results, args.minutes)
    if args.json:
        args.json.write_text(json.dumps([{
            "scene": n, "frames": sc["auditor"].frames,
            "recall": {k: s.recall() for k, s in sc.items()}, "fps": {k: s.fps for k, s in sc.items()},
            "wall_s": {k: s.seconds for k, s in sc.items()}, "cpu_s": {k: s.cpu for k, s in sc.items()},
            "leak_frames_20px": {k: s.leak_frames for k, s in sc.items()},
            "leak_frames_any": {k: s.leak_frames_any for k, s in sc.items()},
            "verification_added_frames": len(side["frames_verification_added"]), "style_found": st,
            "masked_share": {"auditor": side["masked_share"][0], "faces_enlarged": side["masked_share"][1]}}
            for n, _, sc, side, st in results], indent=1))
    return 0


def _print_scene(name, scene, scores, sidecar, strength) -> None:
    frames = scores["auditor"].frames
    print(f"\n{name} ({scene.width}x{scene.height}, {scene.fps:g} fps, {frames} frames); GT faces per band "
          + " ".join(f"{b[0]}:{int(n)}" for b, n in zip(BANDS, scores["auditor"].total)))
    print(f"  {'tool':8} {'masked recall ' + ' '.join(b[0] for b in BANDS):>44}  leak>=20px  leak-any     fps"
          "  wall s   cpu s")
    for k, s in scores.items():
        print(f"  {k:8} {fmt(s.recall()):>44}  {s.leak_frames:10d}  {s.leak_frames_any:8d}  {s.fps:6.2f}"
              f"  {s.seconds:6.1f}  {s.cpu:6.1f}")
    if "deface" in scores and scores["deface"].fps:
        print(f"  speed ratio auditor/deface: {scores['auditor'].fps / scores['deface'].fps:.2f}x (wall), "
              f"{scores['deface'].cpu / max(scores['auditor'].cpu, 1e-9):.2f}x (CPU time)")
    print(f"  verification added a mask on {len(sidecar['frames_verification_added'])} frame(s); key frame every "
          f"{sidecar['detect_every']}; faces >= 20 px still found after pixelate/blur (no fill): "
          + ", ".join(f"{k} {v:.2f}" for k, v in strength.items()))
    got, need = sidecar["masked_share"]
    print(f"  share of the frame under a mask: {got:.3f} (the faces' own boxes, enlarged like the masks: {need:.3f})")


def _print_summary(results, minutes) -> None:
    print(f"\nSummary ({minutes:g}-minute clips)")
    print(f"{'scene':22} {'auditor recall <15 15-20 20-40 40-80 >80':>42} {'deface recall':>36} "
          f"{'leak20 a/d':>11} {'fps a':>6} {'fps d':>6} {'ratio':>6} {'masked a/faces':>15}")
    for name, _, sc, side, _ in results:
        a, d = sc["auditor"], sc.get("deface")
        got, need = side["masked_share"]
        print(f"{name:22} {fmt(a.recall()):>42} {fmt(d.recall()) if d else '-':>36} "
              f"{a.leak_frames:>5}/{d.leak_frames if d else '-':<5} {a.fps:6.2f} {d.fps if d else 0:6.2f} "
              f"{(a.fps / d.fps) if d and d.fps else 0:5.2f}x {got:7.3f}/{need:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
