"""Write the DPIA report as a PDF: `write_pdf(result, path, lang=...)`, atomic and byte-reproducible.

* Atomic: the PDF is built in a temporary file beside the target and renamed over it at the end; a
  failure, a Ctrl-C (KeyboardInterrupt) or a cancel (core.tasks.Cancelled) removes the temporary file
  and leaves any previous report untouched. The temporary file only ever holds redacted frames.
* Reproducible: `invariant=1`, the creation date is `result.generated_at` (which honours
  SOURCE_DATE_EPOCH), nothing else depends on the clock or the machine: the same AuditResult and the
  same footage give the same bytes.
* A4, DejaVu Sans embedded, outline (bookmarks), table of contents, "page X of Y", running header with
  the store and the audit date, PDF metadata (title, author, subject, keywords, language).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate, SimpleDocTemplate

from auditor.core.model import AuditResult
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.report import i18n, risk as risk_mod, styles as st
from auditor.report.evidence import EvidenceSet, collect_evidence
from auditor.report.story import Heading, audit_date, build_story, store_name


@dataclass(frozen=True)
class PdfSummary:
    """What write_pdf produced."""

    path: Path
    pages: int
    lang: str
    frames_embedded: int
    frames_withheld: int
    faces_masked: int
    masked_per_frame: list[tuple[str, str, int, int]] = field(default_factory=list)  # camera, file, frame, faces
    size_bytes: int = 0
    sha256: str = ""


def _timestamp(generated_at: str) -> TimeStamp:
    """reportlab's document time stamp, fixed to the audit's generation time (UTC)."""
    ts = TimeStamp(invariant=1)
    try:
        d = dt.datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
        if d.tzinfo is None:
            d = d.replace(tzinfo=dt.timezone.utc)
        epoch = calendar.timegm(d.astimezone(dt.timezone.utc).timetuple())
    except (ValueError, AttributeError):
        epoch = int(ts.t)
    ts.t = epoch
    ts.lt = time.gmtime(epoch)
    ts.YMDhms = tuple(ts.lt)[:6]
    ts.dhh = ts.dmm = 0
    ts.tzname = "UTC"
    return ts


def _canvas_class(generated_at: str):
    stamp = _timestamp(generated_at)

    class ReportCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1
            kwargs["initialFontName"] = kwargs.get("initialFontName") or st.FONT   # else Helvetica on every page
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = stamp

    return ReportCanvas


class ReportDocTemplate(SimpleDocTemplate):
    """A4 with a cover template and a body template (running header, page X of Y), TOC and outline."""

    def __init__(self, filename: str, *, result: AuditResult, report_lang: str, progress: ProgressFn,
                 cancel: CancelToken, story_length: int, **kw) -> None:
        super().__init__(filename, pagesize=st.PAGE_SIZE, leftMargin=st.MARGIN_X, rightMargin=st.MARGIN_X,
                         topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM, invariant=1, **kw)
        self.result, self.report_lang = result, report_lang
        lang = report_lang
        self._progress, self._cancel = progress, cancel
        self._story_length = story_length
        self._flowables_done = 0
        self._pass = 0
        self.total_pages: int | None = None
        self._header = f"{store_name(result)} — {i18n.format_date(audit_date(result), lang)}"
        self._footer_left = i18n.t(lang, "doc.generated_by", version=result.tool_version)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        # SimpleDocTemplate moves to the template named "Later" at every page begin.
        self.addPageTemplates([PageTemplate("First", [frame], onPage=self._decorate_cover),
                               PageTemplate("Later", [frame], onPage=self._decorate)])

    # page decoration ---------------------------------------------------------------------------------------------
    def _footer(self, canv) -> None:
        canv.setFont(st.FONT, 7)
        canv.setFillColor(st.MUTED)
        y = st.MARGIN_BOTTOM - 9 * st.mm
        canv.drawString(st.MARGIN_X, y, self._footer_left)
        pages = self.total_pages or self.page
        canv.drawRightString(st.PAGE_SIZE[0] - st.MARGIN_X, y,
                             i18n.t(self.report_lang, "doc.page", page=i18n.format_number(self.page, self.report_lang),
                                    pages=i18n.format_number(pages, self.report_lang)))

    def _decorate_cover(self, canv, doc) -> None:
        canv.saveState()
        self._footer(canv)
        canv.restoreState()

    def _decorate(self, canv, doc) -> None:
        canv.saveState()
        top = st.PAGE_SIZE[1] - st.MARGIN_TOP + 8 * st.mm
        canv.setFont(st.FONT, 7.5)
        canv.setFillColor(st.MUTED)
        canv.drawString(st.MARGIN_X, top, self._header)
        canv.drawRightString(st.PAGE_SIZE[0] - st.MARGIN_X, top, i18n.t(self.report_lang, "doc.title_short"))
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.5)
        canv.line(st.MARGIN_X, top - 2.5 * st.mm, st.PAGE_SIZE[0] - st.MARGIN_X, top - 2.5 * st.mm)
        self._footer(canv)
        canv.restoreState()

    # multi-pass bookkeeping ------------------------------------------------------------------------------------------
    def beforeDocument(self) -> None:
        self._pass += 1
        self._flowables_done = 0
        if self._pass == 1:
            self.canv.showOutline()

    def afterFlowable(self, flowable) -> None:
        self._flowables_done += 1
        if self._flowables_done % 40 == 0:
            self._cancel.check()
            self._progress(Progress(done=self._flowables_done, total=self._story_length,
                                    note=f"pass {self._pass}", step="layout"))
        if isinstance(flowable, Heading):
            key = flowable.outline_key
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_text, key, level=flowable.toc_level, closed=flowable.toc_level > 0)
            self.notify("TOCEntry", (flowable.toc_level, flowable.toc_text, self.page, key))

    def _allSatisfied(self) -> bool:  # noqa: N802 (reportlab's name)
        """Also loop until the page count is stable, so that "of Y" is right on every page."""
        ok = super()._allSatisfied()
        stable = self.total_pages == self.page
        self.total_pages = self.page
        return bool(ok and stable)


def _metadata(result: AuditResult, lang: str, assessor: str | None) -> dict[str, str]:
    store = store_name(result)
    controller = result.facts.get("controller") if isinstance(result.facts.get("controller"), dict) else {}
    return {
        "title": f"{i18n.t(lang, 'doc.title')} — {store}",
        "author": assessor or str(controller.get("name") or i18n.t(lang, "doc.generated_by", version=result.tool_version)),
        "subject": i18n.t(lang, "doc.subject", store=store),
        "creator": i18n.t(lang, "doc.generated_by", version=result.tool_version),
        "keywords": ", ".join(["DPIA", "AIPD", "GDPR", "RGPD", "CNIL", "AI Act", "WP248", "CCTV"]),
        "lang": "fr-FR" if lang == "fr" else "en-GB",
    }


def render_pdf(result: AuditResult, target: str, *, lang: str, evidence: EvidenceSet | None,
               assessor: str | None = None, progress: ProgressFn = no_progress,
               cancel: CancelToken | None = None) -> int:
    """Lay the story out into the file `target` (no atomicity here); returns the page count."""
    cancel = cancel or CancelToken()
    st.register_fonts()
    assessment = risk_mod.assess(result)
    story = build_story(result, lang, evidence, assessor=assessor, risk=assessment)
    meta = _metadata(result, lang, assessor)
    doc = ReportDocTemplate(target, result=result, report_lang=lang, progress=progress, cancel=cancel,
                            story_length=len(story), title=meta["title"], author=meta["author"],
                            subject=meta["subject"], creator=meta["creator"], keywords=meta["keywords"],
                            lang=meta["lang"])
    doc.multiBuild(story, canvasmaker=_canvas_class(result.generated_at), maxPasses=8)
    return doc.page


def write_pdf(result: AuditResult, path: Path | str, *, lang: str = "en", assessor: str | None = None,
              progress: ProgressFn = no_progress, cancel: CancelToken | None = None, detector=None,
              evidence: EvidenceSet | None = None, embed_frames: bool = True,
              base_dir: Path | None = None, mask: str = "solid") -> PdfSummary:
    """Write the DPIA report of `result` to `path`, atomically.

    Args:
        lang: "en" or "fr".
        assessor: the assessor's name, printed on the cover and in the sign-off table (else a blank to fill).
        progress, cancel: progress reports (steps "evidence", "layout", "write") and cooperative cancellation.
        detector: the face detector for redaction (default: auditor.footage's default detector).
        evidence: already redacted frames (e.g. reviewed in the GUI); collected from the facts when None.
        embed_frames: False leaves the frames out (the report says so).
        base_dir: where relative footage paths in the facts are resolved (default: the config's folder).
        mask: how evidence faces are masked (solid, pixelate, blur); what a verifier still finds is filled solid.

    Raises:
        core.tasks.Cancelled, KeyboardInterrupt: the previous file at `path`, if any, is left as it was.
    """
    if lang not in i18n_langs():
        raise ValueError(f"unsupported report language {lang!r} (en or fr)")
    cancel = cancel or CancelToken()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    cancel.check()
    if embed_frames and evidence is None:
        evidence = collect_evidence(result, detector=detector, base_dir=base_dir, progress=progress, cancel=cancel,
                                    mask=mask)
    elif not embed_frames:
        evidence = None
    cancel.check()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(target.parent))
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        pages = render_pdf(result, str(tmp), lang=lang, evidence=evidence, assessor=assessor,
                           progress=progress, cancel=cancel)
        cancel.check()
        progress(Progress(done=1, total=1, note=target.name, step="write"))
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        data = tmp.read_bytes()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    ev = evidence or EvidenceSet()
    return PdfSummary(path=target, pages=pages, lang=lang, frames_embedded=ev.embedded,
                      frames_withheld=sum(1 for f in ev.all if f.jpeg is None), faces_masked=ev.masked,
                      masked_per_frame=ev.masked_per_frame(), size_bytes=len(data),
                      sha256=hashlib.sha256(data).hexdigest())


def i18n_langs() -> tuple[str, ...]:
    from auditor.core.model import LANGS

    return LANGS
