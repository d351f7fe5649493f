"""Regenerate the PNG previews of the DPIA report in this folder (needs pdftoppm from poppler-utils).

    .venv/bin/python docs/report-preview/make_previews.py

Renders the test fixture of tests/report (a French store with emotion analytics, VIP recognition and
CCTV; synthetic footage only) in English and French with the real face detector, and keeps PNGs of the
first pages and of the first per-camera evidence page.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

FIRST_PAGES = 4


def main() -> int:
    import pytest  # noqa: F401  (the fixture module imports it)

    from pypdf import PdfReader

    from auditor.footage.detectors import default_detector
    from auditor.report.pdf import write_pdf
    from tests.report import conftest

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        footage = conftest.footage.__wrapped__(_Factory(folder))       # the session fixture, called directly
        result = conftest.make_result(footage)
        for lang in ("en", "fr"):
            pdf = folder / f"dpia-{lang}.pdf"
            write_pdf(result, pdf, lang=lang, assessor="A. Assessor", detector=default_detector())
            reader = PdfReader(str(pdf))
            evidence_page = next(i for i, p in enumerate(reader.pages, 1)
                                 if p.images and i > FIRST_PAGES)
            for first, last, name in ((1, FIRST_PAGES, "page"), (evidence_page, evidence_page, "evidence")):
                prefix = folder / f"{lang}-{name}"
                subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(first), "-l", str(last), str(pdf),
                                str(prefix)], check=True)
            for png in sorted(folder.glob(f"{lang}-*.png")):
                target = HERE / f"dpia-{png.name}"
                target.write_bytes(png.read_bytes())
                print(target.relative_to(ROOT))
    return 0


class _Factory:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def mktemp(self, name: str) -> Path:
        path = self.folder / name
        path.mkdir()
        return path


if __name__ == "__main__":
    raise SystemExit(main())
