"""Footage benchmark: face-detection recall/precision per face width and speed, on generated CCTV footage.

Generates the scenes of auditor.footage.synth (720p and 1080p; aisle, entrance, overhead, checkout,
low light, signage) into a temporary folder, then, in the same run and on the same decoded frames:

* the default stack as `analyze_camera` runs it (per-camera calibration, then the tuned detector);
* CenterFace at full resolution (scale 1, no small-face band);
* MediaPipe BlazeFace (full-range model), the measured alternative;
* decode-only speed of the same clips.

Prints recall and precision (IoU >= 0.3) per face-width bucket, frames per second, and the projected time
to audit one hour of 720p at the default sampling rate. Writes auditor/footage/detector_recall.json
(measured recall per bucket, read by analyze_camera into the facts). Nothing is hard-coded.

    python3 dev.py bench            or      .venv/bin/python bench/bench_footage.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from auditor.footage import analyze, synth
from auditor.footage.detectors import CctvFaceDetector, MediaPipeDetector
from auditor.footage.frames import iter_frames, probe
from auditor.footage.tracking import iou

BUCKETS = [("<15", 0, 15), ("15-20", 15, 20), ("20-40", 20, 40), ("40-80", 40, 80), (">80", 80, 1e9)]
IOU = 0.3
MIN_VISIBLE = 0.6          # faces more hidden than this are "don't care": neither a miss nor a false alarm
EVAL_FPS = 2.0             # frames evaluated per second of each generated clip
SOURCE_FPS = 25.0          # the projection assumes 25 fps CCTV recordings
OUT = Path(__file__).resolve().parent.parent / "auditor" / "footage" / analyze.RECALL_FILE


def bucket_of(width: float) -> int:
    return next(i for i, (_, lo, hi) in enumerate(BUCKETS) if lo <= width < hi)


class Score:
    def __init__(self) -> None:
        self.tp = np.zeros(len(BUCKETS))
        self.gt = np.zeros(len(BUCKETS))
        self.fp = np.zeros(len(BUCKETS))
        self.det = np.zeros(len(BUCKETS))
        self.seconds = 0.0
        self.frames = 0

    def add(self, truth: list[dict], faces, seconds: float) -> None:
        self.seconds += seconds
        self.frames += 1
        used: set[int] = set()
        ignored: set[int] = set()
        for g in sorted(truth, key=lambda g: -g["w"]):
            box = (g["x"], g["y"], g["w"], g["h"])
            best, best_j = 0.0, None
            for j, f in enumerate(faces):
                if j in used or j in ignored:
                    continue
                v = iou(box, f.box)
                if v > best:
                    best, best_j = v, j
            matched = best >= IOU
            if g["visible"] < MIN_VISIBLE:
                if matched:
                    ignored.add(best_j)
                continue
            k = bucket_of(g["w"])
            self.gt[k] += 1
            if matched:
                used.add(best_j)
                self.tp[k] += 1
        for j, f in enumerate(faces):
            if j in ignored:
                continue
            k = bucket_of(f.w)
            self.det[k] += 1
            self.fp[k] += j not in used

    def merge(self, other: Score) -> None:
        for name in ("tp", "gt", "fp", "det"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.frames += other.frames

    def recall(self) -> list[float | None]:
        return [None if n == 0 else float(t / n) for t, n in zip(self.tp, self.gt)]

    def precision(self) -> list[float | None]:
        return [None if n == 0 else float(1 - f / n) for f, n in zip(self.fp, self.det)]

    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds else 0.0


def fmt(values: list[float | None]) -> str:
    return " ".join(f"{'   -' if v is None else f'{v:4.2f}':>6}" for v in values)


def decode_fps(clip: Path) -> float:
    cap = cv2.VideoCapture(str(clip))
    n, start = 0, time.perf_counter()
    while cap.grab():
        n += 1
    cap.release()
    return n / (time.perf_counter() - start)


def cpu_model() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        model = platform.processor() or "unknown"
    import os

    return f"{model}, {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer scenes (a smoke run); does not write the JSON")
    parser.add_argument("--no-write", action="store_true", help="do not write detector_recall.json")
    args = parser.parse_args(argv)
    names = list(synth.BENCH_SCENES) if not args.quick else ["aisle_720p", "entrance_720p"]

    stack_total, full_total, blaze_total = Score(), Score(), Score()
    rows = []
    projections = []
    full = CctvFaceDetector(scale=1.0, band=None)
    blaze = MediaPipeDetector(model_selection=1)
    with tempfile.TemporaryDirectory(prefix="bench-footage-") as tmp:
        for name in names:
            scene = synth.BENCH_SCENES[name]
            clip = Path(tmp) / f"{name}.mp4"
            truth = synth.read_ground_truth(synth.write_clip(scene, clip))
            dec = decode_fps(clip)
            frames = list(iter_frames(probe(clip, with_hash=False), sample_fps=EVAL_FPS))
            # Warm-up (untimed): onnxruntime plans each new input shape once per process, a one-off cost
            # that would otherwise land on the few calibration frames a short clip has.
            warm = analyze._CameraDetector(analyze.default_detector())
            for fr in frames[:analyze.CALIBRATION_FRAMES + 2]:
                warm.detect(fr.pixels)
            full.detect(frames[0].pixels)
            blaze.detect(frames[0].pixels)
            cam = analyze._CameraDetector(analyze.default_detector())
            s_stack, s_full, s_blaze = Score(), Score(), Score()
            sweep_s, tuned_s, tuned_n = 0.0, 0.0, 0
            # One detector at a time over the clip (interleaving them would time their interference too).
            for i, fr in enumerate(frames):
                t0 = time.perf_counter()
                faces = cam.detect(fr.pixels)
                t = time.perf_counter() - t0
                s_stack.add(truth[fr.index], faces, t)
                if i < analyze.CALIBRATION_FRAMES:
                    sweep_s += t
                else:
                    tuned_s += t
                    tuned_n += 1
            for fr in frames:
                t0 = time.perf_counter()
                faces = full.detect(fr.pixels)
                s_full.add(truth[fr.index], faces, time.perf_counter() - t0)
            for fr in frames:
                t0 = time.perf_counter()
                faces = blaze.detect(fr.pixels)
                s_blaze.add(truth[fr.index], faces, time.perf_counter() - t0)
            tuned_per = tuned_s / max(1, tuned_n)
            sweep_per = sweep_s / max(1, min(len(frames), analyze.CALIBRATION_FRAMES))
            # One hour at the default rate: calibration sweeps + tuned frames + decoding every source frame.
            n = int(3600 * analyze.DEFAULT_SAMPLE_FPS)
            sweeps = analyze.CALIBRATION_FRAMES + n // analyze.RECALIBRATE_EVERY
            hour = sweeps * sweep_per + (n - sweeps) * tuned_per + 3600 * SOURCE_FPS / dec
            if scene.height == 720:
                projections.append((name, hour))
            rows.append((name, scene, cam.current.describe() if cam.current else {}, s_stack, s_full, s_blaze,
                         dec, tuned_per, hour))
            stack_total.merge(s_stack)
            full_total.merge(s_full)
            blaze_total.merge(s_blaze)
            print(f"  {name}: done", file=sys.stderr, flush=True)

    head = " ".join(f"{b[0]:>6}" for b in BUCKETS)
    print(f"\nMachine: {cpu_model()}; {dt.date.today().isoformat()}; IoU >= {IOU}; "
          f"{EVAL_FPS:g} frames/s evaluated per clip; default sampling {analyze.DEFAULT_SAMPLE_FPS:g} fps\n")
    print(f"{'scene':22} {'detector':16} recall by face width ({head.strip()})  precision by width"
          f"          det fps  decode fps")
    for name, _scene, tuned, s, f, b, dec, tuned_per, _hour in rows:
        for label, sc, extra in (("stack", s, f"{1 / tuned_per if tuned_per else 0:7.1f}"),
                                 ("centerface-full", f, f"{f.fps():7.1f}"), ("blazeface-full", b, f"{b.fps():7.1f}")):
            print(f"{name if label == 'stack' else '':22} {label:16} {fmt(sc.recall())}   {fmt(sc.precision())}"
                  f"  {extra}  {dec if label == 'stack' else 0:9.0f}".replace("        0", "         "))
        print(f"{'':22} {'':16} GT faces per bucket: {' '.join(f'{int(x):>5}' for x in s.gt)};  "
              f"tuned: {tuned}")
    print()
    for label, sc in (("stack", stack_total), ("centerface-full", full_total), ("blazeface-full", blaze_total)):
        print(f"{'ALL':22} {label:16} {fmt(sc.recall())}   {fmt(sc.precision())}  {sc.fps():7.1f}")
    print(f"{'':22} {'':16} GT faces per bucket: {' '.join(f'{int(x):>5}' for x in stack_total.gt)}")
    print(f"\nProjected time for 1 h of 720p at {analyze.DEFAULT_SAMPLE_FPS:g} fps sampling "
          f"({SOURCE_FPS:g} fps source, decode included; target < 180 s):")
    for name, hour in projections:
        print(f"  {name:22} {hour:6.0f} s  ({3600 / hour:4.1f}x real time)")

    if not args.quick and not args.no_write:
        def named(sc: Score) -> dict:
            return {"recall_by_width": {b[0]: (None if r is None else round(r, 3))
                                        for b, r in zip(BUCKETS, sc.recall())},
                    "precision_by_width": {b[0]: (None if p is None else round(p, 3))
                                           for b, p in zip(BUCKETS, sc.precision())},
                    "faces_by_width": {b[0]: int(n) for b, n in zip(BUCKETS, sc.gt)}}
        doc = {"written_by": "bench/bench_footage.py", "date": dt.date.today().isoformat(),
               "machine": cpu_model(), "iou": IOU, "scenes": names,
               "note": "generated footage (auditor.footage.synth); real CCTV may differ",
               "detectors": {"centerface-cctv": named(stack_total), "centerface-full": named(full_total),
                             blaze.name: named(blaze_total)}}
        OUT.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
