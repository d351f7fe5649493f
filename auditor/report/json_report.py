"""The JSON output of an audit: versioned, documented by schemas/findings.schema.json, written atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor.core.model import AuditResult, Finding, Severity, Tier
from auditor.report import atomic_writer, is_stale, stale_warning

FORMAT_VERSION = "2.0"
TOOL_NAME = "Store Camera Privacy Auditor"
SCHEMA_ID = "https://store-camera-privacy-auditor.invalid/findings.schema.json"

_ORDER = {s.value: i for i, s in enumerate(Severity)}


def audit_date_of(result: AuditResult) -> str:
    return str(result.facts.get("audit", {}).get("date") or result.generated_at[:10])


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
        "tier": f.tier.value if f.tier else None,
        "verdict_tier": f.verdict_tier.value,
        "evidence": f.evidence,
        "question": f.question,
        "waived": f.is_waived,
        "waiver": waiver,
        "answer": answer_dict(f.answer),
    }


def check_dict(c: Any) -> dict[str, Any]:
    """One evaluated rule x subject and its outcome (failed | passed | not_applicable | question)."""
    out = c.to_dict()
    if c.answer is not None:
        out["answer"] = answer_dict(c.answer)
    return out


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
    verdict = result.verdict()
    verdict_ids = {f.id for f in result.verdict_findings()}
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
            "verdict": verdict.value,
            "verdict_text": {"en": verdict.text.en, "fr": verdict.text.fr},
            "verdict_findings": [f.id for f in findings if f.id in verdict_ids],
            "prohibited": verdict is Tier.PROHIBITED,
            "prohibited_findings": [f.id for f in findings if f.verdict_tier is Tier.PROHIBITED],
            "unlawful_until_fixed_findings": [f.id for f in findings if f.verdict_tier is Tier.UNLAWFUL_UNTIL_FIXED],
            "counts": result.counts(),
            "waived": result.counts(waived=True),
            "questions": sum(1 for f in findings if f.question and not f.is_waived),
            "total": len(findings),
        },
        "findings": [finding_dict(f) for f in findings],
        "checks": [check_dict(c) for c in result.checks],
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
