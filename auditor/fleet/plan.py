"""What a fleet audit will do: the stores found (folder or manifest), their footage cut into chunks, cache keys."""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.core import yamlsafe
from auditor.core.errors import InputError, Problem, describe_value

DEFAULT_CHUNK_S = 600.0          # ten minutes of footage per task: long enough to amortise calibration
MANIFEST_FIELDS = ("stores",)
STORE_FIELDS = ("config", "id", "footage", "waivers")
_ID_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class StoreSpec:
    """One store of the fleet: its deployment config and what the manifest adds to it."""

    id: str
    config: Path
    footage: dict[str, list[Path]] = field(default_factory=dict)   # explicit files per camera (manifest)
    waivers: Path | None = None


@dataclass
class Chunk:
    """One footage task: the window [start_s, end_s) of one file of one camera of one store."""

    store: str
    camera: str
    path: str
    start_s: float
    end_s: float | None            # None: to the end of the file (stills, unknown duration)
    file_sha256: str
    key: str = ""

    @property
    def seconds(self) -> float:
        return 0.0 if self.end_s is None else self.end_s - self.start_s


@dataclass
class FleetPlan:
    """Everything a fleet run needs before it submits a task."""

    stores: list[StoreSpec]
    skipped: list[dict[str, str]] = field(default_factory=list)     # YAML files that are not deployments


def safe_id(text: str) -> str:
    """A store id usable as a folder name (no separators, no leading dot)."""
    return _ID_SAFE.sub("-", text).strip("-.") or "store"


def _looks_like_deployment(data: Any) -> bool:
    return isinstance(data, dict) and ("store" in data or "cameras" in data) and "stores" not in data


def discover(target: Path, *, exclude: list[Path] | None = None) -> FleetPlan:
    """The stores of a folder (every deployment YAML below it) or of a manifest file.

    A YAML file in the folder that parses but is no deployment (a waivers file, a project file) is skipped
    and listed; one that does not parse is kept as a store, so that its error shows in the roll-up.
    Raises InputError for a missing target or a bad manifest.
    """
    if not target.exists():
        raise InputError([Problem(str(target), "no such file or folder", expected="a folder of deployment "
                                  "YAML files or a fleet manifest (YAML with a `stores:` list)")])
    if target.is_dir():
        return _discover_folder(target, exclude or [])
    doc = yamlsafe.read_document(target)
    if _looks_like_deployment(doc.data):
        return FleetPlan([StoreSpec(safe_id(target.stem), target)])
    return _read_manifest(doc)


def _discover_folder(folder: Path, exclude: list[Path]) -> FleetPlan:
    stores: list[StoreSpec] = []
    skipped: list[dict[str, str]] = []
    excluded = [e.resolve() for e in exclude]
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".yaml", ".yml")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        if any(path.resolve().is_relative_to(e) for e in excluded):
            continue
        try:
            data = yamlsafe.read_document(path).data
        except InputError:
            data = {"store": None}          # unreadable: audit it anyway, the roll-up reports why
        if _looks_like_deployment(data):
            stores.append(StoreSpec(safe_id(rel.with_suffix("").as_posix().replace("/", "__")), path))
        else:
            skipped.append({"path": rel.as_posix(), "reason": "not a deployment (no `store` or `cameras` key)"})
    return FleetPlan(_unique_ids(stores), skipped)


def _unique_ids(stores: list[StoreSpec]) -> list[StoreSpec]:
    seen: dict[str, int] = {}
    for s in stores:
        n = seen.get(s.id, 0)
        seen[s.id] = n + 1
        if n:
            s.id = f"{s.id}-{n + 1}"
    return stores


def _read_manifest(doc: Any) -> FleetPlan:
    """A manifest: `stores: [{config: PATH, id: NAME, footage: {CAM: [PATH, ...]}, waivers: PATH}, ...]`.

    Paths are relative to the manifest's folder. Every problem is reported with file:line:column.
    """
    problems: list[Problem] = []
    base = Path(doc.file).parent

    def add(path: tuple, message: str, *, key: bool = False, **kw: str) -> None:
        line, col = doc.locate(path, key=key)
        problems.append(Problem(doc.file, message, line, col, yamlsafe.format_path(path), **kw))

    data = doc.data
    if not isinstance(data, dict) or "stores" not in data:
        add((), "a fleet manifest must be a mapping with a `stores:` list (or give a folder of deployments)",
            found=describe_value(data))
        raise InputError(problems)
    for key in data:
        if key not in MANIFEST_FIELDS:
            add((key,), f"unknown field {key!r}", key=True, expected="stores")
    entries = data["stores"]
    if not isinstance(entries, list) or not entries:
        add(("stores",), "must be a non-empty list of stores", found=describe_value(entries))
        raise InputError(problems)
    stores: list[StoreSpec] = []
    ids: set[str] = set()
    for i, entry in enumerate(entries):
        p = ("stores", i)
        if isinstance(entry, str):
            entry = {"config": entry}
        if not isinstance(entry, dict):
            add(p, "must be a config path or a mapping {config, id, footage, waivers}", found=describe_value(entry))
            continue
        for key in entry:
            if key not in STORE_FIELDS:
                add(p + (key,), f"unknown field {key!r}", key=True, expected=", ".join(STORE_FIELDS))
        config = entry.get("config")
        if not isinstance(config, str) or not config.strip():
            add(p + ("config",) if "config" in entry else p, "the deployment config path is missing",
                expected="config: PATH")
            continue
        sid = entry.get("id", Path(config).stem)
        if not isinstance(sid, str) or not sid.strip():
            add(p + ("id",), "must be a non-empty text", found=describe_value(sid))
            continue
        sid = safe_id(sid)
        if sid in ids:
            add(p + ("id",), f"duplicate store id {sid!r}")
            continue
        ids.add(sid)
        footage: dict[str, list[Path]] = {}
        raw = entry.get("footage", {})
        if not isinstance(raw, dict):
            add(p + ("footage",), "must map camera ids to lists of files", found=describe_value(raw))
        else:
            for cam, files in raw.items():
                files = [files] if isinstance(files, str) else files
                if not isinstance(files, list) or not all(isinstance(f, str) and f.strip() for f in files):
                    add(p + ("footage", cam), "must be a file path or a list of file paths",
                        found=describe_value(files))
                    continue
                footage[str(cam)] = [base / f for f in files]
        waivers = entry.get("waivers")
        if waivers is not None and (not isinstance(waivers, str) or not waivers.strip()):
            add(p + ("waivers",), "must be a file path", found=describe_value(waivers))
            waivers = None
        stores.append(StoreSpec(sid, base / config, footage, base / waivers if waivers else None))
    if problems:
        raise InputError(problems)
    return FleetPlan(stores)


def chunk_windows(duration_s: float | None, chunk_s: float) -> list[tuple[float, float | None]]:
    """The windows a file of this duration is cut into (one window when the duration is unknown)."""
    if not duration_s or duration_s <= chunk_s or chunk_s <= 0:
        return [(0.0, None)]
    n = math.ceil(duration_s / chunk_s - 1e-9)
    return [(round(i * chunk_s, 3), None if i == n - 1 else round((i + 1) * chunk_s, 3)) for i in range(n)]


def digest(value: Any) -> str:
    """SHA-256 of a JSON-ready value in canonical form: the cache key of everything a result depends on."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
                          .encode("utf-8")).hexdigest()


def chunk_key(chunk: Chunk, *, sample_fps: float | None, models: str) -> str:
    return digest({"kind": "chunk", "tool": __version__, "models": models, "file": chunk.file_sha256,
                   "window": [chunk.start_s, chunk.end_s], "sample_fps": sample_fps})
