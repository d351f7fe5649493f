"""Defects found by the citation review (issue 10 item 7) that a single rule example cannot show: whole audits
of small deployments, and citations. Each test failed on the packs before the fix.

The rule-level defects have their own cases in the rule files (search for "item 7 defect").
"""

from __future__ import annotations

import copy

import pytest

from auditor.audit import AuditRequest, run_audit
from auditor.core.model import Severity, Tier
from auditor.rules.packs import load_builtin_packs
from tests.rules.conftest import BASE_DEPLOYMENT

RULES = {rule.id: rule for pack in load_builtin_packs() for rule in pack.rules}


def audit(write_deployment, **sections):
    data = copy.deepcopy(BASE_DEPLOYMENT)
    data.update(sections)
    result = run_audit(AuditRequest(config=write_deployment(data), analyse_footage=False, audit_date="2026-12-04"))
    return {f.id: f for f in result.findings}, result


FACE_VENDOR = {
    "vendors": [{"name": "FaceCloud", "role": "processor", "country": "IE", "receives": ["video_images"],
                 "art28_contract": True, "pools_customer_footage": True}],
    "cameras": [{"id": "ENT-1", "zone": "entrance", "recording": False}],
    "activities": [{"id": "vip", "name": "VIP recognition", "technique": "face_id_vip", "cameras": ["ENT-1"],
                    "vendors": ["FaceCloud"], "art9_exception": "9(2)(a)",
                    "consent": {"mechanism": "opt_in_app"}, "matching_initiated_by_subject": True,
                    "alternative_offered": True}],
}


def test_vendor_pooling_footage_is_the_vendors_own_use_under_gdpr_art28_10(write_deployment):
    findings, _ = audit(write_deployment, **FACE_VENDOR)
    assert not [f for f in findings if f.startswith("AIACT-ART5-1E")], "Art 5(1)(e) applied to the retailer"
    vendor = findings["GDPR-ART28-10-VENDOR-OWN-PURPOSES@activity:vip"]
    assert not vendor.question and vendor.severity is not Severity.INFO
    assert any(r.instrument == "GDPR" and r.article == "28" and r.paragraph == "10" for r in vendor.references)


def test_offence_prediction_from_profiling_is_an_art5_1d_prohibition(write_deployment):
    findings, result = audit(write_deployment, activities=[
        {"id": "behav", "name": "Suspicious behaviour", "technique": "behaviour_detection", "cameras": ["CAM-1"],
         "offence_prediction": "profiling", "legal_basis": "6(1)(f)"}])
    finding = findings["AIACT-ART5-1D-CRIME-PREDICTION@activity:behav"]
    assert finding.severity is Severity.BLOCKER and finding.tier is Tier.PROHIBITED
    assert result.verdict() is Tier.PROHIBITED


def test_offence_prediction_on_objective_facts_is_not_prohibited(write_deployment):
    findings, _ = audit(write_deployment, activities=[
        {"id": "behav", "name": "Concealment alerts", "technique": "behaviour_detection", "cameras": ["CAM-1"],
         "offence_prediction": "objective_facts", "legal_basis": "6(1)(f)"}])
    assert "AIACT-ART5-1D-CRIME-PREDICTION@activity:behav" not in findings


def test_french_signage_no_longer_cites_r253_3_as_the_signage_article():
    rule = RULES["CNIL-VIDEO-SIGNAGE"]
    current = [r for r in rule.references if r.instrument == "CSI" and r.article == "R253-3"
               and "former" not in (r.title or "").lower()]
    assert not current, "CSI R253-3 governs access to images since decree 2023-1102"


@pytest.mark.parametrize("rule_id", sorted(r for r in RULES if r.startswith("AIACT")))
def test_the_digital_omnibus_is_no_longer_called_unconfirmed(rule_id):
    rule = RULES[rule_id]
    for text in (rule.message, rule.rationale, rule.remediation):
        for phrase in ("to be checked", "not confirmed", "unconfirmed", "à vérifier", "n'est pas confirmé"):
            assert phrase not in text.en and phrase not in text.fr, f"{rule_id}: {phrase!r}"
    for ref in rule.references:
        if ref.instrument == "Digital Omnibus on AI":
            assert "2026/1744" in (ref.title or "") and "to be checked" not in (ref.title or "")


def test_plain_cctv_cites_no_ai_act_provision(write_deployment):
    """No AI Act citation unless an activity uses an AI technique (the GDPR classification of publicly
    accessible areas used to cite AI Act Art 3(44))."""
    findings, result = audit(write_deployment)
    assert result.facts["derived"]["ai_activities"] == []
    cited = sorted({f.rule_id for f in findings.values() for r in f.references if r.instrument == "AI Act"})
    assert not cited and not [f for f in findings.values() if f.pack == "ai_act"], cited
