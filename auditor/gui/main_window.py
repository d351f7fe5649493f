"""The main window: an audit project's inputs, the run, the findings, the evidence review and the exports."""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QThread, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from auditor import project as proj
from auditor.config.loader import LoadedDeployment, load_deployment
from auditor.core.errors import InputError, Problem
from auditor.core.model import AuditResult, Finding, Severity
from auditor.core.resultdata import result_from_data, result_to_data
from auditor.core.tasks import CancelToken
from auditor.gui import services
from auditor.gui.findings_model import FindingRole, FindingsFilter, FindingsModel
from auditor.gui.frame_view import FrameView
from auditor.gui.workers import TaskWorker

log = logging.getLogger(__name__)

CLIP_ROLE = Qt.ItemDataRole.UserRole + 1          # a footage list item's file, resolved
VIDEO_SUFFIXES = {".mp4", ".mkv", ".avi", ".mov", ".jpg", ".jpeg", ".png"}
CONFIG_SUFFIXES = {".yaml", ".yml"}
MAX_RECENT = 8


class MainWindow(QMainWindow):
    """One audit project at a time. Every action is also reachable from the keyboard."""

    language_changed = Signal(str)
    audit_finished = Signal(str)          # "succeeded" | "failed" | "cancelled"

    def __init__(self, *, settings: QSettings | None = None, open_externally: bool = True) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.open_externally = open_externally       # tests turn off opening the PDF in a viewer
        self.project = proj.AuditProject()
        self.project_path: Path | None = None
        self.loaded: LoadedDeployment | None = None
        self.result: AuditResult | None = None
        self.review_approved = False
        self.reveal_faces = False                     # per session, never saved
        self.previews = services.PreviewCache()       # redacted frames, in memory only
        self.dirty = False
        self._thread: QThread | None = None
        self._worker: TaskWorker | None = None
        self._cancel: CancelToken | None = None
        self._task_ended = False
        self._job_id = 0                              # the job whose signals the window listens to
        self._on_success: Callable[[Any], None] | None = None
        self._failed_title = ""                       # what the running job could not do, if it fails
        self.setAcceptDrops(True)
        self.setWindowIcon(QIcon(str(services.icon_path())))
        self._build_actions()
        self._build_menus()
        self._build_central()
        self._refresh_recent_menu()
        self._build_status()
        self.retranslate()
        self._restore_geometry()
        self._update_actions()

    # --- construction -----------------------------------------------------------------------------------

    def _action(self, slot: Callable[[], None], shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new = self._action(self.new_project, K.New)
        self.act_open = self._action(self._on_open_triggered, K.Open)
        self.act_save = self._action(self.save_project, K.Save)
        self.act_save_as = self._action(self._on_save_as_triggered, K.SaveAs)
        self.act_import = self._action(self._on_import_triggered, "Ctrl+I")
        self.act_footage = self._action(self._on_add_footage_triggered, "Ctrl+Shift+F")
        self.act_quit = self._action(self.close, K.Quit)
        self.act_run = self._action(self.run_audit, "F5")
        self.act_cancel = self._action(self.cancel_run, "Esc")
        self.act_review = self._action(self.review_evidence, "Ctrl+R")
        self.act_export = self._action(self._on_export_triggered, "Ctrl+E")
        self.act_export_data = self._action(self._on_export_data_triggered, "Ctrl+Shift+E")
        self.act_waive = self._action(self._on_waive_triggered, "Ctrl+W")
        self.act_reveal = self._action(self._on_reveal_triggered)
        self.act_reveal.setCheckable(True)
        self.act_en = self._action(lambda: self.set_language("en"))
        self.act_fr = self._action(lambda: self.set_language("fr"))
        for a in (self.act_en, self.act_fr):
            a.setCheckable(True)
        self.act_about = self._action(self._on_about_triggered, K.HelpContents)
        self.act_start = self._action(self.show_start_page, "Ctrl+Shift+H")
        self.act_rerun = self._action(self.rerun_rules, "F6")
        self.act_export_answers = self._action(self._on_export_answers_triggered)
        self.act_export_clip = self._action(self._on_export_clip_triggered, "Ctrl+Shift+R")
        self.act_export_docx = self._action(lambda: self._on_export_other_triggered("docx"))
        self.act_export_odt = self._action(lambda: self._on_export_other_triggered("odt"))
        self.act_export_pia = self._action(lambda: self._on_export_other_triggered("pia"))
        self.act_export_actions = self._action(lambda: self._on_export_other_triggered("actions"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_new, self.act_open])
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_examples = self.menu_file.addMenu("")
        for path in services.example_deployments():
            a = QAction(self)
            a.setData(str(path))
            a.triggered.connect(lambda _=False, p=path: self.open_example(p))
            self.menu_examples.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_save, self.act_save_as])
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_import, self.act_footage])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_audit = bar.addMenu("")
        self.menu_audit.addActions([self.act_run, self.act_rerun, self.act_cancel, self.act_review, self.act_waive])
        self.menu_audit.addSeparator()
        self.menu_audit.addActions([self.act_export, self.act_export_data, self.act_export_answers,
                                    self.act_export_clip])
        self.menu_other = self.menu_audit.addMenu("")
        self.menu_other.addActions([self.act_export_docx, self.act_export_odt, self.act_export_pia,
                                    self.act_export_actions])
        # These writers come with the report package's DOCX/ODT, PIA and action-plan exports: the entries show
        # only in an installation that has them.
        self.menu_other.menuAction().setVisible(services.has_other_exports())
        self.menu_view = bar.addMenu("")
        self.menu_lang = self.menu_view.addMenu("")
        self.menu_lang.addActions([self.act_en, self.act_fr])
        self.menu_view.addAction(self.act_reveal)
        self.menu_view.addAction(self.act_start)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)
        self.toolbar = self.addToolBar("main")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.act_open, self.act_save, self.act_import, self.act_footage, self.act_run,
                                 self.act_cancel, self.act_review, self.act_export])
        self._refresh_recent_menu()

    def _build_central(self) -> None:
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("main-splitter")
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(4, 4, 4, 4)
        self.config_label = QLabel()
        self.config_label.setWordWrap(True)
        self.cameras = QListWidget()
        self.cameras.setIconSize(services.THUMB_SIZE)
        # The list widens to show each camera's lines next to its thumbnail (see _fit_cameras_width); past the cap
        # a line is elided, never hidden behind a horizontal scroll bar.
        self.cameras.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cameras.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.cameras.currentRowChanged.connect(self._on_cameras_current_row_changed)
        self.cameras_title = QLabel()
        self.assessor_label = QLabel()
        self.assessor_label.setWordWrap(True)
        self.assessor = QLineEdit()
        self.assessor.setClearButtonEnabled(True)
        self.assessor.textEdited.connect(self._on_assessor_edited)
        self.assessor_label.setBuddy(self.assessor)
        self.footage_title = QLabel()
        self.footage_list = QListWidget()
        self.footage_list.setMaximumHeight(110)
        self.footage_list.setWordWrap(True)            # "clip.mp4 (declared in the config)" wraps, not scrolls
        self.footage_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footage_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.footage_list.currentRowChanged.connect(lambda _row: self._update_actions())
        self.footage_add = QPushButton()
        self.footage_add.clicked.connect(self._on_add_footage_triggered)
        self.footage_remove = QPushButton()
        self.footage_remove.clicked.connect(self._on_remove_footage_clicked)
        remove_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.footage_list)
        remove_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_key.activated.connect(self._on_remove_footage_clicked)
        footage_buttons = QHBoxLayout()
        footage_buttons.addWidget(self.footage_add)
        footage_buttons.addWidget(self.footage_remove)
        lv.addWidget(self.config_label)
        lv.addWidget(self.assessor_label)
        lv.addWidget(self.assessor)
        lv.addWidget(self.cameras_title)
        lv.addWidget(self.cameras, 1)
        lv.addWidget(self.footage_title)
        lv.addWidget(self.footage_list)
        lv.addLayout(footage_buttons)
        left.setMinimumWidth(200)
        split.addWidget(left)

        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        # Findings tab: filter bar, table, detail pane.
        findings_page = QWidget()
        fv = QVBoxLayout(findings_page)
        filters = QHBoxLayout()
        self.severity_boxes: dict[Severity, QCheckBox] = {}
        for s in Severity:
            box = QCheckBox()
            box.setChecked(True)
            box.toggled.connect(self._on_filter_changed)
            self.severity_boxes[s] = box
            filters.addWidget(box)
        self.pack_filter = QComboBox()
        self.camera_filter = QComboBox()
        self.waived_filter = QComboBox()
        for combo in (self.pack_filter, self.camera_filter, self.waived_filter):
            combo.currentIndexChanged.connect(self._on_filter_changed)
            filters.addWidget(combo)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_filter_changed)
        filters.addWidget(self.search, 1)
        fv.addLayout(filters)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in (0, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column, chars in ((1, 18), (2, 6), (3, 12)):      # long ids are elided; the Title column keeps room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance("M" * chars) * 3 // 4)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_detail_anchor_clicked)
        self.waive_button = QPushButton()
        self.waive_button.clicked.connect(self._on_waive_triggered)
        lower = QWidget()
        lo = QVBoxLayout(lower)
        lo.setContentsMargins(0, 0, 0, 0)
        lo.addWidget(self.detail, 1)
        lo.addWidget(self.waive_button, 0, Qt.AlignmentFlag.AlignRight)
        vsplit = QSplitter(Qt.Orientation.Vertical)
        vsplit.addWidget(self.table)
        vsplit.addWidget(lower)
        vsplit.setSizes([400, 250])
        self.findings_splitter = vsplit
        fv.addWidget(vsplit, 1)
        self.summary = QLabel()
        fv.addWidget(self.summary)
        from auditor.gui.overview import OverviewPage

        self.overview = OverviewPage()
        self.tabs.addTab(self.overview, "")
        self.findings_page = findings_page
        self.tabs.addTab(findings_page, "")
        from auditor.gui.questions import QuestionsPage

        self.questions = QuestionsPage()
        self.questions.answered.connect(self._on_questions_answered)
        self.questions.withdrawn.connect(self._on_questions_withdrawn)
        self.questions.rerun_requested.connect(self.rerun_rules)
        self.questions.export_requested.connect(self._on_export_answers_triggered)
        self.questions.link_clicked.connect(self._on_detail_anchor_clicked)
        self.tabs.addTab(self.questions, "")
        # Frame tab.
        frame_page = QWidget()
        frv = QVBoxLayout(frame_page)
        self.frame_view = FrameView()
        self.frame_caption = QLabel()
        self.frame_caption.setWordWrap(True)
        frv.addWidget(self.frame_view, 1)
        frv.addWidget(self.frame_caption)
        self.frame_page = frame_page
        self.frame_tab = self.tabs.addTab(frame_page, "")
        # DPIA criteria tab.
        self.criteria = QTableWidget(0, 3)
        self.criteria.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.criteria.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.criteria.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.criteria.setColumnWidth(1, 320)
        self.criteria.setWordWrap(True)
        self.criteria.verticalHeader().setVisible(False)
        self.criteria.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        crit_page = QWidget()
        cv = QVBoxLayout(crit_page)
        self.dpia_verdict = QLabel()
        self.dpia_verdict.setWordWrap(True)
        cv.addWidget(self.dpia_verdict)
        cv.addWidget(self.criteria, 1)
        self.criteria_page = crit_page
        self.tabs.addTab(crit_page, "")
        from auditor.gui.preview import PreviewPage

        self.preview = PreviewPage()
        self.preview.build_requested.connect(self.build_preview)
        self.preview.export_requested.connect(self._on_export_triggered)
        self.tabs.insertTab(self.tabs.indexOf(self.questions) + 1, self.preview, "")
        # Problems tab: config errors and footage warnings, as text with positions.
        self.problems = QTextBrowser()
        self.tabs.addTab(self.problems, "")
        # Audit log tab: what the assessor did (review, waivers, exports, reveals), in the interface language.
        self.log_view = QTextBrowser()
        self.tabs.addTab(self.log_view, "")
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 900])
        self.main_splitter = split
        from auditor.gui.start_page import StartPage

        self.start_page = StartPage()
        self.start_page.example_chosen.connect(self.open_example)
        self.start_page.project_chosen.connect(lambda path: self._confirm_discard() and self.open_project(path))
        self.start_page.import_requested.connect(self._on_import_triggered)
        self.start_page.open_requested.connect(self._on_open_triggered)
        self.start_page.resume_requested.connect(self.show_workspace)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(split)
        self.setCentralWidget(self.pages)

    def _build_status(self) -> None:
        self.status_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    # --- language ---------------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self.project.lang

    def set_language(self, lang: str) -> None:
        """Switch the interface (and the default report language) between English and French."""
        lang = "fr" if lang == "fr" else "en"
        services.install_translator(QApplication.instance(), lang)
        if self.project.lang != lang:
            self.project.lang = lang
            self.dirty = True
        self.settings.setValue("ui/language", lang)
        if not self.running:
            self.status_label.clear()              # a message from before the switch would stay in the old language
        self.retranslate()
        self.language_changed.emit(lang)

    def retranslate(self) -> None:
        self.act_new.setText(self.tr("&New project"))
        self.act_open.setText(self.tr("&Open project…"))
        self.act_save.setText(self.tr("&Save project"))
        self.act_save_as.setText(self.tr("Save project &as…"))
        self.act_import.setText(self.tr("&Import deployment config…"))
        self.act_footage.setText(self.tr("Add &footage…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_run.setText(self.tr("&Run audit"))
        self.act_cancel.setText(self.tr("&Cancel"))
        self.act_review.setText(self.tr("Re&view evidence…"))
        self.act_waive.setText(self.tr("&Waive selected finding…"))
        self.act_export.setText(self.tr("&Export DPIA report (PDF)…"))
        self.act_export_data.setText(self.tr("Export &JSON and SARIF…"))
        self.act_reveal.setText(self.tr("Reveal &faces in the viewer (this session only)"))
        for action, short in ((self.act_open, self.tr("Open")), (self.act_save, self.tr("Save")),
                              (self.act_import, self.tr("Config")), (self.act_footage, self.tr("Footage")),
                              (self.act_run, self.tr("Run")), (self.act_cancel, self.tr("Cancel")),
                              (self.act_review, self.tr("Review")), (self.act_export, self.tr("Export PDF"))):
            action.setIconText(short)
        self.act_en.setText("&English")
        self.act_fr.setText("&Français")
        self.act_en.setChecked(self.lang == "en")
        self.act_fr.setChecked(self.lang == "fr")
        self.act_about.setText(self.tr("&About"))
        self.act_start.setText(self.tr("&Start page"))
        self.act_rerun.setText(self.tr("Re-run the r&ules with the answers"))
        self.act_export_answers.setText(self.tr("Export the a&nswers file…"))
        self.act_export_clip.setText(self.tr("Export a redacted cop&y of the selected clip…"))
        self.menu_other.setTitle(self.tr("Export in &other formats"))
        self.act_export_docx.setText(self.tr("DPIA report as &Word (DOCX)…"))
        self.act_export_odt.setText(self.tr("DPIA report as &OpenDocument (ODT)…"))
        self.act_export_pia.setText(self.tr("CNIL &PIA software file (JSON)…"))
        self.act_export_actions.setText(self.tr("&Action plan (spreadsheet)…"))
        self.questions.retranslate(self.lang)
        self.preview.retranslate()
        self.start_page.retranslate(self.lang)
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &recent"))
        self.menu_examples.setTitle(self.tr("Open &example"))
        for action in self.menu_examples.actions():            # the example's own title, never a file name
            title, description = services.example_summary(Path(action.data()), self.lang)
            action.setText(title.replace("&", "&&"))
            action.setToolTip(description)
            action.setStatusTip(description)
        self.menu_audit.setTitle(self.tr("&Audit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_lang.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.cameras_title.setText(self.tr("&Cameras"))
        self.cameras_title.setBuddy(self.cameras)
        self.assessor_label.setText(self.tr("Assessor (&name and role, shown on the report)"))
        self.assessor.setPlaceholderText(self.tr("e.g. A. Durand, DPO"))
        self.footage_title.setText(self.tr("Footage of the selected camera"))
        self.footage_add.setText(self.tr("Add…"))
        self.footage_remove.setText(self.tr("Remove"))
        for page, text in ((self.overview, self.tr("&Overview")), (self.findings_page, self.tr("F&indings")),
                           (self.questions, self.tr("&Questions")), (self.preview, self.tr("Repor&t preview")),
                           (self.frame_page, self.tr("Fra&me")), (self.criteria_page, self.tr("DPIA c&riteria")),
                           (self.problems, self.tr("&Problems")), (self.log_view, self.tr("Audit lo&g"))):
            self.tabs.setTabText(self.tabs.indexOf(page), text)
        self.cancel_button.setText(self.tr("Cancel"))
        self.waive_button.setText(self.tr("Waive this finding…"))
        self.search.setPlaceholderText(self.tr("Search rule, subject, title or message"))
        for s, box in self.severity_boxes.items():
            box.setText(self.model.severity_text(s))
        selected = self.selected_finding()
        self.model.set_language(self.lang)
        self.proxy.lang = self.lang
        if selected is not None:
            self.select_finding(selected.id)
        self.criteria.setHorizontalHeaderLabels([self.tr("#"), self.tr("Criterion"), self.tr("Why")])
        self._refill_filters()
        self._refresh_all()

    # --- project ----------------------------------------------------------------------------------------

    def _title(self) -> str:
        name = self.project_path.name if self.project_path else self.tr("Untitled audit")
        app_name = self.tr("Store Camera Privacy Auditor")
        return f"{name}{' *' if self.dirty else ''} — {app_name}"

    def new_project(self) -> None:
        if not self._confirm_discard():
            return
        self.project = proj.AuditProject(lang=self.lang)
        self.project_path = None
        self.loaded = None
        self._set_result(None)
        self.dirty = False
        self._refresh_all()

    def open_project(self, path: Path) -> bool:
        """Open a project: its inputs, waivers, log and, if no input changed since, its last audit and review."""
        try:
            project = proj.load_project(path)
            saved = result_from_data(project.result, file=str(path)) if project.result else None
        except InputError as exc:
            self._show_error(self.tr("Cannot open the audit project"), exc.format())
            return False
        except OSError as exc:
            self._show_error(self.tr("Cannot open the audit project"), f"{path}: {exc.strerror or exc}")
            return False
        changed = proj.changed_inputs(project, path)
        self.project, self.project_path = project, path
        self._set_result(None)
        self.dirty = False
        self._remember_recent(path)
        self.set_language(project.lang)
        if project.config:
            self.load_config(project.resolve(project.config, path), mark_dirty=False, keep_hash=True)
        if changed:
            lines = "\n".join(f"{p}: {self._change_text(what)}" for p, what in changed)
            self.project.result = None
            self._append_problem(lines)
            self._show_error(self.tr("Inputs changed since the project was saved"),
                             self.tr("%n input file(s) changed or went missing since this project was saved. The "
                                     "saved findings and the evidence review no longer apply: check the files, then "
                                     "run the audit again.", "", len(changed)), details=lines)
        elif project.result_problem:
            self._append_problem(project.result_problem)
            self._show_error(self.tr("The saved audit could not be used"),
                             self.tr("The project's saved findings could not be read; run the audit again."),
                             details=project.result_problem)
        elif saved is not None and self.loaded is not None:
            self._warn_stray_answers(saved)
            self._set_result(saved)
            self.review_approved = saved.evidence_reviewed
            self._start(services.previews_job(saved), self._on_previews_ready, step=self.tr("Preparing previews…"),
                        failed=self.tr("The previews could not be prepared"))
        self.assessor.setText(project.assessor)
        self._refresh_all()
        return True

    def _warn_stray_answers(self, result: AuditResult) -> None:
        """Answers in a project that name no rule and subject of its audit are reported, never silently used."""
        known = {(c.rule_id, c.subject) for c in result.checks}
        stray = [a for a in self.project.answers if (a.get("rule_id"), a.get("subject")) not in known]
        if stray:
            lines = "\n".join(f"{self.project_path}: answers: {a.get('rule_id')} on {a.get('subject')}" for a in stray)
            self._append_problem(lines)
            self._show_error(self.tr("Answers that match nothing in this audit"),
                             self.tr("%n answer(s) in the project name a rule or subject this audit does not "
                                     "evaluate; re-running the rules will refuse them until they are withdrawn.", "",
                                     len(stray)), details=lines)

    def _change_text(self, what: str) -> str:
        if what == "changed":
            return self.tr("content changed (SHA-256 differs)")
        if what == "missing":
            return self.tr("missing")
        return what

    def save_project(self) -> bool:
        if self.project_path is None:
            return self._on_save_as_triggered()
        self.project.result = result_to_data(self.result) if self.result is not None else None
        try:
            proj.save_project(self.project, self.project_path)
        except OSError as exc:
            self._show_error(self.tr("Cannot save the audit project"), str(exc))
            return False
        self.dirty = False
        self._remember_recent(self.project_path)
        self._refresh_all()
        return True

    def open_example(self, path: Path) -> None:
        """Start a new project on a bundled example deployment (with its sample footage)."""
        if not self._confirm_discard():
            return
        self.project = proj.AuditProject(lang=self.lang, assessor=self.project.assessor)
        self.project_path = None
        self._set_result(None)
        self.load_config(path)

    def load_config(self, path: Path, *, mark_dirty: bool = True, keep_hash: bool = False) -> bool:
        """Load and validate a deployment config; errors go to the Problems tab with file:line:column."""
        try:
            loaded = load_deployment(path)
        except InputError as exc:
            self.loaded = None
            self.problems.setPlainText(exc.format())
            self.tabs.setCurrentWidget(self.problems)
            self._show_error(self.tr("The deployment config has errors"),
                             self.tr("%n problem(s) found. Details are in the Problems tab.", "",
                                     len(exc.problems)), details=exc.format())
            self._refresh_all()
            return False
        self.loaded = loaded
        self.pages.setCurrentWidget(self.main_splitter)
        self.project.config = str(path.resolve())
        if not keep_hash or not self.project.config_sha256:
            self.project.config_sha256 = loaded.sha256
        self.problems.clear()
        self._set_result(None)
        if mark_dirty:
            self.dirty = True
        self._refresh_all()
        return True

    def add_footage(self, camera_id: str, paths: list[Path]) -> int:
        """Add clips to a camera (they replace the clips its config declares). Returns how many were added."""
        added, refused = 0, []
        known = {(r.camera, r.path) for r in self.project.footage}
        for p in paths:
            if (camera_id, str(p.resolve())) in known:
                continue
            try:
                digest = proj.sha256_file(p)
            except OSError as exc:
                refused.append(f"{p.name}: {exc.strerror or exc}")
                self._append_problem(f"{p}: {exc.strerror or exc}")
                continue
            self.project.footage.append(proj.FootageRef(camera=camera_id, path=str(p.resolve()), sha256=digest))
            added += 1
        if added:
            self.dirty = True
            self._set_result(None)
        self._refresh_all()
        text = self.tr("%n clip(s) added to camera %1; run the audit (F5) to analyse them.", "", added) \
            .replace("%1", camera_id)
        if refused:
            text += " " + self.tr("Not added: %1.").replace("%1", "; ".join(refused))
        self.status_label.setText(text)
        return added

    def remove_footage(self, camera_id: str, stored_path: str) -> None:
        """Remove a clip the project added to a camera (the config's own clips are edited in the config)."""
        before = len(self.project.footage)
        self.project.footage = [r for r in self.project.footage
                                if not (r.camera == camera_id and r.path == stored_path)]
        if len(self.project.footage) != before:
            self.dirty = True
            self._set_result(None)
            self.status_label.setText(self.tr("Removed %1 from camera %2.").replace("%1", Path(stored_path).name)
                                      .replace("%2", camera_id))
        self._refresh_all()

    def _current_camera(self) -> str | None:
        item = self.cameras.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    @Slot()
    def _on_remove_footage_clicked(self) -> None:
        item = self.footage_list.currentItem()
        camera = self._current_camera()
        if item is not None and camera and item.data(Qt.ItemDataRole.UserRole):
            self.remove_footage(camera, item.data(Qt.ItemDataRole.UserRole))

    @Slot(str)
    def _on_assessor_edited(self, text: str) -> None:
        self.project.assessor = text.strip()
        self.dirty = True
        self.setWindowTitle(self._title())

    def _fill_footage(self) -> None:
        self.footage_list.clear()
        camera = self._current_camera()
        if camera is None or self.loaded is None:
            return
        refs = [r for r in self.project.footage if r.camera == camera]
        for ref in refs:
            item = QListWidgetItem(f"{Path(ref.path).name}  ·  {ref.sha256[:12]}")
            item.setToolTip(self.tr("Added to the project; SHA-256 %1").replace("%1", ref.sha256))
            item.setData(Qt.ItemDataRole.UserRole, ref.path)
            item.setData(CLIP_ROLE, str(self.project.resolve(ref.path, self.project_path)))
            self.footage_list.addItem(item)
        if not refs:
            declared = next((c.footage for c in self.loaded.deployment.cameras if c.id == camera), [])
            for name in declared:
                item = QListWidgetItem(self.tr("%1 (declared in the config)").replace("%1", Path(name).name))
                item.setData(Qt.ItemDataRole.UserRole, "")
                item.setData(CLIP_ROLE, str(self.loaded.folder / name))
                self.footage_list.addItem(item)
            if not declared:
                self.footage_list.addItem(self.tr("No footage: add a clip or a still."))

    # --- running ----------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None

    def run_audit(self) -> None:
        if self.loaded is None or self.running:
            return
        try:
            answers = self.project_answers()
        except InputError as exc:
            self._show_error(self.tr("The answers cannot be used"), exc.format())
            return
        job = services.audit_job(self.project, self.loaded.path, self.project_path, answers=answers)
        self._start(job, self._on_audit_succeeded, step=self.tr("Running the audit…"))

    def cancel_run(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    def _start(self, job: Callable[..., Any], on_success: Callable[[Any], None], *, step: str,
               failed: str | None = None) -> None:
        """Run `job` on a worker thread; `on_success(result)` then runs on the GUI thread (see workers.py).

        `failed` titles the message if the job fails (what could not be done: an export is not an audit)."""
        self._job_id += 1
        self._failed_title = failed or self.tr("The audit failed")
        self._cancel = CancelToken()
        self._worker = TaskWorker(job, self._cancel, self._job_id)
        self._on_success = on_success
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._task_ended = False
        # Only slots of this window (a QObject on the GUI thread): they are queued to the GUI thread.
        self._worker.progressed.connect(self._on_worker_progressed)
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)
        self._worker.cancelled.connect(self._on_worker_cancelled)
        self._worker.finished.connect(self._thread.quit)
        self._thread.finished.connect(self._on_thread_finished)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(step)
        self._thread.start()
        self._update_actions()

    def _outcome_of_current_job(self, job_id: int) -> bool:
        """True once for the job the window waits for; a stale job's or a second outcome is ignored."""
        if job_id != self._job_id or self._task_ended:
            return False
        self._task_ended = True
        return True

    @Slot(int, int, int, str)
    def _on_worker_progressed(self, job_id: int, done: int, total: int, note: str) -> None:
        if job_id != self._job_id or self._task_ended:
            return                      # a late progress report must not hide the outcome
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.status_label.setText(note)

    @Slot(int, object)
    def _on_worker_succeeded(self, job_id: int, result: Any) -> None:
        if self._outcome_of_current_job(job_id):
            callback, self._on_success = self._on_success, None
            if callback is not None:
                callback(result)

    @Slot(object)
    def _on_previews_ready(self, previews: dict) -> None:
        self.previews.update(previews)
        self._fill_cameras()
        self.overview.set_result(self.result, self.lang, self.previews)

    @Slot(object)
    def _on_audit_succeeded(self, run: services.AuditRun) -> None:
        result = run.result
        self.previews.clear()
        self.previews.update(run.previews)
        self._set_result(result)
        warnings = [f"{e.get('camera', '')}: {e.get('path', '')}: {e.get('message', '')}"
                    for e in result.footage_errors] + list(result.warnings)
        if warnings:
            self.problems.setPlainText("\n".join(warnings))
        self.status_label.setText(self.tr("Audit finished: %1 findings.").replace("%1", str(len(result.findings))))
        self.tabs.setCurrentWidget(self.overview)
        self.audit_finished.emit("succeeded")

    @Slot(int, str)
    def _on_worker_failed(self, job_id: int, message: str) -> None:
        if not self._outcome_of_current_job(job_id):
            return
        self._on_success = None
        self.status_label.setText(self._failed_title + ".")
        self.problems.setPlainText(message)
        self._show_error(self._failed_title, message)
        self.audit_finished.emit("failed")

    @Slot(int)
    def _on_worker_cancelled(self, job_id: int) -> None:
        if not self._outcome_of_current_job(job_id):
            return
        self._on_success = None
        self.status_label.setText(self.tr("Cancelled; nothing was changed."))
        self.audit_finished.emit("cancelled")

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.wait()             # `finished` is emitted just before the thread really ends
            self._thread.deleteLater()
        self._thread = self._worker = None
        self._cancel = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_actions()

    def wait_idle(self, ms: int = 30000) -> None:
        """Block until the background task ends (used when closing and by tests)."""
        if self._thread is not None:
            self._thread.wait(ms)

    # --- results ----------------------------------------------------------------------------------------

    def _set_result(self, result: AuditResult | None) -> None:
        self.result = result
        self.review_approved = False
        if result is None:
            self.previews.clear()
        self.model.set_findings(result.findings if result else [])
        self._refill_filters()
        self._refresh_all()

    def _refill_filters(self) -> None:
        findings = self.result.findings if self.result else []
        for combo, items in (
            (self.pack_filter, [(self.tr("All packs"), "")] + [(p, p) for p in sorted({f.pack for f in findings})]),
            (self.camera_filter, [(self.tr("All subjects"), "")] + [
                (c, c) for c in sorted({f.subject.split(":", 1)[1] for f in findings if f.subject.startswith("camera:")})]),
            (self.waived_filter, [(self.tr("Waived and not waived"), "all"), (self.tr("Not waived"), "not_waived"),
                                  (self.tr("Waived only"), "waived")]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._on_filter_changed()

    @Slot()
    def _on_filter_changed(self) -> None:
        self.proxy.severities = {s for s, box in self.severity_boxes.items() if box.isChecked()}
        self.proxy.pack = self.pack_filter.currentData() or ""
        self.proxy.camera = self.camera_filter.currentData() or ""
        self.proxy.waived = self.waived_filter.currentData() or "all"
        self.proxy.text = self.search.text().strip()
        self.proxy.refresh()

    def select_finding(self, finding_id: str) -> bool:
        """Make the finding with this id the current row (if the filters show it)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(FindingRole).id == finding_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def selected_finding(self) -> Finding | None:
        index = self.table.currentIndex()
        return index.data(FindingRole) if index.isValid() else None

    @Slot()
    def _on_table_current_changed(self, *_: Any) -> None:
        self.detail.setHtml(services.finding_html(self.selected_finding(), self.lang, self._detail_labels()))
        self._update_actions()

    def _detail_labels(self) -> dict[str, str]:
        labels = {"none": self.tr("Select a finding to see its details."), "question": self.tr("question for the assessor"),
                  "why": self.tr("Why"), "todo": self.tr("What to do"), "references": self.tr("Legal references"),
                  "evidence": self.tr("Evidence"), "waiver": self.tr("Waiver"), "approved_by": self.tr("Approved by"),
                  "expires": self.tr("expires")}
        labels.update({s.value: self.model.severity_text(s) for s in Severity})
        return labels

    def show_start_page(self) -> None:
        self.start_page.resume_button.setVisible(self.loaded is not None)
        self.pages.setCurrentWidget(self.start_page)

    def show_workspace(self) -> None:
        if self.loaded is not None:
            self.pages.setCurrentWidget(self.main_splitter)

    def _refresh_all(self) -> None:
        self.setWindowTitle(self._title())
        if self.loaded is None:
            self.pages.setCurrentWidget(self.start_page)
        if self.loaded:
            dep = self.loaded.deployment
            self.config_label.setText(f"<b>{html.escape(dep.store.name)}</b> ({dep.store.country})<br>"
                                      f"<small>{html.escape(self.loaded.path.name)}</small>")
            self.config_label.setToolTip(str(self.loaded.path))
        else:
            self.config_label.setText(self.tr("No deployment config loaded. Use File ▸ Import, drop a YAML file "
                                        "here, or open an example."))
        self._fill_cameras()
        self._fill_criteria()
        self._fill_log()
        self.overview.set_result(self.result, self.lang, self.previews)
        self.questions.set_result(self.result, assessor=self.project.assessor, today=self.today_date())
        if self.result:
            c, w = self.result.counts(), self.result.counts(waived=True)
            self.summary.setText(self.tr("Not waived: %1 blocker, %2 major, %3 minor, %4 info. Waived: %5.")
                                 .replace("%1", str(c["blocker"])).replace("%2", str(c["major"]))
                                 .replace("%3", str(c["minor"])).replace("%4", str(c["info"]))
                                 .replace("%5", str(sum(w.values()))))
        else:
            self.summary.setText(self.tr("Run the audit (F5) to see findings."))
        self._on_table_current_changed()
        self._update_actions()

    def _camera_footage(self, camera_id: str) -> dict[str, Any] | None:
        if not self.result:
            return None
        for cam in self.result.facts.get("cameras", []):
            if cam.get("id") == camera_id:
                return cam.get("footage")
        return None

    def _fill_cameras(self) -> None:
        current = self.cameras.currentRow()
        self.cameras.blockSignals(True)
        self.cameras.clear()
        if self.loaded:
            for cam in self.loaded.deployment.cameras:
                footage = self._camera_footage(cam.id)
                dori = footage.get("dori_class") if footage else None
                text = f"{cam.id}\n{services.zone_text(cam.zone, self.lang)}"
                text += "\n" + (self.tr("DORI: %1").replace("%1", str(dori)) if dori else self.tr("no footage analysed"))
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, cam.id)
                frames = (footage or {}).get("evidence_frames") or []
                thumb = self.previews.thumbnail(frames[0]) if frames else None     # never decodes here
                if thumb is not None:
                    item.setIcon(QIcon(QPixmap.fromImage(thumb)))
                self.cameras.addItem(item)
        self.cameras.blockSignals(False)
        self._fit_cameras_width()
        if self.cameras.count():
            self.cameras.setCurrentRow(min(max(current, 0), self.cameras.count() - 1))
        self._on_cameras_current_row_changed(self.cameras.currentRow())

    CAMERA_LIST_MAX_WIDTH = 380

    def _fit_cameras_width(self) -> None:
        """Make the camera list wide enough for its thumbnails and longest line (up to a cap, then lines elide)."""
        fm = self.cameras.fontMetrics()
        widest = max((fm.horizontalAdvance(line) for i in range(self.cameras.count())
                      for line in self.cameras.item(i).text().splitlines()), default=0)
        has_icon = any(not self.cameras.item(i).icon().isNull() for i in range(self.cameras.count()))
        icon = self.cameras.iconSize().width() + 8 if has_icon else 0
        chrome = 2 * self.cameras.frameWidth() + self.cameras.verticalScrollBar().sizeHint().width() + 16
        self.cameras.setMinimumWidth(min(max(icon + widest + chrome, 180), self.CAMERA_LIST_MAX_WIDTH))
        split = getattr(self, "main_splitter", None)
        if split is not None:                        # a splitter does not widen a pane by itself: move the handle
            sizes, need = split.sizes(), split.widget(0).minimumSizeHint().width()
            if sizes[0] < need and sum(sizes) > need:
                split.setSizes([need, sum(sizes) - need])

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == getattr(self, "frame_tab", -1):
            self._on_cameras_current_row_changed(self.cameras.currentRow())

    @Slot(int)
    def _on_cameras_current_row_changed(self, row: int) -> None:
        item = self.cameras.item(row) if row >= 0 else None
        self._fill_footage()
        self._update_actions()
        if item is None:
            self.frame_view.set_frame(None, placeholder=self.tr("No camera selected."))
            self.frame_caption.clear()
            return
        camera_id = item.data(Qt.ItemDataRole.UserRole)
        footage = self._camera_footage(camera_id)
        frames = (footage or {}).get("evidence_frames") or []
        if not frames:
            self.frame_view.set_frame(None, placeholder=self.tr("No evidence frame for this camera yet: add footage "
                                                                "and run the audit."))
            self.frame_caption.setText("")
            return
        ev = frames[0]
        if self.reveal_faces:
            shown = services.load_frame(ev, self.result, reveal=True)       # never cached, never saved
            pixels, masked = shown if shown is not None else (None, 0)
        elif self.previews.has(ev) or self.tabs.currentIndex() == self.frame_tab:
            preview = self.previews.frame(ev, self.result)
            pixels, masked = (preview.pixels, preview.masked) if preview is not None else (None, 0)
        else:
            self.frame_view.set_frame(None, placeholder=self.tr("Preparing the redacted frame…"))
            return
        if pixels is None:
            self.frame_view.set_frame(None, placeholder=self.tr("The frame could not be read."))
            return
        self.frame_view.set_frame(pixels, services.boxes_of(ev))
        state = self.tr("faces revealed (this session only)") if self.reveal_faces else self.tr("redacted")
        self.frame_caption.setText(
            self.tr("%1 — frame %2 (%3): %4 face(s) masked; %5.")
            .replace("%1", camera_id).replace("%2", str(ev.get("frame_index")))
            .replace("%3", services.reason_text(str(ev.get("reason", "")), self.lang))
            .replace("%4", str(masked)).replace("%5", state))

    def _fill_criteria(self) -> None:
        derived = (self.result.facts.get("derived") if self.result else None) or {}
        wp = derived.get("wp248") or {}
        rows = wp.get("criteria") or []
        self.criteria.setRowCount(len(rows))
        for i, c in enumerate(rows):
            met = c.get("met")
            items = [QTableWidgetItem(("✔ " if met else "✘ ") + str(c.get("number", ""))),
                     QTableWidgetItem(services.criterion_name(c, self.lang)),
                     QTableWidgetItem((" ; " if self.lang == "fr" else "; ").join(
                         c.get("reasons_fr" if self.lang == "fr" else "reasons") or c.get("reasons") or []))]
            for j, it in enumerate(items):
                self.criteria.setItem(i, j, it)
        self.criteria.resizeRowsToContents()
        if not self.result:
            self.dpia_verdict.setText(self.tr("Run the audit to see which WP248 criteria are met."))
        else:
            required = derived.get("dpia_required")
            text = self.tr("A DPIA is required.") if required else self.tr("No DPIA requirement was derived.")
            text += " " + self.tr("%1 of 9 WP248 criteria met.").replace("%1", str(wp.get("count", 0)))
            self.dpia_verdict.setText(text)

    def _update_actions(self) -> None:
        busy = self.running
        has_config = self.loaded is not None
        self.act_run.setEnabled(has_config and not busy)
        self.act_cancel.setEnabled(busy)
        self.act_footage.setEnabled(has_config and not busy)
        self.act_import.setEnabled(not busy)
        self.act_review.setEnabled(self.result is not None and not busy)
        self.act_export.setEnabled(self.result is not None and self.review_approved and not busy)
        self.preview.build_button.setEnabled(self.result is not None and not busy)
        self.preview.export_button.setEnabled(self.act_export.isEnabled())
        if self.result is None and self.preview.pdf is not None:
            self.preview.set_pdf(None, None)
        self.act_export.setToolTip("" if self.review_approved else self.tr("Review the evidence frames first."))
        self.act_export_data.setEnabled(self.result is not None and not busy)
        self.act_rerun.setEnabled(self.result is not None and not busy)
        self.act_export_answers.setEnabled(bool(self.project.answers) and not busy)
        self.act_export_clip.setEnabled(self.selected_clip() is not None and not busy)
        for action in (self.act_export_docx, self.act_export_odt):
            action.setEnabled(self.act_export.isEnabled())       # they embed the reviewed evidence frames
        for action in (self.act_export_pia, self.act_export_actions):
            action.setEnabled(self.result is not None and not busy)
        self.questions.rerun_button.setEnabled(self.result is not None and not busy and bool(self.questions.pending))
        self.questions.export_button.setEnabled(self.act_export_answers.isEnabled())
        self.act_waive.setEnabled(self.selected_finding() is not None and not busy)
        self.waive_button.setEnabled(self.act_waive.isEnabled())
        self.footage_add.setEnabled(self.act_footage.isEnabled() and self.cameras.currentItem() is not None)
        item = self.footage_list.currentItem()
        self.footage_remove.setEnabled(not busy and item is not None and bool(item.data(Qt.ItemDataRole.UserRole)))

    # --- waivers, review, export --------------------------------------------------------------------------

    @Slot()
    def _on_waive_triggered(self) -> None:
        finding = self.selected_finding()
        if finding is None:
            return
        from auditor.gui.dialogs.waiver import WaiverDialog

        dialog = WaiverDialog(finding, self.lang, self)
        if dialog.exec() != WaiverDialog.DialogCode.Accepted:
            return
        self.add_waiver(dialog.entry())

    def add_waiver(self, entry: proj.WaiverEntry) -> None:
        """Save a waiver in the project and re-apply the waivers to the current findings."""
        self.project.waivers = [w for w in self.project.waivers
                                if not (w.rule_id == entry.rule_id and w.subject == entry.subject)] + [entry]
        self.project.log("waiver_added", rule=entry.rule_id, subject=entry.subject, approver=entry.approver,
                         expires=entry.expires)
        self.dirty = True
        if self.result is not None:
            services.apply_project_waivers(self.result, self.project)
            self.model.set_findings(self.result.findings)
        self._refresh_all()

    def review_evidence(self) -> bool:
        """Step through every evidence frame that goes into the report; export is possible only after approval."""
        if self.result is None:
            return False
        from auditor.gui.dialogs.review import ReviewDialog

        dialog = ReviewDialog(self.result, self.lang, self, cache=self.previews)
        approved = dialog.exec() == ReviewDialog.DialogCode.Accepted
        if approved:
            self.review_approved = True
            self.result.evidence_reviewed = True
            self.project.log("evidence_reviewed", dialog.summary(), frames=len(dialog.items), masks=dialog.added,
                             dropped=dialog.dropped)
            self.dirty = True
        self._refresh_all()
        return approved

    @Slot()
    def _on_export_triggered(self) -> None:
        if self.result is None:
            return
        suggested = str(self.export_folder() / f"dpia-{self.lang}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the DPIA report"), suggested, "PDF (*.pdf)")
        if path:
            self.export_pdf(Path(path))

    def preview_key(self) -> tuple:
        """What the report depends on besides the result's content: a change means the preview is stale."""
        return (id(self.result), self.lang, self.project.assessor, self.review_approved, len(self.project.waivers),
                len(self.project.answers))

    def build_preview(self) -> None:
        """Render the report (same writer as the export) on the worker thread, then show page 1."""
        if self.result is None or self.running:
            return
        from auditor.gui.preview import report_job

        key = self.preview_key()
        job = report_job(self.result, lang=self.lang, assessor=self.project.assessor or None)

        def done(pdf: bytes) -> None:
            self.preview.set_pdf(pdf, key)
            self.status_label.setText(self.tr("Preview ready: %1 page(s).").replace("%1", str(self.preview.page_count)))
            self.audit_finished.emit("previewed")

        self.tabs.setCurrentWidget(self.preview)
        self._start(job, done, step=self.tr("Building the report preview…"),
                    failed=self.tr("The report preview could not be built"))

    def export_pdf(self, path: Path) -> None:
        if self.result is None or not self.review_approved or self.running:
            return
        if not self.preview.stale(self.preview_key()):
            try:                                   # the previewed bytes are the report: write them as they are
                proj.write_bytes_atomic(path, self.preview.pdf or b"")
            except OSError as exc:
                self._show_error(self.tr("Cannot write the files"), f"{path}: {exc.strerror or exc}")
                return
            self._on_pdf_written(path)
            return
        job = services.pdf_job(self.result, path, lang=self.lang, assessor=self.project.assessor or None)

        self._start(job, lambda _: self._on_pdf_written(path), step=self.tr("Writing the PDF report…"),
                    failed=self.tr("The PDF report could not be written"))

    def _on_pdf_written(self, path: Path) -> None:
        self.project.last_results["pdf"] = str(path)
        self.project.log("exported", kind="pdf", file=path.name)
        self.dirty = True
        self._fill_log()
        self.status_label.setText(self.tr("Report written to %1").replace("%1", path.name))
        self.audit_finished.emit("exported")
        if self.open_externally:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    @Slot()
    def _on_export_data_triggered(self) -> None:
        if self.result is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for findings.json and findings.sarif"),
                                                  str(self.export_folder()))
        if folder:
            self.export_data(Path(folder))

    def export_data(self, folder: Path) -> None:
        if self.result is None:
            return
        try:
            written = services.write_machine_outputs(self.result, folder)
        except OSError as exc:
            self._show_error(self.tr("Cannot write the files"), str(exc))
            return
        self.project.last_results.update(written)
        for kind, file in written.items():
            self.project.log("exported", kind=kind, file=Path(file).name)
        self.dirty = True
        self._fill_log()
        self.status_label.setText(self.tr("Wrote %1").replace("%1", ", ".join(written.values())))

    OTHER_FORMATS = {"docx": ("dpia-{lang}.docx", "Word (*.docx)"), "odt": ("dpia-{lang}.odt", "OpenDocument (*.odt)"),
                     "pia": ("pia-{lang}.json", "JSON (*.json)"),
                     "actions": ("action-plan-{lang}.xlsx", "Excel (*.xlsx);;CSV (*.csv)")}

    def _on_export_other_triggered(self, kind: str) -> None:
        if self.result is None:
            return
        name, filters = self.OTHER_FORMATS[kind]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export"), str(self.export_folder() / name.format(
            lang=self.lang)), filters)
        if path:
            self.export_other(kind, Path(path))

    def export_other(self, kind: str, path: Path) -> None:
        """DOCX/ODT report, CNIL PIA file or action plan: the report package's writers, on the worker thread."""
        if self.result is None or self.running or (kind in ("docx", "odt") and not self.review_approved):
            return
        result, lang, assessor = self.result, self.lang, self.project.assessor or None

        def job(*, progress, cancel):
            cancel.check()
            if kind in ("docx", "odt"):
                from auditor.report.formats import write_report

                return write_report(result, path, lang=lang, assessor=assessor, progress=progress, cancel=cancel)
            if kind == "pia":
                from auditor.report.pia import write_pia

                return write_pia(result, path, lang=lang, assessor=assessor)
            from auditor.report.actions import write_actions

            return write_actions(result, path, lang=lang)

        def done(_: Any) -> None:
            self.project.log("exported", kind=kind, file=path.name)
            self.dirty = True
            self._fill_log()
            self.status_label.setText(self.tr("Wrote %1").replace("%1", path.name))
            self.audit_finished.emit("exported")

        self._start(job, done, step=self.tr("Writing %1…").replace("%1", path.name),
                        failed=self.tr("%1 could not be written").replace("%1", path.name))

    def selected_clip(self) -> Path | None:
        item = self.footage_list.currentItem() if hasattr(self, "footage_list") else None
        clip = item.data(CLIP_ROLE) if item is not None else None
        return Path(clip) if clip else None

    @Slot()
    def _on_export_clip_triggered(self) -> None:
        clip = self.selected_clip()
        if clip is None:
            return
        suffix = clip.suffix.lower() if clip.suffix.lower() in {".jpg", ".jpeg", ".png"} else ".mp4"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export a redacted copy of %1").replace("%1", clip.name),
                                              str(self.export_folder() / f"{clip.stem}-redacted{suffix}"),
                                              self.tr("Video and images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)"))
        if path:
            self.export_redacted_clip(clip, Path(path))

    def export_redacted_clip(self, clip: Path, target: Path) -> None:
        """Write a copy of the clip with every face masked (auditor redact), on the worker, with progress and Cancel."""
        if self.running:
            return
        from auditor.footage.frames import FootageError
        from auditor.footage.video import RedactionError, failure_parts, redact_video

        def job(*, progress, cancel):
            try:
                return redact_video(clip, target, progress=progress, cancel=cancel)
            except (RedactionError, FootageError, OSError) as exc:      # bad input, said as `auditor redact` says it
                file, why = failure_parts(exc, clip, target)
                raise InputError([Problem(file, why)]) from exc

        def done(report: Any) -> None:
            self.project.log("exported", kind="redacted clip", file=target.name)
            self.dirty = True
            self._fill_log()
            self.status_label.setText(self.tr("Redacted copy written to %1: %2 frame(s), %3 mask(s).")
                                      .replace("%1", target.name).replace("%2", str(getattr(report, "frames", "?")))
                                      .replace("%3", str(getattr(report, "masks_total", "?"))))
            self.audit_finished.emit("exported")

        self._start(job, done, step=self.tr("Writing a redacted copy of %1…").replace("%1", clip.name),
                    failed=self.tr("The redacted copy of %1 could not be written").replace("%1", clip.name))

    def export_folder(self) -> Path:
        """Where exports go by default: the project's folder, else the home folder."""
        return self.project_path.parent if self.project_path is not None else Path.home()

    @Slot(QUrl)
    def _on_detail_anchor_clicked(self, url: QUrl) -> None:
        """Open a legal reference in the browser; without one, copy the address and say so."""
        if self.open_externally and QDesktopServices.openUrl(url):
            return
        QGuiApplication.clipboard().setText(url.toString())
        self.status_label.setText(self.tr("No web browser could be opened; the address was copied to the "
                                          "clipboard: %1").replace("%1", url.toString()))

    def log_line(self, entry: proj.LogEntry) -> str:
        """One audit-log entry in the interface language."""
        p = entry.params
        if entry.action == "evidence_reviewed" and p:
            text = self.tr("Evidence reviewed: %1 frame(s) approved, %2 mask(s) added, %3 frame(s) dropped.") \
                .replace("%1", p.get("frames", "?")).replace("%2", p.get("masks", "?")) \
                .replace("%3", p.get("dropped", "?"))
        elif entry.action == "waiver_added":
            text = self.tr("Waiver recorded for %1 on %2, approved by %3, until %4.") \
                .replace("%1", p.get("rule", "")).replace("%2", services.subject_text(p.get("subject", ""), self.lang)) \
                .replace("%3", p.get("approver", "")).replace("%4", p.get("expires", ""))
        elif entry.action == "exported":
            text = self.tr("Exported %1: %2.").replace("%1", p.get("kind", "").upper()).replace("%2", p.get("file", ""))
        elif entry.action == "answer_recorded":
            decision = self.tr("the finding applies") if p.get("decision") == "failed" else \
                self.tr("the finding does not apply")
            if p.get("fact"):
                decision = f"{p.get('fact')} = {p.get('value', '')}"
            text = self.tr("Answer recorded for %1 on %2: %3 (%4).").replace("%1", p.get("rule", "")) \
                .replace("%2", services.subject_text(p.get("subject", ""), self.lang)).replace("%3", decision) \
                .replace("%4", p.get("by", ""))
        elif entry.action == "answer_withdrawn":
            text = self.tr("Answer withdrawn for %1 on %2.").replace("%1", p.get("rule", "")) \
                .replace("%2", services.subject_text(p.get("subject", ""), self.lang))
        elif entry.action == "faces_revealed":
            text = self.tr("Unmasked frames shown in the viewer (nothing saved).")
        else:
            text = entry.action.replace("_", " ") + (f": {entry.detail}" if entry.detail else "")
        return f"{entry.time.replace('T', ' ').replace('+00:00', ' UTC')} — {text}"

    def _fill_log(self) -> None:
        lines = [self.log_line(e) for e in self.project.audit_log]
        self.log_view.setPlainText("\n".join(lines) if lines else self.tr("Nothing recorded yet."))

    # --- reveal, about, file dialogs, drag and drop ----------------------------------------------------

    @Slot()
    def _on_reveal_triggered(self) -> None:
        if self.act_reveal.isChecked():
            answer = QMessageBox.question(
                self, self.tr("Reveal faces?"),
                self.tr("Faces of real people will be shown unmasked in this window, for this session only. "
                        "Nothing unmasked is ever saved. The reveal is recorded in the project's audit log. "
                        "Continue?"))
            if answer != QMessageBox.StandardButton.Yes:
                self.act_reveal.setChecked(False)
                return
            self.project.log("faces_revealed")
            self.dirty = True
        self.reveal_faces = self.act_reveal.isChecked()
        self._on_cameras_current_row_changed(self.cameras.currentRow())

    @Slot()
    def _on_about_triggered(self) -> None:
        from auditor.gui.dialogs.about import AboutDialog

        AboutDialog(self).exec()

    @Slot()
    def _on_open_triggered(self) -> None:
        if not self._confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open an audit project"), "",
                                              self.tr("Audit projects (*.auditproj.yaml *.yaml)"))
        if path:
            self.open_project(Path(path))

    @Slot()
    def _on_save_as_triggered(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the audit project"),
                                              "audit" + proj.PROJECT_SUFFIX,
                                              self.tr("Audit projects (*.auditproj.yaml)"))
        if not path:
            return False
        self.project_path = Path(path)
        return self.save_project()

    @Slot()
    def _on_import_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a deployment config"), "",
                                              self.tr("Deployment configs (*.yaml *.yml)"))
        if path:
            self.load_config(Path(path))

    @Slot()
    def _on_add_footage_triggered(self) -> None:
        item = self.cameras.currentItem()
        if item is None or self.loaded is None:
            return
        camera_id = item.data(Qt.ItemDataRole.UserRole)
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Footage for camera %1").replace("%1", camera_id), "",
            self.tr("Video and images (*.mp4 *.mkv *.avi *.mov *.jpg *.jpeg *.png)"))
        if paths:
            self.add_footage(camera_id, [Path(p) for p in paths])

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Follow a switch of the system palette (light/dark) while the app runs."""
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "overview"):
            self.overview.set_result(self.result, self.lang, self.previews)
            self.model.layoutChanged.emit()
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.handle_dropped(paths)
        event.acceptProposedAction()

    def handle_dropped(self, paths: list[Path]) -> None:
        """A dropped YAML file becomes the config; dropped footage goes to the selected camera."""
        configs = [p for p in paths if p.suffix.lower() in CONFIG_SUFFIXES]
        footage = [p for p in paths if p.suffix.lower() in VIDEO_SUFFIXES]
        if configs:
            self.load_config(configs[0])
        item = self.cameras.currentItem()
        if footage and item is not None:
            self.add_footage(item.data(Qt.ItemDataRole.UserRole), footage)

    # --- housekeeping -----------------------------------------------------------------------------------

    def _append_problem(self, text: str) -> None:
        self.problems.append(html.escape(text))

    def _show_error(self, title: str, text: str, *, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        if details:
            box.setDetailedText(details)
        box.exec()

    def _confirm_discard(self) -> bool:
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes"), self.tr("The audit project has unsaved changes. Discard them?"))
        return answer == QMessageBox.StandardButton.Yes

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self.settings.value("recent", [], list) or [] if p != str(path)]
        self.settings.setValue("recent", [str(path)] + recent[: MAX_RECENT - 1])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.menu_recent.clear()
        recent = self.settings.value("recent", [], list) or []
        if hasattr(self, "start_page"):
            self.start_page.set_recent(recent)
        for p in recent:
            a = QAction(p, self)
            a.triggered.connect(lambda _=False, path=p: self._confirm_discard() and self.open_project(Path(path)))
            self.menu_recent.addAction(a)
        self.menu_recent.setEnabled(bool(recent))

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        for name, splitter in self._splitters().items():
            saved = self.settings.value(f"window/{name}")
            if isinstance(saved, QByteArray) and not saved.isEmpty():
                splitter.restoreState(saved)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main-splitter": self.main_splitter, "findings-splitter": self.findings_splitter,
                "questions-splitter": self.questions.splitter}

    def save_window_state(self) -> None:
        """Window geometry, toolbar and every splitter, restored at the next start."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        for name, splitter in self._splitters().items():
            self.settings.setValue(f"window/{name}", splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self._confirm_discard():
            event.ignore()
            return
        self.cancel_run()
        self.wait_idle()
        self.save_window_state()
        event.accept()

    @staticmethod
    def today() -> str:
        return dt.date.today().isoformat()

    @staticmethod
    def today_date() -> dt.date:
        """Today on the audit clock (SOURCE_DATE_EPOCH when set, so that tests and reproducible runs agree)."""
        from auditor.audit import audit_clock

        return audit_clock().date()

    # --- answers ----------------------------------------------------------------------------------------

    def project_answers(self) -> list:
        """The project's answers as core Answer objects (InputError names the project file if one is malformed)."""
        from auditor.core.answers import parse_answers

        where = str(self.project_path) if self.project_path else "project answers"
        return parse_answers(self.project.answers, file=where, base=("answers",))

    @Slot(object)
    def _on_questions_answered(self, answer) -> None:
        self.project.answers = [a for a in self.project.answers
                                if (a.get("rule_id"), a.get("subject")) != (answer.rule_id, answer.subject)]
        self.project.answers.append(answer.to_dict())
        if answer.is_value:
            from auditor.core.answers import value_text

            self.project.log("answer_recorded", rule=answer.rule_id, subject=answer.subject, fact=answer.fact,
                             value=value_text(answer.value), by=answer.answered_by)
        else:
            self.project.log("answer_recorded", rule=answer.rule_id, subject=answer.subject,
                             decision=answer.decision, by=answer.answered_by)
        self.dirty = True
        self.setWindowTitle(self._title())
        self._fill_log()
        self._update_actions()

    @Slot(str, str)
    def _on_questions_withdrawn(self, rule_id: str, subject: str) -> None:
        before = len(self.project.answers)
        self.project.answers = [a for a in self.project.answers
                                if (a.get("rule_id"), a.get("subject")) != (rule_id, subject)]
        if len(self.project.answers) != before:
            self.project.log("answer_withdrawn", rule=rule_id, subject=subject)
            self.dirty = True
            self.rerun_rules()

    def rerun_rules(self) -> None:
        """Re-decide the audit with the project's answers and waivers, on the facts already measured."""
        if self.result is None or self.running:
            return
        try:
            answers = self.project_answers()
        except InputError as exc:
            self._show_error(self.tr("The answers cannot be used"), exc.format())
            return
        from auditor.audit import rerun_rules

        result, waivers = self.result, [vars(w) for w in self.project.waivers]

        def job(*, progress, cancel):
            return rerun_rules(result, answers=answers, waiver_entries=waivers)

        self._start(job, self._on_rerun_succeeded, step=self.tr("Re-running the rules with the answers…"),
                    failed=self.tr("Re-running the rules failed"))

    @Slot(object)
    def _on_rerun_succeeded(self, result: AuditResult) -> None:
        approved = self.review_approved
        self.questions.pending.clear()
        self._set_result(result)
        self.review_approved = approved                 # same facts, same evidence frames: the review still holds
        self.result.evidence_reviewed = approved
        self.dirty = True
        before = sum(1 for f in result.findings if f.question)
        self.status_label.setText(self.tr("Rules re-run: verdict %1; %2 question(s) still open.")
                                  .replace("%1", self.overview.tier_text(result.verdict()))
                                  .replace("%2", str(before)))
        self._refresh_all()
        self.audit_finished.emit("rerun")

    @Slot()
    def _on_export_answers_triggered(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the answers file"),
                                              str(self.export_folder() / "answers.yaml"),
                                              self.tr("Answers files (*.yaml *.yml)"))
        if path:
            self.export_answers(Path(path))

    def export_answers(self, path: Path) -> bool:
        """Write the project's answers as an answers file (`auditor audit CONFIG --answers FILE` reads it)."""
        from auditor.core.answers import dump_answers

        try:
            text = dump_answers(self.project_answers())
            proj.write_text_atomic(path, text)
        except InputError as exc:
            self._show_error(self.tr("The answers cannot be used"), exc.format())
            return False
        except OSError as exc:
            self._show_error(self.tr("Cannot write the files"), f"{path}: {exc.strerror or exc}")
            return False
        self.project.log("exported", kind="answers", file=path.name)
        self.dirty = True
        self._fill_log()
        self.status_label.setText(self.tr("Wrote %1").replace("%1", path.name))
        return True
