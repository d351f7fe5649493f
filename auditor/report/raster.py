"""PDF pages rasterised with PDFium (pypdfium2), one PDFium call at a time in the whole process.

PDFium is not thread-safe: no two threads may call it at the same time, not even on different documents
(pypdfium2 documentation, "Python API", section "Incompatibility with Threading"; doing so crashes the process).
The desktop app renders the report preview and the risk map on its GUI thread while its worker thread may be
writing a DOCX/ODT report, whose risk map is rasterised with PDFium too; so every PDFium call of this program goes
through `render_page`, under one process-wide lock, and closes every PDFium object before it lets go of the lock
(a PDFium object left to the garbage collector would be freed later, on whatever thread runs the collector).
"""

from __future__ import annotations

import threading

from PIL import Image

PDFIUM_LOCK = threading.RLock()


def render_page(pdf: bytes, index: int = 0, *, scale: float = 1.0) -> tuple[Image.Image, int]:
    """Page `index` (0-based, clamped to the document) at `scale` (1.0 = 72 dpi) as an RGB image, and the page count."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(pdf)
        try:
            count = len(doc)
            page = doc[max(0, min(index, count - 1))]
            try:
                bitmap = page.render(scale=scale)
                try:
                    image = bitmap.to_pil().convert("RGB")      # a copy: nothing still points into PDFium's buffer
                finally:
                    bitmap.close()
            finally:
                page.close()
        finally:
            doc.close()
    return image, count
