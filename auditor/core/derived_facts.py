"""Typed derived facts computed before any rule runs (auditor/rules/derive.py), shared by the rules' key checks
and the report, so that a reader cannot guess a key the derivation does not write.

Only the per-camera derived facts are typed so far; the deployment-wide and per-activity ones are still plain
dicts (docs/facts-and-rules.md lists them).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class CameraDerived:
    """`cameras[i].derived`: what the deployment and the footage say about one camera."""

    publicly_accessible: bool = False
    employees_in_scope: bool = False
    techniques: list[str] = field(default_factory=list)
    activity_ids: list[str] = field(default_factory=list)
    purposes_anonymous_only: bool = False
    continuous: bool = False
    id_grade_capture: bool = False        # footage shows identification-grade faces (share above the threshold)
    id_grade_share: float = 0.0
    footage_analysed: bool = False
    intimate_zone: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> CameraDerived:
        data = data if isinstance(data, dict) else {}
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data})

    @classmethod
    def list_fields(cls) -> set[str]:
        """The fields that hold lists (the rules' key checker needs the shape)."""
        return {f.name for f in dataclasses.fields(cls) if str(f.type).startswith("list")}
