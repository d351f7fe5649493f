"""Before the desktop application starts: can Qt's X11 platform plugin load here, and if not, what to install.

Qt aborts the process when its platform plugin cannot load ("could not load the Qt platform plugin xcb"),
with no word about why. This module asks the dynamic loader (`ldd`) which shared libraries PySide6's
libqxcb.so and its dependencies cannot find, without importing Qt, and words the install command for
Debian/Ubuntu and Fedora. The library list follows Qt's "Qt for X11 Requirements" page (doc.qt.io, Qt 6).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from collections.abc import Callable, Mapping

# soname -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
}

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.M)


def xcb_plugin() -> Path | None:
    """PySide6's libqxcb.so, found without importing PySide6 (None if PySide6 or the plugin is absent)."""
    spec = importlib.util.find_spec("PySide6")
    for root in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def run_ldd(path: Path) -> str:
    """The dynamic loader's view of `path` (ldd lists the whole dependency tree, marking what is not found)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return ""
    done = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=30, check=False)
    return done.stdout


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames ldd reports as `not found`, in its order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def uses_xcb(env: Mapping[str, str]) -> bool:
    """Whether Qt will pick its X11 (xcb) platform plugin in this environment."""
    chosen = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if chosen:
        return chosen == "xcb"
    return not (env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE", "").lower() == "wayland")


def install_hint(missing: list[str]) -> str:
    """What to tell the user: the missing libraries and the install command for Debian/Ubuntu and Fedora."""
    debian = sorted({PACKAGES[m][0] for m in missing if m in PACKAGES})
    fedora = sorted({PACKAGES[m][1] for m in missing if m in PACKAGES})
    unknown = [m for m in missing if m not in PACKAGES]
    lines = ["auditor gui: the desktop application cannot start: Qt's X11 platform plugin (xcb) needs system "
             "libraries that are not installed:", *(f"  {m}" for m in missing)]
    if debian:
        lines += ["Install them with:", f"  Debian/Ubuntu: sudo apt install {' '.join(debian)}",
                  f"  Fedora:        sudo dnf install {' '.join(fedora)}"]
    if unknown:
        lines.append("Your distribution's package search can tell which package provides "
                     + ", ".join(unknown) + ".")
    lines.append("The command line (auditor audit, validate, ...) works without them.")
    return "\n".join(lines)


def diagnose(env: Mapping[str, str] | None = None, *, platform: str = sys.platform,
             plugin: Path | None = None, ldd: Callable[[Path], str] = run_ldd) -> str | None:
    """None when the GUI can try to start; else the message explaining what is missing (the caller exits 2)."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") or not uses_xcb(env):
        return None
    if not env.get("DISPLAY"):
        return ("auditor gui: no X11 display (DISPLAY is not set). Start it from a desktop session, or use the "
                "command line (auditor audit, validate, ...).")
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None                      # a bundle without the plugin: Qt's own message is the best we have
    missing = missing_libraries(ldd(plugin))
    return install_hint(missing) if missing else None
