"""The sample-footage generator is deterministic and its ground truth matches the clip."""

from __future__ import annotations

import hashlib
from pathlib import Path

from auditor.footage import synth
from auditor.footage.frames import iter_frames, probe


def _digest(scene: synth.Scene) -> str:
    h = hashlib.sha256()
    for f in synth.iter_scene(scene):
        h.update(f.pixels.tobytes())
        h.update(repr(f.faces).encode())
    return h.hexdigest()


def test_deterministic() -> None:
    scene = synth.Scene("t", "entrance", width=320, height=180, seconds=1.0, people=3, face_far=10, face_near=40, seed=7)
    assert _digest(scene) == _digest(scene)


def test_clip_and_ground_truth(tmp_path: Path) -> None:
    scene = synth.Scene("t", "checkout", width=320, height=180, seconds=1.0, fps=5, people=2, face_far=30,
                        face_near=50, seed=3)
    clip = tmp_path / "t.mp4"
    truth = synth.write_clip(scene, clip)
    gt = synth.read_ground_truth(truth)
    facts = probe(clip)
    assert len(list(iter_frames(facts, sample_fps=None))) == len(gt) == 5
    assert any(gt[i] for i in gt) and {"x", "y", "w", "h", "person", "frontal", "visible"} <= set(gt[0][0])


def test_bundled_scene_names() -> None:
    assert {"entrance_720p", "checkout_closeup", "overhead_counting", "aisle_1080p", "signage_analytics"} <= set(
        synth.SCENES)
