"""The dialog that waives one finding: justification, approver and expiry are all required."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget,
)

from auditor.core.model import Finding
from auditor.gui.services import default_expiry
from auditor.project import WaiverEntry


class WaiverDialog(QDialog):
    def __init__(self, finding: Finding, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setWindowTitle(self.tr("Waive a finding"))
        form = QFormLayout(self)
        head = QLabel(f"<b>{finding.rule_id}</b> — {finding.subject}<br>{finding.title.get(lang)}")
        head.setWordWrap(True)
        form.addRow(head)
        self.justification = QPlainTextEdit()
        self.justification.setPlaceholderText(self.tr("Why this finding is accepted (shown in every report)"))
        self.approver = QLineEdit()
        self.approver.setPlaceholderText(self.tr("Name and role of the person who approves"))
        self.expires = QDateEdit()
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.expires.setMinimumDate(QDate.currentDate().addDays(1))
        d = default_expiry()
        self.expires.setDate(QDate(d.year, d.month, d.day))
        form.addRow(self.tr("Justification"), self.justification)
        form.addRow(self.tr("Approver"), self.approver)
        form.addRow(self.tr("Expires on"), self.expires)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.justification.textChanged.connect(self._on_input_changed)
        self.approver.textChanged.connect(self._on_input_changed)
        self._on_input_changed()

    def _on_input_changed(self) -> None:
        ok = bool(self.justification.toPlainText().strip()) and bool(self.approver.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def entry(self) -> WaiverEntry:
        return WaiverEntry(rule_id=self.finding.rule_id, subject=self.finding.subject,
                           justification=self.justification.toPlainText().strip(),
                           approver=self.approver.text().strip(),
                           expires=self.expires.date().toString("yyyy-MM-dd"))
