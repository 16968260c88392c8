"""Start the GUI: show the window first, then open the database and load the bank on a worker."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.context import AppContext
from app.theme import apply_theme, confirm_system_theme
from app.workers import run_in_background


def make_settings(args: argparse.Namespace) -> QSettings:
    if args.data_dir:
        return QSettings(str(args.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("ASE Prep", "ASE Prep")


def load_services(args: argparse.Namespace, settings: QSettings | None = None):  # type: ignore[no-untyped-def]
    """Open the data: --db first, then a class-server address saved in Settings, else local SQLite."""
    from study.services import open_services

    saved = str(settings.value("db_url", "") or "") if settings is not None else ""
    return open_services(args.data_dir, args.db or saved or None)


def offer_restore(window, exc, args) -> bool:  # type: ignore[no-untyped-def]
    """A damaged database: offer the newest good backup; the damaged file is set aside, never deleted."""
    from study.storage.backup import BackupError, Backups

    backups = Backups(exc.path)
    good = backups.newest_good()
    if good is None:
        QMessageBox.critical(window, "Your database is damaged",
                             f"{exc}\n\nNo good backup was found in {backups.dir}. The file has not been changed.")
        return False
    answer = QMessageBox.question(
        window, "Your database is damaged",
        f"{exc}\n\nRestore the newest good backup, from {good.taken:%Y-%m-%d %H:%M}? The damaged file is kept "
        "beside it (renamed), never deleted.")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        aside = backups.restore(good, damaged=True)
    except (BackupError, OSError) as e:
        QMessageBox.critical(window, "Restore failed", str(e))
        return False
    QMessageBox.information(window, "Backup restored", f"Restored the copy from {good.taken:%Y-%m-%d %H:%M}. "
                            f"The damaged file was kept as {aside}.")
    return True


_reporting = {"busy": False}


def report_unexpected_error(parent, ctx: AppContext, exc: BaseException, details: str) -> None:  # type: ignore[no-untyped-def]
    """An error nothing else caught: say what happened in words, with the traceback under Details
    and in errors.log in the data folder; the app carries on. A database failure (a class server
    gone, a full disk) gets its own explanation from the study layer."""
    if _reporting["busy"]:
        return  # one dialog at a time; the rest are in the log
    from study.storage.database import explain_failure

    services = ctx.services
    explained = explain_failure(exc, services.db.url) if services is not None else None
    if services is not None:
        try:
            with (services.data_dir / "errors.log").open("a", encoding="utf-8") as f:
                f.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{details}\n")
        except OSError:
            pass
    text = explained or (f"Something went wrong: {exc or exc.__class__.__name__}. Everything you answered "
                         "before this was saved, and the app carries on.")
    box = QMessageBox(QMessageBox.Icon.Warning, "ASE Prep", text, QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    _reporting["busy"] = True
    try:
        box.exec()
    finally:
        _reporting["busy"] = False


def install_error_reporting(parent, ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        previous(exc_type, exc, tb)  # still on stderr
        if isinstance(exc, Exception):
            report_unexpected_error(parent, ctx, exc, "".join(traceback.format_exception(exc_type, exc, tb)))

    sys.excepthook = hook


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
    apply_theme(app, scale, theme=str(settings.value("theme", "system")))
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

    # after the first paint: the system's colour scheme, then the data on a worker
    QTimer.singleShot(0, lambda: confirm_system_theme(app))
    ctx.loader = lambda: load_services(args, settings)

    def ready(services) -> None:  # type: ignore[no-untyped-def]
        ctx.set_services(services)
        if services.location_warning:
            QMessageBox.warning(window, "Your data folder may not be safe", services.location_warning)
        if getattr(args, "command", None) == "open" and getattr(args, "file", None):
            from app.pages.instructor import open_practice_set

            QTimer.singleShot(0, lambda: open_practice_set(window, ctx, str(args.file)))
        run_in_background(warm_up_heavy_modules, lambda _: None, lambda e, tb: None)

    def failed(exc: BaseException, tb: str) -> None:
        from study.storage.backup import CorruptDatabase

        if isinstance(exc, CorruptDatabase) and offer_restore(window, exc, args):
            QTimer.singleShot(0, lambda: run_in_background(ctx.loader, ready, failed))
            return
        QMessageBox.critical(window, "ASE Prep cannot open its data", str(exc))
        window.show_load_error(str(exc))

    QTimer.singleShot(0, lambda: run_in_background(ctx.loader, ready, failed))
    if not exec_loop:
        return window
    install_error_reporting(window, ctx)
    code = app.exec()
    window.shutdown()
    return code
