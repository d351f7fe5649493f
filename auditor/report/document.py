"""The DPIA report as a format-neutral document: built once by `story.build_document`, drawn by each renderer.

Blocks are plain data (no reportlab, no python-docx): headings with their outline key, paragraphs, tables,
images, the risk map, spacing and page breaks. Paragraph and cell text is *inline markup*: escaped text with
a small XML subset that every renderer understands:

    <b>, <i>, <br/>, <font color="#rrggbb" size="7" face="mono">, <link href="...">

Lengths are in points on an A4 page (the PDF's page); the DOCX and ODT renderers keep the same proportions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any


@dataclass
class Heading:
    """A section heading: numbered text, outline level (0 = section, 1 = subsection), unique key."""

    text: str
    level: int
    key: str

    @property
    def toc_level(self) -> int:
        return self.level

    @property
    def toc_text(self) -> str:
        return self.text

    @property
    def outline_key(self) -> str:
        return self.key


@dataclass
class Para:
    """A paragraph of inline markup in a named style; `bullet` makes it a list item."""

    markup: str
    style: str = "body"
    bullet: str | None = None

    @property
    def bulletText(self) -> str | None:
        return self.bullet

    def plain(self) -> str:
        return plain_markup(self.markup)


@dataclass
class Image:
    """A raster image held in memory (a redacted, verified evidence frame): JPEG or PNG bytes."""

    data: bytes
    px_width: int
    px_height: int
    width: float                     # points

    @property
    def height(self) -> float:
        return self.width * self.px_height / max(1, self.px_width)


@dataclass
class RiskMap:
    """The severity x likelihood map of the risk assessment; each renderer draws or rasterises it."""

    assessment: Any
    lang: str
    width: float




@dataclass
class Table:
    """Rows of cells; `widths` are relative column widths, `width` a share of the text width.

    kind: "grid" (header row + lines), "kv" (key column shaded), "box" (one coloured panel),
    "frames" (an image grid without lines), "answer" (a label and a line to write on), "form" (boxes to fill).
    """

    rows: list[list[Any]]            # each cell: markup, a block, or a list of blocks
    widths: list[float]
    header: bool = True
    width: float = 1.0
    kind: str = "grid"
    style: str = "cell"
    background: str | None = None    # "#rrggbb" (box)
    row_heights: list[float | None] | None = None   # points
    fill_cols: tuple[int, ...] = ()  # columns of empty cells the reader fills in (boxed)


@dataclass
class Spacer:
    height: float


@dataclass
class PageBreak:
    pass


@dataclass
class CondPageBreak:
    """A page break only when less than `height` points are left on the page."""

    height: float


@dataclass
class KeepTogether:
    blocks: list


@dataclass
class Toc:
    """The table of contents (generated from the headings by each renderer)."""


Block = Heading | Para | Image | RiskMap | Table | Spacer | PageBreak | CondPageBreak | KeepTogether | Toc


@dataclass
class Document:
    """The whole report: metadata, running header/footer texts and the blocks in reading order."""

    lang: str
    title: str
    subject: str
    author: str
    creator: str
    keywords: str
    header: str
    header_right: str
    footer: str
    page_label: str                  # "Page {page} of {pages}" in the report's language
    blocks: list = field(default_factory=list)


# --- inline markup -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting: what the DOCX/ODT renderers write as a run/span."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    size: float | None = None
    mono: bool = False
    link: str | None = None
    newline: bool = False            # a line break before this run's text


class _Inline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runs: list[Run] = []
        self.stack: list[dict] = [{}]
        self.pending_break = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        top = dict(self.stack[-1])
        if tag == "br":
            self.pending_break = True
            return
        if tag == "b":
            top["bold"] = True
        elif tag == "i":
            top["italic"] = True
        elif tag == "font":
            if a.get("color"):
                top["colour"] = a["color"]
            if a.get("size"):
                top["size"] = float(a["size"] or 0) or None
            if a.get("face") and "mono" in (a["face"] or "").lower():
                top["mono"] = True
        elif tag == "link":
            top["link"] = a.get("href")
            if a.get("color"):
                top["colour"] = a["color"]
        self.stack.append(top)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.pending_break = True

    def handle_endtag(self, tag: str) -> None:
        if tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data or self.pending_break:
            self.runs.append(Run(data, newline=self.pending_break, **self.stack[-1]))
            self.pending_break = False


def runs(markup: str) -> list[Run]:
    """The formatted runs of a piece of inline markup."""
    parser = _Inline()
    parser.feed(markup)
    parser.close()
    if parser.pending_break:
        parser.runs.append(Run("", newline=True))
    return parser.runs


_TAG = re.compile(r"<br\s*/?>|<[^>]+>")


def plain_markup(markup: str) -> str:
    return html.unescape(_TAG.sub(lambda m: "\n" if m.group(0).startswith("<br") else "", markup))


# --- walking the document --------------------------------------------------------------------------------------------

def walk(blocks: Iterable[Any]) -> Iterator[Any]:
    """Every block, depth first, through KeepTogether and table cells."""
    for b in blocks:
        if isinstance(b, list):
            yield from walk(b)
            continue
        yield b
        if isinstance(b, KeepTogether):
            yield from walk(b.blocks)
        elif isinstance(b, Table):
            for row in b.rows:
                yield from walk(c for c in row if not isinstance(c, str))


def cell_blocks(cell: Any, style: str) -> list:
    """A table cell as blocks: markup becomes a paragraph in `style`."""
    if isinstance(cell, str):
        return [Para(cell, style)]
    if isinstance(cell, list):
        return cell
    return [cell]


def headings(blocks: Iterable[Any]) -> list[tuple[int, str]]:
    """(level, text) of every heading: what the table of contents and the outline show."""
    return [(b.level, b.text) for b in walk(blocks) if isinstance(b, Heading)]


def plain_text(blocks: Iterable[Any]) -> str:
    """All the text of the document (headings, paragraphs, table cells), one paragraph a line."""
    parts: list[str] = []
    for b in walk(blocks):
        if isinstance(b, Heading):
            parts.append(b.text)
        elif isinstance(b, Para):
            parts.append(b.plain())
        elif isinstance(b, Table):
            for row in b.rows:
                parts += [plain_markup(c) for c in row if isinstance(c, str)]
    return "\n".join(parts)
