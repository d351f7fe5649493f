"""The DPIA report as a Word document (python-docx): `render_docx(document, path)`.

Real headings (Heading 1/2/3: navigation pane, outline), an automatic table of contents field (filled
with the section titles so that it reads before the first update; Word updates it on opening), tables
as tables with a repeated header row, the evidence frames and the risk map as pictures, named
paragraph styles ("DPIA Body", "DPIA Cell", ...) that a consultant restyles in one place.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from auditor.report import document as dm
from auditor.report import i18n
from auditor.report import office

_LIST_BULLETS = {"•": "List Bullet", "–": "List Bullet 2"}


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper()[:6])


def _define_styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = office.FONT
    normal.font.size = Pt(9.2)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), office.FONT)
    specs = list(office.STYLES.items())
    for spec in office.HEADINGS.values():
        _apply(styles[spec.name], spec)
    for key, spec in specs:
        base = "Normal"
        if key == "bullet":
            base = "List Bullet"
        elif key == "subbullet":
            base = "List Bullet 2"
        st = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = styles[base]
        st.quick_style = True
        _apply(st, spec)


def _apply(st, spec: office.StyleSpec) -> None:
    st.font.name = office.FONT_MONO if spec.mono else office.FONT
    st.font.size = Pt(spec.size)
    st.font.bold = spec.bold
    st.font.italic = spec.italic
    st.font.color.rgb = _rgb(spec.colour)
    pf = st.paragraph_format
    pf.space_before = Pt(spec.before)
    pf.space_after = Pt(spec.after)
    if spec.indent:
        pf.left_indent = Pt(spec.indent)
    pf.keep_with_next = spec.keep_next or None


def _hyperlink(paragraph, url: str, text: str, run_props) -> None:
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1D4E89")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.append(colour)
    rpr.append(underline)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _inline(paragraph, markup: str) -> None:
    for r in dm.runs(markup):
        if r.newline:
            (paragraph.runs[-1] if paragraph.runs else paragraph.add_run()).add_break(WD_BREAK.LINE)
        if not r.text:
            continue
        if r.link:
            _hyperlink(paragraph, r.link, r.text, None)
            continue
        run = paragraph.add_run(r.text)
        if r.bold:
            run.bold = True
        if r.italic:
            run.italic = True
        if r.colour:
            run.font.color.rgb = _rgb(r.colour)
        if r.size:
            run.font.size = Pt(r.size)
        if r.mono:
            run.font.name = office.FONT_MONO


def _para(container, block: dm.Para, *, keep: bool = False):
    spec = office.style_for(block.style)
    markup = block.markup
    style = spec.name
    if block.bullet:
        list_style = _LIST_BULLETS.get(block.bullet)
        if list_style and block.style in ("bullet", "subbullet"):
            style = office.STYLES[block.style].name
        else:
            markup = f"{block.bullet}\u00a0{markup}"
    p = container.add_paragraph(style=style)
    _inline(p, markup)
    if keep:
        p.paragraph_format.keep_with_next = True
    return p


def _shade(cell, colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#").upper())
    tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _picture(paragraph, img: dm.Image, width_pt: float) -> None:
    paragraph.add_run().add_picture(io.BytesIO(img.data), width=Pt(min(width_pt, img.width)))


def _cell_content(cell, content, style: str, width_pt: float) -> None:
    blocks = dm.cell_blocks(content, style)
    first = True
    for b in blocks:
        p = cell.paragraphs[0] if first else None
        first = False
        if isinstance(b, dm.Image):
            p = p if p is not None else cell.add_paragraph()
            _picture(p, b, width_pt - 8)
        elif isinstance(b, dm.Para):
            spec = office.style_for(b.style)
            if p is None:
                p = cell.add_paragraph()
            p.style = spec.name
            _inline(p, b.markup)
        else:
            _blocks(cell, [b])


def _table(container, tb: dm.Table) -> None:
    ncols = max(len(r) for r in tb.rows)
    table = container.add_table(rows=len(tb.rows), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT if tb.kind == "answer" else WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    total = sum(tb.widths)
    widths = [office.CONTENT_WIDTH_PT * tb.width * w / total for w in tb.widths]
    for c, w in enumerate(widths):
        table.columns[c].width = Pt(w)
    for r, row in enumerate(tb.rows):
        head = tb.header and r == 0 and tb.kind in ("grid", "form")
        for c in range(ncols):
            cell = table.cell(r, c)
            cell.width = Pt(widths[c])
            content = row[c] if c < len(row) else ""
            style = "cell_head" if head and tb.kind == "grid" else tb.style
            if tb.kind == "kv" and c == 0:
                style = "cell_head"
            _cell_content(cell, content, style, widths[c])
            if head:
                _shade(cell, office.HEADER_BG)
            if tb.kind == "box":
                _shade(cell, tb.background or "#276749")
        if head:
            _repeat_header(table.rows[r])
        if tb.row_heights and r < len(tb.row_heights) and tb.row_heights[r]:
            table.rows[r].height = Pt(tb.row_heights[r])
    container.add_paragraph(style=office.STYLES["cell"].name)      # space after the table


def _toc(doc, entries: list[tuple[int, str]]) -> None:
    """A TOC field (Word's automatic table of contents), pre-filled with the section titles."""
    p = doc.add_paragraph()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = 'TOC \\o "1-2" \\h \\z \\u'
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    for el in (begin, instr, sep):
        r = OxmlElement("w:r")
        r.append(el)
        p._p.append(r)
    last = p
    for level, text in entries:
        last = doc.add_paragraph(text, style=office.STYLES["body"].name)
        last.paragraph_format.left_indent = Pt(14 * level)
        last.paragraph_format.space_after = Pt(1)
        if level == 0:
            for run in last.runs:
                run.bold = True
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    r = OxmlElement("w:r")
    r.append(end)
    last._p.append(r)


def _field(paragraph, code: str) -> None:
    for kind, text in (("begin", None), ("instr", code), ("separate", None), ("text", "1"), ("end", None)):
        r = OxmlElement("w:r")
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r.append(el)
        paragraph._p.append(r)


def _page_furniture(doc, model: dm.Document) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(22), Mm(18)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = f"{model.header}\t\t{model.header_right}"
    header.style = doc.styles["Header"]
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    before, _, rest = model.page_label.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    footer.add_run(f"{model.footer}\t\t{before}")
    _field(footer, "PAGE")
    footer.add_run(middle)
    _field(footer, "NUMPAGES")
    footer.add_run(after)
    for p in (header, footer):
        for run in p.runs:
            run.font.size = Pt(7.5)
            run.font.color.rgb = _rgb(office.MUTED)


def _blocks(container, blocks, *, doc=None, model: dm.Document | None = None, keep: bool = False) -> None:
    for b in blocks:
        if isinstance(b, dm.Heading):
            container.add_paragraph(b.text, style=office.HEADINGS[min(b.level, 1)].name)
        elif isinstance(b, dm.Para):
            _para(container, b, keep=keep)
        elif isinstance(b, dm.Table):
            _table(container, b)
        elif isinstance(b, (dm.Image, dm.RiskMap)):
            img = office.risk_png(b) if isinstance(b, dm.RiskMap) else b
            _picture(container.add_paragraph(style=office.STYLES["body"].name), img, img.width)
        elif isinstance(b, dm.Spacer):
            container.add_paragraph(style=office.STYLES["body"].name).paragraph_format.space_after = Pt(b.height)
        elif isinstance(b, dm.PageBreak):
            container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(b, dm.CondPageBreak):
            continue                              # headings keep with their text; the word processor paginates
        elif isinstance(b, dm.KeepTogether):
            _blocks(container, b.blocks, doc=doc, model=model, keep=True)
        elif isinstance(b, dm.Toc):
            assert doc is not None and model is not None
            _toc(doc, office.toc_entries(model))
        else:
            raise TypeError(f"no DOCX rendering for {type(b).__name__}")


def _properties(doc, model: dm.Document, generated_at: str | None) -> None:
    cp = doc.core_properties
    cp.title, cp.subject, cp.author, cp.keywords = model.title, model.subject, model.author, model.keywords
    cp.comments = model.creator
    cp.language = i18n.language_tag(model.lang)
    cp.last_modified_by = model.creator
    cp.revision = 1
    when = dt.datetime(2000, 1, 1)
    if generated_at:
        try:
            when = dt.datetime.fromisoformat(generated_at.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            pass
    cp.created = cp.modified = when
    # Word refreshes the TOC and the page fields when it opens the file.
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def render_docx(model: dm.Document, target: Path | str, *, generated_at: str | None = None) -> None:
    """Write the document as DOCX to `target` (the caller makes it atomic)."""
    doc = new_docx()
    _define_styles(doc)
    _page_furniture(doc, model)
    body = doc
    # python-docx starts with one empty paragraph in a new document: drop it.
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    _blocks(body, model.blocks, doc=doc, model=model)
    _properties(doc, model, generated_at)
    lang = i18n.language_tag(model.lang)
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), lang)
    rpr.append(el)
    doc.save(str(target))
