"""Rule packs on disk -> validated Pack objects: built-in packs (data package auditor_packs) and user folders.

A pack is a folder with a pack.yaml and one YAML file per rule, named after the rule id. User packs
(`--rules DIR`) are validated exactly like the built-in ones, and a pack with any problem stops the run:
it is never skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

from auditor.core.errors import InputError, Problem
from auditor.core.model import PackInfo, Text
from auditor.core.yamlsafe import read_document as read_yaml
from auditor.rules.cel import Expression
from auditor.rules.schema import PackHeader, Rule, validate_pack_header, validate_rule

BUILTIN_PACKAGE = "auditor_packs"
PACK_FILE = "pack.yaml"


@dataclass
class Pack:
    """A validated rule pack."""

    header: PackHeader
    rules: list[Rule]
    folder: Path
    sha256: str
    source: str = "builtin"                 # "builtin" or the folder a user pack came from
    files: list[Path] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.header.id

    @property
    def title(self) -> Text:
        return self.header.title

    @property
    def version(self) -> str:
        return self.header.version

    @property
    def checked(self) -> str:
        return self.header.checked

    @property
    def applies_when(self) -> Expression | None:
        return self.header.applies_when

    @property
    def activities_when(self) -> Expression | None:
        return self.header.activities_when

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None

    @property
    def info(self) -> PackInfo:
        return PackInfo(id=self.id, title=self.title, jurisdiction=self.header.jurisdiction,
                        version=self.version, checked=self.checked, sha256=self.sha256,
                        rule_count=len(self.rules), source=self.source)


def _display(path: Path) -> str:
    """A short, stable name for messages: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def is_pack_folder(folder: Path) -> bool:
    """A folder holding a pack.yaml (of any kind: a pack.yaml that is not a regular file is reported as such)."""
    return (folder / PACK_FILE).exists() or (folder / PACK_FILE).is_symlink()


_CACHE: dict[tuple, Pack] = {}


def _fingerprint(folder: Path, source: str) -> tuple | None:
    try:
        entries = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir() if p.is_file())
        return (str(folder.resolve()), source, str(Path.cwd()), tuple(entries))
    except OSError:
        return None


def load_pack(folder: str | Path, *, source: str = "builtin") -> Pack:
    """Load and validate one pack folder; raise InputError listing every problem in it.

    A pack whose files have not changed (names, sizes, modification times) is reused from memory, so
    repeated audits in one process (GUI, demo, tests) do not parse and compile it again.
    """
    folder = Path(folder)
    key = _fingerprint(folder, source) if folder.is_dir() else None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    pack = _load_pack(folder, source)
    if key is not None:
        _CACHE[key] = pack
    return pack


def _load_pack(folder: Path, source: str) -> Pack:
    problems: list[Problem] = []
    if not folder.is_dir():
        raise InputError([Problem(_display(folder), "no such rule-pack folder")])
    header_path = folder / PACK_FILE
    header = None
    if not header_path.exists() and not header_path.is_symlink():
        problems.append(Problem(_display(header_path), "the pack has no pack.yaml (id, title, jurisdiction, "
                                                       "version, checked, schema_version)"))
    else:
        try:
            header, header_problems = validate_pack_header(read_document_as(header_path))
            problems.extend(header_problems)
        except InputError as exc:
            problems.extend(exc.problems)
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.name != PACK_FILE)
    stray = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix not in (".yaml", ".yml")
                   and not p.name.startswith((".", "_")) and p.suffix not in (".md", ".txt", ".py", ".pyc"))
    for p in stray:
        problems.append(Problem(_display(p), "not a rule file: rule files end in .yaml"))
    pack_id = header.id if header else folder.name
    rules: list[Rule] = []
    first_file: dict[str, str] = {}
    for path in files:
        try:
            doc = read_document_as(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        rule, rule_problems = validate_rule(doc, pack_id)
        problems.extend(rule_problems)
        rid = doc.data.get("id") if isinstance(doc.data, dict) else None
        if isinstance(rid, str):
            line, col = doc.locate(("id",))
            if rid != path.stem:
                problems.append(Problem(doc.file, f"the rule id must equal the file name ({path.stem})", line, col,
                                        f"rule {rid}, id", expected=f"{path.stem}.yaml for id {rid}",
                                        found=path.name))
            if rid in first_file:
                problems.append(Problem(doc.file, f"duplicate rule id {rid!r} (also in {first_file[rid]})",
                                        line, col, f"rule {rid}, id"))
            else:
                first_file[rid] = doc.file
        if rule:
            rules.append(rule)
    if not files and header:
        problems.append(Problem(_display(folder), "the pack has no rule files"))
    ids = {r.id for r in rules}
    for rule in rules:
        if rule.replaced_by and rule.replaced_by not in ids:
            problems.append(Problem(rule.file, f"replaced_by names {rule.replaced_by!r}, which is not in pack "
                                               f"{pack_id}", rule.line, None, f"rule {rule.id}, replaced_by"))
    if header:
        for old, new in header.replaced.items():
            if new not in ids:
                problems.append(Problem(_display(header_path), f"replaced: {old} -> {new}, but {new} is not a "
                                                               f"rule of this pack", None, None, "replaced"))
            if old in ids:
                problems.append(Problem(_display(header_path), f"replaced: {old} is replaced but still a rule "
                                                               f"file of this pack", None, None, "replaced"))
    if problems:
        raise InputError(problems)
    digest = hashlib.sha256()
    for path in [header_path, *files]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    assert header is not None
    return Pack(header=header, rules=rules, folder=folder, sha256=digest.hexdigest(), source=source,
                files=[header_path, *files])


def read_document_as(path: Path) -> Any:
    """Read a YAML file with the registered hardened reader, naming it relative to the working folder."""
    doc = read_yaml(path)
    doc.file = _display(path)
    return doc


@contextlib.contextmanager
def builtin_root() -> Iterator[Path]:
    """The folder of the built-in packs (the installed data package auditor_packs)."""
    with importlib.resources.as_file(importlib.resources.files(BUILTIN_PACKAGE)) as root:
        yield Path(root)


def pack_folders(root: Path) -> list[Path]:
    """Pack folders in `root`: `root` itself if it holds a pack.yaml, else its sub-folders that look like packs.

    A sub-folder with neither a pack.yaml nor any YAML file is not a pack (e.g. one still being written).
    """
    if is_pack_folder(root):
        return [root]
    out = []
    for sub in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        if is_pack_folder(sub) or any(sub.glob("*.yaml")):
            out.append(sub)
    return out


def load_packs(extra_dirs: Iterable[str | Path] = (), *, builtin: bool = True) -> list[Pack]:
    """Load the built-in packs and the packs in `extra_dirs`; raise InputError with every problem of every pack."""
    packs: list[Pack] = []
    problems: list[Problem] = []
    folders: list[tuple[Path, str]] = []
    if builtin:
        with builtin_root() as root:
            folders += [(f, "builtin") for f in pack_folders(root)]
    for d in extra_dirs:
        path = Path(d)
        if not path.is_dir():
            problems.append(Problem(str(d), "no such rule-pack folder"))
            continue
        found = pack_folders(path)
        if not found:
            problems.append(Problem(str(d), "no rule pack here: expected a folder with a pack.yaml, or folders "
                                            "of packs"))
        folders += [(f, str(d)) for f in found]
    for folder, source in folders:
        try:
            packs.append(load_pack(folder, source=source))
        except InputError as exc:
            problems.extend(exc.problems)
    seen_packs: dict[str, Pack] = {}
    seen_rules: dict[str, Pack] = {}
    for pack in packs:
        if pack.id in seen_packs:
            problems.append(Problem(_display(pack.folder / PACK_FILE), f"pack id {pack.id!r} is also used by "
                                                                       f"{_display(seen_packs[pack.id].folder)}"))
        seen_packs[pack.id] = pack
        for rule in pack.rules:
            if rule.id in seen_rules and seen_rules[rule.id] is not pack:
                problems.append(Problem(rule.file, f"duplicate rule id {rule.id!r}: also in pack "
                                                   f"{seen_rules[rule.id].id}", rule.line, None, f"rule {rule.id}"))
            seen_rules[rule.id] = pack
    if problems:
        raise InputError(problems)
    return packs


def load_builtin_packs() -> list[Pack]:
    """The built-in packs only."""
    return load_packs(builtin=True)
