"""Property-based tests of the CEL evaluator: random expressions never crash it, and its numbers follow CEL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from auditor.rules.cel import CelRuntimeError, CelSyntaxError, Unknown, compile_expr
from tests.rules.celref import reference

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
FACTS = {"n": 3.0, "s": "abc", "l": [1.0, 2.0, 3.0], "m": {"k": True}, "b": False, "z": None}

atoms = st.sampled_from(["n", "s", "l", "m", "b", "z", "m.k", "m.missing", "nope", "1", "2.5", "'x'", "true",
                         "null", "[1, 'a']", "{'a': 1}", "size(l)", "l[0]", "l[9]", "-n"])


def combine(inner):
    binary = st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&",
                                               "||", "in"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})")
    unary = st.tuples(st.sampled_from(["!", "-"]), inner).map(lambda t: f"{t[0]}({t[1]})")
    ternary = st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} ? {t[1]} : {t[2]})")
    macro = st.tuples(st.sampled_from(["exists", "all", "exists_one", "map", "filter"]), inner).map(
        lambda t: f"l.{t[0]}(x, {t[1].replace('n', 'x', 1)})")
    call = st.tuples(st.sampled_from(["size", "int", "double", "string", "has"]), inner).map(
        lambda t: f"{t[0]}({t[1]})")
    return st.one_of(binary, unary, ternary, macro, call)


expressions = st.recursive(atoms, combine, max_leaves=12)


@SETTINGS
@given(expressions)
def test_random_expressions_give_a_value_unknown_or_an_error(text):
    try:
        expr = compile_expr(text)
    except CelSyntaxError:
        return                                     # refused at load time, with a message: fine
    try:
        expr.evaluate_plain(FACTS, {})
    except CelRuntimeError:
        pass


@SETTINGS
@given(INT64, INT64, st.sampled_from(["+", "-", "*", "/", "%"]))
def test_int_arithmetic_agrees_with_cel_python(a, b, op):
    text = f"{a} {op} {b}".replace("- -", "+ ").replace("+ -", "- ")
    try:
        got: tuple = ("value", compile_expr(text).evaluate_plain({}, {}))
    except CelRuntimeError:
        got = ("error",)
    except CelSyntaxError:
        return                                     # e.g. -9223372036854775808 written as a literal
    assert got == reference(text, {})


@SETTINGS
@given(st.floats(allow_nan=False, allow_infinity=False, width=32), st.integers(min_value=-1000, max_value=1000))
def test_a_fact_and_an_int_literal_compare_as_numbers(x, k):
    expr = compile_expr("n < k || n == k || n > k")
    assert expr.evaluate_plain({"n": float(x), "k": k}, {}) is True
    assert compile_expr("has(n.x)").evaluate_plain({"n": float(x)}, {}) is False
    assert compile_expr("n.x").evaluate_plain({"n": {}}, {}) == Unknown("n.x")


@pytest.mark.parametrize("text", ["0 - 9223372036854775808", "9223372036854775808 > 1", "18446744073709551616u > 1u"])
def test_an_integer_literal_beyond_64_bits_does_not_compile(text):
    """Found by hypothesis: `0 - 9223372036854775808` gave -2^63 where CEL (and cel-python) give an error."""
    with pytest.raises(CelSyntaxError, match="beyond 64 bits"):
        compile_expr(text)


def test_the_smallest_int64_is_still_a_literal():
    assert compile_expr("-9223372036854775808 + 0").evaluate_plain({}, {}) == -(1 << 63)
