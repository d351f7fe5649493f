"""Fixtures for the deployment-config tests: a minimal valid deployment written with yaml.safe_dump."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

MINIMAL = {
    "store": {"name": "Épicerie du Marché", "country": "FR", "open_to_public": True},
    "controller": {"name": "Marché SAS"},
    "cameras": [{"id": "CAM-1", "zone": "entrance", "retention_days": 7, "resolution": "1920x1080"}],
    "activities": [{"id": "rec", "name": "Security recording", "technique": "security_recording",
                    "cameras": ["CAM-1"], "legal_basis": "6(1)(f)"}],
}


@pytest.fixture
def write_yaml(tmp_path: Path):
    def write(data: object, name: str = "deployment.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path
    return write


@pytest.fixture
def write_text(tmp_path: Path):
    def write(text: str | bytes, name: str = "deployment.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path
    return write
