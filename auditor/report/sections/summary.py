"""The report's cover and section 1, the executive summary (verdict, DPIA requirement, counts, top actions,
risks, limits).
"""

from __future__ import annotations

from typing import Any

from auditor.core.derived_facts import CameraDerived
from auditor.core.i18n import N_
from auditor.core.model import Severity, Tier
from auditor.report import i18n
from auditor.report import styles as st
from auditor.report.document import (
    Spacer,
    Table,
)
from auditor.report.i18n import t
from auditor.report.sections.common import (
    EVIDENCE_NOT_REVIEWED,
    EVIDENCE_REVIEWED,
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _SECTION_NUMBERS,
    _SEVERITY_ORDER,
    _bullets,
    _dict,
    _e,
    _finding_line,
    _first,
    _kv,
    _list,
    _p,
    _questions,
    _sev_badge,
    _sorted_findings,
    _store,
    _table,
    _text,
    _tx,
    actions,
    audit_date,
    mm,
    store_name,
    verdict_colour,
    verdict_lines,
)


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
        (t(lang, "Rule packs"), ", ".join(f"{_text(p.title, lang)} {p.version}" for p in r.applied_packs()) or "—"),
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
        out.append(_p(f"<b>{_e(t(lang, EVIDENCE_NOT_REVIEWED))}</b>", "small"))
    out += [Spacer(6 * mm), _p(_e(t(lang, "This report is produced by an automated audit tool from the declared "
                                          "configuration and sample footage. It supports, and does not replace, "
                                          "the judgement of the assessor and the DPO, who remain responsible for "
                                          "its conclusions. It is not legal advice.")), "muted")]
    return out


def _dpia_reasons(ctx: _Ctx) -> list[Flowable]:
    d = _dict(ctx.result.facts.get("derived"))
    lang = ctx.lang
    out: list[Flowable] = []
    wp = _dict(d.get("wp248"))
    met = [int(n) for n in _list(wp.get("met"))]
    criteria = {int(c.get("number")): c for c in _list(wp.get("criteria")) if isinstance(c, dict) and "number" in c}
    if wp:
        out += _bullets([_e(t(lang, "WP248 criteria met: {n} of 9 (two or more usually require a DPIA).",
                              n=wp.get("count", len(met))))])
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
        names = "; ".join(i18n.art35_3_name(p, lang) for p in points)
        out += _bullets([_e(t(lang, "GDPR Art 35(3) applies: {points}.", points=names))])
    return out


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
        lines.append(_e(t(lang, "{event}: {before} before the planned measures, {after} after.",
                          event=ev.name.get(lang), before=before, after=after)))
    out += _bullets(lines)
    if ctx.risk.residual_high:
        out.append(_p("<b>" + _e(t(lang, "A high residual risk remains after the planned measures: unless it can "
                                         "be reduced further, the supervisory authority must be consulted before "
                                         "the processing starts (GDPR Art 36(1)).")) + "</b>"))

    out.append(_p(_e(t(lang, "Limits of this audit")), "h3"))
    cams = [c for c in _list(r.facts.get("cameras")) if isinstance(c, dict)]
    analysed = sum(1 for c in cams
                   if CameraDerived.from_dict(c.get("derived")).footage_analysed or isinstance(c.get("footage"), dict))
    limits = [_e(t(lang, "Footage was analysed for {n} of {m} camera(s).", n=i18n.format_number(analysed, lang),
                   m=i18n.format_number(len(cams), lang)))]
    if r.footage_errors:
        limits.append(_e(t(lang, "{n} footage file(s) could not be read (see the per-camera evidence).",
                           n=i18n.format_number(len(r.footage_errors), lang))))
    questions = _questions(r)
    if questions:
        limits.append(_e(t(lang, "{n} question(s) are left to the assessor (section {section}).",
                           n=i18n.format_number(len(questions), lang),
                           section=_SECTION_NUMBERS["Questions for the assessor"])))
    limits.append(_e(t(lang, EVIDENCE_REVIEWED if r.evidence_reviewed else EVIDENCE_NOT_REVIEWED)))
    out += _bullets(limits)
    return out
