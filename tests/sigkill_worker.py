"""Takes an exam through the real storage code until it is killed (used by test_sigkill.py).

Prints "ACK position choice" after each answer's commit returned, and "CLOCK used monotonic"
after each save of the clock, so the test knows exactly what was acknowledged.
"""

from __future__ import annotations

import sys
import time

from questions.bank import QuestionBank
from questions.blueprints import load_blueprints
from questions.exam import ExamMode, build_exam
from study.exams import ExamService
from study.storage.database import open_database
from tests.conftest import synthetic_bank


def main(url: str) -> None:
    bp = load_blueprints()
    a5 = bp.get("A5")
    bank = QuestionBank(tuple(synthetic_bank(a5)))
    service = ExamService(open_database(url), bank, bp)
    active = service.start(build_exam(a5, bank.questions, ExamMode.FULL, seed=42))
    active.start()
    last_save = time.monotonic()
    i = 0
    while True:
        choice = "ABCD"[i % 4]
        active.answer(choice)
        print(f"ACK {active.run.position} {choice}", flush=True)
        if time.monotonic() - last_save >= 0.2:
            active.save_clock()
            last_save = time.monotonic()
            print(f"CLOCK {active.run.time_used():.4f} {last_save:.4f}", flush=True)
        if not active.next():
            active.go(0)
        i += 1
        time.sleep(0.03)


if __name__ == "__main__":
    main(sys.argv[1])
