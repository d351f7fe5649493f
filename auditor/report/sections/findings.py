"""Sections 7 to 9 of the report: every finding, the questions left to the assessor (and those their answers
decided), the waivers.
"""

from __future__ import annotations

from typing import Any

from auditor.core.i18n import N_
from auditor.core.model import Finding
from auditor.report import i18n
from auditor.report import styles as st
from auditor.report.document import (
    KeepTogether,
    Para,
    Spacer,
    Table,
)
from auditor.report.facts import fact_label, facts_text
from auditor.report.i18n import t
from auditor.report.sections.common import (
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _SECTION_NUMBERS,
    _SEVERITY_ORDER,
    _bullets,
    _dict,
    _e,
    _first,
    _p,
    _questions,
    _sev_badge,
    _sorted_findings,
    _table,
    _tx,
    mm,
    question_parts,
    reference_label,
    subject_label,
    unique_references,
)


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
        out.append(_p(f"<b>{_e(t(lang, 'Decisions applying these provisions'))}{colon}</b> " + " · ".join(items),
                      "indented"))
    if f.evidence:
        ev = _e(facts_text(f.evidence, lang))
        out.append(_p(f"<b>{_e(t(lang, 'Facts that triggered it'))}{colon}</b> {ev}", "indented"))
    if f.waiver is not None:
        w = f.waiver
        if w.active:
            text = t(lang, "Waived: {justification} (approved by {approver}, until {expires}).",
                     justification=w.justification, approver=w.approver,
                     expires=i18n.format_date(w.expires, lang))
        else:
            text = t(lang, "Waiver expired on {expires}: the finding counts as open.",
                     expires=i18n.format_date(w.expires, lang))
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
        out.append(h.h2(ctx, f"{label[0].upper()}{label[1:]} ({i18n.format_number(len(group), lang)})",
                        f"f-{sv.value}"))
        for f in group:
            out.append(KeepTogether(finding_flowables(f, lang)[:3]))
            out += finding_flowables(f, lang)[3:]
    return out


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
            refs = "; ".join(reference_label(r, lang) for r in unique_references(f, lang))
            block.append(_p(f"<font size=7.5>{_e(refs)}</font>", "indented"))
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
    out: list[Flowable] = [
        _p(_e(t(lang, "Questions answered by the assessor")), "h3"),
        _p(_e(t(lang, "These points were decided by the assessor's recorded answers (the answers file or the "
                      "deployment file's `answers:` section), not by the facts.")))]
    for c in sorted(answered, key=lambda c: (c.rule_id, c.subject)):
        a = c.answer
        assert a is not None
        line = t(lang, "answered by the assessor ({who}, {when}): {decision}", who=a.answered_by,
                 when=i18n.format_date(a.answered_on, lang),
                 decision=t(lang, "failed: the finding applies") if a.decision == "failed" else t(lang, "passed"))
        out += _bullets([f"<b>{_e(_tx(c.title, lang))}</b> — {_e(subject_label(c.subject, lang))} "
                         f'<font size=7 color="#52606d">[{_e(c.rule_id)}]</font><br/><i>{_e(line)}</i>'
                         + (f"<br/>{_e(a.note)}" if a.note else "")])
    return out


def _waivers(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "Waivers")
    waived = [f for f in _sorted_findings(r.findings) if f.waiver is not None]
    if not waived and not r.unused_waivers and not r.expired_waivers:
        out.append(_p(_e(t(lang, "No waiver applies."))))
        return out
    out.append(_p(_e(t(lang, "Findings the controller chose to accept, with the written justification. A waiver "
                             "never hides a finding: it is shown here and in section {section}.",
                       section=_SECTION_NUMBERS["All findings"]))))
    if waived:
        rows: list[list[Any]] = [[t(lang, "Rule"), t(lang, "Subject"), t(lang, "Justification"),
                                  t(lang, "Approved by"), t(lang, "Expires"), t(lang, "Status")]]
        for f in waived:
            w = f.waiver
            assert w is not None
            rows.append([_Raw(f"{_sev_badge(f.severity.value, lang)}<br/><font size=6.6>{_e(f.rule_id)}</font>"),
                         subject_label(f.subject, lang), w.justification, w.approver,
                         i18n.format_date(w.expires, lang), t(lang,
                                                              N_("active") if w.active else N_("expired: ignored"))])
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
