"""The engine: outcomes per subject, escalation, questions, messages, evidence, guards."""

from __future__ import annotations

import pytest

from auditor.core.model import Severity, Tier
from auditor.rules.engine import (
    FAIL,
    NOT_APPLICABLE,
    PASS,
    UNKNOWN,
    evaluate,
    format_value,
    render,
    run_example,
)
from auditor.rules.packs import load_pack
from tests.rules.conftest import rule_doc

FACTS = {
    "schema_version": 1, "audit": {"date": "2026-11-23"},
    "store": {"name": "Shop", "country": "FR"}, "derived": {"in_eea": True, "france": True},
    "cameras": [{"id": "A", "zone": "entrance", "retention_days": 30.0},
                {"id": "B", "zone": "checkout", "retention_days": 1.0},
                {"id": "C", "zone": "checkout"}],
    "activities": [{"id": "x", "name": "X", "technique": "emotion"}],
}


def pack_of(make_pack, **over):
    return load_pack(make_pack([rule_doc(**over)]))


def by_subject(findings):
    return {f.subject: f for f in findings}


def test_one_finding_per_failing_camera_and_a_question_for_the_undeclared(make_pack):
    findings = by_subject(evaluate(FACTS, [pack_of(make_pack)]))
    assert set(findings) == {"camera:A", "camera:C"}
    a, c = findings["camera:A"], findings["camera:C"]
    assert a.severity is Severity.MAJOR and not a.question and a.id == "TEST-RETENTION-LONG@camera:A"
    assert a.message.en == "camera A keeps footage 30 days"          # whole doubles print without ".0"
    assert a.message.fr == "la caméra A conserve les images 30 jours"
    assert a.evidence == {"camera.retention_days": 30.0}
    assert a.pack == "test" and a.references[0].label() == "GDPR Art 5(1)(e)"
    assert c.severity is Severity.INFO and c.question
    assert c.message.en == "Could not decide: camera.retention_days is not declared. Footage kept too long?"
    assert c.message.fr.startswith("Impossible de décider\u202f: camera.retention_days n'est pas déclaré.")
    assert c.evidence == {"camera.retention_days": None}


def test_escalation_first_match_wins(make_pack):
    pack = pack_of(make_pack, escalate=[{"when": "camera.zone == 'entrance'", "severity": "blocker",
                                         "tier": "unlawful_until_fixed"},
                                        {"when": "true", "severity": "minor"}])
    findings = by_subject(evaluate(FACTS, [pack]))
    assert findings["camera:A"].severity is Severity.BLOCKER
    assert findings["camera:A"].tier is Tier.UNLAWFUL_UNTIL_FIXED


def test_example_tier_is_checked(make_pack):
    from auditor.rules.schema import Example
    rule = pack_of(make_pack, severity="blocker", tier="prohibited").rules[0]
    facts = {"camera": {"retention_days": 9}}
    assert run_example(rule, Example("ok", FAIL, Severity.BLOCKER, facts, tier=Tier.PROHIBITED)).ok
    wrong = run_example(rule, Example("w", FAIL, Severity.BLOCKER, facts, tier=Tier.UNLAWFUL_UNTIL_FIXED))
    assert not wrong.ok
    assert wrong.describe() == ("expected fail (blocker, tier unlawful_until_fixed), "
                                "got fail (blocker, tier prohibited)")
    silent = run_example(rule, Example("s", FAIL, None, facts))
    assert not silent.ok and "must state its expected tier" in silent.describe()


def test_applies_when_false_means_no_finding_and_no_question(make_pack):
    pack = pack_of(make_pack, applies_when="camera.zone == 'checkout'")
    assert set(by_subject(evaluate(FACTS, [pack]))) == {"camera:C"}


def test_question_rules_are_info_questions(make_pack):
    pack = pack_of(make_pack, question=True)
    a = by_subject(evaluate(FACTS, [pack]))["camera:A"]
    assert a.severity is Severity.INFO and a.question and a.message.en == "camera A keeps footage 30 days"


def test_deployment_and_activity_rules(make_pack):
    dep = rule_doc("TEST-DEPLOYMENT", for_each="deployment", trigger="store.country == 'FR'",
                   message={"en": "store {{ store.name }} in {{ derived.france }}", "fr": "x"},
                   evidence=["store.country"], examples=[{"name": "a", "expect": "pass", "store": {"country": "DE"}},
                                                         {"name": "b", "expect": "fail", "store": {"country": "FR"}}])
    act = rule_doc("TEST-ACTIVITY", for_each="activity", trigger="activity.technique == 'emotion'",
                   message={"en": "{{ activity.id }}", "fr": "{{ activity.id }}"}, evidence=[],
                   examples=[{"name": "a", "expect": "pass", "activity": {"technique": "heatmap"}},
                             {"name": "b", "expect": "fail", "activity": {"technique": "emotion"}}])
    pack = load_pack(make_pack([dep, act]))
    findings = by_subject(evaluate(FACTS, [pack]))
    assert findings["deployment"].message.en == "store Shop in yes"
    assert findings["deployment"].evidence == {"store.country": "FR"}
    assert findings["activity:x"].message.en == "x"


def test_pack_guard_skips_the_whole_pack(make_pack):
    pack = load_pack(make_pack([rule_doc()], header={"applies_when": "derived.country == 'DE'"}))
    facts = dict(FACTS, derived={"in_eea": True, "france": True, "country": "FR"})
    assert evaluate(facts, [pack]) == []


def test_deprecated_rules_do_not_run(make_pack):
    new = rule_doc("TEST-NEW-RULE", trigger="false")
    old = rule_doc(status="deprecated", replaced_by="TEST-NEW-RULE")
    pack = load_pack(make_pack([old, new]))
    assert evaluate(FACTS, [pack]) == []


def test_a_runtime_type_error_is_a_pack_error_not_a_question(make_pack):
    from auditor.rules.engine import RuleEvaluationError
    pack = pack_of(make_pack, trigger="camera.zone > 3")
    with pytest.raises(RuleEvaluationError) as info:
        evaluate(FACTS, [pack])
    problem = info.value.problems[0]
    assert problem.file.endswith(".yaml") and problem.line and "could not be evaluated on camera:" in problem.message


@pytest.mark.parametrize("value, lang, text", [
    (30.0, "en", "30"), (2.5, "en", "2.5"), (2.5, "fr", "2,5"), (True, "en", "yes"), (False, "fr", "non"),
    (["a", "b"], "en", "a, b"), ([], "en", "(none)"), ("x", "en", "x"),
])
def test_format_value(value, lang, text):
    assert format_value(value, lang) == text


def test_render_never_evaluates():
    assert render("{{ camera.id }} {{ __import__('os') }} {{camera.nope}}", {"camera": {"id": "A"}}) == \
        "A (not declared) (not declared)"


@pytest.mark.parametrize("facts, outcome", [
    ({"camera": {"retention_days": 1}}, PASS),
    ({"camera": {"retention_days": 30}}, FAIL),
    ({"camera": {}}, UNKNOWN),
    ({}, UNKNOWN),
])
def test_run_example_outcomes(make_pack, facts, outcome):
    from auditor.rules.schema import Example
    rule = pack_of(make_pack).rules[0]
    assert run_example(rule, Example("x", outcome, None, facts)).outcome.kind == outcome


def test_example_not_applicable_and_severity(make_pack):
    from auditor.rules.schema import Example
    rule = pack_of(make_pack, applies_when="derived.in_eea",
                   escalate=[{"when": "has(camera.retention_justification)", "severity": "minor"}]).rules[0]
    out = run_example(rule, Example("x", NOT_APPLICABLE, None, {"derived": {"in_eea": False}, "camera": {}}))
    assert out.ok
    res = run_example(rule, Example("y", FAIL, Severity.MINOR,
                                    {"derived": {"in_eea": True},
                                     "camera": {"retention_days": 9, "retention_justification": "x"}}))
    assert res.ok and res.messages is not None and "9 days" in res.messages.en
    wrong = run_example(rule, Example("z", FAIL, Severity.BLOCKER,
                                      {"derived": {"in_eea": True}, "camera": {"retention_days": 9}}))
    assert not wrong.ok and wrong.describe() == "expected fail (blocker), got fail (major)"


def test_french_messages_print_vocabulary_values_in_words():
    from auditor.rules.engine import render

    plain = {"camera": {"id": "CAM-1", "zone": "sales_floor", "viewers": ["security", "store_staff"]},
             "activity": {"consent": {"mechanism": "signage"}, "transfers": [], "output": "aggregate"}}
    template = "{{ camera.id }} {{ camera.zone }} / {{ camera.viewers }} / {{ activity.consent.mechanism }} / " \
               "{{ activity.output }}"
    assert render(template, plain, "fr") == \
        "CAM-1 surface de vente / sécurité, personnel du magasin / panneau (\u00ab\u202fen entrant, vous acceptez" \
        "\u202f\u00bb) / agrégé"          # the catalog's French typography: narrow no-break spaces inside « »
    assert render(template, plain, "en") == "CAM-1 sales_floor / security, store_staff / signage / aggregate"


def test_a_packs_activities_when_makes_other_activities_not_applicable(make_pack):
    from auditor.core.model import Outcome
    from auditor.rules.engine import run_checks
    rule = rule_doc("TEST-ACTIVITY", for_each="activity", trigger="activity.technique != 'heatmap'",
                    message={"en": "{{ activity.id }}", "fr": "{{ activity.id }}"}, evidence=[],
                    examples=[{"name": "a", "expect": "pass", "activity": {"technique": "heatmap"}},
                              {"name": "b", "expect": "fail", "activity": {"technique": "emotion"}}])
    facts = {**FACTS, "activities": [{"id": "x", "technique": "emotion", "derived": {"is_ai": True}},
                                     {"id": "y", "technique": "security_recording", "derived": {"is_ai": False}},
                                     {"id": "z", "technique": "heatmap"}]}     # is_ai unknown: applicable
    pack = load_pack(make_pack([rule], header={"activities_when": "activity.derived.is_ai"}))
    outcomes = {c.subject: c.outcome for c in run_checks(facts, [pack]).checks}
    assert outcomes == {"activity:x": Outcome.FAILED, "activity:y": Outcome.NOT_APPLICABLE,
                        "activity:z": Outcome.PASSED}
