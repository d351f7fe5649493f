"""Run-time hook of the bundle: with AUDITOR_GUI_SMOKE_TEST=1, `auditor gui` opens its window, paints it and quits.

The build script (packaging/build.py) uses it to check the bundled GUI headless (QT_QPA_PLATFORM=offscreen)
and to time its start-up. Without the variable this hook does nothing and imports nothing.
"""


def _install_smoke_test() -> None:
    import os

    if os.environ.get("AUDITOR_GUI_SMOKE_TEST") != "1":
        return
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    def _report_and_quit() -> None:
        app = QApplication.instance()
        app.processEvents()
        shown = [w for w in app.topLevelWidgets() if w.isVisible()]
        for w in shown:
            w.grab()                        # paints every child widget once
        titles = "; ".join(f"{type(w).__name__} {w.windowTitle()!r}" for w in shown)
        print(f"gui smoke test: {len(shown)} window(s) shown: {titles}", flush=True)
        app.exit(0 if shown else 3)

    def exec_then_quit(*_args):             # QApplication.exec is static; app.exec() passes no self here
        QTimer.singleShot(0, _report_and_quit)
        return original_exec()

    QApplication.exec = staticmethod(exec_then_quit)


_install_smoke_test()
del _install_smoke_test
