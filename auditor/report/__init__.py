"""Report writers: every output of an audit (JSON, SARIF, PDF) is written from an AuditResult alone."""

from __future__ import annotations

import datetime as dt

from auditor.core.fileio import atomic_writer  # noqa: F401  (the one writer; re-exported for the writers here)

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
