"""`auditor gui [PROJECT]`: open the desktop application."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.cli import ExitCode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop application",
                       description="Open the desktop application, optionally on an audit project "
                                   "(*.auditproj.yaml) or a deployment config (*.yaml).")
    p.add_argument("project", nargs="?", type=Path, help="audit project or deployment config to open")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from auditor.core.qtcheck import diagnose

    problem = diagnose()                 # before Qt starts: Qt aborts with no word of why it cannot
    if problem:
        print(problem, file=sys.stderr)
        return ExitCode.INVALID_INPUT
    from auditor.gui.app import run_gui

    return run_gui(args.project)
