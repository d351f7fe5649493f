"""Audit projects: a small YAML file that remembers an audit's inputs (paths and hashes, never pixels).

The GUI opens and saves these; the format is plain data with a schema_version so that a later version of
the tool can read older projects.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor.core.errors import InputError, Problem, describe_value
from auditor.core.fileio import (  # noqa: F401  (write_bytes_atomic: the GUI writes the previewed PDF)
    inside, require_regular_file, sha256_bytes, sha256_file, write_bytes_atomic, write_text_atomic)
from auditor.core.yamlsafe import Document, format_path, read_document

PROJECT_SCHEMA_VERSION = 1
PROJECT_SUFFIX = ".auditproj.yaml"


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
    answers: list[dict[str, Any]] = field(default_factory=list)   # assessor answers, as in an answers file
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
    def from_dict(cls, data: dict[str, Any], file: str, doc: Document | None = None) -> AuditProject:
        """Build a project from parsed YAML; raise InputError (file:line:column when `doc` gives positions) for
        an unknown key, a wrong field type (a hand-edited project must not crash the window) or an unsupported
        format version."""
        problems = _type_problems(data, file, doc)
        if problems:
            raise InputError(problems)
        version = data.get("schema_version", PROJECT_SCHEMA_VERSION)
        if version != PROJECT_SCHEMA_VERSION:
            raise InputError([Problem(file, f"audit project format {version} is not supported",
                                      *_where(doc, ("schema_version",)), expected=str(PROJECT_SCHEMA_VERSION))])
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


# The fields of each list of records in a project file: name -> required?; all are text except `params`.
_RECORDS: dict[str, dict[str, bool]] = {
    "footage": {"camera": True, "path": True, "sha256": False},
    "waivers": {"rule_id": True, "subject": True, "justification": True, "approver": True, "expires": True},
    "audit_log": {"time": True, "action": True, "detail": False, "params": False},
}
_SCALARS: dict[str, type] = {"schema_version": int, "config": str, "config_sha256": str, "assessor": str,
                             "lang": str, "result_sha256": str}


def _where(doc: Document | None, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    return doc.locate(path) if doc is not None else (None, None)


def _type_problems(data: dict[str, Any], file: str, doc: Document | None) -> list[Problem]:
    """Every key, type and record problem of a project document."""
    problems: list[Problem] = []

    def bad(path: tuple[str | int, ...], message: str, expected: str = "", found: Any = None) -> None:
        problems.append(Problem(file, f"malformed audit project: {message}", *_where(doc, path), format_path(path),
                                expected=expected,
                                found="" if found is None else describe_value(found)))

    def is_text_map(value: Any) -> bool:
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())

    known = set(_SCALARS) | set(_RECORDS) | {"last_results", "answers"}
    for key in sorted(set(data) - known):
        bad((key,), "unknown key in the audit project", expected=", ".join(sorted(known)))
    for key, kind in _SCALARS.items():
        value = data.get(key)
        if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
            bad((key,), "wrong type", expected="a whole number" if kind is int else "text", found=value)
    answers = data.get("answers")        # each answer's fields are checked by auditor.core.answers when used
    if answers is not None and not (isinstance(answers, list) and all(isinstance(a, dict) for a in answers)):
        bad(("answers",), "wrong type", expected="a list of answers (mappings)", found=answers)
    if data.get("last_results") is not None and not is_text_map(data["last_results"]):
        bad(("last_results",), "wrong type", expected="a mapping of output kind to path", found=data["last_results"])
    for key, fields in _RECORDS.items():
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            bad((key,), "wrong type", expected="a list", found=items)
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                bad((key, i), "wrong type", expected=f"a mapping with {', '.join(fields)}", found=item)
                continue
            for name in sorted(set(item) - set(fields)):
                bad((key, i, name), "unknown key", expected=", ".join(fields))
            for name, required in fields.items():
                if name not in item:
                    if required:
                        bad((key, i), f"missing {name!r}")
                elif name == "params" and not is_text_map(item[name]):
                    bad((key, i, name), "wrong type", expected="a mapping of text", found=item[name])
                elif name != "params" and not isinstance(item[name], str):
                    bad((key, i, name), "wrong type", expected="text", found=item[name])
    return problems


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
            require_regular_file(path)            # a FIFO or a device must not block the hash
        except InputError as exc:
            changes.append((stored, exc.problems[0].message if os.path.lexists(path) else "missing"))
            continue
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


def verify_inputs(project: AuditProject, project_file: Path) -> list[Problem]:
    """changed_inputs as problems of the project file, plus a relative path leading outside the project's folder
    (refused: a project moved or edited by someone else must not reach other files silently)."""
    problems: list[Problem] = []
    file = str(project_file)
    stored_paths = ([project.config] if project.config else []) + [f.path for f in project.footage]
    for stored in stored_paths:
        if not Path(stored).is_absolute() and not inside(project.resolve(stored, project_file), project_file.parent):
            problems.append(Problem(file, f"the relative path {stored} leads outside the project's folder; refused "
                                          "(add the file again to record it)"))
    for stored, what in changed_inputs(project, project_file):
        path = project.resolve(stored, project_file)
        if any(stored in p.message for p in problems):
            continue
        if what == "changed":
            link = f" (it is now a symbolic link to {os.path.realpath(path)})" if path.is_symlink() else ""
            what = f"changed since it was recorded{link}: its SHA-256 no longer matches the recorded one"
        elif what == "missing":
            what = "no such file"
        problems.append(Problem(file, f"{stored}: {what}"))
    return problems


def load_project(path: Path) -> AuditProject:
    doc = read_document(path, what="audit project")
    if not isinstance(doc.data, dict):
        raise InputError([Problem(str(path), "an audit project must be a mapping", *doc.locate(()),
                                  found=describe_value(doc.data))])
    project = AuditProject.from_dict(doc.data, str(path), doc)
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
    if sha256_bytes(raw) != project.result_sha256:
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


def save_project(project: AuditProject, path: Path) -> None:
    """Write the project (and its last audit in the sidecar result file, whose SHA-256 the project records)."""
    sidecar = result_file(path)
    if project.result is not None:
        raw = json.dumps(project.result, ensure_ascii=False, sort_keys=True, indent=1)
        write_text_atomic(sidecar, raw)
        project.result_sha256 = sha256_bytes(raw.encode("utf-8"))
    else:
        project.result_sha256 = ""
        sidecar.unlink(missing_ok=True)
    text = "# Store Camera Privacy Auditor audit project: paths and hashes only, never images.\n"
    text += yaml.safe_dump(project.to_dict(), allow_unicode=True, sort_keys=False)
    write_text_atomic(path, text)


def waivers_yaml(waivers: list[WaiverEntry]) -> str:
    """The waivers of a project in the waiver-file format the rule engine reads."""
    return yaml.safe_dump({"waivers": [asdict(w) for w in waivers]}, allow_unicode=True, sort_keys=False)
