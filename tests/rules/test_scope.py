""""Passed" is not overstated: over every bundled example, a rule whose legal subject is absent (no AI technique,
no high-risk system, no staff filmed, no transfer, no biometric, health or ethnic-origin data, no consent, no face
payment, no watch list, no over-the-air capture) is `not_applicable`, never `passed`. The scope of such a rule
lives in its `applies_when` (or its pack's `activities_when`), not in its trigger."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from auditor.audit import AuditRequest, run_audit
from auditor.core.model import AuditResult, Outcome

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "assets" / "deployments").glob("*.yaml"))

ART26 = ("AIACT-ART26-DEPLOYER", "AIACT-ART26-DEPLOYER-1-INSTRUCTIONS", "AIACT-ART26-DEPLOYER-2-OVERSIGHT",
         "AIACT-ART26-DEPLOYER-5-MONITORING", "AIACT-ART26-DEPLOYER-6-LOGS", "AIACT-ART26-DEPLOYER-7-WORKERS",
         "AIACT-ART26-DEPLOYER-9-DPIA", "AIACT-ART26-DEPLOYER-11-INFORM")


def _d(item: dict[str, Any]) -> dict[str, Any]:
    return item.get("derived") or {}


def _high_risk(a: dict[str, Any]) -> bool:
    d = _d(a)
    emotions = d.get("aiact_type") == "emotion" or (d.get("aiact_biometric") and "emotions" in a.get("data_categories", []))
    return d.get("aiact_type") == "rbi" or (any(s != "employees" for s in a.get("subjects", [])) and bool(emotions))


# legal subject -> (rules, whether the subject of a check lacks it: f(facts, activity or None))
Absent = Callable[[dict[str, Any], dict[str, Any] | None], bool]
SUBJECTS: dict[str, tuple[tuple[str, ...] | Callable[[str], bool], Absent]] = {
    "an AI technique": (lambda rid: rid.startswith(("AIACT-", "CLASSIFY-AIACT-")),
                        lambda f, a: a is not None and not _d(a).get("is_ai")),
    "a high-risk AI system": (ART26, lambda f, a: a is not None and not _high_risk(a)),
    "staff filmed": (("CNIL-VIDEO-CSE-CONSULT", "CNIL-VIDEO-EMPLOYEE-INFO"),
                     lambda f, a: not _d(f).get("employees_in_scope")),
    "staff in scope of the AI system": (("AIACT-ART26-DEPLOYER-7-WORKERS",),
                                        lambda f, a: a is not None and not _d(a).get("employees_in_scope")),
    "a transfer outside the EEA": (("GDPR-ART44-TRANSFER",),
                                   lambda f, a: a is not None and not _d(a).get("transfers_outside_eea")),
    "biometric data": (("GDPR-ART9-BIOMETRIC-MEASURES", "GDPR-ART9-1-BIOMETRIC-ID"),
                       lambda f, a: a is not None and not _d(a).get("gdpr_biometric")
                       and _d(a).get("aiact_type") != "rbi"),
    "health data": (("GDPR-ART9-HEALTH-INFERENCE",),
                    lambda f, a: a is not None and "health" not in _d(a).get("special_categories", [])
                    and a.get("technique") not in ("vital_signs_heart_rate", "body_temperature")),
    "consent": (("GDPR-ART6-CONSENT-NOT-BY-ENTRY", "GDPR-ART7-4-CONSENT-FREELY-GIVEN"),
                lambda f, a: a is not None and not _d(a).get("consent_based")),
    "face payment": (("GDPR-ART9-VERIFICATION-1TO1", "CNIL-FACE-PAYMENT"),
                     lambda f, a: a is not None and a.get("technique") != "face_verification_payment"),
    "age or gender estimation": (("GDPR-ART9-AGE-GENDER",),
                                 lambda f, a: a is not None
                                 and a.get("technique") not in ("demographic_age", "demographic_gender")),
    "ethnic origin": (("GDPR-ART9-ETHNICITY-INFERENCE",),
                      lambda f, a: a is not None and a.get("technique") != "demographic_ethnicity"
                      and "ethnic_origin" not in _d(a).get("special_categories", [])
                      and "ethnic_origin" not in a.get("data_categories", [])),
    "face identification on consent": (("GDPR-ART9-2A-ALL-SUBJECTS",),
                                       lambda f, a: a is not None and not (_d(a).get("consent_based") and (
                                           a.get("technique") in ("face_id_vip", "face_id_watchlist")
                                           or (_d(a).get("gdpr_biometric")
                                               and a.get("automated_action") == "targeted_ad")))),
    "a face watch list": (("GDPR-ART5-1D-WATCHLIST-ACCURACY",),
                          lambda f, a: a is not None and a.get("technique") not in ("face_id_watchlist", "face_id_vip")),
    "over-the-air capture": (("EPRIVACY-ART5-3-WIFI-PASSIVE",),
                             lambda f, a: a is not None and a.get("technique") != "wifi_mac"
                             and not {"wifi_probe", "ble_scanner"} & set(_d(a).get("sensor_kinds", []))),
}


@functools.cache
def audit(path: Path) -> AuditResult:
    return run_audit(AuditRequest(config=path, footage={}, analyse_footage=False, audit_date="2026-12-04"))


def _absent_checks(subject: str) -> list[tuple[str, str, str, Outcome]]:
    """(example, rule, check subject, outcome) of every check whose legal subject is absent."""
    rules, absent = SUBJECTS[subject]
    out = []
    for path in EXAMPLES:
        result = audit(path)
        activities = {f"activity:{a['id']}": a for a in result.facts.get("activities", [])}
        for c in result.checks:
            wanted = rules(c.rule_id) if callable(rules) else c.rule_id in rules
            if wanted and absent(result.facts, activities.get(c.subject)):
                out.append((path.stem, c.rule_id, c.subject, c.outcome))
    return out


@pytest.mark.parametrize("subject", sorted(SUBJECTS))
def test_a_rule_whose_legal_subject_is_absent_is_never_passed(subject):
    checks = _absent_checks(subject)
    assert checks, f"no example lacks {subject}: the measure would prove nothing"
    passed = [f"{ex}: {rule}@{subj}" for ex, rule, subj, outcome in checks if outcome is Outcome.PASSED]
    assert passed == [], f"passed although {subject} is absent"
