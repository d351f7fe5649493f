"""cel-python as the reference interpreter for the tests: the product evaluates with auditor.rules.celcompiler
only; these helpers run the same expression through cel-python with the product's number conventions (every
Facts number a double, comparisons across int and double) so that tests can compare the two."""

from __future__ import annotations

import operator
from typing import Any
from collections.abc import Callable

import celpy
from celpy import celtypes
from celpy.evaluation import CELEvalError

_ENV = celpy.Environment()


# --- numbers: everything is a double, comparisons tolerate an int on one side ---------------------------


def _num(a: Any, b: Any) -> tuple[Any, Any]:
    ints = (celtypes.IntType, celtypes.UintType)
    if isinstance(a, celtypes.DoubleType) and isinstance(b, ints) and not isinstance(b, celtypes.BoolType):
        return a, celtypes.DoubleType(float(b))
    if isinstance(b, celtypes.DoubleType) and isinstance(a, ints) and not isinstance(a, celtypes.BoolType):
        return celtypes.DoubleType(float(a)), b
    return a, b


def _is_null(value: Any) -> bool:
    return value is None or isinstance(value, celtypes.NullType)


def _relation(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def fn(a: Any, b: Any) -> Any:
        if isinstance(a, CELEvalError):
            return a
        if isinstance(b, CELEvalError):
            return b
        if op in (operator.eq, operator.ne) and (_is_null(a) or _is_null(b)):
            return celtypes.BoolType((_is_null(a) and _is_null(b)) == (op is operator.eq))
        a, b = _num(a, b)
        return celtypes.BoolType(bool(op(a, b)))
    fn.__name__ = f"rel_{op.__name__}"
    return fn


def _in(item: Any, container: Any) -> Any:
    if isinstance(item, CELEvalError):
        return item
    if isinstance(container, CELEvalError):
        return container
    if isinstance(container, celtypes.ListType):
        for element in container:
            x, y = _num(item, element)
            try:
                same_kind = type(x) is type(y) or isinstance(x, type(y)) or isinstance(y, type(x))
                if same_kind and x == y:
                    return celtypes.BoolType(True)
            except TypeError:
                continue
        return celtypes.BoolType(False)
    return celpy.evaluation.operator_in(item, container)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "_==_": _relation(operator.eq), "_!=_": _relation(operator.ne),
    "_<_": _relation(operator.lt), "_<=_": _relation(operator.le),
    "_>_": _relation(operator.gt), "_>=_": _relation(operator.ge),
    "_in_": _in,
}


def to_cel(value: Any) -> Any:
    """Plain JSON-like data -> CEL values, with every number (not bool) as a double."""
    if isinstance(value, bool):
        return celtypes.BoolType(value)
    if isinstance(value, (int, float)):
        return celtypes.DoubleType(float(value))
    if isinstance(value, str):
        return celtypes.StringType(value)
    if isinstance(value, dict):
        return celtypes.MapType({celtypes.StringType(str(k)): to_cel(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return celtypes.ListType([to_cel(v) for v in value])
    if value is None:
        return celtypes.NullType()
    return celtypes.StringType(str(value))


def from_cel(value: Any) -> Any:
    """CEL values -> plain Python (for messages and tests)."""
    if isinstance(value, celtypes.NullType):
        return None
    if isinstance(value, celtypes.BoolType):
        return bool(value)
    if isinstance(value, (celtypes.IntType, celtypes.UintType)):
        return int(value)
    if isinstance(value, celtypes.DoubleType):
        return float(value)
    if isinstance(value, celtypes.StringType):
        return str(value)
    if isinstance(value, celtypes.MapType):
        return {from_cel(k): from_cel(v) for k, v in value.items()}
    if isinstance(value, celtypes.ListType):
        return [from_cel(v) for v in value]
    return value




def reference(text: str, root: dict[str, Any], local: dict[str, Any] | None = None) -> tuple[Any, ...]:
    """("value", v), ("unknown",) for a missing key, or ("error",) as cel-python evaluates `text`."""
    activation = {**dict(to_cel(root)), **{k: to_cel(v) for k, v in (local or {}).items()}}
    program = _ENV.program(_ENV.compile(text), functions=FUNCTIONS)
    try:
        value = program.evaluate(activation)
    except CELEvalError as exc:
        value = exc
    except Exception:                       # cel-python raises plain Python errors for some type mismatches
        return ("error",)
    if isinstance(value, CELEvalError):
        text_ = " ".join(str(a) for a in value.args)
        kind = value.args[1] if len(value.args) > 1 else None
        missing = kind is KeyError or "no such member" in text_ or "undeclared" in text_.lower()
        return ("unknown",) if missing else ("error",)
    return ("value", from_cel(value))
