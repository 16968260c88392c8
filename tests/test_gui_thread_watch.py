"""The GUI-thread watch (tests/gui_thread.py) itself: it sees a read on the driver's own cursor and
a connection taken from the pool, made from the GUI's code on the main thread, and not the same
work on a worker."""

from __future__ import annotations

import threading

from sqlalchemy import create_engine

from tests import gui_thread


def _from_app(body: str) -> dict[str, object]:
    """A function whose code lives, as far as the watch can tell, in app/ (the GUI's code)."""
    scope: dict[str, object] = {}
    exec(compile(f"def probe(engine):\n{body}\n", gui_thread.APP + "probe.py", "exec"), scope)
    return scope


def test_the_watch_sees_a_driver_cursor_read_and_a_pool_checkout_on_the_gui_thread(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as warm:  # the connection exists before the probe: only its reuse is left to see
        warm.connection.driver_connection.execute("CREATE TABLE t (x)")
    gui_thread._seen.clear()
    probe = _from_app("    with engine.connect() as conn:\n"
                      "        cur = conn.connection.driver_connection.cursor()\n"
                      "        cur.execute('SELECT count(*) FROM t')\n"
                      "        cur.fetchall()")["probe"]
    worker = threading.Thread(target=probe, args=(engine,))  # type: ignore[arg-type]
    worker.start()
    worker.join()
    assert gui_thread._seen == [], "work on a worker is not the GUI thread's"
    probe(engine)  # type: ignore[operator]
    seen, gui_thread._seen[:] = list(gui_thread._seen), []
    assert any(s.startswith("a connection taken from the pool on the GUI thread from probe.py") for s in seen), seen
    assert any(s.startswith("SQL on the driver's cursor SELECT on the GUI thread from probe.py") for s in seen), seen
    engine.dispose()
