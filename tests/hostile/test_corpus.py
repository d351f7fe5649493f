"""Runs every case of the hostile-input corpus through the CLI in-process (see corpus.py for what is checked)."""

from __future__ import annotations

import hashlib
import os
import signal
import stat
from pathlib import Path

import pytest

from auditor.cli import main
from tests.hostile import corpus
from tests.hostile.corpus import CASES, Case, Env

try:                                       # the footage helper's cases, when they exist
    from tests.hostile import cases_footage  # noqa: F401
except ImportError:
    pass


class Hang(BaseException):
    """The command did not finish within its case's timeout (BaseException: no `except Exception` hides it)."""


def snapshot(folder: Path) -> dict[str, tuple]:
    """Identity and content of every entry: a replaced file has another inode, a changed one another hash."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = os.lstat(path)
        digest = ""
        if stat.S_ISREG(st.st_mode):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        out[str(path.relative_to(folder))] = (st.st_ino, stat.S_IFMT(st.st_mode), digest)
    return out


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert {c.area for c in CASES} >= {"config", "waivers", "pack", "project", "output", "terminal"}


@pytest.mark.parametrize("case", CASES, ids=[f"{c.area}:{c.id}" for c in CASES])
def test_case(case: Case, tmp_path: Path, monkeypatch, capsys, fake_footage):
    folder = tmp_path / "case"
    folder.mkdir()
    env = Env(monkeypatch)
    argv = case.build(folder, env)
    before = snapshot(folder)

    def hang(signum, frame):
        raise Hang(f"{case.id}: no answer within {case.timeout} s")
    previous = signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, case.timeout)
    try:
        code = main(argv)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        for thread in env.threads:
            thread.join(timeout=10)
    out, err = capsys.readouterr()
    shown = out + err
    assert code == case.exit, shown[-2000:]
    for text in case.says:
        assert text.format(tmp=folder) in shown, shown[-2000:]
    for text in case.never:
        assert text not in shown
    after = snapshot(folder)
    for name, identity in before.items():
        if name not in case.may_change:
            assert after.get(name) == identity, f"{name} was replaced or changed"
    assert not [n for n in after if Path(n).name.startswith(".auditor-")], "a temporary file was left behind"
    if case.exit != 0:
        assert set(after) - set(before) <= set(case.may_change), "a failed run wrote an output"
    if case.check is not None:
        for p in folder.iterdir():                   # undo the read-only case's chmod for the check and cleanup
            if p.is_dir():
                p.chmod(0o700)
        case.check(folder, out, err)


def test_corpus_module_exposes_the_registration_hook():
    assert callable(corpus.case)
