"""Start the GUI: show the window first, then open the database and load the bank on a worker."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.messages import fail, warn
from app.theme import apply_theme, confirm_system_theme
from study.day_words import moment_text


def make_settings(args: argparse.Namespace) -> QSettings:
    if args.data_dir:
        return QSettings(str(args.data_dir / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings("ASE Prep", "ASE Prep")


def load_services(args: argparse.Namespace, settings: QSettings | None = None,  # type: ignore[no-untyped-def]
                  content: Any = None):
    """Open the data: --db first, then a class-server address saved in Settings, else local SQLite.
    `content`: the bank as `first_look` loaded it (not loaded again unless its files have changed)."""
    from study.services import open_services

    saved = str(settings.value("db_url", "") or "") if settings is not None else ""
    return open_services(args.data_dir, args.db or saved or None, content)


def first_look(folder: Path | None) -> tuple[Any, Any]:
    """Before the database layer loads (on a worker): the bank from its cache (compared with its files
    while the services load), and what Home showed at the last close if the database has not changed
    since (study/storage/snapshot.py). No folder (a database named by --db or Settings, a class
    server): (None, None), the full path."""
    if folder is None:
        return None, None
    from study.fast_start import kept_content, kept_figures

    loaded = kept_content(folder)
    return loaded, kept_figures(folder, loaded)


def local_backups(args: argparse.Namespace, settings: QSettings | None = None):  # type: ignore[no-untyped-def]
    from study.services import local_backups as backups_for

    saved = str(settings.value("db_url", "") or "") if settings is not None else ""
    return backups_for(args.data_dir, args.db or saved or None)


def newest_good_backup(exc: Any) -> Any:
    """On a worker: the newest backup of the damaged file that passes its checks (each copy is opened
    and checked whole), or None."""
    from study.storage.backup import Backups

    return Backups(exc.path).newest_good()


def offer_restore(window: Any, ctx: AppContext, exc: Any, good: Any) -> Any:
    """A damaged, unreadable or half-upgraded database: offer the newest good backup (`good`, found by
    `newest_good_backup`). Returns the copy the person chose to restore, or None (the file has not
    been changed)."""
    from study.storage.backup import Backups

    said = getattr(exc, "what", "") or str(exc)  # what is wrong; the command line's advice is not for this dialog
    if good is None:
        ctx.dialogs.fail(window, "Your database is damaged", f"{said}\n\nNo good backup was found in "
                         f"{Backups(exc.path).dir}. The file has not been changed.")
        return None
    if not ctx.dialogs.confirm(window, "Your database is damaged",
                               f"{said}\n\nRestore the newest good backup, from {moment_text(good.taken)}? The "
                               "damaged file is kept beside it (renamed), never deleted."):
        return None
    return good


def restore_damaged(exc: Any, good: Any) -> Path | None:
    """Put the good copy in the damaged file's place (the damaged one kept beside it, renamed)."""
    from study.storage.backup import Backups

    return Backups(exc.path).restore(good, damaged=True)


_reporting = {"busy": False}


def report_unexpected_error(parent, ctx: AppContext, exc: BaseException, details: str) -> None:  # type: ignore[no-untyped-def]
    """An error nothing else caught: say what happened in words, with the traceback under Details
    and in errors.log in the data folder; the app carries on. A database failure (a class server
    gone, a full disk) gets its own explanation from the study layer."""
    if _reporting["busy"]:
        return  # one dialog at a time; the rest are in the log
    from study.storage.failures import explain_failure

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
    _reporting["busy"] = True
    try:
        warn(parent, "ASE Prep", text, details)
    finally:
        _reporting["busy"] = False


def keep_a_log(data_dir: Path) -> None:
    """Warnings and errors the app logs and carries on from (an after-exam re-plan that failed, an
    outbox entry refused) go to errors.log in the data folder, beside the unexpected errors: a GUI
    started from the desktop has no terminal to print them on."""
    import logging

    path = (data_dir / "errors.log").resolve()
    root = logging.getLogger()
    if any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        return
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)  # opened at the first record
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("--- %(asctime)s %(levelname)s %(name)s\n%(message)s"))
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)


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


def hand_over(instance, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    """Another copy runs on this data folder: give it this start's file (or bring it to the front)."""
    file = getattr(args, "file", None) if getattr(args, "command", None) == "open" else None
    message = {"open": str(Path(file).absolute())} if file else {}
    if instance.hand_over(message):
        what = f"it opens {Path(file).name}" if file else "its window is brought to the front"
        print(f"ASE Prep is already running for {instance.folder}; {what}.", file=sys.stderr)
        return 0
    text = (f"ASE Prep is already running for {instance.folder} (process {instance.holder or 'unknown'}) but did "
            "not answer. Close that copy (or wait until it has finished starting), then try again. Two copies on one "
            "data folder could overwrite each other's answers, so this one does not start.")
    print(text, file=sys.stderr)
    fail(None, "ASE Prep is already running", text)
    return 1


def connect_once(signal: Any, slot: Callable[[], object]) -> None:
    """`slot` at the signal's next emission only. Qt.ConnectionType.SingleShotConnection does the same
    but touching it creates PySide's Qt namespace (~20 ms), here before Home is ready."""
    def once(*_args: object) -> None:
        signal.disconnect(once)
        slot()

    signal.connect(once)


def on_request(window, ctx: AppContext, message: dict) -> None:  # type: ignore[no-untyped-def, type-arg]
    """A later start handed this copy a request: come to the front, and open the practice set it names."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
    path = message.get("open")
    if not isinstance(path, str) or not path:
        return
    if ctx.services is None:  # still loading: open it once the data is ready
        connect_once(ctx.ready, lambda: on_request(window, ctx, message))
        return
    if window.exam_running():
        where = ("Instructor > Class results" if Path(path).suffix.lower() == ".aseresult"
                 else "Practice > Open practice set")
        ctx.dialogs.inform(window, "ASE Prep", f"ASE Prep was asked to open {Path(path).name}. Pause or finish this "
                           f"exam first, then open it from {where}.")
        return
    open_file(window, ctx, path)


def open_file(window: Any, ctx: AppContext, path: str) -> None:
    """A file given at start or handed over by a later start (a double-click in the file manager): a
    student's .aseresult is imported on Instructor > Class results, anything else opens as a practice set."""
    if Path(path).suffix.lower() == ".aseresult":
        from app.pages.instructor import ResultFiles

        ctx.go("instructor", ResultFiles((path,)))
        return
    from app.starting import open_practice_set

    open_practice_set(ctx, window, path)


def set_app_icon(app: QApplication) -> None:
    """The window's icon (the same one the desktop entry uses), set after the first paint: the SVG
    reader is a plugin that need not load before the window shows."""
    from PySide6.QtGui import QIcon

    from questions.blueprints import RESOURCES

    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "ase-prep.svg")))


def collect_garbage_again() -> None:
    """Turn the cyclic garbage collector back on once the data has loaded (main.py pauses it for
    the start). What the start made lives as long as the app, so it is set aside first
    (`gc.freeze`): later collections, during an exam, need not walk it (a full one would take tens
    of milliseconds). The few hundred objects of garbage a start leaves stay with it."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(args: argparse.Namespace, *, exec_loop: bool = True,  # type: ignore[no-untyped-def]
            collect_when_loaded: bool = False):
    """The app. With `collect_when_loaded`, the caller paused the garbage collector for the start:
    it is turned back on once the data has loaded, or has failed to."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("ASE Prep")
    app.setOrganizationName("ASE Prep")
    app.setDesktopFileName("ase-prep")  # the desktop entry `ase-prep desktop install` writes (its icon, on Wayland)
    from app.single_instance import AppInstance, data_folder

    instance = AppInstance(data_folder(args.data_dir))
    if not instance.claim():
        return hand_over(instance, args)
    app.aboutToQuit.connect(instance.release)
    settings = make_settings(args)
    scale = float(str(settings.value("text_scale", 1.0)))
    apply_theme(app, scale, theme=str(settings.value("theme", "system")))
    ctx = AppContext(settings)

    from app.main_window import MainWindow

    window = MainWindow(ctx)
    ctx.ops.report_error = lambda e, tb: report_unexpected_error(window, ctx, e, tb)
    window.instance = instance  # type: ignore[attr-defined]  # kept while the window lives
    window.show()
    if os.environ.get("ASE_PREP_EXIT_WHEN_SHOWN"):  # benchmarks/bench_startup.py: time to first paint
        def shown() -> None:
            print(f"SHOWN {time.time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, shown)
        return app.exec()

    # after the first paint: a first look at the data on a worker; once Home shows what is stored, the
    # services load, the system's colour scheme is asked (asking creates PySide's Qt namespace, ~20 ms)
    # and later starts' requests are answered (they wait)
    QTimer.singleShot(0, lambda: look())
    instance.request.connect(lambda message: on_request(window, ctx, message))
    looked: dict[str, Any] = {}  # the bank first_look loaded, and the services once opened (even if never shown)

    def open_all() -> Any:
        looked.pop("services", None)
        looked["services"] = services = load_services(args, settings, looked.get("content"))
        return services

    ctx.loader = open_all
    ctx.local_backups = lambda: local_backups(args, settings)
    window.snapshot_on_close = True  # Home's figures kept for the next start
    window.opened = lambda: looked.get("services")

    def ready(services: Any) -> None:
        looked.pop("services", None)
        if collect_when_loaded:
            collect_garbage_again()
        keep_a_log(services.data_dir)
        ctx.set_services(services)
        if services.location_warning:
            ctx.dialogs.warn(window, "Your data folder may not be safe", services.location_warning)
        if services.backup_warning:
            ctx.dialogs.warn(window, "A backup failed", services.backup_warning)
        if getattr(args, "command", None) == "open" and getattr(args, "file", None):
            QTimer.singleShot(0, lambda: open_file(window, ctx, str(args.file)))
        # the chart stack once Home shows what is stored: imported sooner, it holds the interpreter
        # while Home's own reads wait (it takes longer than all of them)
        connect_once(window.page("home").filled,  # type: ignore[attr-defined]
                     lambda: ctx.ops.read(warm_up_heavy_modules, lambda _: None, lambda e, tb: None))

    def look() -> None:
        local = None if args.db or str(settings.value("db_url", "") or "") else instance.folder
        ctx.ops.read(lambda: first_look(local), looked_first, lambda e, tb: load())

    def looked_first(result: tuple[Any, Any]) -> None:
        looked["content"], figures = result
        if figures is None:
            load()
            return
        home = window.page("home")  # the services load once it shows the kept figures, not beside it
        connect_once(home.filled, load)  # type: ignore[attr-defined]
        home.show_kept(figures)  # type: ignore[attr-defined]

    def load() -> None:
        assert ctx.loader is not None
        ctx.ops.write(ctx.loader, ready, failed)  # opening may upgrade the database: a write
        QTimer.singleShot(0, lambda: confirm_system_theme(app))
        instance.listen()
        set_app_icon(app)

    def failed(exc: BaseException, tb: str) -> None:
        looked.pop("services", None)
        ctx.loading_failed()
        if collect_when_loaded:
            collect_garbage_again()
        from study.storage.backup import CorruptDatabase

        if isinstance(exc, CorruptDatabase):  # the backups are checked on a worker, then offered
            ctx.ops.read(lambda: newest_good_backup(exc), lambda good: offer(exc, good), lambda e, tb: cannot_open(exc))
            return
        cannot_open(exc)

    def offer(exc: Any, found: Any) -> None:
        from study.storage.backup import BackupError

        good = offer_restore(window, ctx, exc, found)
        if good is None:
            cannot_open(exc)
            return

        def restored(aside: Any) -> None:
            ctx.dialogs.inform(window, "Backup restored", f"Restored the copy from {moment_text(good.taken)}. "
                               f"The damaged file was kept as {aside}.")
            load()

        def not_restored(e: BaseException, tb: str) -> None:
            if not isinstance(e, BackupError | OSError):
                raise e
            ctx.dialogs.fail(window, "Restore failed", str(e))
            cannot_open(exc)

        ctx.ops.write(lambda: restore_damaged(exc, good), restored, not_restored)

    def cannot_open(exc: BaseException) -> None:
        ctx.dialogs.fail(window, "ASE Prep cannot open its data", str(exc))
        kept = local_backups(args, settings)
        hint = " Help > Restore backup can put a backup copy in its place." if kept is not None and kept.all() else ""
        window.show_load_error(f"{exc}{hint}")

    if os.environ.get("ASE_PREP_EXIT_WHEN_LOADED"):  # benchmarks/bench_startup.py: until every service is loaded
        def loaded() -> None:
            print(f"LOADED {time.time():.6f}", flush=True)
            app.quit()

        ctx.ready.connect(loaded)
    if os.environ.get("ASE_PREP_EXIT_WHEN_READY"):  # benchmarks/bench_startup.py: time to ready
        def filled() -> None:
            print(f"READY {time.time():.6f}", flush=True)
            app.quit()

        window.page("home").filled.connect(filled)  # type: ignore[attr-defined]
    if not exec_loop:
        return window
    install_error_reporting(window, ctx)
    code = app.exec()
    window.shutdown()
    return code
