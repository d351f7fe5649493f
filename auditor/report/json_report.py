"""The JSON output of an audit: versioned, documented by schemas/findings.schema.json, written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.core.model import AuditResult, Finding, Severity
from auditor.report import atomic_writer, is_stale, stale_warning

FORMAT_VERSION = "1.1"
TOOL_NAME = "Store Camera Privacy Auditor"
SCHEMA_ID = "https://store-camera-privacy-auditor.invalid/findings.schema.json"

_ORDER = {s.value: i for i, s in enumerate(Severity)}


def audit_date_of(result: AuditResult) -> str:
    return str(result.facts.get("audit", {}).get("date") or result.generated_at[:10])


def is_prohibited(finding: Finding) -> bool:
    """A non-waived blocker that is a verdict (not a question): a practice the report flags as prohibited."""
    return finding.severity is Severity.BLOCKER and not finding.is_waived and not finding.question


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Worst first, then by rule id and subject: a stable order for every output."""
    return sorted(findings, key=lambda f: (_ORDER[f.severity.value], f.question, f.rule_id, f.subject))


def finding_dict(f: Finding) -> dict[str, Any]:
    waiver = None
    if f.waiver is not None:
        waiver = {"state": "waived" if f.waiver.active else "expired", "justification": f.waiver.justification,
                  "approver": f.waiver.approver, "expires": f.waiver.expires}
        if f.waiver.note:
            waiver["note"] = f.waiver.note
    return {
        "id": f.id,
        "rule_id": f.rule_id,
        "pack": f.pack,
        "severity": f.severity.value,
        "subject": f.subject,
        "title": {"en": f.title.en, "fr": f.title.fr},
        "message": {"en": f.message.en, "fr": f.message.fr},
        "rationale": {"en": f.rationale.en, "fr": f.rationale.fr},
        "remediation": {"en": f.remediation.en, "fr": f.remediation.fr},
        "references": [r.to_dict() for r in f.references],
        "precedents": [p.to_dict() for p in f.precedents],
        "evidence": f.evidence,
        "question": f.question,
        "waived": f.is_waived,
        "waiver": waiver,
        "answer": answer_dict(f.answer),
    }


def answer_dict(answer: Any) -> dict[str, Any] | None:
    """An assessor answer as the JSON report writes it (None when the facts decided)."""
    if answer is None:
        return None
    return {**answer.to_dict(), "source": "answered by the assessor"}


def report_dict(result: AuditResult) -> dict[str, Any]:
    """The JSON document of an audit as plain data."""
    audit_date = audit_date_of(result)
    derived = result.facts.get("derived", {})
    findings = sorted_findings(result.findings)
    packs = []
    for p in result.packs:
        stale = is_stale(p.checked, audit_date)
        entry: dict[str, Any] = {"id": p.id, "title": {"en": p.title.en, "fr": p.title.fr},
                                 "jurisdiction": p.jurisdiction, "version": p.version, "checked": p.checked,
                                 "rule_count": p.rule_count, "sha256": p.sha256, "source": p.source,
                                 "stale": stale}
        if stale:
            entry["warning"] = stale_warning(p.id, p.checked, audit_date)
        packs.append(entry)
    prohibited = [f.id for f in findings if is_prohibited(f)]
    return {
        "$schema": SCHEMA_ID,
        "format_version": FORMAT_VERSION,
        "tool": {"name": TOOL_NAME, "version": result.tool_version},
        "generated_at": result.generated_at,
        "audit_date": audit_date,
        "packs": packs,
        "inputs": [{"kind": i.kind, "path": i.path, "sha256": i.sha256} for i in result.inputs],
        "summary": {
            "dpia_required": bool(derived.get("dpia_required", False)),
            "dpia_reasons": list(derived.get("dpia_reasons", [])),
            "wp248_met": list(derived.get("wp248", {}).get("met", [])),
            "prohibited": bool(prohibited),
            "prohibited_findings": prohibited,
            "counts": result.counts(),
            "waived": result.counts(waived=True),
            "questions": sum(1 for f in findings if f.question and not f.is_waived),
            "total": len(findings),
        },
        "findings": [finding_dict(f) for f in findings],
        "waivers": {"unused": result.unused_waivers, "expired": result.expired_waivers},
        "warnings": list(result.warnings),
        "footage_errors": list(result.footage_errors),
        "facts": result.facts,
    }


def dumps(result: AuditResult) -> str:
    return json.dumps(report_dict(result), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write_json(result: AuditResult, path: str | Path) -> Path:
    """Write the JSON report atomically (temp file beside the target, then rename)."""
    text = dumps(result)
    with atomic_writer(path) as fh:
        fh.write(text)
    return Path(path)
