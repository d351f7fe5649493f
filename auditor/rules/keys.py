"""The tree of keys a Facts document may hold, so a rule pack can be checked for facts that do not exist.

Built from the deployment model (auditor/core/deployment.py) plus the derived facts and the footage
measurements documented in docs/facts-and-rules.md. A rule that reads a path outside this tree is a
typo or a fact nobody computes, and the pack is refused at load time.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from auditor.core.derived_facts import CameraDerived
from auditor.core.deployment import Activity, Camera, Deployment
from auditor.rules.cel import LIST_ITEM, Path, dotted


@dataclass
class Node:
    """One key of the tree: an object with fields, a list of items, a scalar leaf or an open subtree."""

    kind: str                                              # object | list | leaf | any
    fields: dict[str, Node] = field(default_factory=dict)
    item: Node | None = None

    def child(self, name: str) -> Node | None:
        return self.fields.get(name)


LEAF = Node("leaf")
ANY = Node("any")


def obj(**fields: Node) -> Node:
    return Node("object", dict(fields))


def list_of(item: Node) -> Node:
    return Node("list", item=item)


def _from_annotation(annotation: Any) -> Node:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _from_annotation(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _from_annotation(args[0]) if len(args) == 1 else LEAF
    if origin is list:
        return list_of(_from_annotation(typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_node(annotation)
    return LEAF


def model_node(model: type[BaseModel]) -> Node:
    return Node("object", {name: _from_annotation(f.annotation) for name, f in model.model_fields.items()})


# --- derived facts (docs/facts-and-rules.md) -------------------------------------------------------------

ACTIVITY_DERIVED = obj(
    gdpr_biometric=LEAF, special_categories=list_of(LEAF), aiact_biometric=LEAF, aiact_type=LEAF,
    employees_in_scope=LEAF, minors_in_scope=LEAF, publicly_accessible=LEAF, camera_zones=list_of(LEAF),
    sensor_kinds=list_of(LEAF), sensor_zones=list_of(LEAF),
    operator_in_frame=LEAF, uses_biometric_signals=LEAF, is_ai=LEAF, vendors_outside_eea=list_of(LEAF),
    transfers_outside_eea=list_of(obj(country=LEAF, recipient=LEAF, mechanism=LEAF)), consent_based=LEAF,
)

CAMERA_DERIVED = obj(**{name: list_of(LEAF) if name in CameraDerived.list_fields() else LEAF
                        for name in CameraDerived().to_dict()})

WP248_CRITERION = obj(number=LEAF, key=LEAF, name=LEAF, met=LEAF, reasons=list_of(LEAF))

ROOT_DERIVED = obj(
    country=LEAF, in_eea=LEAF, france=LEAF, special_categories=list_of(LEAF), gdpr_biometric=LEAF,
    aiact_types=list_of(LEAF), employees_in_scope=LEAF, minors_in_scope=LEAF, publicly_accessible=LEAF,
    continuous_monitoring=LEAF, large_scale=LEAF,
    scale=obj(cameras=LEAF, stores=LEAF, visitors_per_day=LEAF, activities=LEAF, sensors=LEAF),
    controller_outside_eea=LEAF, vendors_outside_eea=list_of(LEAF),
    wp248=obj(count=LEAF, met=list_of(LEAF), criteria=list_of(WP248_CRITERION)),
    cnil_list=list_of(LEAF), art35_3=list_of(LEAF), dpia_required=LEAF, dpia_reasons=list_of(LEAF),
    footage_analysed=LEAF, ai_activities=list_of(LEAF),
)

# Footage measurements are defined by auditor/footage (docs/footage.md); the subtree stays open so that a
# new measurement does not need a change here.
FOOTAGE = ANY


@lru_cache(maxsize=1)
def facts_tree() -> Node:
    """The root of the Facts document: the deployment's keys plus audit, derived and per-item additions."""
    root = model_node(Deployment)
    root.fields.pop("answers", None)             # assessor answers are applied by the engine, not read by rules
    camera = model_node(Camera)
    camera.fields["footage"] = FOOTAGE           # the analysis replaces the config's list of files
    camera.fields["derived"] = CAMERA_DERIVED
    activity = model_node(Activity)
    activity.fields["art9_exception"] = LEAF     # only when there is exactly one (derive.art9_facts)
    activity.fields["art9_exceptions"] = list_of(LEAF)
    activity.fields["derived"] = ACTIVITY_DERIVED
    root.fields["cameras"] = list_of(camera)
    root.fields["activities"] = list_of(activity)
    root.fields["schema_version"] = LEAF
    root.fields["audit"] = obj(date=LEAF, time=LEAF)
    root.fields["derived"] = ROOT_DERIVED
    return root


def rule_scope(for_each: str) -> Node:
    """The names a rule's expressions see: the root's keys, plus `camera` or `activity` for per-item rules."""
    root = facts_tree()
    scope = Node("object", dict(root.fields))
    if for_each == "camera":
        scope.fields["camera"] = root.fields["cameras"].item  # type: ignore[assignment]
    elif for_each == "activity":
        scope.fields["activity"] = root.fields["activities"].item  # type: ignore[assignment]
    return scope


def check_path(path: Path, scope: Node, *, for_each: str = "deployment") -> str | None:
    """None if `path` names a fact the scope can hold, else a one-line reason (with a suggestion)."""
    node = scope
    for i, part in enumerate(path):
        here = dotted(path[:i]) or "the Facts root"
        if node.kind == "any":
            return None
        if part == LIST_ITEM:
            if node.kind != "list":
                return f"{here} is not a list"
            node = node.item  # type: ignore[assignment]
            continue
        if node.kind == "list":
            return (f"{here} is a list: read its items with exists()/all(), e.g. "
                    f"{dotted(path[:i])}.exists(x, x.{part} ...)")
        if node.kind == "leaf":
            return f"{here} is a value, it has no key {part!r}"
        child = node.child(part)
        if child is None:
            if i == 0 and part in ("camera", "activity"):
                return f"{part!r} is defined only in rules with for_each: {part} (this rule has for_each: {for_each})"
            close = difflib.get_close_matches(part, list(node.fields), n=1, cutoff=0.6)
            where = f" in {here}" if i else ""
            hint = f" (did you mean {dotted(path[:i] + (close[0],))!r}?)" if close else ""
            return f"unknown fact {dotted(path)!r}: no key {part!r}{where}{hint}"
        node = child
    return None


def check_partial(data: Any, node: Node, path: Path = ()) -> list[tuple[Path, str]]:
    """Check the keys of partial facts (a rule example) against the tree; return (path, reason) pairs."""
    out: list[tuple[Path, str]] = []
    if node.kind in ("any", "leaf"):
        return out
    if node.kind == "list":
        if isinstance(data, list) and node.item is not None:
            for i, item in enumerate(data):
                out.extend(check_partial(item, node.item, path + (str(i),)))
        return out
    if isinstance(data, dict):
        for key, value in data.items():
            child = node.child(str(key))
            if child is None:
                close = difflib.get_close_matches(str(key), list(node.fields), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                out.append((path + (str(key),), f"unknown fact key {key!r}{hint}"))
                continue
            out.extend(check_partial(value, child, path + (str(key),)))
    return out
