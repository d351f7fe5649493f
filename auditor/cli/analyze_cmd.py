"""`auditor analyze FOOTAGE...`: analyse one camera's footage and write its footage facts as JSON."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import IO

from auditor import __version__
from auditor.cli import ExitCode
from auditor.core.tasks import Progress

SCHEMA_VERSION = 1


def _sample_fps(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 120:
        raise argparse.ArgumentTypeError(f"must be between 0 and 120 frames per second, not {text}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("analyze", help="analyse footage: faces, identification capability (facts JSON)",
                       description="Analyse one camera's sample footage (mp4, mkv, avi, mov videos; jpg, png "
                                   "stills): faces per frame, face sizes, DORI class, recognition-grade "
                                   "frontal faces, people and dwell. Writes the footage facts as JSON.")
    p.add_argument("footage", nargs="+", metavar="FOOTAGE", type=Path, help="video or image files of one camera")
    p.add_argument("--camera", default=None, metavar="ID", help="camera id (default: the first file's name)")
    p.add_argument("--sample-fps", type=_sample_fps, default=None, metavar="N",
                   help="frames analysed per second of video (default 0.5: one frame every 2 seconds)")
    p.add_argument("--json", required=True, metavar="OUT", help="write the facts here (- for standard output)")
    p.add_argument("--detections", metavar="OUT.jsonl",
                   help="also write every analysed frame's face boxes as JSON lines")
    p.set_defaults(func=main)


class _Bar:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.start = time.monotonic()

    def __call__(self, p: Progress) -> None:
        if not self.enabled:
            return
        if p.total:
            frac = min(1.0, p.done / p.total)
            bar = "#" * int(30 * frac) + "-" * (30 - int(30 * frac))
            text = f"\r{p.note} [{bar}] {p.done}/{p.total} frames"
        else:
            text = f"\r{p.note} {p.done} frames"
        self.stream.write(f"{text}  {time.monotonic() - self.start:5.0f}s ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def main(args: argparse.Namespace) -> int:
    from auditor.core.fileio import OutputSet, check_outputs, write_text_atomic
    targets = check_outputs({"--json": args.json, "--detections": args.detections}, inputs=args.footage,
                            allow_stdout={"--json", "--detections"})
    to_stdout = any(t.kind == "stdout" for t in targets)

    from auditor.footage.analyze import DEFAULT_SAMPLE_FPS, analyze_camera   # cv2 and onnxruntime load here

    camera = args.camera or args.footage[0].stem
    bar = _Bar(sys.stderr)
    with OutputSet() as outputs:             # both files are written as a set, or neither
        staged = {t.option: outputs.stage(t) for t in targets}
        det_out = staged["--detections"].open("w", encoding="utf-8") if "--detections" in staged else None
        try:
            def on_frame(record: dict) -> None:
                if det_out is not None:
                    det_out.write(json.dumps(record, separators=(",", ":")) + "\n")

            facts = analyze_camera(camera, args.footage, sample_fps=args.sample_fps or DEFAULT_SAMPLE_FPS,
                                   progress=bar, on_frame=on_frame)
        finally:
            bar.close()
            if det_out is not None:
                det_out.close()
        for err in facts["errors"]:
            print(f"auditor analyze: {err['path']}: {err['message']}", file=sys.stderr)
        for warn in facts.get("warnings", []):
            print(f"auditor analyze: warning: {warn['path']}: {warn['message']}", file=sys.stderr)
        if not facts["analysed"]:
            print("auditor analyze: no footage could be analysed; nothing was written.", file=sys.stderr)
            return ExitCode.INVALID_INPUT
        doc = {"schema_version": SCHEMA_VERSION, "tool": f"auditor {__version__}",
               "cameras": [{"id": camera, "footage": facts}]}
        if "--json" in staged:
            write_text_atomic(staged["--json"], json.dumps(doc, indent=2) + "\n")
        try:
            outputs.commit()
        except OSError as exc:
            print(f"auditor analyze: cannot write the outputs ({exc.filename or ''}: {exc.strerror or exc}); "
                  "none was written", file=sys.stderr)
            return ExitCode.INVALID_INPUT
    print(summary(camera, facts), file=sys.stderr if to_stdout else sys.stdout)
    return ExitCode.OK


def summary(camera: str, f: dict) -> str:
    """A few human-readable lines about one camera's footage facts."""
    ok = sum(1 for x in f["files"] if not x["error"])
    lines = [f"camera {camera}: {ok} of {len(f['files'])} file(s) analysed, {f['frames_analysed']} frames "
             f"at {f['sample_fps']:g} fps over {f['duration_s']:.1f} s"]
    if f["resolution"]:
        lines.append(f"  resolution        {f['resolution']['width']}x{f['resolution']['height']}")
    lines.append(f"  faces per frame   mean {f['faces_per_frame']['mean']:.2f}, max {f['faces_per_frame']['max']}")
    dwell = f"{f['median_dwell_s']:.1f} s" if f["median_dwell_s"] is not None else "unknown"
    lines.append(f"  distinct people   ~{f['distinct_people']} (median dwell {dwell})")
    if f["face_width_px"]:
        w = f["face_width_px"]
        lines.append(f"  face width (px)   p10 {w['p10']:.0f}, p50 {w['p50']:.0f}, p90 {w['p90']:.0f}, max {w['max']:.0f}")
    lines.append(f"  DORI class        {f['dori_class']}")
    grade = "YES" if f["face_recognition_grade"] else "no"
    lines.append(f"  recognition-grade frontal faces: {grade} "
                 f"({100 * f['identification_grade_share']:.0f}% of sampled frames)")
    for e in f["evidence_frames"]:
        lines.append(f"  evidence          {Path(e['path']).name} frame {e['frame_index']} "
                     f"({e['timestamp_s']:.1f} s): {e['reason']}, {len(e['faces'])} face(s)")
    for err in f["errors"]:
        lines.append(f"  not analysed      {err['path']}: {err['message']}")
    for warn in f.get("warnings", []):
        lines.append(f"  partly read       {warn['path']}: {warn['message']}")
    return "\n".join(lines)
