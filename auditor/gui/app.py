"""Starting the desktop application: environment guard, QApplication, translations, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from auditor.gui.qtenv import sanitize_qt_environment


def create_application(argv: list[str] | None = None):
    """The QApplication (created once), after removing OpenCV's Qt plugin path from the environment."""
    sanitize_qt_environment()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("StoreCameraPrivacyAuditor")
    app.setApplicationName("Store Camera Privacy Auditor")
    app.setDesktopFileName("auditor")         # matches packaging/linux/auditor.desktop (window icon on Wayland)
    from auditor import __version__

    app.setApplicationVersion(__version__)
    return app


def run_gui(project: Path | None = None) -> int:
    """Open the main window (optionally on an audit project or a deployment config) and run the event loop."""
    app = create_application()
    from auditor.gui import services
    from auditor.gui.main_window import MainWindow

    window = MainWindow()
    lang = str(window.settings.value("ui/language", "en"))
    window.set_language(lang)
    services.install_translator(app, lang)
    if project is not None:
        if project.name.endswith(".auditproj.yaml"):
            window.open_project(project)
        else:
            window.load_config(project)
    window.show()
    return app.exec()
