"""Evidence review: step through every frame that goes into the report, add a mask or drop a frame, approve.

Frames are shown redacted. A box drawn by the assessor is added to the frame's faces (source: assessor), so
the report masks it too; a dropped frame is removed from the evidence list and never embedded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from auditor.core.model import AuditResult
from auditor.gui import services
from auditor.gui.frame_view import FrameView


def evidence_items(result: AuditResult) -> list[tuple[str, dict[str, Any]]]:
    """(camera id, evidence frame) for every evidence frame of the audit, in report order."""
    items = []
    for cam in result.facts.get("cameras", []):
        for ev in ((cam.get("footage") or {}).get("evidence_frames") or []):
            items.append((cam.get("id", ""), ev))
    return items


class ReviewDialog(QDialog):
    def __init__(self, result: AuditResult, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.items = evidence_items(result)
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
        shown = services.load_frame(ev, self.result)
        if shown is None:
            self.view.set_frame(None, placeholder=self.tr("The frame could not be read; drop it."))
            masked = 0
        else:
            self.view.set_frame(shown[0], services.boxes_of(ev))
            masked = shown[1]
        self.caption.setText(self.tr("Frame %1 of %2 — camera %3, frame %4: %5 face(s) masked.")
                             .replace("%1", str(self.index + 1)).replace("%2", str(len(self.items)))
                             .replace("%3", camera).replace("%4", str(ev.get("frame_index")))
                             .replace("%5", str(masked)))
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
        for cam in self.result.facts.get("cameras", []):
            frames = (cam.get("footage") or {}).get("evidence_frames")
            if cam.get("id") == camera and frames and ev in frames:
                frames.remove(ev)
        self.dropped += 1
        self.seen = {i if i < self.index else i - 1 for i in self.seen if i != self.index}
        self.show_item(self.index)

    def summary(self) -> str:
        return f"{len(self.items)} frame(s) approved, {self.added} mask(s) added, {self.dropped} frame(s) dropped"
