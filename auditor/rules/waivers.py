"""Waivers: a reviewed decision to accept one finding (one rule id on one subject) until an expiry date.

A waiver file is YAML:

    schema_version: 1            # optional
    waivers:
      - rule_id: GDPR-ART5-1E-RETENTION-72H
        subject: camera:CHK-2     # deployment | camera:<id> | activity:<id>
        justification: Insurance requires 30 days; retention documented in the LIA of 2026-03-01.
        approver: Jane Doe (DPO)
        expires: 2027-03-31

Every field is required. A waiver matches exactly one rule id and one subject: there are no wildcards.
A waived finding stays in every output, marked waived with its justification. A waiver that matches no
finding is reported as unused; an expired one is ignored (the finding counts again) and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from auditor.core.errors import InputError, Problem
from auditor.core.model import AuditResult, Finding, WaiverState
from auditor.core.yamlsafe import format_path, list_section, read_document as read_yaml

FIELDS = ("rule_id", "subject", "justification", "approver", "expires")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
SUBJECT = re.compile(r"^(deployment|(camera|activity):[A-Za-z0-9][A-Za-z0-9_.-]{0,63})$")
WILDCARD = re.compile(r"[*?\[\]{}|^$]")


@dataclass(frozen=True)
class Waiver:
    rule_id: str
    subject: str
    justification: str
    approver: str
    expires: str                      # ISO date, the last day the waiver applies
    file: str = ""
    line: int | None = None

    def is_expired(self, audit_date: str) -> bool:
        return audit_date > self.expires

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "subject": self.subject, "justification": self.justification,
                "approver": self.approver, "expires": self.expires}


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            return None
    return None


def parse_waivers(entries: Any, *, file: str = "<waivers>", doc: Any = None,
                  base: tuple[str | int, ...] = ()) -> list[Waiver]:
    """Validate a list of waiver mappings; raise InputError listing every problem."""
    problems: list[Problem] = []

    def add(path: tuple[str | int, ...], message: str, **kw: str) -> None:
        line, col = doc.locate(path) if doc else (None, None)
        problems.append(Problem(file, message, line, col, format_path(path), **kw))

    if not isinstance(entries, list):
        add(base, "waivers must be a list of {rule_id, subject, justification, approver, expires}")
        raise InputError(problems)
    out: list[Waiver] = []
    seen: dict[tuple[str, str], int] = {}
    for i, entry in enumerate(entries):
        path = base + (i,)
        if not isinstance(entry, dict):
            add(path, "a waiver must be a mapping {rule_id, subject, justification, approver, expires}")
            continue
        ok = True
        for key in entry:
            if key not in FIELDS:
                add(path + (key,), f"unknown field {key!r}", expected="one of " + ", ".join(FIELDS))
                ok = False
        for key in FIELDS:
            value = entry.get(key)
            if key not in entry or value is None or (isinstance(value, str) and not value.strip()):
                add(path, f"required field {key!r} is missing or empty (every waiver needs rule_id, subject, "
                          "justification, approver and expires)")
                ok = False
        if not ok:
            continue
        rule_id, subject = str(entry["rule_id"]).strip(), str(entry["subject"]).strip()
        if WILDCARD.search(rule_id) or WILDCARD.search(subject):
            add(path, "wildcards are not allowed: a waiver names exactly one rule id and one subject",
                found=f"{rule_id} / {subject}")
            continue
        if not RULE_ID.match(rule_id):
            add(path + ("rule_id",), "invalid rule id", expected="e.g. GDPR-ART5-1E-RETENTION-72H", found=rule_id)
            continue
        if not SUBJECT.match(subject):
            add(path + ("subject",), "invalid subject", expected="deployment, camera:<id> or activity:<id>",
                found=subject)
            continue
        expires = _date(entry["expires"])
        if expires is None:
            add(path + ("expires",), "invalid expiry date", expected="YYYY-MM-DD", found=repr(entry["expires"]))
            continue
        if (rule_id, subject) in seen:
            add(path, f"a second waiver for {rule_id} on {subject} (the first is entry {seen[(rule_id, subject)]})")
            continue
        seen[(rule_id, subject)] = i
        line = doc.locate(path)[0] if doc else None
        out.append(Waiver(rule_id, subject, str(entry["justification"]).strip(), str(entry["approver"]).strip(),
                          expires, file, line))
    if problems:
        raise InputError(problems)
    return out


def load_waivers(path: str | Path) -> list[Waiver]:
    """Read and validate a waiver file (a list, or a mapping with `waivers:` and optional schema_version)."""
    doc = read_yaml(Path(path))
    items, base = list_section(doc, "waivers", "{rule_id, subject, reason, approved_by, expires}")
    return parse_waivers(items, file=doc.file, doc=doc, base=base)


@dataclass
class WaiverOutcome:
    unused: list[dict[str, Any]]
    expired: list[dict[str, Any]]
    warnings: list[str]


def apply_waivers(findings: list[Finding], waivers: Iterable[Waiver], *, audit_date: str,
                  replaced: dict[str, str] | None = None, known_rules: set[str] | None = None) -> WaiverOutcome:
    """Mark the findings each waiver matches (exact rule id and subject); report unused and expired waivers.

    `replaced` maps retired rule ids to their successors: a waiver of a retired id applies to the successor
    and says so. Questions for the assessor can be waived like any finding.
    """
    replaced = replaced or {}
    by_key = {(f.rule_id, f.subject): f for f in findings}
    for f in findings:
        f.waiver = None
    unused: list[dict[str, Any]] = []
    expired: list[dict[str, Any]] = []
    warnings: list[str] = []
    for w in waivers:
        rule_id = w.rule_id
        note = ""
        if rule_id in replaced:
            rule_id = replaced[rule_id]
            note = f"rule {w.rule_id} was replaced by {rule_id}; the waiver applies to {rule_id}"
            warnings.append(f"waiver {w.rule_id} on {w.subject}: {note}")
        finding = by_key.get((rule_id, w.subject))
        if w.is_expired(audit_date):
            text = f"expired on {w.expires}: ignored"
            expired.append({**w.to_dict(), "note": text, "matched": finding is not None})
            if finding is not None:
                finding.waiver = WaiverState(w.justification, w.approver, w.expires, active=False, note=text)
            continue
        if finding is None:
            reason = "no finding of this rule on this subject"
            if known_rules is not None and rule_id not in known_rules:
                reason = f"no rule {rule_id} in the loaded packs"
            unused.append({**w.to_dict(), "reason": reason})
            continue
        finding.waiver = WaiverState(w.justification, w.approver, w.expires, active=True, note=note)
    return WaiverOutcome(unused, expired, warnings)


def reapply_waivers(result: AuditResult, entries: list[dict[str, Any]]) -> None:
    """Re-apply waivers given as plain mappings (e.g. from a GUI project) to a result, in place."""
    waivers = parse_waivers(entries)
    audit_date = str(result.facts.get("audit", {}).get("date") or result.generated_at[:10])
    outcome = apply_waivers(result.findings, waivers, audit_date=audit_date)
    result.unused_waivers = outcome.unused
    result.expired_waivers = outcome.expired
