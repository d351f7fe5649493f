"""CEL parse trees (from cel-python's parser) compiled to Python closures over plain JSON-like data.

This is the rule engine's only evaluator: cel-python parses, and an expression outside the compiled subset
is refused when its pack loads. (cel-python's tree-walking interpreter also takes about a millisecond per rule
and subject; a 50-camera store with a hundred rules needs thousands of evaluations.) The rule language is the standard CEL subset the
packs use (literals, member access, has(), size(), in, comparisons, arithmetic, !, &&, ||, ?:, lists,
maps, the exists/all/exists_one/map/filter macros, the string methods); each node becomes one closure.
Semantics follow cel-python, which stays the reference: errors are values that `&&`, `||` and the macros
absorb the way CEL specifies, has(e) is true when e evaluates without error, and a missing key raises
Missing with the dotted path of the fact. Anything outside the subset raises Unsupported at compile time.

Where cel-python and the CEL specification differ, tests/rules/test_cel_probes.py records which one this
follows and why. Numbers: the Facts' numbers are doubles, so an int next to a double is promoted in arithmetic
as in comparisons (`retention_days + 1 == 31`); int arithmetic overflowing 64 bits is an error; double
division by zero gives an infinity (IEEE 754); `%` is for ints only. `matches()` uses RE2 (linear time, the
syntax CEL specifies); a literal pattern is compiled with the expression, so a bad one is a pack problem.
Each evaluation runs under a budget (steps and seconds) and stops with a CelError beyond it.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any
from collections.abc import Callable

import lark
import re2
from celpy.evaluation import celstr

Env = tuple[dict[str, Any], dict[str, Any]]        # (root facts, local names: the rule's item, macro variables)
Fn = Callable[[dict[str, Any], dict[str, Any]], Any]

ITEM = "[]"


class CelError(Exception):
    """An evaluation error (a CEL error value)."""


class Missing(CelError):
    """A key the expression reads is not in the facts."""

    def __init__(self, fact: str) -> None:
        super().__init__(f"no such key: {fact}")
        self.fact = fact


class Unsupported(Exception):
    """The expression uses CEL outside the compiled subset: refused when the pack loads."""


class CompileError(Exception):
    """The expression is CEL the engine supports but is wrong (e.g. an invalid regular expression)."""


# --- the evaluation budget ----------------------------------------------------------------------------------

MAX_STEPS = 1_000_000        # comprehension iterations and list items built, per evaluation
MAX_SECONDS = 2.0            # wall-clock limit per evaluation (checked every 1,024 steps)


class BudgetExceeded(Exception):
    """The evaluation went beyond its budget (e.g. nested comprehensions over long lists). Not a CelError:
    `||`, `&&`, has() and the macros absorb CEL errors, and a budget must stop the whole evaluation."""


class _Budget(threading.local):
    steps = 0
    deadline = 0.0
    seconds = MAX_SECONDS


_BUDGET = _Budget()


def _step(n: int = 1) -> None:
    _BUDGET.steps -= n
    if _BUDGET.steps < 0:
        raise BudgetExceeded(f"evaluation stopped: more than {MAX_STEPS:,} steps")
    if (_BUDGET.steps & 1023) == 0 and time.monotonic() > _BUDGET.deadline:
        raise BudgetExceeded(f"evaluation stopped: longer than {_BUDGET.seconds:g} s")


def run_with_budget(fn: Fn, root: dict[str, Any], local: dict[str, Any], *, steps: int = MAX_STEPS,
                    seconds: float = MAX_SECONDS) -> Any:
    """Evaluate a compiled expression with a fresh budget."""
    _BUDGET.steps, _BUDGET.deadline, _BUDGET.seconds = steps, time.monotonic() + seconds, seconds
    return fn(root, local)


def compile_regex(pattern: str) -> Any:
    """An RE2 pattern (CEL's regular-expression syntax; linear-time matching); CompileError if invalid."""
    try:
        return re2.compile(pattern)
    except re2.error as exc:
        raise CompileError(f"invalid regular expression {pattern!r} for matches(): {exc}") from None


def _dotted(path: tuple[str, ...] | None, name: str | None = None) -> str:
    parts = list(path or ())
    if name is not None:
        parts.append(name)
    out = ""
    for p in parts:
        out += p if p == ITEM else (f".{p}" if out else p)
    return out or (name or "?")


# --- value helpers ----------------------------------------------------------------------------------------

def _kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "num"
    if isinstance(v, str):
        return "str"
    if isinstance(v, list):
        return "list"
    if isinstance(v, dict):
        return "map"
    if v is None:
        return "null"
    return type(v).__name__


def _eq(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka != kb:
        if "null" in (ka, kb):
            return False
        raise CelError(f"no such overload: {ka} == {kb}")
    if ka == "list":
        return len(a) == len(b) and all(_eq(x, y) for x, y in zip(a, b))
    if ka == "map":
        return a.keys() == b.keys() and all(_eq(a[k], b[k]) for k in a)
    return a == b


def _order(a: Any, b: Any) -> tuple[Any, Any]:
    ka, kb = _kind(a), _kind(b)
    if ka != kb or ka not in ("num", "str", "bool"):
        raise CelError(f"no such overload: {ka} < {kb}")
    return a, b


def _bool(v: Any, what: str) -> bool:
    if isinstance(v, bool):
        return v
    raise CelError(f"no such overload: {what} on {_kind(v)}")


def _in(item: Any, container: Any) -> bool:
    if isinstance(container, list):
        for x in container:
            try:
                if _eq(item, x):
                    return True
            except CelError:
                continue                 # a value of another type is simply not that item
        return False
    if isinstance(container, dict):
        return item in container
    raise CelError(f"no such overload: in {_kind(container)}")


def _num(v: Any, op: str) -> Any:
    if _kind(v) != "num":
        raise CelError(f"no such overload: {op} on {_kind(v)}")
    return v


def _arith(op: str, a: Any, b: Any) -> Any:
    ka, kb = _kind(a), _kind(b)
    if op == "+" and ka == kb and ka in ("str", "list"):
        _step(1 + (len(a) + len(b)) // 64)     # repeated doubling is bounded by the budget too
        return a + b
    _num(a, op)
    _num(b, op)
    both_int = isinstance(a, int) and isinstance(b, int)
    if not both_int:                  # the Facts' numbers are doubles: an int next to one is promoted
        a, b = float(a), float(b)
        if op == "%":
            raise CelError("no such overload: double % double (% is for whole numbers only)")
        if op == "/" and b == 0:
            return math.copysign(math.inf, a) * math.copysign(1.0, b) if a and not math.isnan(a) else math.nan
        return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else 0.0}[op]
    if op in ("/", "%"):
        if b == 0:
            raise CelError("divide by zero")
        q = abs(a) // abs(b) * (1 if (a >= 0) == (b >= 0) else -1)
        return _int64(q if op == "/" else a - b * q)
    return _int64({"+": a + b, "-": a - b, "*": a * b}[op])


def _int64(value: int) -> int:
    if not -(1 << 63) <= value < (1 << 63):
        raise CelError("integer overflow (beyond 64 bits)")
    return value


def _size(v: Any) -> int:
    if isinstance(v, (str, list, dict)):
        return len(v)
    raise CelError(f"no such overload: size on {_kind(v)}")


def _to_int(v: Any) -> int:
    if isinstance(v, bool):
        raise CelError("no such overload: int(bool)")
    if isinstance(v, (int, float)):
        return int(v)
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            raise CelError(f"cannot convert {v!r} to int") from None
    raise CelError(f"no such overload: int({_kind(v)})")


def _to_double(v: Any) -> float:
    if isinstance(v, bool):
        raise CelError("no such overload: double(bool)")
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v)
        except ValueError:
            raise CelError(f"cannot convert {v!r} to double") from None
    raise CelError(f"no such overload: double({_kind(v)})")


def _to_string(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(v)
    if isinstance(v, (int, float, str)):
        return str(v)
    raise CelError(f"no such overload: string({_kind(v)})")


def _str_method(name: str) -> Callable[[Any, Any], bool]:
    def fn(target: Any, arg: Any) -> bool:
        if not isinstance(target, str) or not isinstance(arg, str):
            raise CelError(f"no such overload: {name}")
        if name == "startsWith":
            return target.startswith(arg)
        if name == "endsWith":
            return target.endswith(arg)
        if name == "contains":
            return arg in target
        try:
            return compile_regex(arg).search(target) is not None
        except CompileError as exc:
            raise CelError(str(exc)) from None
    return fn


FUNCTIONS: dict[str, Callable[..., Any]] = {"size": _size, "int": _to_int, "double": _to_double,
                                            "string": _to_string}
METHODS = {"startsWith", "endsWith", "contains", "matches", "size"}


# --- the compiler -----------------------------------------------------------------------------------------

def _stepped(value: Any) -> Any:
    _step()
    return value


def _string_literal(node: Any) -> str | None:
    """The value of a node that is just a string literal, else None."""
    while isinstance(node, lark.Tree) and len(_kids(node)) == 1 and node.data != "literal":
        node = _kids(node)[0]
    token = node.children[0] if isinstance(node, lark.Tree) and node.data == "literal" else None
    if isinstance(token, lark.Token) and token.type in ("STRING_LIT", "MLSTRING_LIT"):
        return str(celstr(token))
    return None


def _kids(node: lark.Tree) -> list[Any]:
    return [c for c in node.children if c is not None]


class _Compiler:
    def __init__(self) -> None:
        self.scopes: list[dict[str, tuple[str, ...]]] = [{}]

    def path_of(self, node: Any) -> tuple[str, ...] | None:
        """The fact path of a pure member chain (for naming a missing fact)."""
        while isinstance(node, lark.Tree) and node.data in ("expr", "conditionalor", "conditionaland", "relation",
                                                            "addition", "multiplication", "unary", "member",
                                                            "primary") and len(_kids(node)) == 1:
            node = _kids(node)[0]
        if not isinstance(node, lark.Tree):
            return None
        if node.data == "ident":
            name = str(node.children[0])
            for scope in reversed(self.scopes):
                if name in scope:
                    return scope[name]
            return (name,)
        if node.data == "member_dot":
            base = self.path_of(node.children[0])
            return None if base is None else base + (str(node.children[1]),)
        return None

    def compile(self, node: Any) -> Fn:
        if not isinstance(node, lark.Tree):
            raise Unsupported(f"token {node!r}")
        method = getattr(self, "c_" + node.data, None)
        if method is None:
            raise Unsupported(node.data)
        return method(node)

    def _single(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        if len(kids) != 1:
            raise Unsupported(f"{node.data} with {len(kids)} children")
        return self.compile(kids[0])

    c_member = c_primary = c_paren_expr = _single

    def c_expr(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        if len(kids) == 1:
            return self.compile(kids[0])
        cond, yes, no = (self.compile(k) for k in kids)

        def ternary(root: dict, local: dict) -> Any:
            return yes(root, local) if _bool(cond(root, local), "?:") else no(root, local)
        return ternary

    def c_conditionalor(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        if len(kids) == 1:
            return self.compile(kids[0])
        left, right = self.compile(kids[0]), self.compile(kids[1])

        def or_(root: dict, local: dict) -> bool:
            try:
                if _bool(left(root, local), "||"):
                    return True
                first = None
            except CelError as exc:
                first = exc
            try:
                value = _bool(right(root, local), "||")
            except CelError:
                if first is not None:
                    raise first from None
                raise
            if value:
                return True
            if first is not None:
                raise first
            return False
        return or_

    def c_conditionaland(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        if len(kids) == 1:
            return self.compile(kids[0])
        left, right = self.compile(kids[0]), self.compile(kids[1])

        def and_(root: dict, local: dict) -> bool:
            try:
                if not _bool(left(root, local), "&&"):
                    return False
                first = None
            except CelError as exc:
                first = exc
            try:
                value = _bool(right(root, local), "&&")
            except CelError:
                if first is not None:
                    raise first from None
                raise
            if not value:
                return False
            if first is not None:
                raise first
            return True
        return and_

    def c_relation(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        if len(kids) == 1:
            return self.compile(kids[0])
        op_node, right_node = kids
        left, right = self.compile(_kids(op_node)[0]), self.compile(right_node)
        op = op_node.data
        if op == "relation_eq":
            return lambda r, l: _eq(left(r, l), right(r, l))
        if op == "relation_ne":
            return lambda r, l: not _eq(left(r, l), right(r, l))
        if op == "relation_in":
            return lambda r, l: _in(left(r, l), right(r, l))
        compare = {"relation_lt": lambda a, b: a < b, "relation_le": lambda a, b: a <= b,
                   "relation_gt": lambda a, b: a > b, "relation_ge": lambda a, b: a >= b}[op]

        def rel(root: dict, local: dict) -> bool:
            a, b = _order(left(root, local), right(root, local))
            return compare(a, b)
        return rel

    def _binary(self, node: lark.Tree, ops: dict[str, str]) -> Fn:
        kids = _kids(node)
        if len(kids) == 1:
            return self.compile(kids[0])
        op_node, right_node = kids
        left, right = self.compile(_kids(op_node)[0]), self.compile(right_node)
        op = ops[op_node.data]
        return lambda r, l: _arith(op, left(r, l), right(r, l))

    def c_addition(self, node: lark.Tree) -> Fn:
        return self._binary(node, {"addition_add": "+", "addition_sub": "-"})

    def c_multiplication(self, node: lark.Tree) -> Fn:
        return self._binary(node, {"multiplication_mul": "*", "multiplication_div": "/",
                                   "multiplication_mod": "%"})

    def c_unary(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        if len(kids) == 1:
            return self.compile(kids[0])
        op, operand = kids[0].data, self.compile(kids[1])
        if op == "unary_not":
            return lambda r, l: not _bool(operand(r, l), "!")
        return lambda r, l: -_num(operand(r, l), "-")

    def c_ident(self, node: lark.Tree) -> Fn:
        name = str(node.children[0])
        path = self.path_of(node)
        fact = _dotted(path)

        def ident(root: dict, local: dict) -> Any:
            if name in local:
                return local[name]
            if name in root:
                return root[name]
            raise Missing(fact)
        return ident

    def c_member_dot(self, node: lark.Tree) -> Fn:
        base = self.compile(node.children[0])
        field = str(node.children[1])
        parent = self.path_of(node.children[0])
        fact = _dotted(parent, field)

        def member(root: dict, local: dict) -> Any:
            try:
                value = base(root, local)
            except Missing:
                if parent is None:
                    raise
                raise Missing(fact) from None        # name the whole path: `dpia.done`, not `dpia`
            if isinstance(value, dict):
                if field in value:
                    return value[field]
                raise Missing(fact)
            raise CelError(f"{_kind(value)} does not support field selection ({fact})")
        return member

    def c_member_index(self, node: lark.Tree) -> Fn:
        base, index = self.compile(node.children[0]), self.compile(node.children[1])

        def item(root: dict, local: dict) -> Any:
            value, key = base(root, local), index(root, local)
            if isinstance(value, list):
                if _kind(key) != "num" or int(key) != key:
                    raise CelError("list index must be an integer")
                if not 0 <= int(key) < len(value):
                    raise CelError("index out of range")
                return value[int(key)]
            if isinstance(value, dict):
                if key in value:
                    return value[key]
                raise Missing(f"{_dotted(self.path_of(node.children[0]))}[{key!r}]")
            raise CelError(f"no such overload: index on {_kind(value)}")
        return item

    def c_member_dot_arg(self, node: lark.Tree) -> Fn:
        kids = list(node.children)
        target_node, name = kids[0], str(kids[1])
        args = _kids(kids[2]) if len(kids) > 2 and kids[2] is not None else []
        if name in ("exists", "all", "exists_one", "map", "filter"):
            return self._macro(name, target_node, args)
        if name not in METHODS:
            raise Unsupported(f"method {name}")
        target = self.compile(target_node)
        compiled = [self.compile(a) for a in args]
        if name == "size":
            if compiled:
                raise Unsupported("size with arguments")
            return lambda r, l: _size(target(r, l))
        if len(compiled) != 1:
            raise Unsupported(f"{name} with {len(compiled)} arguments")
        fn, (arg,) = _str_method(name), compiled
        literal = _string_literal(args[0])
        if name == "matches" and literal is not None:       # compiled once, now: a bad pattern is a pack problem
            regex = compile_regex(literal)

            def matches(root: dict, local: dict) -> bool:
                value = target(root, local)
                if not isinstance(value, str):
                    raise CelError("no such overload: matches")
                return regex.search(value) is not None
            return matches
        return lambda r, l: fn(target(r, l), arg(r, l))

    def _macro(self, name: str, target_node: Any, args: list[Any]) -> Fn:
        var_node = args[0] if args else None
        while isinstance(var_node, lark.Tree) and var_node.data != "ident" and len(_kids(var_node)) == 1:
            var_node = _kids(var_node)[0]
        if not (isinstance(var_node, lark.Tree) and var_node.data == "ident"):
            raise Unsupported(f"{name} without a variable")
        var = str(var_node.children[0])
        if len(args) not in ((3, 2) if name == "map" else (2,)):
            raise Unsupported(f"{name} with {len(args)} arguments")
        target = self.compile(target_node)
        base = self.path_of(target_node)
        self.scopes.append({var: (base + (ITEM,)) if base is not None else (var,)})
        try:
            bodies = [self.compile(a) for a in args[1:]]
        finally:
            self.scopes.pop()

        def items(root: dict, local: dict) -> list[Any]:
            value = target(root, local)
            if isinstance(value, list):
                return value
            if isinstance(value, dict):
                return list(value)
            raise CelError(f"no such overload: {name} on {_kind(value)}")

        if name in ("exists", "all", "exists_one"):
            body = bodies[0]

            def quantifier(root: dict, local: dict) -> Any:
                error = None
                hits = 0
                for x in items(root, local):
                    _step()
                    inner = {**local, var: x}
                    try:
                        value = _bool(body(root, inner), name)
                    except CelError as exc:
                        error = error or exc
                        continue
                    if name == "exists" and value:
                        return True
                    if name == "all" and not value:
                        return False
                    hits += value
                if error is not None:
                    raise error
                return {"exists": False, "all": True}.get(name, hits == 1)
            return quantifier

        if name == "filter":
            pred = bodies[0]
            return lambda r, l: [x for x in items(r, l) if _stepped(_bool(pred(r, {**l, var: x}), "filter"))]
        if len(bodies) == 1:
            expr = bodies[0]
            return lambda r, l: [_stepped(expr(r, {**l, var: x})) for x in items(r, l)]
        pred, expr = bodies
        return lambda r, l: [_stepped(expr(r, {**l, var: x})) for x in items(r, l)
                             if _bool(pred(r, {**l, var: x}), "map")]

    def c_ident_arg(self, node: lark.Tree) -> Fn:
        name = str(node.children[0])
        args = _kids(node.children[1]) if len(node.children) > 1 and node.children[1] is not None else []
        if name == "has":
            if len(args) != 1:
                raise Unsupported("has() with several arguments")
            inner = self.compile(args[0])

            def has(root: dict, local: dict) -> bool:
                try:
                    inner(root, local)
                except CelError:
                    return False
                return True
            return has
        if name == "dyn" and len(args) == 1:
            return self.compile(args[0])
        if name not in FUNCTIONS or len(args) != 1:
            raise Unsupported(f"function {name}")
        fn, arg = FUNCTIONS[name], self.compile(args[0])
        return lambda r, l: fn(arg(r, l))

    def c_list_lit(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        items = [self.compile(k) for k in _kids(kids[0])] if kids else []
        return lambda r, l: [f(r, l) for f in items]

    def c_map_lit(self, node: lark.Tree) -> Fn:
        kids = _kids(node)
        parts = [self.compile(k) for k in _kids(kids[0])] if kids else []
        pairs = list(zip(parts[0::2], parts[1::2]))

        def mapping(root: dict, local: dict) -> dict:
            out = {}
            for k, v in pairs:
                key = k(root, local)
                if key in out:
                    raise CelError("duplicate map key")
                out[key] = v(root, local)
            return out
        return mapping

    def c_literal(self, node: lark.Tree) -> Fn:
        token = node.children[0]
        if not isinstance(token, lark.Token):
            raise Unsupported(f"literal {token!r}")
        kind, text = token.type, str(token)
        value: Any
        if kind == "INT_LIT":
            value = int(text, 16) if text.lstrip("-").lower().startswith("0x") else int(text)
            if text.startswith("-0x"):
                value = -int(text[3:], 16)
            if not -(1 << 63) <= value < (1 << 63):      # CEL: an int literal beyond 64 bits does not compile
                raise CompileError(f"integer literal {text} is beyond 64 bits")
        elif kind == "UINT_LIT":
            value = int(text[:-1], 0) if "x" in text.lower() else int(text[:-1])
            if not 0 <= value < (1 << 64):
                raise CompileError(f"unsigned integer literal {text} is beyond 64 bits")
        elif kind == "FLOAT_LIT":
            value = float(text)
        elif kind in ("STRING_LIT", "MLSTRING_LIT"):
            value = str(celstr(token))
        elif kind == "BOOL_LIT":
            value = text == "true"
        elif kind == "NULL_LIT":
            value = None
        else:
            raise Unsupported(f"literal {kind}")
        return lambda r, l: value


def compile_tree(ast: lark.Tree) -> Fn:
    """Compile a cel-python parse tree; raise Unsupported for anything outside the subset."""
    return _Compiler().compile(ast)
