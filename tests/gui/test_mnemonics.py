"""Keyboard mnemonics: in every page of the window and in each dialog, in English and French, no two visible
widgets answer the same Alt+letter (Qt would only cycle the focus between them instead of acting)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

from auditor.gui import services

pytestmark = pytest.mark.gui


def mnemonic(text: str) -> str | None:
    """The letter after the first single '&' ('&&' is a literal ampersand), lower-cased."""
    i = 0
    while (i := text.find("&", i)) >= 0 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].lower()
        i += 2
    return None


def visible_mnemonics(top: QWidget) -> dict[str, list[str]]:
    """Alt+letter -> the visible widgets that answer it in `top` (menu bar titles, tabs, buttons, buddied labels)."""
    found: dict[str, list[str]] = {}

    def add(text: str, what: str) -> None:
        if (key := mnemonic(text)) is not None:
            found.setdefault(key, []).append(f"{what} {text!r}")

    menubar = top.menuBar() if hasattr(top, "menuBar") else None
    if menubar is not None:
        for action in menubar.actions():
            if action.isVisible():
                add(action.text(), "menu")
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.isTabVisible(i):
                    add(widget.tabText(i), "tab")
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), "button")
        elif isinstance(widget, QGroupBox):
            add(widget.title(), "group")
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            add(widget.text(), "label")
    return found


def clashes(top: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in visible_mnemonics(top).items() if len(v) > 1}


def test_the_walker_finds_a_clash(qtbot):
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    layout.addWidget(QPushButton("&Save"))
    layout.addWidget(QPushButton("&Send"))
    layout.addWidget(QPushButton("Save && &quit"))
    hidden = QPushButton("&Quiet")
    layout.addWidget(hidden)
    hidden.hide()
    assert clashes(box) == {"s": ["button '&Save'", "button '&Send'"]}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_two_visible_widgets_share_an_alt_letter_on_any_page(qtbot, window, lang):
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.set_language(lang)
    problems = {"start page": clashes(window)}
    [example] = [p for p in services.example_deployments() if p.stem.startswith("03-")]
    window.open_example(example)
    window.show_start_page()                         # with "Back to the current audit" shown
    problems["start page, audit open"] = clashes(window)
    window.show_workspace()
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        problems[window.tabs.tabText(i)] = clashes(window)
    assert {page: c for page, c in problems.items() if c} == {}
    window.dirty = False
    window.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_dialogs_have_no_clashing_alt_letters(qtbot, window, sample_result, lang):
    from auditor.gui.dialogs.about import AboutDialog
    from auditor.gui.dialogs.waiver import WaiverDialog

    window.set_language(lang)
    for dialog in (WaiverDialog(sample_result.findings[0], lang, window), AboutDialog(window)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert clashes(dialog) == {}, type(dialog).__name__
        dialog.close()
    window.set_language("en")
