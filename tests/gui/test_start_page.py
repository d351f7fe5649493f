"""The start page: new audit from a file or an example by name, open a project, recent projects, drops."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.gui import services

pytestmark = pytest.mark.gui


def test_first_window_is_the_start_page_with_every_example_described(window):
    assert window.pages.currentWidget() is window.start_page
    page = window.start_page
    assert page.examples.count() == len(services.example_deployments()) >= 11
    texts = [page.examples.item(i).text() for i in range(page.examples.count())]
    assert texts[2].startswith("03 · emotion checkout")
    assert "Emotion / satisfaction analysis at the checkout" in texts[2]
    assert all(len(t.splitlines()) == 2 and t.splitlines()[1] for t in texts)
    window.set_language("fr")
    assert "caisse" in page.examples.item(2).text() and page.import_button.text().startswith("Partir")
    window.set_language("en")


def test_choosing_an_example_opens_the_workspace(window):
    page = window.start_page
    page.examples.setCurrentRow(10)
    page.example_button.click()
    assert window.loaded is not None and window.loaded.path.stem.startswith("11-")
    assert window.pages.currentWidget() is window.main_splitter
    window.act_start.trigger()
    assert window.pages.currentWidget() is page and page.resume_button.isVisibleTo(page)
    page.resume_button.click()
    assert window.pages.currentWidget() is window.main_splitter


def test_recent_projects_show_names_and_open(qtbot, window, tmp_path, monkeypatch):
    [example] = [p for p in services.example_deployments() if p.stem.startswith("02-")]
    window.open_example(example)
    project = tmp_path / "shop" / "store.auditproj.yaml"
    project.parent.mkdir()
    window.project_path = project
    assert window.save_project()
    window.new_project()
    assert window.pages.currentWidget() is window.start_page
    item = window.start_page.recent.item(0)
    assert item.text() == "store.auditproj.yaml  —  shop" and str(tmp_path) not in item.text()
    window.start_page.recent.itemActivated.emit(item)
    assert window.project_path == project and window.loaded is not None


def test_start_page_buttons_use_the_same_dialogs_as_the_menus(window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (asked.append(a[1]) or ("", ""))))
    window.start_page.import_button.click()
    window.start_page.open_button.click()
    assert asked == ["Import a deployment config", "Open an audit project"]


def test_dropping_a_config_on_the_start_page_starts_the_audit(window):
    [example] = [p for p in services.example_deployments() if p.stem.startswith("01-")]
    window.handle_dropped([Path(example)])
    assert window.loaded is not None and window.pages.currentWidget() is window.main_splitter
