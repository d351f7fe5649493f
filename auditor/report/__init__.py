"""Report writers: every output of an audit (JSON, SARIF, PDF) is written from an AuditResult alone."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

STALE_AFTER_MONTHS = 12


def _months_before(date: dt.date, months: int) -> dt.date:
    year, month = divmod(date.year * 12 + date.month - 1 - months, 12)
    day = min(date.day, [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30,
                         31, 31, 30, 31, 30, 31][month])
    return dt.date(year, month + 1, day)


def is_stale(checked: str, audit_date: str) -> bool:
    """A pack last checked more than 12 months before the audit."""
    return dt.date.fromisoformat(checked) < _months_before(dt.date.fromisoformat(audit_date), STALE_AFTER_MONTHS)


def stale_warning(pack_id: str, checked: str, audit_date: str) -> str:
    return (f"rule pack {pack_id} was last checked against its sources on {checked}, more than "
            f"{STALE_AFTER_MONTHS} months before the audit ({audit_date}): the law may have changed since")



@contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Write to a temporary file beside `path` and rename it over `path` only when the block succeeds.

    A failure or Ctrl-C leaves no partial file and any previous version intact.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)         # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
