"""`auditor diff OLD.json NEW.json`: what a re-assessment changed (resolved, new, changed-severity findings)."""

from __future__ import annotations

import argparse
import json
import sys

from auditor.cli import ExitCode


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="compare two audits (JSON reports): resolved, new and changed findings",
                       description="Compare two JSON reports written by `auditor audit --json` for the same "
                                   "deployment. Findings match by rule and subject; renamed cameras and "
                                   "activities match by id, then by position in the config. Exit status: 0, "
                                   "2 bad input (not an audit JSON, different schema versions).")
    p.add_argument("old", metavar="OLD.json", help="the previous assessment")
    p.add_argument("new", metavar="NEW.json", help="the new assessment")
    p.add_argument("--json", metavar="OUT", help="also write the comparison as JSON here")
    p.add_argument("--all", action="store_true", help="also list the unchanged findings")
    p.set_defaults(func=main)


def print_diff(d, *, out=None, show_unchanged: bool = False) -> None:
    out = out or sys.stdout
    print(f"Re-assessment of {d.new.get('store') or '?'}: audit of {d.old.get('audit_date')} -> "
          f"audit of {d.new.get('audit_date')}", file=out)
    change = "changed" if d.verdict_changed else "unchanged"
    print(f"Worst open finding: {d.old['verdict']} -> {d.new['verdict']} ({change}); open findings: "
          f"{d.old['open']} -> {d.new['open']}", file=out)
    for a, b in d.renames.items():
        print(f"Renamed: {a} -> {b}", file=out)
    groups = [("Resolved", d.resolved), ("New", d.new_findings), ("Severity changed", d.changed)]
    if show_unchanged:
        groups.append(("Unchanged", d.unchanged))
    for title, items in groups:
        print(f"{title} ({len(items)}):", file=out)
        for c in items:
            sev = f"{c.old_severity} -> {c.new_severity}" if title == "Severity changed" else \
                (c.new_severity or c.old_severity or "")
            subject = c.subject + (f" (was {c.old_subject})" if c.renamed else "")
            print(f"  {sev.upper():<16} {c.rule_id:<42} {subject:<28} {c.title.get('en', '')}", file=out)
    if not show_unchanged:
        print(f"Unchanged: {len(d.unchanged)} (--all lists them)", file=out)


def main(args: argparse.Namespace) -> int:
    from auditor.report import atomic_writer
    from auditor.report.diff import diff_results

    d = diff_results(args.old, args.new)
    print_diff(d, show_unchanged=args.all)
    if args.json:
        try:
            with atomic_writer(args.json) as fh:
                fh.write(json.dumps(d.to_dict(), indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"auditor diff: cannot write {args.json}: {exc.strerror or exc}", file=sys.stderr)
            return ExitCode.INVALID_INPUT
        print(f"wrote {args.json}")
    return ExitCode.OK
