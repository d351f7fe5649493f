"""A hardened YAML reader: plain data only, with the file position of every key and value.

It refuses what a deployment file never needs and an attacker could use: files over a size limit,
binary content, encodings other than UTF-8, duplicate keys, custom tags (no Python objects are ever
built), alias expansion beyond a budget ("billion laughs") and deep nesting.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from auditor.core.errors import InputError, Problem, describe_value
from auditor.core.fileio import require_regular_file, sha256_bytes

MAX_BYTES = 1024 * 1024          # a deployment of thousands of cameras fits in far less
MAX_DEPTH = 40                   # the deepest real structure is about 6 levels
MAX_NODES = 200_000              # values produced after alias expansion

KeyPath = tuple[str | int, ...]

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map",
}


@dataclass
class Document:
    """Parsed YAML data plus where each key path starts in the file (1-based line, column)."""

    data: Any
    file: str
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    sha256: str = ""             # of the bytes parsed (read_document), so the hash is of what was read

    def locate(self, path: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """Position of the value at `path` (or of its key), else of the closest parent that has one."""
        table = self.key_positions if key else self.positions
        if path in table:
            return table[path]
        for n in range(len(path) - 1, -1, -1):
            if path[:n] in self.positions:
                return self.positions[path[:n]]
        return None, None


def list_section(doc: Document, key: str, hint: str) -> tuple[Any, KeyPath]:
    """The list a small YAML file gives either alone or as `{schema_version: 1, <key>: [...]}` (waivers, answers
    files); returns the list's data and its key path. A mapping with another key, another schema version or no
    `<key>` is an InputError at its line and column; `hint` describes an item for the messages."""
    data = doc.data
    if not isinstance(data, dict):
        return data, ()
    extra = [k for k in data if k not in ("schema_version", key)]
    if extra:
        line, col = doc.locate((extra[0],), key=True)
        raise InputError([Problem(doc.file, f"unknown key {extra[0]!r}", line, col, expected=f"schema_version, {key}")])
    if data.get("schema_version", 1) != 1:
        line, col = doc.locate(("schema_version",))
        raise InputError([Problem(doc.file, "unsupported schema_version", line, col, expected="1",
                                  found=describe_value(data.get("schema_version")))])
    if key not in data:
        raise InputError([Problem(doc.file, f"required key {key!r} is missing", 1, 1,
                                  expected=f"{key}: a list of {hint}")])
    return data[key], (key,)


def format_path(path: KeyPath) -> str:
    """('cameras', 2, 'retention_days') -> 'cameras[2].retention_days'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return repr(node.value)[:60]


class _Builder:
    """Turns a composed node graph into plain Python values, recording positions and enforcing limits."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.nodes = 0
        self.doc = Document(data=None, file=file)
        self._scalars = SafeConstructor()

    def fail(self, node: Node, message: str, path: KeyPath = (), **kw: str) -> None:
        line, col = _pos(node)
        raise InputError([Problem(self.file, message, line, col, format_path(path), **kw)])

    def build(self, node: Node, path: KeyPath, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(node, f"the document expands to more than {MAX_NODES:,} values "
                            "(YAML aliases used as an expansion bomb?)", path)
        if depth > MAX_DEPTH:
            self.fail(node, f"the document is nested more than {MAX_DEPTH} levels deep", path)
        if node.tag not in _ALLOWED_TAGS:
            self.fail(node, f"YAML tag {node.tag!r} is not allowed; only plain data is accepted", path)
        self.doc.positions.setdefault(path, _pos(node))
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.fail(key_node, "YAML merge keys ('<<') are not supported; write the keys out", path)
                if not isinstance(key_node, ScalarNode) or key_node.tag not in (
                        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"):
                    self.fail(key_node, "mapping keys must be plain strings", path,
                              found=_describe(key_node))
                key = str(key_node.value)
                if key in out:
                    first = self.doc.key_positions.get(path + (key,))
                    where = f" (first at line {first[0]})" if first else ""
                    self.fail(key_node, f"duplicate key {key!r}{where}", path + (key,))
                self.doc.key_positions[path + (key,)] = _pos(key_node)
                out[key] = self.build(value_node, path + (key,), depth + 1)
            return out
        if isinstance(node, SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if (isinstance(node, ScalarNode) and not node.style and ":" in node.value
                and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")):
            # YAML 1.1 reads unquoted 1:1 or 09:30 as base-60 numbers (61, 570); YAML 1.2 and every reader of
            # these files mean the text.
            return node.value
        try:
            value = self._scalars.construct_object(node, deep=False)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            self.fail(node, f"invalid value: {exc}", path)
        if isinstance(value, dt.datetime):
            value = value.isoformat()
        return value


def _decode(raw: bytes, file: str) -> str:
    if b"\x00" in raw:
        raise InputError([Problem(file, "this is a binary file, not a YAML text file")])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError([Problem(file, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                                        "save it as UTF-8", line, col)]) from None


def _compose_fast(text: str, file: str) -> Document | None:
    """Compose with libyaml (about 50x faster on rule packs) when it is there; None on any error, so that the
    pure-Python reader re-reads the file and gives the exact same messages and positions."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    try:
        loader = yaml.CSafeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:
            return None
        builder = _Builder(file)
        builder.doc.data = builder.build(node, (), 0)
        return builder.doc
    except (yaml.YAMLError, InputError, RecursionError):
        return None


def parse_text(text: str, file: str) -> Document:
    """Parse YAML text into a Document; raise InputError with file:line:column on any problem."""
    fast = _compose_fast(text, file)
    if fast is not None:
        return fast
    builder = _Builder(file)
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        message = exc.problem or str(exc)
        if exc.context:
            message = f"{exc.context}: {message}"
        raise InputError([Problem(file, f"YAML syntax error: {message}", line, col)]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(file, f"the document is nested too deeply (more than {MAX_DEPTH} levels)")]) from None
    if node is None:
        raise InputError([Problem(file, "the file is empty", expected="a mapping of deployment sections")])
    try:
        builder.doc.data = builder.build(node, (), 0)
    except RecursionError:
        raise InputError([Problem(file, f"the document is nested too deeply (more than {MAX_DEPTH} levels)")]) from None
    return builder.doc


def read_document(path: Path, *, max_bytes: int = MAX_BYTES, what: str = "file") -> Document:
    """Read and parse a YAML file with all the limits above; it must be a regular file (checked before opening,
    so a FIFO or a device never blocks the reader)."""
    file = str(path)
    size = require_regular_file(path, what=what).st_size
    if size > max_bytes:
        raise InputError([Problem(file, f"the file is {size:,} bytes; the limit is {max_bytes:,}")])
    try:
        with open(path, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):      # replaced between the check and the open
                raise InputError([Problem(file, "the file changed while it was being opened; not a regular file")])
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError([Problem(file, "no such file")]) from None
    except PermissionError:
        raise InputError([Problem(file, "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(file, f"cannot read the file: {exc.strerror or exc}")]) from None
    if len(raw) > max_bytes:
        raise InputError([Problem(file, f"the file is larger than the {max_bytes:,}-byte limit")])
    doc = parse_text(_decode(raw, file), file)
    doc.sha256 = sha256_bytes(raw)
    return doc
