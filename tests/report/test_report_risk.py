"""The CNIL-method risk assessment: documented mapping rules, before and after the planned measures."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing

from auditor.core.model import Severity
from auditor.report import risk
from tests.report.conftest import make_result


def test_three_feared_events_on_one_to_four_scales(result):
    a = risk.assess(result)
    assert [e.event for e in a.events] == ["access", "modification", "disappearance"]
    for e in a.events:
        for v in (e.severity_before, e.likelihood_before, e.severity_after, e.likelihood_after):
            assert 1 <= v <= 4
        assert e.severity_after <= e.severity_before
        assert e.likelihood_after <= e.likelihood_before


def test_special_categories_set_access_severity_to_maximum_and_blockers_remove_it(result):
    access = risk.assess(result).event("access")
    assert access.severity_before == 4
    special = next(f for f in access.factors if f.key == "S-SPECIAL")
    assert special.remedied and "GDPR-ART9-1-BIOMETRIC-ID" in special.findings
    # staff filmed at the checkout stays: no finding removes it, so severity stays at 3 after
    assert access.severity_after == 3


def test_waived_findings_remedy_nothing(result):
    for f in result.findings:
        if f.severity == Severity.BLOCKER:
            f.waiver = type("W", (), {"active": True})()   # duck-typed active waiver
    access = risk.assess(result).event("access")
    assert access.severity_after == 4


def test_mitigations_in_place_lower_likelihood_and_stay():
    r = make_result()
    r.facts["access_control"] = {"role_based": True, "logging": True}
    access = risk.assess(r).event("access")
    mitigation = next(f for f in access.factors if f.key == "L-ACCESS-CONTROL")
    assert mitigation.delta == -1 and not mitigation.remedied


def test_a_clean_deployment_is_low_risk():
    r = make_result()
    r.findings = []
    r.facts = {"cameras": [{"id": "C1", "zone": "sales_floor", "purposes": ["people_count"], "recording": False,
                            "derived": {}}], "activities": [], "derived": {}}
    a = risk.assess(r)
    assert all(e.severity_before <= 2 and e.likelihood_before <= 2 for e in a.events)


def test_risk_map_is_a_drawing(result):
    d = risk.risk_map(risk.assess(result), "fr", width=300)
    assert isinstance(d, Drawing) and d.width == 300


def test_open_findings_factors_follow_the_feared_events_rules_declare():
    r = make_result()
    for f in r.findings:
        f.feared_events = []
    assert not [f for e in risk.assess(r).events for f in e.factors if f.key.endswith("-FINDINGS")]
    target = r.findings[0]
    target.feared_events = ["disappearance"]
    target.waiver, target.question = None, False
    if target.severity is Severity.INFO:
        target.severity = Severity.MINOR
    disappearance = risk.assess(r).event("disappearance")
    factor = next(f for f in disappearance.factors if f.key == "L-AVAILABILITY-FINDINGS")
    assert factor.findings == (target.rule_id,) and factor.remedied
    assert not [f for f in risk.assess(r).event("access").factors if f.key == "L-SEC-FINDINGS"]
