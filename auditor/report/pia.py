"""Export for the CNIL's PIA software: `write_pia(result, path, lang=...)` writes a file its "Import" accepts.

The format is the PIA software's own export (LINCnil/pia, read on 2026-12-04 at commit 44dd3138:
src/assets/files/pia_architecture.json for the questions, src/assets/files/2018-02-21-pia-example.json
for an export, PiaService.importData for what the import reads). Top-level keys: `pia` (the PIA's card),
`answers` (one per question id of the structure: `data.text` HTML, `data.list`, `data.gauge` 1-4),
`measures` (title + content), `evaluations` (`reference_to` "3.2" etc., `status` 1 to correct /
2 improvable / 3 acceptable, `gauges` {x: severity, y: likelihood}, `action_plan_comment`) and `comments`
(attached to a question id).

Mapping: context (1.1, 1.2) from the description; fundamental principles (2.1, 2.2) from the declared
facts; every declared measure and every action of the plan is a measure; the three feared events of the
risk assessment are questions 3.2, 3.3, 3.4 (impacts, threats, sources, controls, severity and likelihood
gauges after the planned measures); the action plan goes into "improvable" evaluations of the items
that have open findings. Everything else (findings, questions for the assessor, limits of the audit)
goes into comments on the nearest question. Evaluations of items without findings are left to the
evaluator, as are the DPO's and data subjects' opinions.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import Any

from auditor.core.i18n import N_
from auditor.core.model import AuditResult, Finding
from auditor.report import atomic_writer, i18n
from auditor.report import risk as risk_mod
from auditor.report.story import (
    EVIDENCE_NOT_REVIEWED,
    EVIDENCE_REVIEWED,
    DPIA_NO,
    DPIA_YES,
    PRINCIPLES,
    actions,
    declared_measures,
    findings_for_principle,
    reference_label,
    store_name,
    subject_label,
)

# Question ids of the PIA software's structure (pia_architecture.json).
CONTEXT = (111, 112, 113, 121, 122, 123)
PRINCIPLE_QUESTIONS = (211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227)
RISK_ITEMS = {"access": (3, 2), "modification": (3, 3), "disappearance": (3, 4)}

_PRINCIPLE_TO_QUESTION = {"Lawful basis": 212, "Purpose limitation and data minimisation": 213, "Storage limitation": 215,
                          "Information and signage": 221, "Data-subject rights": 225}
_PRINCIPLE_TO_ITEM = {"Lawful basis": "2.1", "Purpose limitation and data minimisation": "2.1", "Storage limitation": "2.1",
                      "Information and signage": "2.2", "Data-subject rights": "2.2"}

_THREATS = {
    "access": N_("Viewing of live or recorded images by unauthorised staff or third parties"),
    "modification": N_("Alteration or misuse of recordings or of analysis results"),
    "disappearance": N_("Loss, deletion or failure of the recorder before a legitimate request is met"),
}
_SOURCES = (N_("Store staff"), N_("Processors and their staff"), N_("External attackers"))


def _html(lines: list[str]) -> str:
    lines = [x for x in lines if x]
    if not lines:
        return ""
    if len(lines) == 1:
        return escape(lines[0])
    return "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"


def _d(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _l(v: Any) -> list:
    return v if isinstance(v, list) else []


def _finding_line(f: Finding, lang: str) -> str:
    refs = "; ".join(reference_label(r, lang) for r in f.references)
    kind = i18n.t(lang, "questions") if f.question else i18n.severity_label(f.severity.value, lang)
    return f"[{kind}] {f.title.get(lang)} — {subject_label(f.subject, lang)}: {f.message.get(lang)} ({f.rule_id}; {refs})"


def _c(lang: str) -> str:
    return i18n.colon(lang)


def _context(result: AuditResult, lang: str) -> dict[int, str]:
    facts, t, v = result.facts, i18n.t, i18n.vocab
    acts = [a for a in _l(facts.get("activities")) if isinstance(a, dict)]
    cams = [c for c in _l(facts.get("cameras")) if isinstance(c, dict)]
    store = _d(facts.get("store"))
    controller, dpo = _d(facts.get("controller")), _d(facts.get("dpo"))
    vendors = [x for x in _l(facts.get("vendors")) if isinstance(x, dict)]
    out: dict[int, list[str]] = {q: [] for q in CONTEXT}
    out[111] = [f"{store_name(result)} — {facts.get('title') or ''}".rstrip(" —"),
                (f"{t(lang, 'Store type')}{_c(lang)}{v('store_type', store.get('type'), lang)}; "
                 f"{t(lang, 'Country')}{_c(lang)}{i18n.country_name(store.get('country'), lang)}")]
    out[111] += [f"{a.get('name')}: {v('technique', a.get('technique'), lang)} — {a.get('purpose') or ''}".rstrip(" —")
                 for a in acts]
    out[112] = [f"{t(lang, 'Controller')}: {controller.get('name') or t(lang, 'not declared')}"]
    out[112] += [f"{t(lang, 'Joint controllers')}: {_d(j).get('name')}" for j in _l(facts.get("joint_controllers"))]
    out[112] += [f"{x.get('name')} ({v('vendor_role', x.get('role'), lang)}, {i18n.country_name(x.get('country'), lang) if x.get('country') else '—'})"
                 for x in vendors]
    if dpo:
        out[112].append(f"{t(lang, 'Data protection officer')}: {dpo.get('name') or (t(lang, 'yes') if dpo.get('appointed') else t(lang, 'none appointed'))}")
    out[113] = [f"{i18n.rule_text(p.title, lang)} {p.version} ({p.id})" for p in result.applied_packs()]
    for a in acts:
        out[121].append(f"{a.get('name')}: {i18n.vocab_list('data_category', a.get('data_categories'), lang)} — "
                        f"{t(lang, 'Data subjects')}: {i18n.vocab_list('subject', a.get('subjects'), lang)}")
    for c in cams:
        rec = i18n.yes_no(c.get("recording"), lang)
        ret = t(lang, "{n} day(s)", n=c.get("retention_days")) if c.get("retention_days") is not None else "—"
        out[122].append(f"{subject_label('camera:' + str(c.get('id')), lang)}: {t(lang, 'Recording')} {rec}; "
                        f"{t(lang, 'Retention')} {ret}; {t(lang, 'Automatic deletion')} {i18n.yes_no(c.get('auto_delete'), lang)}")
        out[123].append(f"{subject_label('camera:' + str(c.get('id')), lang)} ({v('zone', c.get('zone'), lang)}, "
                        f"{c.get('resolution') or '—'})")
    for a in acts:
        for tr in _l(a.get("transfers")):
            tr = _d(tr)
            out[122].append(f"{a.get('name')} → {tr.get('recipient') or '—'} ({tr.get('country') or '—'}, "
                            f"{v('mechanism', tr.get('mechanism') or 'none', lang)})")
    rec_loc = _d(facts.get("security")).get("recorder_location")
    if rec_loc:
        out[123].append(str(rec_loc))
    return {q: _html(lines) for q, lines in out.items()}


def _principles(result: AuditResult, lang: str) -> dict[int, str]:
    facts, t, v = result.facts, i18n.t, i18n.vocab
    acts = [a for a in _l(facts.get("activities")) if isinstance(a, dict)]
    cams = [c for c in _l(facts.get("cameras")) if isinstance(c, dict)]
    out: dict[int, list[str]] = {q: [] for q in PRINCIPLE_QUESTIONS}
    for a in acts:
        out[211].append(f"{a.get('name')}: {a.get('purpose') or v('purpose_category', a.get('purpose_category'), lang)}")
        basis = v("legal_basis", a.get("legal_basis"), lang)
        if a.get("art9_exceptions"):
            basis += f"; {t(lang, 'Art 9(2) exception')} {', '.join(a['art9_exceptions'])}"
        out[212].append(f"{a.get('name')}: {basis}")
        out[213].append(f"{a.get('name')}: {i18n.vocab_list('data_category', a.get('data_categories'), lang)}")
        if isinstance(a.get("consent"), dict):
            out[222].append(f"{a.get('name')}: {v('consent', a['consent'].get('mechanism'), lang)}")
        obj = _d(a.get("objection"))
        if obj:
            out[225].append(f"{a.get('name')}: {t(lang, 'Right to object for {act}: {v}.', act=a.get('name'), v=i18n.yes_no(obj.get('available'), lang))}")
        for tr in _l(a.get("transfers")):
            tr = _d(tr)
            out[227].append(f"{a.get('name')}: {tr.get('country')} — {v('mechanism', tr.get('mechanism') or 'none', lang)}")
    for c in cams:
        if c.get("retention_days") is not None:
            out[215].append(f"{subject_label('camera:' + str(c.get('id')), lang)}: "
                            f"{t(lang, '{n} day(s)', n=c.get('retention_days'))}"
                            + (f" — {c['retention_justification']}" if c.get("retention_justification") else ""))
    sign = facts.get("signage")
    out[221].append(t(lang, "Signage present: {v}; before entry: {b}; fields: {f}.", v=i18n.yes_no(_d(sign).get("present"), lang),
                      b=i18n.yes_no(_d(sign).get("before_entry"), lang),
                      f=i18n.vocab_list("sign_field", _d(sign).get("fields"), lang))
                    if isinstance(sign, dict) else t(lang, "No signage is declared."))
    proc = _d(facts.get("procedures"))
    if proc:
        line = t(lang, "Access-request procedure: {a}; footage frozen on request: {f}; disclosure log: {d}.", a=i18n.yes_no(proc.get("access_requests"), lang),
                 f=i18n.yes_no(proc.get("freeze_on_request"), lang), d=i18n.yes_no(proc.get("disclosure_log"), lang))
        out[223].append(line)
        out[224].append(line)
    for x in _l(facts.get("vendors")):
        x = _d(x)
        out[226].append(f"{x.get('name')}: {t(lang, 'Art 28 contract')} {i18n.yes_no(x.get('art28_contract'), lang)}")
    return {q: _html(lines) for q, lines in out.items()}


def pia_dict(result: AuditResult, lang: str = "en", *, assessor: str | None = None) -> dict[str, Any]:
    """The PIA software's import document for this audit."""
    created = result.generated_at
    stamp = {"created_at": created, "updated_at": created}
    answers: list[dict[str, Any]] = []

    def answer(ref: int, text: str = "", *, items: list[str] | None = None, gauge: int | None = None) -> None:
        answers.append({"pia_id": 1, "reference_to": ref, "id": len(answers) + 1,
                        "data": {"text": text or None, "gauge": gauge, "list": items or []}, **stamp})

    for ref, text in {**_context(result, lang), **_principles(result, lang)}.items():
        if text:
            answer(ref, text)

    measures: list[dict[str, Any]] = []
    for m in declared_measures(result.facts, lang):
        measures.append({"id": len(measures) + 1, "pia_id": 1, "title": m[:120], "content": escape(m),
                         "placeholder": "", **stamp})
    plan = actions(result)
    for f, group in plan:
        subjects = ", ".join(subject_label(x.subject, lang) for x in group)
        content = f"{escape(f.remediation.get(lang))}<br/>{escape(i18n.t(lang, 'Applies to: {subjects}', subjects=subjects))}" \
                  f"<br/>{escape(f.rule_id)}"
        measures.append({"id": len(measures) + 1, "pia_id": 1, "title": f"{i18n.t(lang, 'Action plan')}: "
                         f"{f.title.get(lang)}"[:120], "content": content, "placeholder": "", **stamp})

    evaluations: list[dict[str, Any]] = []
    assessment = risk_mod.assess(result)
    titles = [m["title"] for m in measures]
    for ev in assessment.events:
        s, i = RISK_ITEMS[ev.event]
        base = s * 100 + i * 10
        factors = [x for x in ev.factors if x.axis == "severity"]
        answer(base + 1, items=[i18n.rule_text(x.text, lang) for x in factors]
               or [risk_mod.base_text(ev.event, "severity").get(lang)])
        answer(base + 2, items=[i18n.t(lang, _THREATS[ev.event])])
        answer(base + 3, items=[i18n.t(lang, x) for x in _SOURCES])
        answer(base + 4, items=titles)
        why_s = "; ".join(i18n.rule_text(x.text, lang) for x in ev.factors if x.axis == "severity")
        why_l = "; ".join(i18n.rule_text(x.text, lang) for x in ev.factors if x.axis == "likelihood")
        answer(base + 5, escape(f"{i18n.level_label(ev.severity_before, lang)} → "
                                f"{i18n.level_label(ev.severity_after, lang)}. {why_s}".strip()), gauge=ev.severity_after)
        answer(base + 6, escape(f"{i18n.level_label(ev.likelihood_before, lang)} → "
                                f"{i18n.level_label(ev.likelihood_after, lang)}. {why_l}".strip()),
               gauge=ev.likelihood_after)
        remedies = sorted({r for x in ev.factors if x.remedied for r in x.findings})
        lines = [f.remediation.get(lang) for f, _ in plan if f.rule_id in remedies]
        if lines:
            evaluations.append({"id": len(evaluations) + 1, "pia_id": 1, "reference_to": f"{s}.{i}", "status": 2,
                                "evaluation_comment": escape(i18n.t(lang, "Proposed by Store Camera Privacy "
                                                                          "Auditor from its findings; to be "
                                                                          "confirmed by the evaluator.")),
                                "action_plan_comment": _html(lines), "gauges": {"x": ev.severity_after,
                                                                                "y": ev.likelihood_after},
                                "estimated_implementation_date": None, "person_in_charge": None,
                                "global_status": 0, **stamp})

    comments: list[dict[str, Any]] = []

    def comment(ref: int, text: str) -> None:
        comments.append({"id": len(comments) + 1, "pia_id": 1, "reference_to": ref, "for_measure": False,
                         "description": text, **stamp})

    placed: set[str] = set()
    for key, _ in PRINCIPLES:
        fs = [f for f in findings_for_principle(result, key) if not f.is_waived]
        placed.update(f.id for f in fs)
        if fs:
            comment(_PRINCIPLE_TO_QUESTION[key], "\n".join(_finding_line(f, lang) for f in fs))
            open_ = [f for f in fs if not f.question and f.severity.value != "info"]
            if open_:
                ref = f"{_PRINCIPLE_TO_ITEM[key]}.{_PRINCIPLE_TO_QUESTION[key]}"
                if not any(e["reference_to"] == ref for e in evaluations):
                    evaluations.append({"id": len(evaluations) + 1, "pia_id": 1, "reference_to": ref, "status": 2,
                                        "evaluation_comment": escape(i18n.t(lang, "Proposed by Store Camera Privacy "
                                                                                  "Auditor from its findings; to be "
                                                                                  "confirmed by the evaluator.")),
                                        "action_plan_comment": _html([f.remediation.get(lang) for f in open_]),
                                        "gauges": {"x": 0, "y": 0}, "estimated_implementation_date": None,
                                        "person_in_charge": None, "global_status": 0, **stamp})
    rest = [f for f in result.findings if f.id not in placed and not f.is_waived]
    if rest:
        comment(111, "\n".join(_finding_line(f, lang) for f in rest))
    waived = [f for f in result.findings if f.is_waived]
    if waived:
        comment(111, "\n".join(f"{i18n.t(lang, 'Waivers')}: {f.rule_id} — {subject_label(f.subject, lang)}: "
                               f"{f.waiver.justification if f.waiver else ''}" for f in waived))
    limits = [i18n.t(lang, EVIDENCE_REVIEWED if result.evidence_reviewed else EVIDENCE_NOT_REVIEWED)]
    limits += [f"{_d(e).get('camera', '?')}: {_d(e).get('path', '?')} — {_d(e).get('message', '')}"
               for e in result.footage_errors]
    comment(123, "\n".join(limits))

    controller = _d(result.facts.get("controller"))
    derived = _d(result.facts.get("derived"))
    name = f"{i18n.t(lang, 'DPIA')} — {store_name(result)}"
    pia = {"id": 1, "name": name, "category": re.sub(r"\s+", " ", str(result.facts.get("title") or "")),
           "status": 0, "author_name": assessor or "", "evaluator_name": "", "validator_name": "",
           "dpo_status": 0, "dpo_opinion": "", "dpos_names": str(_d(result.facts.get("dpo")).get("name") or ""),
           "concerned_people_opinion": "", "concerned_people_status": 0, "concerned_people_searched_opinion": False,
           "concerned_people_searched_content": "", "people_names": "", "rejection_reason": "",
           "applied_adjustments": "", "is_example": 0, "structure_id": None, "structure_name": "",
           "structure_sector_name": "", "structure_data": None, "progress": 0, "is_archive": 0,
           "numberOfQuestions": 36, **stamp}
    if controller.get("name"):
        pia["category"] = (pia["category"] + f" ({controller['name']})").strip()
    if derived.get("dpia_required") is not None:
        comment(111, i18n.t(lang, DPIA_YES if derived.get("dpia_required") else DPIA_NO))
    return {"pia": pia, "answers": answers, "measures": measures, "evaluations": evaluations, "comments": comments}


def write_pia(result: AuditResult, path: Path | str, *, lang: str = "en", assessor: str | None = None) -> Path:
    """Write the PIA software import file (JSON), atomically."""
    text = json.dumps(pia_dict(result, lang, assessor=assessor), ensure_ascii=False, indent=1) + "\n"
    with atomic_writer(path) as fh:
        fh.write(text)
    return Path(path)
