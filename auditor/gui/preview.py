"""The Preview tab: the DPIA report's pages rendered in the window (pypdfium2), page navigation, zoom, export."""

from __future__ import annotations

import tempfile
from pathlib import Path
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget,
)

ZOOMS = (50, 75, 100, 125, 150, 200)


def report_job(result: Any, *, lang: str, assessor: str | None) -> Callable[..., bytes]:
    """Render the report on the worker thread and return its bytes. The PDF (redacted frames only) is written in
    a private temporary folder that is removed at once: the same writer as the export, so preview = export."""
    from auditor.report.pdf import write_pdf

    def job(*, progress, cancel) -> bytes:
        with tempfile.TemporaryDirectory(prefix="auditor-preview-") as folder:
            target = Path(folder) / "report.pdf"
            write_pdf(result, target, lang=lang, assessor=assessor, progress=progress, cancel=cancel)
            return target.read_bytes()

    return job


def render_page(pdf_bytes: bytes, index: int, zoom: float) -> tuple[QImage, int]:
    """Page `index` (0-based) at `zoom` (1.0 = 72 dpi x device ratio) as a QImage, and the page count."""
    from auditor.report.raster import render_page as rasterise

    image, count = rasterise(pdf_bytes, index, scale=zoom)          # PDFium under the process-wide lock
    data = image.tobytes()
    return QImage(data, image.width, image.height, 3 * image.width, QImage.Format.Format_RGB888).copy(), count


class PreviewPage(QWidget):
    """Shows the report the Export button writes; asks the window to (re)build it when the audit changes."""

    build_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf: bytes | None = None
        self.key: tuple | None = None          # what the shown PDF was built from
        self.page_count = 0
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.build_button = QPushButton()
        self.build_button.clicked.connect(self.build_requested)
        self.prev_button = QPushButton()
        self.prev_button.clicked.connect(lambda: self.page.setValue(self.page.value() - 1))
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page.valueChanged.connect(lambda _v: self.show_page())
        self.page_label = QLabel()
        self.next_button = QPushButton()
        self.next_button.clicked.connect(lambda: self.page.setValue(self.page.value() + 1))
        self.zoom = QComboBox()
        for z in ZOOMS:
            self.zoom.addItem(f"{z} %", z)
        self.zoom.setCurrentIndex(ZOOMS.index(100))
        self.zoom.currentIndexChanged.connect(lambda _i: self.show_page())
        self.zoom_label = QLabel()
        self.zoom_label.setBuddy(self.zoom)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_requested)
        for w in (self.build_button, self.prev_button, self.page, self.page_label, self.next_button,
                  self.zoom_label, self.zoom):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        outer.addLayout(bar)
        self.scroll = QScrollArea()
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        outer.addWidget(self.scroll, 1)
        self.message = ""
        for keys, slot in (("PgUp", self.prev_button.click), ("PgDown", self.next_button.click),
                           ("Ctrl++", lambda: self._zoom_by(1)), ("Ctrl+-", lambda: self._zoom_by(-1))):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._update()

    def _zoom_by(self, step: int) -> None:
        self.zoom.setCurrentIndex(max(0, min(len(ZOOMS) - 1, self.zoom.currentIndex() + step)))

    def retranslate(self) -> None:
        self.build_button.setText(self.tr("&Build preview"))
        self.prev_button.setText(self.tr("◀ Previous page"))
        self.next_button.setText(self.tr("Next page ▶"))
        self.prev_button.setToolTip(self.tr("Page Up"))
        self.next_button.setToolTip(self.tr("Page Down"))
        self.zoom_label.setText(self.tr("&Zoom"))
        self.export_button.setText(self.tr("E&xport this report…"))
        self._update()

    def set_pdf(self, pdf: bytes | None, key: tuple | None) -> None:
        self.pdf, self.key = pdf, key
        self.page_count = 0
        if pdf is not None:
            self.page.blockSignals(True)
            self.page.setValue(1)
            self.page.blockSignals(False)
        self.show_page()

    def stale(self, key: tuple) -> bool:
        return self.pdf is None or self.key != key

    def show_page(self) -> None:
        if self.pdf is None:
            self.image.clear()
            self.image.setText(self.message or self.tr("Build the preview to see the report as it will be exported."))
            self._update()
            return
        ratio = self.devicePixelRatioF()
        image, count = render_page(self.pdf, self.page.value() - 1, self.zoom.currentData() / 100 * ratio)
        image.setDevicePixelRatio(ratio)
        self.page_count = count
        self.page.setMaximum(count)
        self.image.setPixmap(QPixmap.fromImage(image))
        self._update()

    def _update(self) -> None:
        has = self.pdf is not None
        self.page_label.setText(self.tr("of %1").replace("%1", str(self.page_count)) if has else "")
        self.page.setEnabled(has)
        self.prev_button.setEnabled(has and self.page.value() > 1)
        self.next_button.setEnabled(has and self.page.value() < self.page_count)
        self.zoom.setEnabled(has)
