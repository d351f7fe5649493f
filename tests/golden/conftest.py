"""Golden tests share one footage analysis per clip: several examples use the same sample files."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def footage_cache():
    """Memoise auditor.footage.analyze.analyze_camera by its files for the whole session."""
    from auditor.footage import analyze

    real = analyze.analyze_camera
    cache: dict[tuple, dict] = {}

    def cached(camera_id, paths, **kw):
        key = (tuple(str(p) for p in paths), kw.get("sample_fps"))
        if key not in cache:
            kw.pop("progress", None)
            cache[key] = real(camera_id, paths, **kw)
        return dict(cache[key])

    mp = pytest.MonkeyPatch()
    mp.setattr(analyze, "analyze_camera", cached)
    yield cache
    mp.undo()
