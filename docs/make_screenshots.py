"""Screenshots of the desktop app for the README: the real window under Xvfb (a real X screen), grabbed from the screen.

    xvfb-run -s "-screen 0 1440x900x24" .venv/bin/python docs/make_screenshots.py docs/screenshots

The example is opened from a temporary copy of the bundled examples (in a folder named `audit-demo`) with
settings of its own, so no path of this machine and no recent project of the user appears in any picture.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from auditor.gui.app import create_application

EXAMPLE = "11-anonymous-camera-id-grade"


def main(out: Path) -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795424400")        # 2026-11-23, the examples' audit date
    app = create_application()
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from auditor.gui import services
    from auditor.gui.dialogs.review import ReviewDialog
    from auditor.gui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="auditor-shots-"))
    demo = work / "audit-demo"
    shutil.copytree(services.example_deployments()[0].parent, demo)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, open_externally=False)
    window.resize(1280, 800)
    window.move(20, 20)
    window.show()

    def settle(ms: int = 500) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def wait_task(start) -> None:
        done = QEventLoop()
        window.audit_finished.connect(done.quit)
        start()
        if window.running:
            done.exec()
        window.audit_finished.disconnect(done.quit)
        while window.running:
            settle(100)

    def shot(name: str) -> None:
        settle()
        app.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(out / name))
        print("wrote", out / name)

    # a saved project in the demo folder, so that the start page lists a recent project by name
    window.open_example(demo / f"{EXAMPLE}.yaml")
    window.assessor.setText("A. Durand, DPO")
    window.assessor.textEdited.emit("A. Durand, DPO")
    window.project_path = demo / "store-paris.auditproj.yaml"
    window.save_project()
    window.show_start_page()
    window.start_page.resume_button.hide()
    window.start_page.examples.setCurrentRow(2)
    shot("start-en.png")
    window.set_language("fr")
    shot("start-fr.png")
    window.set_language("en")

    window.show_workspace()
    wait_task(window.run_audit)
    window.tabs.setCurrentWidget(window.overview)
    shot("overview-en.png")

    window.tabs.setCurrentWidget(window.questions)
    q = window.questions
    q.table.setCurrentCell(0, 1)                    # a fact the config does not declare: answered with its value
    q.give_value.setChecked(True)
    q.value.setText("no")
    q.note.setPlainText("No AI-literacy training yet: the store manager's training plan starts in January.")
    shot("questions-en.png")

    dialog = ReviewDialog(window.result, window.lang, window, cache=window.previews)
    for i in range(len(dialog.items)):
        dialog.show_item(i)
    dialog.accept()
    window.review_approved = window.result.evidence_reviewed = True
    window._refresh_all()
    wait_task(window.build_preview)
    shot("preview-en.png")

    window.set_language("fr")
    window.tabs.setCurrentWidget(window.overview)
    shot("overview-fr.png")
    window.tabs.setCurrentWidget(window.questions)
    q.table.setCurrentCell(0, 1)
    q.give_value.setChecked(True)
    q.value.setText("non")
    q.note.setPlainText("Pas encore de formation à l'IA : le plan de formation de la gérante commence en janvier.")
    shot("questions-fr.png")
    wait_task(window.build_preview)
    shot("preview-fr.png")

    window.dirty = False
    window.close()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
