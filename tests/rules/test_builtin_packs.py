"""The built-in packs: every rule's own examples, and the pack checks. A new rule needs no new test code."""

from __future__ import annotations

import re

import pytest

from auditor.core.model import LANGS
from auditor.rules.engine import FAIL, NOT_APPLICABLE, PASS, is_note, lint_rule, run_example
from auditor.rules.packs import load_builtin_packs
from auditor.rules.schema import INSTRUMENTS

PACKS = load_builtin_packs()
RULES = [rule for pack in PACKS for rule in pack.rules]
EXAMPLES = [pytest.param(rule, ex, id=f"{rule.id}:{ex.name}") for rule in RULES for ex in rule.examples]


def test_the_three_packs_are_there():
    assert {"gdpr", "cnil", "ai_act"} <= {p.id for p in PACKS}


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_rule_example(rule, example):
    result = run_example(rule, example)
    assert result.ok, f"{rule.file}:{example.line}: {result.describe()}"


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_pack_identity(pack):
    assert re.match(r"^\d+\.\d+\.\d+$", pack.version)
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", pack.checked)
    assert pack.header.jurisdiction
    for lang in LANGS:
        assert pack.title.get(lang).strip()


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.id)
def test_ids_unique_and_equal_to_file_names(pack):
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids))
    for rule in pack.rules:
        assert rule.file.endswith(f"/{rule.id}.yaml") or rule.file == f"{rule.id}.yaml"


def test_ids_unique_across_packs():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_texts_in_both_languages(rule):
    for text in (rule.title, rule.message, rule.rationale, rule.remediation):
        for lang in LANGS:
            assert text.get(lang).strip(), f"{rule.id}: empty {lang} text"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_a_pass_and_a_fail_example(rule):
    expects = {e.expect for e in rule.examples}
    if is_note(rule):            # always true where it applies: out of scope is shown by a not_applicable case
        assert NOT_APPLICABLE in expects and FAIL in expects, f"{rule.file}: needs a not_applicable and a fail example"
    else:
        assert PASS in expects and FAIL in expects, f"{rule.file}: needs a pass and a fail example"
    assert lint_rule(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_references_use_the_short_instrument_names(rule):
    assert rule.references
    for ref in rule.references:
        assert ref.instrument in INSTRUMENTS


def test_every_replaced_by_is_present():
    ids = {r.id for r in RULES}
    for pack in PACKS:
        for rule in pack.rules:
            if rule.replaced_by:
                assert rule.replaced_by in ids
        for old, new in pack.header.replaced.items():
            assert new in ids and old not in ids


def test_findings_carry_the_feared_events_their_rule_declares():
    rule = next(r for r in RULES if r.id == "GDPR-ART32-SECURITY")
    assert set(rule.feared_events) == {"illegitimate_access", "unwanted_modification", "disappearance"}
    assert all(set(r.feared_events) <= {"illegitimate_access", "unwanted_modification", "disappearance"} for r in RULES)
