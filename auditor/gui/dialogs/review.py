"""Evidence review: step through every frame that goes into the report, add a mask or drop a frame, approve.

Frames are shown redacted. A box drawn by the assessor is added to the frame's faces (source: assessor), so
the report masks it too; a dropped frame is removed from the evidence list and never embedded. The dialog
works on a copy: only Approve writes the masks and drops into the audit result; Cancel leaves it untouched.
"""

from __future__ import annotations

import copy

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from auditor.core.model import AuditResult
from auditor.gui import services
from auditor.gui.frame_view import FrameView


class ReviewDialog(QDialog):
    def __init__(self, result: AuditResult, lang: str, parent: QWidget | None = None, *,
                 cache: services.PreviewCache | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.lang = lang
        self.cache = cache or services.PreviewCache()
        self.working = {cam.get("id", ""): copy.deepcopy((cam.get("footage") or {}).get("evidence_frames") or [])
                        for cam in result.facts.get("cameras", [])}
        self.items = [(camera, ev) for camera, frames in self.working.items() for ev in frames]
        self.index = 0
        self.added = 0
        self.dropped = 0
        self.setWindowTitle(self.tr("Review the evidence frames"))
        self.resize(960, 680)
        layout = QVBoxLayout(self)
        self.help = QLabel(self.tr("Every face must be masked. Drag a box over any face that is not masked; "
                                   "drop a frame you do not want in the report; approve when all are checked."))
        self.help.setWordWrap(True)
        self.view = FrameView()
        self.view.drawing = True
        self.view.box_drawn.connect(self._on_view_box_drawn)
        self.caption = QLabel()
        nav = QHBoxLayout()
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.drop_button = QPushButton(self.tr("Drop this frame"))
        self.prev_button.clicked.connect(lambda: self.show_item(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_item(self.index + 1))
        self.drop_button.clicked.connect(self.drop_current)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.drop_button)
        self.buttons = QDialogButtonBox()
        self.approve_button = self.buttons.addButton(self.tr("Approve all frames"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.help)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addLayout(nav)
        layout.addWidget(self.buttons)
        self.seen: set[int] = set()
        self.show_item(0)

    def show_item(self, index: int) -> None:
        if not self.items:
            self.view.set_frame(None, placeholder=self.tr("This audit has no evidence frame: nothing to review."))
            self.caption.setText("")
            for b in (self.prev_button, self.next_button, self.drop_button):
                b.setEnabled(False)
            self.approve_button.setEnabled(True)
            return
        self.index = max(0, min(index, len(self.items) - 1))
        self.seen.add(self.index)
        camera, ev = self.items[self.index]
        shown = self.cache.frame(ev, self.result)
        if shown is None:
            self.view.set_frame(None, placeholder=self.tr("The frame could not be read; drop it."))
            masked = 0
        else:
            self.view.set_frame(shown.pixels, services.boxes_of(ev))
            masked = shown.masked
        self.caption.setText(self.tr("Frame %1 of %2 — camera %3, frame %4 (%6): %5 face(s) masked.")
                             .replace("%1", str(self.index + 1)).replace("%2", str(len(self.items)))
                             .replace("%3", camera).replace("%4", str(ev.get("frame_index")))
                             .replace("%5", str(masked))
                             .replace("%6", services.reason_text(str(ev.get("reason", "")), self.lang)))
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.items) - 1)
        self.drop_button.setEnabled(True)
        self.approve_button.setEnabled(len(self.seen) == len(self.items))

    def _on_view_box_drawn(self, x: int, y: int, w: int, h: int) -> None:
        self.add_mask(x, y, w, h)

    def add_mask(self, x: int, y: int, w: int, h: int) -> None:
        """Mask a face the detector missed: the report masks it like any detected face."""
        if not self.items:
            return
        _, ev = self.items[self.index]
        ev.setdefault("faces", []).append({"x": x, "y": y, "w": w, "h": h, "score": 1.0, "frontal": False,
                                           "source": "assessor"})
        self.added += 1
        self.show_item(self.index)

    def drop_current(self) -> None:
        if not self.items:
            return
        camera, ev = self.items.pop(self.index)
        self.working[camera] = [e for e in self.working[camera] if e is not ev]
        self.dropped += 1
        self.seen = {i if i < self.index else i - 1 for i in self.seen if i != self.index}
        self.show_item(self.index)

    def accept(self) -> None:
        """Approve: the reviewed masks and drops replace the evidence frames of the audit result."""
        for cam in self.result.facts.get("cameras", []):
            footage = cam.get("footage")
            if isinstance(footage, dict) and "evidence_frames" in footage:
                footage["evidence_frames"] = self.working.get(cam.get("id", ""), [])
        super().accept()

    def summary(self) -> str:
        return f"{len(self.items)} frame(s) approved, {self.added} mask(s) added, {self.dropped} frame(s) dropped"
