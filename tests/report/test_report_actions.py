"""The action plan spreadsheet (.xlsx / .csv): one row per action, columns to fill, frozen header, filters."""

from __future__ import annotations

import csv

import pytest

from auditor.cli import main
from auditor.report.actions import UnknownActionsFormat, action_rows, write_actions
from auditor.report.story import actions


def test_one_row_per_action_with_columns_to_fill(result):
    rows = action_rows(result, "en")
    assert rows[0][:4] == ["#", "Priority", "Severity", "Action"] and rows[0][-4:] == ["Owner", "Due date",
                                                                                    "Status", "Notes"]
    acts = actions(result)
    assert len(rows) == len(acts) + 1
    for row, (f, _) in zip(rows[1:], acts):
        assert row[5] == f.rule_id and row[3] == f.remediation.en and row[-4:] == ["", "", "", ""]
        assert all(r.label() in row[7] for r in f.references)
    assert rows[1][1].startswith("P1")


def test_xlsx_is_ready_for_follow_up(tmp_path, result):
    from openpyxl import load_workbook

    path = write_actions(result, tmp_path / "plan.xlsx", lang="fr")
    ws = load_workbook(path).active
    assert ws.title == "Plan d'action"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:L")
    assert [c.value for c in ws[1]][8:10] == ["Responsable", "Échéance"]
    assert ws.max_row == len(actions(result)) + 1 and ws["A2"].value == 1
    assert ws.column_dimensions["D"].width > ws.column_dimensions["A"].width
    assert any("À faire" in (dv.formula1 or "") for dv in ws.data_validations.dataValidation)


def test_csv_round_trips(tmp_path, result):
    path = write_actions(result, tmp_path / "plan.csv")
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows == action_rows(result, "en")


def test_unknown_extension(tmp_path, result, capsys):
    with pytest.raises(UnknownActionsFormat):
        write_actions(result, tmp_path / "plan.ods")
    from importlib import resources
    config = resources.files("auditor_assets") / "deployments" / "01-security-cctv-clean.yaml"
    assert main(["audit", str(config), "--no-footage", "--actions", str(tmp_path / "plan.ods")]) == 2
    assert "--actions" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
