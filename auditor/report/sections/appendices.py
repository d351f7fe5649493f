"""The report's appendices: audit trail, DPO opinion and sign-off, glossary, changes since the last
assessment, applicable law and checks passed.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.core.i18n import N_
from auditor.core.model import AuditResult, Reference
from auditor.report import i18n
from auditor.report import styles as st
from auditor.report.document import (
    Heading,
    KeepTogether,
    Para,
    Spacer,
    Table,
)
from auditor.report.i18n import t
from auditor.report.sections.common import (
    EVIDENCE_REVIEWED,
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _bullets,
    _dict,
    _e,
    _kv,
    _p,
    _sev_badge,
    _table,
    _text,
    audit_date,
    mm,
    reference_label,
    subject_label,
)


NOT_REVIEWED = N_("Not done. The evidence frames were not reviewed by a person in the application before this "
                  "report was produced; the masking relies on the automatic detector alone.")
DECISIONS = N_("☐ The processing may start   ☐ It may start once the action plan is done   ☐ The supervisory "
               "authority is consulted first (Art 36)   ☐ It is abandoned")


def _trail(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "Appendix A. Audit trail", number=False)
    out.append(_p(_e(t(lang, "Everything needed to re-run this audit and obtain the same report: the SHA-256 of "
                             "every input, the tool and rule-pack versions and the time of the audit."))))
    rows = [(t(lang, "Tool version"), r.tool_version),
            (t(lang, "Time of the audit"), i18n.format_datetime(r.generated_at, lang) + f"  ({r.generated_at})"),
            (t(lang, "Audit date used by the rules"), i18n.format_date(audit_date(r), lang)),
            (t(lang, "Evidence review"), _Raw(_e(t(lang, EVIDENCE_REVIEWED)) if r.evidence_reviewed
                                              else f"<b>{_e(t(lang, NOT_REVIEWED))}</b>"))]
    if ctx.evidence is not None and ctx.evidence.detector:
        rows.append((t(lang, "Detector: {name}.", name="").rstrip(" .:\u202f"), ctx.evidence.detector))
    out.append(_kv(rows))
    out.append(_p(_e(t(lang, "Inputs")), "h3"))
    rows2: list[list[Any]] = [[t(lang, "Kind"), t(lang, "Path"), t(lang, "SHA-256")]]
    for inp in r.inputs:
        rows2.append([t(lang, _INPUT_KINDS[inp.kind]) if inp.kind in _INPUT_KINDS else inp.kind,
                      _Raw(_wrap_path(inp.path)),
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
        out += _bullets(_e(f"{_dict(e).get('camera', '?')}: {_dict(e).get('path', '?')} — "
                           f"{_dict(e).get('message', '')}") for e in r.footage_errors)
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
                         + _bullets([_e(x.strip()) for x in t(lang, DECISIONS).split("☐") if x.strip()],
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


_INPUT_KINDS = {"config": N_("configuration"), "footage": N_("footage"), "pack": N_("rule pack"),
                "waivers": N_("waivers"),
               "answers": N_("answers")}


def _glossary(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    lang = ctx.lang
    out = h.h1(ctx, "Appendix C. Glossary", number=False)
    rows: list[list[Any]] = [[t(lang, "Term"), t(lang, "Definition")]]
    for term, definition in i18n.glossary(lang):
        rows.append([_Raw(f"<b>{_e(term)}</b>"), definition])
    out.append(_table(rows, [2.2, 8]))
    return out


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
                             "activities are matched by position in the configuration.",
                       date=i18n.format_date(d.old.get("audit_date"), lang),
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


# Instruments in the order the annex lists them: EU law first, then national law, then guidance and case law.
_INSTRUMENT_ORDER = ["GDPR", "ePrivacy Directive", "AI Act", "Digital Omnibus on AI"]


_GUIDANCE = re.compile(r"^(EDPB|WP\d|CNIL|ICO|Commission Guidelines|EN \d|CJEU|ECtHR|CE$)")


_OUTCOMES = ("passed", "failed", "not_applicable", "question")


_OUTCOME_HEADS = {"passed": N_("Passed"), "failed": N_("Failed"), "not_applicable": N_("Not applicable"),
                  "question": N_("Questions")}


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
