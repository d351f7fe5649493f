"""Sections 3 and 4 of the report: necessity and proportionality by principle (GDPR Art 35(7)(b)) and the
risks to the people concerned, after the CNIL PIA method (GDPR Art 35(7)(c)).
"""

from __future__ import annotations

import re
from typing import Any

from auditor.core.i18n import N_
from auditor.core.model import AuditResult, Finding
from auditor.report import i18n
from auditor.report import risk as risk_mod
from auditor.report import styles as st
from auditor.report.document import (
    CondPageBreak,
    KeepTogether,
    RiskMap,
)
from auditor.report.i18n import t
from auditor.report.sections.common import (
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _SECTION_NUMBERS,
    _bullets,
    _e,
    _finding_line,
    _list,
    _p,
    _sorted_findings,
    _table,
    mm,
)
from auditor.report.sections.description import _days


# Which findings bear on which principle (by rule id; a finding may fall under several).
PRINCIPLES: list[tuple[str, str]] = [
    (N_("Lawful basis"), r"ART6|ART7|ART9|ART10|CONSENT|LIA|LEGAL-BASIS|PREFECT|AIACT-ART5|ART2-"),
    (N_("Purpose limitation and data minimisation"),
     (r"ART5-1B|ART5-1C|ART25|FOOTAGE|ID-GRADE|AUDIO|FIELD-OF-VIEW|PURPOSE|INTIMATE|WORKSTATION"
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
                             "it. A finding listed here is detailed in section {section}.",
                       section=_SECTION_NUMBERS["All findings"]))))
    acts = [a for a in _list(f.get("activities")) if isinstance(a, dict)]
    cams = [c for c in _list(f.get("cameras")) if isinstance(c, dict)]
    declared: dict[str, list[str]] = {k: [] for k, _ in PRINCIPLES}
    for a in acts:
        line = f"<b>{_e(a.get('name'))}</b> — {_e(t(lang, 'Legal basis'))}{i18n.colon(lang)}" \
               f"{_e(i18n.vocab('legal_basis', a.get('legal_basis'), lang))}"
        if a.get("art9_exceptions"):
            line += f"{i18n.separator(lang)}{_e(t(lang, 'Art 9(2) exception'))} {_e(', '.join(a['art9_exceptions']))}"
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
        declared["Purpose limitation and data minimisation"].append(_e(t(
            lang, "{n} camera(s) with privacy masking; {a} with audio recording; {p} with PTZ zoom.",
            n=masking, a=audio, p=ptz)))
    rets = sorted({c.get("retention_days") for c in cams if c.get("retention_days") is not None})
    if rets:
        declared["Storage limitation"].append(_e(t(lang, "Retention")) + i18n.colon(lang)
                                         + _e(", ".join(_days(x, lang) for x in rets)))
    sign = f.get("signage")
    if isinstance(sign, dict):
        declared["Information and signage"].append(_e(t(lang, "Signage present: {v}; before entry: {b}; fields: "
                                                              "{f}.", v=i18n.yes_no(sign.get("present"), lang),
                                                b=i18n.yes_no(sign.get("before_entry"), lang),
                                                f=i18n.vocab_list("sign_field", sign.get("fields"), lang))))
    else:
        declared["Information and signage"].append(_e(t(lang, "No signage is declared.")))
    proc = f.get("procedures")
    if isinstance(proc, dict):
        declared["Data-subject rights"].append(_e(t(
            lang, "Access-request procedure: {a}; footage frozen on request: {f}; disclosure log: {d}.",
            a=i18n.yes_no(proc.get("access_requests"), lang), f=i18n.yes_no(proc.get("freeze_on_request"), lang),
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
    note = t(lang, "The assessor may adjust these levels; record any change and its reason in Appendix B.")
    out.append(_p(f"<i>{_e(note)}</i>", "small"))
    return out
