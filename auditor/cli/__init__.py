"""The `auditor` command line: a thin shell that parses arguments and calls the core.

Each subcommand lives in its own module of this package, exposing
`register(subparsers)` (adds its parser and sets `func`) and a `main(args) -> int`.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from enum import IntEnum

from auditor import __version__
from auditor.core.errors import InputError
from auditor.core.fileio import InterruptedAfterCommit
from auditor.core.textsafe import SafeStream


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1          # a finding at or above --fail-on is not waived
    INVALID_INPUT = 2     # bad input: a clear message was printed
    INTERRUPTED = 130     # Ctrl-C


# Subcommand modules, in the order `auditor --help` lists them. A module that is not there yet is skipped,
# so a subcommand appears only once the code behind it exists.
SUBCOMMANDS = ["validate", "schema", "analyze", "facts", "audit", "diff", "redact", "fleet", "rules", "demo", "gui"]


def version_text() -> str:
    """The tool, rule-pack and detection-model versions (`auditor --version`)."""
    try:
        from auditor.versions import version_lines
    except ImportError:                 # the shell must answer --version even if the core is broken
        return f"auditor {__version__}"
    return "\n".join(version_lines())


class _VersionAction(argparse.Action):
    """Like argparse's version action, but computes the text (it loads the packs) only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0,
                         help=help or "print the tool, rule-pack and model versions and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="Audit in-store camera deployments against GDPR, CNIL and EU AI Act rule packs.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        try:
            module = importlib.import_module(f"auditor.cli.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name == f"auditor.cli.{name}_cmd":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code (never raises for bad input or Ctrl-C)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)     # text from input files reaches no terminal raw
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:          # argparse: --help/--version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return ExitCode.INVALID_INPUT
    try:
        return int(args.func(args))
    except InputError as exc:          # bad input anywhere below: every problem, file:line:column, no traceback
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return ExitCode.INVALID_INPUT
    except InterruptedAfterCommit as exc:
        print(f"auditor: interrupted after the outputs were written ({', '.join(exc.written)}).", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        print("auditor: interrupted; no output was written.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK


def run() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(main())
