"""`auditor redact INPUT... -o OUT`: write redacted copies of footage (every face masked, verified)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from auditor.cli import ExitCode
from auditor.core.fileio import InterruptedAfterCommit
from auditor.core.tasks import Progress

MASKS = ("solid", "pixelate", "blur")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("redact", help="write redacted copies of footage (faces masked on every frame)",
                       description="Write a copy of each video (mp4, mkv, avi, mov) or still (jpg, png) with every "
                                   "face masked on every frame: the analysis detector stack on key frames, tracks "
                                   "and a margin of frames in between, then an independent detector (MediaPipe "
                                   "BlazeFace) on every masked frame, which fills solid whatever it still finds. "
                                   "Audio is dropped and container metadata is not copied unless --keep-audio. "
                                   "Each output gets a JSON sidecar (<output>.redaction.json). Exit status: 0 "
                                   "done, 2 bad input, 130 interrupted.")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path, help="video or image files")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT",
                   help="output file (one input), or an existing folder (the copies keep their file names)")
    p.add_argument("--mask", choices=MASKS, default="solid",
                   help="how faces are masked (default: solid, which leaves nothing of the face; pixelate and "
                        "blur keep a coarse shape); a face the verification still finds is filled solid")
    p.add_argument("--keep-audio", action="store_true", help="copy the audio streams (default: dropped)")
    p.add_argument("--detect-every", type=_positive_int, default=None, metavar="N",
                   help="run the full detector on one frame in N (default: about 4 per second of footage); the "
                        "frames between are masked from the face tracks and verified one by one")
    p.set_defaults(func=main)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def plan(inputs: list[Path], output: Path) -> list[tuple[Path, Path]]:
    """(input, output) pairs; raises ValueError with a message when the outputs cannot be decided."""
    if len(inputs) > 1 or output.is_dir():
        if not output.is_dir():
            raise ValueError(f"{output}: with several inputs, -o must be an existing folder")
        pairs = [(src, output / src.name) for src in inputs]
    else:
        pairs = [(inputs[0], output)]
    seen: dict[Path, Path] = {}
    for src, dst in pairs:
        key = dst.resolve()
        if key in seen:
            raise ValueError(f"{dst}: both {seen[key]} and {src} would be written there")
        seen[key] = src
    return pairs


def sidecar_path(dst: Path) -> Path:
    return dst.with_name(dst.name + ".redaction.json")


class _Bar:
    """A rich progress bar on stderr (frames, fps, ETA); silent when stderr is not a terminal."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        console = Console(stderr=True)
        self.enabled = console.is_terminal
        self.bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("frames {task.fields[fps]} fps"), TimeElapsedColumn(),
                                TextColumn("ETA"), TimeRemainingColumn(), console=console, transient=True,
                                disable=not self.enabled)
        self.task: Any = None

    def start(self, name: str) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(name, total=None, fps="-")
        self.bar.start()

    def __call__(self, p: Progress) -> None:
        if self.task is None:
            return
        task = self.bar.tasks[-1]
        speed = task.speed
        self.bar.update(self.task, completed=p.done, total=p.total or None,
                        fps=f"{speed:.1f}" if speed else "-")

    def stop(self) -> None:
        self.bar.stop()


def main(args: argparse.Namespace) -> int:
    try:
        pairs = plan(list(args.inputs), args.output)
    except ValueError as exc:
        print(f"auditor redact: {exc}", file=sys.stderr)
        return ExitCode.INVALID_INPUT

    from auditor.footage.frames import (
        FootageError,  # cv2, onnxruntime and mediapipe load here
    )
    from auditor.footage.video import RedactionError, check_paths, failure_parts, redact_video

    for src, dst in pairs:                                     # refuse bad outputs before any work
        try:
            check_paths(src, dst)
            if sidecar_path(dst).resolve() == src.resolve():
                raise RedactionError(f"{sidecar_path(dst)}: the sidecar would overwrite the input")
        except RedactionError as exc:
            print(f"auditor redact: {exc}", file=sys.stderr)
            return ExitCode.INVALID_INPUT
    bar = _Bar()
    done: list[Path] = []
    failed = 0
    try:
        for src, dst in pairs:
            bar.start(src.name)
            try:
                report = redact_video(src, dst, mask=args.mask, keep_audio=args.keep_audio,
                                      detect_every=args.detect_every, progress=bar, sidecar=sidecar_path(dst))
            except (RedactionError, FootageError, OSError) as exc:     # OSError: e.g. the disk filled up
                bar.stop()
                file, why = failure_parts(exc, src, dst)
                print(f"auditor redact: {file}: {why}; nothing written", file=sys.stderr)
                failed += 1
                continue
            bar.stop()
            done.append(dst)
            added = len(report.verification_added)
            print(f"wrote {dst} ({report.frames} frames, {report.frames_masked} with masks, {report.masks_total} "
                  f"masks, {added} frame(s) where verification added one; {report.mask}, audio {report.audio}) "
                  f"and {sidecar_path(dst).name}")
            for note in report.notes:
                print(f"  note: {note}")
    except KeyboardInterrupt as exc:
        bar.stop()
        committed = isinstance(exc, InterruptedAfterCommit)    # Ctrl-C while the finished copy was renamed in
        if committed:
            done.append(dst)
        kept = f"; finished: {', '.join(str(d) for d in done)}" if done else ""
        lost = "" if committed else "; the copy in progress was not written"
        print(f"auditor redact: interrupted{lost}{kept}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    finally:
        bar.stop()
    return ExitCode.INVALID_INPUT if failed else ExitCode.OK
