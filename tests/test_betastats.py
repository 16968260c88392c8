"""Beta quantiles against closed forms and known values."""

from __future__ import annotations

import pytest

from study.analytics.betastats import beta_cdf, beta_ppf


@pytest.mark.parametrize("p", [0.01, 0.1, 0.5, 0.9, 0.99])
def test_uniform_and_closed_forms(p):
    assert beta_ppf(p, 1, 1) == pytest.approx(p, abs=1e-9)
    assert beta_ppf(p, 2, 1) == pytest.approx(p ** 0.5, abs=1e-9)  # CDF x^2
    assert beta_ppf(p, 1, 3) == pytest.approx(1 - (1 - p) ** (1 / 3), abs=1e-9)  # CDF 1-(1-x)^3


def test_known_values_and_round_trip():
    assert beta_cdf(0.5, 2, 3) == pytest.approx(0.6875)
    assert beta_ppf(0.1, 2, 3) == pytest.approx(0.142559, abs=1e-6)
    for a, b in [(0.5, 0.5), (3.3, 40.1), (400, 120), (12, 12)]:
        for p in (0.1, 0.9):
            assert beta_cdf(beta_ppf(p, a, b), a, b) == pytest.approx(p, abs=1e-9)


def test_quantiles_take_a_few_cdf_evaluations_not_a_bisection(monkeypatch):
    """The ranking computes two quantiles per area on every refresh: Halley steps should land in a
    handful of CDF evaluations (a step too small to move x once fell into sixty bisections)."""
    import study.analytics.betastats as bs

    calls = []
    real = bs._cdf
    monkeypatch.setattr(bs, "_cdf", lambda *a: calls.append(1) or real(*a))
    pairs = [(108.50471874250147, 17.0226768302795), (184.4, 73.7), (3.3, 40.1), (0.5, 0.5), (12, 12), (2, 3)]
    pairs += [(1 + i * 7.3, 1 + j * 11.9) for i in range(12) for j in range(12)]
    worst = 0
    for a, b in pairs:
        for p in (0.1, 0.9):
            calls.clear()
            x = bs.beta_ppf(p, a, b)
            assert real(x, a, b, bs._log_beta(a, b)) == pytest.approx(p, abs=1e-9)
            worst = max(worst, len(calls))
    assert worst <= 6
