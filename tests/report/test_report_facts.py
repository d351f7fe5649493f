"""Facts, codes and citations as a reader wants them: labels in the report's language, ids cut only at hyphens."""

from __future__ import annotations

import re

import pytest

from auditor.core.model import Reference, Tier
from auditor.report import pdf
from auditor.report.facts import FACT_LABELS, fact_label, fact_line, facts_text
from auditor.report.story import build_story, plain_text, reference_label
from auditor.rules.packs import load_builtin_packs

NN = "\u202f"


@pytest.fixture(scope="module")
def packs():
    return load_builtin_packs()


def test_every_fact_the_built_in_rules_cite_has_a_label(packs):
    cited = {path for p in packs for r in p.rules for path in r.evidence}
    assert cited and not cited - set(FACT_LABELS), sorted(cited - set(FACT_LABELS))


def test_facts_print_as_labelled_values_in_the_language():
    assert fact_line("camera.cashier_in_view", True, "en") == "cashier in view: yes"
    assert fact_line("camera.cashier_in_view", True, "fr") == f"caissier dans le champ{NN}: oui"
    assert fact_line("employees.cse_required", None, "fr") == f"CSE obligatoire{NN}: non déclaré"
    assert fact_line("camera.zone", "sales_floor", "fr") == f"zone{NN}: surface de vente"
    assert fact_line("store.employees", 1200, "fr") == f"salariés{NN}: 1{NN}200"
    assert facts_text({"camera.audio": False, "z.x_y": 1}, "en") == "audio recorded: no; x y: 1"
    assert fact_label("custom.some_thing", "fr") == "some thing"


def test_no_config_key_in_the_findings_of_a_french_report(result):
    text = plain_text(build_story(result, "fr", None))
    assert not re.search(r"\b(camera|activity|employees|store|derived)\.[a-z_]+ = ", text)
    assert "= true" not in text and "= false" not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_citations_keep_their_english_form_and_translate_by_catalog(packs, lang):
    refs = [ref for p in packs for r in p.rules for ref in r.references]
    assert all(reference_label(ref, "en") == ref.label() for ref in refs)
    labels = [reference_label(ref, lang) for ref in refs]
    assert all(labels)
    if lang == "fr":
        assert reference_label(Reference("WP248", section="3"), "fr") == "WP248 (G29), §3"
        assert reference_label(Reference("ePrivacy Directive", article="5", paragraph="3"), "fr") == \
            "Directive ePrivacy art. 5(3)"


@pytest.mark.parametrize("size", [None, 6])
def test_codes_too_wide_for_a_cell_break_after_a_hyphen_only(size):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from auditor.report import styles as st

    style = pdf._style("cell")
    code = "GDPR-ART7-4-CONSENT-FREELY-GIVEN"
    text = f"see ({code})."
    markup = text if size is None else f"<font size={size}>{text}</font>"
    out = pdf.break_codes(markup, style, 60)
    inner = re.sub(r"</?font[^>]*>", "", out)
    lines = inner.split("<br/>")
    assert len(lines) > 1 and "".join(lines) == text
    assert all(line.endswith("-") for line in lines[:-1])              # cut after a hyphen, never in a word
    for line in lines:
        word = line.split()[-1]
        assert stringWidth(word, st.FONT, size or style.fontSize) <= 60, word
    assert pdf.break_codes(f"<b>{code}</b>", style, 500) == f"<b>{code}</b>"      # fits: untouched


def test_the_fleet_uses_the_core_verdict_words():
    from auditor.fleet.rollup import VERDICT_LABEL

    assert all(VERDICT_LABEL[tier.value] == tier.short_label("en") for tier in Tier)
    assert Tier.PROHIBITED.short_label("fr") == "Interdit"
