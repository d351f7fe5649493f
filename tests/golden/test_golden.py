"""Golden verdicts for the bundled example deployments (tests/golden/*.yaml, written by hand from REFERENCE.md).

Each data file names an example in assets/deployments and states: dpia_required, verdict (the three-tier
verdict: prohibited | unlawful_until_fixed | lawful_with_conditions), wp248_met, must_fire [{rule, subject?,
severity?, tier?}] (tier: the finding's verdict tier), must_not_fire [rule ids], optionally max_severity (no
non-waived verdict above it), and must_fire_with_footage / must_not_fire_with_footage (checked with the
example's sample footage analysed by the real detector). The config-only checks run with footage disabled.
A finding "fires" when its rule's trigger held: its check's outcome is failed, or a question rule applies; a
question the engine could not decide (a fact not declared, a rule that could not be evaluated) does not count.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.audit import AuditRequest, declared_footage, run_audit
from auditor.config.loader import load_deployment
from auditor.core.model import AuditResult, Finding, Outcome, Severity, Tier

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLES = ROOT / "assets" / "deployments"
AUDIT_DATE = "2026-11-23"
KNOWN_KEYS = {"example", "dpia_required", "verdict", "wp248_met", "must_fire", "must_not_fire",
              "must_fire_with_footage", "must_not_fire_with_footage", "max_severity", "rationale"}
CASES = sorted(HERE.glob("*.yaml"))


def load_case(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(data) - KNOWN_KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    return data


def fired(f: Finding, result: AuditResult) -> bool:
    """A verdict of its rule (question rules included), not a point the engine could not decide."""
    check = next(c for c in result.checks if c.finding_id == f.id)
    return check.outcome is Outcome.FAILED or (check.outcome is Outcome.QUESTION
                                               and not check.missing_fact and not check.error)


def blocking(result: AuditResult) -> list[str]:
    """The findings that stop the deployment (verdict tier above lawful_with_conditions), with their tier."""
    return [f"{f.id} ({f.verdict_tier.value})" for f in result.blocking_findings()]


@functools.cache
def audit(example: str, with_footage: bool) -> AuditResult:
    config = EXAMPLES / example
    footage = declared_footage(load_deployment(config)) if with_footage else {}
    return run_audit(AuditRequest(config=config, footage=footage, analyse_footage=with_footage,
                                  audit_date=AUDIT_DATE))


def _spec(entry: Any) -> dict[str, Any]:
    return {"rule": entry} if isinstance(entry, str) else dict(entry)


def _matches(f: Finding, spec: dict[str, Any], result: AuditResult) -> bool:
    return (f.rule_id == spec["rule"] and fired(f, result)
            and ("subject" not in spec or f.subject == spec["subject"])
            and ("severity" not in spec or f.severity.value == spec["severity"])
            and ("tier" not in spec or f.verdict_tier.value == spec["tier"]))


def _describe(result: AuditResult, rule: str) -> str:
    got = [f"{f.subject} {f.severity.value} {f.verdict_tier.value}{' (question)' if f.question else ''}: "
           f"{f.message.en}"
           for f in result.findings if f.rule_id == rule]
    return "; ".join(got) or "no finding at all"


def check_fire(result: AuditResult, must: list[Any], must_not: list[Any]) -> list[str]:
    errors = []
    for entry in must or []:
        spec = _spec(entry)
        if not any(_matches(f, spec, result) for f in result.findings):
            errors.append(f"must fire {spec}, got: {_describe(result, spec['rule'])}")
    for entry in must_not or []:
        spec = _spec(entry)
        hits = [f for f in result.findings if _matches(f, spec, result)]
        if hits:
            errors.append(f"must not fire {spec}, got: {_describe(result, spec['rule'])}")
    return errors


def param(path: Path) -> Any:
    return pytest.param(path, id=path.stem)


def test_every_example_has_a_golden_file():
    examples = {p.name for p in EXAMPLES.glob("*.yaml")}
    covered = {load_case(p)["example"] for p in CASES}
    assert covered <= examples, covered - examples
    missing = examples - covered
    if missing:
        pytest.xfail(f"no golden verdict yet for {sorted(missing)}")   # the data files are written by hand


@pytest.mark.parametrize("path", [param(p) for p in CASES])
def test_golden_verdict(path: Path):
    case = load_case(path)
    result = audit(case["example"], False)
    derived = result.facts["derived"]
    errors = []
    if "dpia_required" in case and derived["dpia_required"] != case["dpia_required"]:
        errors.append(f"dpia_required: expected {case['dpia_required']}, got {derived['dpia_required']} "
                      f"({'; '.join(derived['dpia_reasons']) or 'no reason'})")
    if "wp248_met" in case and sorted(derived["wp248"]["met"]) != sorted(case["wp248_met"]):
        reasons = {c["number"]: c["reasons"] for c in derived["wp248"]["criteria"]}
        diff = sorted(set(derived["wp248"]["met"]) ^ set(case["wp248_met"]))
        errors.append(f"wp248_met: expected {sorted(case['wp248_met'])}, got {derived['wp248']['met']} "
                      f"(differing: " + "; ".join(f"{n}: {reasons[n]}" for n in diff) + ")")
    if "verdict" in case and result.verdict() is not Tier(case["verdict"]):
        errors.append(f"verdict: expected {case['verdict']}, got {result.verdict().value} "
                      f"(blockers: {blocking(result) or 'none'})")
    if "max_severity" in case:
        limit = Severity(case["max_severity"]).rank
        above = [f"{f.id} ({f.severity.value})" for f in result.findings
                 if fired(f, result) and not f.is_waived and f.severity.rank > limit]
        if above:
            errors.append(f"max_severity {case['max_severity']}: above it: {above}")
    errors += check_fire(result, case.get("must_fire"), case.get("must_not_fire"))
    assert not errors, f"{path.name}:\n  " + "\n  ".join(errors)


FOOTAGE_CASES = [p for p in CASES if {"must_fire_with_footage", "must_not_fire_with_footage"} & set(load_case(p))]


@pytest.mark.slow
@pytest.mark.parametrize("path", [param(p) for p in FOOTAGE_CASES])
def test_golden_verdict_with_footage(path: Path, footage_cache):
    case = load_case(path)
    result = audit(case["example"], True)
    assert result.facts["derived"]["footage_analysed"], result.footage_errors
    errors = check_fire(result, case.get("must_fire_with_footage"), case.get("must_not_fire_with_footage"))
    assert not errors, f"{path.name} (with footage):\n  " + "\n  ".join(errors)
