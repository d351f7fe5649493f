"""DOCX and ODT renderers of the document model: package structure, headings, tables, images, text round trip,
and (when LibreOffice is installed) a conversion to PDF that must succeed without repair."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from auditor.report import document as dm
from auditor.report import risk
from auditor.report.formats import UnknownFormat, report_format, write_report
from auditor.report.story import build_document


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _model_lines(result, lang: str) -> list[str]:
    model = build_document(result, lang, None, risk=risk.assess(result))
    lines = [b.text for b in dm.walk(model.blocks) if isinstance(b, dm.Heading)]
    for b in dm.walk(model.blocks):
        if isinstance(b, dm.Para):
            lines += [x for x in b.plain().split("\n") if x.strip()]
        elif isinstance(b, dm.Table):
            for row in b.rows:
                lines += [x for c in row if isinstance(c, str) for x in dm.plain_markup(c).split("\n") if x.strip()]
    return [_norm(x) for x in lines if _norm(x)]


def _docx_text(path) -> tuple[str, list[tuple[str, str]], int, int]:
    import docx

    d = docx.Document(str(path))
    parts, heads = [], []
    for p in d.paragraphs:
        parts.append(p.text)
        if p.style.name.startswith("Heading"):
            heads.append((p.style.name, p.text))

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    parts.append(p.text)
                for t in cell.tables:
                    cells(t)

    for t in d.tables:
        cells(t)
    return _norm(" \n ".join(parts)), heads, len(d.tables), len(d.inline_shapes)


def _odt_text(path) -> tuple[str, list[str], int, int]:
    from odf import draw, table, teletype, text
    from odf.opendocument import load

    doc = load(str(path))
    body = teletype.extractText(doc.text)
    heads = [teletype.extractText(h) for h in doc.getElementsByType(text.H)]
    tables = doc.getElementsByType(table.Table)
    images = doc.getElementsByType(draw.Image)
    return _norm(body), heads, len(tables), len(images)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_docx_has_real_headings_tables_pictures_and_every_line(tmp_path, result, lang):
    path = tmp_path / "report.docx"
    summary = write_report(result, path, lang=lang, embed_frames=False)
    assert summary.format == ".docx" and path.stat().st_size == summary.size_bytes
    text, heads, n_tables, n_pictures = _docx_text(path)
    model = build_document(result, lang, None, risk=risk.assess(result))
    expected = [("Heading 1" if lvl == 0 else "Heading 2", t) for lvl, t in dm.headings(model.blocks)]
    assert [h for h in heads if h[0] != "Heading 3"] == expected
    assert n_tables == sum(1 for b in dm.walk(model.blocks) if isinstance(b, dm.Table))
    assert n_pictures >= 1                               # the risk map
    missing = [line for line in _model_lines(result, lang) if line not in text]
    assert not missing, missing[:5]
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode()
        styles = z.read("word/styles.xml").decode()
    assert 'TOC \\o "1-2"' in xml and "w:tblHeader" in xml
    assert "DPIA Body" in styles and "DPIA Cell" in styles


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_odt_is_a_valid_package_with_outline_headings_and_every_line(tmp_path, result, lang):
    path = tmp_path / "report.odt"
    write_report(result, path, lang=lang, embed_frames=False)
    with zipfile.ZipFile(path) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        manifest = z.read("META-INF/manifest.xml").decode()
        names = z.namelist()
    for part in ("content.xml", "styles.xml", "meta.xml"):
        assert part in names and part in manifest
    assert any(n.startswith("Pictures/") and n in manifest for n in names)
    text, heads, n_tables, n_images = _odt_text(path)
    model = build_document(result, lang, None, risk=risk.assess(result))
    for _, h in dm.headings(model.blocks):
        assert h in heads
    assert n_tables == sum(1 for b in dm.walk(model.blocks) if isinstance(b, dm.Table))
    assert n_images >= 1
    missing = [line for line in _model_lines(result, lang) if line not in text]
    assert not missing, missing[:5]


def test_evidence_frames_reach_the_word_processor_formats(tmp_path, result_with_footage, oracle):
    for ext in (".docx", ".odt"):
        s = write_report(result_with_footage, tmp_path / f"r{ext}", detector=oracle)
        assert s.frames_embedded > 0
    _, _, _, n_docx = _docx_text(tmp_path / "r.docx")
    _, _, _, n_odt = _odt_text(tmp_path / "r.odt")
    assert n_docx == n_odt == s.frames_embedded + 1          # frames + the risk map


def test_unknown_extension_is_refused(tmp_path, result):
    with pytest.raises(UnknownFormat, match=r"\.rtf"):
        write_report(result, tmp_path / "report.rtf")
    assert report_format("X.DOCX") == ".docx"
    assert list(tmp_path.iterdir()) == []


def test_failed_render_leaves_the_previous_file(tmp_path, result, monkeypatch):
    from auditor.report import docx_writer

    path = tmp_path / "r.docx"
    path.write_bytes(b"previous")

    def boom(*a, **kw):
        raise RuntimeError("render failed")

    monkeypatch.setattr(docx_writer, "render_docx", boom)
    with pytest.raises(RuntimeError):
        write_report(result, path, embed_frames=False)
    assert path.read_bytes() == b"previous" and [p.name for p in tmp_path.iterdir()] == ["r.docx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_both_formats(tmp_path, result):
    from pypdf import PdfReader

    for ext in (".docx", ".odt"):
        write_report(result, tmp_path / f"conv{ext}", lang="fr", embed_frames=False)
    out = tmp_path / "pdf"
    model = build_document(result, "fr", None, risk=risk.assess(result))
    for ext in (".docx", ".odt"):
        proc = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                               "--convert-to", "pdf", "--outdir", str(out / ext[1:]), str(tmp_path / f"conv{ext}")],
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        reader = PdfReader(str(out / ext[1:] / "conv.pdf"))
        assert len(reader.pages) > 8
        text = _norm(" ".join(p.extract_text() for p in reader.pages))
        for level, heading in dm.headings(model.blocks):
            if level == 0:
                assert _norm(heading) in text, (ext, heading)
