"""Deployment YAML -> validated Deployment; every error names file:line:column, the key, what was expected."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from auditor.core.answers import Answer, answers_of_document
from auditor.core.yamlsafe import Document, KeyPath, format_path, read_document
from auditor.core.deployment import Deployment, cross_reference_problems
from auditor.core.errors import InputError, Problem, describe_value


@dataclass(frozen=True)
class LoadedDeployment:
    """A validated deployment and where it came from."""

    deployment: Deployment
    path: Path
    sha256: str
    answers: tuple[Answer, ...] = ()              # the file's `answers:` section, checked for shape

    @property
    def folder(self) -> Path:
        return self.path.resolve().parent


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    """The pydantic model class that describes the mapping at `path` inside a Deployment."""
    model: Any = Deployment
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Find the model class inside Optional[...], list[...], Annotated[...]."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _unwrap(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation




def _problem_from_pydantic(err: Any, doc: Document) -> Problem:
    loc: KeyPath = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1])
        known = sorted(model.model_fields) if model else []
        hint = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        message = f"unknown key {key!r}"
        if hint:
            message += f" (did you mean {hint[0]!r}?)"
        line, col = doc.locate(loc, key=True)
        expected = "one of: " + ", ".join(known) if known and not hint else ""
        return Problem(doc.file, message, line, col, format_path(loc), expected=expected)
    if kind == "missing":
        line, col = doc.locate(loc[:-1])
        return Problem(doc.file, f"required key {loc[-1]!r} is missing", line, col, format_path(loc[:-1]))
    line, col = doc.locate(loc)
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    expected = ""
    if msg.startswith("Input should be "):
        expected, msg = msg[len("Input should be "):], "invalid value"
    elif msg.startswith("String should match pattern"):
        expected, msg = msg[len("String should "):], "invalid value"
    return Problem(doc.file, msg, line, col, format_path(loc), expected=expected,
                   found=describe_value(err.get("input")) if kind not in ("value_error",) else "")


def validate_document(doc: Document) -> Deployment:
    """Validate parsed YAML data against the deployment model; raise InputError listing every problem."""
    if not isinstance(doc.data, dict):
        line, col = doc.locate(())
        raise InputError([Problem(doc.file, "the document must be a mapping of deployment sections "
                                            "(store, controller, cameras, ...)", line, col,
                                  found=describe_value(doc.data))])
    try:
        dep = Deployment.model_validate(doc.data)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(e, doc) for e in exc.errors(include_url=False)]
        problems += _answer_problems(doc)
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(problems) from None
    cross = [Problem(doc.file, message, *doc.locate(path), format_path(path))
             for path, message in cross_reference_problems(dep)] + _answer_problems(doc)
    if cross:
        raise InputError(cross)
    return dep


def _answer_problems(doc: Document) -> list[Problem]:
    try:
        answers_of_document(doc)
    except InputError as exc:
        return exc.problems
    return []


def load_deployment(path: str | Path) -> LoadedDeployment:
    """Read, parse and validate one deployment file."""
    path = Path(path)
    doc = read_document(path)
    dep = validate_document(doc)
    return LoadedDeployment(deployment=dep, path=path, sha256=doc.sha256, answers=tuple(answers_of_document(doc)))
