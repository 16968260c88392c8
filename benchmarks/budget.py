"""Each benchmark's figures beside their budgets; a figure over its budget makes the run fail.

    budgets = Budgets()
    budgets.under("key press to next question painted p95", key_p95, 16.0, "ms")
    budgets.ratio("one answer committed", commit, floor, 3.0)
    sys.exit(budgets.verdict())
"""

from __future__ import annotations

import math


class Budgets:
    def __init__(self) -> None:
        self.over: list[str] = []

    def under(self, name: str, value: float, budget: float, unit: str, note: str = "") -> None:
        """An absolute figure: at most `budget`."""
        ok = math.isfinite(value) and value <= budget
        self._line(f"{name:44} {value:8.2f} {unit:3} (budget {budget:g} {unit}){note}", ok,
                   f"{name}: {value:.2f} {unit} over its budget of {budget:g} {unit}")

    def ratio(self, name: str, value: float, floor: float, budget: float, unit: str = "ms") -> None:
        """A figure beside its floor measured in the same run: at most `budget` times the floor."""
        times = value / floor if floor > 0 else math.inf
        ok = math.isfinite(times) and times <= budget
        self._line(f"{name:44} {value:8.2f} {unit:3} {times:5.2f}x floor  (budget {budget:g}x)", ok,
                   f"{name}: {times:.2f}x its floor, over its budget of {budget:g}x")

    def zero(self, name: str, count: int, note: str = "") -> None:
        """A count that must be 0 (lost answers, failures)."""
        self._line(f"{name:44} {count:8d}     (must be 0){note}", count == 0, f"{name}: {count}, must be 0")

    def fail(self, why: str) -> None:
        print(f"FAILED: {why}")
        self.over.append(why)

    def _line(self, text: str, ok: bool, why: str) -> None:
        print(text + ("" if ok else "   OVER BUDGET"))
        if not ok:
            self.over.append(why)

    def verdict(self) -> int:
        """0 when every figure kept its budget; else 1, after saying which did not."""
        for why in self.over:
            print(f"over budget: {why}")
        return 1 if self.over else 0
