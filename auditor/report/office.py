"""What the word-processor renderers (DOCX, ODT) share: the named styles a consultant restyles, the TOC
entries, the images (evidence frames, the risk map as PNG) and the core document properties.

Every block style of the document model becomes a *named* paragraph style in the file ("DPIA Body",
"DPIA Cell", ...); headings use the word processor's own "Heading 1/2/3" so that the navigation pane
and the automatic table of contents work.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.report import document as dm

FONT = "DejaVu Sans"
FONT_MONO = "DejaVu Sans Mono"
INK, MUTED, ACCENT, HEADER_BG, RULE = "#1f2933", "#52606d", "#1d4e89", "#e4e7eb", "#cbd2d9"
CONTENT_WIDTH_PT = 595.2756 - 2 * 18 * 72 / 25.4        # A4 minus the PDF's margins


@dataclass(frozen=True)
class StyleSpec:
    name: str                    # the style's name in the file
    size: float = 9.2
    bold: bool = False
    italic: bool = False
    colour: str = INK
    indent: float = 0.0          # points
    before: float = 0.0
    after: float = 4.0
    mono: bool = False
    keep_next: bool = False


# Model style -> word-processor style. "h3" maps to the built-in Heading 3 (outline, not in the TOC).
STYLES: dict[str, StyleSpec] = {
    "body": StyleSpec("DPIA Body"),
    "small": StyleSpec("DPIA Small", size=7.8),
    "muted": StyleSpec("DPIA Muted", size=8, colour=MUTED),
    "cell": StyleSpec("DPIA Cell", size=7.8, after=0),
    "cell_head": StyleSpec("DPIA Cell Header", size=7.8, bold=True, after=0),
    "mono": StyleSpec("DPIA Code", size=6.6, after=0, mono=True),
    "bullet": StyleSpec("DPIA Bullet", indent=11, after=1.5),
    "subbullet": StyleSpec("DPIA Bullet 2", indent=22, after=0.5),
    "check": StyleSpec("DPIA Checklist", indent=14, after=3),
    "caption": StyleSpec("DPIA Caption", size=7.6, colour=MUTED, before=2, after=8),
    "cover_title": StyleSpec("DPIA Cover Title", size=24, bold=True, colour=ACCENT, after=6),
    "cover_sub": StyleSpec("DPIA Cover Subtitle", size=13, after=4),
    "cover_store": StyleSpec("DPIA Cover Store", size=16, bold=True, before=18, after=12),
    "verdict": StyleSpec("DPIA Verdict", size=11, bold=True, colour="#ffffff", after=0),
    "toc_title": StyleSpec("DPIA Contents Title", size=15, bold=True, colour=ACCENT, after=8),
    "finding_head": StyleSpec("DPIA Finding", size=9.4, bold=True, before=7, after=2, keep_next=True),
    "indented": StyleSpec("DPIA Indented", indent=10),
    "label": StyleSpec("DPIA Label", size=8.4, bold=True, colour=MUTED, after=0, keep_next=True),
}
HEADINGS = {0: StyleSpec("Heading 1", size=15, bold=True, colour=ACCENT, before=4, after=8, keep_next=True),
            1: StyleSpec("Heading 2", size=11.5, bold=True, before=9, after=4, keep_next=True),
            2: StyleSpec("Heading 3", size=9.6, bold=True, before=5, after=2, keep_next=True)}


def style_for(name: str) -> StyleSpec:
    if name == "h3":
        return HEADINGS[2]
    return STYLES.get(name, STYLES["body"])


def toc_entries(doc: dm.Document) -> list[tuple[int, str]]:
    """The headings the table of contents lists (sections and subsections)."""
    return [(level, text) for level, text in dm.headings(doc.blocks) if level <= 1]


def images(doc: dm.Document):
    """Every image block (evidence frames) — for tests and counts."""
    return [b for b in dm.walk(doc.blocks) if isinstance(b, dm.Image)]


def risk_png(block: dm.RiskMap) -> dm.Image:
    from auditor.report import risk

    png, w, h = risk.risk_map_png(block.assessment, block.lang, width=block.width)
    return dm.Image(png, w, h, block.width)


def image_format(data: bytes) -> str:
    return "png" if data[:8] == b"\x89PNG\r\n\x1a\n" else "jpeg"
