"""Findings as a Qt table model, and the proxy that sorts and filters them (severity, pack, camera, waived, text)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from auditor.core.model import Finding, Severity
from auditor.gui.services import subject_text

SEVERITY_COLOURS = {
    Severity.BLOCKER: "#b71c1c",
    Severity.MAJOR: "#e65100",
    Severity.MINOR: "#f9a825",
    Severity.INFO: "#1565c0",
}

# Lighter variants, readable on a dark system palette.
SEVERITY_COLOURS_DARK = {
    Severity.BLOCKER: "#ff8a80",
    Severity.MAJOR: "#ffab40",
    Severity.MINOR: "#ffe082",
    Severity.INFO: "#82b1ff",
}


def is_dark_palette() -> bool:
    """Whether the application follows a dark system palette (light text on a dark window)."""
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.palette().window().color().lightness() < 128


def severity_colour(severity: Severity) -> str:
    return (SEVERITY_COLOURS_DARK if is_dark_palette() else SEVERITY_COLOURS)[severity]


FindingRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2


class FindingsModel(QAbstractTableModel):
    """One row per finding; the Finding itself is available under FindingRole."""

    COLUMNS = ("severity", "rule", "pack", "subject", "title", "status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._lang = "en"

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.beginResetModel()
        self._lang = lang
        self.endResetModel()

    def finding(self, row: int) -> Finding:
        return self._findings[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "severity": self.tr("Severity"), "rule": self.tr("Rule"), "pack": self.tr("Pack"),
            "subject": self.tr("Subject"), "title": self.tr("Title"), "status": self.tr("Status"),
        }[self.COLUMNS[section]]

    def _status(self, f: Finding) -> str:
        if f.is_waived:
            return self.tr("waived")
        if f.question:
            return self.tr("question")
        return self.tr("open")

    def severity_text(self, s: Severity) -> str:
        return {Severity.BLOCKER: self.tr("blocker"), Severity.MAJOR: self.tr("major"),
                Severity.MINOR: self.tr("minor"), Severity.INFO: self.tr("info")}[s]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self._findings[index.row()]
        column = self.COLUMNS[index.column()]
        if role == FindingRole:
            return f
        if role == SortRole:
            if column == "severity":
                return -f.severity.rank
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "severity": self.severity_text(f.severity), "rule": f.rule_id, "pack": f.pack,
                "subject": subject_text(f.subject, self._lang), "title": f.title.get(self._lang), "status": self._status(f),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "severity":
            return QBrush(QColor(severity_colour(f.severity)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f.message.get(self._lang)
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Filters by severities, pack, camera subject, waived state and free text (id, title, message)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.severities: set[Severity] = set(Severity)
        self.pack = ""              # "" = all
        self.camera = ""            # "" = all; else a camera id
        self.waived = "all"         # all | waived | not_waived
        self.text = ""
        self.lang = "en"
        self.setSortRole(SortRole)

    def refresh(self) -> None:
        """Re-apply the filter after its settings changed."""
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        f: Finding = model.index(row, 0, parent).data(FindingRole)
        if f.severity not in self.severities:
            return False
        if self.pack and f.pack != self.pack:
            return False
        if self.camera and f.subject != f"camera:{self.camera}":
            return False
        if self.waived == "waived" and not f.is_waived:
            return False
        if self.waived == "not_waived" and f.is_waived:
            return False
        if self.text:
            needle = self.text.casefold()
            hay = " ".join([f.rule_id, f.subject, subject_text(f.subject, self.lang), f.title.get(self.lang), f.message.get(self.lang)]).casefold()
            if needle not in hay:
                return False
        return True
