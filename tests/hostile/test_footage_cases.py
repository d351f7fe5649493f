"""Hostile footage through the real `auditor analyze` command (in-process, scripted detector).

Every case ends either with exit 2 and a one-line message naming the file, or with exit 0, the facts
written and, for a file only partly read, a warning naming it; never a traceback or a half-written output.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from PIL import Image

from auditor.cli import ExitCode, main
from auditor.footage import analyze
from auditor.footage.detectors import Face, FakeDetector
from tests.footage.conftest import patch_avi, write_clip


@pytest.fixture(autouse=True)
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyze, "default_detector",
                        lambda: FakeDetector(default=[Face(4, 4, 20, 24, 0.9, True)]))


def _av_clip(path: Path, pts: list[int], *, time_base: Fraction = Fraction(1, 1000), rotation: int | None = None,
             size: tuple[int, int] = (64, 48)) -> Path:
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=25)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for p in pts:
            frame = av.VideoFrame.from_ndarray(np.full((size[1], size[0], 3), 90, np.uint8), format="rgb24")
            frame.pts, frame.time_base = p, time_base
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def _png_header(path: Path, w: int, h: int) -> Path:
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk + b"\x00" * 64)
    return path


def _truncated(tmp: Path) -> Path:
    path = write_clip(tmp / "truncated.avi", frames=50)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    return path


def _bit_flipped(tmp: Path) -> Path:
    path = write_clip(tmp / "flipped.avi", frames=30, size=(160, 120))
    data = bytearray(path.read_bytes())
    rng = np.random.default_rng(3)
    for i in rng.integers(len(data) // 4, len(data), 400):
        data[int(i)] ^= 1 << int(rng.integers(0, 8))
    path.write_bytes(bytes(data))
    return path


def _zero_frames(tmp: Path) -> Path:
    return write_clip(tmp / "zero.avi", frames=0)


def _one_pixel(tmp: Path) -> Path:
    path = tmp / "dot.png"
    cv2.imwrite(str(path), np.zeros((1, 1, 3), np.uint8))
    return path


def _huge_png(tmp: Path) -> Path:
    return _png_header(tmp / "huge.png", 100_000, 100_000)


def _huge_video_header(tmp: Path) -> Path:
    return patch_avi(write_clip(tmp / "huge.avi"), size=(60_000, 60_000))


def _vfr(tmp: Path) -> Path:
    return _av_clip(tmp / "vfr.mp4", [0, 40, 80, 520, 560, 1520, 2000, 2040])


def _rotated(tmp: Path) -> Path:
    return _av_clip(tmp / "rotated.mp4", [0, 40, 80], rotation=90)


def _png_named_mp4(tmp: Path) -> Path:
    path = tmp / "still.mp4"
    _ok, buf = cv2.imencode(".png", np.full((48, 64, 3), 80, np.uint8))
    path.write_bytes(buf.tobytes())
    return path


def _text_named_avi(tmp: Path) -> Path:
    path = tmp / "notes.avi"
    path.write_text("not a video\n" * 40)
    return path


def _gif(tmp: Path) -> Path:
    path = tmp / "anim.gif"
    ims = [Image.fromarray(np.full((48, 64, 3), 30 * k, np.uint8)) for k in range(3)]
    ims[0].save(path, save_all=True, append_images=ims[1:], duration=200, loop=0)
    return path


def _png16(tmp: Path) -> Path:
    path = tmp / "deep.png"
    cv2.imwrite(str(path), np.full((48, 64, 3), 40000, np.uint16))
    return path


def _grey(tmp: Path) -> Path:
    path = tmp / "grey.jpg"
    Image.fromarray(np.full((48, 64), 120, np.uint8)).save(path)
    return path


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.mp4"
    path.touch()
    return path


def _header_only_mp4(tmp: Path) -> Path:
    path = write_clip(tmp / "cut.mp4", fourcc="mp4v")
    path.write_bytes(path.read_bytes()[:48])
    return path


# name -> (maker, expected exit code, text the message or warning must contain)
CASES: dict[str, tuple[Callable[[Path], Path], int, str]] = {
    "truncated": (_truncated, ExitCode.OK, "partly read"),
    "bit-flipped": (_bit_flipped, -1, ""),                  # damaged frames: either outcome, but said
    "zero-frame": (_zero_frames, ExitCode.INVALID_INPUT, ""),
    "1x1": (_one_pixel, ExitCode.INVALID_INPUT, "unsupported resolution 1x1"),
    "huge-png": (_huge_png, ExitCode.INVALID_INPUT, "unsupported resolution 100000x100000"),
    "huge-video-header": (_huge_video_header, -1, ""),
    "vfr": (_vfr, ExitCode.OK, ""),
    "rotated": (_rotated, ExitCode.OK, ""),
    "png-named-mp4": (_png_named_mp4, ExitCode.OK, ""),
    "text-named-avi": (_text_named_avi, ExitCode.INVALID_INPUT, "not a video or image file"),
    "gif": (_gif, ExitCode.OK, ""),
    "png-16-bit": (_png16, ExitCode.OK, ""),
    "grey-jpeg": (_grey, ExitCode.OK, ""),
    "empty": (_empty, ExitCode.INVALID_INPUT, "empty file"),
    "mp4-header-only": (_header_only_mp4, ExitCode.INVALID_INPUT, ""),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_footage(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, expected, needle = CASES[case]
    src = tmp_path / "in"
    src.mkdir()
    path = make(src)
    out = tmp_path / "facts.json"
    rc = main(["analyze", str(path), "--json", str(out)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == (["facts.json", "in"] if rc == ExitCode.OK else ["in"])
    if expected != -1:
        assert rc == expected, err
    if rc == ExitCode.INVALID_INPUT:
        assert str(path) in err and "no footage could be analysed" in err
    else:
        assert rc == ExitCode.OK
        facts = json.loads(out.read_text())["cameras"][0]["footage"]
        f = facts["files"][0]
        if f["read_problems"]:                       # a partial read is said, in the facts and on stderr
            assert str(path) in err and "partly read" in err and facts["warnings"]
        if case == "bit-flipped":
            assert f["read_problems"] or f["unreadable_frames"] == 0
    if needle:
        assert needle in err


def test_variable_frame_rate_duration_is_the_timestamps(tmp_path: Path) -> None:
    path = _vfr(tmp_path)
    facts = analyze.analyze_camera("c", [path], detector=FakeDetector(default=[]), sample_fps=None)
    assert facts["frames_analysed"] == 8 and facts["duration_s"] > 2.0


def test_partial_read_is_said_in_every_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated clip through the real `auditor audit`: the partial read is in the terminal warning, the JSON
    (warnings, footage_errors, the file's frame counts), the SARIF invocation's notifications and the PDF's
    "what the audit could not see"; the audit still succeeds (exit 0) because part of the file was analysed."""
    import copy

    import pypdfium2 as pdfium
    import yaml

    from tests.rules.conftest import BASE_DEPLOYMENT

    clip = _truncated(tmp_path)
    config = tmp_path / "store.yaml"
    config.write_text(yaml.safe_dump(copy.deepcopy(BASE_DEPLOYMENT), allow_unicode=True), encoding="utf-8")
    out = {ext: tmp_path / f"report.{ext}" for ext in ("json", "sarif", "pdf")}
    rc = main(["audit", str(config), "--footage", f"CAM-1={clip}", "--date", "2026-12-04", "--json", str(out["json"]),
               "--sarif", str(out["sarif"]), "--out", str(out["pdf"])])
    err = capsys.readouterr().err
    assert rc == ExitCode.OK, err
    assert "Traceback" not in err and "partly read" in err and "truncated.avi" in err

    report = json.loads(out["json"].read_text(encoding="utf-8"))
    assert any("partly read" in w and "CAM-1" in w for w in report["warnings"])
    [error] = report["footage_errors"]
    assert error["partial"] is True and error["camera"] == "CAM-1" and "partly read" in error["message"]
    [camera] = report["facts"]["cameras"]
    [file_facts] = camera["footage"]["files"]
    assert file_facts["frames_declared"] == 50 and 0 < file_facts["frames_read"] < 50

    run = json.loads(out["sarif"].read_text(encoding="utf-8"))["runs"][0]
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "warning" and "partly read" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("truncated.avi")

    pdf = pdfium.PdfDocument(str(out["pdf"]))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    flat = " ".join(text.split())
    assert "What the audit could not see" in flat and "Footage only partly read" in flat
    assert "Unreadable footage" not in flat
