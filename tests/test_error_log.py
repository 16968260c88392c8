"""What the app logs and carries on from reaches errors.log in the data folder: a study plan that
could not be rebuilt after an exam (the result itself is stored) is written down there, not lost
on a terminal a desktop launch does not have."""

from __future__ import annotations

import logging

from questions.exam import ExamMode


def test_a_failed_replan_after_an_exam_is_written_to_errors_log(tmp_path):
    from app.application import keep_a_log
    from study.services import open_services

    services = open_services(tmp_path)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        keep_a_log(services.data_dir)
        keep_a_log(services.data_dir)  # a second start of the services: still one handler

        class BrokenPlans:
            def after_exam(self, exam_id: int) -> None:
                raise RuntimeError("the plan could not be rebuilt")

        services.plans = BrokenPlans  # type: ignore[method-assign,assignment]
        exams = services.exams
        active = exams.start(exams.draw(services.blueprints.get("A5"), ExamMode.QUICK10, seed=3))
        active.start()
        active.answer("A")
        result = active.finish()  # runs the after-exam listeners, which never raise (the GUI: on the write worker)
        assert result.score.total == 10
        text = (services.data_dir / "errors.log").read_text(encoding="utf-8")
        assert f"after-exam listener failed for exam {active.exam_id}" in text
        assert "RuntimeError: the plan could not be rebuilt" in text
        assert text.count("after-exam listener failed") == 1
    finally:
        for h in root.handlers:
            if h not in before:
                root.removeHandler(h)
                h.close()
        services.close()
