"""The DPIA report's content as a list of reportlab flowables: `build_story(result, lang, evidence)`.

Layout follows GDPR Art 35(7) and the CNIL PIA method: cover, summary, description, necessity and
proportionality, risks, measures and action plan, per-camera evidence, findings, questions, waivers,
appendices (audit trail, DPO opinion and sign-off, glossary). Every string comes from `i18n`, or from
the bilingual text a Finding carries. Headings carry their TOC level and outline key, so that
`pdf.write_pdf` can build the table of contents and the PDF bookmarks; tests read the story as data.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from auditor.core.derived_facts import CameraDerived
from auditor.core.footage_facts import FootageFacts
from auditor.core.model import AuditResult, Finding, Reference, Severity, Tier
from auditor.report import i18n
from auditor.report import risk as risk_mod
from auditor.report import styles as st
from auditor.report.document import (
    Block,
    CondPageBreak,
    Document,
    Heading,
    Image,
    KeepTogether,
    PageBreak,
    Para,
    RiskMap,
    Spacer,
    Table,
    Toc,
    headings,
    plain_text,
)
from auditor.report.textprep import FACT_CHARS, clip, display_result
from auditor.report.evidence import EvidenceFrame, EvidenceSet
from auditor.report.i18n import t

__all__ = ["build_document", "build_story", "headings", "plain_text", "reference_label", "subject_label"]

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


# --- small helpers ----------------------------------------------------------------------------------------------------

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


def _tx(value: Any, lang: str) -> str:
    """Rule text (a bilingual Text) in the report's language, with French spacing in French."""
    text = value.get(lang)
    return i18n.french_typography(text) if lang == "fr" else text


def _text(value: Any, lang: str) -> str:
    """A Text (bilingual) or a plain string in the report's language."""
    if hasattr(value, "get") and hasattr(value, "fr"):
        return value.get(lang)
    return "" if value is None else str(value)


def subject_label(subject: str, lang: str) -> str:
    kind, _, ident = subject.partition(":")
    if kind == "camera":
        return t(lang, "subject.camera", id=ident)
    if kind == "activity":
        return t(lang, "subject.activity", id=ident)
    if kind == "deployment" or not ident:
        return t(lang, "subject.deployment")
    return subject


_FR_INSTRUMENTS = {
    "GDPR": "RGPD", "AI Act": "RIA (AI Act)", "ePrivacy Directive": "directive ePrivacy",
    "French Labour Code": "Code du travail", "CNIL DPIA list": "liste CNIL des AIPD",
    "UK SC Code": "code britannique des caméras de surveillance",
    "Commission Guidelines on prohibited AI practices": "lignes directrices de la Commission sur les pratiques "
                                                         "d'IA interdites",
    "Digital Omnibus on AI": "omnibus numérique sur l'IA", "CJEU": "CJUE", "ECtHR": "CEDH",
    "CE": "Conseil d'État",
}


def reference_label(ref: Reference, lang: str) -> str:
    """The citation in the report's language: Reference.label() in English, French conventions in French."""
    if lang != "fr":
        return ref.label()
    inst = ref.instrument
    m = re.match(r"EDPB Guidelines (.+)", inst)
    if m:
        inst = f"lignes directrices {m.group(1)} du CEPD"
    elif inst.startswith("EDPB Opinion "):
        inst = f"avis {inst[len('EDPB Opinion '):]} du CEPD"
    elif inst.startswith("WP"):
        inst = f"{inst} (G29)"
    else:
        inst = _FR_INSTRUMENTS.get(inst, inst)
    text = inst
    if ref.article:
        text += f" art. {ref.article}"
        if ref.paragraph:
            text += f"({ref.paragraph})"
        if ref.point:
            text += f"({ref.point})"
    else:
        if ref.section:
            text += f", §{ref.section}"
        if ref.paragraph:
            text += f", point {ref.paragraph}"
        if ref.point:
            text += f", {ref.point}"
    return text[0].upper() + text[1:] if text else text


def _sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-f.severity.rank, f.rule_id, f.subject))


def _open_findings(result: AuditResult) -> list[Finding]:
    return [f for f in _sorted_findings(result.findings) if not f.is_waived and not f.question]


def _questions(result: AuditResult) -> list[Finding]:
    return [f for f in _sorted_findings(result.findings) if f.question and not f.is_waived]


# --- section numbering / headings ---------------------------------------------------------------------------------

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
        out: list[Flowable] = [Heading(title, 0, f"sec-{key}")]
        if art:
            out.append(_p(_e(t(ctx.lang, art)), "muted"))
        return out

    def h2(self, ctx: _Ctx, text: str, key: str) -> Flowable:
        self.sub += 1
        prefix = f"{self.n}.{self.sub} " if self.n else ""
        return Heading(prefix + text, 1, f"sub-{key}")

    def number_of(self, key: str) -> str:
        return str(_SECTION_NUMBERS.get(key, ""))


# Sections are numbered in this order; other sections refer to them by number.
_SECTION_ORDER = ["sec.summary", "sec.description", "sec.necessity", "sec.risks", "sec.measures", "sec.evidence",
                  "sec.findings", "sec.questions", "sec.waivers"]
_SECTION_NUMBERS = {k: i + 1 for i, k in enumerate(_SECTION_ORDER)}


# --- cover ------------------------------------------------------------------------------------------------------------

_TIER_COLOUR = {"prohibited": "blocker", "unlawful_until_fixed": "major"}


def verdict_colour(tier: Tier) -> Any:
    """Red for prohibited, orange for unlawful until fixed, green for lawful with conditions."""
    colour = _TIER_COLOUR.get(tier.value)
    return st.severity_colour(colour) if colour else st.colors.HexColor("#276749")


def verdict_lines(result: AuditResult, lang: str, *, limit: int = 6) -> list[str]:
    """The verdict's reasons as report lines (markup): the findings that make it, or the count of conditions."""
    tier = result.verdict()
    made_by = _sorted_findings(result.verdict_findings())
    section = _SECTION_NUMBERS["sec.findings"]
    if tier is Tier.LAWFUL_WITH_CONDITIONS:
        key = "verdict.conditions" if made_by else "verdict.no_conditions"
        return [_e(t(lang, key, n=i18n.format_number(len(made_by), lang), section=section))]
    lines = [_finding_line(f, lang, with_rule=False) + '<br/><font size=7 color="#52606d">' + _e(f.rule_id)
             + " · " + _e(", ".join(reference_label(x, lang) for x in f.references)) + "</font>"
             for f in made_by[:limit]]
    if len(made_by) > limit:
        lines.append(_e(t(lang, "verdict.more", n=i18n.format_number(len(made_by) - limit, lang), section=section)))
    return lines


def _store(result: AuditResult) -> dict:
    return _dict(result.facts.get("store"))


def store_name(result: AuditResult) -> str:
    return str(_store(result).get("name") or result.facts.get("title") or "—")


def audit_date(result: AuditResult) -> str:
    return str(_first(result.facts, "audit.date", default=result.generated_at[:10]))


def _cover(ctx: _Ctx) -> list[Flowable]:
    r, lang, _s = ctx.result, ctx.lang, ctx.s
    facts = r.facts
    store = _store(r)
    out: list[Flowable] = [Spacer(18 * mm), _p(_e(t(lang, "doc.title")), "cover_title"),
                           _p(_e(t(lang, "doc.subtitle")), "cover_sub"),
                           _p(_e(t(lang, "doc.method")), "muted")]
    out.append(_p(_e(store_name(r)) + (f"<br/><font size=10>{_e(facts.get('title'))}</font>"
                                       if facts.get("title") and facts.get("title") != store_name(r) else ""),
                  "cover_store"))
    controller = _dict(facts.get("controller"))
    dpo = _dict(facts.get("dpo"))
    if dpo.get("appointed"):
        dpo_text = ", ".join(x for x in (dpo.get("name"), dpo.get("contact")) if x) or t(lang, "yes")
    elif dpo:
        dpo_text = t(lang, "cover.not_appointed")
    else:
        dpo_text = t(lang, "unknown")
    address = ", ".join(str(x) for x in (store.get("address"), store.get("country")) if x)
    rows = [
        (t(lang, "cover.store"), f"{store_name(r)}" + (f" — {address}" if address else "")),
        (t(lang, "cover.controller"), ", ".join(str(x) for x in (controller.get("name"), controller.get("address"))
                                               if x) or t(lang, "unknown")),
        (t(lang, "cover.dpo"), dpo_text),
        (t(lang, "cover.assessor"), ctx.assessor or _Raw(f"<i>{_e(t(lang, 'cover.to_fill'))}</i>")),
        (t(lang, "cover.audit_date"), i18n.format_date(audit_date(r), lang)),
        (t(lang, "cover.generated"), i18n.format_datetime(r.generated_at, lang)),
        (t(lang, "cover.packs"), ", ".join(f"{_text(p.title, lang)} {p.version}" for p in r.packs) or "—"),
        (t(lang, "cover.dpia_required"), i18n.yes_no(_first(facts, "derived.dpia_required"), lang)),
    ]
    out += [_kv(rows), Spacer(8 * mm)]
    tier = r.verdict()
    box = Table([[_e(t(lang, "cover.verdict")).upper()], [_e(_tx(tier.text, lang))]], [1],
                header=False, kind="box", style="verdict", background="#" + verdict_colour(tier).hexval()[2:])
    out += [box, Spacer(2 * mm)]
    if tier is not Tier.LAWFUL_WITH_CONDITIONS:
        out.append(_p(f"<b>{_e(t(lang, 'verdict.made_by'))}</b>", "small"))
    out += _bullets(verdict_lines(r, lang, limit=4))
    out.append(Spacer(4 * mm))
    if not r.evidence_reviewed:
        out.append(_p(f"<b>{_e(t(lang, 'cover.evidence_not_reviewed'))}</b>", "small"))
    out += [Spacer(6 * mm), _p(_e(t(lang, "doc.not_legal_advice")), "muted")]
    return out


# --- 1. summary --------------------------------------------------------------------------------------------------

def _dpia_reasons(ctx: _Ctx) -> list[Flowable]:
    d = _dict(ctx.result.facts.get("derived"))
    lang = ctx.lang
    out: list[Flowable] = []
    wp = _dict(d.get("wp248"))
    met = [int(n) for n in _list(wp.get("met"))]
    criteria = {int(c.get("number")): c for c in _list(wp.get("criteria")) if isinstance(c, dict) and "number" in c}
    if wp:
        out += _bullets([_e(t(lang, "sum.wp248_count", n=wp.get("count", len(met))))])
        for n in met:
            line = f"<b>{n}.</b> {_e(i18n.wp248_name(n, lang))}"
            crit = _dict(criteria.get(n))
            reasons = _list(crit.get("reasons_fr") if lang == "fr" else crit.get("reasons"))
            if reasons:                         # derived reasons come in both languages
                line += f" — <i>{_e((' ; ' if lang == 'fr' else '; ').join(str(x) for x in reasons))}</i>"
            out += _bullets([line], "subbullet", "–")
    items = _list(d.get("cnil_list"))
    if items:
        out += _bullets([_e(t(lang, "sum.cnil_list", items="; ".join(i18n.cnil_item_name(i, lang) for i in items)))])
    points = _list(d.get("art35_3"))
    if points:
        out += _bullets([_e(t(lang, "sum.art35_3", points="; ".join(i18n.art35_3_name(p, lang) for p in points)))])
    return out


_UNDECIDED = re.compile(r"^(?:Could not decide|Impossible de décider)\s*:\s*(?P<key>\S+)\s+"
                        r"(?:is not declared|n'est pas déclarée?)\.\s*(?P<rest>.*)$", re.S)


def question_parts(f: Finding, lang: str) -> tuple[str, str | None]:
    """A question finding as (the question, the undeclared configuration key or None): never a finding's title."""
    title = _tx(f.title, lang).rstrip(" ?\u202f")
    mark = f"{i18n.NNBSP}?" if lang == "fr" else "?"
    m = _UNDECIDED.match(f.message.get(lang) or "") or _UNDECIDED.match(f.message.en or "")
    if m:
        return title + mark, m.group("key")
    return (_tx(f.title, lang) if _tx(f.title, lang).rstrip().endswith("?") else title + mark), None


def _question_badge(lang: str) -> str:
    colour = st.severity_colour("question").hexval()[2:]
    return f'<font color="#{colour}"><b>{_e(t(lang, "q.badge").upper())}</b></font>'


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


def _summary(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang, _s = ctx.result, ctx.lang, ctx.s
    out = h.h1(ctx, "sec.summary")
    tier = r.verdict()
    out.append(_p(_e(t(lang, "sum.verdict")), "h3"))
    out.append(_p(f'<font color="#{verdict_colour(tier).hexval()[2:]}">{_e(_tx(tier.text, lang))}</font>',
                  "verdict_summary"))
    out += _bullets(verdict_lines(r, lang, limit=50))
    also = [f for f in _sorted_findings(r.blocking_findings()) if f.verdict_tier is not tier]
    if also:
        out.append(_p(_e(t(lang, "verdict.also_blocking")), "label"))
        out += _bullets(_finding_line(f, lang) for f in also)
    d = _dict(r.facts.get("derived"))
    out.append(_p(_e(t(lang, "sum.dpia_head")), "h3"))
    required = d.get("dpia_required")
    out.append(_p("<b>" + _e(t(lang, "sum.dpia_yes" if required else "sum.dpia_no")) + "</b>"))
    out += _dpia_reasons(ctx)
    if required and lang == "en" and _list(d.get("dpia_reasons")) and not _list(_dict(d.get("wp248")).get("met")):
        out += _bullets(_e(x) for x in _list(d.get("dpia_reasons")))

    out.append(_p(_e(t(lang, "sum.counts")), "h3"))
    open_counts = r.counts()
    waived_counts = r.counts(waived=True)
    q = {sv.value: 0 for sv in Severity}
    for f in r.findings:
        if f.question and not f.is_waived:
            q[f.severity.value] += 1
    rows: list[list[Any]] = [["", t(lang, "sum.open"), t(lang, "sum.questions"), t(lang, "sum.waived")]]
    for sv in _SEVERITY_ORDER:
        rows.append([_Raw(_sev_badge(sv.value, lang)), i18n.format_number(open_counts[sv.value] - q[sv.value], lang),
                     i18n.format_number(q[sv.value], lang), i18n.format_number(waived_counts[sv.value], lang)])
    rows.append([_Raw(f"<b>{_e(t(lang, 'sum.total'))}</b>"),
                 i18n.format_number(sum(open_counts.values()) - sum(q.values()), lang),
                 i18n.format_number(sum(q.values()), lang), i18n.format_number(sum(waived_counts.values()), lang)])
    out.append(_table(rows, [3, 2, 2, 2], width=st.CONTENT_WIDTH * 0.6))

    out.append(_p(_e(t(lang, "sum.top_actions")), "h3"))
    acts = actions(r)[:6]
    if acts:
        out += _bullets((f"{_sev_badge(f.severity.value, lang)} {_e(_tx(f.remediation, lang))} "
                         f'<font size=7 color="#52606d">[{_e(f.rule_id)}]</font>' for f, _ in acts),
                        bullet="→")
    else:
        out.append(_p(_e(t(lang, "sum.no_actions"))))

    out.append(_p(_e(t(lang, "sum.risk_head")), "h3"))
    lines = []
    for ev in ctx.risk.events:
        before = i18n.risk_level_label(st.risk_level(ev.severity_before, ev.likelihood_before), lang)
        after = i18n.risk_level_label(st.risk_level(ev.severity_after, ev.likelihood_after), lang)
        lines.append(_e(t(lang, "sum.risk_line", event=ev.name.get(lang), before=before, after=after)))
    out += _bullets(lines)
    if ctx.risk.residual_high:
        out.append(_p("<b>" + _e(t(lang, "risk.prior_consultation")) + "</b>"))

    out.append(_p(_e(t(lang, "sum.limits_head")), "h3"))
    cams = [c for c in _list(r.facts.get("cameras")) if isinstance(c, dict)]
    analysed = sum(1 for c in cams if CameraDerived.from_dict(c.get("derived")).footage_analysed
                   or isinstance(c.get("footage"), dict))
    limits = [_e(t(lang, "sum.footage_cover", n=i18n.format_number(analysed, lang),
                   m=i18n.format_number(len(cams), lang)))]
    if r.footage_errors:
        limits.append(_e(t(lang, "sum.footage_errors", n=i18n.format_number(len(r.footage_errors), lang))))
    questions = _questions(r)
    if questions:
        limits.append(_e(t(lang, "sum.questions_left", n=i18n.format_number(len(questions), lang),
                           section=_SECTION_NUMBERS["sec.questions"])))
    limits.append(_e(t(lang, "sum.evidence_reviewed" if r.evidence_reviewed else "cover.evidence_not_reviewed")))
    out += _bullets(limits)
    return out


# --- 2. description ---------------------------------------------------------------------------------------------

def _days(v: Any, lang: str) -> str:
    if v is None:
        return t(lang, "unknown")
    return t(lang, "f.days", n=i18n.format_number(v, lang))


def _no_activity_text(facts: dict, lang: str) -> str:
    """No activity declared: say so, and say that recording cameras are a processing operation all the same."""
    recording = [c for c in _list(facts.get("cameras")) if isinstance(c, dict) and c.get("recording")]
    if recording:
        return t(lang, "desc.implicit_recording", n=i18n.format_number(len(recording), lang))
    return t(lang, "desc.no_activities")


def _description(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    f = r.facts
    out = h.h1(ctx, "sec.description", art="art35.a")
    out.append(_p(_e(t(lang, "desc.intro"))))
    store = _store(r)
    controller = _dict(f.get("controller"))
    out.append(h.h2(ctx, t(lang, "desc.context"), "context"))
    rows = [
        (t(lang, "cover.store"), store_name(r)),
        (t(lang, "f.store_type"), i18n.vocab("store_type", store.get("type"), lang)),
        (t(lang, "f.address"), store.get("address") or t(lang, "unknown")),
        (t(lang, "f.country"), i18n.country_name(store.get("country"), lang)),
        (t(lang, "f.opening_hours"), store.get("opening_hours") or t(lang, "unknown")),
        (t(lang, "f.open_to_public"), i18n.yes_no(store.get("open_to_public"), lang)),
        (t(lang, "f.store_count"), i18n.format_number(store.get("store_count", 1), lang)),
        (t(lang, "f.visitors"), i18n.format_number(store.get("visitors_per_day"), lang)
         if store.get("visitors_per_day") is not None else t(lang, "unknown")),
        (t(lang, "f.employees"), i18n.format_number(store.get("employees"), lang)
         if store.get("employees") is not None else t(lang, "unknown")),
        (t(lang, "cover.controller"), ", ".join(str(x) for x in (controller.get("name"), controller.get("country"),
                                                                controller.get("contact")) if x) or "—"),
    ]
    joint = _list(f.get("joint_controllers"))
    if joint:
        rows.append((t(lang, "f.joint_controllers"), ", ".join(str(_dict(j).get("name")) for j in joint)))
    out.append(_kv(rows))

    acts = [a for a in _list(f.get("activities")) if isinstance(a, dict)]
    out.append(h.h2(ctx, t(lang, "desc.activities"), "activities"))
    if acts:
        rows2: list[list[Any]] = [[t(lang, "f.activity"), t(lang, "f.technique"), t(lang, "f.purpose"),
                                   t(lang, "f.legal_basis"), t(lang, "f.cameras"), t(lang, "f.ai_type")]]
        for a in acts:
            purpose = i18n.vocab("purpose_category", a.get("purpose_category"), lang) if a.get("purpose_category") else ""
            if a.get("purpose"):
                colon = f"{i18n.NNBSP}: " if lang == "fr" else ": "
                purpose = f"{purpose}{colon}{a['purpose']}" if purpose else str(a["purpose"])
            basis = i18n.vocab("legal_basis", a.get("legal_basis"), lang)
            if a.get("art9_exceptions"):
                basis += f"; {t(lang, 'f.art9')} {', '.join(a['art9_exceptions'])}"
            rows2.append([_Raw(f"<b>{_e(a.get('name'))}</b><br/><font size=6.8>{_e(a.get('id'))}</font>"),
                          i18n.vocab("technique", a.get("technique"), lang), purpose or "—", basis,
                          ", ".join(_list(a.get("cameras"))) or "—",
                          i18n.vocab("ai_type", _dict(a.get("derived")).get("aiact_type", "none"), lang)])
        out.append(_table(rows2, [3.1, 2.5, 3.4, 2.6, 1.6, 2.8]))
    else:
        out.append(_p(_e(_no_activity_text(f, lang))))

    out.append(h.h2(ctx, t(lang, "desc.data"), "data"))
    if acts:
        rows3: list[list[Any]] = [[t(lang, "f.activity"), t(lang, "f.data_categories"), t(lang, "f.subjects"),
                                   t(lang, "f.special")]]
        for a in acts:
            rows3.append([a.get("name"), i18n.vocab_list("data_category", a.get("data_categories"), lang),
                          i18n.vocab_list("subject", a.get("subjects"), lang),
                          i18n.vocab_list("special_category", _dict(a.get("derived")).get("special_categories"), lang)])
        out.append(_table(rows3, [3, 4, 3, 3]))
    else:
        out.append(_p(_e(_no_activity_text(f, lang))))

    out.append(h.h2(ctx, t(lang, "desc.recipients"), "recipients"))
    vendors = [v for v in _list(f.get("vendors")) if isinstance(v, dict)]
    if vendors:
        rows4: list[list[Any]] = [[t(lang, "f.vendor"), t(lang, "f.role"), t(lang, "f.country"), t(lang, "f.receives"),
                                   t(lang, "f.art28"), t(lang, "f.mechanism")]]
        for v in vendors:
            rows4.append([v.get("name"), i18n.vocab("vendor_role", v.get("role"), lang),
                          i18n.country_name(v.get("country"), lang) if v.get("country") else "—",
                          i18n.vocab_list("data_category", v.get("receives"), lang),
                          i18n.yes_no(v.get("art28_contract"), lang),
                          i18n.vocab("mechanism", v.get("transfer_mechanism"), lang)
                          if v.get("transfer_mechanism") else "—"])
        out.append(_table(rows4, [3, 2.2, 1.5, 3.8, 1.6, 3]))
    else:
        out.append(_p(_e(t(lang, "desc.no_vendors"))))
    recipients = _list(f.get("recipients"))
    if recipients:
        out.append(_p(f"<b>{_e(t(lang, 'desc.recipients_other'))}</b>{i18n.NNBSP if lang == 'fr' else ''}: "
                      + _e(i18n.vocab_list("recipient", recipients, lang))))

    out.append(h.h2(ctx, t(lang, "desc.transfers"), "transfers"))
    transfers = []
    for a in acts:
        for tr in _list(_dict(a.get("derived")).get("transfers_outside_eea")):
            tr = _dict(tr)
            transfers.append([a.get("name"), i18n.country_name(tr.get("country"), lang) if tr.get("country") else "—",
                              tr.get("recipient") or "—",
                              i18n.vocab("mechanism", tr.get("mechanism") or "none", lang)])
        if not _dict(a.get("derived")).get("transfers_outside_eea"):
            for tr in _list(a.get("transfers")):
                tr = _dict(tr)
                transfers.append([a.get("name"), i18n.country_name(tr.get("country"), lang) if tr.get("country") else "—",
                              tr.get("recipient") or "—",
                                  i18n.vocab("mechanism", tr.get("mechanism") or "none", lang)])
    if transfers:
        out.append(_table([[t(lang, "f.activity"), t(lang, "f.country"), t(lang, "f.recipient"),
                            t(lang, "f.mechanism")]] + transfers, [3, 1.4, 3, 3.5]))
    else:
        out.append(_p(_e(t(lang, "desc.no_transfers"))))

    cams = [c for c in _list(f.get("cameras")) if isinstance(c, dict)]
    out.append(h.h2(ctx, t(lang, "desc.retention"), "retention"))
    rows5: list[list[Any]] = [[t(lang, "f.item"), t(lang, "f.retention"), t(lang, "f.auto_delete"),
                               t(lang, "f.justification")]]
    for c in cams:
        rows5.append([t(lang, "subject.camera", id=c.get("id")), _days(c.get("retention_days"), lang),
                      i18n.yes_no(c.get("auto_delete"), lang), c.get("retention_justification") or "—"])
    for a in acts:
        if a.get("retention_days") is not None:
            rows5.append([t(lang, "subject.activity", id=a.get("id")), _days(a.get("retention_days"), lang), "—", "—"])
    if len(rows5) > 1:
        out.append(_table(rows5, [2.6, 1.6, 1.6, 5]))
    else:
        out.append(_p(_e(t(lang, "desc.no_cameras"))))

    out.append(h.h2(ctx, t(lang, "desc.cameras"), "cameras"))
    if cams:
        rows6: list[list[Any]] = [[t(lang, "f.camera"), t(lang, "f.zone"), t(lang, "f.view"), t(lang, "f.resolution"),
                                   t(lang, "f.purposes"), t(lang, "f.recording"), t(lang, "f.retention"),
                                   t(lang, "f.viewers")]]
        for c in cams:
            rec = i18n.yes_no(c.get("recording"), lang)
            if c.get("schedule"):
                rec += f" ({i18n.vocab('schedule', c.get('schedule'), lang)})"
            name = f"<b>{_e(c.get('id'))}</b>" + (f"<br/>{_e(c.get('name'))}" if c.get("name") else "")
            rows6.append([_Raw(name), i18n.vocab("zone", c.get("zone"), lang),
                          i18n.vocab("view", c.get("view"), lang) if c.get("view") else "—",
                          c.get("resolution") or "—", i18n.vocab_list("purpose", c.get("purposes"), lang), rec,
                          _days(c.get("retention_days"), lang) if c.get("retention_days") is not None else "—",
                          i18n.vocab_list("viewer", c.get("viewers"), lang)])
        out.append(_table(rows6, [2.1, 1.8, 1.4, 1.9, 2.8, 1.8, 1.6, 2.1]))
    else:
        out.append(_p(_e(t(lang, "desc.no_cameras"))))
    return out


# --- 3. necessity and proportionality --------------------------------------------------------------------------------

# Which findings bear on which principle (by rule id; a finding may fall under several).
PRINCIPLES: list[tuple[str, str]] = [
    ("nec.lawful", r"ART6|ART7|ART9|ART10|CONSENT|LIA|LEGAL-BASIS|PREFECT|AIACT-ART5|ART2-"),
    ("nec.minimisation", (r"ART5-1B|ART5-1C|ART25|FOOTAGE|ID-GRADE|AUDIO|FIELD-OF-VIEW|PURPOSE|INTIMATE|WORKSTATION"
                         r"|PUBLIC-ROAD|PROPERTY|PTZ|FUNCTION-CREEP")),
    ("nec.retention", r"ART5-1E|RETENTION|AUTODELETE"),
    ("nec.information", r"ART12|ART13|ART14|SIGN|NOTICE|INFO|ART50|HIDDEN|TRANSPAREN"),
    ("nec.rights", r"ART15|ART16|ART17|ART18|ART20|ART21|ART22|ACCESS-FOOTAGE|OBJECTION|ERASURE|RIGHTS"),
]


def findings_for_principle(result: AuditResult, key: str) -> list[Finding]:
    pattern = re.compile(dict(PRINCIPLES)[key])
    return [f for f in _sorted_findings(result.findings) if pattern.search(f.rule_id)]


def _necessity(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    f = r.facts
    out = h.h1(ctx, "sec.necessity", art="art35.b")
    out.append(_p(_e(t(lang, "nec.intro", section=_SECTION_NUMBERS["sec.findings"]))))
    acts = [a for a in _list(f.get("activities")) if isinstance(a, dict)]
    cams = [c for c in _list(f.get("cameras")) if isinstance(c, dict)]
    declared: dict[str, list[str]] = {k: [] for k, _ in PRINCIPLES}
    for a in acts:
        line = f"<b>{_e(a.get('name'))}</b> — {_e(t(lang, 'f.legal_basis'))}{i18n.NNBSP if lang == 'fr' else ''}: " \
               f"{_e(i18n.vocab('legal_basis', a.get('legal_basis'), lang))}"
        if a.get("art9_exceptions"):
            line += f"; {_e(t(lang, 'f.art9'))} {_e(', '.join(a['art9_exceptions']))}"
        if isinstance(a.get("consent"), dict):
            line += f"; {_e(t(lang, 'f.consent'))}{i18n.NNBSP if lang == 'fr' else ''}: " \
                    f"{_e(i18n.vocab('consent', a['consent'].get('mechanism'), lang))}"
        if a.get("lia_done") is not None:
            line += f"; {_e(t(lang, 'f.lia'))}{i18n.NNBSP if lang == 'fr' else ''}: {_e(i18n.yes_no(a.get('lia_done'), lang))}"
        declared["nec.lawful"].append(line)
        obj = a.get("objection")
        if isinstance(obj, dict):
            declared["nec.rights"].append(_e(t(lang, "nec.objection", act=a.get("name"),
                                               v=i18n.yes_no(obj.get("available"), lang))))
    masking = sum(1 for c in cams if c.get("privacy_masking"))
    audio = sum(1 for c in cams if c.get("audio"))
    ptz = sum(1 for c in cams if c.get("ptz_zoom"))
    if cams:
        declared["nec.minimisation"].append(_e(t(lang, "nec.minimisation_facts", n=masking, a=audio, p=ptz)))
    rets = sorted({c.get("retention_days") for c in cams if c.get("retention_days") is not None})
    if rets:
        declared["nec.retention"].append(_e(t(lang, "f.retention")) + (f"{i18n.NNBSP}: " if lang == "fr" else ": ")
                                         + _e(", ".join(_days(x, lang) for x in rets)))
    sign = f.get("signage")
    if isinstance(sign, dict):
        declared["nec.information"].append(_e(t(lang, "nec.signage_present", v=i18n.yes_no(sign.get("present"), lang),
                                                b=i18n.yes_no(sign.get("before_entry"), lang),
                                                f=i18n.vocab_list("sign_field", sign.get("fields"), lang))))
    else:
        declared["nec.information"].append(_e(t(lang, "nec.signage_absent")))
    proc = f.get("procedures")
    if isinstance(proc, dict):
        declared["nec.rights"].append(_e(t(lang, "nec.procedures", a=i18n.yes_no(proc.get("access_requests"), lang),
                                           f=i18n.yes_no(proc.get("freeze_on_request"), lang),
                                           d=i18n.yes_no(proc.get("disclosure_log"), lang))))
    for key, _ in PRINCIPLES:
        out.append(h.h2(ctx, t(lang, key), key))
        out += _bullets(declared[key])
        fs = findings_for_principle(r, key)
        if fs:
            out += _bullets((_finding_line(x, lang) for x in fs), bullet="▸")
        else:
            out.append(_p(f"<i>{_e(t(lang, 'nec.no_findings'))}</i>", "small"))
    return out


# --- 4. risks ---------------------------------------------------------------------------------------------------------

def _risks(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "sec.risks", art="art35.c")
    out.append(_p(_e(t(lang, "risk.intro", section=_SECTION_NUMBERS["sec.measures"]))))
    out.append(_p(_e(t(lang, "risk.scale")), "muted"))
    rows: list[list[Any]] = [[t(lang, "risk.event"),
                              f"{t(lang, 'risk.severity')} ({t(lang, 'risk.before')})",
                              f"{t(lang, 'risk.likelihood')} ({t(lang, 'risk.before')})",
                              f"{t(lang, 'risk.level')} ({t(lang, 'risk.before')})",
                              f"{t(lang, 'risk.severity')} ({t(lang, 'risk.after')})",
                              f"{t(lang, 'risk.likelihood')} ({t(lang, 'risk.after')})",
                              f"{t(lang, 'risk.level')} ({t(lang, 'risk.after')})"]]
    for ev in ctx.risk.events:
        rows.append([_Raw(f"<b>{ev.letter}</b> — {_e(ev.name.get(lang))}"),
                     i18n.level_label(ev.severity_before, lang), i18n.level_label(ev.likelihood_before, lang),
                     i18n.risk_level_label(st.risk_level(ev.severity_before, ev.likelihood_before), lang),
                     i18n.level_label(ev.severity_after, lang), i18n.level_label(ev.likelihood_after, lang),
                     i18n.risk_level_label(st.risk_level(ev.severity_after, ev.likelihood_after), lang)])
    out.append(_table(rows, [3.6, 1.6, 1.6, 1.3, 1.6, 1.6, 1.3]))
    out.append(CondPageBreak(95 * mm))
    out.append(h.h2(ctx, t(lang, "risk.map"), "riskmap"))
    chart = RiskMap(ctx.risk, lang, 118 * mm)
    out.append(KeepTogether([chart, _p(_e(t(lang, "risk.map_caption")), "caption")]))
    if ctx.risk.residual_high:
        out.append(_p("<b>" + _e(t(lang, "risk.prior_consultation")) + "</b>"))
    out.append(h.h2(ctx, t(lang, "risk.why"), "riskwhy"))
    for ev in ctx.risk.events:
        out.append(_p(f"{ev.letter} — {_e(ev.name.get(lang))}", "h3"))
        rows2: list[list[Any]] = [[t(lang, "risk.factor"), t(lang, "risk.effect"), t(lang, "risk.findings"),
                                   t(lang, "risk.after_col")]]
        for axis in ("severity", "likelihood"):
            base = risk_mod.base_level(ev.event, axis)
            label = t(lang, "risk.severity" if axis == "severity" else "risk.likelihood")
            rows2.append([risk_mod.base_text(ev.event, axis).get(lang),
                          f"{label}: {t(lang, 'risk.base')} {base}" if lang == "en"
                          else f"{label}{i18n.NNBSP}: {t(lang, 'risk.base')} {base}", "—", t(lang, "risk.kept")])
        for fac in ev.factors:
            if fac.axis == "severity":
                effect = t(lang, "risk.set_to", n=fac.level)
            elif fac.delta >= 0:
                effect = t(lang, "risk.plus", n=fac.delta)
            else:
                effect = t(lang, "risk.minus", n=-fac.delta)
            rows2.append([fac.text.get(lang), effect,
                          _Raw("<font size=6.6>" + "<br/>".join(_e(x) for x in fac.findings) + "</font>"
                               if fac.findings else "—"),
                          t(lang, "risk.removed" if fac.remedied else "risk.kept")])
        out.append(_table(rows2, [4.6, 2, 4.4, 1.9]))
    out.append(_p(f"<i>{_e(t(lang, 'risk.assessor_note'))}</i>", "small"))
    return out


# --- 5. measures ----------------------------------------------------------------------------------------------------

def declared_measures(facts: dict, lang: str) -> list[str]:
    out: list[str] = []
    ac, proc, sec = _dict(facts.get("access_control")), _dict(facts.get("procedures")), _dict(facts.get("security"))
    cams = [c for c in _list(facts.get("cameras")) if isinstance(c, dict)]
    if sec.get("encryption_at_rest"):
        out.append(i18n.vocab("measure", "encryption_at_rest", lang))
    if sec.get("encryption_in_transit"):
        out.append(i18n.vocab("measure", "encryption_in_transit", lang))
    for k in ("role_based", "logging", "mfa_remote", "export_only_on_incident"):
        if ac.get(k):
            out.append(i18n.vocab("measure", k, lang))
    for k in ("access_requests", "freeze_on_request", "disclosure_log", "incident_response"):
        if proc.get(k):
            out.append(i18n.vocab("measure", k, lang))
    if sec.get("patching"):
        out.append(i18n.vocab("measure", "patching", lang))
    n = sum(1 for c in cams if c.get("auto_delete"))
    if n:
        out.append(i18n.vocab("measure", "auto_delete", lang).format(n=n))
    n = sum(1 for c in cams if c.get("privacy_masking"))
    if n:
        out.append(i18n.vocab("measure", "privacy_masking", lang).format(n=n))
    if _dict(facts.get("signage")).get("present"):
        out.append(i18n.vocab("measure", "signage", lang))
    if _dict(facts.get("dpo")).get("appointed"):
        out.append(i18n.vocab("measure", "dpo", lang))
    if facts.get("ropa"):
        out.append(i18n.vocab("measure", "ropa", lang))
    if _dict(facts.get("lia")).get("done"):
        out.append(i18n.vocab("measure", "lia", lang))
    if _dict(facts.get("dpia")).get("done"):
        out.append(i18n.vocab("measure", "dpia", lang))
    emp = _dict(facts.get("employees"))
    if emp.get("cse_consulted"):
        out.append(i18n.vocab("measure", "cse", lang))
    if emp.get("informed_individually"):
        out.append(i18n.vocab("measure", "employees_informed", lang))
    out += [str(x) for x in _list(sec.get("other"))]
    return out


_PRIORITY = {"blocker": ("P1 — before any deployment", "P1 — avant tout déploiement"),
             "major": ("P2 — before go-live", "P2 — avant la mise en service"),
             "minor": ("P3 — planned", "P3 — à planifier")}


def priority_label(severity: str, lang: str) -> str:
    pr = _PRIORITY.get(severity, ("P3", "P3"))
    return pr[1] if lang == "fr" else pr[0]


def _measures(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "sec.measures", art="art35.d")
    out.append(_p(_e(t(lang, "meas.intro"))))
    out.append(h.h2(ctx, t(lang, "meas.existing"), "existing"))
    existing = declared_measures(r.facts, lang)
    out += _bullets(_e(x) for x in existing) if existing else [_p(_e(t(lang, "meas.none_declared")))]
    out.append(h.h2(ctx, t(lang, "meas.plan"), "plan"))
    acts = actions(r)
    if not acts:
        out.append(_p(_e(t(lang, "meas.no_actions"))))
        return out
    rows: list[list[Any]] = [[t(lang, "meas.num"), t(lang, "meas.action"), t(lang, "meas.finding"),
                              t(lang, "meas.priority"), t(lang, "meas.owner"), t(lang, "meas.due")]]
    for i, (f, group) in enumerate(acts, 1):
        worst = max(group, key=lambda x: x.severity.rank)
        subjects = clip(", ".join(subject_label(x.subject, lang) for x in group), FACT_CHARS)   # a cell fits a page
        action = (f"{_e(_tx(f.remediation, lang))}<br/><font size=6.8 color='#52606d'>"
                  f"{_e(t(lang, 'meas.applies_to', subjects=subjects))}</font>")
        rows.append([str(i), _Raw(action),
                     _Raw(f"{_sev_badge(worst.severity.value, lang)}<br/><font size=5.8>{_e(f.rule_id)}</font>"),
                     priority_label(worst.severity.value, lang), "", ""])
    out.append(_table(rows, [0.55, 5.0, 4.1, 1.9, 2.3, 2.0], fill_cols=(4, 5)))
    return out


# --- 6. per-camera evidence ------------------------------------------------------------------------------------------

_BUCKET = re.compile(r"^\s*(?:(<|≤|<=)\s*(\d+(?:\.\d+)?)|(>|≥|>=)\s*(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:\+|-|–|—|to|\.\.)\s*"
                     r"(\d+(?:\.\d+)?)?)\s*(?:px)?\s*$")


def parse_bucket(label: str) -> tuple[float, float] | None:
    """'<15' -> (0, 15); '15-20' -> (15, 20); '>80' or '80+' -> (80, inf)."""
    m = _BUCKET.match(str(label))
    if not m:
        return None
    if m.group(1):
        return 0.0, float(m.group(2))
    if m.group(3):
        return float(m.group(4)), float("inf")
    lo = float(m.group(5))
    return (lo, float(m.group(6))) if m.group(6) else (lo, float("inf"))


def recall_rows(footage: FootageFacts | dict) -> list[tuple[str, float]]:
    """(bucket label, recall) for the face widths this camera shows (all buckets when no face was measured)."""
    fo = footage if isinstance(footage, FootageFacts) else FootageFacts.from_dict(footage)
    raw = fo.detector.recall_by_width
    buckets: list[tuple[str, float, float, float]] = []
    if isinstance(raw, dict):
        for label, rec in raw.items():
            rng = parse_bucket(label)
            if rng is not None and isinstance(rec, (int, float)):
                buckets.append((str(label), rng[0], rng[1], float(rec)))
    buckets.sort(key=lambda b: b[1])
    widths = fo.face_width_px
    if widths is not None and widths.max > 0:
        shown = [b for b in buckets if b[2] > widths.p10 and b[1] <= widths.max]
        if shown:
            buckets = shown
    return [(label.replace("-", "–"), rec) for label, _, _, rec in buckets]


def _footage_errors(ctx: _Ctx, camera_id: str, footage: FootageFacts) -> list[tuple[str, str]]:
    out = []
    for e in ctx.result.footage_errors:
        e = _dict(e)
        if str(e.get("camera")) == camera_id:
            out.append((str(e.get("path", "?")), str(e.get("message", ""))))
    out += [(e.path or "?", e.message) for e in footage.errors]
    out += [(f.path or "?", f.error) for f in footage.files if f.error]
    seen, uniq = set(), []
    for item in out:
        if item not in seen:
            seen.add(item)
            uniq.append(item)
    return uniq


def _num(v: Any, lang: str, decimals: int | None = None) -> str:
    return i18n.format_number(v, lang, decimals=decimals) if isinstance(v, (int, float)) else "—"


def _camera_evidence(ctx: _Ctx, h: _Headings, cam: dict) -> list[Flowable]:
    lang, _s = ctx.lang, ctx.s
    cid = str(cam.get("id"))
    title = t(lang, "subject.camera", id=cid)
    title = title[0].upper() + title[1:]
    if cam.get("name"):
        title += f" — {cam['name']}"
    title += f" ({i18n.vocab('zone', cam.get('zone'), lang)})"
    out: list[Flowable] = [CondPageBreak(60 * mm), h.h2(ctx, title, f"cam-{cid}")]
    footage = cam.get("footage") if isinstance(cam.get("footage"), dict) else None
    cam_findings = [f for f in _sorted_findings(ctx.result.findings) if f.subject == f"camera:{cid}"]
    errors = _footage_errors(ctx, cid, FootageFacts.from_dict(footage))
    if footage is None:
        out.append(_p(_e(t(lang, "ev.no_footage"))))
        for path, msg in errors:
            out.append(_p(_e(t(lang, "ev.unreadable", path=path, message=msg or "?")), "small"))
        if cam_findings:
            out.append(_p(_e(t(lang, "ev.findings_for_camera", ids=", ".join(f.rule_id for f in cam_findings))),
                          "small"))
        return out
    fo = FootageFacts.from_dict(footage)
    files = [f.path for f in fo.files]
    fw = fo.face_width_px
    rows: list[tuple[str, Any]] = []
    if files:
        rows.append((t(lang, "ev.files"), _Raw("<br/>".join(_e(x) for x in files))))
    rows.append((t(lang, "ev.frames_analysed"), _num(fo.frames_analysed, lang)))
    if fo.sample_fps is not None:
        rows.append((t(lang, "ev.sampling"), t(lang, "ev.fps", n=_num(fo.sample_fps, lang))))
    rows.append((t(lang, "ev.duration"), t(lang, "ev.seconds", n=_num(fo.duration_s, lang, 1))))
    if fo.resolution is not None:
        rows.append((t(lang, "f.resolution"), f"{fo.resolution.width}×{fo.resolution.height}"))
    rows.append((t(lang, "ev.faces_per_frame"),
                 f"{_num(fo.faces_per_frame.mean, lang, 1)} / {_num(fo.faces_per_frame.max, lang)}"))
    rows.append((t(lang, "ev.distinct_people"), _num(fo.distinct_people, lang)))
    if fo.median_dwell_s is not None:
        rows.append((t(lang, "ev.dwell"), t(lang, "ev.seconds", n=_num(fo.median_dwell_s, lang, 1))))
    rows.append((t(lang, "ev.face_width"), " / ".join(_num(getattr(fw, k), lang) if fw else "—"
                                                       for k in ("p10", "p50", "p90", "max"))))
    rows.append((t(lang, "ev.dori"), i18n.vocab("dori", fo.dori_class, lang)))
    rows.append((t(lang, "ev.recognition_grade"), i18n.yes_no(fo.face_recognition_grade, lang)))
    rows.append((t(lang, "ev.id_share"), i18n.format_percent(fo.identification_grade_share, lang, decimals=1)))
    cd = CameraDerived.from_dict(cam.get("derived"))
    rows.append((t(lang, "ev.id_capture"), i18n.yes_no(cd.id_grade_capture, lang)))
    out.append(_kv(rows, widths=(0.42, 0.58)))
    if cd.id_grade_capture and cd.purposes_anonymous_only:
        out.append(_p(f'<font color="#9b1c1c"><b>{_e(t(lang, "ev.contradiction"))}</b></font>'))

    # what the audit could not see
    out.append(_p(_e(t(lang, "ev.could_not_see")), "h3"))
    lines = []
    if fo.detector.name:
        lines.append(_e(t(lang, "ev.detector", name=f"{fo.detector.name} {fo.detector.version}".strip())))
    recall = recall_rows(fo)
    for label, rec in recall:
        lines.append(_e(t(lang, "ev.recall_line", bucket=label, recall=i18n.format_percent(rec, lang),
                          miss=i18n.format_percent(max(0.0, 1 - rec), lang))))
    if not recall:
        lines.append(_e(t(lang, "ev.recall_unknown")))
    if fo.faces_per_frame.max == 0:
        lines.append("<b>" + _e(t(lang, "ev.no_faces_caveat")) + "</b>")
    for path, msg in errors:
        lines.append(_e(t(lang, "ev.unreadable", path=path, message=msg or "?")))
    if not errors:
        lines.append(_e(t(lang, "ev.no_unreadable")))
    out += _bullets(lines)
    if cam_findings:
        out.append(_p(_e(t(lang, "ev.findings_for_camera", ids=", ".join(sorted({f.rule_id for f in cam_findings})))),
                      "small"))

    # the redacted frames
    frames = ctx.evidence.for_camera(cid) if ctx.evidence is not None else []
    requested = fo.evidence_frames
    out.append(_p(_e(t(lang, "ev.frames")), "h3"))
    if ctx.evidence is None and requested:
        out.append(_p(_e(t(lang, "ev.frames_omitted")), "small"))
    elif not frames:
        out.append(_p(_e(t(lang, "ev.no_frames")), "small"))
    else:
        out += _frames_grid(ctx, frames)
    return out


def _frame_caption(fr: EvidenceFrame, lang: str) -> str:
    req = fr.request
    name = req.path.replace("\\", "/").rsplit("/", 1)[-1] or "?"
    if fr.jpeg is None:
        reason = t(lang, f"ev.withheld.{fr.withheld}", error=fr.error) if fr.withheld == "error" else \
            t(lang, f"ev.withheld.{fr.withheld}")
        return _e(t(lang, "ev.frame_withheld", file=name, index=i18n.format_number(req.frame_index, lang),
                    reason=reason))
    tm = t(lang, "ev.frame_time", t=i18n.format_number(req.timestamp_s, lang, decimals=1)) \
        if isinstance(req.timestamp_s, (int, float)) else ""
    extra = t(lang, "ev.frame_extra", n=fr.extra_found) if fr.extra_found else ""
    text = _e(t(lang, "ev.frame_caption", file=name, index=i18n.format_number(req.frame_index, lang), time=tm,
                masked=i18n.format_number(fr.masked, lang), extra=extra))
    if req.reason:
        key = f"ev.reason.{req.reason}"
        reason = t(lang, key) if i18n.has(key) else (req.reason if lang == "en" else t(lang, "ev.reason.other"))
        text += " " + _e(t(lang, "ev.frame_reason", reason=reason))
    return text


def _frames_grid(ctx: _Ctx, frames: list[EvidenceFrame]) -> list[Flowable]:
    col = (st.CONTENT_WIDTH - 4 * mm) / 2
    cells: list[Any] = []
    for fr in frames:
        cap = Para(_frame_caption(fr, ctx.lang), "caption")
        cells.append([Image(fr.jpeg, fr.width, fr.height, col), cap] if fr.jpeg is not None else [cap])
    rows = [cells[i:i + 2] for i in range(0, len(cells), 2)]
    for row in rows:
        while len(row) < 2:
            row.append("")
    return [Table(rows, [1, 1], header=False, kind="frames")]


def _evidence(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    out = h.h1(ctx, "sec.evidence")
    out.append(_p(_e(t(ctx.lang, "ev.intro"))))
    cams = [c for c in _list(ctx.result.facts.get("cameras")) if isinstance(c, dict)]
    if not cams:
        out.append(_p(_e(t(ctx.lang, "desc.no_cameras"))))
    for cam in cams:
        out += _camera_evidence(ctx, h, cam)
    return out


# --- 7. findings -----------------------------------------------------------------------------------------------------

def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _evidence_value(v: Any, lang: str = "en") -> str:
    if isinstance(v, bool) or v is None:
        return t(lang, "unknown") if v is None else i18n.yes_no(v, lang)
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (bool, type(None))) else str(v)


def finding_flowables(f: Finding, lang: str) -> list[Flowable]:
    colon = f"{i18n.NNBSP}:" if lang == "fr" else ":"
    head = f"{_sev_badge(f.severity.value, lang)}  {_e(_tx(f.title, lang))}"
    out: list[Flowable] = [_p(head, "finding_head"),
                           _p(f'<font size=7 color="#52606d">{_e(f.rule_id)} · {_e(t(lang, "fnd.subject"))}{colon} '
                              f'{_e(subject_label(f.subject, lang))} · {_e(t(lang, "fnd.pack"))}{colon} '
                              f'{_e(f.pack)}</font>', "small")]
    if _tx(f.message, lang):
        out.append(_p(_e(_capital(_tx(f.message, lang)))))
    if _tx(f.rationale, lang):
        out.append(_p(f"<b>{_e(t(lang, 'fnd.why'))}{colon}</b> {_e(_tx(f.rationale, lang))}", "indented"))
    if _tx(f.remediation, lang):
        out.append(_p(f"<b>{_e(t(lang, 'fnd.remediation'))}{colon}</b> {_e(_tx(f.remediation, lang))}", "indented"))
    if f.references:
        refs = []
        for ref in unique_references(f, lang):
            label = _e(reference_label(ref, lang))
            if ref.url:
                label = f'<link href="{_e(ref.url)}" color="#1d4e89">{label}</link>'
            refs.append(label)
        out.append(_p(f"<b>{_e(t(lang, 'fnd.references'))}{colon}</b> " + "; ".join(refs), "indented"))
    if f.precedents:
        items = [f"{_e(p.authority)} {p.year}, {_e(p.reference)}" + (f" ({_e(p.fine)})" if p.fine else "")
                 + f": {_e(p.holding.get(lang))}" for p in f.precedents]
        out.append(_p(f"<b>{_e(t(lang, 'fnd.precedents'))}{colon}</b> " + " · ".join(items), "indented"))
    if f.evidence:
        ev = "; ".join(f"<font face='{st.FONT_MONO}' size=7>{_e(k)} = {_e(_evidence_value(v, lang))}</font>"
                       for k, v in sorted(f.evidence.items()))
        out.append(_p(f"<b>{_e(t(lang, 'fnd.evidence'))}{colon}</b> {ev}", "indented"))
    if f.waiver is not None:
        w = f.waiver
        if w.active:
            text = t(lang, "fnd.waived", justification=w.justification, approver=w.approver,
                     expires=i18n.format_date(w.expires, lang))
        else:
            text = t(lang, "fnd.waiver_expired", expires=i18n.format_date(w.expires, lang))
        out.append(_p(f"<i>{_e(text)}</i>", "indented"))
    return out


def _findings(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "sec.findings")
    out.append(_p(_e(t(lang, "fnd.intro"))))
    verdicts = [f for f in _sorted_findings(ctx.result.findings) if not f.question]
    if not verdicts:
        out.append(_p(_e(t(lang, "fnd.none"))))
    for sv in _SEVERITY_ORDER:
        group = [f for f in verdicts if f.severity == sv]
        if not group:
            continue
        label = i18n.severity_label(sv.value, lang)
        out.append(h.h2(ctx, f"{label[0].upper()}{label[1:]} ({i18n.format_number(len(group), lang)})", f"f-{sv.value}"))
        for f in group:
            out.append(KeepTogether(finding_flowables(f, lang)[:3]))
            out += finding_flowables(f, lang)[3:]
    return out


# --- 8. questions ---------------------------------------------------------------------------------------------------

def _questions_section(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "sec.questions")
    qs = _questions(ctx.result)
    out += _answered(ctx)
    if not qs:
        out.append(_p(_e(t(lang, "q.none"))))
        return out
    out.append(_p(_e(t(lang, "q.intro"))))
    colon = f"{i18n.NNBSP}:" if lang == "fr" else ":"
    for i, f in enumerate(qs, 1):
        question, missing = question_parts(f, lang)
        block = [Para(f"<b>{i}. {_e(question)}</b> — {_e(subject_label(f.subject, lang))} "
                      f'<font size=7 color="#52606d">[{_e(f.rule_id)}]</font>', "check", bullet="☐")]
        if missing:
            block.append(_p(_e(t(lang, "q.missing", field="\x00")).replace(
                "\x00", f"<font face='{st.FONT_MONO}' size=7.5>{_e(missing)}</font>"), "indented"))
        else:
            block.append(_p(_e(_capital(_tx(f.message, lang))), "indented"))
        if f.references:
            block.append(_p(f"<font size=7.5>{_e('; '.join(reference_label(r, lang) for r in unique_references(f, lang)))}</font>",
                            "indented"))
        block.append(Table([[f"{_e(t(lang, 'q.answer'))}{colon}", ""]], [25, 145], header=False, kind="answer",
                           row_heights=[9 * mm]))
        out.append(KeepTogether(block))
        out.append(Spacer(2 * mm))
    return out


def _answered(ctx: _Ctx) -> list[Flowable]:
    """The questions the assessor's answers decided, with who, when, the decision and the note."""
    lang = ctx.lang
    answered = [c for c in ctx.result.checks if c.answer is not None]
    if not answered:
        return []
    out: list[Flowable] = [_p(_e(t(lang, "q.answered_head")), "h3"), _p(_e(t(lang, "q.answered_intro")))]
    for c in sorted(answered, key=lambda c: (c.rule_id, c.subject)):
        a = c.answer
        assert a is not None
        line = t(lang, "q.answered_line", who=a.answered_by, when=i18n.format_date(a.answered_on, lang),
                 decision=t(lang, f"q.decision.{a.decision}"))
        out += _bullets([f"<b>{_e(_tx(c.title, lang))}</b> — {_e(subject_label(c.subject, lang))} "
                         f'<font size=7 color="#52606d">[{_e(c.rule_id)}]</font><br/><i>{_e(line)}</i>'
                         + (f"<br/>{_e(a.note)}" if a.note else "")])
    return out


# --- 9. waivers -------------------------------------------------------------------------------------------------------

def _waivers(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "sec.waivers")
    waived = [f for f in _sorted_findings(r.findings) if f.waiver is not None]
    if not waived and not r.unused_waivers and not r.expired_waivers:
        out.append(_p(_e(t(lang, "w.none"))))
        return out
    out.append(_p(_e(t(lang, "w.intro", section=_SECTION_NUMBERS["sec.findings"]))))
    if waived:
        rows: list[list[Any]] = [[t(lang, "w.rule"), t(lang, "fnd.subject"), t(lang, "w.justification"),
                                  t(lang, "w.approver"), t(lang, "w.expires"), t(lang, "w.status")]]
        for f in waived:
            w = f.waiver
            assert w is not None
            rows.append([_Raw(f"{_sev_badge(f.severity.value, lang)}<br/><font size=6.6>{_e(f.rule_id)}</font>"),
                         subject_label(f.subject, lang), w.justification, w.approver,
                         i18n.format_date(w.expires, lang), t(lang, "w.active" if w.active else "w.expired")])
        out.append(_table(rows, [4, 2, 4.4, 2, 2, 1.6]))
    for key, items in (("w.unused", r.unused_waivers), ("w.expired_list", r.expired_waivers)):
        if items:
            out.append(_p(_e(t(lang, key)), "h3"))
            rows2: list[list[Any]] = [[t(lang, "w.rule"), t(lang, "w.justification"), t(lang, "w.approver"),
                                       t(lang, "w.expires")]]
            for w in items:
                w = _dict(w)
                rows2.append([str(_first(w, "rule", "rule_id", "id", default="—")),
                              str(_first(w, "justification", "reason", default="—")),
                              str(_first(w, "approver", "approved_by", default="—")),
                              i18n.format_date(_first(w, "expires", "expiry"), lang)])
            out.append(_table(rows2, [3.5, 6, 2.2, 2.2]))
    return out


# --- appendices ------------------------------------------------------------------------------------------------------

def _trail(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "sec.appendix_trail", number=False)
    out.append(_p(_e(t(lang, "trail.intro"))))
    rows = [(t(lang, "trail.tool"), r.tool_version),
            (t(lang, "trail.time"), i18n.format_datetime(r.generated_at, lang) + f"  ({r.generated_at})"),
            (t(lang, "trail.audit_date"), i18n.format_date(audit_date(r), lang)),
            (t(lang, "trail.review"), _Raw(_e(t(lang, "trail.reviewed")) if r.evidence_reviewed
                                           else f"<b>{_e(t(lang, 'trail.not_reviewed'))}</b>"))]
    if ctx.evidence is not None and ctx.evidence.detector:
        rows.append((t(lang, "ev.detector", name="").rstrip(" .:\u202f"), ctx.evidence.detector))
    out.append(_kv(rows))
    out.append(_p(_e(t(lang, "trail.inputs")), "h3"))
    rows2: list[list[Any]] = [[t(lang, "trail.kind"), t(lang, "trail.path"), t(lang, "trail.sha")]]
    for inp in r.inputs:
        kind = f"kind.{inp.kind}"
        rows2.append([t(lang, kind) if i18n.has(kind) else inp.kind, _Raw(_wrap_path(inp.path)),
                      Para(_e(inp.sha256), "mono")])
    out.append(_table(rows2, [1.6, 5.2, 6.4]))
    out.append(_p(_e(t(lang, "trail.packs")), "h3"))
    rows3: list[list[Any]] = [[t(lang, "trail.pack"), t(lang, "trail.version"), t(lang, "trail.checked"),
                               t(lang, "trail.rules"), t(lang, "trail.source"), t(lang, "trail.sha")]]
    for p in r.packs:
        src = t(lang, "source.builtin") if p.source in ("", "builtin") else p.source
        rows3.append([_Raw(f"<b>{_e(p.id)}</b><br/>{_e(_text(p.title, lang))}"), p.version,
                      i18n.format_date(p.checked, lang), i18n.format_number(p.rule_count, lang), _Raw(_wrap_path(src)),
                      Para(_e(p.sha256 or "—"), "mono")])
    out.append(_table(rows3, [3.2, 1.2, 2.2, 1, 1.8, 4.4]))
    if r.footage_errors:
        out.append(_p(_e(t(lang, "trail.footage_errors")), "h3"))
        out += _bullets(_e(f"{_dict(e).get('camera', '?')}: {_dict(e).get('path', '?')} — {_dict(e).get('message', '')}")
                        for e in r.footage_errors)
    if r.warnings:
        out.append(_p(_e(t(lang, "trail.warnings")), "h3"))
        out += _bullets(_e(w) for w in r.warnings)
    return out


def _wrap_path(path: str) -> str:
    """Let long paths break after separators."""
    return _e(path)


def _signoff(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang, _s = ctx.lang, ctx.s
    out = h.h1(ctx, "sec.appendix_signoff", number=False)

    def box(title: str, height: float) -> Flowable:
        return Table([[f"<b>{_e(title)}</b>"], [""]], [1], header=True, kind="form", row_heights=[None, height])

    out += [box(t(lang, "sign.dpo_opinion"), 48 * mm), Spacer(4 * mm),
            box(t(lang, "sign.subjects_views"), 22 * mm), Spacer(4 * mm),
            KeepTogether([_p(_e(t(lang, "sign.decision")), "h3")]
                         + _bullets([_e(x.strip()) for x in t(lang, "sign.decision_options").split("☐") if x.strip()],
                                    "check", "☐")),
            Spacer(3 * mm)]
    rows = [["", t(lang, "sign.name"), t(lang, "sign.role"), t(lang, "sign.date"), t(lang, "sign.signature")]]
    for who in ("sign.assessor", "sign.dpo", "sign.controller"):
        rows.append([_Raw(f"<b>{_e(t(lang, who))}</b>"), ctx.assessor if who == "sign.assessor" and ctx.assessor else "",
                     "", "", ""])
    tbl = _table(rows, [3, 3, 2.4, 2, 3.4], kind="form", row_heights=[None, 14 * mm, 14 * mm, 14 * mm])
    out.append(KeepTogether([tbl, Spacer(4 * mm),
                             _kv([(t(lang, "sign.review_date"), "")], widths=(0.34, 0.66))]))
    return out


def _glossary(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "sec.appendix_glossary", number=False)
    rows: list[list[Any]] = [[t(lang, "glossary.term"), t(lang, "glossary.definition")]]
    for term, definition in i18n.GLOSSARY:
        rows.append([_Raw(f"<b>{_e(i18n._pick(term, lang))}</b>"), i18n._pick(definition, lang)])
    out.append(_table(rows, [2.2, 8]))
    return out


# --- the whole story -------------------------------------------------------------------------------------------------

def _verdict_word(v: str, lang: str) -> str:
    return t(lang, "chg.ok") if v == "ok" else i18n.severity_label(v, lang)


def _change_rows(items: list, lang: str, *, both: bool) -> list[list[Any]]:
    head = [t(lang, "chg.before"), t(lang, "chg.after")] if both else [t(lang, "chg.severity")]
    rows: list[list[Any]] = [head + [t(lang, "meas.finding"), t(lang, "fnd.subject")]]
    for c in items:
        sev = [_Raw(_sev_badge(c.old_severity, lang)), _Raw(_sev_badge(c.new_severity, lang))] if both else \
            [_Raw(_sev_badge(c.new_severity or c.old_severity, lang))]
        subject = subject_label(c.subject, lang)
        if c.renamed:
            subject += f" ({subject_label(c.old_subject, lang)})"
        title = _e(i18n.french_typography(c.title.get(lang) or c.title.get("en") or "") if lang == "fr"
                   else c.title.get(lang) or c.title.get("en") or "")
        rows.append(sev + [_Raw(f'{title}<br/><font size=6.6 color="#52606d">{_e(c.rule_id)}</font>'), subject])
    return rows


def _changes(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    d, lang = ctx.changes, ctx.lang
    out = h.h1(ctx, "sec.changes", number=False)
    out.append(_p(_e(t(lang, "chg.intro", date=i18n.format_date(d.old.get("audit_date"), lang),
                       generated=i18n.format_datetime(d.old.get("generated_at"), lang)))))
    before, after = _verdict_word(d.old["verdict"], lang), _verdict_word(d.new["verdict"], lang)
    key = "chg.verdict" if d.verdict_changed else "chg.verdict_same"
    out.append(_p("<b>" + _e(t(lang, key, before=before, after=after)) + "</b>"))
    if d.renames:
        items = ", ".join(f"{subject_label(a, lang)} → {subject_label(b, lang)}" for a, b in d.renames.items())
        out.append(_p(_e(t(lang, "chg.renamed", items=items)), "small"))
    groups = [("chg.resolved", d.resolved, False), ("chg.new", d.new_findings, False),
              ("chg.changed", d.changed, True), ("chg.unchanged", d.unchanged, False)]
    out.append(_table([["", t(lang, "chg.count")]] + [[t(lang, k), i18n.format_number(len(v), lang)]
                                                      for k, v, _ in groups], [3, 1], width=st.CONTENT_WIDTH * 0.45))
    for key, items, both in groups:
        out.append(_p(f"{_e(t(lang, key))} ({i18n.format_number(len(items), lang)})", "h3"))
        if items:
            out.append(_table(_change_rows(items, lang, both=both), ([1.3, 1.3] if both else [1.3]) + [6, 3]))
        else:
            out.append(_p(_e(t(lang, "chg.none"))))
    return out


# --- appendix D: applicable law and checks ------------------------------------------------------------------

# Instruments in the order the annex lists them: EU law first, then national law, then guidance and case law.
_INSTRUMENT_ORDER = ["GDPR", "ePrivacy Directive", "AI Act", "Digital Omnibus on AI"]
_GUIDANCE = re.compile(r"^(EDPB|WP\d|CNIL|ICO|Commission Guidelines|EN \d|CJEU|ECtHR|CE$)")
_OUTCOMES = ("passed", "failed", "not_applicable", "question")


def _provision_key(ref: Reference) -> tuple:
    def num(x: str | None) -> tuple:
        parts = re.findall(r"\d+|\D+", x or "")
        return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts) or ((-1, ""),)
    return num(ref.article) + ((2, ""),) + num(ref.paragraph) + ((2, ""),) + num(ref.point) + num(ref.section)


def law_table(result: AuditResult) -> list[tuple[str, list[tuple[Reference, dict[str, dict[str, list]]]]]]:
    """[(instrument, [(provision, {outcome: {rule id: [checks]}})])]: every cited provision and its checks."""
    provisions: dict[str, dict[str, tuple[Reference, dict[str, dict[str, list]]]]] = {}
    for c in result.checks:
        seen: set[str] = set()
        for ref in c.references:
            label = ref.label()
            if label in seen:
                continue
            seen.add(label)
            entry = provisions.setdefault(ref.instrument, {}).setdefault(label, (ref, {o: {} for o in _OUTCOMES}))
            entry[1][c.outcome.value].setdefault(c.rule_id, []).append(c)

    def inst_key(name: str) -> tuple:
        if name in _INSTRUMENT_ORDER:
            return (0, _INSTRUMENT_ORDER.index(name), name)
        return (2 if _GUIDANCE.match(name) else 1, 0, name)
    return [(inst, sorted(provisions[inst].values(), key=lambda e: _provision_key(e[0])))
            for inst in sorted(provisions, key=inst_key)]


def _check_cell(by_rule: dict[str, list], lang: str) -> Any:
    if not by_rule:
        return "—"
    parts = []
    for rule_id, checks in sorted(by_rule.items()):
        mark = "*" if any(c.answer is not None for c in checks) else ""
        count = f" ({i18n.format_number(len(checks), lang)})" if len(checks) > 1 else ""
        parts.append(f"{_e(rule_id)}{mark}{count}")
    return _Raw(f"<font size=6>{'<br/>'.join(parts)}</font>")


def _law_annex(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang, r = ctx.lang, ctx.result
    out = h.h1(ctx, "sec.appendix_law", number=False)
    if not r.checks:
        out.append(_p(_e(t(lang, "law.none"))))
        return out
    out.append(_p(_e(t(lang, "law.intro"))))
    n = {o: sum(1 for c in r.checks if c.outcome.value == o) for o in _OUTCOMES}
    out.append(_p(_e(t(lang, "law.totals", checks=i18n.format_number(len(r.checks), lang),
                       rules=i18n.format_number(len({c.rule_id for c in r.checks}), lang),
                       passed=i18n.format_number(n["passed"], lang), failed=i18n.format_number(n["failed"], lang),
                       na=i18n.format_number(n["not_applicable"], lang),
                       questions=i18n.format_number(n["question"], lang)))))
    for i, (instrument, provisions) in enumerate(law_table(r), 1):
        name = reference_label(Reference(instrument=instrument), lang)
        out.append(Heading(f"D.{i} {name}", 1, f"sub-law-{i}"))
        rows: list[list[Any]] = [[t(lang, "law.provision")] + [t(lang, f"law.{o}") for o in _OUTCOMES]]
        for ref, by_outcome in provisions:
            rows.append([reference_label(ref, lang)] + [_check_cell(by_outcome[o], lang) for o in _OUTCOMES])
        out.append(_table(rows, [2.6, 5, 5, 5, 4], style="cell"))
    return out


def build_story(result: AuditResult, lang: str = "en", evidence: EvidenceSet | None = None, *,
                assessor: str | None = None, risk: risk_mod.RiskAssessment | None = None,
                changes: Any = None) -> list[Flowable]:
    """The report's blocks, in order; `evidence` None means frames are not embedded (the report says so).

    `changes` (a diff.AuditDiff against the previous assessment) adds "Changes since the last assessment".
    """
    if lang not in ("en", "fr"):
        raise ValueError(f"unsupported report language {lang!r} (en or fr)")
    result = display_result(result)            # over-long values clipped: a cell must fit a page
    ctx = _Ctx(result, lang, evidence, assessor, risk or risk_mod.assess(result), _StyleNames(), changes)
    h = _Headings()
    story: list[Flowable] = []
    story += _cover(ctx)
    story += [PageBreak(), _p(_e(t(lang, "doc.toc")), "toc_title"), Toc(), PageBreak()]
    story += _summary(ctx, h)
    if changes is not None:
        story += [PageBreak()] + _changes(ctx, h)
    story += [PageBreak()] + _description(ctx, h)
    story += [PageBreak()] + _necessity(ctx, h)
    story += [PageBreak()] + _risks(ctx, h)
    story += [PageBreak()] + _measures(ctx, h)
    story += [PageBreak()] + _evidence(ctx, h)
    story += [PageBreak()] + _findings(ctx, h)
    story += [PageBreak()] + _questions_section(ctx, h)
    story += [CondPageBreak(80 * mm)] + _waivers(ctx, h)
    story += [PageBreak()] + _trail(ctx, h)
    story += [PageBreak()] + _signoff(ctx, h)
    story += [PageBreak()] + _glossary(ctx, h)
    story += [PageBreak()] + _law_annex(ctx, h)
    return story


def build_document(result: AuditResult, lang: str = "en", evidence: EvidenceSet | None = None, *,
                   assessor: str | None = None, risk: risk_mod.RiskAssessment | None = None,
                   changes: Any = None) -> Document:
    """The whole report, format-neutral: what every renderer (PDF, DOCX, ODT) draws."""
    blocks = build_story(result, lang, evidence, assessor=assessor, risk=risk, changes=changes)
    store = store_name(result)
    controller = _dict(result.facts.get("controller"))
    tool = t(lang, "doc.generated_by", version=result.tool_version)
    return Document(
        lang=lang, title=f"{t(lang, 'doc.title')} — {store}", subject=t(lang, "doc.subject", store=store),
        author=assessor or str(controller.get("name") or tool), creator=tool,
        keywords="DPIA, AIPD, GDPR, RGPD, CNIL, AI Act, WP248, CCTV",
        header=f"{store} — {i18n.format_date(audit_date(result), lang)}", header_right=t(lang, "doc.title_short"),
        footer=tool, page_label=i18n.t(lang, "doc.page", page="{page}", pages="{pages}"), blocks=blocks)
