"""The start page: new audit from a file or an example by name, open a project, recent projects, drops."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.gui import services

pytestmark = pytest.mark.gui


def test_first_window_is_the_start_page_with_every_example_described(window):
    import yaml

    assert window.pages.currentWidget() is window.start_page
    page = window.start_page
    examples = services.example_deployments()
    assert page.examples.count() == len(examples) >= 11
    texts = [page.examples.item(i).text() for i in range(page.examples.count())]
    for path, text in zip(examples, texts):
        title, description = text.splitlines()
        assert title == yaml.safe_load(path.read_text(encoding="utf-8"))["title"]     # the file's own title
        assert path.stem not in text and description and ":" not in description[:12] and "`" not in description
    assert texts[2].splitlines()[1].startswith("Emotion / satisfaction analysis at the checkout")
    menu = [a.text() for a in window.menu_examples.actions()]
    assert menu[2] == "Supermarché Prado: checkout satisfaction pilot (SmileLane)"
    window.set_language("fr")
    fr = [page.examples.item(i).text() for i in range(page.examples.count())]
    assert fr[2] == ("Supermarché Prado : pilote de satisfaction en caisse (SmileLane)\n"
                     "Analyse des émotions / de la satisfaction en caisse, avec alertes au personnel")
    assert all(a != b and len(a.splitlines()) == 2 for a, b in zip(fr, texts))        # every one translated
    assert window.menu_examples.actions()[2].text().startswith("Supermarché Prado : pilote")
    assert page.import_button.text().startswith("Partir")
    window.set_language("en")


def test_an_example_without_title_or_comment_still_has_a_name(tmp_path):
    bare = tmp_path / "13-bare-example.yaml"
    bare.write_text("schema_version: 1\nstore: {name: X}\n", encoding="utf-8")
    assert services.example_summary(bare, "en") == ("13 bare example", "")
    assert services.example_summary(tmp_path / "missing.yaml", "fr") == ("missing", "")


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
