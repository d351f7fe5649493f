"""An AuditResult as plain data and back, so that an audit project can keep its last audit (no pixels in it).

The reader rebuilds the dataclasses from their type hints, so a field added to the model later is read without
code here; a value of the wrong type is an InputError that names the field, never a crash deeper in the app.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from enum import Enum
from typing import Any

from auditor.core.errors import InputError, Problem, describe_value
from auditor.core.model import AuditResult


def result_to_data(result: AuditResult) -> dict[str, Any]:
    """Plain JSON/YAML-ready data: enums as their values, dataclasses as mappings."""
    return _plain(result)


def result_from_data(data: Any, *, file: str, where: str = "result") -> AuditResult:
    """The AuditResult written by result_to_data. Raises InputError naming the first malformed field."""
    return _build(AuditResult, data, file, where)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _fail(file: str, where: str, expected: str, value: Any) -> InputError:
    return InputError([Problem(file, "malformed saved audit result", path=where, expected=expected,
                               found=describe_value(value))])


def _build(tp: Any, value: Any, file: str, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any:
        return value
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _build(option, value, file, where)
            except InputError as exc:
                errors.append(exc)
        raise errors[0] if errors else _fail(file, where, str(tp), value)
    if origin in (list, tuple):
        if not isinstance(value, list):
            raise _fail(file, where, "a list", value)
        (item,) = typing.get_args(tp)[:1] or (Any,)
        return [_build(item, v, file, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise _fail(file, where, "a mapping", value)
        _, item = typing.get_args(tp) or (str, Any)
        return {str(k): _build(item, v, file, f"{where}.{k}") for k, v in value.items()}
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            raise _fail(file, where, "one of " + ", ".join(str(m.value) for m in tp), value) from None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise _fail(file, where, "a mapping", value)
        hints = typing.get_type_hints(tp)
        fields = {f.name: f for f in dataclasses.fields(tp)}
        kwargs = {}
        for name, raw in value.items():
            if name in fields:
                kwargs[name] = _build(hints[name], raw, file, f"{where}.{name}")
        missing = [n for n, f in fields.items() if n not in kwargs and f.default is dataclasses.MISSING
                   and f.default_factory is dataclasses.MISSING]
        if missing:
            raise InputError([Problem(file, f"malformed saved audit result: {missing[0]!r} is missing", path=where)])
        return typing.cast(Any, tp)(**kwargs)
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise _fail(file, where, "a number", value)
    if tp in (str, int, bool):
        if type(value) is not tp:
            raise _fail(file, where, {str: "text", int: "a whole number", bool: "true or false"}[tp], value)
        return value
    return value
