"""The PyAV/Pillow reader: container timestamps, sparse decoding, reduced reads, partial reads, odd stills."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest
from PIL import Image

from auditor.footage.analyze import analyze_camera
from auditor.footage.detectors import Face, FakeDetector
from auditor.footage.frames import FootageError, iter_frames, probe
from tests.footage.conftest import write_clip


def write_av(path: Path, pts: list[int], *, time_base: Fraction = Fraction(1, 1000), rate: int = 25,
             size: tuple[int, int] = (64, 48), rotation: int | None = None, gop: int = 12) -> Path:
    """A clip written with PyAV with the given presentation times (frame k shows a bar at column 4k)."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("mpeg4", rate=rate)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        stream.codec_context.gop_size = gop
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for p in pts:
            img = np.zeros((size[1], size[0], 3), np.uint8)
            img[:, :16] = 255
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts, frame.time_base = p, time_base
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def test_variable_frame_rate_uses_container_timestamps(tmp_path: Path) -> None:
    # 8 frames over 2 s with irregular gaps: index / fps would put the last frame at 0.3 s
    path = write_av(tmp_path / "vfr.mp4", [0, 40, 80, 520, 560, 1520, 2000, 2040])
    facts = probe(path)
    frames = list(iter_frames(facts, sample_fps=None))
    assert [f.timestamp_s for f in frames] == pytest.approx([0, 0.04, 0.08, 0.52, 0.56, 1.52, 2.0, 2.04])
    assert facts.frames_read == 8 and facts.timestamps == "container"
    assert facts.duration_s > 2.0
    sampled = list(iter_frames(probe(path), sample_fps=2.0))          # one per half second that has a frame
    assert [f.index for f in sampled] == [0, 3, 5, 6]


def test_frame_rate_above_240_keeps_true_duration(tmp_path: Path) -> None:
    path = write_av(tmp_path / "fast.mp4", list(range(600)), time_base=Fraction(1, 300), rate=300)
    facts = probe(path)
    frames = list(iter_frames(facts, sample_fps=None))
    assert facts.fps == 300 and len(frames) == 600
    assert facts.duration_s == pytest.approx(2.0, abs=0.01)


def test_sampling_decodes_only_what_it_needs(tmp_path: Path) -> None:
    path = write_av(tmp_path / "long.mp4", list(range(250)), time_base=Fraction(1, 25), gop=25)   # 10 s
    facts = probe(path)
    frames = list(iter_frames(facts, sample_fps=0.5))
    assert [f.timestamp_s for f in frames] == pytest.approx([0, 2, 4, 6, 8], abs=0.05)
    assert facts.frames_read == 250 and facts.frames_decoded < 250 / 2
    everything = list(iter_frames(probe(path), sample_fps=None))
    for f in frames:                                   # the sampled frame is the frame at that index
        assert np.array_equal(f.pixels, everything[f.index].pixels)


def test_rotated_video_is_turned_upright(tmp_path: Path) -> None:
    path = write_av(tmp_path / "rot.mp4", list(range(3)), time_base=Fraction(1, 25), rotation=90)
    facts = probe(path)
    frame = next(iter_frames(facts, sample_fps=None))
    assert facts.rotation == 90 and frame.pixels.shape[:2] == (64, 48)
    assert frame.pixels[-1].mean() > 200 and frame.pixels[0].mean() < 50     # the left band is now at the bottom


def test_large_frames_are_reduced_on_read(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "wide.avi", size=(640, 480), frames=3)
    frame = next(iter_frames(probe(path), sample_fps=None, max_side=320))
    assert frame.pixels.shape == (240, 320, 3) and frame.scale == pytest.approx(0.5)


def test_boxes_found_on_a_reduced_frame_are_mapped_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.footage import analyze

    monkeypatch.setattr(analyze, "DETECT_MAX_SIDE", 320)
    path = write_clip(tmp_path / "wide.avi", size=(640, 480), frames=2)
    seen: list[tuple[int, ...]] = []

    def detect(pixels: np.ndarray) -> list[Face]:
        seen.append(pixels.shape)
        return [Face(10, 20, 30, 40, 0.9, True)]

    facts = analyze_camera("c", [path], detector=FakeDetector(detect), sample_fps=None)
    assert seen[0] == (240, 320, 3)
    assert facts["face_width_px"]["max"] == 60.0 and facts["resolution"] == {"width": 640, "height": 480}
    assert facts["evidence_frames"][0]["faces"][0]["x"] == 20.0


def test_big_still_is_read_reduced(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    img = np.zeros((4000, 3000, 3), np.uint8)
    cv2.rectangle(img, (1000, 1000), (2000, 2000), (255, 255, 255), -1)
    cv2.imwrite(str(path), img)
    facts = probe(path)
    frame = next(iter_frames(facts, sample_fps=None, max_side=1000))
    assert frame.pixels.shape == (1000, 750, 3) and frame.scale == pytest.approx(0.25)
    assert (facts.width, facts.height) == (3000, 4000)
    assert frame.pixels[375, 375].min() == 255 and frame.pixels[600, 375].max() == 0


@pytest.mark.parametrize("suffix", [".jpg", ".png"])
def test_still_exif_orientation(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"turned{suffix}"
    img = np.zeros((40, 80, 3), np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6                                    # "rotate 90 CW to display"
    Image.fromarray(img).save(path, exif=exif)
    facts = probe(path)
    frame = next(iter_frames(facts, sample_fps=None))
    assert facts.rotation == 270 and frame.pixels.shape == (80, 40, 3)


def test_sixteen_bit_and_grey_stills(tmp_path: Path) -> None:
    grey16 = tmp_path / "g16.png"
    cv2.imwrite(str(grey16), np.full((32, 32), 65535 // 2, np.uint16))
    colour16 = tmp_path / "c16.png"
    c = np.zeros((32, 32, 3), np.uint16)
    c[..., 2] = 60000
    cv2.imwrite(str(colour16), c)
    grey = tmp_path / "grey.png"
    Image.fromarray(np.full((32, 32), 100, np.uint8)).save(grey)
    g16 = next(iter_frames(probe(grey16), sample_fps=None)).pixels
    c16 = next(iter_frames(probe(colour16), sample_fps=None)).pixels
    g8 = next(iter_frames(probe(grey), sample_fps=None)).pixels
    assert g16.dtype == np.uint8 and g16.shape == (32, 32, 3) and 120 <= g16[0, 0, 0] <= 135
    assert list(c16[0, 0]) == [0, 0, 234]                # BGR, red scaled from 16 bits
    assert list(g8[0, 0]) == [100, 100, 100]


def test_animated_gif_frames_and_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "anim.gif"
    images = [Image.fromarray(np.full((32, 32, 3), 40 * k, np.uint8)) for k in range(4)]
    images[0].save(path, save_all=True, append_images=images[1:], duration=[100, 300, 100, 500], loop=0)
    facts = probe(path)
    frames = list(iter_frames(facts, sample_fps=None))
    assert facts.container == "gif" and [f.timestamp_s for f in frames] == pytest.approx([0, 0.1, 0.4, 0.5])


def test_png_named_mp4_is_read_as_an_image(tmp_path: Path) -> None:
    path = tmp_path / "still.mp4"
    cv2.imwrite(str(tmp_path / "x.png"), np.zeros((32, 32, 3), np.uint8))
    path.write_bytes((tmp_path / "x.png").read_bytes())
    facts = probe(path)
    assert facts.kind == "image" and next(iter_frames(facts, sample_fps=None)).pixels.shape == (32, 32, 3)


def test_one_pixel_still_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "dot.png"
    cv2.imwrite(str(path), np.zeros((1, 1, 3), np.uint8))
    with pytest.raises(FootageError, match="unsupported resolution 1x1"):
        probe(path)


def test_declared_frame_count_over_the_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    from tests.footage.conftest import patch_avi

    path = patch_avi(write_clip(tmp_path / "many.avi"), total_frames=4_000_000_000)
    try:
        probe(path)
    except FootageError as exc:
        assert "frames" in str(exc)


def test_truncated_file_is_a_partial_read_with_a_warning(tmp_path: Path) -> None:
    path = write_clip(tmp_path / "cut.avi", frames=48)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
    facts = analyze_camera("c", [path], detector=FakeDetector(default=[]), sample_fps=None)
    f = facts["files"][0]
    assert f["error"] is None and 0 < f["frames_read"] < 48 and f["frames_declared"] == 48
    assert f["read_problems"] and "of the 48 frames" in f["read_problems"][0]
    assert facts["analysed"] and facts["warnings"][0]["path"] == str(path)
    assert "partly read" in facts["warnings"][0]["message"]


@pytest.mark.parametrize("sample_fps", [0.5, None])
def test_windows_of_a_file_sample_what_the_whole_file_does(tmp_path: Path, sample_fps: float | None) -> None:
    path = write_av(tmp_path / "long.mp4", list(range(250)), time_base=Fraction(1, 25), gop=25)   # 10 s
    whole = [(f.index, f.timestamp_s) for f in iter_frames(probe(path), sample_fps=sample_fps)]
    parts = []
    for start, end in ((0.0, 3.0), (3.0, 7.0), (7.0, None)):
        facts = probe(path)
        parts += [(f.index, f.timestamp_s) for f in iter_frames(facts, sample_fps=sample_fps, start_s=start,
                                                                 end_s=end)]
        assert facts.read_problems == []
    assert parts == whole
