"""Kill -9 mid-exam: nothing acknowledged is lost, and the clock loses at most a second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from questions.bank import QuestionBank
from study.exams import ExamService
from study.storage.database import open_database
from tests.conftest import synthetic_bank

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("SIGKILL_RUNS", "20"))


@pytest.mark.slow
@pytest.mark.parametrize("run", range(RUNS))
def test_sigkill_mid_exam_loses_nothing_acknowledged(tmp_path, blueprints, run):
    url = f"sqlite:///{tmp_path / 'kill.sqlite3'}"
    open_database(url).dispose()  # migrate first, so the worker starts answering at once
    proc = subprocess.Popen([sys.executable, "-m", "tests.sigkill_worker", url], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    acked: dict[int, str] = {}
    last_clock = None
    target = 25 + 7 * run  # kill at a different moment each run
    n = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        parts = line.split()
        if parts[0] == "ACK":
            acked[int(parts[1])] = parts[2]
            n += 1
        elif parts[0] == "CLOCK":
            last_clock = (float(parts[1]), float(parts[2]))
        if n >= target and last_clock is not None:
            break
    kill_at = time.monotonic()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL

    a5 = blueprints.get("A5")
    service = ExamService(open_database(url), QuestionBank(tuple(synthetic_bank(a5))), blueprints)
    pending = service.in_progress()
    assert pending is not None, "the killed exam is not offered for resume"
    resumed = service.resume(pending.id)
    stored = {i: s.choice for i, s in enumerate(resumed.run.states) if s.choice is not None}
    for pos, choice in acked.items():
        assert stored.get(pos) == choice, f"answer at position {pos} was acknowledged but lost"
    used_at_clock, stamp = last_clock
    true_used = used_at_clock + (kill_at - stamp)
    saved = resumed.run.time_used()
    assert saved <= true_used + 0.05
    assert true_used - saved <= 1.0, f"lost {true_used - saved:.2f} s of the timer"
    assert resumed.run.remaining() == pytest.approx(75 * 60 - saved)
