"""`auditor validate FILE...`: check deployment files and report every problem with file:line:column."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from auditor.cli import ExitCode
from auditor.core.errors import InputError

# The deployment model (pydantic) and the project loader are imported by the functions that use them: every
# subcommand's parser is built at start-up, and `auditor analyze` or `redact` need neither.


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check deployment YAML files and audit projects",
                       description="Check deployment YAML files and audit projects (*.auditproj.yaml: also "
                                   "that every input still has the recorded SHA-256). Prints OK, or every error "
                                   "with file:line:column, the key, what was expected and what was found.")
    p.add_argument("files", nargs="+", metavar="FILE", help="deployment YAML files or audit projects")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.set_defaults(func=main)


def _validate_project(path: Path, *, quiet: bool) -> bool:
    from auditor.project import load_project, verify_inputs

    try:
        project = load_project(path)
        problems = verify_inputs(project, path)
    except InputError as exc:
        problems = exc.problems
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if not problems and not quiet:
        print(f"{path}: OK (audit project; config and {len(project.footage)} footage file(s) as recorded)")
    return not problems


def main(args: argparse.Namespace) -> int:
    from auditor.config.loader import load_deployment
    from auditor.project import PROJECT_SUFFIX

    bad = 0
    for name in args.files:
        if name.endswith(PROJECT_SUFFIX):
            bad += not _validate_project(Path(name), quiet=args.quiet)
            continue
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
