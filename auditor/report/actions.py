"""The action plan as a spreadsheet for the DPO's follow-up: `write_actions(result, path, lang=...)`.

One row per action (one per rule among the open findings, worst first: the same actions as the report's
action plan), with the finding, its references, the priority, and owner / due date / status / notes
columns to fill. `.xlsx` (openpyxl): frozen header row, filters, column widths, wrapped text, a status
list and a date format on the due-date column. `.csv`: the same columns, UTF-8 with a byte-order mark
so that spreadsheet programs read the accents. Written atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from auditor.core.model import AuditResult
from auditor.report import atomic_writer, i18n
from auditor.report.story import actions, priority_label, reference_label, subject_label

ACTION_FORMATS = (".xlsx", ".csv")


class UnknownActionsFormat(ValueError):
    def __init__(self, path: Path | str) -> None:
        super().__init__(f"{path}: unknown action-plan format {Path(path).suffix or '(none)'!r}; "
                         f"expected {' or '.join(ACTION_FORMATS)}")


def actions_format(path: Path | str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in ACTION_FORMATS:
        raise UnknownActionsFormat(path)
    return suffix


def _columns(lang: str) -> list[tuple[str, float]]:
    t = i18n.t
    return [(t(lang, "#"), 5), (t(lang, "Priority"), 22), (t(lang, "Severity"), 11),
            (t(lang, "Action"), 60), (t(lang, "Finding"), 45), (t(lang, "Rule"), 34),
            (t(lang, "Applies to"), 28), (t(lang, "References"), 40), (t(lang, "Owner"), 18),
            (t(lang, "Due date"), 13), (t(lang, "Status"), 13), (t(lang, "Notes"), 40)]


def action_rows(result: AuditResult, lang: str = "en") -> list[list[str]]:
    """The header row, then one row per action; owner, due date, status and notes are left to fill."""
    rows = [[name for name, _ in _columns(lang)]]
    for i, (f, group) in enumerate(actions(result), 1):
        worst = max(group, key=lambda x: x.severity.rank)
        refs: list[str] = []
        for x in group:
            for r in x.references:
                label = reference_label(r, lang)
                if label not in refs:
                    refs.append(label)
        rows.append([str(i), priority_label(worst.severity.value, lang), i18n.severity_label(worst.severity.value, lang),
                     f.remediation.get(lang), f.title.get(lang), f.rule_id,
                     ", ".join(subject_label(x.subject, lang) for x in group), "; ".join(refs), "", "", "", ""])
    return rows


def _xlsx(rows: list[list[str]], lang: str, generated_at: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = i18n.t(lang, "Action plan")[:31]
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([int(row[0])] + row[1:])             # the action number sorts as a number
    head_font, fill = Font(bold=True), PatternFill("solid", fgColor="E4E7EB")
    for c, (_, width) in enumerate(_columns(lang), 1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = width
        cell = ws.cell(row=1, column=c)
        cell.font, cell.fill = head_font, fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    n = len(rows)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(rows[0]))
    ws.auto_filter.ref = f"A1:{last}{max(n, 2)}"
    due, status = get_column_letter(10), get_column_letter(11)
    for r in range(2, max(n, 2) + 1):
        ws[f"{due}{r}"].number_format = "yyyy-mm-dd"
    choices = i18n.t(lang, "To do,In progress,Done,Not applicable")
    dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    dv.add(f"{status}2:{status}{max(n, 2) + 200}")
    ws.add_data_validation(dv)
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    dates.add(f"{due}2:{due}{max(n, 2) + 200}")
    ws.add_data_validation(dates)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    try:
        when = dt.datetime.fromisoformat(generated_at.replace("Z", "+00:00")).replace(tzinfo=None)
    except (ValueError, AttributeError):
        when = dt.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = when
    wb.properties.title = i18n.t(lang, "Action plan")
    wb.properties.creator = "Store Camera Privacy Auditor"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_actions(result: AuditResult, path: Path | str, *, lang: str = "en") -> Path:
    """Write the action plan to `path` (.xlsx or .csv), atomically."""
    fmt = actions_format(path)
    rows = action_rows(result, lang)
    if fmt == ".csv":
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        with atomic_writer(path, "wb") as fh:
            fh.write(("\ufeff" + buf.getvalue()).encode("utf-8"))
    else:
        data = _xlsx(rows, lang, result.generated_at)
        with atomic_writer(path, "wb") as fh:
            fh.write(data)
    return Path(path)
