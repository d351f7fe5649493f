"""The Questions tab: every point the rules could not decide, its context and references, and the assessor's answer."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QDateEdit, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QRadioButton, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget,
)

from auditor.core.answers import Answer, value_text
from auditor.core.model import AuditResult, Check, Finding, Outcome
from auditor.gui import services


class QuestionsPage(QWidget):
    """Lists open and answered questions; emits `answered` / `withdrawn`; the window re-runs the rules."""

    answered = Signal(object)            # Answer
    withdrawn = Signal(str, str)         # rule id, subject
    rerun_requested = Signal()
    export_requested = Signal()
    link_clicked = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "en"
        self.rows: list[tuple[Check, Finding | None]] = []
        outer = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())
        split.addWidget(self.table)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.context = QTextBrowser()
        self.context.setOpenLinks(False)
        self.context.anchorClicked.connect(self.link_clicked)
        rv.addWidget(self.context, 1)
        form = QFormLayout()
        self.applies = QRadioButton()
        self.not_applies = QRadioButton()
        self.give_value = QRadioButton()             # a value answer: the missing fact's value; the rule decides
        self.decision = QButtonGroup(self)
        self.decision.addButton(self.applies)
        self.decision.addButton(self.not_applies)
        self.decision.addButton(self.give_value)
        choice = QHBoxLayout()
        choice.addWidget(self.applies)
        choice.addWidget(self.not_applies)
        choice.addStretch(1)
        self.fact_label = QLabel()
        self.fact_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fact_label.setWordWrap(True)
        self.value = QLineEdit()
        self.value.setClearButtonEnabled(True)
        self.value_hint = QLabel()
        self.value_hint.setWordWrap(True)
        self._fact: tuple[str, str, list[str]] = ("", "", [])      # fact path, kind, allowed values
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(70)
        self.by = QLineEdit()
        self.on = QDateEdit()
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.answer_label, self.note_label, self.by_label, self.on_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.answer_label.setBuddy(self.applies)
        self.note_label.setBuddy(self.note)
        self.by_label.setBuddy(self.by)
        self.on_label.setBuddy(self.on)
        form.addRow(self.answer_label, choice)
        form.addRow("", self.give_value)            # then the fact's path (wraps), a field with all the room, a hint
        form.addRow("", self.fact_label)
        form.addRow("", self.value)
        form.addRow("", self.value_hint)
        form.addRow(self.note_label, self.note)
        form.addRow(self.by_label, self.by)
        form.addRow(self.on_label, self.on)
        rv.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._on_save_clicked)
        self.withdraw_button = QPushButton()
        self.withdraw_button.clicked.connect(self._on_withdraw_clicked)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        rv.addLayout(buttons)
        split.addWidget(right)
        split.setSizes([420, 520])
        self.splitter = split
        outer.addWidget(split, 1)
        bottom = QHBoxLayout()
        self.summary = QLabel()
        self.rerun_button = QPushButton()
        self.rerun_button.clicked.connect(self.rerun_requested)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_requested)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.rerun_button)
        outer.addLayout(bottom)
        self.pending: dict[tuple[str, str], Answer] = {}     # answers saved since the last re-run
        self.decision.buttonToggled.connect(lambda *_: self._update_buttons())
        self.by.textChanged.connect(lambda *_: self._update_buttons())
        self.value.textChanged.connect(lambda *_: self._update_buttons())
        self.value.textEdited.connect(lambda *_: self.give_value.setChecked(True))
        self._today = dt.date.today()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.intro.setText(self.tr("The rules could not decide these points from the facts. Answer each one: "
                                   "whether the rule's finding applies, why, who answered and when. Answers are "
                                   "saved in the project; re-run the rules to turn them into decided findings."))
        self.table.setHorizontalHeaderLabels([self.tr("Status"), self.tr("Question"), self.tr("Subject")])
        self.applies.setText(self.tr("&Yes, the finding applies"))
        self.not_applies.setText(self.tr("No, it does not app&ly"))
        self.give_value.setText(self.tr("The value is &known:"))
        self.give_value.setToolTip(self.tr("Give the value of the fact the configuration does not declare; the rule "
                                           "is then evaluated with it and decides."))
        self.answer_label.setText(self.tr("Answer"))
        self.note_label.setText(self.tr("Not&e (the evidence)"))
        self.by_label.setText(self.tr("Answered &by"))
        self.on_label.setText(self.tr("Answered on (&date)"))
        self.save_button.setText(self.tr("&Save answer"))
        self.withdraw_button.setText(self.tr("&Withdraw answer"))
        self.rerun_button.setText(self.tr("Re-run the r&ules (F6)"))
        self.export_button.setText(self.tr("E&xport answers file…"))

    # --- content ----------------------------------------------------------------------------------------

    def set_result(self, result: AuditResult | None, *, assessor: str, today: dt.date) -> None:
        """Rows: every check left as a question or decided by an answer (open ones first)."""
        self._today = today
        self._assessor = assessor
        current = self.current_key()
        by_id = {f.id: f for f in result.findings} if result else {}
        checks = [c for c in (result.checks if result else [])
                  if c.outcome is Outcome.QUESTION or c.answer is not None]
        checks.sort(key=lambda c: (c.answer is not None, c.rule_id, c.subject))
        self.rows = [(c, by_id.get(c.finding_id or "")) for c in checks]
        self.table.setRowCount(len(self.rows))
        for i, (check, _) in enumerate(self.rows):
            cells = [self._status(check), check.title.get(self.lang), services.subject_text(check.subject, self.lang)]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(check.rule_id)
                self.table.setItem(i, j, item)
        keys = [(c.rule_id, c.subject) for c, _ in self.rows]
        self.table.setCurrentCell(keys.index(current) if current in keys else (0 if keys else -1), 1)
        self._show_current()
        self._update_summary()

    def _status(self, check: Check) -> str:
        key = (check.rule_id, check.subject)
        if key in self.pending:
            return self.tr("answered, not yet applied")
        if check.answer is None:
            return self.tr("open")
        if check.answer.is_value:
            return self.tr("value given, still open") if check.outcome is Outcome.QUESTION else \
                self.tr("value given: the rule decided")
        return self.tr("answered: applies") if check.answer.decision == "failed" else self.tr("answered: does not apply")

    def _update_summary(self) -> None:
        open_ = sum(1 for c, _ in self.rows if c.answer is None and (c.rule_id, c.subject) not in self.pending)
        self.summary.setText(self.tr("%1 open, %2 answered, %3 waiting for a re-run.")
                             .replace("%1", str(open_)).replace("%2", str(len(self.rows) - open_))
                             .replace("%3", str(len(self.pending))))
        self.rerun_button.setEnabled(bool(self.pending))

    def current_key(self) -> tuple[str, str] | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.rows):
            c = self.rows[row][0]
            return c.rule_id, c.subject
        return None

    def _show_current(self) -> None:
        e = html.escape
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.context.setHtml("<p><i>" + e(self.tr("No question is left to the assessor.")) + "</i></p>")
            for w in (self.applies, self.not_applies, self.note, self.by, self.on):
                w.setEnabled(False)
            self._set_fact("")
            self._update_buttons()
            return
        check, finding = self.rows[row]
        parts = [f"<h3>{e(check.title.get(self.lang))}</h3>",
                 (f"<p><small>{e(check.rule_id)} · {e(check.pack)} · "
                  f"{e(services.subject_text(check.subject, self.lang))}</small></p>")]
        if finding is not None:
            parts.append(f"<p>{e(finding.message.get(self.lang))}</p>")
            parts.append(f"<p><i>{e(finding.rationale.get(self.lang))}</i></p>")
            if finding.evidence:
                parts.append("<ul>" + "".join(f"<li><code>{e(k)}</code> = {e(services.fact_text(k, v, self.lang))}</li>"
                                              for k, v in finding.evidence.items()) + "</ul>")
        parts.append("<p><b>" + e(self.tr("Legal references")) + "</b></p><ul>")
        for ref in check.references:
            label = e(ref.label() + (f" — {ref.title}" if ref.title else ""))
            parts.append(f'<li><a href="{e(ref.url)}">{label}</a></li>' if ref.url else f"<li>{label}</li>")
        parts.append("</ul>")
        self.context.setHtml("".join(parts))
        answer = self.pending.get((check.rule_id, check.subject)) or check.answer
        for w in (self.applies, self.not_applies, self.note, self.by, self.on):
            w.setEnabled(True)
        self._set_fact(answer.fact if answer is not None and answer.is_value else check.missing_fact)
        self.decision.setExclusive(False)
        self.applies.setChecked(answer is not None and answer.decision == "failed")
        self.not_applies.setChecked(answer is not None and answer.decision == "passed")
        self.give_value.setChecked(answer is not None and answer.is_value and self.give_value.isEnabled())
        self.decision.setExclusive(True)
        self.value.setText(value_text(answer.value, "en") if answer is not None and answer.is_value
                           and self._fact[1] != "bool" else
                           self._bool_text(answer.value) if answer is not None and answer.is_value else "")
        self.note.setPlainText(answer.note if answer else "")
        self.by.setText(answer.answered_by if answer else getattr(self, "_assessor", ""))
        day = dt.date.fromisoformat(answer.answered_on) if answer and answer.answered_on else self._today
        self.on.setDate(QDate(day.year, day.month, day.day))
        self._update_buttons()

    def _bool_text(self, value: object) -> str:
        return self.tr("yes") if value is True else self.tr("no")

    def _set_fact(self, fact: str) -> None:
        """Offer a value answer when the question is a fact the configuration does not declare."""
        kind, allowed = services.fact_kind(fact)
        self._fact = (fact if kind else "", kind, allowed)
        for w in (self.give_value, self.fact_label, self.value):
            w.setEnabled(bool(kind))
        self.fact_label.setText(f"<code>{html.escape(fact)}</code>" if kind else "")
        self.fact_label.setToolTip(fact if kind else "")
        hints = {"bool": self.tr("yes or no"), "number": self.tr("a number"),
                 "text": self.tr("a text"), "list": self.tr("values separated by commas")}
        hint = hints.get(kind, self.tr("This question asks for a decision, not a value."))
        if allowed:
            hint += " — " + self.tr("allowed: %1").replace("%1", ", ".join(allowed))
        self.value.setPlaceholderText(hints.get(kind, ""))
        self.value_hint.setText(f"<small>{html.escape(hint)}</small>")
        if not kind:
            self.value.clear()

    def typed_value(self) -> tuple[object, str]:
        """The value typed for the current fact, or (None, why it is not valid) in words."""
        _fact, kind, allowed = self._fact
        value, why = services.parse_fact_value(self.value.text(), kind, allowed)
        reasons = {"empty": self.tr("Type the value."), "yes_no": self.tr("Type yes or no."),
                   "number": self.tr("Type a number."),
                   "allowed": self.tr("Use only the allowed values: %1.").replace("%1", ", ".join(allowed))}
        return value, reasons.get(why, "") if why else ""

    def _update_buttons(self) -> None:
        key = self.current_key()
        ok = key is not None and self.decision.checkedButton() is not None and bool(self.by.text().strip())
        if ok and self.give_value.isChecked():
            value, why = self.typed_value()
            ok = value is not None
            self.value.setToolTip(why)
        self.save_button.setEnabled(ok)
        has = key is not None and (key in self.pending or any(
            (c.rule_id, c.subject) == key and c.answer is not None for c, _ in self.rows))
        self.withdraw_button.setEnabled(has)

    # --- answering --------------------------------------------------------------------------------------

    def answer_current(self, decision: str, note: str, by: str, on: dt.date | None = None, *,
                       value: str | None = None) -> Answer | None:
        """Fill the form and save (what the buttons do; tests call it directly). `value`: type it as the
        missing fact's value instead of a decision."""
        if value is not None:
            self.give_value.setChecked(True)
            self.value.setText(value)
        else:
            (self.applies if decision == "failed" else self.not_applies).setChecked(True)
        self.note.setPlainText(note)
        self.by.setText(by)
        if on is not None:
            self.on.setDate(QDate(on.year, on.month, on.day))
        return self._on_save_clicked()

    def _on_save_clicked(self) -> Answer | None:
        key = self.current_key()
        if key is None or self.decision.checkedButton() is None or not self.by.text().strip():
            return None
        fields = dict(rule_id=key[0], subject=key[1], note=self.note.toPlainText().strip(),
                      answered_by=self.by.text().strip(), answered_on=self.on.date().toString("yyyy-MM-dd"))
        if self.give_value.isChecked():
            value, _why = self.typed_value()
            if value is None:
                return None
            answer = Answer(decision="", fact=self._fact[0], value=tuple(value) if isinstance(value, list) else value,
                            **fields)
        else:
            answer = Answer(decision="failed" if self.applies.isChecked() else "passed", **fields)
        self.pending[key] = answer
        row = self.table.currentRow()
        self.table.item(row, 0).setText(self._status(self.rows[row][0]))
        self._update_summary()
        self.answered.emit(answer)
        nxt = next((i for i, (c, _) in enumerate(self.rows)
                    if c.answer is None and (c.rule_id, c.subject) not in self.pending), None)
        if nxt is not None:
            self.table.setCurrentCell(nxt, 1)
        return answer

    def _on_withdraw_clicked(self) -> None:
        key = self.current_key()
        if key is None:
            return
        self.pending.pop(key, None)
        self.withdrawn.emit(*key)
