"""Re-assessment: what changed between two audits of the same deployment (`diff_results`, `load_audit_json`).

Both sides are JSON reports (`json_report.report_dict`, or a file written by `--json`). Findings match by
rule id and subject. Cameras and activities renamed between the two configs still match: first by id,
then, for the ids that exist on one side only, by position in the config (the n-th camera of the old
config is the n-th camera of the new one). A finding is then:

* resolved  — open in the old audit, absent (or waived) in the new one;
* new       — open in the new audit, absent (or waived) in the old one;
* changed   — open in both, with a different severity;
* unchanged — open in both, same severity.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.core.errors import InputError, Problem

_RANK = {"info": 0, "minor": 1, "major": 2, "blocker": 3}


@dataclass(frozen=True)
class Change:
    """One finding on either side (or both)."""

    rule_id: str
    subject: str                       # as in the new audit (the old subject, renamed, for resolved ones)
    title: dict[str, str]
    old_severity: str | None
    new_severity: str | None
    question: bool = False
    old_subject: str | None = None     # when a renamed camera/activity matched

    @property
    def renamed(self) -> bool:
        return self.old_subject is not None and self.old_subject != self.subject


@dataclass
class AuditDiff:
    old: dict[str, Any]                # generated_at, audit_date, store, verdict, counts
    new: dict[str, Any]
    resolved: list[Change] = field(default_factory=list)
    new_findings: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Change] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)    # old subject -> new subject

    @property
    def verdict_changed(self) -> bool:
        return self.old["verdict"] != self.new["verdict"]

    def to_dict(self) -> dict[str, Any]:
        def rows(items: list[Change]) -> list[dict[str, Any]]:
            return [{"rule_id": c.rule_id, "subject": c.subject, "old_subject": c.old_subject,
                     "title": c.title, "old_severity": c.old_severity, "new_severity": c.new_severity,
                     "question": c.question} for c in items]

        return {"old": self.old, "new": self.new, "verdict_changed": self.verdict_changed,
                "renamed": self.renames, "resolved": rows(self.resolved), "new_findings": rows(self.new_findings),
                "changed_severity": rows(self.changed), "unchanged": rows(self.unchanged)}


# --- reading -------------------------------------------------------------------------------------------------------

def _bad(path: str, message: str, expected: str = "", found: str = "") -> InputError:
    return InputError([Problem(path, message, expected=expected, found=found)])


def check_report(data: Any, where: str) -> dict[str, Any]:
    """`data` if it is an audit JSON report, else InputError saying what is missing."""
    if not isinstance(data, dict):
        raise _bad(where, "not an audit JSON report", expected="a JSON object written by `auditor audit --json`",
                   found=type(data).__name__)
    missing = [k for k in ("format_version", "tool", "findings", "facts") if k not in data]
    if missing or not isinstance(data.get("findings"), list):
        raise _bad(where, "not an audit JSON report (written by `auditor audit --json`)",
                   expected="keys format_version, tool, findings, facts", found=f"missing {', '.join(missing)}"
                   if missing else "findings is not a list")
    for i, f in enumerate(data["findings"]):
        if not isinstance(f, dict) or not {"rule_id", "subject", "severity"} <= set(f):
            raise _bad(where, f"findings[{i}] is not a finding", expected="rule_id, subject and severity")
    return data


def load_audit_json(path: Path | str) -> dict[str, Any]:
    """Read an audit JSON report; InputError (exit 2 in the CLI) for anything else."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise _bad(str(p), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise _bad(str(p), "not a text file", expected="an audit JSON report (UTF-8)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(str(p), f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno,
                                  expected="an audit JSON report")]) from None
    return check_report(data, str(p))


# --- matching ------------------------------------------------------------------------------------------------------

def _ids(facts: dict, key: str) -> list[str]:
    items = facts.get(key) if isinstance(facts, dict) else None
    return [str(x.get("id")) for x in items or [] if isinstance(x, dict) and x.get("id") is not None]


def subject_renames(old_facts: dict, new_facts: dict) -> dict[str, str]:
    """Old subject -> new subject for cameras and activities: same id first, then same position."""
    out: dict[str, str] = {}
    for key, kind in (("cameras", "camera"), ("activities", "activity")):
        old, new = _ids(old_facts, key), _ids(new_facts, key)
        for i, oid in enumerate(old):
            if oid in new:
                out[f"{kind}:{oid}"] = f"{kind}:{oid}"
            elif i < len(new) and new[i] not in old:
                out[f"{kind}:{oid}"] = f"{kind}:{new[i]}"
    return out


def _worst(findings: list[dict]) -> str:
    open_ = [f for f in findings if not f.get("waived") and not f.get("question")]
    worst = max((_RANK.get(f.get("severity"), 0) for f in open_), default=-1)
    return next((k for k, v in _RANK.items() if v == worst and v > 0), "ok")


def _meta(report: dict) -> dict[str, Any]:
    facts = report.get("facts") if isinstance(report.get("facts"), dict) else {}
    store = facts.get("store") if isinstance(facts.get("store"), dict) else {}
    findings = report["findings"]
    summary = report.get("summary") if isinstance(report.get("summary"), dict) else {}
    meta = {"generated_at": report.get("generated_at"), "audit_date": report.get("audit_date"),
            "store": store.get("name"), "tool_version": (report.get("tool") or {}).get("version"),
            "verdict": _worst(findings), "open": sum(1 for f in findings if not f.get("waived")
                                                      and not f.get("question"))}
    if summary.get("verdict"):
        meta["tier"] = summary["verdict"]
    return meta


def diff_reports(old: dict[str, Any], new: dict[str, Any], *, old_name: str = "OLD",
                 new_name: str = "NEW") -> AuditDiff:
    """Compare two audit JSON reports (as data). Different format versions are refused (InputError)."""
    check_report(old, old_name)
    check_report(new, new_name)
    if str(old["format_version"]) != str(new["format_version"]):
        raise InputError([Problem(new_name, "the two audits use different JSON schema versions; re-run the old "
                                            "audit with this version of the tool to compare them",
                                  expected=f"format_version {old['format_version']} (as in {old_name})",
                                  found=str(new["format_version"]))])
    renames = subject_renames(old.get("facts") or {}, new.get("facts") or {})

    def index(findings: list[dict], rename: dict[str, str] | None) -> dict[tuple[str, str], dict]:
        out = {}
        for f in findings:
            if f.get("waived"):
                continue
            subject = str(f["subject"])
            out[(str(f["rule_id"]), rename.get(subject, subject) if rename else subject)] = f
        return out

    before, after = index(old["findings"], renames), index(new["findings"], None)
    reverse = {v: k for k, v in renames.items()}
    d = AuditDiff(old=_meta(old), new=_meta(new),
                  renames={k: v for k, v in renames.items() if k != v})
    for key in sorted(set(before) | set(after)):
        o, n = before.get(key), after.get(key)
        f = n or o
        assert f is not None
        change = Change(rule_id=key[0], subject=key[1], title=dict(f.get("title") or {}),
                        old_severity=o.get("severity") if o else None, new_severity=n.get("severity") if n else None,
                        question=bool(f.get("question")), old_subject=reverse.get(key[1], key[1]) if o else None)
        if o and not n:
            d.resolved.append(change)
        elif n and not o:
            d.new_findings.append(change)
        elif change.old_severity != change.new_severity:
            d.changed.append(change)
        else:
            d.unchanged.append(change)
    def order(c: Any) -> tuple:
        return (-_RANK.get(c.new_severity or c.old_severity or "info", 0), c.rule_id, c.subject)

    for items in (d.resolved, d.new_findings, d.changed, d.unchanged):
        items.sort(key=order)
    return d


def diff_results(old: Any, new: Any) -> AuditDiff:
    """Compare two audits given as AuditResult objects, JSON report dicts, or paths to JSON reports."""
    from auditor.report.json_report import report_dict

    def as_report(x: Any, name: str) -> dict:
        if isinstance(x, (str, Path)):
            return load_audit_json(x)
        if isinstance(x, dict):
            return x
        return json.loads(json.dumps(report_dict(x), ensure_ascii=False, default=str))

    return diff_reports(as_report(old, "OLD"), as_report(new, "NEW"),
                        old_name=str(old) if isinstance(old, (str, Path)) else "OLD",
                        new_name=str(new) if isinstance(new, (str, Path)) else "NEW")
