"""Fleet planning (folder, manifest, chunk windows, cache keys) and chunked analysis = whole-file analysis."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from auditor.core.errors import InputError
from auditor.fleet.plan import Chunk, chunk_key, chunk_windows, discover
from auditor.footage.detectors import Face
from tests.footage.conftest import write_clip

CONFIG = """\
store: {name: Shop %s, country: FR, open_to_public: true}
controller: {name: Shop SAS}
cameras:
  - {id: CAM-1, zone: entrance}
"""


def test_chunk_windows_cover_the_file_without_overlap() -> None:
    assert chunk_windows(None, 600) == [(0.0, None)]
    assert chunk_windows(300, 600) == [(0.0, None)]
    windows = chunk_windows(1500, 600)
    assert windows == [(0.0, 600.0), (600.0, 1200.0), (1200.0, None)]
    assert chunk_windows(1200, 600) == [(0.0, 600.0), (600.0, None)]


def test_chunk_key_changes_with_every_input() -> None:
    base = Chunk("s", "CAM-1", "a.mp4", 0.0, 600.0, "aa" * 32)
    key = chunk_key(base, sample_fps=0.5, models="m1")
    assert key == chunk_key(Chunk("t", "CAM-9", "b.mp4", 0.0, 600.0, "aa" * 32), sample_fps=0.5, models="m1")
    assert key != chunk_key(Chunk("s", "CAM-1", "a.mp4", 0.0, 600.0, "bb" * 32), sample_fps=0.5, models="m1")
    assert key != chunk_key(Chunk("s", "CAM-1", "a.mp4", 600.0, 1200.0, "aa" * 32), sample_fps=0.5, models="m1")
    assert key != chunk_key(base, sample_fps=1.0, models="m1")
    assert key != chunk_key(base, sample_fps=0.5, models="m2")


def test_discover_folder_keeps_configs_skips_other_yaml_and_reports_broken(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "store.yaml").write_text(CONFIG % "A")
    (tmp_path / "b.yaml").write_text(CONFIG % "B")
    (tmp_path / "waivers.yaml").write_text("waivers: []\n")
    (tmp_path / "broken.yaml").write_text("store: [unclosed\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.yaml").write_text(CONFIG % "C")
    plan = discover(tmp_path, exclude=[])
    assert [s.id for s in plan.stores] == ["a__store", "b", "broken"]
    assert plan.skipped == [{"path": "waivers.yaml", "reason": "not a deployment (no `store` or `cameras` key)"}]


def test_manifest_errors_have_line_and_column(tmp_path: Path) -> None:
    manifest = tmp_path / "fleet.yaml"
    manifest.write_text("stores:\n  - config: a.yaml\n    colour: red\n  - id: x\n  - {config: b.yaml, id: a}\n")
    with pytest.raises(InputError) as err:
        discover(manifest)
    text = "\n".join(p.format() for p in err.value.problems)
    assert "fleet.yaml:3:5" in text and "unknown field 'colour'" in text
    assert "config path is missing" in text
    assert "duplicate store id 'a'" in text


def test_manifest_paths_are_relative_to_it(tmp_path: Path) -> None:
    manifest = tmp_path / "m" / "fleet.yaml"
    manifest.parent.mkdir()
    manifest.write_text("stores:\n  - ../a.yaml\n  - {config: b.yaml, id: Paris 1, footage: {CAM-1: clip.mp4}}\n")
    plan = discover(manifest)
    assert [s.id for s in plan.stores] == ["a", "Paris-1"]
    assert plan.stores[0].config == manifest.parent / "../a.yaml"
    assert plan.stores[1].footage == {"CAM-1": [manifest.parent / "clip.mp4"]}


class BlockDetector:
    """Finds the fixture clip's orange block from the pixels themselves (so chunking cannot change it)."""

    name = "block"
    version = "1"

    def detect(self, pixels: np.ndarray) -> list[Face]:
        mask = (pixels[:, :, 2] > 200) & (pixels[:, :, 1] > 120) & (pixels[:, :, 0] < 80)
        ys, xs = np.nonzero(mask)
        if not len(xs):
            return []
        x0, y0 = int(xs.min()), int(ys.min())
        return [Face(x0, y0, int(xs.max()) - x0 + 1, int(ys.max()) - y0 + 1, 0.9, True)]


def test_chunked_analysis_equals_whole_file(tmp_path: Path) -> None:
    from auditor.fleet.tasks import merge_partials
    from auditor.footage.analyze import analyze_camera, analyze_chunk

    clip = write_clip(tmp_path / "clip.avi", frames=48, fps=12.0)       # 4 s
    det = BlockDetector()
    whole = analyze_camera("CAM-1", [clip], detector=det, sample_fps=3.0)
    parts = [analyze_chunk("CAM-1", clip, start_s=s, end_s=e, detector=det, sample_fps=3.0).to_dict()
             for s, e in chunk_windows(4.0, 1.5)]
    merged = merge_partials(json.loads(json.dumps(parts)))              # through JSON, as from a worker
    people_whole, people_merged = whole.pop("distinct_people"), merged.pop("distinct_people")
    whole.pop("median_dwell_s"), merged.pop("median_dwell_s")
    assert merged == whole
    # A visit that spans a chunk boundary is counted once per chunk (documented): at most one extra per cut.
    assert people_whole <= people_merged <= people_whole + len(parts) - 1

