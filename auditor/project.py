"""Audit projects: a small YAML file that remembers an audit's inputs (paths and hashes, never pixels).

The GUI opens and saves these; the format is plain data with a schema_version so that a later version of
the tool can read older projects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.core.errors import InputError, Problem, describe_value
from auditor.core.yamlsafe import read_document

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
    params: dict[str, str] = field(default_factory=dict)   # values the interface words in its own language


@dataclass
class AuditProject:
    """What an audit needs to be re-run: config, footage, waivers, assessor, language, last results."""

    config: str = ""
    config_sha256: str = ""                                      # of the config when it was loaded
    footage: list[FootageRef] = field(default_factory=list)
    waivers: list[WaiverEntry] = field(default_factory=list)
    answers: list[dict[str, str]] = field(default_factory=list)   # assessor answers, as in an answers file
    assessor: str = ""
    lang: str = "en"
    last_results: dict[str, str] = field(default_factory=dict)   # kind (pdf/json/sarif) -> path
    audit_log: list[LogEntry] = field(default_factory=list)
    result_sha256: str = ""                       # of the sidecar file holding the last audit (see save_project)
    result: dict[str, Any] | None = field(default=None, repr=False, compare=False)   # that audit, in memory
    result_problem: str = field(default="", repr=False, compare=False)              # why it could not be read
    schema_version: int = PROJECT_SCHEMA_VERSION

    # --- paths are stored relative to the project file when possible, so a project folder can move ---

    def resolve(self, stored: str, project_file: Path | None) -> Path:
        p = Path(stored)
        if not p.is_absolute() and project_file is not None:
            p = project_file.parent / p
        return p

    def log(self, action: str, detail: str = "", **params: Any) -> None:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        self.audit_log.append(LogEntry(now, action, detail, {k: str(v) for k, v in params.items()}))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("result", "result_problem"):
            data.pop(key)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], file: str) -> AuditProject:
        known = {"schema_version", "config", "config_sha256", "footage", "waivers", "answers", "assessor", "lang",
                 "last_results", "audit_log", "result_sha256"}
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
                config_sha256=str(data.get("config_sha256") or ""),
                footage=[FootageRef(**f) for f in data.get("footage") or []],
                waivers=[WaiverEntry(**w) for w in data.get("waivers") or []],
                answers=list(data.get("answers") or []),
                assessor=str(data.get("assessor") or ""),
                lang="fr" if data.get("lang") == "fr" else "en",
                last_results={str(k): str(v) for k, v in (data.get("last_results") or {}).items()},
                audit_log=[LogEntry(**e) for e in data.get("audit_log") or []],
                result_sha256=str(data.get("result_sha256") or ""),
            )
        except (TypeError, AttributeError) as exc:
            raise InputError([Problem(file, f"malformed audit project: {exc}")]) from None

    def check_types(self, file: str) -> None:
        """Every stored field has the type the app expects (a hand-edited project must not crash the window)."""
        rows: list[tuple[str, Any]] = []
        for i, f in enumerate(self.footage):
            rows += [(f"footage[{i}].{k}", v) for k, v in asdict(f).items()]
        for i, w in enumerate(self.waivers):
            rows += [(f"waivers[{i}].{k}", v) for k, v in asdict(w).items()]
        for i, e in enumerate(self.audit_log):
            rows += [(f"audit_log[{i}].{k}", v) for k, v in asdict(e).items() if k != "params"]
            if not isinstance(e.params, dict):
                rows.append((f"audit_log[{i}].params", None))
        for i, a in enumerate(self.answers):
            if not isinstance(a, dict):
                rows.append((f"answers[{i}]", a))
            else:
                rows += [(f"answers[{i}].{k}", v) for k, v in a.items()]
        for where, value in rows:
            if not isinstance(value, str):
                raise InputError([Problem(file, "malformed audit project", path=where, expected="text",
                                          found=describe_value(value))])


def changed_inputs(project: AuditProject, project_file: Path | None) -> list[tuple[str, str]]:
    """Inputs whose SHA-256 no longer matches the one recorded: (path as recorded, what happened).

    Checks the config, the footage added to the project and every footage file the saved result was computed
    from, so an edited config or a replaced clip is never used silently with the old findings.
    """
    recorded: dict[str, tuple[Path, str]] = {}
    if project.config and project.config_sha256:
        recorded[project.config] = (project.resolve(project.config, project_file), project.config_sha256)
    for ref in project.footage:
        if ref.sha256:
            recorded[ref.path] = (project.resolve(ref.path, project_file), ref.sha256)
    config_folder = project.resolve(project.config, project_file).parent if project.config else None
    for inp in (project.result or {}).get("inputs") or []:
        if not isinstance(inp, dict) or inp.get("kind") not in ("config", "footage") or not inp.get("sha256"):
            continue
        stored = str(inp.get("path", ""))
        path = Path(stored)
        if not path.is_absolute() and config_folder is not None:
            path = config_folder / path
        recorded.setdefault(stored, (path, str(inp["sha256"])))
    changes = []
    for stored, (path, digest) in recorded.items():
        try:
            now = sha256_file(path)
        except FileNotFoundError:
            changes.append((stored, "missing"))
            continue
        except OSError as exc:
            changes.append((stored, f"unreadable: {exc.strerror or exc}"))
            continue
        if now != digest:
            changes.append((stored, "changed"))
    return changes


def load_project(path: Path) -> AuditProject:
    doc = read_document(path)
    if not isinstance(doc.data, dict):
        raise InputError([Problem(str(path), "an audit project must be a mapping")])
    project = AuditProject.from_dict(doc.data, str(path))
    project.check_types(str(path))
    if project.result_sha256:
        _read_result(project, path)
    return project


def result_file(project_file: Path) -> Path:
    """The sidecar file beside a project that holds its last audit (findings and facts, never pixels)."""
    name = project_file.name
    stem = name[: -len(PROJECT_SUFFIX)] if name.endswith(PROJECT_SUFFIX) else project_file.stem
    return project_file.with_name(stem + ".result.json")


def _read_result(project: AuditProject, project_file: Path) -> None:
    """Load the sidecar when its SHA-256 is the recorded one; otherwise say why in `result_problem`."""
    sidecar = result_file(project_file)
    try:
        if not sidecar.is_file():
            raise FileNotFoundError
        raw = sidecar.read_bytes()
    except OSError:
        project.result_problem = f"{sidecar.name}: missing or unreadable"
        return
    if hashlib.sha256(raw).hexdigest() != project.result_sha256:
        project.result_problem = f"{sidecar.name}: content changed (SHA-256 differs from the one recorded)"
        return
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        project.result_problem = f"{sidecar.name}: not valid JSON ({exc})"
        return
    if not isinstance(data, dict):
        project.result_problem = f"{sidecar.name}: not an audit result"
        return
    project.result = data


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


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temp file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_project(project: AuditProject, path: Path) -> None:
    """Write the project (and its last audit in the sidecar result file, whose SHA-256 the project records)."""
    sidecar = result_file(path)
    if project.result is not None:
        raw = json.dumps(project.result, ensure_ascii=False, sort_keys=True, indent=1)
        write_text_atomic(sidecar, raw)
        project.result_sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    else:
        project.result_sha256 = ""
        sidecar.unlink(missing_ok=True)
    text = "# Store Camera Privacy Auditor audit project: paths and hashes only, never images.\n"
    text += yaml.safe_dump(project.to_dict(), allow_unicode=True, sort_keys=False)
    write_text_atomic(path, text)


def waivers_yaml(waivers: list[WaiverEntry]) -> str:
    """The waivers of a project in the waiver-file format the rule engine reads."""
    return yaml.safe_dump({"waivers": [asdict(w) for w in waivers]}, allow_unicode=True, sort_keys=False)
