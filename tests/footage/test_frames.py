"""Reading footage: the facts about each input, and a clear per-file error for every kind of bad file."""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest

from auditor.footage.frames import (
    FootageError,
    iter_frames,
    probe,
    read_frame,
    sniff_container,
)
from tests.footage.conftest import patch_avi, write_clip


def _error(path: Path) -> str:
    """The message analysing `path` ends with (probe, then reading every frame)."""
    with pytest.raises(FootageError) as info:
        facts = probe(path)
        for _ in iter_frames(facts, sample_fps=None):
            pass
    return str(info.value)


def test_good_clip_facts(clip: Path) -> None:
    facts = probe(clip)
    frames = list(iter_frames(facts, sample_fps=None))
    assert (facts.kind, facts.container, facts.codec) == ("video", "avi", "mjpeg")
    assert (facts.width, facts.height, facts.fps) == (64, 48, 12.0)
    assert facts.frames_declared == 12 and facts.frames_read == 12 and facts.unreadable_frames == 0
    assert len(frames) == 12 and frames[5].index == 5 and frames[6].timestamp_s == 0.5
    assert facts.duration_s == 1.0 and len(facts.sha256) == 64 and facts.error is None


def test_sampling_keeps_one_frame_per_period(clip: Path) -> None:
    facts = probe(clip)
    frames = list(iter_frames(facts, sample_fps=4.0))      # 12 fps -> every 3rd frame
    assert [f.index for f in frames] == [0, 3, 6, 9]
    assert facts.frames_read == 12


@pytest.mark.parametrize("suffix,fourcc", [(".mp4", "mp4v"), (".mkv", "MJPG"), (".mov", "mp4v")])
def test_other_containers(tmp_path: Path, suffix: str, fourcc: str) -> None:
    path = write_clip(tmp_path / f"c{suffix}", fourcc=fourcc)
    facts = probe(path)
    assert facts.container == suffix[1:] and len(list(iter_frames(facts, sample_fps=None))) == 12


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_still_image(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"still{suffix}"
    cv2.imwrite(str(path), np.full((40, 60, 3), 128, np.uint8))
    facts = probe(path)
    assert (facts.kind, facts.width, facts.height, facts.frames_declared) == ("image", 60, 40, 1)
    assert read_frame(path, 0).shape == (40, 60, 3)


def test_read_frame_in_memory(clip: Path) -> None:
    facts = probe(clip)
    frames = {f.index: f.pixels for f in iter_frames(facts, sample_fps=None)}
    assert np.array_equal(read_frame(clip, 7), frames[7])
    with pytest.raises(FootageError, match="no frame 40"):
        read_frame(clip, 40)


# ---------------------------------------------------------------------------------------- bad footage

def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.mp4") == "file not found"


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    path.touch()
    assert "empty file" in _error(path)


def test_text_file_renamed_mp4(tmp_path: Path) -> None:
    path = tmp_path / "notes.mp4"
    path.write_text("this is not a video\n" * 20)
    assert "not a video or image file" in _error(path)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "clip.wmv"
    path.write_bytes(b"0" * 100)
    assert "unsupported file type .wmv" in _error(path)


def test_truncated_mp4(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "cut.mp4", fourcc="mp4v")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])     # the index (moov) is lost
    assert "cannot open" in _error(path) or "no readable frame" in _error(path)


def test_truncated_avi_reads_what_is_there(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "cut.avi", frames=24)
    path.write_bytes(path.read_bytes()[: path.stat().st_size * 2 // 3])
    facts = probe(path)
    frames = list(iter_frames(facts, sample_fps=None))
    assert 0 < len(frames) < 24 and facts.frames_read < 24


def test_corrupt_video_bytes(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "corrupt.mp4", fourcc="mp4v")
    data = bytearray(path.read_bytes())
    rng = np.random.default_rng(0)
    data[64:] = rng.integers(0, 256, len(data) - 64, dtype=np.uint8).tobytes()   # header kept, rest noise
    path.write_bytes(bytes(data))
    assert _error(path)


def test_unsupported_codec(tmp_path: Path) -> None:
    path = patch_avi(write_clip(tmp_path / "odd.avi"), fourcc=b"ZZZZ")
    message = _error(path)
    assert "codec" in message or "no readable frame" in message


def test_zero_length_video(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "zero.avi", frames=0)
    message = _error(path)
    assert "no readable frame" in message or "cannot open" in message or "empty file" in message


def test_absurd_video_resolution(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "wide.avi", size=(8400, 32), frames=2)
    assert "unsupported resolution 8400x32" in _error(path)


def test_header_lying_about_resolution(tmp_path: Path) -> None:
    path = patch_avi(write_clip(tmp_path / "huge.avi"), size=(60000, 60000))
    try:
        facts = probe(path)
        frames = list(iter_frames(facts, sample_fps=None))
    except FootageError as exc:                  # refused: fine, as long as it says why
        assert "resolution" in str(exc) or "cannot open" in str(exc)
    else:                                        # or read: the facts then give the decoded size
        assert (facts.width, facts.height) == (64, 48) and len(frames) == 12


def test_absurd_image_resolution(tmp_path: Path) -> None:
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path = tmp_path / "huge.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk + b"\x00" * 64)
    assert "unsupported resolution 100000x100000" in _error(path)


def test_header_lying_about_frame_count_does_not_hang(tmp_path: Path) -> None:
    path = patch_avi(write_clip(tmp_path / "liar.avi"), total_frames=5_000_000)
    start = time.monotonic()
    facts = probe(path)
    frames = list(iter_frames(facts, sample_fps=None))
    assert time.monotonic() - start < 20
    assert len(frames) == 12 and facts.frames_read == 12
    assert facts.frames_declared != facts.frames_read      # the facts show the header's claim and the truth


def test_corrupt_png(tmp_path: Path) -> None:
    path = tmp_path / "bad.png"
    cv2.imwrite(str(path), np.zeros((40, 40, 3), np.uint8))
    path.write_bytes(path.read_bytes()[:40])
    assert "corrupt" in _error(path) or "does not decode" in _error(path)


def test_sniff() -> None:
    assert sniff_container(b"\x00\x00\x00\x18ftypisom") == "mp4"
    assert sniff_container(b"\x00\x00\x00\x14ftypqt  ") == "mov"
    assert sniff_container(b"RIFF\x00\x00\x00\x00AVI LIST") == "avi"
    assert sniff_container(b"hello world") is None
