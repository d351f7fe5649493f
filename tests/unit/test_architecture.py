"""Architecture guards: the core imports no Qt, imports flow one way, and pyproject lists every package."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "auditor"

# Lower layers must not import higher ones (STYLE.md §1).
LAYERS = [
    {"auditor.gui", "auditor.cli"},
    {"auditor.audit", "auditor.project", "auditor.versions", "auditor.fleet"},
    {"auditor.config", "auditor.footage", "auditor.rules", "auditor.report"},
    {"auditor.core"},
]


# The one allowed sibling import: the report redacts evidence frames with the footage package's redactor
# (in memory, just before embedding), so that no code path can embed a frame without masking it.
ALLOWED_SIBLINGS = {("auditor.report", "auditor.footage")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _layer(module: str) -> int | None:
    for i, layer in enumerate(LAYERS):
        if any(module == m or module.startswith(m + ".") for m in layer):
            return i
    return None


def test_core_has_no_qt_import():
    offenders = [
        f"{p.relative_to(ROOT)} imports {name}"
        for p in PKG.rglob("*.py") if "gui" not in p.relative_to(PKG).parts
        for name in _imports(p) if name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
    ]
    assert not offenders, offenders


def test_imports_flow_one_way():
    offenders = []
    for p in PKG.rglob("*.py"):
        here = _layer(_module_of(p))
        if here is None:
            continue
        for name in _imports(p):
            there = _layer(name)
            if there is not None and there < here:
                offenders.append(f"{_module_of(p)} (layer {here}) imports {name} (layer {there})")
            pair = (".".join(_module_of(p).split(".")[:2]), ".".join(name.split(".")[:2]))
            if there == here == 2 and pair[0] != pair[1] and pair not in ALLOWED_SIBLINGS:
                offenders.append(f"{_module_of(p)} imports its sibling {name}")
    assert not offenders, offenders


def test_pyproject_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {_module_of(p.parent / "__init__.py") for p in PKG.rglob("__init__.py")}
    on_disk |= {"auditor_packs", "auditor_assets"}
    assert listed == on_disk


def test_version_lists_tool_packs_and_models(capsys):
    from auditor.cli import main

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("auditor ")
    for pack in ("gdpr", "cnil", "eprivacy", "ai_act"):
        assert f"rule pack {pack} " in out
    assert "MediaPipe 0.10.21" in out and "CenterFace" in out


def test_the_command_line_parser_loads_no_deployment_model():
    """Every subcommand's parser is built at start-up: it must not import pydantic, the rule engine or the
    footage stack (`auditor analyze` and `auditor redact` pay for what they use, not for `validate`)."""
    import subprocess
    import sys

    code = ("import sys, auditor.cli; auditor.cli.build_parser(); "
            "print(sorted(m for m in ('pydantic', 'celpy', 'cv2', 'onnxruntime', 'auditor.config.loader', "
            "'auditor.core.deployment') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
