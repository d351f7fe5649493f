"""`auditor demo`: audit every bundled example deployment, print a summary table, write one example's outputs."""

from __future__ import annotations

import argparse
import importlib.resources
import sys
from pathlib import Path

from auditor.cli import ExitCode
from auditor.core.errors import InputError
from auditor.core.model import Severity

DEFAULT_EXAMPLE_HINT = "emotion"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="audit the bundled example deployments",
                       description="Audit every bundled example deployment (assets/deployments), print a summary "
                                   "table, then run the full audit of one example with its sample footage and write "
                                   "its DPIA report (PDF, in English and French), JSON and SARIF into the output "
                                   "folder.")
    p.add_argument("--example", metavar="NAME", help="the example whose outputs are written (file name or part "
                                                     f"of it; default: the first containing {DEFAULT_EXAMPLE_HINT!r})")
    p.add_argument("--out-dir", default="out", metavar="DIR", help="output folder (default: ./out)")
    p.add_argument("--no-footage", action="store_true", help="do not analyse the chosen example's footage")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="audit date (default: today, or SOURCE_DATE_EPOCH)")
    p.set_defaults(func=main)


def example_files() -> list[Path]:
    with importlib.resources.as_file(importlib.resources.files("auditor_assets") / "deployments") as folder:
        return sorted(Path(folder).glob("*.yaml"))


def choose_example(files: list[Path], name: str | None) -> Path | None:
    if name:
        for f in files:
            if f.name == name or f.stem == name:
                return f
        matches = [f for f in files if name in f.name]
        return matches[0] if matches else None
    hinted = [f for f in files if DEFAULT_EXAMPLE_HINT in f.name]
    return (hinted or files)[0] if (hinted or files) else None


def main(args: argparse.Namespace) -> int:
    from auditor.audit import AuditRequest, run_audit, subject_regions
    from auditor.cli.audit_cmd import TerminalProgress, print_summary
    from auditor.core.fileio import OutputSet, check_outputs
    from auditor.report.json_report import write_json
    from auditor.report.pdf import write_pdf
    from auditor.report.sarif import write_sarif

    files = example_files()
    if not files:
        print("auditor demo: no example deployment is bundled (assets/deployments/*.yaml)", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    chosen = choose_example(files, args.example)
    if chosen is None:
        print(f"auditor demo: no example matches {args.example!r}; examples: "
              + ", ".join(f.stem for f in files), file=sys.stderr)
        return ExitCode.INVALID_INPUT
    header = f"{'example':<40} {'DPIA':<5} {'verdict':<22} " + " ".join(f"{s.value:>7}" for s in Severity)
    print(header)
    print("-" * len(header))
    bad = 0
    for path in files:
        try:
            result = run_audit(AuditRequest(config=path, analyse_footage=False, audit_date=args.date))
        except InputError as exc:
            bad += 1
            print(f"{path.stem:<40} invalid: {exc.problems[0].format() if exc.problems else exc}")
            continue
        counts = result.counts()
        print(f"{path.stem:<40} {'yes' if result.facts['derived']['dpia_required'] else 'no':<5} "
              f"{result.verdict().value:<22} " + " ".join(f"{counts[s.value]:>7}" for s in Severity))
    print()
    use_footage = not args.no_footage
    progress = TerminalProgress()
    try:
        result = run_audit(AuditRequest(config=chosen, analyse_footage=use_footage, audit_date=args.date),
                           progress=progress)
    finally:
        progress.close()
    out_dir = Path(args.out_dir)
    names = [f"{chosen.stem}.json", f"{chosen.stem}.sarif", f"{chosen.stem}.en.pdf", f"{chosen.stem}.fr.pdf"]
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        targets = check_outputs({str(out_dir / n): out_dir / n for n in names})
        with OutputSet() as outputs:          # written as a set: Ctrl-C or an error leaves none behind
            staged = [outputs.stage(t) for t in targets]
            write_json(result, staged[0])
            write_sarif(result, staged[1], regions=subject_regions(chosen))
            pdfs = []
            for lang, tmp in (("en", staged[2]), ("fr", staged[3])):
                pdfs.append(write_pdf(result, tmp, lang=lang, progress=progress))
                progress.close()
            outputs.commit()
    except OSError as exc:
        print(f"auditor demo: cannot write to {out_dir}: {exc.strerror or exc}; nothing was written",
              file=sys.stderr)
        return ExitCode.INVALID_INPUT
    json_path, sarif_path = out_dir / names[0], out_dir / names[1]
    print(f"== {chosen.stem}" + ("" if use_footage else " (footage not analysed)"))
    print_summary(result)
    print(f"wrote {json_path}")
    print(f"wrote {sarif_path}")
    for name, summary in zip(names[2:], pdfs):
        print(f"wrote {out_dir / name} ({summary.pages} pages, {summary.frames_embedded} redacted evidence frames, "
              f"{summary.faces_masked} faces masked)")
    return ExitCode.INVALID_INPUT if bad else ExitCode.OK
