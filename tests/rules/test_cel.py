"""CEL helpers: numbers as doubles, lenient numeric comparisons, missing facts as Unknown, path extraction."""

from __future__ import annotations

import pytest

from auditor.rules.cel import CelRuntimeError, CelSyntaxError, Unknown, compile_expr
from tests.rules.celref import from_cel, reference, to_cel

FACTS = {"camera": {"retention_days": 30, "purposes": ["theft_prevention", "heatmap"], "hidden": False},
         "store": {"country": "FR"}, "audit": {"date": "2026-11-23"},
         "activity": {"transfers": [{"country": "US", "mechanism": "none"}]}, "nothing": None}


def ev(text: str, facts: dict = FACTS):
    """Evaluate with the compiled closures (the engine's path); the tests below compare with cel-python."""
    from auditor.rules.cel import plain_numbers
    return compile_expr(text).evaluate_plain(plain_numbers(facts), {})


@pytest.mark.parametrize("text, expected", [
    ("camera.retention_days > 3", True),            # int literal against a double fact
    ("camera.retention_days > 3.0", True),
    ("camera.retention_days == 30", True),          # equality across int and double
    ("camera.retention_days != 30", False),
    ("camera.retention_days <= 29", False),
    ("camera.retention_days in [7, 30]", True),
    ("30 in [camera.retention_days]", True),
    ("size(camera.purposes) >= 2", True),           # size() returns an int
    ("size(camera.purposes) == 2.0", True),
    ("'heatmap' in camera.purposes", True),
    ("camera.purposes.exists(p, p == 'heatmap')", True),
    ("camera.purposes.all(p, p == 'heatmap')", False),
    ("!camera.hidden", True),
    ("has(camera.retention_justification)", False),
    ("has(camera.retention_days)", True),
    ("audit.date >= '2025-02-02'", True),           # ISO dates compare as strings
    ("audit.date < '2026-08-02'", False),
    ("store.country == 'FR' ? 1 : 2", 1.0),
    ("activity.transfers.exists(t, t.mechanism == 'none')", True),
    ("nothing == null", True),
])
def test_expressions(text, expected):
    assert ev(text) == expected


@pytest.mark.parametrize("value, cel_type", [
    (3, "DoubleType"), (3.5, "DoubleType"), (True, "BoolType"), ("x", "StringType"),
    ([1], "ListType"), ({"a": 1}, "MapType"), (None, "NullType"),
])
def test_to_cel_turns_every_number_into_a_double(value, cel_type):
    assert type(to_cel(value)).__name__ == cel_type


def test_from_cel_round_trip():
    assert from_cel(to_cel({"a": [1, True, "x", None]})) == {"a": [1.0, True, "x", None]}


@pytest.mark.parametrize("text, fact", [
    ("camera.retention_justification == 'x'", "camera.retention_justification"),
    ("dpia.done", "dpia.done"),
    ("camera.retention_days > 3 && dpia.done", "dpia.done"),
    ("activity.transfers.exists(t, t.recipient == 'x')", "activity.transfers[].recipient"),
    ("dpia.done && x.y.z", "dpia.done"),
])
def test_a_missing_fact_is_unknown_and_named(text, fact):
    assert ev(text) == Unknown(fact)


@pytest.mark.parametrize("text, expected", [
    ("false && dpia.done", False),                  # CEL's commutative error absorption
    ("dpia.done && false", False),
    ("true || dpia.done", True),
    ("!has(dpia) || dpia.done", True),
])
def test_missing_facts_absorbed_by_logic(text, expected):
    assert ev(text) == expected


def test_type_errors_are_not_unknown():
    with pytest.raises(CelRuntimeError):
        ev("camera.retention_days > 'a'")


@pytest.mark.parametrize("text, line, column", [
    ("camera.retention_days >", 1, 23),     # at end of input: the last token
    ("a &&\n (b ==", 2, 5),
    ("a b", 1, 3),
])
def test_syntax_errors_have_a_position(text, line, column):
    with pytest.raises(CelSyntaxError) as info:
        compile_expr(text)
    assert (info.value.line, info.value.column) == (line, column)


def test_empty_expression():
    with pytest.raises(CelSyntaxError, match="empty"):
        compile_expr("  ")


def test_referenced_paths_resolve_comprehension_variables():
    expr = compile_expr("has(camera.x) && cameras.exists(c, c.zone == 'checkout' && c.ids.all(i, i.q)) "
                        "&& size(a.b) >= 2 && c.d.startsWith('x')")
    got = [(r.dotted, r.in_has) for r in expr.paths]
    assert got == [("camera.x", True), ("cameras", False), ("cameras[].zone", False), ("cameras[].ids", False),
                   ("cameras[].ids[].q", False), ("a.b", False), ("c.d", False)]


# --- the compiled closures agree with cel-python (the reference interpreter) ------------------------------

def _outcome(fn):
    try:
        value = fn()
    except CelRuntimeError:
        return ("error",)
    if isinstance(value, Unknown):
        return ("unknown",)
    return ("value", value)


def _both(expr, root: dict, local: dict):
    from auditor.rules.cel import plain_numbers
    root, local = plain_numbers(root), plain_numbers(local)
    fast = _outcome(lambda: expr.evaluate_plain(root, local))
    return fast, reference(expr.text, root, local)


@pytest.mark.parametrize("text", [
    "camera.retention_days > 3", "camera.retention_days == 30", "camera.retention_days in [7, 30]",
    "size(camera.purposes) >= 2", "'heatmap' in camera.purposes", "camera.purposes.exists(p, p == 'heatmap')",
    "camera.purposes.all(p, p == 'heatmap')", "camera.purposes.exists_one(p, p.startsWith('heat'))",
    "camera.purposes.filter(p, p.endsWith('n')) == ['theft_prevention']", "camera.purposes.map(p, size(p))[0] > 3",
    "!camera.hidden", "has(camera.retention_justification)", "has(dpia)", "has(dpia.done)",
    "audit.date >= '2025-02-02'", "store.country == 'FR' ? 1 : 2", "dpia.done", "false && dpia.done",
    "dpia.done || true", "!has(dpia) || dpia.done", "camera.retention_days > 'a'", "camera.retention_days % 7 == 2", "-camera.retention_days < 0", "{'a': 1}['a'] == 1", "[1, 2][1] == 2",
    "string(1) == '1'", "int(camera.retention_days) == 30", "double('2.5') == 2.5", "'x' + 'y' == 'xy'",
    "store.country.matches('^F')", "store.country.contains('R')", "nothing == null", "size('abc') == 3",
    "activity.transfers.exists(t, t.mechanism == 'none')", "activity.transfers.exists(t, t.recipient == 'x')",
])
def test_compiled_closures_agree_with_cel_python(text):
    expr = compile_expr(text)
    local = {"camera": FACTS["camera"], "activity": FACTS["activity"]}
    root = {k: v for k, v in FACTS.items() if k not in local}
    fast, reference = _both(expr, root, local)
    assert fast == reference


def test_every_builtin_expression_agrees_on_every_example_and_bundled_deployment():
    """Differential check over the real corpus: each rule expression on each example and each example
    deployment's subjects gives the same outcome (value, unknown or error) in both evaluators."""
    from pathlib import Path

    from auditor.config.loader import load_deployment
    from auditor.rules.derive import build_facts
    from auditor.rules.engine import example_facts
    from auditor.rules.packs import load_builtin_packs

    root_dir = Path(__file__).resolve().parents[2]
    deployments = [build_facts(load_deployment(p).deployment, audit_date="2026-11-23")
                   for p in sorted((root_dir / "assets" / "deployments").glob("*.yaml"))]
    disagreements = []
    checked = 0
    for pack in load_builtin_packs():
        for rule in pack.rules:
            exprs = [e for e in [rule.applies_when, rule.trigger, *(c.when for c in rule.escalate)] if e]
            cases = []
            for ex in rule.examples:
                root, item = example_facts(rule, ex)
                cases.append((f"example {ex.name}", root, {rule.for_each: item} if item is not None else {}))
            for i, facts in enumerate(deployments):
                key = {"camera": "cameras", "activity": "activities"}.get(rule.for_each)
                items = facts.get(key, []) if key else [None]
                for item in items:
                    cases.append((f"deployment {i}", facts, {rule.for_each: item} if item is not None else {}))
            for label, root, local in cases:
                for expr in exprs:
                    fast, reference = _both(expr, root, local)
                    checked += 1
                    if fast != reference:
                        disagreements.append(f"{rule.id} [{label}] {expr.text!r}: compiled {fast}, cel-python {reference}")
    assert checked > 1000
    assert not disagreements, "\n".join(disagreements[:20])
