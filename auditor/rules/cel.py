"""CEL for rule conditions: compile at load time, find the fact paths an expression reads, evaluate safely.

Every number in the Facts is handed to CEL as a double (docs/facts-and-rules.md), and the comparison
operators accept an int on one side and a double on the other, so `size(x) >= 2`, `x > 3` and `x == 3`
all work. A fact that is missing makes the evaluation `Unknown` (naming the fact), never a silent false.
"""

from __future__ import annotations

import logging
import operator
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import celpy
import lark
from celpy import celtypes
from celpy.celparser import CELParseError
from celpy.evaluation import CELEvalError, CELUnsupportedError

from auditor.rules.celcompiler import CelError, Missing, Unsupported, compile_tree

# celpy logs every evaluation step at DEBUG; keep it quiet whatever the root logger says.
logging.getLogger("celpy").setLevel(logging.WARNING)

Path = tuple[str, ...]
LIST_ITEM = "[]"                                   # path segment for "any element of this list"
MACROS = frozenset({"exists", "all", "exists_one", "map", "filter"})


class CelSyntaxError(Exception):
    """A CEL expression does not parse; `line`/`column` are 1-based positions inside the expression."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class CelRuntimeError(Exception):
    """Evaluation failed for a reason other than a missing fact (e.g. comparing a string with a number)."""


@dataclass(frozen=True)
class Unknown:
    """The outcome of an expression that needs a fact the Facts document does not declare."""

    fact: str                                      # dotted path, e.g. "camera.retention_days"


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
                if type(x) is type(y) or isinstance(x, type(y)) or isinstance(y, type(x)):
                    if x == y:
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


# --- paths read by an expression -------------------------------------------------------------------------

@dataclass(frozen=True)
class PathRef:
    """A fact path read by an expression, with whether it appears only as the argument of has()."""

    path: Path
    in_has: bool = False

    @property
    def dotted(self) -> str:
        return dotted(self.path)


def dotted(path: Iterable[str]) -> str:
    out = ""
    for part in path:
        out += part if part == LIST_ITEM else (f".{part}" if out else part)
    return out


def _children(node: Any) -> list[Any]:
    return [c for c in node.children if isinstance(c, lark.Tree)] if isinstance(node, lark.Tree) else []


def _unwrap(node: Any) -> Any:
    """Skip the single-child precedence wrappers (expr -> conditionalor -> ... -> member -> primary)."""
    while isinstance(node, lark.Tree) and node.data in (
            "expr", "conditionalor", "conditionaland", "relation", "addition", "multiplication", "unary",
            "member", "primary") and len(node.children) == 1 and isinstance(node.children[0], lark.Tree):
        node = node.children[0]
    return node


def _token(node: lark.Tree, index: int) -> str:
    return str(node.children[index])


class _PathCollector:
    def __init__(self) -> None:
        self.refs: list[PathRef] = []
        self.unbound: list[str] = []

    def chain(self, node: Any, scope: dict[str, Path]) -> Path | None:
        """The path of a pure member-access chain (ident.a.b), resolved through comprehension variables."""
        node = _unwrap(node)
        if not isinstance(node, lark.Tree):
            return None
        if node.data == "ident":
            name = _token(node, 0)
            return scope.get(name, (name,))
        if node.data == "member_dot":
            base = self.chain(node.children[0], scope)
            return None if base is None else base + (_token(node, 1),)
        return None

    def visit(self, node: Any, scope: dict[str, Path], in_has: bool = False) -> None:
        node = _unwrap(node)
        if not isinstance(node, lark.Tree):
            return
        if node.data in ("ident", "member_dot"):
            path = self.chain(node, scope)
            if path is not None:
                self.refs.append(PathRef(path, in_has))
                return
        if node.data == "member_dot_arg":
            method = _token(node, 1)
            base = self.chain(node.children[0], scope)
            if base is not None:
                self.refs.append(PathRef(base))
            else:
                self.visit(node.children[0], scope)
            args = _children(node.children[2]) if len(node.children) > 2 else []
            if method in MACROS and args:
                var = _unwrap(args[0])
                if isinstance(var, lark.Tree) and var.data == "ident" and base is not None:
                    inner = dict(scope)
                    inner[_token(var, 0)] = base + (LIST_ITEM,)
                    for arg in args[1:]:
                        self.visit(arg, inner)
                    return
                for arg in args[1:]:
                    self.visit(arg, scope)
                return
            for arg in args:
                self.visit(arg, scope)
            return
        if node.data == "ident_arg":
            name = _token(node, 0)
            args = _children(node.children[1]) if len(node.children) > 1 else []
            for arg in args:
                self.visit(arg, scope, in_has=(name == "has"))
            return
        for child in _children(node):
            self.visit(child, scope)


def referenced_paths(ast: Any) -> list[PathRef]:
    """Every fact path an expression reads, in source order (comprehension items as `list[]`)."""
    collector = _PathCollector()
    collector.visit(ast, {})
    seen: set[PathRef] = set()
    out: list[PathRef] = []
    for ref in collector.refs:
        if ref not in seen:
            seen.add(ref)
            out.append(ref)
    return out


# --- compile and evaluate ----------------------------------------------------------------------------------

_ENV = celpy.Environment()


def compile_expr(text: str) -> "Expression":
    """Parse a CEL expression; raise CelSyntaxError with a position inside the expression."""
    if not isinstance(text, str) or not text.strip():
        raise CelSyntaxError("the expression is empty")
    try:
        ast = _ENV.compile(text)
    except CELParseError as exc:
        line = getattr(exc, "line", None)
        column = getattr(exc, "column", None)
        shown = str(exc.args[0]).splitlines() if exc.args else []
        if len(shown) >= 2 and "^" in shown[-1]:      # the caret under the offending character is reliable
            column = shown[-1].index("^") + 1
        detail = str(exc.args[0]).strip() if exc.args else ""
        msg = "CEL syntax error"
        if detail:
            msg += ":\n" + "\n".join("      " + l for l in str(exc.args[0]).rstrip().splitlines())
        raise CelSyntaxError(msg, line, column) from None
    except Exception as exc:  # lark raises assorted errors for odd input
        raise CelSyntaxError(f"CEL syntax error: {exc}") from None
    try:
        fast = compile_tree(ast)
    except Unsupported:
        fast = None
    return Expression(text, ast, _ENV.program(ast, functions=FUNCTIONS), referenced_paths(ast), fast)


def _has_path(data: Any, path: Path) -> bool:
    cur = data
    for part in path:
        if part == LIST_ITEM:
            return True             # inside a list: checked element by element at run time
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            return False
    return True


def plain_numbers(value: Any) -> Any:
    """A copy of plain data with every number (not bool) as a float: the Facts' numbers are doubles."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, dict):
        return {k: plain_numbers(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_numbers(v) for v in value]
    return value


@dataclass
class Expression:
    """A compiled CEL expression with the fact paths it reads.

    `fast` is the closure compiled by celcompiler (None when the expression uses CEL outside its subset);
    `program` is cel-python's interpreter for the same tree, the reference and the fallback.
    """

    text: str
    ast: Any
    program: Any
    paths: list[PathRef]
    fast: Any = None

    def evaluate_plain(self, root: dict[str, Any], local: dict[str, Any], activation: Any = None) -> Any:
        """Evaluate over plain data (numbers already floats); return a value or Unknown(fact).

        `activation` is a callable building the cel-python activation, used only without a fast closure.
        """
        if self.fast is not None:
            try:
                return self.fast(root, local)
            except Missing as exc:
                return Unknown(exc.fact)
            except CelError as exc:
                raise CelRuntimeError(str(exc)) from None
            except RecursionError:
                raise CelRuntimeError("expression nested too deeply") from None
        cel = activation() if activation is not None else {**dict(to_cel(root)), **{k: to_cel(v) for k, v in local.items()}}
        return self.evaluate(cel, {**root, **local})

    def missing_fact(self, plain: dict[str, Any], error: str = "") -> str:
        """Name the fact that made evaluation fail: the first referenced path absent from the plain facts."""
        for ref in self.paths:
            path = ref.path[:-1] if ref.in_has else ref.path
            if path and not _has_path(plain, path):
                return dotted(path)
        m = re.search(r"no such member in mapping: \\*'([A-Za-z0-9_]+)", error)
        if m:
            for ref in self.paths:
                if ref.path and ref.path[-1] == m.group(1):
                    return ref.dotted
            return m.group(1)
        return ""

    def evaluate(self, activation: dict[str, Any], plain: dict[str, Any] | None = None) -> Any:
        """Evaluate with CEL values; return a plain Python value or Unknown(fact).

        `plain` is the same data as plain Python, used only to name a missing fact.
        """
        try:
            value = self.program.evaluate(activation)
        except CELEvalError as exc:
            return self._failed(exc, plain)
        except CELUnsupportedError as exc:
            raise CelRuntimeError(f"unsupported CEL feature: {exc}") from None
        except (TypeError, ValueError, KeyError, AttributeError, ZeroDivisionError) as exc:
            raise CelRuntimeError(f"{type(exc).__name__}: {exc}") from None
        if isinstance(value, CELEvalError):
            return self._failed(value, plain)
        return from_cel(value)

    def _failed(self, exc: CELEvalError, plain: dict[str, Any] | None) -> Any:
        text = " ".join(str(a) for a in exc.args)
        kind = exc.args[1] if len(exc.args) > 1 else None
        if kind is KeyError or "no such member" in text or "undeclared" in text.lower():
            fact = self.missing_fact(plain or {}, text) if plain is not None else ""
            if not fact:
                m = re.search(r"no such member in mapping: \\*'([A-Za-z0-9_]+)", text)
                fact = m.group(1) if m else "a fact this rule needs"
            return Unknown(fact)
        raise CelRuntimeError(_describe_error(exc))


def _describe_error(exc: CELEvalError) -> str:
    parts = [str(a) for a in exc.args if a is not None and not isinstance(a, type)]
    text = "; ".join(p for p in parts if p and p != "()")
    text = text.replace("<class 'celpy.celtypes.", "").replace("'>", "")
    return text or "evaluation error"
