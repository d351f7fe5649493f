"""The cover names the rule packs that applied to the store, not every pack loaded: a French store's report does not
list the Belgian Camera Act or the Spanish LOPDGDD among its references (the audit trail keeps every loaded pack)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

from auditor.audit import AuditRequest, run_audit
from auditor.report.pdf import write_pdf

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "deployments" / "01-security-cctv-clean.yaml"


def _cover_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return " ".join(doc[0].get_textpage().get_text_range().split())
    finally:
        doc.close()


@pytest.mark.parametrize(("country", "own", "foreign"), [
    ("FR", "France: CNIL guidance", ("Belgium:", "Spain:", "Italy:", "Germany:")),
    ("ES", "Spain: LOPDGDD", ("France:", "Belgium:", "Italy:", "Germany:")),
])
def test_the_cover_lists_only_the_packs_that_applied(tmp_path: Path, country: str, own: str,
                                                     foreign: tuple[str, ...]) -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["store"]["country"] = country
    config = tmp_path / "store.yaml"
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_audit(AuditRequest(config=config, analyse_footage=False, audit_date="2026-12-04"))
    applied = {p.id for p in result.applied_packs()}
    assert {"gdpr", country.lower() if country != "FR" else "cnil"} <= applied
    assert len(applied) < len(result.packs)            # other countries' packs were loaded but did not apply
    write_pdf(result, tmp_path / "r.pdf", embed_frames=False)
    cover = _cover_text(tmp_path / "r.pdf")
    assert own in cover and not any(name in cover for name in foreign), cover
