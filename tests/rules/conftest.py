"""Fixtures for the rule-engine tests: deployments and rule packs written into tmp_path."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest
import yaml


BASE_DEPLOYMENT: dict[str, Any] = {
    "store": {"name": "Épicerie du Marché", "country": "FR", "open_to_public": True},
    "controller": {"name": "Marché SAS"},
    "cameras": [{"id": "CAM-1", "zone": "entrance", "retention_days": 7, "recording": True}],
    "activities": [{"id": "rec", "name": "Security recording", "technique": "security_recording",
                    "cameras": ["CAM-1"], "legal_basis": "6(1)(f)"}],
}

PACK_HEADER: dict[str, Any] = {
    "id": "test", "title": {"en": "Test pack", "fr": "Pack de test"}, "jurisdiction": "EU",
    "version": "0.1.0", "checked": "2026-11-01", "schema_version": 1,
}


def rule_doc(rule_id: str = "TEST-RETENTION-LONG", **over: Any) -> dict[str, Any]:
    """A valid rule (camera retention over 3 days) with fields overridden by keyword."""
    doc: dict[str, Any] = {
        "id": rule_id, "status": "stable", "since": "0.1.0", "severity": "major", "for_each": "camera",
        "trigger": "camera.retention_days > 3",
        "title": {"en": "Footage kept too long", "fr": "Images conservées trop longtemps"},
        "message": {"en": "camera {{ camera.id }} keeps footage {{ camera.retention_days }} days",
                    "fr": "la caméra {{ camera.id }} conserve les images {{ camera.retention_days }} jours"},
        "rationale": {"en": "Storage limitation.", "fr": "Limitation de la conservation."},
        "remediation": {"en": "Delete sooner.", "fr": "Supprimer plus tôt."},
        "evidence": ["camera.retention_days"],
        "references": [{"instrument": "GDPR", "article": "5", "paragraph": "1", "point": "e",
                        "url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj"}],
        "examples": [{"name": "one day", "expect": "pass", "camera": {"retention_days": 1}},
                     {"name": "thirty days", "expect": "fail", "camera": {"retention_days": 30}}],
    }
    doc.update(over)
    return {k: v for k, v in doc.items() if v is not None}


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def make_pack(tmp_path: Path):
    """Write a pack folder: make_pack([rule_doc(...), ...], header=..., name=...) -> folder."""
    def make(rules: list[dict[str, Any] | tuple[str, str]], *, header: dict[str, Any] | None = None,
             name: str = "test") -> Path:
        folder = tmp_path / "packs" / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "pack.yaml").write_text(dump({**PACK_HEADER, "id": name, **(header or {})}), encoding="utf-8")
        for rule in rules:
            if isinstance(rule, tuple):           # (file name, raw text)
                (folder / rule[0]).write_text(rule[1], encoding="utf-8")
            else:
                (folder / f"{rule['id']}.yaml").write_text(dump(rule), encoding="utf-8")
        return folder
    return make


@pytest.fixture
def write_deployment(tmp_path: Path):
    def write(data: dict[str, Any] | None = None, name: str = "deployment.yaml") -> Path:
        path = tmp_path / name
        path.write_text(dump(data if data is not None else BASE_DEPLOYMENT), encoding="utf-8")
        return path
    return write


class FakeAnalysis:
    """Stands in for auditor.footage.analyze.analyze_camera; records its calls."""

    def __init__(self, result: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[str, list[Path], dict[str, Any]]] = []
        self.result = result

    def __call__(self, camera_id: str, paths: list[Path], **kw: Any) -> dict[str, Any]:
        self.calls.append((camera_id, list(paths), kw))
        if self.result is not None:
            return dict(self.result)
        return {
            "analysed": True, "files": [{"path": str(p)} for p in paths], "errors": [], "frames_analysed": 12,
            "faces_per_frame": {"mean": 1.0, "max": 2}, "distinct_people": 2,
            "face_recognition_grade": True, "identification_grade_share": 0.5,
            "evidence_frames": [{"path": str(paths[0]), "frame_index": 3, "timestamp_s": 1.5,
                                 "reason": "most_faces",
                                 "faces": [{"x": 10, "y": 12, "w": 20, "h": 24, "score": 0.9, "frontal": True},
                                           {"x": 40, "y": 8, "w": 18, "h": 22, "score": 0.8, "frontal": False}]}],
        }


@pytest.fixture
def fake_footage(monkeypatch: pytest.MonkeyPatch) -> FakeAnalysis:
    """Replace the footage analysis with a fake so these tests do not depend on the detector."""
    fake = FakeAnalysis()
    module = types.ModuleType("auditor.footage.analyze")
    module.analyze_camera = fake  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "auditor.footage.analyze", module)
    return fake
