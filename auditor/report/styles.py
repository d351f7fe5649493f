"""Fonts, colours, paragraph and table styles of the DPIA report (A4, DejaVu Sans embedded)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

PAGE_SIZE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
FONT_MONO = "DejaVuSansMono"

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#cbd2d9")
HEADER_BG = colors.HexColor("#e4e7eb")
ACCENT = colors.HexColor("#1d4e89")
ZEBRA = colors.HexColor("#f5f7fa")

SEVERITY_COLOURS = {
    "blocker": colors.HexColor("#9b1c1c"),
    "major": colors.HexColor("#c05621"),
    "minor": colors.HexColor("#b7791f"),
    "info": colors.HexColor("#2b6cb0"),
    "question": colors.HexColor("#553c9a"),
}


def _font_dir() -> Path:
    """DejaVu ships inside matplotlib's package data; reach it through importlib.resources."""
    return Path(str(resources.files("matplotlib") / "mpl-data" / "fonts" / "ttf"))


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique, mono) with reportlab, once per process."""
    folder = _font_dir()
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf"), (FONT_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf"),
                       (FONT_MONO, "DejaVuSansMono.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    _keep_narrow_no_break_space()


def _keep_narrow_no_break_space() -> None:
    """Make reportlab's paragraph splitter treat U+202F as part of a word, as it already treats U+00A0.

    reportlab lists the narrow no-break space among the whitespace it breaks lines on, so French text
    ("1 234,5", "Montant : 3") would lose the character and could break a line inside a number.
    Only text that contains U+202F takes the patched path; everything else is split as before.
    """
    from reportlab.platypus import paragraph

    if getattr(paragraph.split, "_keeps_nnbsp", False):
        return
    original = paragraph.split
    splitter = re.compile(f"[{re.escape(paragraph._wsc.replace(chr(0x202F), ''))}]+").split

    def split(text, delim=None):
        if delim is None and isinstance(text, str) and "\u202f" in text:
            return splitter(text)
        return original(text, delim)

    split._keeps_nnbsp = True  # type: ignore[attr-defined]
    paragraph.split = split


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles, by name."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.2, leading=12.6, textColor=INK, spaceAfter=4,
                          bulletFontName=FONT)
    s: dict[str, ParagraphStyle] = {"body": base}

    def add(name: str, **kw) -> None:
        parent = kw.pop("parent", base)
        s[name] = ParagraphStyle(name, parent=parent, **kw)

    add("small", fontSize=7.8, leading=10.2)
    add("muted", textColor=MUTED, fontSize=8, leading=10.5)
    add("cell", fontSize=7.8, leading=9.8, spaceAfter=0)
    add("cell_head", parent=s["cell"], fontName=FONT_BOLD)
    add("mono", fontName=FONT_MONO, fontSize=6.6, leading=8.4, spaceAfter=0)
    add("h1", fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=8, textColor=ACCENT,
        keepWithNext=1)
    add("h2", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=9, spaceAfter=4, textColor=INK,
        keepWithNext=1)
    add("h3", fontName=FONT_BOLD, fontSize=9.6, leading=12.5, spaceBefore=5, spaceAfter=2, keepWithNext=1)
    add("bullet", leftIndent=11, bulletIndent=2, spaceAfter=1.5)
    add("subbullet", leftIndent=22, bulletIndent=13, spaceAfter=0.5, leading=12)
    add("check", leftIndent=14, bulletIndent=0, spaceAfter=3)
    add("caption", fontSize=7.6, leading=9.8, textColor=MUTED, alignment=TA_LEFT, spaceBefore=2, spaceAfter=8)
    add("cover_title", fontName=FONT_BOLD, fontSize=24, leading=30, textColor=ACCENT, spaceAfter=6)
    add("cover_sub", fontSize=13, leading=17, textColor=INK, spaceAfter=4)
    add("cover_store", fontName=FONT_BOLD, fontSize=16, leading=21, spaceBefore=18, spaceAfter=12)
    add("verdict", fontName=FONT_BOLD, fontSize=11, leading=14.5, textColor=colors.white, alignment=TA_LEFT)
    add("verdict_big", fontName=FONT_BOLD, fontSize=15, leading=19, textColor=colors.white, alignment=TA_LEFT)
    add("verdict_summary", fontName=FONT_BOLD, fontSize=13, leading=17, spaceAfter=4)
    add("center", alignment=TA_CENTER)
    add("toc1", fontName=FONT_BOLD, fontSize=9.6, leading=14, leftIndent=0)
    add("toc2", fontSize=8.8, leading=12, leftIndent=14)
    add("finding_head", fontName=FONT_BOLD, fontSize=9.4, leading=12.2, spaceBefore=7, spaceAfter=2, keepWithNext=1)
    add("label", fontName=FONT_BOLD, fontSize=8.4, leading=11, spaceAfter=0, keepWithNext=1, textColor=MUTED)
    add("indented", leftIndent=10)
    return s


def table_style(*, header: bool = True, zebra: bool = True, rows: int = 0) -> TableStyle:
    """Grid style shared by every table: thin rules, a grey header row that repeats on each page."""
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FONT, 7.8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
    ]
    if header:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), HEADER_BG), ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED)]
    if zebra:
        for r in range(1 if header else 0, rows):
            if (r % 2 == 0) == header:
                cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    return TableStyle(cmds)


def key_value_style() -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT, 7.8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.35, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
    ])


def severity_colour(severity: str) -> colors.Color:
    return SEVERITY_COLOURS.get(severity, MUTED)


def risk_colour(severity: int, likelihood: int) -> colors.Color:
    """Background of a risk-map cell: green, yellow, orange or red as severity and likelihood grow."""
    if severity >= 3 and likelihood >= 3:
        return colors.HexColor("#f4b4b4")
    if severity + likelihood >= 6 or severity == 4 or likelihood == 4:
        return colors.HexColor("#f9d3a8")
    if severity + likelihood >= 5:
        return colors.HexColor("#fbeaa5")
    return colors.HexColor("#cdeccf")


def risk_level(severity: int, likelihood: int) -> str:
    """low | medium | high, consistent with the map's colours (red is high, green is low)."""
    if severity >= 3 and likelihood >= 3:
        return "high"
    if severity + likelihood >= 5 or severity == 4 or likelihood == 4:
        return "medium"
    return "low"
