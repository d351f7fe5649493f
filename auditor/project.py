"""Audit projects: a small YAML file that remembers an audit's inputs (paths and hashes, never pixels).

The GUI opens and saves these; the format is plain data with a schema_version so that a later version of
the tool can read older projects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.core.yamlsafe import read_document
from auditor.core.errors import InputError, Problem

PROJECT_SCHEMA_VERSION = 1
PROJECT_SUFFIX = ".auditproj.yaml"


def sha256_file(path: Path, *, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file, read in chunks (footage can be large)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


@dataclass
class FootageRef:
    camera: str
    path: str
    sha256: str = ""


@dataclass
class WaiverEntry:
    """A waiver as the rule engine reads it (rule id + subject, all fields required)."""

    rule_id: str
    subject: str
    justification: str
    approver: str
    expires: str          # ISO date


@dataclass
class LogEntry:
    """Something the assessor did that the audit trail must show (e.g. revealing an unmasked frame)."""

    time: str
    action: str
    detail: str = ""


@dataclass
class AuditProject:
    """What an audit needs to be re-run: config, footage, waivers, assessor, language, last results."""

    config: str = ""
    footage: list[FootageRef] = field(default_factory=list)
    waivers: list[WaiverEntry] = field(default_factory=list)
    assessor: str = ""
    lang: str = "en"
    last_results: dict[str, str] = field(default_factory=dict)   # kind (pdf/json/sarif) -> path
    audit_log: list[LogEntry] = field(default_factory=list)
    schema_version: int = PROJECT_SCHEMA_VERSION

    # --- paths are stored relative to the project file when possible, so a project folder can move ---

    def resolve(self, stored: str, project_file: Path | None) -> Path:
        p = Path(stored)
        if not p.is_absolute() and project_file is not None:
            p = project_file.parent / p
        return p

    def log(self, action: str, detail: str = "") -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        self.audit_log.append(LogEntry(now, action, detail))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], file: str) -> "AuditProject":
        known = {"schema_version", "config", "footage", "waivers", "assessor", "lang", "last_results", "audit_log"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError([Problem(file, f"unknown key {unknown[0]!r} in the audit project")])
        version = data.get("schema_version", PROJECT_SCHEMA_VERSION)
        if version != PROJECT_SCHEMA_VERSION:
            raise InputError([Problem(file, f"audit project format {version} is not supported",
                                      expected=str(PROJECT_SCHEMA_VERSION))])
        try:
            return cls(
                config=str(data.get("config") or ""),
                footage=[FootageRef(**f) for f in data.get("footage") or []],
                waivers=[WaiverEntry(**w) for w in data.get("waivers") or []],
                assessor=str(data.get("assessor") or ""),
                lang="fr" if data.get("lang") == "fr" else "en",
                last_results={str(k): str(v) for k, v in (data.get("last_results") or {}).items()},
                audit_log=[LogEntry(**e) for e in data.get("audit_log") or []],
            )
        except TypeError as exc:
            raise InputError([Problem(file, f"malformed audit project: {exc}")]) from None


def load_project(path: Path) -> AuditProject:
    doc = read_document(path)
    if not isinstance(doc.data, dict):
        raise InputError([Problem(str(path), "an audit project must be a mapping")])
    return AuditProject.from_dict(doc.data, str(path))


def write_text_atomic(path: Path, text: str) -> None:
    """Write text to a temp file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_project(project: AuditProject, path: Path) -> None:
    text = "# Store Camera Privacy Auditor audit project: paths and hashes only, never images.\n"
    text += yaml.safe_dump(project.to_dict(), allow_unicode=True, sort_keys=False)
    write_text_atomic(path, text)


def waivers_yaml(waivers: list[WaiverEntry]) -> str:
    """The waivers of a project in the waiver-file format the rule engine reads."""
    return yaml.safe_dump({"waivers": [asdict(w) for w in waivers]}, allow_unicode=True, sort_keys=False)
