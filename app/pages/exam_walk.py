"""A review walk: "Review flagged" or "Review unanswered" goes through only those questions, as the
test-center driver does; Next past the last one goes back to the review screen. The questions are
the ones that were flagged (or unanswered) when the walk began, so answering one or taking its flag
off does not make Next skip ahead."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Walk:
    which: str  # "flagged" or "unanswered"
    positions: tuple[int, ...]

    def after(self, position: int) -> int | None:
        """The walk's next question after `position`, or None past its last."""
        return next((p for p in self.positions if p > position), None)

    def before(self, position: int) -> int | None:
        return next((p for p in reversed(self.positions) if p < position), None)

    def is_last(self, position: int) -> bool:
        return self.after(position) is None

    def note(self, position: int) -> str:
        if position not in self.positions:
            return f"Reviewing {self.which} questions only: Next goes to the next one."
        return (f"Reviewing {self.which} questions: {self.positions.index(position) + 1} of "
                f"{len(self.positions)}. Next goes to the next {self.which} one; the review screen (R) ends this.")
