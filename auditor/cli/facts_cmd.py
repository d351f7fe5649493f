"""`auditor facts CONFIG [--footage CAM=PATH ...] [--no-footage]`: print the Facts document the rules see."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from auditor.cli import ExitCode
from auditor.cli.audit_cmd import TerminalProgress, add_footage_options, request_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("facts", help="print the Facts document (deployment + footage + derived facts)",
                       description="Print the Facts document the rules see: the deployment as declared, what "
                                   "footage analysis measured, and the derived facts (WP248 criteria with their "
                                   "reasons, DPIA decision, special categories, scale, ...).")
    p.add_argument("config", metavar="CONFIG", help="deployment YAML file")
    add_footage_options(p)
    p.add_argument("--out", metavar="FILE", help="write the JSON here instead of standard output")
    p.set_defaults(func=main, rules=[], waivers=None)


def main(args: argparse.Namespace) -> int:
    from auditor.audit import prepare_facts
    from auditor.report import atomic_writer
    progress = TerminalProgress()
    try:
        prepared = prepare_facts(request_from_args(args), progress=progress)
    finally:
        progress.close()
    for err in prepared.footage_errors:
        print(f"warning: footage of camera {err['camera']}: {err['path']}: {err['message']}", file=sys.stderr)
    text = json.dumps(prepared.facts, indent=2, ensure_ascii=False) + "\n"
    if args.out:
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
