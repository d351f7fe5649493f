"""Report wording: one gettext catalog per language, complete in French, a third language as data only."""

from __future__ import annotations

import re
import string

import pytest

from auditor.core import deployment as dep
from auditor.core import i18n as core_i18n
from auditor.core.vocab import VOCAB
from auditor.report import catalogs, i18n

NN = "\u202f"
NBSP = "\u00a0"


def test_numbers_in_local_format():
    assert i18n.format_number(1234.5, "fr") == f"1{NN}234,5"
    assert i18n.format_number(1234.5, "en") == "1,234.5"
    assert i18n.format_number(1234567, "fr") == f"1{NN}234{NN}567"
    assert i18n.format_number(3.0, "en") == "3"
    assert i18n.format_number(None, "fr") == "—"


def test_percent_and_dates():
    assert i18n.format_percent(0.42, "fr") in (f"42{NN}%", f"42{NBSP}%")
    assert i18n.format_percent(0.42, "en") == "42%"
    assert re.fullmatch(f"1,2[{NN}{NBSP}]%", i18n.format_percent(0.0123, "fr", decimals=1))
    assert i18n.format_date("2026-11-23", "fr") == "23 novembre 2026"
    assert i18n.format_date("2026-11-23", "en") == "23 November 2026"
    assert i18n.format_datetime("2026-11-23T14:05:00Z", "fr") == "23 novembre 2026 à 14:05 UTC"
    assert i18n.format_datetime("2026-11-23T14:05:00Z", "en") == "23 November 2026, 14:05 UTC"


def test_country_names_come_from_cldr():
    assert i18n.country_name("ES", "fr") == "Espagne" and i18n.country_name("ES", "en") == "Spain"
    assert i18n.country_name("de", "fr") == "Allemagne"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


USED = sorted(catalogs.used(), key=lambda m: (m[0] or "", m[1]))


def test_the_extraction_finds_the_report_wording():
    assert len(USED) > 400
    assert (None, "Executive summary") in USED and ("zone", "sales floor") in USED
    assert ("severity", "blocker") in USED and (None, "Lawful with conditions") in USED


def test_every_message_the_code_uses_has_a_french_translation_with_the_same_fields():
    missing = [m for m in USED if not core_i18n.translated("fr", m[1], m[0])]
    assert not missing, f"{len(missing)} messages without French (run `python3 dev.py catalogs`): {missing[:10]}"
    bad = [m for m in USED if _fields(core_i18n.gettext("fr", m[1], m[0])) != _fields(m[1])]
    assert not bad, bad[:10]


def test_french_catalog_has_french_typography():
    """The catalog itself carries narrow no-break spaces before : ; ! ? » (no plain space there)."""
    plain = [m for m in USED if re.search(r" [:;!?»]|« ", core_i18n.gettext("fr", m[1], m[0]))]
    assert not plain, plain[:10]
    assert i18n.t("fr", "Is a DPIA mandatory?").endswith(f"{NN}?")
    assert i18n.t("en", "Is a DPIA mandatory?") == "Is a DPIA mandatory?"
    assert i18n.french_typography("« oui » : non ; bien !") == f"«{NN}oui{NN}»{NN}: non{NN}; bien{NN}!"


ENUMS = {
    "zone": dep.Zone, "view": dep.View, "viewer": dep.Viewer, "purpose": dep.Purpose, "technique": dep.Technique,
    "purpose_category": dep.PurposeCategory, "data_category": dep.DataCategory, "subject": dep.Subject,
    "consent": dep.ConsentMechanism, "vendor_role": dep.VendorRole, "mechanism": dep.TransferMechanism,
    "schedule": dep.Schedule, "sign_field": dep.SignField, "store_type": dep.StoreType,
}


@pytest.mark.parametrize("field", sorted(ENUMS))
def test_every_vocabulary_value_of_the_deployment_model_is_translated(field):
    missing = [m.value for m in ENUMS[field] if m.value not in VOCAB[field]]
    assert not missing, f"{field}: {missing}"
    assert all(i18n.vocab(field, m.value, "fr") for m in ENUMS[field])


def test_legal_bases_and_wp248_names_are_translated():
    for basis in ("6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)"):
        assert "art." in i18n.vocab("legal_basis", basis, "fr")
    for n in range(1, 10):
        assert i18n.wp248_name(n, "fr") != i18n.wp248_name(n, "en")
    assert re.search("vuln", i18n.wp248_name(7, "fr"))


def test_an_unknown_language_is_refused():
    from auditor.report.story import build_document

    with pytest.raises(ValueError, match="unsupported report language 'xx'"):
        build_document(None, "xx")  # type: ignore[arg-type]


def test_the_first_of_the_month_in_french():
    assert i18n.format_date("2026-11-01", "fr") == "1er novembre 2026"
    assert i18n.format_date("2026-02-01", "fr") == "1er février 2026"
    assert i18n.format_date("2026-11-01", "en") == "1 November 2026"
    assert i18n.format_date("2026-11-11", "fr") == "11 novembre 2026"
