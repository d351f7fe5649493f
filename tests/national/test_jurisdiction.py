"""Jurisdiction discipline: an audit of a store in one country cites no other country's law or authority.

Every bundled example deployment is re-targeted to each country that has a national pack; the audit must
then cite no national instrument of another country in any finding (references), and its messages and
titles must not name a foreign authority.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from auditor.audit import AuditRequest, run_audit
from auditor.core.instruments import (
    EU,
    INSTRUMENT_INFO,
    INTERNATIONAL,
    fits,
    jurisdiction_of,
)
from auditor.rules.packs import load_builtin_packs

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "assets" / "deployments").glob("*.yaml"))
COUNTRIES = ["FR", "ES", "IT", "DE", "NL", "BE", "DK", "SE", "GB"]
NATIONAL_PACKS = {"cnil": "FR", "es": "ES", "it": "IT", "de": "DE", "nl": "NL", "be": "BE", "dk": "DK", "se": "SE",
                  "uk": "UK"}
# Names of national authorities and codes that must not appear in the text of a finding for another country.
AUTHORITY_NAMES = {"FR": r"\bCNIL\b|\bCSI\b|Code de la sécurité intérieure|\bpréfet", "ES": r"\bAEPD\b|LOPDGDD",
                   "IT": r"\bGarante\b|Statuto dei lavoratori", "DE": r"\bBDSG\b|\bBetrVG\b|\bDSK\b",
                   "NL": r"\bUAVG\b|\bWOR\b", "BE": r"\bAPD-GBA\b|Camera Act \(BE\)|\bCCT 68\b",
                   "DK": r"Datatilsynet \(DK\)|tv-overvågningsloven", "SE": r"\bIMY\b|Kamerabevakningslag",
                   "UK": r"\bICO\b|UK GDPR|DPA 2018"}


def _retarget(path: Path, country: str, tmp_path: Path) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["store"]["country"] = country
    out = tmp_path / f"{path.stem}-{country}.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _own(country: str) -> str:
    return "UK" if country == "GB" else country


def _audits(country: str, tmp_path: Path):
    for example in EXAMPLES:
        yield example, run_audit(AuditRequest(config=_retarget(example, country, tmp_path), analyse_footage=False,
                                              audit_date="2026-12-04", generated_at="2026-12-04T12:00:00Z"))


@pytest.mark.parametrize("country", COUNTRIES)
def test_an_audit_cites_no_foreign_national_law(country, tmp_path):
    offences: list[str] = []
    for example, result in _audits(country, tmp_path):
        for f in result.findings:
            assert f.pack not in {pid for pid, c in NATIONAL_PACKS.items() if c != _own(country)}, \
                f"{example.name}: pack {f.pack} applied to a store in {country}"
            for ref in f.references:
                where = jurisdiction_of(ref.instrument)
                if where not in (EU, INTERNATIONAL, _own(country)):
                    offences.append(f"{example.name}: {f.id} cites {ref.label()} ({where})")
            for note in f.precedents:
                for label in note.provisions:
                    instrument = next((i for i in INSTRUMENT_INFO if label.startswith(i + " ")), None)
                    assert instrument is None or fits(instrument, country), f"{f.id}: precedent {note.id} {label}"
        for check in getattr(result, "checks", []):         # passed, not applicable and answered checks too
            for ref in check.references:
                where = jurisdiction_of(ref.instrument)
                if where not in (EU, INTERNATIONAL, _own(country)):
                    offences.append(f"{example.name}: check {check.rule_id} cites {ref.label()} ({where})")
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize("country", COUNTRIES)
def test_finding_texts_name_no_foreign_authority(country, tmp_path):
    offences = []
    for example, result in _audits(country, tmp_path):
        for f in result.findings:
            text = f"{f.title.en} {f.title.fr} {f.message.en} {f.message.fr}"
            for other, pattern in AUTHORITY_NAMES.items():
                if other != _own(country) and re.search(pattern, text):
                    offences.append(f"{example.name}: {f.id} names a {other} authority or law")
    assert not offences, "\n".join(offences)


@pytest.mark.parametrize("pack", [p for p in load_builtin_packs() if p.id in NATIONAL_PACKS], ids=lambda p: p.id)
def test_a_national_pack_declares_its_country_and_cites_only_its_own_law(pack):
    country = NATIONAL_PACKS[pack.id]
    assert pack.header.jurisdiction == country
    assert pack.applies_when is not None
    for rule in pack.rules:
        for ref in rule.references:
            assert jurisdiction_of(ref.instrument) in (EU, INTERNATIONAL, country), f"{rule.id}: {ref.label()}"


def test_every_instrument_has_its_names_and_a_jurisdiction():
    for short, info in INSTRUMENT_INFO.items():
        assert info.name.strip() and info.name_en.strip(), short
        assert info.jurisdiction in (EU, INTERNATIONAL) or re.match(r"^[A-Z]{2}(-[A-Z]{2})?$", info.jurisdiction)


@pytest.mark.parametrize("instrument, country, expected", [
    ("GDPR", "ES", True), ("CNIL", "FR", True), ("CNIL", "ES", False), ("LOPDGDD", "ES", True),
    ("LOPDGDD", "FR", False), ("ICO", "GB", True), ("ICO", "UK", True), ("BIPA", "US-IL", True),
    ("BIPA", "US", False), ("ECtHR", "DK", True), ("CNIL", None, True),
])
def test_fits(instrument, country, expected):
    assert fits(instrument, country) is expected


def test_references_carry_the_instrument_names():
    rules = [r for p in load_builtin_packs() for r in p.rules]
    lopd = next(ref for r in rules for ref in r.references if ref.instrument == "LOPDGDD")
    assert lopd.name.startswith("Ley Orgánica 3/2018") and "Organic Law 3/2018" in lopd.name_en
    assert lopd.to_dict()["name_en"] == lopd.name_en


def _eu_rule_texts():
    """(where, text) for every title, message, rationale and remediation of the EU and international packs."""
    for pack in load_builtin_packs():
        if pack.header.jurisdiction not in (EU, INTERNATIONAL):
            continue
        for rule in pack.rules:
            for name in ("title", "message", "rationale", "remediation"):
                for lang in ("en", "fr"):
                    yield f"{rule.id} {name} ({lang})", " ".join(getattr(rule, name).get(lang).split())


def test_eu_rules_mention_the_cnil_only_in_a_sentence_about_france():
    offences = []
    for where, text in _eu_rule_texts():
        for sentence in re.split(r"(?<=[.;:])\s", text):
            if "CNIL" in sentence and not re.search(r"France|French", sentence):
                offences.append(f"{where}: {sentence[:120]}")
    assert not offences, "\n".join(offences)


# Other national authorities' names, in any form an EU rule's prose might use.
NATIONAL_AUTHORITY_WORDS = r"\bAEPD\b|\bGarante\b|\bDSK\b|\bLfD\b|\bAutoriteit Persoonsgegevens\b|\bAP's\b|" \
                           r"\bAPD-GBA\b|\bDatatilsynet\b|\bIMY\b|\bDatainspektionen\b|\bICO\b|\bUODO\b"


def test_eu_rules_name_no_other_national_authority():
    # An EU rule's text is shown for every store: a decision of one country's authority belongs in the
    # precedents table (shown with the finding, the store's country first), not in the rule's prose.
    offences = [f"{where}: {found.group(0)}" for where, text in _eu_rule_texts()
                if (found := re.search(NATIONAL_AUTHORITY_WORDS, text))]
    assert not offences, "\n".join(offences)
