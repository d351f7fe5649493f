"""About: the tool, rule-pack and model versions."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from auditor.versions import version_lines


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Store Camera Privacy Auditor"))
        layout = QVBoxLayout(self)
        text = QLabel("<h3>Store Camera Privacy Auditor</h3>"
                      + "<br>".join(version_lines())
                      + "<p>" + self.tr("Audits in-store camera deployments against GDPR, CNIL and EU AI Act "
                                        "rule packs. Not legal advice.") + "</p>")
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
