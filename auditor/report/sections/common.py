"""Shared pieces of the DPIA report's sections: the build context, markup helpers, labels of subjects,
citations and findings, section numbering, the verdict lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from auditor.core.i18n import N_, Nc_
from auditor.core.model import AuditResult, Finding, Reference, Severity, Tier
from auditor.report import i18n
from auditor.report import risk as risk_mod
from auditor.report import styles as st
from auditor.report.document import (
    Block,
    Heading,
    Image,
    Para,
    Table,
)
from auditor.report.evidence import EvidenceSet
from auditor.report.i18n import t, tc


mm = 72 / 25.4


_SEVERITY_ORDER = [Severity.BLOCKER, Severity.MAJOR, Severity.MINOR, Severity.INFO]


Flowable = Block


class _StyleNames(dict):
    """ctx.s[name] is the style's name: blocks carry names, each renderer owns the look."""

    def __missing__(self, key: str) -> str:
        return key


@dataclass
class _Ctx:
    result: AuditResult
    lang: str
    evidence: EvidenceSet | None
    assessor: str | None
    risk: risk_mod.RiskAssessment
    s: dict
    changes: Any = None              # diff.AuditDiff against the previous assessment, if any


def _p(text: str, style: str = "body", ctx: _Ctx | None = None, bulletText: str | None = None) -> Para:
    return Para(text, style, bullet=bulletText)


def _e(text: Any) -> str:
    return escape("" if text is None else str(text))


def _dict(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _list(v: Any) -> list:
    return v if isinstance(v, list) else []


def _first(d: dict, *keys: str, default: Any = None) -> Any:
    for k in keys:
        cur: Any = d
        for part in k.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        if cur is not None:
            return cur
    return default


def _table(rows: list[list[Any]], widths: list[float], *, header: bool = True, style: str = "cell",
           width: float | None = None, **kw: Any) -> Table:
    """A table whose cells are markup (they wrap); the header row repeats on every page."""
    cells = [[c if isinstance(c, (Para, Image, list)) else (c.text if isinstance(c, _Raw) else _e(c)) for c in row]
             for row in rows]
    return Table(cells, widths, header=header, width=(width or st.CONTENT_WIDTH) / st.CONTENT_WIDTH, style=style,
                 **kw)


class _Raw:
    """Cell text that is already markup (not to be escaped)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _kv(rows: list[tuple[str, Any]], *, widths: tuple[float, float] = (0.34, 0.66)) -> Table:
    return _table([[k, v] for k, v in rows], list(widths), header=False, kind="kv")


def _bullets(items: Iterable[str], style: str = "bullet", bullet: str = "•") -> list[Flowable]:
    return [Para(text, style, bullet=bullet) for text in items]


def _sev_badge(severity: str, lang: str) -> str:
    colour = st.severity_colour(severity).hexval()[2:]
    return f'<font color="#{colour}"><b>{_e(i18n.severity_label(severity, lang).upper())}</b></font>'


_tx = i18n.rule_text


def _text(value: Any, lang: str) -> str:
    """A Text (bilingual) or a plain string in the report's language."""
    if hasattr(value, "get") and hasattr(value, "fr"):
        return value.get(lang)
    return "" if value is None else str(value)


def subject_label(subject: str, lang: str) -> str:
    kind, _, ident = subject.partition(":")
    if kind == "camera":
        return t(lang, "camera {id}", id=ident)
    if kind == "activity":
        return t(lang, "activity {id}", id=ident)
    if kind == "deployment" or not ident:
        return t(lang, "whole deployment")
    return subject


# Instruments whose name is translated (context "instrument" in the catalogs); others print as cited.
_INSTRUMENTS = (Nc_("instrument", "GDPR"), Nc_("instrument", "AI Act"), Nc_("instrument", "ePrivacy Directive"),
                Nc_("instrument", "French Labour Code"), Nc_("instrument", "CNIL DPIA list"),
                Nc_("instrument", "UK SC Code"), Nc_("instrument", "Commission Guidelines on prohibited AI practices"),
                Nc_("instrument", "Digital Omnibus on AI"), Nc_("instrument", "CJEU"), Nc_("instrument", "ECtHR"),
                Nc_("instrument", "CE"))


def reference_label(ref: Reference, lang: str) -> str:
    """The citation in the report's language: Reference.label() in English, the language's conventions otherwise
    (French: "RGPD art. 5(1)(e)", "Lignes directrices 3/2019 du CEPD, §8, point 121"), all from the catalogs."""
    inst = ref.instrument
    m = re.match(r"EDPB (Guidelines|Opinion) (.+)", inst)
    if m:
        inst = t(lang, "EDPB Guidelines {n}", n=m.group(2)) if m.group(1) == "Guidelines" else \
            t(lang, "EDPB Opinion {n}", n=m.group(2))
    elif re.fullmatch(r"WP\d+", inst):
        inst = tc(lang, "Article 29 Working Party document", "{name}", name=inst)
    elif inst in _INSTRUMENTS:
        inst = tc(lang, "instrument", inst)
    if ref.article:
        text = t(lang, "{instrument} Art {article}", instrument=inst, article=ref.article)
        text += "".join(f"({x})" for x in (ref.paragraph, ref.point) if x)
    else:
        text = inst
        if ref.section:
            text = t(lang, "{ref} §{section}", ref=text, section=ref.section)
        if ref.paragraph:
            text = t(lang, "{ref} para {paragraph}", ref=text, paragraph=ref.paragraph)
        if ref.point:
            text = t(lang, "{ref} point {point}", ref=text, point=ref.point)
    if inst == ref.instrument or not text:
        return text
    return text[0].upper() + text[1:]              # a translated name opens the citation: "Lignes directrices"


def _sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.rule_id, f.subject))


def _open_findings(result: AuditResult) -> list[Finding]:
    return [f for f in _sorted_findings(result.findings) if not f.is_waived and not f.question]


def _questions(result: AuditResult) -> list[Finding]:
    return [f for f in _sorted_findings(result.findings) if f.question and not f.is_waived]


class _Headings:
    def __init__(self) -> None:
        self.n = 0
        self.sub = 0

    def h1(self, ctx: _Ctx, key: str, *, number: bool = True, art: str | None = None) -> list[Flowable]:
        self.sub = 0
        if number:
            self.n += 1
            title = f"{self.n}. {t(ctx.lang, key)}"
        else:
            title = t(ctx.lang, key)
        out: list[Flowable] = [Heading(title, 0, "sec-" + _slug(key))]
        if art:
            out.append(_p(_e(t(ctx.lang, art)), "muted"))
        return out

    def h2(self, ctx: _Ctx, text: str, key: str) -> Flowable:
        self.sub += 1
        prefix = f"{self.n}.{self.sub} " if self.n else ""
        return Heading(prefix + text, 1, "sub-" + _slug(key))

    def number_of(self, key: str) -> str:
        return str(_SECTION_NUMBERS.get(key, ""))


def _slug(text: str) -> str:
    """An anchor name from a heading's English text or key: 'Executive summary' -> 'Executive-summary'."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


# Sections are numbered in this order; other sections refer to them by number.
_SECTION_ORDER = [N_("Executive summary"), N_("Systematic description of the processing"),
                  N_("Necessity and proportionality"),
                  N_("Risks to the rights and freedoms of data subjects"), N_("Measures and action plan"),
                  N_("Per-camera evidence"), N_("All findings"), N_("Questions for the assessor"), N_("Waivers")]


_SECTION_NUMBERS = {k: i + 1 for i, k in enumerate(_SECTION_ORDER)}


EVIDENCE_REVIEWED = N_("The evidence frames were reviewed by a person in the application before export.")
EVIDENCE_NOT_REVIEWED = N_("The evidence frames were not reviewed by a person in the application before this report "
                           "was produced.")

_TIER_COLOUR = {"prohibited": "blocker", "unlawful_until_fixed": "major"}


def verdict_colour(tier: Tier) -> Any:
    """Red for prohibited, orange for unlawful until fixed, green for lawful with conditions."""
    colour = _TIER_COLOUR.get(tier.value)
    return st.severity_colour(colour) if colour else st.colors.HexColor("#276749")


def verdict_lines(result: AuditResult, lang: str, *, limit: int = 6) -> list[str]:
    """The verdict's reasons as report lines (markup): the findings that make it, or the count of conditions."""
    tier = result.verdict()
    made_by = _sorted_findings(result.verdict_findings())
    section = _SECTION_NUMBERS["All findings"]
    if tier is Tier.LAWFUL_WITH_CONDITIONS:
        key = N_("Conditions: {n} open finding(s) to address (section {section}).") if made_by else \
            N_("No open finding: no condition was raised by the rules (within the limits stated in this report).")
        return [_e(t(lang, key, n=i18n.format_number(len(made_by), lang), section=section))]
    lines = [_finding_line(f, lang, with_rule=False) + '<br/><font size=7 color="#52606d">' + _e(f.rule_id)
             + " · " + _e(", ".join(reference_label(x, lang) for x in f.references)) + "</font>"
             for f in made_by[:limit]]
    if len(made_by) > limit:
        lines.append(_e(t(lang, "and {n} more (section {section})", n=i18n.format_number(len(made_by) - limit, lang),
                          section=section)))
    return lines


def _store(result: AuditResult) -> dict:
    return _dict(result.facts.get("store"))


def store_name(result: AuditResult) -> str:
    return str(_store(result).get("name") or result.facts.get("title") or "—")


def audit_date(result: AuditResult) -> str:
    return str(_first(result.facts, "audit.date", default=result.generated_at[:10]))


_UNDECIDED = re.compile(r"^(?:Could not decide|Impossible de décider)\s*:\s*(?P<key>\S+)\s+"
                        r"(?:is not declared|n'est pas déclarée?)\.\s*(?P<rest>.*)$", re.S)


def question_parts(f: Finding, lang: str) -> tuple[str, str | None]:
    """A question finding as (the question, the undeclared configuration key or None): never a finding's title."""
    title = _tx(f.title, lang).rstrip(" ?\u202f")
    mark = i18n.question_mark(lang)
    m = _UNDECIDED.match(f.message.get(lang) or "") or _UNDECIDED.match(f.message.en or "")
    if m:
        return title + mark, m.group("key")
    return (_tx(f.title, lang) if _tx(f.title, lang).rstrip().endswith("?") else title + mark), None


def _question_badge(lang: str) -> str:
    colour = st.severity_colour("question").hexval()[2:]
    return f'<font color="#{colour}"><b>{_e(t(lang, "Question").upper())}</b></font>'


def unique_references(f: Finding, lang: str) -> list[Reference]:
    """The finding's references, each citation once (two references may print the same label)."""
    seen: set[str] = set()
    out = []
    for r in f.references:
        label = reference_label(r, lang)
        if label not in seen:
            seen.add(label)
            out.append(r)
    return out


def _finding_line(f: Finding, lang: str, *, with_rule: bool = True) -> str:
    if f.question:
        text = f"{_question_badge(lang)} {_e(question_parts(f, lang)[0])} — {_e(subject_label(f.subject, lang))}"
    else:
        text = f"{_sev_badge(f.severity.value, lang)} {_e(_tx(f.title, lang))} — {_e(subject_label(f.subject, lang))}"
    if with_rule:
        text += f' <font size=7 color="#52606d">[{_e(f.rule_id)}]</font>'
    return text


def actions(result: AuditResult) -> list[tuple[Finding, list[Finding]]]:
    """One action per rule among the open findings (not waived, not questions, not info), worst first."""
    by_rule: dict[str, list[Finding]] = {}
    for f in _open_findings(result):
        if f.severity == Severity.INFO:
            continue
        by_rule.setdefault(f.rule_id, []).append(f)
    groups = [(fs[0], fs) for fs in by_rule.values()]
    return sorted(groups, key=lambda g: (-max(x.severity.rank for x in g[1]), g[0].rule_id))
