"""A third language is data: a catalog file, generated here, is enough to write a report in it."""

from __future__ import annotations

import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from auditor.core import i18n
from auditor.report.formats import write_report
from auditor.report.story import build_document, plain_text

GERMAN = {
    (None, "Executive summary"): "Zusammenfassung",
    (None, "Data Protection Impact Assessment"): "Datenschutz-Folgenabschätzung",
    (None, "Lawful with conditions"): "Rechtmäßig unter Bedingungen",
    (None, "Prohibited: cannot be made lawful as designed"): "Verboten: so nicht rechtmäßig zu machen",
    ("zone", "sales floor"): "Verkaufsfläche",
    ("severity", "blocker"): "blockierend",
}


@pytest.fixture
def german(tmp_path, monkeypatch):
    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    for (context, english), german in GERMAN.items():
        catalog.add(english, german, context=context)
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    buf = io.BytesIO()
    write_po(buf, catalog)
    (folder / "auditor.po").write_bytes(buf.getvalue())
    monkeypatch.setattr(i18n, "LOCALE_DIRS", [tmp_path / "locale", *i18n.LOCALE_DIRS])
    i18n.reload()
    yield "de"
    monkeypatch.undo()
    i18n.reload()


def test_a_generated_catalog_adds_a_report_language(german, result, tmp_path):
    assert "de" in i18n.languages()
    text = plain_text(build_document(result, german, None).blocks)
    assert "Datenschutz-Folgenabschätzung" in text and "Zusammenfassung" in text
    assert "Verboten" in text and "BLOCKIEREND" in text.upper()
    assert "23. November 2026" in text                  # dates in the language's CLDR format
    assert "Executive summary" not in text
    out = tmp_path / "report.docx"
    write_report(result, out, lang=german)
    assert out.stat().st_size > 0


def test_without_the_catalog_the_language_does_not_exist(result):
    assert "de" not in i18n.languages()
    with pytest.raises(ValueError, match="unsupported report language"):
        build_document(result, "de", None)
