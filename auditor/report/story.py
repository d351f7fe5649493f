"""The DPIA report's content as a list of reportlab flowables: `build_story(result, lang, evidence)`.

Layout follows GDPR Art 35(7) and the CNIL PIA method: cover, summary, description, necessity and
proportionality, risks, measures and action plan, per-camera evidence, findings, questions, waivers,
appendices (audit trail, DPO opinion and sign-off, glossary). Every string comes from `i18n`, or from
the bilingual text a Finding carries. Headings carry their TOC level and outline key, so that
`pdf.write_pdf` can build the table of contents and the PDF bookmarks; tests read the story as data.
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
from auditor.report.facts import fact_label, facts_text
from auditor.report.i18n import t, tc

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
_INSTRUMENTS = (Nc_("instrument", "GDPR"), Nc_("instrument", "AI Act"), Nc_("instrument", "ePrivacy Directive"), Nc_("instrument", "French Labour Code"), Nc_("instrument", "CNIL DPIA list"), Nc_("instrument", "UK SC Code"),
                Nc_("instrument", "Commission Guidelines on prohibited AI practices"), Nc_("instrument", "Digital Omnibus on AI"), Nc_("instrument", "CJEU"), Nc_("instrument", "ECtHR"), Nc_("instrument", "CE"))


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
_SECTION_ORDER = [N_("Executive summary"), N_("Systematic description of the processing"), N_("Necessity and proportionality"),
                  N_("Risks to the rights and freedoms of data subjects"), N_("Measures and action plan"),
                  N_("Per-camera evidence"), N_("All findings"), N_("Questions for the assessor"), N_("Waivers")]
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
    section = _SECTION_NUMBERS["All findings"]
    if tier is Tier.LAWFUL_WITH_CONDITIONS:
        key = N_("Conditions: {n} open finding(s) to address (section {section}).") if made_by else \
            N_("No open finding: no condition was raised by the rules (within the limits stated in this report).")
        return [_e(t(lang, key, n=i18n.format_number(len(made_by), lang), section=section))]
    lines = [_finding_line(f, lang, with_rule=False) + '<br/><font size=7 color="#52606d">' + _e(f.rule_id)
             + " · " + _e(", ".join(reference_label(x, lang) for x in f.references)) + "</font>"
             for f in made_by[:limit]]
    if len(made_by) > limit:
        lines.append(_e(t(lang, "and {n} more (section {section})", n=i18n.format_number(len(made_by) - limit, lang), section=section)))
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
    out: list[Flowable] = [Spacer(18 * mm), _p(_e(t(lang, "Data Protection Impact Assessment")), "cover_title"),
                           _p(_e(t(lang, "In-store cameras and video analytics")), "cover_sub"),
                           _p(_e(t(lang, "Structured after GDPR Art 35(7) and the CNIL PIA method")), "muted")]
    out.append(_p(_e(store_name(r)) + (f"<br/><font size=10>{_e(facts.get('title'))}</font>"
                                       if facts.get("title") and facts.get("title") != store_name(r) else ""),
                  "cover_store"))
    controller = _dict(facts.get("controller"))
    dpo = _dict(facts.get("dpo"))
    if dpo.get("appointed"):
        dpo_text = ", ".join(x for x in (dpo.get("name"), dpo.get("contact")) if x) or t(lang, "yes")
    elif dpo:
        dpo_text = t(lang, "none appointed")
    else:
        dpo_text = t(lang, "not declared")
    country = i18n.country_name(store.get("country"), lang) if store.get("country") else None
    address = ", ".join(str(x) for x in (store.get("address"), country) if x)
    rows = [
        (t(lang, "Store"), f"{store_name(r)}" + (f" — {address}" if address else "")),
        (t(lang, "Controller"), ", ".join(str(x) for x in (controller.get("name"), controller.get("address"))
                                               if x) or t(lang, "not declared")),
        (t(lang, "Data protection officer"), dpo_text),
        (t(lang, "Assessor"), ctx.assessor or _Raw(f"<i>{_e(t(lang, 'to be completed'))}</i>")),
        (t(lang, "Audit date"), i18n.format_date(audit_date(r), lang)),
        (t(lang, "Report generated"), i18n.format_datetime(r.generated_at, lang)),
        (t(lang, "Rule packs"), ", ".join(f"{_text(p.title, lang)} {p.version}" for p in r.packs) or "—"),
        (t(lang, "DPIA mandatory"), i18n.yes_no(_first(facts, "derived.dpia_required"), lang)),
    ]
    out += [_kv(rows), Spacer(8 * mm)]
    tier = r.verdict()
    box = Table([[_e(t(lang, "Overall verdict")).upper()], [_e(tier.label(lang))]], [1],
                header=False, kind="box", style="verdict", background="#" + verdict_colour(tier).hexval()[2:])
    out += [box, Spacer(2 * mm)]
    if tier is not Tier.LAWFUL_WITH_CONDITIONS:
        out.append(_p(f"<b>{_e(t(lang, 'Because of:'))}</b>", "small"))
    out += _bullets(verdict_lines(r, lang, limit=4))
    out.append(Spacer(4 * mm))
    if not r.evidence_reviewed:
        out.append(_p(f"<b>{_e(t(lang, 'The evidence frames were not reviewed by a person in the application before this report was produced.'))}</b>", "small"))
    out += [Spacer(6 * mm), _p(_e(t(lang, "This report is produced by an automated audit tool from the declared "
                                          "configuration and sample footage. It supports, and does not replace, "
                                          "the judgement of the assessor and the DPO, who remain responsible for "
                                          "its conclusions. It is not legal advice.")), "muted")]
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
        out += _bullets([_e(t(lang, "WP248 criteria met: {n} of 9 (two or more usually require a DPIA).", n=wp.get("count", len(met))))])
        for n in met:
            line = f"<b>{n}.</b> {_e(i18n.wp248_name(n, lang))}"
            crit = _dict(criteria.get(n))
            reasons = _list(crit.get("reasons_fr") if lang == "fr" else crit.get("reasons"))
            if reasons:                         # derived reasons come in both languages
                line += f" — <i>{_e(i18n.separator(lang).join(str(x) for x in reasons))}</i>"
            out += _bullets([line], "subbullet", "–")
    items = _list(d.get("cnil_list"))
    if items:
        out += _bullets([_e(t(lang, "Listed by the CNIL as requiring a DPIA (deliberation 2018-327), item(s): "
                                    "{items}.", items="; ".join(i18n.cnil_item_name(i, lang) for i in items)))])
    points = _list(d.get("art35_3"))
    if points:
        out += _bullets([_e(t(lang, "GDPR Art 35(3) applies: {points}.", points="; ".join(i18n.art35_3_name(p, lang) for p in points)))])
    return out


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


DPIA_YES = N_("Yes. A DPIA is mandatory for this deployment (GDPR Art 35(1)).")
DPIA_NO = N_("Not on the criteria checked: fewer than two WP248 criteria are met and no listed case applies. "
             "Keep this assessment on file to show why (WP248).")


def _summary(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang, _s = ctx.result, ctx.lang, ctx.s
    out = h.h1(ctx, "Executive summary")
    tier = r.verdict()
    out.append(_p(_e(t(lang, "Verdict")), "h3"))
    out.append(_p(f'<font color="#{verdict_colour(tier).hexval()[2:]}">{_e(tier.label(lang))}</font>',
                  "verdict_summary"))
    out += _bullets(verdict_lines(r, lang, limit=50))
    also = [f for f in _sorted_findings(r.blocking_findings()) if f.verdict_tier is not tier]
    if also:
        out.append(_p(_e(t(lang, "Also to fix before the processing may start or go on")), "label"))
        out += _bullets(_finding_line(f, lang) for f in also)
    d = _dict(r.facts.get("derived"))
    out.append(_p(_e(t(lang, "Is a DPIA mandatory?")), "h3"))
    required = d.get("dpia_required")
    out.append(_p("<b>" + _e(t(lang, DPIA_YES if required else DPIA_NO)) + "</b>"))
    out += _dpia_reasons(ctx)
    if required and lang == "en" and _list(d.get("dpia_reasons")) and not _list(_dict(d.get("wp248")).get("met")):
        out += _bullets(_e(x) for x in _list(d.get("dpia_reasons")))

    out.append(_p(_e(t(lang, "Findings by severity")), "h3"))
    open_counts = r.counts()
    waived_counts = r.counts(waived=True)
    q = {sv.value: 0 for sv in Severity}
    for f in r.findings:
        if f.question and not f.is_waived:
            q[f.severity.value] += 1
    rows: list[list[Any]] = [["", t(lang, "open"), t(lang, "questions"), t(lang, "waived")]]
    for sv in _SEVERITY_ORDER:
        rows.append([_Raw(_sev_badge(sv.value, lang)), i18n.format_number(open_counts[sv.value] - q[sv.value], lang),
                     i18n.format_number(q[sv.value], lang), i18n.format_number(waived_counts[sv.value], lang)])
    rows.append([_Raw(f"<b>{_e(t(lang, 'Total'))}</b>"),
                 i18n.format_number(sum(open_counts.values()) - sum(q.values()), lang),
                 i18n.format_number(sum(q.values()), lang), i18n.format_number(sum(waived_counts.values()), lang)])
    out.append(_table(rows, [3, 2, 2, 2], width=st.CONTENT_WIDTH * 0.6))

    out.append(_p(_e(t(lang, "Top actions")), "h3"))
    acts = actions(r)[:6]
    if acts:
        out += _bullets((f"{_sev_badge(f.severity.value, lang)} {_e(_tx(f.remediation, lang))} "
                         f'<font size=7 color="#52606d">[{_e(f.rule_id)}]</font>' for f, _ in acts),
                        bullet="→")
    else:
        out.append(_p(_e(t(lang, "No corrective action is required by the rules."))))

    out.append(_p(_e(t(lang, "Residual risk")), "h3"))
    lines = []
    for ev in ctx.risk.events:
        before = i18n.risk_level_label(st.risk_level(ev.severity_before, ev.likelihood_before), lang)
        after = i18n.risk_level_label(st.risk_level(ev.severity_after, ev.likelihood_after), lang)
        lines.append(_e(t(lang, "{event}: {before} before the planned measures, {after} after.", event=ev.name.get(lang), before=before, after=after)))
    out += _bullets(lines)
    if ctx.risk.residual_high:
        out.append(_p("<b>" + _e(t(lang, "A high residual risk remains after the planned measures: unless it can "
                                         "be reduced further, the supervisory authority must be consulted before "
                                         "the processing starts (GDPR Art 36(1)).")) + "</b>"))

    out.append(_p(_e(t(lang, "Limits of this audit")), "h3"))
    cams = [c for c in _list(r.facts.get("cameras")) if isinstance(c, dict)]
    analysed = sum(1 for c in cams if _dict(c.get("derived")).get("footage_analysed") or isinstance(c.get("footage"), dict))
    limits = [_e(t(lang, "Footage was analysed for {n} of {m} camera(s).", n=i18n.format_number(analysed, lang),
                   m=i18n.format_number(len(cams), lang)))]
    if r.footage_errors:
        limits.append(_e(t(lang, "{n} footage file(s) could not be read (see the per-camera evidence).", n=i18n.format_number(len(r.footage_errors), lang))))
    questions = _questions(r)
    if questions:
        limits.append(_e(t(lang, "{n} question(s) are left to the assessor (section {section}).", n=i18n.format_number(len(questions), lang),
                           section=_SECTION_NUMBERS["Questions for the assessor"])))
    limits.append(_e(t(lang, N_("The evidence frames were reviewed by a person in the application before export.") if r.evidence_reviewed else N_("The evidence frames were not reviewed "
                                                                                 "by a person in the application before "
                                                                                 "this report was produced."))))
    out += _bullets(limits)
    return out


# --- 2. description ---------------------------------------------------------------------------------------------

def _days(v: Any, lang: str) -> str:
    if v is None:
        return t(lang, "not declared")
    return t(lang, "{n} day(s)", n=i18n.format_number(v, lang))


def _no_activity_text(facts: dict, lang: str) -> str:
    """No activity declared: say so, and say that recording cameras are a processing operation all the same."""
    recording = [c for c in _list(facts.get("cameras")) if isinstance(c, dict) and c.get("recording")]
    if recording:
        return t(lang, "No processing activity is declared, but {n} camera(s) record images: the recording is "
                       "itself a processing operation (video surveillance). Declare it as an activity with its "
                       "purpose and legal basis.", n=i18n.format_number(len(recording), lang))
    return t(lang, "No processing activity is declared.")


def _description(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    f = r.facts
    out = h.h1(ctx, "Systematic description of the processing", art=N_("GDPR Art 35(7)(a)"))
    out.append(_p(_e(t(lang, "This section describes the processing operations and their purposes, as declared in "
                             "the deployment configuration."))))
    store = _store(r)
    controller = _dict(f.get("controller"))
    out.append(h.h2(ctx, t(lang, "Context"), "context"))
    rows = [
        (t(lang, "Store"), store_name(r)),
        (t(lang, "Store type"), i18n.vocab("store_type", store.get("type"), lang)),
        (t(lang, "Address"), store.get("address") or t(lang, "not declared")),
        (t(lang, "Country"), i18n.country_name(store.get("country"), lang)),
        (t(lang, "Opening hours"), store.get("opening_hours") or t(lang, "not declared")),
        (t(lang, "Open to the public"), i18n.yes_no(store.get("open_to_public"), lang)),
        (t(lang, "Stores covered"), i18n.format_number(store.get("store_count", 1), lang)),
        (t(lang, "Visitors per day"), i18n.format_number(store.get("visitors_per_day"), lang)
         if store.get("visitors_per_day") is not None else t(lang, "not declared")),
        (t(lang, "Employees at the site"), i18n.format_number(store.get("employees"), lang)
         if store.get("employees") is not None else t(lang, "not declared")),
        (t(lang, "Controller"), ", ".join(str(x) for x in (controller.get("name"), controller.get("country") and
                                                                i18n.country_name(controller.get("country"), lang),
                                                                controller.get("contact")) if x) or "—"),
    ]
    joint = _list(f.get("joint_controllers"))
    if joint:
        rows.append((t(lang, "Joint controllers"), ", ".join(str(_dict(j).get("name")) for j in joint)))
    out.append(_kv(rows))

    acts = [a for a in _list(f.get("activities")) if isinstance(a, dict)]
    out.append(h.h2(ctx, t(lang, "Processing activities and purposes"), "activities"))
    if acts:
        rows2: list[list[Any]] = [[t(lang, "Activity"), t(lang, "Technique"), t(lang, "Purpose"),
                                   t(lang, "Legal basis"), t(lang, "Cameras"), t(lang, "AI Act type")]]
        for a in acts:
            purpose = i18n.vocab("purpose_category", a.get("purpose_category"), lang) if a.get("purpose_category") else ""
            if a.get("purpose"):
                purpose = f"{purpose}{i18n.colon(lang)}{a['purpose']}" if purpose else str(a["purpose"])
            basis = i18n.vocab("legal_basis", a.get("legal_basis"), lang)
            if a.get("art9_exception"):
                basis += f"; {t(lang, 'Art 9(2) exception')} {a['art9_exception']}"
            rows2.append([_Raw(f"<b>{_e(a.get('name'))}</b><br/><font size=6.8>{_e(a.get('id'))}</font>"),
                          i18n.vocab("technique", a.get("technique"), lang), purpose or "—", basis,
                          ", ".join(_list(a.get("cameras"))) or "—",
                          i18n.vocab("ai_type", _dict(a.get("derived")).get("aiact_type", "none"), lang)])
        out.append(_table(rows2, [3.1, 2.5, 3.4, 2.6, 1.6, 2.8]))
    else:
        out.append(_p(_e(_no_activity_text(f, lang))))

    out.append(h.h2(ctx, t(lang, "Data categories and data subjects"), "data"))
    if acts:
        rows3: list[list[Any]] = [[t(lang, "Activity"), t(lang, "Data categories"), t(lang, "Data subjects"),
                                   t(lang, "Special categories")]]
        for a in acts:
            rows3.append([a.get("name"), i18n.vocab_list("data_category", a.get("data_categories"), lang),
                          i18n.vocab_list("subject", a.get("subjects"), lang),
                          i18n.vocab_list("special_category", _dict(a.get("derived")).get("special_categories"), lang)])
        out.append(_table(rows3, [3, 4, 3, 3]))
    else:
        out.append(_p(_e(_no_activity_text(f, lang))))

    out.append(h.h2(ctx, t(lang, "Recipients and processors"), "recipients"))
    vendors = [v for v in _list(f.get("vendors")) if isinstance(v, dict)]
    if vendors:
        rows4: list[list[Any]] = [[t(lang, "Vendor"), t(lang, "Role"), t(lang, "Country"), t(lang, "Receives"),
                                   t(lang, "Art 28 contract"), t(lang, "Transfer mechanism")]]
        for v in vendors:
            rows4.append([v.get("name"), i18n.vocab("vendor_role", v.get("role"), lang),
                          i18n.country_name(v.get("country"), lang) if v.get("country") else "—",
                          i18n.vocab_list("data_category", v.get("receives"), lang),
                          i18n.yes_no(v.get("art28_contract"), lang),
                          i18n.vocab("mechanism", v.get("transfer_mechanism"), lang)
                          if v.get("transfer_mechanism") else "—"])
        out.append(_table(rows4, [3, 2.2, 1.5, 3.8, 1.6, 3]))
    else:
        out.append(_p(_e(t(lang, "No vendor or processor is declared."))))
    recipients = _list(f.get("recipients"))
    if recipients:
        out.append(_p(f"<b>{_e(t(lang, 'Other recipients of footage'))}</b>{i18n.colon(lang)}"
                      + _e(i18n.vocab_list("recipient", recipients, lang))))

    out.append(h.h2(ctx, t(lang, "Transfers outside the EEA"), "transfers"))
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
        out.append(_table([[t(lang, "Activity"), t(lang, "Country"), t(lang, "Recipient"),
                            t(lang, "Transfer mechanism")]] + transfers, [3, 1.4, 3, 3.5]))
    else:
        out.append(_p(_e(t(lang, "No transfer outside the EEA is declared or derived."))))

    cams = [c for c in _list(f.get("cameras")) if isinstance(c, dict)]
    out.append(h.h2(ctx, t(lang, "Retention periods"), "retention"))
    rows5: list[list[Any]] = [[t(lang, "Item"), t(lang, "Retention"), t(lang, "Automatic deletion"),
                               t(lang, "Justification")]]
    for c in cams:
        rows5.append([t(lang, "camera {id}", id=c.get("id")), _days(c.get("retention_days"), lang),
                      i18n.yes_no(c.get("auto_delete"), lang), c.get("retention_justification") or "—"])
    for a in acts:
        if a.get("retention_days") is not None:
            rows5.append([t(lang, "activity {id}", id=a.get("id")), _days(a.get("retention_days"), lang), "—", "—"])
    if len(rows5) > 1:
        out.append(_table(rows5, [2.6, 1.6, 1.6, 5]))
    else:
        out.append(_p(_e(t(lang, "No camera is declared."))))

    out.append(h.h2(ctx, t(lang, "Cameras"), "cameras"))
    if cams:
        rows6: list[list[Any]] = [[t(lang, "Camera"), t(lang, "Zone"), t(lang, "View"), t(lang, "Resolution"),
                                   t(lang, "Purposes"), t(lang, "Recording"), t(lang, "Retention"),
                                   t(lang, "Viewers")]]
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
        out.append(_p(_e(t(lang, "No camera is declared."))))
    return out


# --- 3. necessity and proportionality --------------------------------------------------------------------------------

# Which findings bear on which principle (by rule id; a finding may fall under several).
PRINCIPLES: list[tuple[str, str]] = [
    (N_("Lawful basis"), r"ART6|ART7|ART9|ART10|CONSENT|LIA|LEGAL-BASIS|PREFECT|AIACT-ART5|ART2-"),
    (N_("Purpose limitation and data minimisation"), (r"ART5-1B|ART5-1C|ART25|FOOTAGE|ID-GRADE|AUDIO|FIELD-OF-VIEW|PURPOSE|INTIMATE|WORKSTATION"
                         r"|PUBLIC-ROAD|PROPERTY|PTZ|FUNCTION-CREEP")),
    (N_("Storage limitation"), r"ART5-1E|RETENTION|AUTODELETE"),
    (N_("Information and signage"), r"ART12|ART13|ART14|SIGN|NOTICE|INFO|ART50|HIDDEN|TRANSPAREN"),
    (N_("Data-subject rights"), r"ART15|ART16|ART17|ART18|ART20|ART21|ART22|ACCESS-FOOTAGE|OBJECTION|ERASURE|RIGHTS"),
]


def findings_for_principle(result: AuditResult, key: str) -> list[Finding]:
    pattern = re.compile(dict(PRINCIPLES)[key])
    return [f for f in _sorted_findings(result.findings) if pattern.search(f.rule_id)]


def _necessity(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    f = r.facts
    out = h.h1(ctx, "Necessity and proportionality", art=N_("GDPR Art 35(7)(b)"))
    out.append(_p(_e(t(lang, "For each principle: what the configuration declares, then the findings that bear on "
                             "it. A finding listed here is detailed in section {section}.", section=_SECTION_NUMBERS["All findings"]))))
    acts = [a for a in _list(f.get("activities")) if isinstance(a, dict)]
    cams = [c for c in _list(f.get("cameras")) if isinstance(c, dict)]
    declared: dict[str, list[str]] = {k: [] for k, _ in PRINCIPLES}
    for a in acts:
        line = f"<b>{_e(a.get('name'))}</b> — {_e(t(lang, 'Legal basis'))}{i18n.colon(lang)}" \
               f"{_e(i18n.vocab('legal_basis', a.get('legal_basis'), lang))}"
        if a.get("art9_exception"):
            line += f"{i18n.separator(lang)}{_e(t(lang, 'Art 9(2) exception'))} {_e(a.get('art9_exception'))}"
        if isinstance(a.get("consent"), dict):
            line += f"{i18n.separator(lang)}{_e(t(lang, 'Consent mechanism'))}{i18n.colon(lang)}" \
                    f"{_e(i18n.vocab('consent', a['consent'].get('mechanism'), lang))}"
        if a.get("lia_done") is not None:
            line += (f"{i18n.separator(lang)}{_e(t(lang, 'Legitimate-interest assessment'))}{i18n.colon(lang)}"
                     f"{_e(i18n.yes_no(a.get('lia_done'), lang))}")
        declared["Lawful basis"].append(line)
        obj = a.get("objection")
        if isinstance(obj, dict):
            declared["Data-subject rights"].append(_e(t(lang, "Right to object for {act}: {v}.", act=a.get("name"),
                                               v=i18n.yes_no(obj.get("available"), lang))))
    masking = sum(1 for c in cams if c.get("privacy_masking"))
    audio = sum(1 for c in cams if c.get("audio"))
    ptz = sum(1 for c in cams if c.get("ptz_zoom"))
    if cams:
        declared["Purpose limitation and data minimisation"].append(_e(t(lang, "{n} camera(s) with privacy masking; {a} with audio "
                                                       "recording; {p} with PTZ zoom.", n=masking, a=audio, p=ptz)))
    rets = sorted({c.get("retention_days") for c in cams if c.get("retention_days") is not None})
    if rets:
        declared["Storage limitation"].append(_e(t(lang, "Retention")) + i18n.colon(lang)
                                         + _e(", ".join(_days(x, lang) for x in rets)))
    sign = f.get("signage")
    if isinstance(sign, dict):
        declared["Information and signage"].append(_e(t(lang, "Signage present: {v}; before entry: {b}; fields: {f}.", v=i18n.yes_no(sign.get("present"), lang),
                                                b=i18n.yes_no(sign.get("before_entry"), lang),
                                                f=i18n.vocab_list("sign_field", sign.get("fields"), lang))))
    else:
        declared["Information and signage"].append(_e(t(lang, "No signage is declared.")))
    proc = f.get("procedures")
    if isinstance(proc, dict):
        declared["Data-subject rights"].append(_e(t(lang, "Access-request procedure: {a}; footage frozen on request: {f}; "
                                                 "disclosure log: {d}.", a=i18n.yes_no(proc.get("access_requests"), lang),
                                           f=i18n.yes_no(proc.get("freeze_on_request"), lang),
                                           d=i18n.yes_no(proc.get("disclosure_log"), lang))))
    for key, _ in PRINCIPLES:
        out.append(h.h2(ctx, t(lang, key), key))
        out += _bullets(declared[key])
        fs = findings_for_principle(r, key)
        if fs:
            out += _bullets((_finding_line(x, lang) for x in fs), bullet="▸")
        else:
            out.append(_p(f"<i>{_e(t(lang, 'No finding on this principle.'))}</i>", "small"))
    return out


# --- 4. risks ---------------------------------------------------------------------------------------------------------

def _risks(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "Risks to the rights and freedoms of data subjects", art=N_("GDPR Art 35(7)(c)"))
    out.append(_p(_e(t(lang, "Following the CNIL PIA method, the risks are the three feared events on the personal "
                             "data. Each is rated for severity (how serious the harm to the people concerned would "
                             "be) and likelihood (how likely the event is, given the vulnerabilities and risk "
                             "sources), on 1–4 scales, before and after the measures planned in section {section}. "
                             "The levels come from the declared facts and the findings, by the rules listed under "
                             "each event.", section=_SECTION_NUMBERS["Measures and action plan"]))))
    out.append(_p(_e(t(lang, "Scale: 1 negligible, 2 limited, 3 significant, 4 maximum.")), "muted"))
    rows: list[list[Any]] = [[t(lang, "Feared event"),
                              f"{t(lang, 'Severity')} ({t(lang, 'before')})",
                              f"{t(lang, 'Likelihood')} ({t(lang, 'before')})",
                              f"{t(lang, 'Risk')} ({t(lang, 'before')})",
                              f"{t(lang, 'Severity')} ({t(lang, 'after')})",
                              f"{t(lang, 'Likelihood')} ({t(lang, 'after')})",
                              f"{t(lang, 'Risk')} ({t(lang, 'after')})"]]
    for ev in ctx.risk.events:
        rows.append([_Raw(f"<b>{ev.letter}</b> — {_e(ev.name.get(lang))}"),
                     i18n.level_label(ev.severity_before, lang), i18n.level_label(ev.likelihood_before, lang),
                     i18n.risk_level_label(st.risk_level(ev.severity_before, ev.likelihood_before), lang),
                     i18n.level_label(ev.severity_after, lang), i18n.level_label(ev.likelihood_after, lang),
                     i18n.risk_level_label(st.risk_level(ev.severity_after, ev.likelihood_after), lang)])
    out.append(_table(rows, [3.6, 1.6, 1.6, 1.3, 1.6, 1.6, 1.3]))
    out.append(CondPageBreak(95 * mm))
    out.append(h.h2(ctx, t(lang, "Risk map"), "riskmap"))
    chart = RiskMap(ctx.risk, lang, 118 * mm)
    out.append(KeepTogether([chart, _p(_e(t(lang, "Open marks: before the planned measures; filled marks: after. A "
                                                  "= illegitimate access, M = unwanted modification, D = "
                                                  "disappearance.")), "caption")]))
    if ctx.risk.residual_high:
        out.append(_p("<b>" + _e(t(lang, "A high residual risk remains after the planned measures: unless it can "
                                         "be reduced further, the supervisory authority must be consulted before "
                                         "the processing starts (GDPR Art 36(1)).")) + "</b>"))
    out.append(h.h2(ctx, t(lang, "How the levels were set"), "riskwhy"))
    for ev in ctx.risk.events:
        out.append(_p(f"{ev.letter} — {_e(ev.name.get(lang))}", "h3"))
        rows2: list[list[Any]] = [[t(lang, "Factor"), t(lang, "Effect"), t(lang, "Findings"),
                                   t(lang, "After the measures")]]
        for axis in ("severity", "likelihood"):
            base = risk_mod.base_level(ev.event, axis)
            label = t(lang, "Severity") if axis == "severity" else t(lang, "Likelihood")
            rows2.append([risk_mod.base_text(ev.event, axis).get(lang),
                          f"{label}{i18n.colon(lang)}{t(lang, 'starting level')} {base}", "—", t(lang, "remains")])
        for fac in ev.factors:
            if fac.axis == "severity":
                effect = t(lang, "severity at least {n}", n=fac.level)
            elif fac.delta >= 0:
                effect = t(lang, "likelihood +{n}", n=fac.delta)
            else:
                effect = t(lang, "likelihood −{n}", n=-fac.delta)
            rows2.append([fac.text.get(lang), effect,
                          _Raw("<font size=6.6>" + "<br/>".join(_e(x) for x in fac.findings) + "</font>"
                               if fac.findings else "—"),
                          t(lang, N_("removed by the action plan") if fac.remedied else N_("remains"))])
        out.append(_table(rows2, [4.6, 2, 4.4, 1.9]))
    out.append(_p(f"<i>{_e(t(lang, 'The assessor may adjust these levels; record any change and its reason in Appendix B.'))}</i>", "small"))
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


_PRIORITY = {"blocker": N_("P1 — before any deployment"), "major": N_("P2 — before go-live"), "minor": N_("P3 — planned")}


def priority_label(severity: str, lang: str) -> str:
    return t(lang, _PRIORITY[severity]) if severity in _PRIORITY else "P3"


def _measures(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "Measures and action plan", art=N_("GDPR Art 35(7)(d)"))
    out.append(_p(_e(t(lang, "Measures already declared in the configuration, then one action per finding to be "
                             "remedied. Fill in the owner and the due date of each action."))))
    out.append(h.h2(ctx, t(lang, "Measures in place (declared)"), "existing"))
    existing = declared_measures(r.facts, lang)
    out += _bullets(_e(x) for x in existing) if existing else [_p(_e(t(lang, "No security or organisational measure "
                                                                             "is declared.")))]
    out.append(h.h2(ctx, t(lang, "Action plan"), "plan"))
    acts = actions(r)
    if not acts:
        out.append(_p(_e(t(lang, "No action is required by the findings."))))
        return out
    rows: list[list[Any]] = [[t(lang, "#"), t(lang, "Action"), t(lang, "Finding"),
                              t(lang, "Priority"), t(lang, "Owner"), t(lang, "Due date")]]
    for i, (f, group) in enumerate(acts, 1):
        worst = max(group, key=lambda x: x.severity.rank)
        subjects = clip(", ".join(subject_label(x.subject, lang) for x in group), FACT_CHARS)   # a cell fits a page
        action = (f"{_e(_tx(f.remediation, lang))}<br/><font size=6.8 color='#52606d'>"
                  f"{_e(t(lang, 'Applies to: {subjects}', subjects=subjects))}</font>")
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


def recall_rows(footage: dict) -> list[tuple[str, float]]:
    """(bucket label, recall) for the face widths this camera shows (all buckets when no face was measured)."""
    det = _dict(footage.get("detector"))
    raw = det.get("recall_by_width", footage.get("recall_by_width"))
    buckets: list[tuple[str, float, float, float]] = []
    if isinstance(raw, dict):
        for label, rec in raw.items():
            rng = parse_bucket(label)
            if rng is not None and isinstance(rec, (int, float)):
                buckets.append((str(label), rng[0], rng[1], float(rec)))
    elif isinstance(raw, list):
        for item in raw:
            item = _dict(item)
            lo, hi, rec = item.get("min", 0), item.get("max"), item.get("recall")
            if rec is None:
                continue
            label = str(item.get("label") or (f"{lo}–{hi}" if hi is not None else f"≥ {lo}"))
            buckets.append((label, float(lo or 0), float(hi) if hi is not None else float("inf"), float(rec)))
    buckets.sort(key=lambda b: b[1])
    widths = _dict(footage.get("face_width_px"))
    lo_w = widths.get("p10", widths.get("min"))
    hi_w = widths.get("max", widths.get("p90"))
    if isinstance(lo_w, (int, float)) and isinstance(hi_w, (int, float)) and hi_w > 0:
        shown = [b for b in buckets if b[2] > lo_w and b[1] <= hi_w]
        if shown:
            buckets = shown
    return [(label.replace("-", "–"), rec) for label, _, _, rec in buckets]


def _footage_errors(ctx: _Ctx, camera_id: str, footage: dict) -> list[tuple[str, str]]:
    out = []
    for e in ctx.result.footage_errors:
        e = _dict(e)
        if str(e.get("camera")) == camera_id:
            out.append((str(e.get("path", "?")), str(e.get("message", ""))))
    for e in _list(footage.get("errors")) + _list(footage.get("unreadable")):
        if isinstance(e, dict):
            out.append((str(e.get("path", "?")), str(e.get("message", e.get("error", "")))))
        else:
            out.append((str(e), ""))
    for fl in _list(footage.get("files")):
        if isinstance(fl, dict) and (fl.get("error") or fl.get("readable") is False):
            out.append((str(fl.get("path", "?")), str(fl.get("error", ""))))
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
    title = t(lang, "camera {id}", id=cid)
    title = title[0].upper() + title[1:]
    if cam.get("name"):
        title += f" — {cam['name']}"
    title += f" ({i18n.vocab('zone', cam.get('zone'), lang)})"
    out: list[Flowable] = [CondPageBreak(60 * mm), h.h2(ctx, title, f"cam-{cid}")]
    footage = cam.get("footage") if isinstance(cam.get("footage"), dict) else None
    derived = _dict(cam.get("derived"))
    cam_findings = [f for f in _sorted_findings(ctx.result.findings) if f.subject == f"camera:{cid}"]
    errors = _footage_errors(ctx, cid, footage or {})
    if footage is None:
        out.append(_p(_e(t(lang, "No footage was analysed for this camera: the findings rely on the declared "
                                 "configuration only."))))
        for path, msg in errors:
            out.append(_p(_e(t(lang, "Unreadable footage: {path} ({message}).", path=path, message=msg or "?")), "small"))
        if cam_findings:
            out.append(_p(_e(t(lang, "Findings on this camera: {ids}.", ids=", ".join(f.rule_id for f in cam_findings))),
                          "small"))
        return out
    fo = footage
    files = [str(_dict(x).get("path", x)) if isinstance(x, dict) else str(x) for x in _list(fo.get("files"))]
    _dict(fo.get("faces_per_frame"))
    fw = _dict(fo.get("face_width_px"))
    id_share = _first(fo, "identification_grade_share", default=derived.get("id_grade_share"))
    rows: list[tuple[str, Any]] = []
    if files:
        rows.append((t(lang, "Footage files"), _Raw("<br/>".join(_e(x) for x in files))))
    rows.append((t(lang, "Frames analysed"), _num(_first(fo, "frames_analysed", "sampled_frames"), lang)))
    sample = _first(fo, "sample_fps", "sampling_fps")
    if sample is not None:
        rows.append((t(lang, "Sampling"), t(lang, "{n} frame(s)/s", n=_num(sample, lang))))
    if fo.get("duration_s") is not None:
        rows.append((t(lang, "Duration"), t(lang, "{n} s", n=_num(fo.get("duration_s"), lang, 1))))
    res = fo.get("resolution")
    if isinstance(res, dict) and res.get("width"):
        rows.append((t(lang, "Resolution"), f"{res.get('width')}×{res.get('height')}"))
    elif res:
        rows.append((t(lang, "Resolution"), str(res)))
    mean_f = _first(fo, "faces_per_frame.mean", "faces_per_frame_mean")
    max_f = _first(fo, "faces_per_frame.max", "faces_per_frame_max")
    rows.append((t(lang, "Faces per frame (mean / max)"), f"{_num(mean_f, lang, 1)} / {_num(max_f, lang)}"))
    if _first(fo, "distinct_people", "people_estimate") is not None:
        rows.append((t(lang, "Distinct people (estimate)"), _num(_first(fo, "distinct_people", "people_estimate"), lang)))
    dwell = _first(fo, "dwell_median_s", "median_dwell_s", "dwell_s.median")
    if dwell is not None:
        rows.append((t(lang, "Median dwell time"), t(lang, "{n} s", n=_num(dwell, lang, 1))))
    rows.append((t(lang, "Face width in pixels (p10 / p50 / p90 / max)"), " / ".join(_num(fw.get(k), lang) for k in ("p10", "p50", "p90", "max"))))
    dori = _first(fo, "dori_class", "dori")
    rows.append((t(lang, "DORI capability class (EN 62676-4)"), i18n.vocab("dori", dori, lang) if dori else "—"))
    rows.append((t(lang, "Face-recognition grade"), i18n.yes_no(fo.get("face_recognition_grade"), lang)))
    rows.append((t(lang, "Share of frames with identification-grade frontal faces"), i18n.format_percent(id_share, lang, decimals=1)
                 if isinstance(id_share, (int, float)) else "—"))
    rows.append((t(lang, "Identification-grade capture (share ≥ 5%, product threshold)"), i18n.yes_no(derived.get("id_grade_capture"), lang)))
    out.append(_kv(rows, widths=(0.42, 0.58)))
    if derived.get("id_grade_capture") and derived.get("purposes_anonymous_only"):
        out.append(_p(f'<font color="#9b1c1c"><b>{_e(t(lang, "The camera is declared for anonymous purposes only, yet its footage shows identification-grade faces."))}</b></font>'))

    # what the audit could not see
    out.append(_p(_e(t(lang, "What the audit could not see")), "h3"))
    lines = []
    det = _dict(fo.get("detector"))
    if det.get("name"):
        lines.append(_e(t(lang, "Detector: {name}.", name=f"{det.get('name')} {det.get('version', '')}".strip())))
    recall = recall_rows(fo)
    for label, rec in recall:
        lines.append(_e(t(lang, "Faces {bucket} px wide: the detector finds {recall} of them (measured on the "
                                "benchmark); about {miss} of such faces may be missed.", bucket=label, recall=i18n.format_percent(rec, lang),
                          miss=i18n.format_percent(max(0.0, 1 - rec), lang))))
    if not recall:
        lines.append(_e(t(lang, "The detector's recall for the face sizes of this camera is not known.")))
    max_faces = max_f if isinstance(max_f, (int, float)) else None
    if max_faces == 0:
        lines.append("<b>" + _e(t(lang, "No face was detected in the analysed frames. This does not prove that the "
                                        "camera captures no face: the detector can miss faces, and only samples "
                                        "were analysed.")) + "</b>")
    for path, msg in errors:
        lines.append(_e(t(lang, "Unreadable footage: {path} ({message}).", path=path, message=msg or "?")))
    if not errors:
        lines.append(_e(t(lang, "All footage files of this camera could be read.")))
    out += _bullets(lines)
    if cam_findings:
        out.append(_p(_e(t(lang, "Findings on this camera: {ids}.", ids=", ".join(sorted({f.rule_id for f in cam_findings})))),
                      "small"))

    # the redacted frames
    frames = ctx.evidence.for_camera(cid) if ctx.evidence is not None else []
    requested = _list(fo.get("evidence_frames"))
    out.append(_p(_e(t(lang, "Redacted evidence frames")), "h3"))
    if ctx.evidence is None and requested:
        out.append(_p(_e(t(lang, "Evidence frames were not embedded in this report.")), "small"))
    elif not frames:
        out.append(_p(_e(t(lang, "No evidence frame was selected for this camera.")), "small"))
    else:
        out += _frames_grid(ctx, frames)
    return out


WITHHELD = {"unreadable": N_("the frame could not be read"),
            "unverified": N_("a face was still detected after masking; the frame is withheld"),
            "no_redactor": N_("no redaction engine is available in this installation"), "error": N_("redaction failed: {error}")}
REASONS = {"most_faces": N_("most faces"), "largest_face": N_("largest frontal face"),
           "largest_frontal_face": N_("largest frontal face"), "first": N_("first frame"), "random": N_("random sample"),
           "median": N_("typical frame")}


def reason_label(reason: str, lang: str) -> str:
    """Why an evidence frame was selected (`largest_frontal_face`), in words."""
    if reason in REASONS:
        return t(lang, REASONS[reason])
    return reason.replace("_", " ") if lang == "en" else t(lang, "representative frame")


def _frame_caption(fr: EvidenceFrame, lang: str) -> str:
    req = fr.request
    name = req.path.replace("\\", "/").rsplit("/", 1)[-1] or "?"
    if fr.jpeg is None:
        reason = t(lang, WITHHELD[fr.withheld], error=fr.error) if fr.withheld in WITHHELD else str(fr.withheld)
        return _e(t(lang, "{file}, frame {index}: not embedded ({reason}).", file=name, index=i18n.format_number(req.frame_index, lang),
                    reason=reason))
    tm = t(lang, " (t = {t} s)", t=i18n.format_number(req.timestamp_s, lang, decimals=1)) \
        if isinstance(req.timestamp_s, (int, float)) else ""
    extra = t(lang, ", of which {n} found only by the verification pass", n=fr.extra_found) if fr.extra_found else ""
    text = _e(t(lang, "{file}, frame {index}{time}: {masked} face(s) masked{extra}.", file=name, index=i18n.format_number(req.frame_index, lang), time=tm,
                masked=i18n.format_number(fr.masked, lang), extra=extra))
    if req.reason:
        reason = reason_label(req.reason, lang)
        text += " " + _e(t(lang, "Selected because: {reason}.", reason=reason))
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
    out = h.h1(ctx, "Per-camera evidence")
    out.append(_p(_e(t(ctx.lang, "What the footage analysis measured on each camera's sample footage, and the "
                                 "evidence frames with every detected face irreversibly masked. Before a frame was "
                                 "embedded, detection was run again on the masked frame and anything it found was "
                                 "masked too. Absence of detected faces is never proof that no face is visible: "
                                 "see the detector's measured recall for each camera."))))
    cams = [c for c in _list(ctx.result.facts.get("cameras")) if isinstance(c, dict)]
    if not cams:
        out.append(_p(_e(t(ctx.lang, "No camera is declared."))))
    for cam in cams:
        out += _camera_evidence(ctx, h, cam)
    return out


# --- 7. findings -----------------------------------------------------------------------------------------------------

def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def finding_flowables(f: Finding, lang: str) -> list[Flowable]:
    colon = i18n.colon(lang).rstrip()
    head = f"{_sev_badge(f.severity.value, lang)}  {_e(_tx(f.title, lang))}"
    out: list[Flowable] = [_p(head, "finding_head"),
                           _p(f'<font size=7 color="#52606d">{_e(f.rule_id)} · {_e(t(lang, "Subject"))}{colon} '
                              f'{_e(subject_label(f.subject, lang))} · {_e(t(lang, "Rule pack"))}{colon} '
                              f'{_e(f.pack)}</font>', "small")]
    if _tx(f.message, lang):
        out.append(_p(_e(_capital(_tx(f.message, lang)))))
    if _tx(f.rationale, lang):
        out.append(_p(f"<b>{_e(t(lang, 'Why it matters'))}{colon}</b> {_e(_tx(f.rationale, lang))}", "indented"))
    if _tx(f.remediation, lang):
        out.append(_p(f"<b>{_e(t(lang, 'Remediation'))}{colon}</b> {_e(_tx(f.remediation, lang))}", "indented"))
    if f.references:
        refs = []
        for ref in unique_references(f, lang):
            label = _e(reference_label(ref, lang))
            if ref.url:
                label = f'<link href="{_e(ref.url)}" color="#1d4e89">{label}</link>'
            refs.append(label)
        out.append(_p(f"<b>{_e(t(lang, 'Legal references'))}{colon}</b> " + "; ".join(refs), "indented"))
    if f.precedents:
        items = [f"{_e(p.authority)} {p.year}, {_e(p.reference)}" + (f" ({_e(p.fine)})" if p.fine else "")
                 + f": {_e(p.holding.get(lang))}" for p in f.precedents]
        out.append(_p(f"<b>{_e(t(lang, 'Decisions applying these provisions'))}{colon}</b> " + " · ".join(items), "indented"))
    if f.evidence:
        ev = _e(facts_text(f.evidence, lang))
        out.append(_p(f"<b>{_e(t(lang, 'Facts that triggered it'))}{colon}</b> {ev}", "indented"))
    if f.waiver is not None:
        w = f.waiver
        if w.active:
            text = t(lang, "Waived: {justification} (approved by {approver}, until {expires}).", justification=w.justification, approver=w.approver,
                     expires=i18n.format_date(w.expires, lang))
        else:
            text = t(lang, "Waiver expired on {expires}: the finding counts as open.", expires=i18n.format_date(w.expires, lang))
        out.append(_p(f"<i>{_e(text)}</i>", "indented"))
    return out


def _findings(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "All findings")
    out.append(_p(_e(t(lang, "Every finding of the rules, worst first, with its legal references and the "
                             "remediation. Waived findings are listed with their waiver."))))
    verdicts = [f for f in _sorted_findings(ctx.result.findings) if not f.question]
    if not verdicts:
        out.append(_p(_e(t(lang, "The rules raised no finding."))))
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
    out = h.h1(ctx, "Questions for the assessor")
    qs = _questions(ctx.result)
    out += _answered(ctx)
    if not qs:
        out.append(_p(_e(t(lang, "No question is left to the assessor."))))
        return out
    out.append(_p(_e(t(lang, "The rules could not decide these points from the facts: a fact they need is missing, "
                             "or the law calls for judgement. Answer each one and record the answer; a re-run of "
                             "the audit with the completed configuration turns the answers into verdicts."))))
    colon = i18n.colon(lang).rstrip()
    for i, f in enumerate(qs, 1):
        question, missing = question_parts(f, lang)
        block = [Para(f"<b>{i}. {_e(question)}</b> — {_e(subject_label(f.subject, lang))} "
                      f'<font size=7 color="#52606d">[{_e(f.rule_id)}]</font>', "check", bullet="☐")]
        if missing:
            block.append(_p(_e(t(lang, "Not declared in the configuration: {field}", field=fact_label(missing, lang)))
                            + f" <font face='{st.FONT_MONO}' size=7>({_e(missing)})</font>", "indented"))
        else:
            block.append(_p(_e(_capital(_tx(f.message, lang))), "indented"))
        if f.references:
            block.append(_p(f"<font size=7.5>{_e('; '.join(reference_label(r, lang) for r in unique_references(f, lang)))}</font>",
                            "indented"))
        block.append(Table([[f"{_e(t(lang, 'Answer'))}{colon}", ""]], [25, 145], header=False, kind="answer",
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
    out: list[Flowable] = [_p(_e(t(lang, "Questions answered by the assessor")), "h3"), _p(_e(t(lang, "These points were decided by the "
                                                                                   "assessor's recorded answers (the "
                                                                                   "answers file or the deployment file's "
                                                                                   "`answers:` section), not by the facts.")))]
    for c in sorted(answered, key=lambda c: (c.rule_id, c.subject)):
        a = c.answer
        assert a is not None
        line = t(lang, "answered by the assessor ({who}, {when}): {decision}", who=a.answered_by, when=i18n.format_date(a.answered_on, lang),
                 decision=t(lang, "failed: the finding applies") if a.decision == "failed" else t(lang, "passed"))
        out += _bullets([f"<b>{_e(_tx(c.title, lang))}</b> — {_e(subject_label(c.subject, lang))} "
                         f'<font size=7 color="#52606d">[{_e(c.rule_id)}]</font><br/><i>{_e(line)}</i>'
                         + (f"<br/>{_e(a.note)}" if a.note else "")])
    return out


# --- 9. waivers -------------------------------------------------------------------------------------------------------

def _waivers(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "Waivers")
    waived = [f for f in _sorted_findings(r.findings) if f.waiver is not None]
    if not waived and not r.unused_waivers and not r.expired_waivers:
        out.append(_p(_e(t(lang, "No waiver applies."))))
        return out
    out.append(_p(_e(t(lang, "Findings the controller chose to accept, with the written justification. A waiver "
                             "never hides a finding: it is shown here and in section {section}.", section=_SECTION_NUMBERS["All findings"]))))
    if waived:
        rows: list[list[Any]] = [[t(lang, "Rule"), t(lang, "Subject"), t(lang, "Justification"),
                                  t(lang, "Approved by"), t(lang, "Expires"), t(lang, "Status")]]
        for f in waived:
            w = f.waiver
            assert w is not None
            rows.append([_Raw(f"{_sev_badge(f.severity.value, lang)}<br/><font size=6.6>{_e(f.rule_id)}</font>"),
                         subject_label(f.subject, lang), w.justification, w.approver,
                         i18n.format_date(w.expires, lang), t(lang, N_("active") if w.active else N_("expired: ignored"))])
        out.append(_table(rows, [4, 2, 4.4, 2, 2, 1.6]))
    for key, items in ((N_("Waivers that matched no finding"), r.unused_waivers),
                       (N_("Expired waivers"), r.expired_waivers)):
        if items:
            out.append(_p(_e(t(lang, key)), "h3"))
            rows2: list[list[Any]] = [[t(lang, "Rule"), t(lang, "Justification"), t(lang, "Approved by"),
                                       t(lang, "Expires")]]
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
    out = h.h1(ctx, "Appendix A. Audit trail", number=False)
    out.append(_p(_e(t(lang, "Everything needed to re-run this audit and obtain the same report: the SHA-256 of "
                             "every input, the tool and rule-pack versions and the time of the audit."))))
    rows = [(t(lang, "Tool version"), r.tool_version),
            (t(lang, "Time of the audit"), i18n.format_datetime(r.generated_at, lang) + f"  ({r.generated_at})"),
            (t(lang, "Audit date used by the rules"), i18n.format_date(audit_date(r), lang)),
            (t(lang, "Evidence review"), _Raw(_e(t(lang, "The evidence frames were reviewed by a person in the "
                                                      "application before export.")) if r.evidence_reviewed
                                           else f"<b>{_e(t(lang, 'Not done. The evidence frames were not reviewed by a person in the application before this report was produced; the masking relies on the automatic detector alone.'))}</b>"))]
    if ctx.evidence is not None and ctx.evidence.detector:
        rows.append((t(lang, "Detector: {name}.", name="").rstrip(" .:\u202f"), ctx.evidence.detector))
    out.append(_kv(rows))
    out.append(_p(_e(t(lang, "Inputs")), "h3"))
    rows2: list[list[Any]] = [[t(lang, "Kind"), t(lang, "Path"), t(lang, "SHA-256")]]
    for inp in r.inputs:
        rows2.append([t(lang, _INPUT_KINDS[inp.kind]) if inp.kind in _INPUT_KINDS else inp.kind, _Raw(_wrap_path(inp.path)),
                      Para(_e(inp.sha256), "mono")])
    out.append(_table(rows2, [1.6, 5.2, 6.4]))
    out.append(_p(_e(t(lang, "Rule packs")), "h3"))
    rows3: list[list[Any]] = [[t(lang, "Pack"), t(lang, "Version"), t(lang, "Checked against sources"),
                               t(lang, "Rules"), t(lang, "Source"), t(lang, "SHA-256")]]
    for p in r.packs:
        src = t(lang, "built in") if p.source in ("", "builtin") else p.source
        rows3.append([_Raw(f"<b>{_e(p.id)}</b><br/>{_e(_text(p.title, lang))}"), p.version,
                      i18n.format_date(p.checked, lang), i18n.format_number(p.rule_count, lang), _Raw(_wrap_path(src)),
                      Para(_e(p.sha256 or "—"), "mono")])
    out.append(_table(rows3, [3.2, 1.2, 2.2, 1, 1.8, 4.4]))
    if r.footage_errors:
        out.append(_p(_e(t(lang, "Footage that could not be analysed")), "h3"))
        out += _bullets(_e(f"{_dict(e).get('camera', '?')}: {_dict(e).get('path', '?')} — {_dict(e).get('message', '')}")
                        for e in r.footage_errors)
    if r.warnings:
        out.append(_p(_e(t(lang, "Warnings")), "h3"))
        out += _bullets(_e(w) for w in r.warnings)
    return out


def _wrap_path(path: str) -> str:
    """Let long paths break after separators."""
    return _e(path)


def _signoff(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang, _s = ctx.lang, ctx.s
    out = h.h1(ctx, "Appendix B. DPO opinion and sign-off", number=False)

    def box(title: str, height: float) -> Flowable:
        return Table([[f"<b>{_e(title)}</b>"], [""]], [1], header=True, kind="form", row_heights=[None, height])

    out += [box(t(lang, "Opinion of the data protection officer (GDPR Art 35(2))"), 48 * mm), Spacer(4 * mm),
            box(t(lang, "Views of data subjects or their representatives (GDPR Art 35(9))"), 22 * mm), Spacer(4 * mm),
            KeepTogether([_p(_e(t(lang, "Decision of the controller")), "h3")]
                         + _bullets([_e(x.strip()) for x in t(lang, "☐ The processing may start   ☐ It may start "
                                                                    "once the action plan is done   ☐ The "
                                                                    "supervisory authority is consulted first (Art "
                                                                    "36)   ☐ It is abandoned").split("☐") if x.strip()],
                                    "check", "☐")),
            Spacer(3 * mm)]
    rows = [["", t(lang, "Name"), t(lang, "Position"), t(lang, "Date"), t(lang, "Signature")]]
    for who in (N_("Assessor"), N_("Data protection officer"), N_("For the controller")):
        rows.append([_Raw(f"<b>{_e(t(lang, who))}</b>"), ctx.assessor if who == "Assessor" and ctx.assessor else "",
                     "", "", ""])
    tbl = _table(rows, [3, 3, 2.4, 2, 3.4], kind="form", row_heights=[None, 14 * mm, 14 * mm, 14 * mm])
    out.append(KeepTogether([tbl, Spacer(4 * mm),
                             _kv([(t(lang, "Next review of this DPIA"), "")], widths=(0.34, 0.66))]))
    return out


_INPUT_KINDS = {"config": N_("configuration"), "footage": N_("footage"), "pack": N_("rule pack"), "waivers": N_("waivers"),
               "answers": N_("answers")}


def _glossary(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "Appendix C. Glossary", number=False)
    rows: list[list[Any]] = [[t(lang, "Term"), t(lang, "Definition")]]
    for term, definition in i18n.glossary(lang):
        rows.append([_Raw(f"<b>{_e(term)}</b>"), definition])
    out.append(_table(rows, [2.2, 8]))
    return out


# --- the whole story -------------------------------------------------------------------------------------------------

def _verdict_word(v: str, lang: str) -> str:
    return t(lang, "no open finding") if v == "ok" else i18n.severity_label(v, lang)


def _change_rows(items: list, lang: str, *, both: bool) -> list[list[Any]]:
    head = [t(lang, "Before"), t(lang, "Now")] if both else [t(lang, "Severity")]
    rows: list[list[Any]] = [head + [t(lang, "Finding"), t(lang, "Subject")]]
    for c in items:
        sev = [_Raw(_sev_badge(c.old_severity, lang)), _Raw(_sev_badge(c.new_severity, lang))] if both else \
            [_Raw(_sev_badge(c.new_severity or c.old_severity, lang))]
        subject = subject_label(c.subject, lang)
        if c.renamed:
            subject += f" ({subject_label(c.old_subject, lang)})"
        title = _e(i18n.rule_text(c.title, lang))
        rows.append(sev + [_Raw(f'{title}<br/><font size=6.6 color="#52606d">{_e(c.rule_id)}</font>'), subject])
    return rows


def _changes(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    d, lang = ctx.changes, ctx.lang
    out = h.h1(ctx, "Changes since the last assessment", number=False)
    out.append(_p(_e(t(lang, "This assessment is compared with the previous one of {date} (report generated "
                             "{generated}). Findings are matched by rule and subject; renamed cameras and "
                             "activities are matched by position in the configuration.", date=i18n.format_date(d.old.get("audit_date"), lang),
                       generated=i18n.format_datetime(d.old.get("generated_at"), lang)))))
    before, after = _verdict_word(d.old["verdict"], lang), _verdict_word(d.new["verdict"], lang)
    key = N_("Overall conclusion: {before} → {after}.") if d.verdict_changed else \
        N_("Overall conclusion unchanged: {after}.")
    out.append(_p("<b>" + _e(t(lang, key, before=before, after=after)) + "</b>"))
    if d.renames:
        items = ", ".join(f"{subject_label(a, lang)} → {subject_label(b, lang)}" for a, b in d.renames.items())
        out.append(_p(_e(t(lang, "Renamed since the last assessment: {items}.", items=items)), "small"))
    groups = [(N_("Resolved"), d.resolved, False), (N_("New"), d.new_findings, False),
              (N_("Severity changed"), d.changed, True), (N_("Unchanged"), d.unchanged, False)]
    out.append(_table([["", t(lang, "Findings")]] + [[t(lang, k), i18n.format_number(len(v), lang)]
                                                      for k, v, _ in groups], [3, 1], width=st.CONTENT_WIDTH * 0.45))
    for key, items, both in groups:
        out.append(_p(f"{_e(t(lang, key))} ({i18n.format_number(len(items), lang)})", "h3"))
        if items:
            out.append(_table(_change_rows(items, lang, both=both), ([1.3, 1.3] if both else [1.3]) + [6, 3]))
        else:
            out.append(_p(_e(t(lang, "None."))))
    return out


# --- appendix D: applicable law and checks ------------------------------------------------------------------

# Instruments in the order the annex lists them: EU law first, then national law, then guidance and case law.
_INSTRUMENT_ORDER = ["GDPR", "ePrivacy Directive", "AI Act", "Digital Omnibus on AI"]
_GUIDANCE = re.compile(r"^(EDPB|WP\d|CNIL|ICO|Commission Guidelines|EN \d|CJEU|ECtHR|CE$)")
_OUTCOMES = ("passed", "failed", "not_applicable", "question")
_OUTCOME_HEADS = {"passed": N_("Passed"), "failed": N_("Failed"), "not_applicable": N_("Not applicable"), "question": N_("Questions")}


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
    out = h.h1(ctx, "Appendix D. Applicable law and checks passed", number=False)
    if not r.checks:
        out.append(_p(_e(t(lang, "This audit result carries no record of its checks (it was produced by an older "
                                 "version)."))))
        return out
    out.append(_p(_e(t(lang, "Every provision the rules of this audit cite, grouped by instrument, with the "
                             "outcome of each check that cites it: passed, failed, not applicable (the rule's "
                             "conditions are not met) or left as a question. A check is one rule on one subject "
                             "(the deployment, a camera or an activity); the number of subjects is given in "
                             "brackets. Checks decided by an assessor's answer are marked with an asterisk. This "
                             "shows what was verified, not only what failed."))))
    n = {o: sum(1 for c in r.checks if c.outcome.value == o) for o in _OUTCOMES}
    out.append(_p(_e(t(lang, "{checks} checks of {rules} rules: {passed} passed, {failed} failed, {na} not "
                             "applicable, {questions} questions.", checks=i18n.format_number(len(r.checks), lang),
                       rules=i18n.format_number(len({c.rule_id for c in r.checks}), lang),
                       passed=i18n.format_number(n["passed"], lang), failed=i18n.format_number(n["failed"], lang),
                       na=i18n.format_number(n["not_applicable"], lang),
                       questions=i18n.format_number(n["question"], lang)))))
    for i, (instrument, provisions) in enumerate(law_table(r), 1):
        name = reference_label(Reference(instrument=instrument), lang)
        out.append(Heading(f"D.{i} {name}", 1, f"sub-law-{i}"))
        rows: list[list[Any]] = [[t(lang, "Provision")] + [t(lang, _OUTCOME_HEADS[o]) for o in _OUTCOMES]]
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
    if lang not in i18n.languages():
        raise ValueError(f"unsupported report language {lang!r} ({', '.join(i18n.languages())})")
    result = display_result(result)            # over-long values clipped: a cell must fit a page
    ctx = _Ctx(result, lang, evidence, assessor, risk or risk_mod.assess(result), _StyleNames(), changes)
    h = _Headings()
    story: list[Flowable] = []
    story += _cover(ctx)
    story += [PageBreak(), _p(_e(t(lang, "Contents")), "toc_title"), Toc(), PageBreak()]
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
    tool = t(lang, "Store Camera Privacy Auditor {version}", version=result.tool_version)
    return Document(
        lang=lang, title=f"{t(lang, 'Data Protection Impact Assessment')} — {store}", subject=t(lang, "DPIA of the in-store camera "
                                                                              "deployment of {store} (GDPR Art 35)", store=store),
        author=assessor or str(controller.get("name") or tool), creator=tool,
        keywords="DPIA, AIPD, GDPR, RGPD, CNIL, AI Act, WP248, CCTV",
        header=f"{store} — {i18n.format_date(audit_date(result), lang)}", header_right=t(lang, "DPIA"),
        footer=tool, page_label=i18n.t(lang, "Page {page} of {pages}", page="{page}", pages="{pages}"), blocks=blocks)
