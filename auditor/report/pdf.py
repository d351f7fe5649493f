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
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from auditor.core.errors import InputError, Problem
from auditor.core.fileio import render_replace, sha256_bytes
from auditor.core.model import AuditResult
from auditor.core.tasks import CancelToken, Progress, ProgressFn, no_progress
from auditor.report import document as dm
from auditor.report import i18n
from auditor.report import risk as risk_mod
from auditor.report import styles as st
from auditor.report.evidence import EvidenceSet, evidence_to_embed
from auditor.report.story import build_document


class Heading(Paragraph):
    """A section heading: goes into the table of contents and the PDF outline."""

    def __init__(self, text: str, style, *, level: int, key: str) -> None:
        super().__init__(text, style)
        self.toc_level = level
        self.outline_key = key
        self.toc_text = re.sub(r"<[^>]+>", "", text)


class FrameImage(Flowable):
    """A redacted JPEG held in memory; a fresh in-memory reader on each draw (multi-pass builds)."""

    def __init__(self, jpeg: bytes, px_width: int, px_height: int, width: float) -> None:
        super().__init__()
        self.jpeg = jpeg
        self.draw_width = width
        self.draw_height = width * px_height / max(1, px_width)

    def wrap(self, availWidth, availHeight):
        return self.draw_width, self.draw_height

    def draw(self) -> None:
        from reportlab.lib.utils import ImageReader

        self.canv.drawImage(ImageReader(io.BytesIO(self.jpeg)), 0, 0, self.draw_width, self.draw_height)


_STYLE_ALIASES = {"toc_title": "h1"}


def _style(name: str):
    s = st.styles()
    return s.get(_STYLE_ALIASES.get(name, name), s["body"])


def _toc() -> TableOfContents:
    toc = TableOfContents(tableStyle=TableStyle([("FONT", (0, 0), (-1, -1), st.FONT, 9),
                                                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                                 ("TOPPADDING", (0, 0), (-1, -1), 0),
                                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    toc.levelStyles = [st.styles()["toc1"], st.styles()["toc2"]]
    toc.dotsMinLevel = 0
    return toc


# A rule id or another hyphenated code (GDPR-ART7-4-CONSENT-FREELY-GIVEN): reportlab would cut it anywhere.
_CODE = re.compile(r"(?<![\w-])[A-Z0-9]+(?:-[A-Z0-9]+)+(?![\w-])")
_FONT_SIZE = re.compile(r"<font[^>]*\bsize=[\"']?([0-9.]+)")
CELL_PADDING = 7.0       # left + right padding of a table cell (styles.table_style), in points


def break_codes(markup: str, style, width: float) -> str:
    """Break the codes too wide for `width` after a hyphen (never inside a word), as a word processor does.

    Each code is measured at the font size in effect where it stands (the style's, or an enclosing
    <font size>), so that reportlab's fallback of cutting an over-long word at any letter never applies.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    sizes = [float(style.fontSize)]

    def split(m: re.Match) -> str:
        code, size = m.group(0), sizes[-1]          # the whole word, with its brackets and punctuation
        if not _CODE.search(code):
            return code
        if stringWidth(code, st.FONT, size) <= width:
            return code
        lines, current = [], ""
        for part in re.findall(r"[^-]+-?", code):
            if current and stringWidth(current + part, st.FONT, size) > width:
                lines.append(current)
                current = part
            else:
                current += part
        return "<br/>".join([*lines, current])

    out = []
    for tag, text in re.findall(r"(<[^>]*>)|([^<]+)", markup):
        if tag:
            if tag.startswith("<font"):
                found = _FONT_SIZE.match(tag)
                sizes.append(float(found.group(1)) if found else sizes[-1])
            elif tag.startswith("</font") and len(sizes) > 1:
                sizes.pop()
            out.append(tag)
        else:
            out.append(re.sub(r"[^\s\u202f]+", split, text))
    return "".join(out)


def _cell(cell, style: str, width: float):
    blocks = dm.cell_blocks(cell, style)
    out = []
    for b in blocks:
        if isinstance(b, dm.Para):
            out.append(Paragraph(break_codes(b.markup, _style(b.style), width - CELL_PADDING), _style(b.style),
                                 bulletText=b.bullet))
        elif isinstance(b, dm.Image):
            out.append(FrameImage(b.data, b.px_width, b.px_height, min(b.width, width - 4)))
        else:
            out += to_flowables([b])
    return out[0] if len(out) == 1 else out


def _table(tb: dm.Table) -> Table:
    total = sum(tb.widths)
    widths = [w * tb.width * st.CONTENT_WIDTH / total for w in tb.widths]
    data = [[_cell(c, "cell_head" if (tb.header and r == 0 and tb.kind == "grid") else tb.style, widths[i])
             for i, c in enumerate(row)] for r, row in enumerate(tb.rows)]
    if tb.kind == "answer":
        widths = [w * (st.CONTENT_WIDTH - 10 * st.mm) / total for w in tb.widths]
        tbl = Table(data, colWidths=widths, rowHeights=tb.row_heights, hAlign="RIGHT")
        tbl.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.FONT, 8), ("LINEBELOW", (1, 0), (1, 0), 0.5, st.MUTED),
                                 ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
        return tbl
    tbl = Table(data, colWidths=widths, rowHeights=tb.row_heights,
                repeatRows=1 if tb.header and tb.kind == "grid" else 0, splitByRow=1, splitInRow=1, hAlign="LEFT",
                spaceBefore=1, spaceAfter=6)
    if tb.kind == "kv":
        tbl.setStyle(st.key_value_style())
        tbl.setStyle(TableStyle([("FONT", (0, 0), (0, -1), st.FONT_BOLD, 7.8)]))
    elif tb.kind == "box":
        tbl.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.FONT, 8), ("BACKGROUND", (0, 0), (-1, -1), st.colors.HexColor(tb.background or "#276749")),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (-1, -1), 5),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    elif tb.kind == "frames":
        tbl.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.FONT, 8), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 2 * st.mm), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    elif tb.kind == "form":
        tbl.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), st.FONT, 8), ("GRID", (0, 0), (-1, -1), 0.4, st.MUTED),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_BG)]))
    else:
        tbl.setStyle(st.table_style(header=tb.header, rows=len(data)))
        if tb.fill_cols:
            a, b = min(tb.fill_cols), max(tb.fill_cols)
            tbl.setStyle(TableStyle([("BOX", (a, 1), (b, -1), 0.4, st.MUTED),
                                     ("INNERGRID", (a, 1), (b, -1), 0.4, st.RULE)]))
    return tbl


def to_flowables(blocks) -> list:
    """The document's blocks as reportlab flowables."""
    out: list = []
    for b in blocks:
        if isinstance(b, dm.Heading):
            from xml.sax.saxutils import escape
            out.append(Heading(escape(b.text), _style("h1" if b.level == 0 else "h2"), level=b.level, key=b.key))
        elif isinstance(b, dm.Para):
            out.append(Paragraph(b.markup, _style(b.style), bulletText=b.bullet))
        elif isinstance(b, dm.Table):
            out.append(_table(b))
        elif isinstance(b, dm.Image):
            out.append(FrameImage(b.data, b.px_width, b.px_height, b.width))
        elif isinstance(b, dm.RiskMap):
            out.append(risk_mod.risk_map(b.assessment, b.lang, width=b.width))
        elif isinstance(b, dm.Spacer):
            out.append(Spacer(1, b.height))
        elif isinstance(b, dm.PageBreak):
            out.append(PageBreak())
        elif isinstance(b, dm.CondPageBreak):
            out.append(CondPageBreak(b.height))
        elif isinstance(b, dm.KeepTogether):
            out.append(KeepTogether(to_flowables(b.blocks)))
        elif isinstance(b, dm.Toc):
            out.append(_toc())
        else:
            raise TypeError(f"no PDF rendering for {type(b).__name__}")
    return out


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
        d = dt.datetime.fromisoformat(generated_at)
        if d.tzinfo is None:
            d = d.replace(tzinfo=dt.UTC)
        epoch = calendar.timegm(d.astimezone(dt.UTC).timetuple())
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

    def __init__(self, filename: str, *, document: dm.Document, progress: ProgressFn,
                 cancel: CancelToken, story_length: int, **kw) -> None:
        super().__init__(filename, pagesize=st.PAGE_SIZE, leftMargin=st.MARGIN_X, rightMargin=st.MARGIN_X,
                         topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM, invariant=1, **kw)
        self.document, self.report_lang = document, document.lang
        self._progress, self._cancel = progress, cancel
        self._story_length = story_length
        self._flowables_done = 0
        self._pass = 0
        self.total_pages: int | None = None
        self._header = document.header
        self._footer_left = document.footer
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
                             self.document.page_label.format(page=i18n.format_number(self.page, self.report_lang),
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
        canv.drawRightString(st.PAGE_SIZE[0] - st.MARGIN_X, top, self.document.header_right)
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

    def _allSatisfied(self) -> bool:
        """Also loop until the page count is stable, so that "of Y" is right on every page."""
        ok = super()._allSatisfied()
        stable = self.total_pages == self.page
        self.total_pages = self.page
        return bool(ok and stable)


def render_pdf(result: AuditResult, target: str, *, lang: str, evidence: EvidenceSet | None,
               assessor: str | None = None, progress: ProgressFn = no_progress,
               cancel: CancelToken | None = None, document: dm.Document | None = None, changes=None) -> int:
    """Lay the document out into the file `target` (no atomicity here); returns the page count."""
    cancel = cancel or CancelToken()
    st.register_fonts()
    doc_model = document or build_document(result, lang, evidence, assessor=assessor, risk=risk_mod.assess(result),
                                          changes=changes)
    story = to_flowables(doc_model.blocks)
    doc = ReportDocTemplate(target, document=doc_model, progress=progress, cancel=cancel,
                            story_length=len(story), title=doc_model.title, author=doc_model.author,
                            subject=doc_model.subject, creator=doc_model.creator, keywords=doc_model.keywords,
                            lang=i18n.language_tag(lang))
    doc.multiBuild(story, canvasmaker=_canvas_class(result.generated_at), maxPasses=8)
    return doc.page


def write_pdf(result: AuditResult, path: Path | str, *, lang: str = "en", assessor: str | None = None,
              progress: ProgressFn = no_progress, cancel: CancelToken | None = None, detector=None,
              evidence: EvidenceSet | None = None, embed_frames: bool = True,
              base_dir: Path | None = None, mask: str = "solid", changes=None) -> PdfSummary:
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
        raise ValueError(f"unsupported report language {lang!r} ({', '.join(i18n_langs())})")
    cancel = cancel or CancelToken()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    cancel.check()
    evidence = evidence_to_embed(result, embed_frames=embed_frames, evidence=evidence, detector=detector,
                                 base_dir=base_dir, progress=progress, cancel=cancel, mask=mask)
    cancel.check()

    def before_commit() -> None:
        cancel.check()
        progress(Progress(done=1, total=1, note=target.name, step="write"))

    try:
        pages, data = render_replace(target, lambda tmp: render_pdf(
            result, str(tmp), lang=lang, evidence=evidence, assessor=assessor, progress=progress, cancel=cancel,
            changes=changes), before_commit=before_commit)
    except LayoutError as exc:     # last safety net (texts are clipped and table rows split): a clear error, no traceback
        raise InputError([Problem(str(target), "the report could not be laid out: an element is larger than a page; "
                                  "please report it with the input files", found=str(exc).split(" with ")[0][:200])]) \
            from None
    ev = evidence or EvidenceSet()
    return PdfSummary(path=target, pages=pages, lang=lang, frames_embedded=ev.embedded,
                      frames_withheld=sum(1 for f in ev.all if f.jpeg is None), faces_masked=ev.masked,
                      masked_per_frame=ev.masked_per_frame(), size_bytes=len(data),
                      sha256=sha256_bytes(data))


def i18n_langs() -> tuple[str, ...]:
    from auditor.core.i18n import languages

    return languages()
