"""Keeps OpenCV's bundled Qt plugins away from PySide6, whatever the import order.

The non-headless OpenCV wheels point QT_QPA_PLATFORM_PLUGIN_PATH (and QT_QPA_FONTDIR) at their own
Qt 5 plugins when `cv2` is imported; PySide6 (Qt 6) then fails with "could not load the Qt platform
plugin". We import cv2 first, on purpose, so that its side effect happens now, then drop any value that
points inside OpenCV's package. A value the user set to somewhere else is kept.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

_VARS = ("QT_QPA_PLATFORM_PLUGIN_PATH", "QT_QPA_FONTDIR", "QT_PLUGIN_PATH")


def _cv2_folder() -> Path | None:
    spec = importlib.util.find_spec("cv2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def sanitize_qt_environment() -> list[str]:
    """Import cv2 (if installed) and remove the Qt variables it planted. Returns the names removed."""
    folder = _cv2_folder()
    if folder is None:
        return []
    try:
        import cv2  # noqa: F401  (imported for its side effect on os.environ, which we undo below)
    except ImportError:
        pass
    removed = []
    for name in _VARS:
        value = os.environ.get(name)
        if not value:
            continue
        parts = [p for p in value.split(os.pathsep) if p]
        kept = [p for p in parts if not Path(p).resolve().is_relative_to(folder)]
        if len(kept) != len(parts):
            removed.append(name)
            if kept:
                os.environ[name] = os.pathsep.join(kept)
            else:
                del os.environ[name]
    return removed
