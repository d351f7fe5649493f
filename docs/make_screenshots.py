"""Screenshots of the desktop app for the README: run under Xvfb (a real X screen), captured from the screen.

    xvfb-run -s "-screen 0 1440x900x24" .venv/bin/python docs/make_screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from auditor.gui.app import create_application


def main(out: Path) -> int:
    app = create_application()
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from auditor.gui import services
    from auditor.gui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, open_externally=False)
    window.resize(1400, 860)
    window.move(20, 20)
    window.show()

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(name: str) -> None:
        settle()
        app.primaryScreen().grabWindow(0).copy(window.frameGeometry()).save(str(out / name))
        print("wrote", out / name)

    example = next(p for p in services.example_deployments() if p.stem.startswith("03-"))
    window.open_example(example)
    done = QEventLoop()
    window.audit_finished.connect(lambda _: done.quit())
    window.run_audit()
    done.exec()
    window.table.selectRow(0)
    shot("findings-en.png")
    window.tabs.setCurrentIndex(1)
    window.cameras.setCurrentRow(2)
    shot("frame-redacted-en.png")
    window.set_language("fr")
    window.tabs.setCurrentIndex(2)
    shot("dpia-criteria-fr.png")
    window.dirty = False
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
