"""The rule engine's CEL against cel-python and the CEL specification: one table of probe expressions.

Each row: the expression, the engine's answer (a value, "error" or "unknown"), and where it differs from
cel-python 0.5.0 (the reference interpreter, run with the engine's number conventions) the reason: the CEL
specification (cel-spec langdef) or a deliberate design choice documented in docs/facts-and-rules.md. Every
other row must agree with cel-python; the test fails if an agreement turns into a difference or back.
"""

from __future__ import annotations

import math

import pytest

from auditor.rules.cel import CelRuntimeError, CelSyntaxError, Unknown, compile_expr, plain_numbers
from tests.rules.celref import reference

FACTS = {"camera": {"retention_days": 30, "name": "Checkout 2", "purposes": ["theft_prevention", "heatmap"],
                    "hidden": False, "height_m": 2.5, "tags": {"a": 1}},
         "store": {"country": "FR"}, "audit": {"date": "2026-11-23"}, "n": 7, "zero": 0, "items": [1, 2, 3],
         "nothing": None}

ERROR, UNKNOWN = ("error",), ("unknown",)
SPEC = "cel-spec"           # the engine follows the CEL specification where cel-python does not
DESIGN = "design"           # a documented choice of the engine (Facts numbers are doubles)

# (expression, engine's outcome, why it differs from cel-python or None when both agree)
PROBES: list[tuple[str, tuple, str | None]] = [
    ("camera.retention_days + 1 == 31", ("value", True), None),
    ("camera.retention_days - 1 == 29.0", ("value", True), None),
    ("camera.retention_days * 2 == 60", ("value", True), None),
    ("camera.retention_days / 7 > 4", ("value", True), DESIGN),        # cel-python: error for / only
    ("n % 2 == 1", ERROR, None),                                        # % is int-only in CEL
    ("7 % 2 == 1", ("value", True), None),
    ("7 / 2 == 3", ("value", True), None),                              # int division truncates
    ("-7 / 2 == -3", ("value", True), None),
    ("-7 % 3 == -1", ("value", True), None),
    ("7.0 / 2.0 == 3.5", ("value", True), None),
    ("1 / 0 == 0", ERROR, None),
    ("1.0 / 0.0 > 0.0", ("value", True), None),                         # IEEE 754: +infinity
    ("9223372036854775807 + 1 > 0", ERROR, None),                       # int64 overflow is an error
    ("-9223372036854775807 - 2 < 0", ERROR, None),
    ("2.0 * 3 == 6.0", ("value", True), None),
    ("1 + 2 * 3 == 7", ("value", True), None),
    ("zero == 0", ("value", True), None),
    ("1 == 1.0", ("value", True), None),
    ("1 < 1.5", ("value", True), None),
    ("[1, 2] == [1, 2]", ("value", True), None),
    ("[1] == [1.0]", ("value", True), SPEC),                            # heterogeneous numeric equality
    ("{'a': 1} == {'a': 1}", ("value", True), None),
    ("'a' < 'b'", ("value", True), None),
    ("true < false", ("value", False), None),
    ("'abc'.size() == 3", ("value", True), None),
    ("size('héllo') == 5", ("value", True), None),                      # code points, not bytes
    ("size(camera.purposes) + 1 == 3", ("value", True), None),
    ("camera.name.startsWith('Check')", ("value", True), None),
    ("camera.name.endsWith('2')", ("value", True), None),
    ("camera.name.contains('out')", ("value", True), None),
    ("camera.name.matches('^Ch.*[0-9]$')", ("value", True), None),
    ("camera.name.matches('out')", ("value", True), None),              # a search, not a full match
    ("'x' + 'y' == 'xy'", ("value", True), None),
    ("[1] + [2] == [1, 2]", ("value", True), None),
    ("items.map(x, x * 2) == [2, 4, 6]", ("value", True), None),
    ("items.filter(x, x > 1).size() == 2", ("value", True), None),
    ("items.exists_one(x, x == 2)", ("value", True), None),
    ("items.all(x, x > 0)", ("value", True), None),
    ("items.exists(x, x > 5)", ("value", False), None),
    ("int('42') == 42", ("value", True), None),
    ("double('2.5') == 2.5", ("value", True), None),
    ("string(30) == '30'", ("value", True), None),
    ("string(camera.retention_days) == '30'", ("value", False), None),  # a double prints as 30.0
    ("int(camera.height_m) == 2", ("value", True), None),
    ("int(-2.9) == -2", ("value", True), None),                         # truncation toward zero
    ("'a' in {'a': 1}", ("value", True), None),
    ("camera.tags.a == 1", ("value", True), None),
    ("has(camera.tags.b)", ("value", False), None),
    ("nothing == null", ("value", True), None),
    ("camera.hidden == false", ("value", True), None),
    ("camera.retention_days > 3 || camera.missing", ("value", True), None),   # errors absorbed by ||
    ("camera.missing || true", ("value", True), None),
    ("camera.missing && false", ("value", False), None),
    ("camera.missing", UNKNOWN, None),
    ("true ? 1 : 2", ("value", 1), None),
    ("dyn(1) == 1.0", ("value", True), None),
    ("camera.retention_days == '30'", ERROR, None),                     # no string/number equality
    ("3.0 in [1, 2, 3]", ("value", True), None),
    ("'b' in ['a']", ("value", False), None),
    ("camera.name > 3", ERROR, None),
]

# CEL the engine refuses when a pack loads (no rule needs it); cel-python evaluates these.
REFUSED = ["type(1) == int", "timestamp('2026-01-01T00:00:00Z') > timestamp('2025-01-01T00:00:00Z')",
           "duration('1h') > duration('1m')"]


def engine(text: str) -> tuple:
    try:
        value = compile_expr(text).evaluate_plain(plain_numbers(FACTS), {})
    except CelRuntimeError:
        return ERROR
    return UNKNOWN if isinstance(value, Unknown) else ("value", value)


@pytest.mark.parametrize("text, expected, why", PROBES, ids=[p[0] for p in PROBES])
def test_probe(text, expected, why):
    got = engine(text)
    assert got == expected
    ref = reference(text, plain_numbers(FACTS))
    if why is None:
        assert got == ref, f"cel-python says {ref}"
    else:
        assert got != ref, f"this now agrees with cel-python ({ref}): drop the {why!r} note"


def test_the_table_is_large_enough_and_mostly_agrees():
    agree = sum(1 for _, _, why in PROBES if why is None)
    assert len(PROBES) >= 40 and agree >= len(PROBES) - 3


@pytest.mark.parametrize("text", REFUSED)
def test_what_the_engine_cannot_compile_is_refused_at_load(text):
    with pytest.raises(CelSyntaxError, match="not supported by the rule engine"):
        compile_expr(text)


def test_double_division_follows_ieee_754():
    assert engine("0.0 / 0.0 == 0.0 / 0.0") == ("value", False)          # NaN is not equal to itself
    assert compile_expr("-1.0 / 0.0").evaluate_plain({}, {}) == -math.inf
