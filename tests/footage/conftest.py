"""Small footage fixtures made by the tests (generated pixels only; nothing is downloaded or committed)."""

from __future__ import annotations

import struct
from pathlib import Path

import cv2
import numpy as np
import pytest


def write_clip(path: Path, *, frames: int = 12, size: tuple[int, int] = (64, 48), fourcc: str = "MJPG",
               fps: float = 12.0) -> Path:
    """A tiny clip of moving blocks (the STYLE.md fixture: 12 frames, 64x48, MJPG)."""
    w, h = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, (w, h))
    assert writer.isOpened(), f"cannot write {fourcc} to {path}"
    for i in range(frames):
        img = np.full((h, w, 3), 40, np.uint8)
        cv2.rectangle(img, (i * 3 % w, 10), (i * 3 % w + 10, 30), (0, 200, 255), -1)
        writer.write(img)
    writer.release()
    return path


def patch_avi(path: Path, *, fourcc: bytes | None = None, size: tuple[int, int] | None = None,
              total_frames: int | None = None) -> Path:
    """Rewrite fields of an AVI header in place: codec FourCC, frame size, declared frame count."""
    data = bytearray(path.read_bytes())

    def put(tag: bytes, offset: int, value: bytes) -> None:
        i = data.find(tag)
        while i != -1:
            data[i + offset:i + offset + len(value)] = value
            i = data.find(tag, i + 4)

    if fourcc is not None:
        put(b"strh", 12, fourcc)                  # fccHandler
        put(b"strf", 24, fourcc)                  # BITMAPINFOHEADER.biCompression
    if size is not None:
        put(b"avih", 40, struct.pack("<II", *size))
        put(b"strf", 12, struct.pack("<ii", *size))
    if total_frames is not None:
        put(b"avih", 24, struct.pack("<I", total_frames))
        put(b"strh", 40, struct.pack("<I", total_frames))
        put(b"dmlh", 8, struct.pack("<I", total_frames))
    path.write_bytes(bytes(data))
    return path


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return write_clip(tmp_path / "clip.avi")
