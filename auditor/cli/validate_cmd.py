"""`auditor validate FILE...`: check deployment files and report every problem with file:line:column."""

from __future__ import annotations

import argparse
import sys

from auditor.cli import ExitCode
from auditor.config.loader import load_deployment
from auditor.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check deployment YAML files",
                       description="Check deployment YAML files. Prints OK, or every error with "
                                   "file:line:column, the key, what was expected and what was found.")
    p.add_argument("files", nargs="+", metavar="FILE", help="deployment YAML files")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    bad = 0
    for name in args.files:
        try:
            loaded = load_deployment(name)
        except InputError as exc:
            bad += 1
            for problem in exc.problems:
                print(problem.format(), file=sys.stderr)
            continue
        if not args.quiet:
            dep = loaded.deployment
            print(f"{name}: OK ({dep.store.name}, {dep.store.country}; {len(dep.cameras)} cameras, "
                  f"{len(dep.activities)} processing activities)")
    if bad:
        print(f"{bad} of {len(args.files)} file(s) invalid", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    return ExitCode.OK
