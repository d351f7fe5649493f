"""`auditor audit --out` chooses the report format by the file's extension; an unknown one is refused (exit 2)."""

from __future__ import annotations

import zipfile
from importlib import resources
from pathlib import Path

from auditor.cli import main


def asset_path(name: str) -> Path:
    return Path(str(resources.files("auditor_assets") / name))


EXAMPLE = "deployments/01-security-cctv-clean.yaml"


def test_out_docx_and_odt(tmp_path, capsys):
    config = asset_path(EXAMPLE)
    for ext in ("docx", "odt"):
        out = tmp_path / f"r.{ext}"
        assert main(["audit", str(config), "--no-footage", "--date", "2026-11-23", "--out", str(out), "-q"]) == 0
        assert zipfile.is_zipfile(out)
        assert f"wrote {out}" in capsys.readouterr().out


def test_unknown_report_extension_is_bad_input(tmp_path, capsys):
    out = tmp_path / "r.rtf"
    code = main(["audit", str(asset_path(EXAMPLE)), "--no-footage", "--out", str(out)])
    assert code == 2
    err = capsys.readouterr().err
    assert "--out" in err and ".docx" in err and "r.rtf" in err and "Traceback" not in err
    assert not out.exists()
