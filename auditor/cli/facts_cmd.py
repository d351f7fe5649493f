"""`auditor facts CONFIG [--footage CAM=PATH ...] [--no-footage]`: print the Facts document the rules see."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditor.cli import ExitCode
from auditor.cli.audit_cmd import TerminalProgress, add_answers_option, add_footage_options, request_from_args, run_inputs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("facts", help="print the Facts document (deployment + footage + derived facts)",
                       description="Print the Facts document the rules see: the deployment as declared, what "
                                   "footage analysis measured, and the derived facts (WP248 criteria with their "
                                   "reasons, DPIA decision, special categories, scale, ...), and the assessor answers the "
                                   "audit will apply (`answers`).")
    p.add_argument("config", metavar="CONFIG", help="deployment YAML file")
    add_footage_options(p)
    add_answers_option(p)
    p.add_argument("--out", metavar="FILE", help="write the JSON here instead of standard output")
    p.set_defaults(func=main, rules=[], waivers=None)


def main(args: argparse.Namespace) -> int:
    from auditor.audit import checked_answers, prepare_facts
    from auditor.core.fileio import atomic_writer, check_output
    from auditor.rules.packs import load_packs
    if args.out is not None:
        check_output(args.out, "--out", inputs=run_inputs(args))
    progress = TerminalProgress()
    try:
        request = request_from_args(args)
        answers, _ = checked_answers(request, load_packs([]))
        prepared = prepare_facts(request, progress=progress)
    finally:
        progress.close()
    if answers:                              # not facts (rules never read them): what the engine will apply
        prepared.facts["answers"] = [a.to_dict() for a in answers]
    for err in prepared.footage_errors:
        print(f"warning: footage of camera {err['camera']}: {err['path']}: {err['message']}", file=sys.stderr)
    text = json.dumps(prepared.facts, indent=2, ensure_ascii=False) + "\n"
    if args.out is not None and args.out != "-":
        try:
            with atomic_writer(Path(args.out)) as fh:
                fh.write(text)
        except OSError as exc:
            print(f"auditor facts: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return ExitCode.INVALID_INPUT
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return ExitCode.OK
