"""The risk map links findings to its narrow risk factors by the field each rule declares (`risk_factors`), never
by rule ids: a rule that feeds a factor but lacks the field leaves the factor standing after the measures."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditor.audit import AuditRequest, run_audit
from auditor.core.risk_factors import RISK_FACTORS
from auditor.report import risk
from auditor.rules.packs import load_builtin_packs
from tests.report.conftest import make_result

ROOT = Path(__file__).resolve().parents[2]
CLEAN = yaml.safe_load((ROOT / "assets" / "deployments" / "01-security-cctv-clean.yaml").read_text(encoding="utf-8"))


def _camera(doc: dict[str, Any], cam_id: str) -> dict[str, Any]:
    return next(c for c in doc["cameras"] if c["id"] == cam_id)


# factor key, the risk factor rules declare, a change to the clean French baseline (example 01) that creates the
# factor, and the built-in rules whose findings must then remove it.
CASES: list[tuple[str, str, Any, set[str]]] = [
    ("S-STAFF", "staff_filmed_at_work",
     lambda d: _camera(d, "CHK-1").update(cashier_in_view=True), {"CNIL-VIDEO-EMPLOYEE-WORKSTATION"}),
    ("S-INTIMATE", "intimate_zone_filmed",
     lambda d: _camera(d, "STK-1").update(zone="staff_room"), {"CNIL-VIDEO-NO-INTIMATE-ZONES"}),
    ("S-AUTOMATED", "automated_action_on_people",
     lambda d: d["activities"][0].update(automated_action="deny_entry", human_review=False),
     {"GDPR-ART22-AUTOMATED-DECISION"}),
    ("L-OFFSITE", "images_leave_store",
     lambda d: _camera(d, "ENT-1").update(public_road_in_view=True, privacy_masking=False), {"GDPR-ART25-BY-DESIGN"}),
    ("L-TRANSFER", "transfer_outside_eea",
     lambda d: d["activities"][0].update(transfers=[{"country": "US", "recipient": "Cloud Inc.", "mechanism": "none"}]),
     {"GDPR-ART44-TRANSFER"}),
    ("L-VIEWERS", "broad_viewer_set",
     lambda d: _camera(d, "SF-1").update(viewers=["all_staff"]), {"CNIL-VIDEO-ACCESS-RESTRICTED", "GDPR-ART32-SECURITY"}),
    ("L-REMOTE", "remote_viewing_without_mfa",
     lambda d: d["access_control"].update(remote_viewing=True, mfa_remote=False), {"GDPR-ART32-SECURITY"}),
    ("L-UNENCRYPTED", "footage_unencrypted",
     lambda d: (d["security"].update(encryption_at_rest=False), d["access_control"].update(logging=False)),
     {"GDPR-ART32-SECURITY"}),
    ("L-NO-LOG", "access_not_logged_or_restricted",
     lambda d: d["access_control"].update(logging=False), {"GDPR-ART32-SECURITY"}),
    ("L-NO-DPA", "processor_without_contract",
     lambda d: d["vendors"][0].update(art28_contract=False), {"GDPR-ART28-PROCESSOR"}),
    ("L-NO-FREEZE", "footage_not_kept_on_request",
     lambda d: d["procedures"].update(freeze_on_request=False), {"GDPR-ART15-ACCESS-FOOTAGE"}),
    ("L-NO-PATCH", "systems_not_patched",
     lambda d: d["security"].update(patching=False), {"GDPR-ART32-1-PATCHING"}),
    ("L-NO-IR", "no_incident_response",
     lambda d: d["procedures"].update(incident_response=False), {"GDPR-ART33-INCIDENT-RESPONSE"}),
]


@pytest.mark.parametrize("key,factor,change,rules", CASES, ids=[c[0] for c in CASES])
def test_the_rules_that_feed_a_factor_declare_it(tmp_path, key, factor, change, rules):
    doc = copy.deepcopy(CLEAN)
    change(doc)
    config = tmp_path / "deployment.yaml"
    config.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_audit(AuditRequest(config=config, footage={}, analyse_footage=False, audit_date="2026-12-04"))
    fired = {f.rule_id for f in result.findings if not f.question and not f.is_waived}
    assert rules <= fired, f"the change should make {sorted(rules)} fail; failed: {sorted(fired)}"
    found = [f for e in risk.assess(result).events for f in e.factors if f.key == key]
    assert found, f"{key} should be a factor of this deployment"
    for f in found:
        assert rules <= set(f.findings) and f.remedied, (
            f"{key} is remedied by {f.findings}: each of {sorted(rules)} must list {factor!r} in risk_factors")


def test_a_rule_id_alone_remedies_nothing():
    r = make_result()
    r.facts["access_control"] = {"remote_viewing": True, "mfa_remote": False}
    target = r.findings[0]
    target.rule_id, target.waiver, target.question, target.risk_factors = "GDPR-ART32-SECURITY", None, False, []
    remote = next(f for f in risk.assess(r).event("access").factors if f.key == "L-REMOTE")
    assert not remote.remedied and not remote.findings
    target.risk_factors = ["remote_viewing_without_mfa"]
    remote = next(f for f in risk.assess(r).event("access").factors if f.key == "L-REMOTE")
    assert remote.remedied and remote.findings == ("GDPR-ART32-SECURITY",)


def test_factor_names_come_from_the_vocabulary():
    declared = {name for pack in load_builtin_packs() for rule in pack.rules for name in rule.risk_factors}
    assert declared == set(RISK_FACTORS)    # every factor has a rule whose remediation removes it
    assert {c[1] for c in CASES} <= declared
    with pytest.raises(ValueError, match="unknown risk factor"):
        risk._Candidate("X", ("access",), "likelihood", risk.Text("", ""), remedied_by="no_such_factor")
