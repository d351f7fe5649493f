"""`auditor audit CONFIG ...`: run the audit, print a findings summary, write JSON/SARIF; exit code by severity."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from collections.abc import Callable

from auditor.cli import ExitCode
from auditor.core.errors import InputError
from auditor.core.i18n import languages
from auditor.core.model import AuditResult, Severity
from auditor.core.tasks import Progress

FAIL_ON = ("blocker", "major", "minor", "info", "none")


def parse_footage(values: list[str] | None) -> dict[str, list[Path]]:
    """`--footage CAM=PATH` (repeatable) -> {camera: [paths]}; raise InputError for a malformed value."""
    from auditor.core.errors import Problem
    out: dict[str, list[Path]] = {}
    problems = []
    for value in values or []:
        cam, sep, path = value.partition("=")
        if not sep or not cam.strip() or not path.strip():
            problems.append(Problem("--footage", "expected CAMERA_ID=PATH", found=repr(value)))
            continue
        out.setdefault(cam.strip(), []).append(Path(path.strip()))
    if problems:
        raise InputError(problems)
    return out


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


def add_footage_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--footage", action="append", metavar="CAM=PATH",
                   help="footage file for a camera (repeatable); replaces the config's `footage:` list for "
                        "that camera and may be anywhere on disk")
    p.add_argument("--no-footage", action="store_true", help="do not analyse any footage")
    p.add_argument("--sample-fps", type=_positive, default=None, metavar="N",
                   help="frames per second sampled from each clip (default: the analysis default)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="audit date (default: today, or SOURCE_DATE_EPOCH)")


def add_answers_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--answers", metavar="FILE",
                   help="assessor answers to the audit's questions (YAML, see docs/answers.md); added to the "
                        "config's own `answers:` section")


def add_report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="REPORT", help="write the DPIA report here: .pdf, .docx (Word) or .odt "
                                                   "(LibreOffice), chosen by the file's extension")
    p.add_argument("--lang", choices=languages(), default="en", help="language of the report (default: en)")
    p.add_argument("--assessor", metavar="NAME", help="the assessor's name, printed on the report's cover")
    p.add_argument("--mask", choices=("solid", "pixelate", "blur"), default="solid",
                   help="how faces are masked on the report's evidence frames (default: solid); whatever a "
                        "verification detector still finds is filled solid whatever the style")
    p.add_argument("--actions", metavar="PLAN", help="write the action plan as a spreadsheet (.xlsx or .csv): one row "
                                                     "per action, owner and due-date columns to fill")
    p.add_argument("--pia", metavar="OUT.json", help="write a file the CNIL's PIA software imports (its JSON export "
                                                    "format)")
    p.add_argument("--baseline", metavar="OLD.json", help="the JSON report of the previous assessment: the report "
                                                          "gets a 'Changes since the last assessment' section")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="audit a deployment: findings summary, JSON and SARIF",
                       description="Audit a deployment config (and its sample footage) against the rule packs. "
                                   "Exit status: 0 OK, 1 a finding at or above --fail-on is not waived, "
                                   "2 bad input, 130 interrupted.")
    p.add_argument("config", metavar="CONFIG", help="deployment YAML file")
    add_footage_options(p)
    p.add_argument("--rules", action="append", default=[], metavar="DIR",
                   help="also load the rule packs in DIR (repeatable); validated like the built-in ones")
    p.add_argument("--waivers", metavar="FILE", help="waiver YAML file")
    add_answers_option(p)
    p.add_argument("--json", metavar="OUT", help="write the JSON report here")
    p.add_argument("--sarif", metavar="OUT", help="write the SARIF 2.1.0 log here")
    add_report_options(p)
    p.add_argument("--fail-on", choices=FAIL_ON, default="none",
                   help="exit 1 when a finding at or above this severity is not waived (default: none)")
    p.add_argument("-q", "--quiet", action="store_true", help="print the verdict line only")
    p.set_defaults(func=main)


def request_from_args(args: argparse.Namespace) -> Any:
    from auditor.audit import DEFAULT_SAMPLE_FPS, AuditRequest
    from auditor.core.answers import load_answers
    answers = load_answers(Path(args.answers)) if getattr(args, "answers", None) else []
    return AuditRequest(answers=answers, config=Path(args.config), footage=parse_footage(getattr(args, "footage", None)),
                        rule_dirs=[Path(d) for d in getattr(args, "rules", []) or []],
                        waivers=Path(args.waivers) if getattr(args, "waivers", None) else None,
                        sample_fps=args.sample_fps if args.sample_fps is not None else DEFAULT_SAMPLE_FPS,
                        analyse_footage=not args.no_footage, audit_date=args.date,
                        lang=getattr(args, "lang", None) or "en")


# --- outputs: (argument name, writer); another output is one more entry ---------------------------------

def _write_json(result: AuditResult, path: Path, args: argparse.Namespace) -> None:
    from auditor.report.json_report import write_json
    write_json(result, path)


def _write_sarif(result: AuditResult, path: Path, args: argparse.Namespace) -> None:
    from auditor.audit import subject_regions
    from auditor.report.sarif import write_sarif
    write_sarif(result, path, lang=getattr(args, "lang", None) or "en", regions=subject_regions(args.config))


def _write_report(result: AuditResult, path: Path, args: argparse.Namespace) -> None:
    from auditor.report.formats import write_report
    progress = TerminalProgress()
    try:
        write_report(result, path, lang=getattr(args, "lang", None) or "en",
                     assessor=getattr(args, "assessor", None), progress=progress,
                     changes=getattr(args, "changes", None), mask=getattr(args, "mask", None) or "solid")
    finally:
        progress.close()


def _write_actions(result: AuditResult, path: Path, args: argparse.Namespace) -> None:
    from auditor.report.actions import write_actions
    write_actions(result, path, lang=getattr(args, "lang", None) or "en")


def _write_pia(result: AuditResult, path: Path, args: argparse.Namespace) -> None:
    from auditor.report.pia import write_pia
    write_pia(result, path, lang=getattr(args, "lang", None) or "en", assessor=getattr(args, "assessor", None))


OUTPUTS: list[tuple[str, Callable[[AuditResult, Path, argparse.Namespace], None]]] = [
    ("json", _write_json),
    ("sarif", _write_sarif),
    ("out", _write_report),
    ("actions", _write_actions),
    ("pia", _write_pia),
]


STDOUT_OK = {"json", "sarif"}         # machine outputs may go to standard output (`-`)


def run_inputs(args: argparse.Namespace, result: AuditResult | None = None) -> list[Path]:
    """Every input file of a run, so that no output replaces one: config, waivers, answers, rule files and
    footage (given with --footage, or, once the audit has run, every footage file it read)."""
    inputs = [Path(args.config)]
    for attr in ("waivers", "answers"):
        if getattr(args, attr, None):
            inputs.append(Path(getattr(args, attr)))
    for values in parse_footage(getattr(args, "footage", None)).values():
        inputs += values
    for folder in getattr(args, "rules", None) or []:
        if Path(folder).is_dir():
            inputs += [p for p in Path(folder).rglob("*") if p.is_file()]
    if result is not None:
        base = Path(args.config).resolve().parent
        inputs += [base / i.path for i in result.inputs if i.kind in ("footage", "answers")]
    return inputs


def output_targets(args: argparse.Namespace, result: AuditResult | None = None) -> list[Any]:
    """Check every output the arguments ask for (raise InputError, exit 2, before any work is done)."""
    from auditor.core.fileio import check_outputs
    values = {f"--{attr}": getattr(args, attr, None) for attr, _ in OUTPUTS}
    return check_outputs(values, inputs=run_inputs(args, result),
                         allow_stdout={f"--{attr}" for attr in STDOUT_OK | {"out"}})


def write_outputs(result: AuditResult, args: argparse.Namespace) -> list[str]:
    """Write every output the arguments ask for as one set: all staged first, then renamed together.

    Return what was written ("standard output" for `-`). A failure or Ctrl-C before the end writes nothing.
    """
    from auditor.core.fileio import OutputSet
    targets = {t.option: t for t in output_targets(args, result)}
    with OutputSet() as outputs:
        for attr, writer in OUTPUTS:
            target = targets.get(f"--{attr}")
            if target is not None:
                writer(result, outputs.stage(target), args)
        return outputs.commit()


# --- printing -------------------------------------------------------------------------------------------

class TerminalProgress:
    """One status line on stderr while footage is analysed (only when stderr is a terminal)."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self.last = ""

    def __call__(self, p: Progress) -> None:
        if not self.active:
            return
        total = f"/{p.total}" if p.total else ""
        line = f"\r{p.step or 'working'}: {p.note} {p.done}{total}".ljust(60)[:79]
        if line != self.last:
            sys.stderr.write(line)
            sys.stderr.flush()
            self.last = line

    def close(self) -> None:
        if self.active and self.last:
            sys.stderr.write("\r" + " " * 79 + "\r")
            sys.stderr.flush()


def verdict_line(result: AuditResult) -> str:
    counts = result.counts()
    waived = sum(result.counts(waived=True).values())
    derived = result.facts.get("derived", {})
    parts = ", ".join(f"{counts[s.value]} {s.value}" for s in Severity)
    return (f"Verdict: {result.verdict().text.en}; DPIA required: {'yes' if derived.get('dpia_required') else 'no'}; "
            f"findings: {parts}; waived: {waived}")


def print_summary(result: AuditResult, *, out: Any = None) -> None:
    from auditor.report.json_report import sorted_findings
    out = out or sys.stdout
    facts = result.facts
    store = facts.get("store", {})
    derived = facts.get("derived", {})
    print(f"{store.get('name', '?')} ({store.get('country', '?')}): {len(facts.get('cameras', []))} cameras, "
          f"{len(facts.get('activities', []))} processing activities; audit date {facts.get('audit', {}).get('date')}",
          file=out)
    wp = derived.get("wp248", {})
    print(f"DPIA required: {'YES' if derived.get('dpia_required') else 'no'}"
          + (f" (WP248 criteria met: {', '.join(str(n) for n in wp.get('met', []))})" if wp.get("met") else ""),
          file=out)
    for reason in derived.get("dpia_reasons", []):
        print(f"  - {reason}", file=out)
    print(f"Verdict: {result.verdict().text.en}", file=out)
    for f in sorted_findings(result.verdict_findings()):
        print(f"  - {f.rule_id} on {f.subject}: {f.title.en}", file=out)
    findings = sorted_findings(result.findings)
    if findings:
        print("Findings:", file=out)
    for f in findings:
        mark = " [waived]" if f.is_waived else (" [question]" if f.question else "")
        mark += " [answered by the assessor]" if f.answer is not None else ""
        print(f"  {f.severity.value.upper():<8} {f.rule_id:<42} {f.subject:<28} {f.message.en}{mark}", file=out)
    if result.checks:
        n = {o: sum(1 for c in result.checks if c.outcome.value == o)
             for o in ("passed", "failed", "not_applicable", "question")}
        print(f"Checks: {len(result.checks)} ({n['passed']} passed, {n['failed']} failed, "
              f"{n['not_applicable']} not applicable, {n['question']} questions)", file=out)
    passed = [c for c in result.checks if c.answer is not None and c.answer.decision == "passed"]
    if passed:
        print("Passed, answered by the assessor:", file=out)
    for c in passed:
        print(f"  PASSED   {c.rule_id:<42} {c.subject:<28} {c.answer.describe('en')}", file=out)  # type: ignore[union-attr]
    for p in result.packs:
        print(f"Pack {p.id} {p.version}, checked {p.checked} ({p.rule_count} rules)", file=out)
    for w in result.warnings:           # warnings go to standard error, whatever stream carries the summary
        print(f"warning: {w}", file=sys.stderr)
    print(verdict_line(result), file=out)


def fails(result: AuditResult, threshold: str) -> bool:
    if threshold == "none":
        return False
    limit = Severity(threshold).rank
    return any(f.severity.rank >= limit and not f.is_waived for f in result.findings)


def check_output_names(args: argparse.Namespace) -> None:
    """Refuse an output whose extension names no format before any work is done (InputError, exit 2)."""
    from auditor.core.errors import Problem
    from auditor.report.actions import ACTION_FORMATS, actions_format
    from auditor.report.formats import REPORT_FORMATS, report_format
    for option, check, names in (("out", report_format, REPORT_FORMATS), ("actions", actions_format, ACTION_FORMATS)):
        if getattr(args, option, None):
            try:
                check(getattr(args, option))
            except ValueError:
                raise InputError([Problem(f"--{option}", "unknown format; expected a file name ending in "
                                          + ", ".join(names), found=repr(getattr(args, option)))]) from None


def main(args: argparse.Namespace) -> int:
    from auditor.audit import run_audit
    check_output_names(args)
    output_targets(args)               # a bad output path fails now, not after minutes of footage analysis
    to_stdout = any(getattr(args, attr, None) == "-" for attr, _ in OUTPUTS)
    text_out = sys.stderr if to_stdout else sys.stdout
    baseline = None
    if getattr(args, "baseline", None):
        from auditor.report.diff import load_audit_json
        baseline = load_audit_json(args.baseline)
    progress = TerminalProgress()
    try:
        request = request_from_args(args)
        result = run_audit(request, progress=progress)
    finally:
        progress.close()
    if baseline is not None:
        from auditor.report.diff import diff_results
        args.changes = diff_results(baseline, result)
    try:
        written = write_outputs(result, args)
    except OSError as exc:
        print(f"auditor audit: cannot write the outputs ({exc.filename or ''}: {exc.strerror or exc}); "
              "none was written", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    if args.quiet:
        for w in result.warnings:
            print(f"warning: {w}", file=sys.stderr)
        print(verdict_line(result), file=text_out)
    else:
        print_summary(result, out=text_out)
    if baseline is not None:
        d = args.changes
        print(f"Changes since {args.baseline}: {len(d.resolved)} resolved, {len(d.new_findings)} new, "
              f"{len(d.changed)} severity changed, {len(d.unchanged)} unchanged", file=text_out)
    for path in written:
        print(f"wrote {path}", file=text_out)
    return ExitCode.FINDINGS if fails(result, args.fail_on) else ExitCode.OK
