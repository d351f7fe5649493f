"""Fleet benchmark: the real `auditor fleet` command on a synthetic chain, with 1 and 2 Dask workers.

Builds a chain of N stores (default 40) from the bundled example deployments: each store gets its own copy
of its example's config and sample clips, each clip made distinct (a trailing MP4 `free` box carrying the
store's name changes its SHA-256 but not a pixel), so that no store can reuse another's cached result.
Then runs, for each worker count, `auditor fleet CHAIN --out-dir OUT --workers W` as a subprocess with a fresh
cache, end to end (cluster start, footage chunks, rules, outputs, roll-up), and prints the wall time, the
camera-hours of footage analysed, the throughput, the speed-up of 2 workers over 1, and the projected wall
time of a 100-store chain with 20 cameras of one hour each (2,000 camera-hours) at N workers, from the
measured cost per camera-hour and the measured parallel efficiency. Nothing is hard-coded.

    .venv/bin/python bench/bench_fleet.py [--stores 40] [--workers 1 2] [--pdf]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assets" / "deployments"
TARGET_CAMERA_HOURS = 100 * 20 * 1.0


def build_chain(folder: Path, stores: int) -> None:
    """N store folders, each with its example's config and its own distinct copies of the clips."""
    configs = sorted(EXAMPLES.glob("*.yaml"))
    for i in range(stores):
        src = configs[i % len(configs)]
        store = folder / f"store-{i + 1:03d}"
        (store / "footage").mkdir(parents=True)
        shutil.copy(src, store / src.name)
        for clip in sorted((EXAMPLES / "footage").glob("*.mp4")):
            if f"footage/{clip.name}" not in src.read_text(encoding="utf-8"):
                continue
            data = clip.read_bytes()
            payload = f"bench store {i + 1}".encode()
            box = struct.pack(">I", 8 + len(payload)) + b"free" + payload    # a valid top-level MP4 box
            (store / "footage" / clip.name).write_bytes(data + box)


def run(chain: Path, out: Path, workers: int, pdf: bool, footage: bool = True) -> dict:
    cmd = [sys.executable, "-m", "auditor", "fleet", str(chain), "--out-dir", str(out), "--workers", str(workers),
           "--date", "2026-12-04"]
    if not pdf:
        cmd.append("--no-pdf")
    if not footage:
        cmd.append("--no-footage")
    start = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"fleet failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    rollup = json.loads((out / "fleet.json").read_text(encoding="utf-8"))
    return {"workers": workers, "wall_s": wall, "camera_hours": rollup["summary"]["footage_hours"],
            "stores": rollup["summary"]["audited"], "failed": rollup["summary"]["failed"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stores", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--pdf", action="store_true", help="also write every store's DPIA PDF")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        chain = Path(tmp) / "chain"
        build_chain(chain, args.stores)
        rules_only = run(chain, Path(tmp) / "out-nofootage", args.workers[0], args.pdf, footage=False)
        results = [run(chain, Path(tmp) / f"out-{w}", w, args.pdf) for w in args.workers]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average at the end {load:.1f}")
    print(f"chain: {args.stores} stores from the {len(list(EXAMPLES.glob('*.yaml')))} examples; PDFs: "
          f"{'yes' if args.pdf else 'no'}")
    print(f"{'workers':>7} {'footage':>8} {'wall s':>8} {'camera-h':>9} {'× real time':>12} {'stores/min':>11}")
    for r, footage in [(rules_only, "no"), *[(r, "yes") for r in results]]:
        rate = r["camera_hours"] * 3600 / r["wall_s"] if r["camera_hours"] else 0.0
        print(f"{r['workers']:>7} {footage:>8} {r['wall_s']:>8.1f} {r['camera_hours']:>9.3f} {rate:>12.1f} "
              f"{r['stores'] * 60 / r['wall_s']:>11.1f}")
    base = results[0]
    efficiency = 1.0
    if len(results) > 1:
        last = results[-1]
        speedup = base["wall_s"] / last["wall_s"]
        efficiency = speedup / (last["workers"] / base["workers"])
        print(f"speed-up {last['workers']} vs {base['workers']} workers: {speedup:.2f}× "
              f"(parallel efficiency {efficiency:.0%})")
    # Worker-seconds per store without footage (config, rules, outputs, cluster start shared) and per
    # camera-hour of footage (the difference between the runs with and without footage, one worker).
    per_store = rules_only["wall_s"] * rules_only["workers"] / max(1, rules_only["stores"])
    footage_s = max(0.0, base["wall_s"] - rules_only["wall_s"]) * base["workers"]
    per_camera_hour = footage_s / base["camera_hours"] if base["camera_hours"] else float("nan")
    print(f"measured cost: {per_store:.1f} worker-s per store without footage; {per_camera_hour:.0f} worker-s per "
          "camera-hour of footage (end to end)")
    print(f"projection for 100 stores × 20 cameras × 1 h ({TARGET_CAMERA_HOURS:.0f} camera-hours), assuming the "
          f"measured efficiency ({efficiency:.0%}) holds:")
    for n in (2, 8, 32, 100):
        hours = (100 * per_store + TARGET_CAMERA_HOURS * per_camera_hour) / (n * efficiency) / 3600
        print(f"  {n:>3} workers: {hours:8.1f} h")
    return 0


if __name__ == "__main__":
    sys.exit(main())
