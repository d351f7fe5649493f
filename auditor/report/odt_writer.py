"""The DPIA report as an OpenDocument text (odfpy): `render_odt(document, path)`.

Headings are real outline headings ("Heading 1/2/3": Navigator, outline numbering off), the table of
contents is a Writer index (text:table-of-content, pre-filled, refreshed by Tools > Update), tables
are tables with a repeated header row, the evidence frames and the risk map are pictures stored in the
package, and every paragraph uses a named style ("DPIA Body", "DPIA Cell", ...).
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from odf import dc, meta
from odf.draw import Frame
from odf.draw import Image as DrawImage
from odf.opendocument import OpenDocumentText
from odf.style import (
    Footer,
    Header,
    ListLevelProperties,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TableRowProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import (
    A,
    H,
    IndexBody,
    IndexTitleTemplate,
    LineBreak,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListStyle,
    P,
    PageCount,
    PageNumber,
    Span,
    TableOfContent,
    TableOfContentEntryTemplate,
    TableOfContentSource,
)

from auditor.report import document as dm
from auditor.report import i18n
from auditor.report import office

_LISTED = {"•", "–"}


def _style_name(display: str) -> str:
    return display.replace(" ", "_20_")


class _Writer:
    def __init__(self, model: dm.Document) -> None:
        self.model = model
        self.doc = OpenDocumentText()
        self.text_styles: dict[tuple, Style] = {}
        self.counter = itertools.count(1)
        self.pictures = itertools.count(1)
        self._define_styles()
        self._page()

    # styles ----------------------------------------------------------------------------------------------------
    def _paragraph_style(self, spec: office.StyleSpec, *, outline: int | None = None) -> Style:
        kw = {"name": _style_name(spec.name), "displayname": spec.name, "family": "paragraph"}
        if outline is not None:
            kw["defaultoutlinelevel"] = str(outline)
        st = Style(**kw)
        st.addElement(ParagraphProperties(margintop=f"{spec.before}pt", marginbottom=f"{spec.after}pt",
                                          marginleft=f"{spec.indent}pt",
                                          keepwithnext="always" if spec.keep_next else "auto"))
        font = office.FONT_MONO if spec.mono else office.FONT
        st.addElement(TextProperties(fontname=font, fontfamily=font, fontsize=f"{spec.size}pt",
                                     fontweight="bold" if spec.bold else "normal",
                                     fontstyle="italic" if spec.italic else "normal", color=spec.colour))
        self.doc.styles.addElement(st)
        return st

    def _define_styles(self) -> None:
        from odf.style import FontFace

        for font in (office.FONT, office.FONT_MONO):
            self.doc.fontfacedecls.addElement(FontFace(name=font, fontfamily=font, fontfamilygeneric="swiss",
                                                       fontpitch="mono" if "Mono" in font else "variable"))
        self.para = {key: self._paragraph_style(spec) for key, spec in office.STYLES.items()}
        self.heading = {lvl: self._paragraph_style(spec, outline=lvl + 1) for lvl, spec in office.HEADINGS.items()}
        self.para["h3"] = self.heading[2]
        self.toc_styles = [self._paragraph_style(office.StyleSpec("Contents 1", size=9.6, bold=True, after=2)),
                           self._paragraph_style(office.StyleSpec("Contents 2", size=8.8, indent=14, after=1))]
        bullets = ListStyle(name="DPIA_20_List", displayname="DPIA List")
        for level, char in ((1, "•"), (2, "–")):
            lvl = ListLevelStyleBullet(level=level, bulletchar=char)
            lvl.addElement(ListLevelProperties(spacebefore=f"{(level - 1) * 11 + 2}pt", minlabelwidth="9pt"))
            bullets.addElement(lvl)
        self.doc.styles.addElement(bullets)
        self.list_style = bullets
        self.page_break = Style(name="PageBreak", family="paragraph")
        self.page_break.addElement(ParagraphProperties(breakafter="page"))
        self.page_break.addElement(TextProperties(fontsize="1pt"))
        self.doc.automaticstyles.addElement(self.page_break)

    def _page(self) -> None:
        layout = PageLayout(name="A4")
        layout.addElement(PageLayoutProperties(pagewidth="210mm", pageheight="297mm", printorientation="portrait",
                                               margintop="12mm", marginbottom="10mm", marginleft="18mm",
                                               marginright="18mm"))
        self.doc.automaticstyles.addElement(layout)
        small = Style(name="Furniture", family="paragraph")
        small.addElement(TextProperties(fontname=office.FONT, fontsize="7.5pt", color=office.MUTED))
        self.doc.automaticstyles.addElement(small)
        master = MasterPage(name="Standard", pagelayoutname=layout)
        header = Header()
        header.addElement(P(stylename=small, text=f"{self.model.header} · {self.model.header_right}"))
        master.addElement(header)
        footer = Footer()
        p = P(stylename=small, text=f"{self.model.footer} · ")
        before, _, rest = self.model.page_label.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        p.addText(before)
        p.addElement(PageNumber(selectpage="current", text="1"))
        p.addText(middle)
        p.addElement(PageCount(text="1"))
        p.addText(after)
        footer.addElement(p)
        master.addElement(footer)
        self.doc.masterstyles.addElement(master)

    def _text_style(self, run: dm.Run) -> Style | None:
        key = (run.bold, run.italic, run.colour, run.size, run.mono)
        if key == (False, False, None, None, False):
            return None
        if key not in self.text_styles:
            st = Style(name=f"T{len(self.text_styles) + 1}", family="text")
            props: dict = {}
            if run.bold:
                props["fontweight"] = "bold"
            if run.italic:
                props["fontstyle"] = "italic"
            if run.colour:
                props["color"] = run.colour
            if run.size:
                props["fontsize"] = f"{run.size}pt"
            if run.mono:
                props["fontname"] = office.FONT_MONO
            st.addElement(TextProperties(**props))
            self.doc.automaticstyles.addElement(st)
            self.text_styles[key] = st
        return self.text_styles[key]

    # content ---------------------------------------------------------------------------------------------------
    def _inline(self, el, markup: str) -> None:
        for run in dm.runs(markup):
            if run.newline:
                el.addElement(LineBreak())
            if not run.text:
                continue
            style = self._text_style(run)
            target = el
            if run.link:
                link = A(type="simple", href=run.link)
                el.addElement(link)
                target = link
            if style is not None:
                span = Span(stylename=style)
                span.addText(run.text)
                target.addElement(span)
            else:
                target.addText(run.text)

    def _p(self, block: dm.Para, container) -> None:
        markup = block.markup
        if block.bullet and block.bullet in _LISTED and block.style in ("bullet", "subbullet"):
            lst = List(stylename=self.list_style)
            item = ListItem()
            p = P(stylename=self.para[block.style])
            self._inline(p, markup)
            item.addElement(p)
            if block.style == "subbullet":          # second level: a list inside a list item
                outer = ListItem()
                inner = List()
                inner.addElement(item)
                outer.addElement(inner)
                item = outer
            lst.addElement(item)
            container.addElement(lst)
            return
        if block.bullet:
            markup = f"{block.bullet}\u00a0{markup}"
        p = P(stylename=self.para.get(block.style, self.para["body"]))
        self._inline(p, markup)
        container.addElement(p)

    def _image(self, img: dm.Image, width: float):
        fmt = office.image_format(img.data)
        name = f"Pictures/image{next(self.pictures)}.{'png' if fmt == 'png' else 'jpg'}"
        href = self.doc.addPicture(name, f"image/{fmt}", img.data)
        w = min(width, img.width)
        frame = Frame(width=f"{w:.1f}pt", height=f"{w * img.px_height / max(1, img.px_width):.1f}pt",
                      anchortype="as-char")
        frame.addElement(DrawImage(href=href))
        p = P(stylename=self.para["body"])
        p.addElement(frame)
        return p

    def _cell_style(self, background: str | None, *, boxed: bool) -> Style:
        key = ("cell", background, boxed)
        if key not in self.text_styles:
            st = Style(name=f"C{len(self.text_styles) + 1}", family="table-cell")
            props = {"padding": "2.5pt", "border": f"0.5pt solid {office.RULE}" if boxed else "none"}
            if not boxed:
                props["borderbottom"] = f"0.35pt solid {office.RULE}"
            if background:
                props["backgroundcolor"] = background
            st.addElement(TableCellProperties(**props))
            self.doc.automaticstyles.addElement(st)
            self.text_styles[key] = st
        return self.text_styles[key]

    def _table(self, tb: dm.Table, container) -> None:
        n = next(self.counter)
        ncols = max(len(r) for r in tb.rows)
        total = sum(tb.widths)
        width = office.CONTENT_WIDTH_PT * tb.width
        tstyle = Style(name=f"Tbl{n}", family="table")
        tstyle.addElement(TableProperties(width=f"{width:.1f}pt", align="right" if tb.kind == "answer" else "left"))
        self.doc.automaticstyles.addElement(tstyle)
        table = Table(name=f"Table{n}", stylename=tstyle)
        widths = [width * w / total for w in tb.widths]
        for c, w in enumerate(widths):
            cs = Style(name=f"Tbl{n}.C{c}", family="table-column")
            cs.addElement(TableColumnProperties(columnwidth=f"{w:.1f}pt"))
            self.doc.automaticstyles.addElement(cs)
            table.addElement(TableColumn(stylename=cs))
        boxed = tb.kind in ("form", "box") or bool(tb.fill_cols)
        header_rows = TableHeaderRows() if tb.header and tb.kind in ("grid", "form") else None
        if header_rows is not None:
            table.addElement(header_rows)
        for r, row in enumerate(tb.rows):
            head = header_rows is not None and r == 0
            rs = None
            if tb.row_heights and r < len(tb.row_heights) and tb.row_heights[r]:
                rs = Style(name=f"Tbl{n}.R{r}", family="table-row")
                rs.addElement(TableRowProperties(minrowheight=f"{tb.row_heights[r]:.1f}pt"))
                self.doc.automaticstyles.addElement(rs)
            tr = TableRow(stylename=rs) if rs is not None else TableRow()
            bg = office.HEADER_BG if head else (tb.background if tb.kind == "box" else None)
            for c in range(ncols):
                cell = TableCell(stylename=self._cell_style(bg, boxed=boxed or c in tb.fill_cols),
                                 valuetype="string")
                content = row[c] if c < len(row) else ""
                style = "cell_head" if (head and tb.kind == "grid") or (tb.kind == "kv" and c == 0) else tb.style
                for b in dm.cell_blocks(content, style):
                    if isinstance(b, dm.Image):
                        cell.addElement(self._image(b, widths[c] - 6))
                    else:
                        self._blocks([b], cell)
                tr.addElement(cell)
            (header_rows if head else table).addElement(tr)
        container.addElement(table)

    def _toc(self, container) -> None:
        toc = TableOfContent(name="Contents", protected="false")
        src = TableOfContentSource(outlinelevel="2", useindexmarks="false")
        src.addElement(IndexTitleTemplate(stylename=self.para["toc_title"]))
        for level in (1, 2):
            src.addElement(TableOfContentEntryTemplate(outlinelevel=str(level),
                                                       stylename=self.toc_styles[level - 1]))
        toc.addElement(src)
        body = IndexBody()
        for level, text in office.toc_entries(self.model):
            body.addElement(P(stylename=self.toc_styles[min(level, 1)], text=text))
        toc.addElement(body)
        container.addElement(toc)

    def _blocks(self, blocks, container) -> None:
        for b in blocks:
            if isinstance(b, dm.Heading):
                lvl = min(b.level, 1)
                h = H(outlinelevel=lvl + 1, stylename=self.heading[lvl])
                h.addText(b.text)
                container.addElement(h)
            elif isinstance(b, dm.Para):
                if b.style == "h3":
                    h = H(outlinelevel=3, stylename=self.heading[2])
                    self._inline(h, b.markup)
                    container.addElement(h)
                else:
                    self._p(b, container)
            elif isinstance(b, dm.Table):
                self._table(b, container)
            elif isinstance(b, dm.Image):
                container.addElement(self._image(b, b.width))
            elif isinstance(b, dm.RiskMap):
                container.addElement(self._image(office.risk_png(b), b.width))
            elif isinstance(b, dm.Spacer):
                sp = P(stylename=self.para["body"])
                container.addElement(sp)
            elif isinstance(b, dm.PageBreak):
                container.addElement(P(stylename=self.page_break))
            elif isinstance(b, dm.CondPageBreak):
                continue
            elif isinstance(b, dm.KeepTogether):
                self._blocks(b.blocks, container)
            elif isinstance(b, dm.Toc):
                self._toc(container)
            else:
                raise TypeError(f"no ODT rendering for {type(b).__name__}")

    def write(self, target: Path | str, generated_at: str | None) -> None:
        m = self.model
        d = self.doc
        d.meta.addElement(dc.Title(text=m.title))
        d.meta.addElement(dc.Subject(text=m.subject))
        d.meta.addElement(dc.Creator(text=m.author))
        d.meta.addElement(meta.InitialCreator(text=m.author))
        d.meta.addElement(dc.Language(text=i18n.language_tag(m.lang)))
        for kw in m.keywords.split(", "):
            d.meta.addElement(meta.Keyword(text=kw))
        when = (generated_at or "2000-01-01T00:00:00").replace("Z", "")
        try:
            when = dt.datetime.fromisoformat(when).replace(tzinfo=None).isoformat()
        except ValueError:
            when = "2000-01-01T00:00:00"
        d.meta.addElement(meta.CreationDate(text=when))
        d.meta.addElement(dc.Date(text=when))
        self._blocks(m.blocks, d.text)
        d.save(str(target))


def render_odt(model: dm.Document, target: Path | str, *, generated_at: str | None = None) -> None:
    """Write the document as ODT to `target` (the caller makes it atomic)."""
    _Writer(model).write(target, generated_at)
