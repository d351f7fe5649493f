"""Memory benchmark: peak resident memory of the real `auditor analyze` command on large footage.

Generates, in a temporary folder, an 8000x8000 PNG still, an 8000x8000 JPEG still and a 4K (3840x2160)
clip of a store entrance, then runs `python -m auditor analyze FILE --json OUT` on each under
`/usr/bin/time -v` and prints the "Maximum resident set size" (the whole process: Python, onnxruntime,
MediaPipe, decoded frames). The limit to stay under is 1.5 GiB.

    .venv/bin/python bench/bench_memory.py
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from auditor.footage import synth

LIMIT_MIB = 1536
ROOT = Path(__file__).resolve().parent.parent


def _still(path: Path, side: int) -> Path:
    """A large still: a store scene frame tiled to side x side (real content, so the detector has work)."""
    frame = synth.render_frame(synth.BENCH_SCENES["entrance_1080p"], 30).pixels
    reps = (side // frame.shape[0] + 1, side // frame.shape[1] + 1, 1)
    big = np.tile(frame, reps)[:side, :side]
    cv2.imwrite(str(path), big, [cv2.IMWRITE_JPEG_QUALITY, 85] if path.suffix == ".jpg" else [])
    return path


def _clip_4k(path: Path, seconds: float) -> Path:
    scene = replace(synth.BENCH_SCENES["entrance_1080p"], name="entrance_4k", width=3840, height=2160,
                    seconds=seconds, face_far=60, face_near=360)
    synth.write_clip(scene, path)
    return path


def peak_mib(cmd: list[str]) -> tuple[float, float, int]:
    """Peak RSS (MiB), wall time (s) and exit code of a command, from /usr/bin/time -v."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    wall = time.perf_counter() - start
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if not match:
        raise RuntimeError(f"no memory figure from /usr/bin/time:\n{proc.stderr[-2000:]}")
    return int(match.group(1)) / 1024, wall, proc.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the 4K clip (default 20 s)")
    args = parser.parse_args(argv)
    if not Path("/usr/bin/time").exists():
        print("bench_memory: /usr/bin/time is needed (Debian/Ubuntu: apt install time)", file=sys.stderr)
        return 2
    with open("/proc/loadavg", encoding="ascii") as fh:
        load_before = fh.read().split()[:3]
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        tmpdir = Path(tmp)
        inputs = [_still(tmpdir / "still_8000.png", 8000), _still(tmpdir / "still_8000.jpg", 8000),
                  _clip_4k(tmpdir / "entrance_4k.mp4", args.seconds)]
        for path in inputs:
            out = tmpdir / f"{path.stem}.json"
            mib, wall, rc = peak_mib([sys.executable, "-m", "auditor", "analyze", str(path), "--json", str(out)])
            rows.append((path.name, path.stat().st_size / 1e6, mib, wall, rc))
            print(f"  {path.name}: {mib:.0f} MiB", file=sys.stderr, flush=True)
    with open("/proc/loadavg", encoding="ascii") as fh:
        load_after = fh.read().split()[:3]
    print(f"\nPeak resident memory of `auditor analyze` (limit {LIMIT_MIB} MiB); load average before "
          f"{' '.join(load_before)}, after {' '.join(load_after)}\n")
    print(f"{'input':22} {'size MB':>8} {'peak MiB':>9} {'wall s':>7} {'exit':>5}  verdict")
    worst = 0
    for name, size, mib, wall, rc in rows:
        ok = mib < LIMIT_MIB and rc == 0
        worst = max(worst, 0 if ok else 1)
        print(f"{name:22} {size:8.1f} {mib:9.0f} {wall:7.1f} {rc:5d}  {'ok' if ok else 'OVER LIMIT or failed'}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
