"""The DPIA report as a format-neutral document: `build_story(result, lang, evidence)` / `build_document(...)`.

Layout follows GDPR Art 35(7) and the CNIL PIA method: cover, summary, description, necessity and
proportionality, risks, measures and action plan, per-camera evidence, findings, questions, waivers,
appendices (audit trail, DPO opinion and sign-off, glossary, changes, applicable law). Each section is a
module of `auditor.report.sections`; this module puts them in order. Every string is English in the code
and translated by the catalogs (`auditor.core.i18n`), or comes from the rule text a Finding carries.
Headings carry their TOC level and outline key, so that the renderers can build the table of contents and
the bookmarks; tests read the story as data.
"""

from __future__ import annotations

from typing import Any

from auditor.core.model import AuditResult
from auditor.report import i18n
from auditor.report import risk as risk_mod
from auditor.report.document import (
    CondPageBreak,
    Document,
    Heading,
    PageBreak,
    Toc,
    headings,
    plain_text,
)
from auditor.report.textprep import display_result
from auditor.report.evidence import EvidenceSet
from auditor.report.i18n import t
from auditor.report.sections.appendices import _changes, _glossary, _law_annex, _signoff, _trail, law_table
from auditor.report.sections.common import (
    EVIDENCE_NOT_REVIEWED,
    EVIDENCE_REVIEWED,
    Flowable,
    _Ctx,
    _dict,
    _e,
    _Headings,
    _p,
    _StyleNames,
    actions,
    audit_date,
    mm,
    question_parts,
    reference_label,
    store_name,
    subject_label,
    verdict_colour,
    verdict_lines,
)
from auditor.report.sections.description import _description
from auditor.report.sections.evidence import _evidence, parse_bucket, reason_label, recall_rows
from auditor.report.sections.findings import _findings, _questions_section, _waivers, finding_flowables
from auditor.report.sections.measures import _measures, declared_measures, priority_label
from auditor.report.sections.necessity import PRINCIPLES, _necessity, _risks, findings_for_principle
from auditor.report.sections.summary import DPIA_NO, DPIA_YES, _cover, _summary

__all__ = ["DPIA_NO", "DPIA_YES", "EVIDENCE_NOT_REVIEWED", "EVIDENCE_REVIEWED", "PRINCIPLES", "Heading", "actions", "audit_date", "build_document", "build_story",
           "declared_measures", "finding_flowables", "findings_for_principle", "headings", "law_table",
           "parse_bucket", "plain_text", "priority_label", "question_parts", "reason_label", "recall_rows",
           "reference_label", "store_name", "subject_label", "verdict_colour", "verdict_lines"]


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
        lang=lang, title=f"{t(lang, 'Data Protection Impact Assessment')} — {store}",
        subject=t(lang, "DPIA of the in-store camera deployment of {store} (GDPR Art 35)", store=store),
        author=assessor or str(controller.get("name") or tool), creator=tool,
        keywords="DPIA, AIPD, GDPR, RGPD, CNIL, AI Act, WP248, CCTV",
        header=f"{store} — {i18n.format_date(audit_date(result), lang)}", header_right=t(lang, "DPIA"),
        footer=tool, page_label=i18n.t(lang, "Page {page} of {pages}", page="{page}", pages="{pages}"), blocks=blocks)
