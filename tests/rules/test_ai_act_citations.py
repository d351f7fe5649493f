"""No AI Act citation where no AI technique is used: over every bundled example, a deployment without an AI
activity cites the AI Act in none of its findings or checks, and an activity that is not an AI system cites it
in none of its own."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from auditor.audit import AuditRequest, run_audit
from auditor.core.instruments import AI_ACT_INSTRUMENTS
from auditor.core.model import AuditResult

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "assets" / "deployments").glob("*.yaml"))


@functools.cache
def audit(path: Path) -> AuditResult:
    return run_audit(AuditRequest(config=path, footage={}, analyse_footage=False, audit_date="2026-12-04"))


def _ai_citations(result: AuditResult, subjects: set[str] | None) -> list[str]:
    """'RULE@subject: instrument Art x' for each AI Act reference of a finding or check on `subjects` (None: all)."""
    out = []
    for item in [*result.findings, *result.checks]:
        if subjects is not None and item.subject not in subjects:
            continue
        out += [f"{item.rule_id}@{item.subject}: {r.instrument} Art {r.article}"
                for r in item.references if r.instrument in AI_ACT_INSTRUMENTS]
    return sorted(set(out))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_ai_act_citation_without_an_ai_technique(example):
    result = audit(example)
    ai = set(result.facts["derived"]["ai_activities"])
    if not ai:
        assert _ai_citations(result, None) == []
    others = {f"activity:{a['id']}" for a in result.facts.get("activities", [])} - {f"activity:{a}" for a in ai}
    assert _ai_citations(result, others) == []


def test_the_examples_include_deployments_with_and_without_ai():
    with_ai = [p.stem for p in EXAMPLES if audit(p).facts["derived"]["ai_activities"]]
    assert with_ai and len(with_ai) < len(EXAMPLES)
    assert any(_ai_citations(audit(ROOT / "assets" / "deployments" / f"{stem}.yaml"), None) for stem in with_ai)
