"""write_pdf(): text that round-trips, structure, metadata, reproducibility, atomic output."""

from __future__ import annotations

import os
import re

import pytest
from pypdf import PdfReader

from auditor.core.tasks import CancelToken, Cancelled
from auditor.report import pdf as pdf_mod
from auditor.report.pdf import write_pdf

NN = "\u202f"


def _text(path) -> str:
    """The PDF's text with line breaks and runs of plain spaces folded (U+202F is kept)."""
    return re.sub(r"[ \n]+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from tests.report.conftest import make_result

    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for lang in ("en", "fr"):
        path = folder / f"report-{lang}.pdf"
        out[lang] = (path, write_pdf(make_result(), path, lang=lang, assessor="Ada Lovelace"))
    return out


def test_english_text_round_trips(reports):
    path, summary = reports["en"]
    text = _text(path)
    assert "Data Protection Impact Assessment" in text
    assert "Œuvre & Cie — Rennes" in text
    assert "AIACT-ART5-1F-EMOTION-WORKPLACE" in text and "GDPR Art 5(1)(e)" in text
    assert f"Page 1 of {summary.pages}" in text and f"Page {summary.pages} of {summary.pages}" in text
    assert "40 €" in text and "« à la demande »" in text


def test_french_text_round_trips_with_typography(reports):
    path, summary = reports["fr"]
    text = _text(path)
    assert "Analyse d'impact relative à la protection des données" in text
    assert "Œuvre & Cie" in text and "coût d'environ 40 €" in text
    assert f"«{NN}à la demande{NN}»" in text
    assert f"12{NN}345" in text                          # thousands separator
    assert f"L'AIPD est-elle obligatoire{NN}?" in text
    assert "23 novembre 2026" in text
    assert f"Page 1 sur {summary.pages}" in text
    assert "Executive summary" not in text and "Page 1 of" not in text


def test_structure_outline_metadata_and_a4(reports):
    path, summary = reports["en"]
    reader = PdfReader(str(path))
    assert len(reader.pages) == summary.pages > 10
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert round(width) == 595 and round(height) == 842
    meta = reader.metadata
    assert meta.title == "Data Protection Impact Assessment — Œuvre & Cie — Rennes"
    assert meta.author == "Ada Lovelace"
    assert "GDPR Art 35" in meta.subject
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == "1. Executive summary" and "Appendix C. Glossary" in titles
    assert any(isinstance(o, list) for o in reader.outline)          # second-level bookmarks
    text = _text(path)
    assert "Contents" in text and "Œuvre & Cie — Rennes — 23 November 2026" in text   # TOC and running header


def test_only_embedded_dejavu_fonts(reports):
    reader = PdfReader(str(reports["fr"][0]))
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            if "/FontDescriptor" in desc:
                assert "/FontFile2" in desc["/FontDescriptor"].get_object()
    assert fonts and all("DejaVu" in f for f in fonts), fonts


def test_same_inputs_give_identical_bytes(tmp_path, result):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_pdf(result, a, lang="fr")
    write_pdf(result, b, lang="fr")
    assert a.read_bytes() == b.read_bytes()


def test_creation_date_comes_from_the_audit(tmp_path, result):
    path = tmp_path / "r.pdf"
    write_pdf(result, path)
    assert PdfReader(str(path)).metadata["/CreationDate"].startswith("D:20261123140500")


def test_failure_leaves_the_previous_report_intact(tmp_path, result, monkeypatch):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"previous report")

    def boom(*a, **kw):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(pdf_mod, "build_document", boom)
    with pytest.raises(RuntimeError):
        write_pdf(result, path)
    assert path.read_bytes() == b"previous report"
    assert os.listdir(tmp_path) == ["report.pdf"]


@pytest.mark.parametrize("exc", [KeyboardInterrupt, Cancelled])
def test_interrupt_mid_layout_leaves_no_partial_file(tmp_path, result, exc):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"previous report")

    def progress(p):
        if p.step == "layout":
            raise exc

    with pytest.raises(exc):
        write_pdf(result, path, progress=progress)
    assert path.read_bytes() == b"previous report"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_cancel_token(tmp_path, result):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        write_pdf(result, tmp_path / "r.pdf", cancel=token)
    assert not any(tmp_path.iterdir())


def test_unknown_language(tmp_path, result):
    with pytest.raises(ValueError):
        write_pdf(result, tmp_path / "r.pdf", lang="de")
