"""`auditor analyze` in-process: exit codes, outputs, no partial files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli import ExitCode, main
from auditor.footage import analyze
from auditor.footage.detectors import Face, FakeDetector


@pytest.fixture(autouse=True)
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI uses the default detector: swap in a scripted one (the real one has its own slow tests)."""
    monkeypatch.setattr(analyze, "default_detector",
                        lambda: FakeDetector(default=[Face(10, 5, 44, 50, 0.9, True)]))


def test_writes_facts_and_detections(clip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, dets = tmp_path / "facts.json", tmp_path / "dets.jsonl"
    rc = main(["analyze", str(clip), "--camera", "CAM-7", "--sample-fps", "6", "--json", str(out),
               "--detections", str(dets)])
    assert rc == ExitCode.OK
    doc = json.loads(out.read_text())
    facts = doc["cameras"][0]["footage"]
    assert doc["cameras"][0]["id"] == "CAM-7" and facts["frames_analysed"] == 6
    lines = [json.loads(line) for line in dets.read_text().splitlines()]
    assert [r["frame_index"] for r in lines] == [0, 2, 4, 6, 8, 10]
    assert lines[0]["faces"][0] == {"x": 10, "y": 5, "w": 44, "h": 50, "score": 0.9, "frontal": True}
    text = capsys.readouterr().out
    assert "camera CAM-7" in text and "DORI class        identification" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.avi", "dets.jsonl", "facts.json"]


def test_bad_file_among_good_ones(clip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["analyze", str(clip), str(tmp_path / "gone.mp4"), "--json", str(tmp_path / "f.json")])
    assert rc == ExitCode.OK
    err = capsys.readouterr().err
    assert "gone.mp4: file not found" in err and "Traceback" not in err


def test_no_usable_footage_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.mp4"
    bad.write_text("hello")
    out = tmp_path / "f.json"
    assert main(["analyze", str(bad), "--json", str(out)]) == ExitCode.INVALID_INPUT
    assert not out.exists() and "no footage could be analysed" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [bad]


@pytest.mark.parametrize("args", [["--sample-fps", "0"], ["--sample-fps", "abc"], []])
def test_usage_errors_exit_2(clip: Path, tmp_path: Path, args: list[str]) -> None:
    argv = ["analyze", str(clip), *args] + (["--json", str(tmp_path / "f.json")] if args else [])
    assert main(argv) == ExitCode.INVALID_INPUT


def test_output_folder_missing(clip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(clip), "--json", str(tmp_path / "no" / "f.json")]) == ExitCode.INVALID_INPUT
    assert "does not exist" in capsys.readouterr().err


def test_ctrl_c_leaves_no_output(clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(frame):
        raise KeyboardInterrupt

    monkeypatch.setattr(analyze, "default_detector", lambda: FakeDetector(interrupted))
    out, dets = tmp_path / "f.json", tmp_path / "d.jsonl"
    rc = main(["analyze", str(clip), "--json", str(out), "--detections", str(dets)])
    assert rc == ExitCode.INTERRUPTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.avi"]
