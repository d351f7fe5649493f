"""`auditor fleet MANIFEST|FOLDER --out-dir DIR`: audit every store of a chain on Dask distributed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditor.cli import ExitCode
from auditor.cli.audit_cmd import _positive
from auditor.core.i18n import languages
from auditor.core.model import Severity

FAIL_ON = ("blocker", "major", "minor", "info", "none")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fleet", help="audit every store of a chain (Dask distributed)",
        description="Audit every deployment config of a folder (searched recursively) or of a manifest "
                    "(YAML: `stores: [{config: PATH, id: NAME, footage: {CAM: [PATH]}, waivers: PATH}]`). Footage "
                    "is cut into chunks analysed as tasks on Dask distributed: a local cluster sized to this "
                    "machine, or an existing one with --scheduler (its workers need `pip install` of this project "
                    "and the configs and footage at the same paths). Results are cached by the SHA-256 of their "
                    "inputs, rule packs and models: a re-run recomputes only what changed, an interrupted run "
                    "resumes. Writes each store's JSON, SARIF and PDF under OUT/stores/ID/, and the roll-up "
                    "OUT/fleet.json, OUT/fleet.html and OUT/fleet.pdf. Exit status: 0 every store audited, 1 a store "
                    "failed or a finding at or above --fail-on is not waived, 2 bad input, 130 interrupted.")
    p.add_argument("target", metavar="MANIFEST|FOLDER", help="a folder of deployment YAML files, or a manifest")
    p.add_argument("--out-dir", required=True, metavar="DIR", help="output folder (created if needed)")
    p.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="use this running Dask scheduler instead of a "
                                                                  "local cluster")
    p.add_argument("--workers", type=int, metavar="N", help="local cluster size (default: one per CPU core)")
    p.add_argument("--chunk-minutes", type=_positive, default=10.0, metavar="M",
                   help="minutes of footage per analysis task (default: 10)")
    p.add_argument("--sample-fps", type=_positive, default=None, metavar="N",
                   help="frames per second sampled from each clip (default: the analysis default)")
    p.add_argument("--no-footage", action="store_true", help="do not analyse any footage")
    p.add_argument("--no-pdf", action="store_true", help="do not write the stores' DPIA PDFs")
    p.add_argument("--lang", choices=languages(), default="en", help="language of the stores' reports")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="audit date (default: today, or SOURCE_DATE_EPOCH)")
    p.add_argument("--cache-dir", metavar="DIR", help="result cache (default: OUT/.cache)")
    p.add_argument("--fail-on", choices=FAIL_ON, default="none",
                   help="exit 1 when a store has a finding at or above this severity that is not waived")
    p.set_defaults(func=main)


class RichProgress:
    """Stores done, camera-hours analysed, throughput (× real time) and ETA on stderr, with rich."""

    def __init__(self) -> None:
        from rich.console import Console
        self.console = Console(stderr=True)
        self.live: Any = None
        self.shown_dashboard = False

    def __call__(self, snap: Any) -> None:
        if snap.dashboard and not self.shown_dashboard:
            self.console.print(f"Dask dashboard: {snap.dashboard}")
            self.shown_dashboard = True
        if not self.console.is_terminal:
            return
        from rich.live import Live
        if self.live is None:
            self.live = Live(console=self.console, refresh_per_second=4, transient=True)
            self.live.start()
        self.live.update(self._line(snap))

    @staticmethod
    def _line(snap: Any) -> str:
        rate = snap.realtime_factor
        eta = snap.eta_s
        hours = f"{snap.camera_s_done / 3600:.2f}/{snap.camera_s_total / 3600:.2f} camera-h"
        speed = f"{rate:.0f}× real time" if rate else "…"
        left = f"ETA {int(eta // 60)}:{int(eta % 60):02d}" if eta is not None else "ETA …"
        return (f"stores {snap.stores_done}/{snap.stores_total}  chunks {snap.chunks_done}/{snap.chunks_total}  "
                f"{hours}  {speed}  {left}")

    def close(self) -> None:
        if self.live is not None:
            self.live.stop()


def main(args: argparse.Namespace) -> int:
    from auditor.fleet.rollup import (
        build_rollup,
        rollup_html,
        rollup_json,
        run_facts,
        write_rollup_pdf,
    )
    from auditor.fleet.runner import FleetOptions, atomic_write_bytes, run_fleet

    if args.workers is not None and args.workers < 1:
        print("auditor fleet: --workers must be at least 1", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    out_dir = Path(args.out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        print(f"auditor fleet: {out_dir}: exists and is not a folder", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    options = FleetOptions(scheduler=args.scheduler, workers=args.workers, chunk_s=args.chunk_minutes * 60,
                           sample_fps=args.sample_fps, analyse_footage=not args.no_footage, lang=args.lang,
                           pdf=not args.no_pdf, audit_date=args.date,
                           cache_dir=Path(args.cache_dir) if args.cache_dir else None)
    out_dir.mkdir(parents=True, exist_ok=True)
    progress = RichProgress()
    try:
        run = run_fleet(Path(args.target), out_dir, options, progress=progress)
    except KeyboardInterrupt:
        print("auditor fleet: interrupted; the stores already finished are written and every finished task is "
              "cached: run the same command again to resume.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    finally:
        progress.close()
    rollup = build_rollup(run)
    atomic_write_bytes(out_dir / "fleet.json", rollup_json(rollup))
    atomic_write_bytes(out_dir / "fleet.html", rollup_html(rollup))
    write_rollup_pdf(rollup, out_dir / "fleet.pdf")
    _print_summary(rollup, run_facts(run))
    failed = rollup["summary"]["failed"]
    if failed or _fails(rollup, args.fail_on):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _fails(rollup: dict[str, Any], threshold: str) -> bool:
    if threshold == "none":
        return False
    limit = Severity(threshold).rank
    return any(st["status"] == "ok" and any(n and Severity(sev).rank >= limit for sev, n in st["counts"].items())
               for st in rollup["stores"])


def _print_summary(rollup: dict[str, Any], facts: dict[str, Any]) -> None:
    from auditor.fleet.rollup import VERDICT_LABEL
    s = rollup["summary"]
    print(f"{s['stores']} stores: {s['audited']} audited, {s['failed']} failed; "
          + "; ".join(f"{VERDICT_LABEL[k]}: {v}" for k, v in s["by_verdict"].items())
          + f"; DPIA required: {s['dpia_required']}")
    for st in rollup["stores"]:
        if st["status"] != "ok":
            print(f"  FAILED {st['id']}: {st['problems'][0] if st['problems'] else ''}")
            for extra in st["problems"][1:4]:
                print(f"         {extra}")
    if s["stores_contradicting_config"]:
        print("footage contradicts the config: " + ", ".join(s["stores_contradicting_config"]))
    print(f"{facts['camera_hours']:.2f} camera-hours in {facts['wall_s']:.1f} s on {facts['workers']} workers "
          f"({facts['scheduler']}); from cache: {facts['cached_chunks']} chunks, {facts['cached_stores']} stores")
    print("wrote fleet.json, fleet.html, fleet.pdf and stores/*/ in the output folder")
