"""The GUI start-up diagnosis: which system libraries Qt's xcb plugin misses, and what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.core import qtcheck

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f25)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f25)
\tlibxcb-cursor.so.0 => not found
\tlibweird.so.9 => not found
"""
X11 = {"DISPLAY": ":0"}


def test_missing_libraries_are_read_from_the_loader():
    assert qtcheck.missing_libraries(LDD_MISSING) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libweird.so.9"]


def test_the_hint_names_the_libraries_and_both_install_commands():
    text = qtcheck.diagnose(X11, platform="linux", plugin=Path("libqxcb.so"), ldd=lambda p: LDD_MISSING)
    assert "libxcb-cursor.so.0" in text and "libweird.so.9" in text
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in text
    assert "sudo dnf install xcb-util-cursor xcb-util-wm" in text


@pytest.mark.parametrize("env, platform", [
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux"),
    (X11, "darwin"),
])
def test_no_check_when_qt_will_not_use_xcb(env, platform):
    assert qtcheck.diagnose(env, platform=platform, plugin=Path("x"), ldd=lambda p: LDD_MISSING) is None


def test_nothing_missing_means_start():
    assert qtcheck.diagnose(X11, platform="linux", plugin=Path("x"), ldd=lambda p: "\tlibxcb.so.1 => /lib/x (0)\n") is None


def test_no_display_is_said_plainly():
    assert "DISPLAY" in qtcheck.diagnose({}, platform="linux", plugin=Path("x"), ldd=lambda p: "")


def test_the_real_plugin_is_found_and_ldd_runs_on_it():
    plugin = qtcheck.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert "libxcb" in qtcheck.run_ldd(plugin)


def test_a_library_hidden_from_the_loader_is_reported(tmp_path, monkeypatch):
    """The loader itself finds a dependency missing: a copy of the plugin whose RUNPATH cannot reach Qt's libs."""
    import shutil
    plugin = tmp_path / "libqxcb.so"
    shutil.copy(qtcheck.xcb_plugin(), plugin)
    monkeypatch.delenv("LD_LIBRARY_PATH", raising=False)
    missing = qtcheck.missing_libraries(qtcheck.run_ldd(plugin))
    assert any(m.startswith("libQt6") for m in missing)


def test_auditor_gui_exits_2_with_the_hint_before_qt_starts(monkeypatch, capsys):
    from auditor.cli import main
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qtcheck, "run_ldd", lambda p: LDD_MISSING)
    monkeypatch.setattr(qtcheck.diagnose, "__kwdefaults__", {**qtcheck.diagnose.__kwdefaults__,
                                                             "ldd": lambda p: LDD_MISSING, "platform": "linux"})
    assert main(["gui"]) == 2
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-cursor0" in err and "Traceback" not in err
