"""Defects a new user found driving the real window (issue 16 item 8), each pinned by a test."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from auditor.core.model import AuditResult, Severity
from auditor.gui import services
from auditor.project import WaiverEntry, load_project
from tests.gui.conftest import make_finding

pytestmark = pytest.mark.gui


def write_clip(path: Path, frames: int = 6) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (64, 48))
    for i in range(frames):
        img = np.full((48, 64, 3), 40 + 20 * i, np.uint8)
        cv2.rectangle(img, (20, 10), (40, 30), (200, 180, 160), -1)
        writer.write(img)
    writer.release()
    return path


@pytest.fixture
def workspace(tmp_path):
    """A copy of example 01 with one small clip per camera, in a folder of its own."""
    [example] = [p for p in services.example_deployments() if p.stem.startswith("01-")]
    folder = tmp_path / "audit"
    folder.mkdir()
    config = folder / "deployment.yaml"
    shutil.copy(example, config)
    clip = write_clip(folder / "clip.avi")
    return folder, config, clip


def hand_result(window, clip: Path) -> AuditResult:
    """A result for the loaded config whose cameras each have one evidence frame from `clip`."""
    cams = window.loaded.deployment.cameras
    facts = {"cameras": [{"id": c.id, "footage": {"dori_class": "observation", "evidence_frames": [
        {"path": str(clip), "frame_index": 2, "reason": "largest_frontal_face",
         "faces": [{"x": 20, "y": 10, "w": 20, "h": 20, "score": 0.9, "frontal": True}]}]}} for c in cams],
        "derived": {"dpia_required": True, "wp248": {"count": 0, "criteria": []}}}
    findings = [make_finding("GDPR-ART5-1E-RETENTION-72H", Severity.MAJOR, f"camera:{cams[0].id}"),
                make_finding("GDPR-ART30-ROPA", Severity.MINOR, "deployment")]
    from auditor.core.model import InputFile
    from auditor.project import sha256_file

    inputs = [InputFile("config", str(window.loaded.path), window.loaded.sha256),
              InputFile("footage", str(clip), sha256_file(clip))]
    return AuditResult(facts=facts, findings=findings, packs=[], inputs=inputs, tool_version="test",
                       generated_at="2026-11-23T00:00:00+00:00")


def start_previews(qtbot, window) -> None:
    """Wait for the background preview job (it may already have ended)."""
    qtbot.waitUntil(lambda: not window.running, timeout=30_000)


@pytest.fixture
def decode_threads(monkeypatch):
    """Records the thread of every frame decode."""
    from auditor.footage import frames

    seen: list[str] = []
    real = frames.read_frame

    def spy(path, index):
        seen.append(threading.current_thread().name)
        return real(path, index)

    monkeypatch.setattr(frames, "read_frame", spy)
    return seen


def approve_review(monkeypatch, *, mask: tuple[int, int, int, int] | None = None) -> None:
    """Make ReviewDialog.exec step through every frame (as the user would), optionally draw a mask, approve."""
    from PySide6.QtWidgets import QDialog

    from auditor.gui.dialogs.review import ReviewDialog

    def exec_(dialog):
        assert not dialog.approve_button.isEnabled() or len(dialog.items) <= 1
        for i in range(len(dialog.items)):
            dialog.show_item(i)
        if mask:
            dialog.show_item(0)
            dialog.add_mask(*mask)
        dialog.approve_button.click()
        return QDialog.result(dialog)

    monkeypatch.setattr(ReviewDialog, "exec", exec_)


def test_thumbnails_are_decoded_off_the_gui_thread_and_cached(qtbot, window, workspace, decode_threads):
    folder, config, clip = workspace
    assert window.load_config(config)
    result = hand_result(window, clip)
    window._set_result(result)
    window._start(services.previews_job(result), window._on_previews_ready, step="")
    start_previews(qtbot, window)
    main = threading.current_thread().name
    assert decode_threads and main not in decode_threads
    assert not window.cameras.item(0).icon().isNull()
    count = len(decode_threads)
    for _ in range(3):                       # what used to freeze: every refresh decoded every camera again
        window._refresh_all()
        window.set_language("fr")
        window.set_language("en")
    window.project_path = folder / "a.auditproj.yaml"
    assert window.save_project()
    assert len(decode_threads) == count


def test_review_cancel_keeps_nothing_and_approve_keeps_everything(qtbot, window, workspace):
    from auditor.gui.dialogs.review import ReviewDialog

    _folder, config, clip = workspace
    window.load_config(config)
    result = hand_result(window, clip)
    before = repr(result.facts)
    dialog = ReviewDialog(result, "en", window)
    qtbot.addWidget(dialog)
    dialog.add_mask(1, 1, 10, 10)
    dialog.drop_current()
    dialog.reject()
    assert repr(result.facts) == before

    dialog = ReviewDialog(result, "en", window)
    qtbot.addWidget(dialog)
    dialog.add_mask(1, 1, 10, 10)
    dialog.show_item(1)
    dialog.drop_current()
    dialog.accept()
    cams = result.facts["cameras"]
    assert cams[0]["footage"]["evidence_frames"][0]["faces"][-1]["source"] == "assessor"
    assert cams[1]["footage"]["evidence_frames"] == []


def test_reopen_restores_findings_review_masks_assessor_and_notices_changed_inputs(
        qtbot, window, workspace, monkeypatch, settings, no_modal_dialogs):
    from auditor.gui.main_window import MainWindow

    folder, config, clip = workspace
    window.load_config(config)
    window._set_result(hand_result(window, clip))
    approve_review(monkeypatch, mask=(2, 2, 8, 8))
    assert window.review_evidence() and window.act_export.isEnabled()
    window.assessor.setText("A. Durand, DPO")
    window.assessor.textEdited.emit("A. Durand, DPO")
    project_file = folder / "audit.auditproj.yaml"
    window.project_path = project_file
    assert window.save_project()

    again = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(again)
    assert again.open_project(project_file)
    start_previews(qtbot, again)
    assert again.result is not None and len(again.result.findings) == 2
    assert again.review_approved and again.act_export.isEnabled()
    faces = again.result.facts["cameras"][0]["footage"]["evidence_frames"][0]["faces"]
    assert [f.get("source") for f in faces] == [None, "assessor"]
    assert again.assessor.text() == "A. Durand, DPO"
    assert "reviewed" in again.log_view.toPlainText()
    again.dirty = False

    # an edited config: the saved findings and the approval no longer apply, and the user is told why
    config.write_text(config.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    shown = len(no_modal_dialogs)
    third = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(third)
    assert third.open_project(project_file)
    assert third.result is None and not third.review_approved
    title, _text, details = no_modal_dialogs[shown]
    assert "changed" in title.lower() and "deployment.yaml" in details and "SHA-256" in details
    third.dirty = False


def test_a_replaced_clip_is_noticed(qtbot, window, workspace, settings, no_modal_dialogs):
    from auditor.gui.main_window import MainWindow

    folder, config, clip = workspace
    window.load_config(config)
    window._set_result(hand_result(window, clip))
    window.project_path = folder / "p.auditproj.yaml"
    window.save_project()
    write_clip(clip, frames=9)
    other = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(other)
    assert other.open_project(window.project_path)
    assert other.result is None
    assert "clip.avi" in no_modal_dialogs[-1][2]
    other.dirty = False


@pytest.mark.parametrize("body, expected", [
    ("config: 3\nfootage: [{camera: A, path: [1]}]\n", "footage[0].path"),
    ("waivers: [{rule_id: X, subject: d, justification: j, approver: 4, expires: '2027-01-01'}]\n",
     "waivers[0].approver"),
    ("result: {findings: [{id: 1}]}\n", "unknown key"),
    ("footage: [oops]\n", "malformed"),
    ("schema_version: 99\n", "not supported"),
])
def test_hostile_project_files_give_a_message_not_a_traceback(window, tmp_path, no_modal_dialogs, body, expected):
    bad = tmp_path / "bad.auditproj.yaml"
    bad.write_text(body, encoding="utf-8")
    assert not window.open_project(bad)
    title, text, _ = no_modal_dialogs[-1]
    assert "Cannot open" in title and expected in text and str(bad) in text
    assert "Traceback" not in text


@pytest.mark.parametrize("tamper, expected", [
    (lambda raw: raw.replace(b'"GDPR-ART30-ROPA"', b'"GDPR-ART30-ROPX"'), "SHA-256"),
    (None, "missing"),
])
def test_a_tampered_or_missing_result_file_is_reported(qtbot, window, workspace, settings, no_modal_dialogs,
                                                       tamper, expected):
    from auditor.gui.main_window import MainWindow
    from auditor.project import result_file

    folder, config, clip = workspace
    window.load_config(config)
    window._set_result(hand_result(window, clip))
    window.project_path = folder / "t.auditproj.yaml"
    window.save_project()
    sidecar = result_file(window.project_path)
    if tamper is None:
        sidecar.unlink()
    else:
        sidecar.write_bytes(tamper(sidecar.read_bytes()))
    other = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(other)
    assert other.open_project(window.project_path)
    assert other.result is None
    title, _, details = no_modal_dialogs[-1]
    assert "saved audit" in title and expected in details
    other.dirty = False


def test_a_forged_result_with_a_matching_hash_is_refused_with_a_message(window, workspace, no_modal_dialogs):
    import hashlib
    import json

    from auditor.project import load_project as load
    from auditor.project import result_file, save_project

    folder, config, _clip = workspace
    window.load_config(config)
    window.project_path = folder / "f.auditproj.yaml"
    window.save_project()
    project = load(window.project_path)
    project.result = {"findings": [{"id": 1}], "facts": [], "packs": [], "inputs": []}
    save_project(project, window.project_path)
    raw = result_file(window.project_path).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == project.result_sha256 and json.loads(raw)
    assert not window.open_project(window.project_path)
    title, text, _ = no_modal_dialogs[-1]
    assert "Cannot open" in title and "malformed saved audit result" in text


def test_footage_list_add_feedback_and_removal(qtbot, window, workspace):
    from PySide6.QtCore import Qt

    _folder, config, clip = workspace
    window.load_config(config)
    camera = window.loaded.deployment.cameras[0].id
    window.cameras.setCurrentRow(0)
    assert window.add_footage(camera, [clip]) == 1
    assert "1 clip" in window.status_label.text() and camera in window.status_label.text()
    names = [window.footage_list.item(i).text() for i in range(window.footage_list.count())]
    assert any(n.startswith("clip.avi") for n in names)
    assert window.add_footage(camera, [clip]) == 0          # the same clip twice is not added twice
    window.footage_list.setCurrentRow(0)
    assert window.footage_remove.isEnabled()
    window.footage_remove.click()
    assert window.project.footage == []
    assert "Removed clip.avi" in window.status_label.text()
    window.add_footage(camera, [clip])                       # the Delete key removes the selected clip too
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.footage_list.setCurrentRow(0)
    window.footage_list.setFocus()
    qtbot.waitUntil(window.footage_list.hasFocus)
    qtbot.keyClick(window.footage_list, Qt.Key.Key_Delete)
    assert window.project.footage == []


def test_evidence_facts_in_words_and_links_without_a_browser(window, sample_result, monkeypatch):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices, QGuiApplication

    sample_result.findings[0].evidence = {"camera.viewers": ["security", "store_staff"], "camera.has_sign": True,
                                          "camera.ptz_zoom": None}
    window._set_result(sample_result)
    window.table.selectRow(0)
    window.table.setCurrentIndex(window.proxy.index(
        [window.proxy.index(r, 1).data() for r in range(4)].index("GDPR-ART5-1E-RETENTION-72H"), 0))
    text = window.detail.toPlainText()
    assert "security, store_staff" in text and "= yes" in text
    assert "['" not in text and "True" not in text and "None" not in text and "(not declared)" in text
    window.set_language("fr")
    assert "sécurité, personnel du magasin" in window.detail.toPlainText()

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    window.open_externally = True
    window._on_detail_anchor_clicked(QUrl("https://eur-lex.europa.eu/eli/reg/2016/679/oj"))
    assert QGuiApplication.clipboard().text() == "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    assert "eur-lex" in window.status_label.text()


def test_french_interface_has_no_english_left(qtbot, window, workspace, sample_result):
    from PySide6.QtWidgets import QDialogButtonBox

    _folder, config, clip = workspace
    window.load_config(config)
    window._set_result(hand_result(window, clip))
    window.set_language("fr")
    cams = window.loaded.deployment.cameras
    zones = {"entrance": "entrée", "sales_floor": "surface de vente", "checkout": "caisse",
             "stockroom": "réserve", "car_park": "parking"}
    for i, cam in enumerate(cams):
        if cam.zone in zones:
            assert zones[cam.zone] in window.cameras.item(i).text()
    subjects = {window.proxy.index(r, 3).data() for r in range(window.proxy.rowCount())}
    assert f"caméra {cams[0].id}" in subjects and "ensemble du dispositif" in subjects
    window.tabs.setCurrentIndex(window.frame_tab)
    window.cameras.setCurrentRow(0)
    assert "le plus grand visage de face" in window.frame_caption.text()
    assert "largest_frontal_face" not in window.frame_caption.text()
    assert "Store Camera Privacy Auditor" not in window.windowTitle()
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Yes)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"
    window.add_waiver(WaiverEntry("GDPR-ART30-ROPA", "deployment", "Registre en cours.", "J. Martin", "2027-01-31"))
    assert "Dérogation" in window.log_view.toPlainText() and "ensemble du dispositif" in window.log_view.toPlainText()
    window.set_language("en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_menu_mnemonics_are_unique(window, lang):
    window.set_language(lang)
    bar = [m.title() for m in (window.menu_file, window.menu_audit, window.menu_view, window.menu_help)]
    bar += [window.tabs.tabText(i) for i in range(window.tabs.count())]
    bar += [window.assessor_label.text(), window.cameras_title.text()]
    keys = [t[t.index("&") + 1].lower() for t in bar]
    assert len(set(keys)) == len(keys), bar
    for menu in (window.menu_file, window.menu_audit, window.menu_view):
        texts = [a.text() for a in menu.actions() if "&" in a.text()]
        keys = [t[t.index("&") + 1].lower() for t in texts]
        assert len(set(keys)) == len(keys), texts
    window.set_language("en")


def test_readable_at_1024x700(qtbot, window, sample_result):
    window._set_result(sample_result)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    export = window.toolbar.widgetForAction(window.act_export)
    assert export is not None and export.isVisible()
    assert window.toolbar.rect().contains(export.geometry())
    title_width = window.table.horizontalHeader().sectionSize(4)
    assert title_width >= window.fontMetrics().horizontalAdvance("x" * 24)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_camera_list_is_not_clipped_at_1024x700(qtbot, window, workspace, lang):
    _folder, config, clip = workspace
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    window.set_language(lang)
    window.load_config(config)
    result = hand_result(window, clip)
    result.facts["cameras"][0]["footage"]["dori_class"] = "identification"       # the longest DORI class
    window._set_result(result)
    window._on_previews_ready(services.redacted_previews(result))                   # thumbnails, as after an audit
    qtbot.wait(50)
    cams, fm = window.cameras, window.cameras.fontMetrics()
    assert not cams.item(0).icon().isNull()
    assert cams.horizontalScrollBar().maximum() == 0
    pane = window.main_splitter.widget(0)
    assert pane.width() >= cams.minimumWidth() and cams.width() <= pane.width()      # the pane shows all of it
    for i in range(cams.count()):
        widest = max(fm.horizontalAdvance(line) for line in cams.item(i).text().splitlines())
        assert cams.iconSize().width() + widest < cams.viewport().width(), cams.item(i).text()
    assert window.tabs.width() >= 1024 * 0.6                                          # the pages keep most room
    window.dirty = False
    window.set_language("en")


def test_exports_default_to_the_project_folder_and_are_logged(window, sample_result, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window._set_result(sample_result)
    window.project_path = tmp_path / "store.auditproj.yaml"
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: asked.append(a[2]) or ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (asked.append(a[2]) or ("", ""))))
    window._on_export_data_triggered()
    window.review_approved = True
    window._on_export_triggered()
    assert asked[0] == str(tmp_path) and Path(asked[1]).parent == tmp_path
    window.export_data(tmp_path)
    window.add_waiver(WaiverEntry("GDPR-ART30-ROPA", "activity:rec", "Accepted.", "J. Martin", "2027-01-31"))
    actions = [(e.action, e.params.get("kind", e.params.get("rule"))) for e in window.project.audit_log]
    assert ("exported", "json") in actions and ("exported", "sarif") in actions
    assert ("waiver_added", "GDPR-ART30-ROPA") in actions
    window.project_path = tmp_path / "store.auditproj.yaml"
    window.save_project()
    assert [e.action for e in load_project(window.project_path).audit_log].count("exported") == 2


def test_window_state_and_splitters_are_restored(qtbot, window, settings, sample_result):
    from auditor.gui.main_window import MainWindow

    window._set_result(sample_result)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    window.main_splitter.setSizes([300, 700])
    window.findings_splitter.setSizes([200, 400])
    main, findings = window.main_splitter.sizes(), window.findings_splitter.sizes()
    window.close()
    again = MainWindow(settings=settings, open_externally=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.main_splitter.sizes()[0] == main[0] and again.findings_splitter.sizes() == findings


def test_redacted_copy_of_a_clip_from_the_footage_list(qtbot, window, workspace, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    folder, config, clip = workspace
    window.load_config(config)
    camera = window.loaded.deployment.cameras[0].id
    window.cameras.setCurrentRow(0)
    window.add_footage(camera, [clip])
    window.footage_list.setCurrentRow(0)
    assert window.selected_clip() == clip and window.act_export_clip.isEnabled()
    target = folder / "out" / "clip-redacted.mp4"
    target.parent.mkdir()
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a: (asked.append(a[2]) or (str(target), ""))))
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=120_000):
        window.act_export_clip.trigger()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert outcomes == ["exported"], window.problems.toPlainText()
    assert Path(asked[0]).name == "clip-redacted.mp4"
    assert target.is_file() and target.stat().st_size > 0
    assert window.status_label.text().startswith("Redacted copy written to clip-redacted.mp4")   # not a late note
    assert window.project.audit_log[-1].params == {"kind": "redacted clip", "file": "clip-redacted.mp4"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_failed_export_says_what_failed_not_that_the_audit_failed(qtbot, window, workspace, no_modal_dialogs, lang):
    """The message of a failed job names that job (an export is not an audit), in the window's language."""
    folder, config, _ = workspace
    window.set_language(lang)
    window.load_config(config)
    broken = folder / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 50)
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=60_000):
        window.export_redacted_clip(broken, folder / "out.mp4")
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    expected = {"en": "The redacted copy of broken.mp4 could not be written",
                "fr": "La copie masquée de broken.mp4 n'a pas pu être écrite"}[lang]
    assert outcomes == ["failed"] and no_modal_dialogs[-1][0] == expected
    assert window.status_label.text() == expected + "."
    assert window.problems.toPlainText() == f"{broken}: not a video or image file: its content matches no known " \
                                           "container (named .mp4)"        # the file named, no exception class
    assert not (folder / "out.mp4").exists()


def test_cancelling_a_redacted_copy_writes_nothing(qtbot, window, workspace):
    folder, config, clip = workspace
    window.load_config(config)
    target = folder / "clip-redacted.mp4"
    outcomes: list[str] = []
    window.audit_finished.connect(outcomes.append)
    with qtbot.waitSignal(window.audit_finished, timeout=120_000):
        window.export_redacted_clip(clip, target)
        window.cancel_run()
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert outcomes == ["cancelled"] and not target.exists()
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_menu_action_is_reachable_from_the_keyboard(window, lang):
    """Each action has a shortcut or a mnemonic in its menu (and each menu a mnemonic in the menu bar)."""
    window.set_language(lang)
    missing = []

    def walk(menu):
        assert "&" in menu.title(), menu.title()
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu())
            elif action in window.menu_recent.actions() or action in window.menu_examples.actions():
                continue                                  # file names, reached with the arrow keys
            elif "&" not in action.text() and action.shortcut().isEmpty():
                missing.append(action.text())

    for menu in (window.menu_file, window.menu_audit, window.menu_view, window.menu_help):
        walk(menu)
    assert missing == []
    window.set_language("en")


def test_preview_is_rendered_for_the_screen_pixel_ratio(qtbot):
    import io

    from PySide6.QtGui import QImage
    from reportlab.pdfgen import canvas

    from auditor.gui.preview import render_page

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(200, 100))
    pdf.drawString(10, 50, "page")
    pdf.showPage()
    pdf.save()
    one, count = render_page(buf.getvalue(), 0, 1.0)
    two, _ = render_page(buf.getvalue(), 0, 2.0)
    assert count == 1 and isinstance(one, QImage)
    assert (one.width(), one.height()) == (200, 100) and (two.width(), two.height()) == (400, 200)


def test_a_jobs_outcome_is_handled_on_the_gui_thread(qtbot, window, sample_result):
    """The completion callback touches widgets: it must run on the GUI thread, never on the worker thread
    (a plain closure connected to the worker's signal ran there and crashed the process now and then)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    window._set_result(sample_result)
    threads: list[bool] = []

    def job(*, progress, cancel):
        return QThread.currentThread() is QApplication.instance().thread()

    def done(on_gui_thread_in_job):
        threads.append(on_gui_thread_in_job)
        threads.append(QThread.currentThread() is QApplication.instance().thread())

    window._start(job, done, step="test")
    qtbot.waitUntil(lambda: not window.running, timeout=10_000)
    assert threads == [False, True]          # the job ran on the worker; its outcome on the GUI thread


def test_progress_of_a_finished_or_replaced_job_is_ignored(qtbot, window):
    """A progress note queued before the outcome, or from an earlier job, never overwrites the final status."""
    window.status_label.setText("final")
    window._job_id, window._task_ended = 7, True
    window._on_worker_progressed(7, 1, 2, "late note of the finished job")
    window._task_ended = False
    window._on_worker_progressed(6, 1, 2, "note of an earlier job")
    window._on_worker_succeeded(6, "stale result")
    assert window.status_label.text() == "final" and not window._task_ended
    window._on_worker_progressed(7, 1, 2, "note of the running job")
    assert window.status_label.text() == "note of the running job"


def test_many_short_jobs_end_cleanly_and_the_worker_comes_back_to_the_gui_thread(qtbot, window):
    """A worker deleted on its own thread (deleteLater) while the window dropped it on the GUI thread was deleted
    twice now and then (SIGSEGV in CI). The worker now returns to the GUI thread, and the thread has ended when the
    window lets it go."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    gui = QApplication.instance().thread()
    seen: list[bool] = []
    for n in range(40):
        window._start(lambda *, progress, cancel, n=n: n, lambda _: None, step="")
        worker, thread = window._worker, window._thread
        thread.finished.connect(lambda w=worker: seen.append(w.thread() is gui), Qt.ConnectionType.DirectConnection)
        qtbot.waitUntil(lambda: not window.running, timeout=10_000)
        del worker, thread
    assert seen == [True] * 40
