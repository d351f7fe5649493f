"""`auditor gui [PROJECT]`: open the desktop application."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop application",
                       description="Open the desktop application, optionally on an audit project "
                                   "(*.auditproj.yaml) or a deployment config (*.yaml).")
    p.add_argument("project", nargs="?", type=Path, help="audit project or deployment config to open")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    from auditor.gui.app import run_gui

    return run_gui(args.project)
