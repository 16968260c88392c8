"""Start the GUI: show the window first, then open the database and load the bank on a worker."""

from __future__ import annotations

import argparse
import os
import sys
import time

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from app.theme import apply_theme
from app.workers import run_in_background


def make_settings(args: argparse.Namespace) -> QSettings:
    if args.data_dir:
        return QSettings(str(args.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("ASE Prep", "ASE Prep")


def load_services(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from study.services import open_services

    return open_services(args.data_dir, args.db)


def warm_up_heavy_modules() -> None:
    """Import the chart stack in the background so the first chart does not stall the GUI."""
    import matplotlib

    matplotlib.use("QtAgg")
    import matplotlib.backends.backend_qtagg  # noqa: F401
    import matplotlib.figure  # noqa: F401


def run_gui(args: argparse.Namespace, *, exec_loop: bool = True):  # type: ignore[no-untyped-def]
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ASE Prep")
    app.setOrganizationName("ASE Prep")
    settings = make_settings(args)
    scale = float(settings.value("text_scale", 1.0))
    apply_theme(app, scale)
    ctx = AppContext(settings)

    from app.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    if os.environ.get("ASE_PREP_EXIT_WHEN_SHOWN"):  # benchmarks/bench_startup.py: time to first paint
        def shown() -> None:
            print(f"SHOWN {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
        return app.exec()

    def ready(services) -> None:  # type: ignore[no-untyped-def]
        ctx.set_services(services)
        run_in_background(warm_up_heavy_modules, lambda _: None, lambda e, tb: None)

    def failed(exc: BaseException, tb: str) -> None:
        QMessageBox.critical(window, "ASE Prep cannot open its data", str(exc))
        window.show_load_error(str(exc))

    QTimer.singleShot(0, lambda: run_in_background(lambda: load_services(args), ready, failed))
    if not exec_loop:
        return window
    code = app.exec()
    window.shutdown()
    return code
