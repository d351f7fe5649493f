"""`auditor rules list|show ID|validate [DIR]|test [DIR]`: inspect, check and test rule packs."""

from __future__ import annotations

import argparse
import sys
import textwrap

from auditor.cli import ExitCode
from auditor.core.errors import InputError
from auditor.core.i18n import languages


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="list, show, validate and test rule packs",
                       description="Inspect, validate and test the rule packs (built-in ones and your own).")
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION")

    lp = rs.add_parser("list", help="list the rules of every pack")
    lp.add_argument("--rules", action="append", default=[], metavar="DIR", help="also load the packs in DIR")
    lp.add_argument("--pack", help="only this pack")
    lp.set_defaults(func=cmd_list)

    sp = rs.add_parser("show", help="show one rule in full")
    sp.add_argument("rule_id", metavar="ID")
    sp.add_argument("--rules", action="append", default=[], metavar="DIR", help="also load the packs in DIR")
    sp.add_argument("--lang", choices=languages(), default="en")
    sp.set_defaults(func=cmd_show)

    vp = rs.add_parser("validate", help="validate packs (the built-in ones, or those in DIR)",
                       description="Validate rule packs: YAML, fields, CEL syntax, fact paths, ids. Prints every "
                                   "problem as file:line:col: rule ID, field: message.")
    vp.add_argument("dir", nargs="?", metavar="DIR", help="a pack folder or a folder of packs (default: built-in)")
    vp.set_defaults(func=cmd_validate)

    tp = rs.add_parser("test", help="run every rule's own examples",
                       description="Run the examples of every rule (facts in -> expected outcome) and the pack "
                                   "checks (at least one pass and one fail example per rule).")
    tp.add_argument("dir", nargs="?", metavar="DIR", help="a pack folder or a folder of packs (default: built-in)")
    tp.add_argument("-k", dest="pattern", help="only rules whose id contains this text")
    tp.add_argument("-v", "--verbose", action="store_true", help="list every example, not only failures")
    tp.set_defaults(func=cmd_test)

    p.set_defaults(func=lambda args: (p.print_help(), ExitCode.INVALID_INPUT)[1])


def _load(args: argparse.Namespace, *, dir_only: bool = False):  # noqa: ANN202
    from auditor.rules.packs import load_packs
    if dir_only and getattr(args, "dir", None):
        return load_packs([args.dir], builtin=False)
    return load_packs(getattr(args, "rules", []) or [])


def _load_or_report(args: argparse.Namespace, *, dir_only: bool = False):  # noqa: ANN202
    """The packs, or None after printing every problem (a pack with a problem is never used)."""
    try:
        return _load(args, dir_only=dir_only)
    except InputError as exc:
        _print_problems(exc)
        return None


def _print_problems(exc: InputError) -> None:
    for problem in exc.problems:
        print(problem.format(), file=sys.stderr)
    print(f"{len(exc.problems)} problem(s) found; the packs cannot be used until they are fixed.", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    packs = _load_or_report(args)
    if packs is None:
        return ExitCode.INVALID_INPUT
    for pack in packs:
        if args.pack and pack.id != args.pack:
            continue
        print(f"{pack.id} {pack.version} (checked {pack.checked}): {pack.title.en} — {len(pack.rules)} rules")
        for rule in sorted(pack.rules, key=lambda r: r.id):
            print(f"  {rule.id:<44} {rule.severity.value:<8} {rule.for_each:<10} {rule.title.en}")
    return ExitCode.OK


def cmd_show(args: argparse.Namespace) -> int:
    packs = _load_or_report(args)
    if packs is None:
        return ExitCode.INVALID_INPUT
    lang = args.lang
    for pack in packs:
        rule = pack.rule(args.rule_id)
        if rule is None:
            continue
        wrap = lambda t: textwrap.fill(t, 100, initial_indent="  ", subsequent_indent="  ")  # noqa: E731
        print(f"{rule.id}  [{pack.id} {pack.version}]  {rule.file}")
        print(f"  {rule.title.get(lang)}")
        print(f"severity: {rule.severity.value}" + (" (question for the assessor)" if rule.question else ""))
        for case in rule.escalate:
            print(f"  escalate to {case.severity.value} when {case.when.text}")
        print(f"for_each: {rule.for_each}    status: {rule.status}" + (f"    since: {rule.since}" if rule.since else ""))
        if rule.applies_when:
            print(f"applies_when: {rule.applies_when.text}")
        print(f"trigger: {rule.trigger.text}")
        print("message:")
        print(wrap(rule.message.get(lang)))
        print("rationale:")
        print(wrap(rule.rationale.get(lang)))
        print("remediation:")
        print(wrap(rule.remediation.get(lang)))
        print("references:")
        for ref in rule.references:
            print(f"  {ref.label()}" + (f"  {ref.url}" if ref.url else "")
                  + (f"  [{ref.verified}]" if ref.verified else ""))
        if rule.evidence:
            print("evidence: " + ", ".join(rule.evidence))
        print("examples:")
        for ex in rule.examples:
            print(f"  {ex.expect:<15} {ex.name}")
        return ExitCode.OK
    print(f"auditor rules show: no rule {args.rule_id!r} in the loaded packs", file=sys.stderr)
    return ExitCode.INVALID_INPUT


def cmd_validate(args: argparse.Namespace) -> int:
    packs = _load_or_report(args, dir_only=True)
    if packs is None:
        return ExitCode.INVALID_INPUT
    if not packs:
        print("auditor rules validate: no rule pack found", file=sys.stderr)
        return ExitCode.INVALID_INPUT
    for pack in packs:
        print(f"{pack.folder}: OK (pack {pack.id} {pack.version}, {len(pack.rules)} rules)")
    return ExitCode.OK


def cmd_test(args: argparse.Namespace) -> int:
    from auditor.rules.engine import lint_rule, run_example
    packs = _load_or_report(args, dir_only=True)
    if packs is None:
        return ExitCode.INVALID_INPUT
    passed = failed = 0
    for pack in packs:
        for rule in pack.rules:
            if args.pattern and args.pattern not in rule.id:
                continue
            for problem in lint_rule(rule):
                failed += 1
                print(f"FAIL {rule.file}:{rule.line or 1}: rule {rule.id}: {problem}")
            for example in rule.examples:
                result = run_example(rule, example)
                if result.ok:
                    passed += 1
                    if args.verbose:
                        print(f"ok   {rule.id}:{example.name}")
                else:
                    failed += 1
                    print(f"FAIL {rule.file}:{example.line or 1}: {rule.id}:{example.name}: {result.describe()}")
    print(f"{passed} passed, {failed} failed")
    return ExitCode.FINDINGS if failed else ExitCode.OK
