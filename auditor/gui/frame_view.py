"""A widget that shows one (already redacted) frame, the detection boxes over it, and lets the user draw a box."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


def qimage_from_bgr(frame: np.ndarray) -> QImage:
    """A deep-copied QImage of a BGR (OpenCV) or grey frame; the numpy buffer may be freed afterwards."""
    if frame.ndim == 2:
        h, w = frame.shape
        return QImage(np.ascontiguousarray(frame).data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    h, w, _ = frame.shape
    rgb = np.ascontiguousarray(frame[:, :, ::-1])
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class FrameView(QWidget):
    """Paints a frame scaled to fit, with boxes: detections (green), assessor masks (orange).

    With `drawing` enabled, a mouse drag draws a new box and emits `box_drawn(x, y, w, h)` in frame pixels.
    """

    box_drawn = Signal(int, int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image: QImage | None = None
        self._boxes: list[tuple[int, int, int, int, str]] = []
        self._placeholder = ""
        self.drawing = False
        self._drag_from: QPoint | None = None
        self._drag_to: QPoint | None = None
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(640, 360)

    def set_frame(self, frame: np.ndarray | None, boxes: list[tuple[int, int, int, int, str]] | None = None,
                  *, placeholder: str = "") -> None:
        """Show `frame` (BGR) with `boxes` as (x, y, w, h, kind) where kind is 'detected' or 'assessor'."""
        self._image = qimage_from_bgr(frame) if frame is not None else None
        self._boxes = list(boxes or [])
        self._placeholder = placeholder
        self.update()

    def image_size(self) -> tuple[int, int] | None:
        return (self._image.width(), self._image.height()) if self._image is not None else None

    def _target(self) -> QRectF:
        assert self._image is not None
        iw, ih = self._image.width(), self._image.height()
        scale = min(self.width() / iw, self.height() / ih)
        w, h = iw * scale, ih * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _to_image(self, p: QPoint) -> QPoint:
        t = self._target()
        scale = t.width() / self._image.width()
        x = int((p.x() - t.x()) / scale)
        y = int((p.y() - t.y()) / scale)
        return QPoint(max(0, min(self._image.width() - 1, x)), max(0, min(self._image.height() - 1, y)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        if self._image is None:
            painter.setPen(QColor("#bdc1c6"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
            return
        target = self._target()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(target, QPixmap.fromImage(self._image), QRectF(self._image.rect()))
        scale = target.width() / self._image.width()
        for x, y, w, h, kind in self._boxes:
            colour = QColor("#ff9800") if kind == "assessor" else QColor("#00e676")
            painter.setPen(QPen(colour, 2))
            painter.drawRect(QRectF(target.x() + x * scale, target.y() + y * scale, w * scale, h * scale))
        if self._drag_from is not None and self._drag_to is not None:
            painter.setPen(QPen(QColor("#ff9800"), 2, Qt.PenStyle.DashLine))
            painter.drawRect(QRect(self._drag_from, self._drag_to).normalized())

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.drawing and self._image is not None and event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = self._drag_to = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_from is not None:
            self._drag_to = event.position().toPoint()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag_from is None:
            return
        a, b = self._to_image(self._drag_from), self._to_image(event.position().toPoint())
        self._drag_from = self._drag_to = None
        rect = QRect(a, b).normalized()
        self.update()
        if rect.width() >= 4 and rect.height() >= 4:
            self.box_drawn.emit(rect.x(), rect.y(), rect.width(), rect.height())
