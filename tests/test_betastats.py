"""Beta quantiles against closed forms and known values."""

from __future__ import annotations

import pytest

from study.betastats import beta_cdf, beta_ppf


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
