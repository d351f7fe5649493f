"""The first page: start a new audit (a deployment file or a bundled example), open a project, recent projects."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from auditor.gui import services


class StartPage(QWidget):
    """Emits what the user chose; the window does the work (same code paths as the menus)."""

    example_chosen = Signal(Path)
    project_chosen = Signal(Path)
    import_requested = Signal()
    open_requested = Signal()
    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start-page")
        self.lang = "en"
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.resume_button = QPushButton()
        self.resume_button.clicked.connect(self.resume_requested)
        self.resume_button.setVisible(False)
        outer.addWidget(self.heading)
        outer.addWidget(self.intro)
        outer.addWidget(self.resume_button, 0, Qt.AlignmentFlag.AlignLeft)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        # Left: new audit.
        self.new_title = QLabel()
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_requested)
        self.examples_title = QLabel()
        self.examples = QListWidget()
        self.examples.setWordWrap(True)
        self.examples.setAlternatingRowColors(True)
        self.examples.itemActivated.connect(self._on_examples_item_activated)
        self.examples_title.setBuddy(self.examples)
        self.example_button = QPushButton()
        self.example_button.clicked.connect(self._on_example_button_clicked)
        self.examples.currentRowChanged.connect(lambda row: self.example_button.setEnabled(row >= 0))
        left = QVBoxLayout()
        left.addWidget(self.new_title)
        left.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.examples_title)
        left.addWidget(self.examples, 1)
        left.addWidget(self.example_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Right: projects.
        self.projects_title = QLabel()
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_requested)
        self.recent_title = QLabel()
        self.recent = QListWidget()
        self.recent.itemActivated.connect(self._on_recent_item_activated)
        self.recent_title.setBuddy(self.recent)
        self.drop_hint = QLabel()
        self.drop_hint.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.projects_title)
        right.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.recent_title)
        right.addWidget(self.recent, 1)
        right.addWidget(self.drop_hint)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        outer.addLayout(grid, 1)
        self._fill_examples()
        self.example_button.setEnabled(False)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.heading.setText("<h2>" + self.tr("Store Camera Privacy Auditor") + "</h2>")
        self.intro.setText(self.tr("Audit an in-store camera deployment against the GDPR, national rules and the "
                                   "EU AI Act: findings with their legal basis, the verdict, the questions the law "
                                   "leaves to you, and a DPIA report to sign."))
        self.resume_button.setText(self.tr("&Back to the current audit"))
        self.new_title.setText("<b>" + self.tr("New audit") + "</b>")
        self.import_button.setText(self.tr("Start from a &deployment file…"))
        self.examples_title.setText(self.tr("Or start from an e&xample:"))
        self.example_button.setText(self.tr("Start from &this example"))
        self.projects_title.setText("<b>" + self.tr("Audit projects") + "</b>")
        self.open_button.setText(self.tr("Open a &project…"))
        self.recent_title.setText(self.tr("&Recent projects:"))
        self.drop_hint.setText(self.tr("You can also drop a deployment file (.yaml) or a project on this window."))
        self._fill_examples()

    def _fill_examples(self) -> None:
        current = self.examples.currentRow()
        self.examples.clear()
        for path in services.example_deployments():
            title, description = services.example_summary(path, self.lang)
            item = QListWidgetItem(f"{title}\n{description}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(description)
            self.examples.addItem(item)
        if current >= 0:
            self.examples.setCurrentRow(current)

    def set_recent(self, paths: list[str]) -> None:
        """Recent projects by name and folder name (the full path only in the tooltip: no machine paths shown)."""
        self.recent.clear()
        for p in paths:
            path = Path(p)
            item = QListWidgetItem(f"{path.name}  —  {path.parent.name}")
            item.setToolTip(p)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.recent.addItem(item)
        if not paths:
            item = QListWidgetItem(self.tr("No recent project."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _on_examples_item_activated(self, item: QListWidgetItem) -> None:
        self.example_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

    def _on_example_button_clicked(self) -> None:
        item = self.examples.currentItem()
        if item is not None:
            self._on_examples_item_activated(item)

    def _on_recent_item_activated(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole):
            self.project_chosen.emit(Path(item.data(Qt.ItemDataRole.UserRole)))

