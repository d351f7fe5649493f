"""The PDF writer's last safety net: a layout failure (an element larger than a page) is a clear error naming the
report, the previous file at that path is kept and no temporary file is left; never a ReportLab traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reportlab.platypus.doctemplate import LayoutError

from auditor.core.errors import InputError
from auditor.report import pdf as pdf_mod
from tests.report.conftest import make_result


def test_layout_error_is_a_clear_error_and_keeps_the_previous_report(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"previous report")

    def fail(*args, **kwargs):
        raise LayoutError("Flowable <Table@0x1 2 rows x 6 cols(tallest row 6287.0)> with cell(0,0) containing ...")

    monkeypatch.setattr(pdf_mod, "render_pdf", fail)
    with pytest.raises(InputError) as caught:
        pdf_mod.write_pdf(make_result(), path)
    [problem] = caught.value.problems
    assert problem.file == str(path) and "could not be laid out" in problem.message
    assert "Table" in problem.found and "containing" not in problem.found
    assert path.read_bytes() == b"previous report"
    assert os.listdir(tmp_path) == ["report.pdf"]
