"""A privacy tool leaves nothing behind: an audit with footage writes its outputs and nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.slow
def test_an_audit_writes_nothing_outside_its_outputs(tmp_path):
    """HOME, TMPDIR and the working folder start empty; afterwards only the two outputs exist (onnxruntime's
    telemetry would otherwise write a device id under ~/.cache/Microsoft/DeveloperTools on import)."""
    home, tmp, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for d in (home, tmp, work / "out"):
        d.mkdir(parents=True)
    config = ROOT / "assets" / "deployments" / "02-people-counting.yaml"
    clip = ROOT / "assets" / "deployments" / "footage" / "overhead_counting.mp4"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPLCONFIGDIR", "ORT_"))}
    env.update(HOME=str(home), TMPDIR=str(tmp))
    done = subprocess.run([sys.executable, "-m", "auditor", "audit", str(config), "--footage", f"CNT-ENT-A={clip}",
                           "--sample-fps", "0.25", "--json", "out/r.json", "--sarif", "out/r.sarif", "-q"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert files_under(home) == [] and files_under(tmp) == []
    assert files_under(work) == ["out", "out/r.json", "out/r.sarif"]
