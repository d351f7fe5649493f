"""auditor.core.fileio: the one atomic writer, the output set, output-path checks and the input check."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from auditor.core import fileio
from auditor.core.errors import InputError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".auditor-"))


def test_atomic_writer_replaces_a_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    with fileio.atomic_writer(target) as fh:
        fh.write("new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_umask_permissions_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        with fileio.atomic_writer(tmp_path / "new.json") as fh:
            fh.write("x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_a_failure_inside_the_block_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), fileio.atomic_writer(target) as fh:
        fh.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_enospc_leaves_nothing_half_written(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    target.write_text("old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(fileio.os, "fsync", full)
    with pytest.raises(OSError) as info, fileio.atomic_writer(target) as fh:
        fh.write("new" * 1000)
    assert info.value.errno == errno.ENOSPC
    assert target.read_text() == "old" and leftovers(tmp_path) == []


def test_a_250_byte_file_name_works(tmp_path):
    target = tmp_path / ("r" * 245 + ".json")
    with fileio.atomic_writer(target) as fh:
        fh.write("{}")
    assert target.read_text() == "{}"
    targets = fileio.check_outputs({"--json": str(target)})
    with fileio.OutputSet() as outputs:
        outputs.stage(targets[0]).write_text("[]")
        outputs.commit()
    assert target.read_text() == "[]"


def test_a_symlink_to_a_regular_file_is_written_through_and_stays_a_symlink(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with fileio.atomic_writer(link) as fh:
        fh.write("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_fifo_is_written_in_place_never_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    target = fileio.check_output(str(fifo), "--json")
    assert target.kind == "stream"
    with fileio.OutputSet() as outputs:
        outputs.stage(target).write_text('{"ok": true}')
        outputs.commit()
    reader.join(timeout=10)
    assert got == [b'{"ok": true}'] and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_character_device_is_a_stream_target(monkeypatch):
    assert fileio.check_output("/dev/null", "--json").kind == "stream"


def test_dash_is_standard_output(capsysbinary):
    target = fileio.check_output("-", "--json")
    with fileio.OutputSet() as outputs:
        outputs.stage(target).write_text('{"a": 1}\n')
        assert outputs.commit() == ["standard output"]
    assert json.loads(capsysbinary.readouterr().out) == {"a": 1}


@pytest.mark.parametrize("make, message", [
    (lambda tmp: "", "the output path is empty"),
    (lambda tmp: str(tmp), "it is a folder"),
    (lambda tmp: str(tmp / "missing" / "r.json"), "does not exist"),
    (lambda tmp: (tmp / "dangling").symlink_to(tmp / "nowhere") or str(tmp / "dangling"), "symbolic link"),
    (lambda tmp: str(tmp / "input.yaml"), "same file as the input"),
    (lambda tmp: (tmp / "hard.yaml").hardlink_to(tmp / "input.yaml") or str(tmp / "hard.yaml"),
     "same file as the input"),
])
def test_bad_output_paths_are_refused(tmp_path, make, message):
    (tmp_path / "input.yaml").write_text("store: {}\n")
    with pytest.raises(InputError) as info:
        fileio.check_output(make(tmp_path), "--json", inputs=[tmp_path / "input.yaml"])
    assert message in info.value.format()


def test_two_outputs_on_one_path_are_refused(tmp_path):
    with pytest.raises(InputError, match="also the path given to --json"):
        fileio.check_outputs({"--json": str(tmp_path / "a"), "--sarif": str(tmp_path / "a")})


def test_a_read_only_folder_is_refused_before_any_work(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    if os.geteuid() == 0:                      # root may write anyway: make access() answer as for a user
        real_access = os.access
        monkeypatch.setattr(fileio.os, "access", lambda p, m: False if Path(p) == folder else real_access(p, m))
    try:
        with pytest.raises(InputError, match="not writable"):
            fileio.check_output(str(folder / "r.json"), "--json")
    finally:
        folder.chmod(0o700)


def test_an_output_set_interrupted_before_commit_leaves_nothing(tmp_path):
    targets = fileio.check_outputs({"--json": str(tmp_path / "r.json"), "--sarif": str(tmp_path / "r.sarif")})
    with pytest.raises(KeyboardInterrupt), fileio.OutputSet() as outputs:
        outputs.stage(targets[0]).write_text("{}")
        outputs.stage(targets[1])
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_concurrent_writers_never_leave_a_half_written_file(tmp_path):
    target = tmp_path / "r.json"
    docs = [json.dumps({"writer": i, "pad": "x" * 200_000}) for i in range(6)]

    def write(text: str) -> None:
        for _ in range(5):
            with fileio.atomic_writer(target) as fh:
                fh.write(text)
    threads = [threading.Thread(target=write, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert target.read_text() in docs and leftovers(tmp_path) == []


@pytest.mark.parametrize("make, kind", [
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: os.mkfifo(p), "a named pipe"),
])
def test_inputs_must_be_regular_files(tmp_path, make, kind):
    path = tmp_path / "in.yaml"
    make(path)
    with pytest.raises(InputError, match=kind):
        fileio.require_regular_file(path, what="config")


def test_one_hasher(tmp_path):
    f = tmp_path / "f"
    f.write_bytes(b"abc" * 1_000_000)
    assert fileio.sha256_file(f, chunk=4096) == fileio.sha256_bytes(f.read_bytes())
