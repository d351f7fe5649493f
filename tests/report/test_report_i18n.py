"""Report strings: both languages complete, French typography, local dates and numbers."""

from __future__ import annotations

import re
import string

import pytest

from auditor.core import deployment as dep
from auditor.report import i18n

NN = "\u202f"


def test_numbers_in_local_format():
    assert i18n.format_number(1234.5, "fr") == f"1{NN}234,5"
    assert i18n.format_number(1234.5, "en") == "1,234.5"
    assert i18n.format_number(1234567, "fr") == f"1{NN}234{NN}567"
    assert i18n.format_number(3.0, "en") == "3"
    assert i18n.format_number(None, "fr") == "—"


def test_percent_and_dates():
    assert i18n.format_percent(0.42, "fr") == f"42{NN}%"
    assert i18n.format_percent(0.42, "en") == "42%"
    assert i18n.format_percent(0.0123, "fr", decimals=1) == f"1,2{NN}%"
    assert i18n.format_date("2026-11-23", "fr") == "23 novembre 2026"
    assert i18n.format_date("2026-11-23", "en") == "23 November 2026"
    assert i18n.format_date("2026-11-01", "fr") == "1er novembre 2026"
    assert i18n.format_date("2026-02-01", "fr") == "1er février 2026"
    assert i18n.format_datetime("2026-11-23T14:05:00Z", "fr") == "23 novembre 2026 à 14 h 05 UTC"
    assert i18n.format_datetime("2026-11-23T14:05:00Z", "en") == "23 November 2026, 14:05 UTC"


def test_french_typography_uses_narrow_no_break_spaces():
    text = i18n.t("fr", "sum.dpia_head")
    assert text.endswith(f"{NN}?")
    assert i18n.french_typography("« oui » : non ; bien !") == f"«{NN}oui{NN}»{NN}: non{NN}; bien{NN}!"
    assert i18n.t("en", "sum.dpia_head") == "Is a DPIA mandatory?"


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", i18n.all_keys())
def test_every_string_exists_in_both_languages_with_the_same_placeholders(key):
    en, fr = i18n.t("en", key), i18n.t("fr", key)
    assert en and fr
    assert _fields(en) == _fields(fr), key


ENUMS = {
    "zone": dep.Zone, "view": dep.View, "viewer": dep.Viewer, "purpose": dep.Purpose, "technique": dep.Technique,
    "purpose_category": dep.PurposeCategory, "data_category": dep.DataCategory, "subject": dep.Subject,
    "consent": dep.ConsentMechanism, "vendor_role": dep.VendorRole, "mechanism": dep.TransferMechanism,
    "schedule": dep.Schedule, "sign_field": dep.SignField, "store_type": dep.StoreType,
}


@pytest.mark.parametrize("field", sorted(ENUMS))
def test_every_vocabulary_value_of_the_deployment_model_is_translated(field):
    missing = [m.value for m in ENUMS[field] if m.value not in i18n.VOCAB[field]]
    assert not missing, f"{field}: {missing}"


def test_legal_bases_and_wp248_names_are_translated():
    for basis in ("6(1)(a)", "6(1)(b)", "6(1)(c)", "6(1)(d)", "6(1)(e)", "6(1)(f)"):
        assert "art." in i18n.vocab("legal_basis", basis, "fr")
    for n in range(1, 10):
        assert i18n.wp248_name(n, "fr") != i18n.wp248_name(n, "en")
    assert re.search("vuln", i18n.wp248_name(7, "fr"))
