"""The report's words for coded values (severities, levels, vocabularies, criteria), over the one catalog lookup.

Every string the report prints is English in the code and translated by `auditor.core.i18n` from the catalogs
in auditor/locale; rule text arrives in each Finding from the rule packs. This module only maps coded values
(`blocker`, `4`, `sales_floor`, WP248 criterion 3, ...) to their English message, then translates it.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.core.i18n import (
    N_,
    Nc_,
    colon,
    country_name,
    format_date,
    format_datetime,
    format_number,
    format_percent,
    gettext,
    language_tag,
    languages,
    question_mark,
    separator,
    t,
    tc,
)
from auditor.core.vocab import VOCAB
from auditor.core.dpia_lists import CNIL_ITEMS, WP248_CRITERIA

__all__ = ["NNBSP", "colon", "language_tag", "question_mark", "separator", "art35_3_name", "cnil_item_name", "country_name", "format_date", "format_datetime",
           "format_number", "format_percent", "french_typography", "gettext", "humanise", "languages",
           "level_label", "risk_level_label", "rule_text", "severity_label", "t", "tc", "vocab", "vocab_list",
           "wp248_name", "yes_no"]

NNBSP = "\u202f"   # narrow no-break space: French thousands separator and high punctuation

_FR_SPACING = re.compile(r" ([:;!?»])|(«) ")


def french_typography(text: str) -> str:
    """Narrow no-break space before : ; ! ? » and after «, replacing a plain space there (rule-pack text)."""
    return _FR_SPACING.sub(lambda m: NNBSP + m.group(1) if m.group(1) else m.group(2) + NNBSP, text)


def rule_text(value: Any, lang: str) -> str:
    """Rule-pack text (a bilingual Text, or its JSON form) in the report's language, with French spacing in
    French; English where the rule pack has no text in the language."""
    text = value.get(lang) or value.get("en") or ""
    return french_typography(text) if lang == "fr" else text


# Severity names (REFERENCE.md's legend), likelihood/severity levels and risk levels.
SEVERITY_NAMES = {"blocker": Nc_("severity", "blocker"), "major": Nc_("severity", "major"), "minor": Nc_("severity", "minor"), "info": Nc_("severity", "info"), "question": Nc_("severity", "question")}
LEVEL_NAMES = {1: N_("1 negligible"), 2: N_("2 limited"), 3: N_("3 significant"), 4: N_("4 maximum")}
RISK_LEVEL_NAMES = {"low": Nc_("risk level", "low"), "medium": Nc_("risk level", "medium"), "high": Nc_("risk level", "high")}
WP248_NAMES = {number: name for number, _key, name in WP248_CRITERIA}
ART35_3_NAMES = {
    "a": N_("(a) systematic and extensive evaluation with significant effects"),
    "b": N_("(b) special categories of data on a large scale"),
    "c": N_("(c) systematic monitoring of a publicly accessible area on a large scale"),
}

# Glossary: (term, definition), in the report's order.
GLOSSARY: list[tuple[str, str]] = [
    (Nc_("glossary term", "DPIA"),
     N_("Data protection impact assessment (GDPR Art 35).")),
    (Nc_("glossary term", "DPO"),
     N_("Data protection officer (GDPR Art 37–39).")),
    (Nc_("glossary term", "Controller"),
     N_("The body that decides why and how personal data are processed (GDPR Art 4(7)).")),
    (Nc_("glossary term", "Processor"),
     N_("A body that processes personal data on the controller's behalf (GDPR Art 28).")),
    (Nc_("glossary term", "EEA"),
     N_("European Economic Area: the EU 27 plus Iceland, Liechtenstein and Norway.")),
    (Nc_("glossary term", "WP248"),
     N_("Guidelines of the Article 29 Working Party on DPIAs, endorsed by the EDPB: nine criteria; two or "
        "more usually make a DPIA mandatory.")),
    (Nc_("glossary term", "Feared event"),
     N_("In the CNIL PIA method: illegitimate access to, unwanted modification of, or disappearance of "
        "personal data.")),
    (Nc_("glossary term", "Severity"),
     N_("How serious the harm to the people concerned would be, from 1 (negligible) to 4 (maximum).")),
    (Nc_("glossary term", "Likelihood"),
     N_("How likely a feared event is, from 1 (negligible) to 4 (maximum).")),
    (Nc_("glossary term", "DORI"),
     N_("Detection, observation, recognition, identification: the pixel-density classes of EN 62676-4 for "
        "what a camera can show of a person.")),
    (Nc_("glossary term", "Identification grade"),
     N_("A frontal face with enough pixels for a biometric template to be computed from it.")),
    (Nc_("glossary term", "Recall"),
     N_("The share of the faces really present that the detector finds.")),
    (Nc_("glossary term", "Redaction"),
     N_("Irreversible masking of faces (strong pixelation and blur, or a solid fill) before a frame is put in"
        " the report.")),
    (Nc_("glossary term", "Blocker"),
     N_("The practice is prohibited, or unlawful unless an exception applies that a retailer normally cannot "
        "invoke. Do not deploy.")),
    (Nc_("glossary term", "Major"),
     N_("Likely infringement: fix it before go-live.")),
    (Nc_("glossary term", "Minor"),
     N_("A documentation or good-practice gap.")),
    (Nc_("glossary term", "Waiver"),
     N_("A finding the controller accepts with a written justification, an approver and an expiry date; it "
        "stays visible in the report.")),
    (Nc_("glossary term", "SCC / TIA"),
     N_("Standard contractual clauses for transfers outside the EEA / transfer impact assessment.")),
    (Nc_("glossary term", "SHA-256"),
     N_("A cryptographic fingerprint of a file: any change to the file changes it.")),
    (Nc_("glossary term", "AI Act"),
     N_("Regulation (EU) 2024/1689 laying down harmonised rules on artificial intelligence.")),
]


def glossary(lang: str) -> list[tuple[str, str]]:
    return [(tc(lang, "glossary term", term), t(lang, definition)) for term, definition in GLOSSARY]


def severity_label(severity: str, lang: str) -> str:
    name = SEVERITY_NAMES.get(severity)
    return tc(lang, "severity", name) if name else severity


def level_label(level: int, lang: str) -> str:
    return t(lang, LEVEL_NAMES[int(level)])


def risk_level_label(level: str, lang: str) -> str:
    return tc(lang, "risk level", RISK_LEVEL_NAMES[level])


def humanise(value: str) -> str:
    """Last resort for a value outside the vocabularies: 'some_value' -> 'some value'."""
    return str(value).replace("_", " ")


def vocab(field: str, value: Any, lang: str) -> str:
    """A closed-vocabulary value (zone, purpose, technique, ...) in words."""
    if value is None:
        return t(lang, "not declared")
    english = VOCAB.get(field, {}).get(str(value))
    return tc(lang, field, english) if english else humanise(value)


def vocab_list(field: str, values: Any, lang: str) -> str:
    if not values:
        return "—"
    return ", ".join(vocab(field, v, lang) for v in values)


def yes_no(value: Any, lang: str) -> str:
    """yes / no / not declared."""
    if value is None:
        return t(lang, "not declared")
    return t(lang, "yes") if value else t(lang, "no")


def wp248_name(number: int, lang: str) -> str:
    name = WP248_NAMES.get(int(number))
    return t(lang, name) if name else t(lang, "criterion {n}", n=number)


def cnil_item_name(item: str, lang: str) -> str:
    name = CNIL_ITEMS.get(str(item))
    return f"{item} ({t(lang, name)})" if name else str(item)


def art35_3_name(point: str, lang: str) -> str:
    name = ART35_3_NAMES.get(str(point))
    return t(lang, name) if name else str(point)
