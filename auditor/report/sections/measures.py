"""Section 5 of the report: measures declared and the action plan (GDPR Art 35(7)(d)).
"""

from __future__ import annotations

from typing import Any

from auditor.core.i18n import N_
from auditor.report import i18n
from auditor.report.textprep import FACT_CHARS, clip
from auditor.report.i18n import t
from auditor.report.sections.common import (
    Flowable,
    _Ctx,
    _Headings,
    _Raw,
    _bullets,
    _dict,
    _e,
    _list,
    _p,
    _sev_badge,
    _table,
    _tx,
    actions,
    subject_label,
)


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


_PRIORITY = {"blocker": N_("P1 — before any deployment"), "major": N_("P2 — before go-live"),
             "minor": N_("P3 — planned")}


def priority_label(severity: str, lang: str) -> str:
    return t(lang, _PRIORITY[severity]) if severity in _PRIORITY else "P3"


def _measures(ctx: _Ctx, h: _Headings) -> list[Flowable]:
    r, lang = ctx.result, ctx.lang
    out = h.h1(ctx, "Measures and action plan", art=N_("GDPR Art 35(7)(d)"))
    out.append(_p(_e(t(lang, "Measures already declared in the configuration, then one action per finding to be "
                             "remedied. Fill in the owner and the due date of each action."))))
    out.append(h.h2(ctx, t(lang, "Measures in place (declared)"), "existing"))
    existing = declared_measures(r.facts, lang)
    out += _bullets(_e(x) for x in existing) if existing else \
        [_p(_e(t(lang, "No security or organisational measure is declared.")))]
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
