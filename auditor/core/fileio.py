"""Files in and out: the one atomic writer, the one file hasher, and the checks on input and output paths.

Every file the tool writes goes through `atomic_writer` (one temporary file beside the target, fsync, the
target's permissions, rename) or, for a run that writes several outputs, through an `OutputSet` that writes
every temporary file first and renames them together at the end. Output paths are checked before any work
starts (`check_output`): `-` is standard output; an existing character device or pipe is written in place
(never replaced); a folder, a dangling symlink, an empty path or a path equal to one of the run's inputs is
refused. Every input (configs, waivers, answers, rule files, projects) must be a regular file
(`require_regular_file`), checked with os.stat before opening, so that a FIFO never blocks the reader.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar
from collections.abc import Callable, Iterable, Iterator

from auditor.core.errors import InputError, Problem

_T = TypeVar("_T")

CHUNK = 1 << 20
STDOUT = "-"


# --- hashing ------------------------------------------------------------------------------------------------

def sha256_bytes(data: bytes) -> str:
    """SHA-256 of bytes already read (e.g. the bytes a config was parsed from)."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path, *, chunk: int = CHUNK) -> str:
    """SHA-256 of a file, read in chunks (footage can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# --- inputs -------------------------------------------------------------------------------------------------

def inside(path: str | Path, folder: str | Path) -> bool:
    """Whether `path` lies below `folder` once both are resolved (symbolic links and `..` followed)."""
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def require_regular_file(path: str | Path, *, what: str = "file") -> os.stat_result:
    """os.stat `path` (following symlinks) and raise InputError unless it is a regular file.

    Called before opening, so that a FIFO or a device is refused instead of blocking or reading forever.
    """
    file = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError([Problem(file, f"the {what} is a symbolic link to a file that does not exist")]) from None
        raise InputError([Problem(file, "no such file")]) from None
    except PermissionError:
        raise InputError([Problem(file, "permission denied")]) from None
    except OSError as exc:
        raise InputError([Problem(file, f"cannot read the {what}: {exc.strerror or exc}")]) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError([Problem(file, f"the {what} is {_kind_of(st.st_mode)}, not a regular file",
                                  expected="a regular file")])
    return st


# --- outputs: where they go ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class OutputTarget:
    """A checked output path: `kind` is "file" (atomic replace), "stream" (device/pipe, written in place) or
    "stdout" (`-`). `path` is what the user wrote (for messages); `real` is where a file is written."""

    option: str
    path: str
    kind: str
    real: Path | None = None

    @property
    def shown(self) -> str:
        return "standard output" if self.kind == "stdout" else self.path


def _identity(path: Path) -> tuple[str, tuple[int, int] | None]:
    try:
        st = os.stat(path)
        ino: tuple[int, int] | None = (st.st_dev, st.st_ino)
    except OSError:
        ino = None
    return os.path.realpath(path), ino


def check_output(value: str | Path | None, option: str, *, inputs: Iterable[str | Path] = (),
                 allow_stdout: bool = True) -> OutputTarget:
    """Check one output path before any work starts; raise InputError (exit 2) with the reason.

    Args:
        option: the option that named it (e.g. "--json"), for messages.
        inputs: the run's input files; an output equal to one of them (same resolved path or inode) is refused.
        allow_stdout: whether `-` (standard output) is accepted for this output.
    """
    text = "" if value is None else str(value)
    if text == "":
        raise InputError([Problem(option, "the output path is empty", expected="a file name, or - for standard output"
                                  if allow_stdout else "a file name")])
    if text == STDOUT:
        if not allow_stdout:
            raise InputError([Problem(option, "this output cannot go to standard output", expected="a file name")])
        return OutputTarget(option, text, "stdout")
    path = Path(text)
    where = f"{option} {text}"
    if path.is_symlink() and not path.exists():
        raise InputError([Problem(where, "cannot write the output: it is a symbolic link to a path that does not exist; refusing to write "
                                         "through it")])
    real, ino = _identity(path)
    for item in inputs:
        other_real, other_ino = _identity(Path(item))
        if real == other_real or (ino is not None and ino == other_ino):
            raise InputError([Problem(where, f"cannot write the output: it is the same file as the input {item}", expected="another output path")])
    if path.exists():
        mode = os.stat(path).st_mode
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            if not os.access(path, os.W_OK):
                raise InputError([Problem(where, "cannot write the output: it is not writable")])
            return OutputTarget(option, text, "stream")
        if not stat.S_ISREG(mode):
            raise InputError([Problem(where, f"cannot write the output: it is {_kind_of(mode)}", expected="a file name")])
        folder = Path(real).parent
    else:
        folder = Path(real).parent
        if not folder.is_dir():
            raise InputError([Problem(where, f"cannot write the output: the folder {folder} does not exist")])
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError([Problem(where, f"cannot write the output: the folder {folder} is not writable")])
    return OutputTarget(option, text, "file", Path(real))


def check_outputs(values: dict[str, str | Path | None], *, inputs: Iterable[str | Path] = (),
                  allow_stdout: Iterable[str] = ()) -> list[OutputTarget]:
    """check_output for each option given (None = not asked); also refuse two outputs on one path, or two on -.

    Every problem found is reported at once.
    """
    inputs = list(inputs)
    allowed = set(allow_stdout)
    targets: list[OutputTarget] = []
    problems: list[Problem] = []
    for option, value in values.items():
        if value is None:
            continue
        try:
            targets.append(check_output(value, option, inputs=inputs, allow_stdout=option in allowed))
        except InputError as exc:
            problems += exc.problems
    seen: dict[Any, str] = {}
    for t in targets:
        key = "stdout" if t.kind == "stdout" else _identity(Path(t.path))[0]
        if key in seen:
            problems.append(Problem(f"{t.option} {t.path}", f"is also the path given to {seen[key]}",
                                    expected="one path per output"))
        seen[key] = t.option
    if problems:
        raise InputError(problems)
    return targets


# --- outputs: writing ---------------------------------------------------------------------------------------

def _new_file_mode(existing: Path) -> int:
    """The permissions of the file being replaced, else the usual 0666 minus the umask."""
    try:
        return stat.S_IMODE(os.stat(existing).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def temp_beside(target: Path) -> Path:
    """A new empty temporary file in the target's folder, with a short name (a 250-byte target name is legal,
    a temporary name built from it would not be)."""
    suffix = target.suffix if 0 < len(target.suffix) <= 8 else ".tmp"     # writers choose a format by extension
    fd, name = tempfile.mkstemp(prefix=".auditor-", suffix=suffix, dir=target.parent)
    os.close(fd)
    return Path(name)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def finish_temp(tmp: Path, target: Path) -> None:
    """fsync the written temp file and give it the target's permissions (mkstemp makes 0600)."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, _new_file_mode(target))


def render_replace(target: Path, render: Callable[[Path], _T], *,
                   before_commit: Callable[[], None] | None = None) -> tuple[_T, bytes]:
    """Have `render` write a file at a temporary path beside `target`, then (after `before_commit`, e.g. a last
    cancel check) fsync it and rename it over `target`; returns render's value and the bytes committed. On any
    exception, Ctrl-C included, the temp file is removed and `target` is left as it was."""
    tmp = temp_beside(target)
    try:
        value = render(tmp)
        if before_commit is not None:
            before_commit()
        data = tmp.read_bytes()
        finish_temp(tmp, target)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return value, data


def _open_text(path: Path | int, mode: str) -> IO[Any]:
    if "b" in mode:
        return open(path, mode)
    return open(path, mode, encoding="utf-8", newline="\n")


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write `path` through a temporary file beside it, renamed over it only when the block succeeds.

    A failure or Ctrl-C leaves no temporary file and the previous version intact. An existing character device
    or pipe (e.g. /dev/stdout) is written in place instead of being replaced; `-` writes to standard output.
    """
    if "w" not in mode:
        raise ValueError("atomic_writer writes new content: use mode 'w' or 'wb'")
    text = str(path)
    if text == STDOUT:
        yield _stdout(mode)
        return
    target = Path(os.path.realpath(path))
    if target.exists():
        st_mode = os.stat(target).st_mode
        if stat.S_ISCHR(st_mode) or stat.S_ISFIFO(st_mode):
            with _open_text(target, mode) as fh:
                yield fh
            return
    tmp = temp_beside(target)
    try:
        with _open_text(tmp, mode) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _stdout(mode: str) -> IO[Any]:
    sys.stdout.flush()
    return sys.stdout.buffer if "b" in mode else sys.stdout


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write text (UTF-8) to `path` atomically."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write bytes to `path` atomically."""
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C arrived while the outputs were being renamed into place: they were all written."""

    def __init__(self, written: list[str]) -> None:
        super().__init__("interrupted after the outputs were written")
        self.written = written


@dataclass
class OutputSet:
    """The outputs of one run, committed together: each writer writes its staging path, then `commit` renames
    them all (regular files) or copies them in (streams, standard output). On any failure or Ctrl-C before the
    commit, `discard` removes every staged file and no output is touched.

        with OutputSet(targets) as outputs:
            write_json(result, outputs.stage(json_target))
            write_pdf(result, outputs.stage(pdf_target))
            outputs.commit()
    """

    staged: list[tuple[OutputTarget, Path]] = field(default_factory=list)
    _scratch: Path | None = None

    def stage(self, target: OutputTarget) -> Path:
        """The path the writer must write for `target` (a temp file beside it, or in a private scratch folder
        for a stream: outputs hold redacted frames at most, and the scratch folder is removed at the end)."""
        if target.kind == "file":
            assert target.real is not None
            tmp = temp_beside(target.real)
        else:
            if self._scratch is None:
                self._scratch = Path(tempfile.mkdtemp(prefix="auditor-out-"))
            tmp = self._scratch / f"{len(self.staged)}{Path(target.path).suffix or '.out'}"
        self.staged.append((target, tmp))
        return tmp

    def commit(self) -> list[str]:
        """Rename or copy every staged file into place; Ctrl-C is held back until all are in place."""
        written: list[str] = []
        interrupted = False
        previous = None
        main_thread = threading.current_thread() is threading.main_thread()
        if main_thread:
            def hold(signum: int, frame: Any) -> None:
                nonlocal interrupted
                interrupted = True
            previous = signal.signal(signal.SIGINT, hold)
        try:
            for target, tmp in self.staged:             # permissions and fsync first: nothing visible yet
                if target.kind == "file":
                    assert target.real is not None
                    finish_temp(tmp, target.real)
            for target, tmp in self.staged:
                if target.kind == "file":
                    assert target.real is not None
                    os.replace(tmp, target.real)
                elif target.kind == "stream":
                    with open(target.path, "wb") as out, open(tmp, "rb") as src:
                        shutil.copyfileobj(src, out, CHUNK)
                else:
                    sys.stdout.flush()
                    with open(tmp, "rb") as src:
                        shutil.copyfileobj(src, sys.stdout.buffer, CHUNK)
                    sys.stdout.buffer.flush()
                written.append(target.shown)
            for folder in {t.real.parent for t, _ in self.staged if t.real is not None}:
                _fsync_folder(folder)
        finally:
            self.discard()
            if main_thread:
                signal.signal(signal.SIGINT, previous)
        if interrupted:
            raise InterruptedAfterCommit(written)
        return written

    def discard(self) -> None:
        """Remove every staged file that is still there (a committed one has been renamed away)."""
        for _, tmp in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.discard()
