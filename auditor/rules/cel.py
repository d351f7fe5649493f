"""CEL for rule conditions: parse and compile at load time, find the fact paths an expression reads.

cel-python parses; auditor.rules.celcompiler compiles the tree to closures, the only evaluator (an expression
it cannot compile is refused when the pack loads). Every number in the Facts is a double
(docs/facts-and-rules.md); comparisons and arithmetic accept an int on one side and a double on the other,
so `size(x) >= 2`, `x > 3` and `x + 1 == 31` all work. A fact that is missing makes the evaluation
`Unknown` (naming the fact), never a silent false. Evaluation has a budget (steps and time).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from collections.abc import Iterable

import celpy
import lark
from celpy.celparser import CELParseError

from auditor.rules.celcompiler import BudgetExceeded, CelError, CompileError, Missing, Unsupported, compile_tree, run_with_budget

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
MAX_LENGTH = 20_000          # the longest built-in expression is a few hundred characters
MAX_DEPTH = 64               # brackets and unary operators; real rules nest 4 or 5 levels


def nesting_depth(text: str) -> int:
    """The deepest nesting of brackets and chained unary operators, counted outside string literals, so that
    the parser (which recurses) never sees an expression thousands of levels deep."""
    depth = deepest = run = 0
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif text.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote) - 1
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if not quote and ch in "!-":
            run += 1
        elif not ch.isspace():
            run = 0
        deepest = max(deepest, depth + run)
        i += 1
    return deepest


def compile_expr(text: str) -> Expression:
    """Parse a CEL expression; raise CelSyntaxError with a position inside the expression."""
    if not isinstance(text, str) or not text.strip():
        raise CelSyntaxError("the expression is empty")
    if len(text) > MAX_LENGTH:
        raise CelSyntaxError(f"the expression is {len(text):,} characters long; the limit is {MAX_LENGTH:,}")
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise CelSyntaxError(f"the expression is nested {depth} levels deep; the limit is {MAX_DEPTH}")
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
    except RecursionError:
        raise CelSyntaxError(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)") from None
    except Exception as exc:  # lark raises assorted errors for odd input
        raise CelSyntaxError(f"CEL syntax error: {exc}") from None
    try:
        return Expression(text, ast, referenced_paths(ast), compile_tree(ast))
    except Unsupported as exc:
        raise CelSyntaxError(f"CEL feature not supported by the rule engine: {exc}") from None
    except CompileError as exc:
        raise CelSyntaxError(str(exc)) from None
    except RecursionError:
        raise CelSyntaxError("the expression is nested too deeply (a chain of thousands of operators?)") from None


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
    """A compiled CEL expression with the fact paths it reads; `fast` is the closure celcompiler built."""

    text: str
    ast: Any
    paths: list[PathRef]
    fast: Any

    def evaluate_plain(self, root: dict[str, Any], local: dict[str, Any]) -> Any:
        """Evaluate over plain data (numbers already floats); return a value or Unknown(fact).

        Raises CelRuntimeError for an evaluation error (a type mismatch, a budget exceeded, ...).
        """
        try:
            return run_with_budget(self.fast, root, local)
        except Missing as exc:
            return Unknown(exc.fact)
        except (CelError, BudgetExceeded) as exc:
            raise CelRuntimeError(str(exc)) from None
        except RecursionError:
            raise CelRuntimeError("expression nested too deeply") from None
