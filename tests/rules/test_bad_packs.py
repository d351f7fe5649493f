"""Bad packs: one test per kind of error, each pack generated in tmp_path (the "bad_packs" cases).

Every error must name the file, the line (and column where there is one), the rule id and the field, and
a bad pack must stop the run: load_packs raises, `auditor rules validate` exits 2.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.core.errors import InputError
from auditor.core.model import Tier
from auditor.rules.packs import load_pack, load_packs
from tests.rules.conftest import PACK_HEADER, dump, rule_doc


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_pack(folder)
    return [p.format() for p in info.value.problems]


def one(lines: list[str], *needles: str) -> str:
    """The single problem line containing every needle (so each case checks exactly its own error)."""
    hits = [line for line in lines if all(n in line for n in needles)]
    assert hits, f"no problem mentions {needles}: {lines}"
    return hits[0]


LOCATED = re.compile(r"^\S+\.yaml:\d+:\d+: ")


def test_valid_pack_loads(make_pack):
    pack = load_pack(make_pack([rule_doc()]))
    assert [r.id for r in pack.rules] == ["TEST-RETENTION-LONG"]
    assert pack.info.rule_count == 1 and len(pack.sha256) == 64


def test_yaml_syntax_error(make_pack):
    folder = make_pack([("TEST-BROKEN.yaml", "id: TEST-BROKEN\nseverity: [major\n")])
    line = one(problems_of(folder), "TEST-BROKEN.yaml", "YAML syntax error")
    assert LOCATED.match(line), line


def test_unknown_field(make_pack):
    folder = make_pack([rule_doc(titel={"en": "x", "fr": "x"})])
    line = one(problems_of(folder), "unknown field 'titel'")
    assert "TEST-RETENTION-LONG.yaml" in line and "rule TEST-RETENTION-LONG" in line and "did you mean 'title'" in line
    assert LOCATED.match(line), line


def test_duplicate_id_in_a_pack(make_pack):
    folder = make_pack([rule_doc(), ("TEST-OTHER.yaml", dump(rule_doc()))])
    lines = problems_of(folder)
    assert one(lines, "duplicate rule id 'TEST-RETENTION-LONG'")
    assert one(lines, "TEST-OTHER.yaml", "must equal the file name")


def test_duplicate_id_across_packs(make_pack):
    a = make_pack([rule_doc()], name="first")
    b = make_pack([rule_doc()], name="second")
    with pytest.raises(InputError) as info:
        load_packs([a, b], builtin=False)
    assert one([p.format() for p in info.value.problems], "duplicate rule id", "also in pack first")


def test_id_differs_from_file_name(make_pack):
    folder = make_pack([("TEST-FILE-NAME.yaml", dump(rule_doc("TEST-OTHER-ID")))])
    line = one(problems_of(folder), "TEST-FILE-NAME.yaml", "rule TEST-OTHER-ID, id", "must equal the file name")
    assert LOCATED.match(line), line


def test_cel_syntax_error(make_pack):
    folder = make_pack([rule_doc(trigger="camera.retention_days > && true")])
    line = one(problems_of(folder), "rule TEST-RETENTION-LONG, trigger", "CEL syntax error")
    assert "line 1 column" in line and LOCATED.match(line), line


def test_unknown_fact_in_trigger(make_pack):
    folder = make_pack([rule_doc(trigger="camera.retention_dayz > 3")])
    line = one(problems_of(folder), "rule TEST-RETENTION-LONG, trigger", "unknown fact 'camera.retention_dayz'")
    assert "did you mean 'camera.retention_days'" in line


def test_unknown_derived_fact(make_pack):
    folder = make_pack([rule_doc(applies_when="derived.in_eu")])
    assert one(problems_of(folder), "applies_when", "unknown fact 'derived.in_eu'", "did you mean 'derived.in_eea'")


def test_unknown_fact_inside_a_comprehension(make_pack):
    folder = make_pack([rule_doc(trigger="cameras.exists(c, c.zonne == 'checkout')", for_each="deployment",
                                 message={"en": "x", "fr": "x"}, evidence=[],
                                 examples=[{"name": "a", "expect": "pass", "cameras": []},
                                           {"name": "b", "expect": "fail", "cameras": [{"zone": "checkout"}]}])])
    assert one(problems_of(folder), "unknown fact 'cameras[].zonne'")


def test_item_outside_its_rule_kind(make_pack):
    folder = make_pack([rule_doc(for_each="deployment", examples=[{"name": "a", "expect": "pass"},
                                                                 {"name": "b", "expect": "fail"}])])
    assert one(problems_of(folder), "'camera' is defined only in rules with for_each: camera")


def test_list_read_without_exists(make_pack):
    folder = make_pack([rule_doc(trigger="camera.purposes.zone == 'x'")])
    assert one(problems_of(folder), "camera.purposes is a list")


def test_unknown_fact_in_message(make_pack):
    folder = make_pack([rule_doc(message={"en": "{{ camera.nope }}", "fr": "x"})])
    assert one(problems_of(folder), "rule TEST-RETENTION-LONG, message.en", "unknown fact 'camera.nope'")


def test_unknown_fact_in_evidence(make_pack):
    folder = make_pack([rule_doc(evidence=["camera.retention"])])
    assert one(problems_of(folder), "rule TEST-RETENTION-LONG, evidence[0]", "unknown fact 'camera.retention'")


def test_unknown_fact_in_an_example(make_pack):
    folder = make_pack([rule_doc(examples=[{"name": "a", "expect": "pass", "camera": {"retention_dayz": 1}},
                                           {"name": "b", "expect": "fail", "camera": {"retention_days": 9}}])])
    assert one(problems_of(folder), "examples[0].camera.retention_dayz", "unknown fact key 'retention_dayz'")


def test_wrong_severity_name(make_pack):
    folder = make_pack([rule_doc(severity="critical")])
    line = one(problems_of(folder), "rule TEST-RETENTION-LONG, severity", "invalid severity")
    assert "expected one of blocker, major, minor, info" in line and "found 'critical'" in line


def test_wrong_escalation_severity(make_pack):
    folder = make_pack([rule_doc(escalate=[{"when": "true", "severity": "high"}])])
    assert one(problems_of(folder), "escalate[0].severity", "invalid severity")


def test_blocker_rule_needs_a_tier(make_pack):
    folder = make_pack([rule_doc(severity="blocker")])
    line = one(problems_of(folder), "rule TEST-RETENTION-LONG, severity", "must say what its blocker means")
    assert LOCATED.match(line) and "tier: prohibited" in line, line


def test_blocker_escalation_needs_a_tier(make_pack):
    folder = make_pack([rule_doc(escalate=[{"when": "true", "severity": "blocker"}])])
    line = one(problems_of(folder), "escalate[0].severity", "blocker case must say what it means")
    assert LOCATED.match(line), line
    ok = make_pack([rule_doc(escalate=[{"when": "true", "severity": "blocker", "tier": "unlawful_until_fixed"}])],
                   name="ok")
    assert load_pack(ok).rules[0].escalate[0].tier.value == "unlawful_until_fixed"


def test_wrong_tier_and_tier_without_blocker(make_pack):
    lines = problems_of(make_pack([rule_doc(severity="blocker", tier="forbidden")]))
    assert "expected one of prohibited, unlawful_until_fixed" in one(lines, "rule TEST-RETENTION-LONG, tier", "invalid tier")
    lines = problems_of(make_pack([rule_doc(tier="prohibited")], name="t2"))
    assert one(lines, "rule TEST-RETENTION-LONG, tier", "only a rule that can give a blocker has a tier")


def test_example_tier_only_on_a_blocker_failure(make_pack):
    examples = [{"name": "one day", "expect": "pass", "tier": "prohibited", "camera": {"retention_days": 1}},
                {"name": "thirty days", "expect": "fail", "severity": "major", "tier": "prohibited",
                 "camera": {"retention_days": 30}}]
    lines = problems_of(make_pack([rule_doc(examples=examples)]))
    assert one(lines, "examples[0].tier", "only makes sense with expect: fail")
    assert one(lines, "examples[1].tier", "only a blocker has a tier")


def test_missing_language(make_pack):
    folder = make_pack([rule_doc(title={"en": "Footage kept too long"})])
    assert one(problems_of(folder), "rule TEST-RETENTION-LONG, title", "French text (fr) is missing")


def test_missing_required_field(make_pack):
    folder = make_pack([rule_doc(trigger=None)])
    assert one(problems_of(folder), "rule TEST-RETENTION-LONG", "required field 'trigger' is missing")


def test_unknown_instrument(make_pack):
    folder = make_pack([rule_doc(references=[{"instrument": "RGPD", "article": "5"}])])
    assert one(problems_of(folder), "references[0].instrument", "unknown instrument short name")


def test_wrong_expect(make_pack):
    folder = make_pack([rule_doc(examples=[{"name": "a", "expect": "passes", "camera": {}}])])
    assert one(problems_of(folder), "examples[0].expect", "did you mean 'pass'")


def test_replaced_by_must_exist(make_pack):
    folder = make_pack([rule_doc(status="deprecated", replaced_by="TEST-NOWHERE")])
    assert one(problems_of(folder), "replaced_by names 'TEST-NOWHERE'")


def test_deprecated_needs_replacement(make_pack):
    folder = make_pack([rule_doc(status="deprecated")])
    assert one(problems_of(folder), "a deprecated rule must name its replacement")


def test_pack_header_problems(make_pack):
    folder = make_pack([rule_doc()], header={"checked": "last year", "title": {"en": "x"}, "schema_version": 2})
    lines = problems_of(folder)
    assert one(lines, "pack.yaml", "checked", "must be an ISO date")
    assert one(lines, "pack.yaml", "French text (fr) is missing")
    assert one(lines, "pack.yaml", "unsupported schema_version")


def test_pack_without_pack_yaml(tmp_path):
    folder = tmp_path / "nopack"
    folder.mkdir()
    (folder / "TEST-RETENTION-LONG.yaml").write_text(dump(rule_doc()), encoding="utf-8")
    assert one(problems_of(folder), "pack.yaml", "the pack has no pack.yaml")


def test_replaced_mapping_must_name_a_rule_of_the_pack(make_pack):
    folder = make_pack([rule_doc()], header={"replaced": {"TEST-OLD": "TEST-NEW"}})
    assert one(problems_of(folder), "replaced: TEST-OLD -> TEST-NEW")


def test_every_problem_is_reported_not_only_the_first(make_pack):
    folder = make_pack([rule_doc(severity="critical", trigger="camera.nope > 1", title={"en": "x"})])
    assert len(problems_of(folder)) >= 3


def test_a_bad_user_pack_stops_the_run(make_pack, write_deployment):
    from auditor.audit import AuditRequest, run_audit
    folder = make_pack([rule_doc(severity="critical")], name="mine")
    with pytest.raises(InputError):
        run_audit(AuditRequest(config=write_deployment(), rule_dirs=[folder], analyse_footage=False))


def test_packs_are_compiled_once_at_load(make_pack):
    pack = load_pack(make_pack([rule_doc()]))
    assert callable(pack.rules[0].trigger.fast)
    assert PACK_HEADER["id"] == pack.id


def test_feared_events_are_a_closed_list(make_pack):
    lines = problems_of(make_pack([rule_doc(feared_events=["illegitimate_acess", "disappearance", "disappearance"])]))
    line = one(lines, "feared_events[0]", "unknown feared event", "did you mean 'illegitimate_access'")
    assert LOCATED.match(line), line
    assert one(lines, "feared_events[2]", "listed twice")
    ok = load_pack(make_pack([rule_doc(feared_events=["unwanted_modification"])], name="ok"))
    assert ok.rules[0].feared_events == ("unwanted_modification",)


def test_risk_factors_are_a_closed_list(make_pack):
    lines = problems_of(make_pack([rule_doc(risk_factors=["footage_unencrypted", "broad_viewers", "footage_unencrypted"])]))
    line = one(lines, "risk_factors[1]", "unknown risk factor", "did you mean 'broad_viewer_set'")
    assert LOCATED.match(line), line
    assert one(lines, "risk_factors[2]", "listed twice")
    assert one(problems_of(make_pack([rule_doc(risk_factors="footage_unencrypted")], name="scalar")),
               "risk_factors", "must be a list of risk factors")
    ok = load_pack(make_pack([rule_doc(risk_factors=["footage_unencrypted"])], name="ok"))
    assert ok.rules[0].risk_factors == ("footage_unencrypted",)


def test_a_question_rule_says_what_an_answer_failed_means(make_pack):
    missing = problems_of(make_pack([rule_doc(severity="info", question=True)], name="missing"))
    assert one(missing, "question", "a question rule must say what an answer 'failed' means", "if_failed:")
    stray = problems_of(make_pack([rule_doc(if_failed={"severity": "major"})], name="stray"))
    assert one(stray, "if_failed", "only a question rule")
    twice = problems_of(make_pack([rule_doc(question=True, if_failed={"severity": "major"})], name="twice"))
    assert one(twice, "if_failed", "say once")
    no_tier = problems_of(make_pack([rule_doc(severity="info", question=True, if_failed={"severity": "blocker"})],
                                    name="no_tier"))
    assert one(no_tier, "if_failed.severity", "a blocker must say what it means", "tier: prohibited")
    ok = load_pack(make_pack([rule_doc(severity="info", question=True,
                                       if_failed={"severity": "blocker", "tier": "prohibited"})], name="ok"))
    assert ok.rules[0].if_failed is not None and ok.rules[0].if_failed.tier is Tier.PROHIBITED
    own = load_pack(make_pack([rule_doc(question=True)], name="own"))     # severity major: failing means major
    assert own.rules[0].question and own.rules[0].if_failed is None
