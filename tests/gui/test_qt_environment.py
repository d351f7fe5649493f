"""OpenCV's non-headless wheel plants its own Qt plugin path; the app must start whatever the import order."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import os, sys
    order = sys.argv[1]
    if order == "cv2-first":
        import cv2
    elif order == "poisoned":
        import importlib.util, pathlib
        spec = importlib.util.find_spec("cv2")
        folder = pathlib.Path(next(iter(spec.submodule_search_locations)))
        os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"] = str(folder / "qt" / "plugins")
    from auditor.gui.app import create_application
    app = create_application()
    if order == "cv2-after":
        import cv2
    from auditor.gui.main_window import MainWindow
    w = MainWindow()
    w.show()
    app.processEvents()
    print("PLUGIN_PATH=" + os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", ""))
    print("OK " + app.platformName())
""")


@pytest.mark.gui
@pytest.mark.parametrize("order", ["cv2-first", "cv2-after", "poisoned", "no-cv2"])
def test_app_starts_whatever_the_import_order(order, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, order], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "OK offscreen" in proc.stdout
    assert "cv2" not in proc.stdout.split("PLUGIN_PATH=")[1].splitlines()[0]


def test_sanitize_keeps_a_user_value(monkeypatch, tmp_path):
    from auditor.gui.qtenv import sanitize_qt_environment

    monkeypatch.setenv("QT_QPA_PLATFORM_PLUGIN_PATH", str(tmp_path))
    sanitize_qt_environment()
    assert os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"] == str(tmp_path)


def test_sanitize_removes_opencv_paths(monkeypatch):
    import importlib.util
    from pathlib import Path

    from auditor.gui.qtenv import sanitize_qt_environment

    folder = Path(next(iter(importlib.util.find_spec("cv2").submodule_search_locations)))
    monkeypatch.setenv("QT_QPA_PLATFORM_PLUGIN_PATH", str(folder / "qt" / "plugins"))
    monkeypatch.setenv("QT_QPA_FONTDIR", str(folder / "qt" / "fonts"))
    removed = sanitize_qt_environment()
    assert "QT_QPA_PLATFORM_PLUGIN_PATH" in removed
    assert "QT_QPA_PLATFORM_PLUGIN_PATH" not in os.environ and "QT_QPA_FONTDIR" not in os.environ
