"""Beta-distribution quantiles without SciPy: the regularized incomplete beta function by
Lentz's continued fraction, inverted by Halley steps kept inside a bracket (bisecting only when a
step would leave it). Accurate to ~1e-9, plenty for intervals."""

from __future__ import annotations

import math
from statistics import NormalDist

TINY = 1e-300
Z_10 = 1.2815515655446004  # the standard normal's 90 % quantile: the ranking's intervals are 80 %


def _betacf(a: float, b: float, x: float) -> float:
    """Lentz's continued fraction for the incomplete beta (Numerical Recipes' betacf). This loop is
    most of a ranking's arithmetic, so it runs without NR's guards against a denominator at zero; a
    denominator that does reach zero (an error or a result that is not finite) runs it again guarded."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    try:
        c = 1.0
        d = 1.0 / (1.0 - qab * x / qap)
        h = d
        for m in range(1, 300):
            m2 = m + m
            aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1.0 / (1.0 + aa * d)
            c = 1.0 + aa / c
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1.0 / (1.0 + aa * d)
            c = 1.0 + aa / c
            delta = d * c
            h *= delta
            if -1e-12 < delta - 1.0 < 1e-12:
                break
        if math.isfinite(h):
            return h
    except ZeroDivisionError:
        pass
    return _betacf_guarded(a, b, x)


def _betacf_guarded(a: float, b: float, x: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > TINY else TINY)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > TINY else TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > TINY else TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > TINY else TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > TINY else TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _cdf(x: float, a: float, b: float, log_beta: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    front = math.exp(a * math.log(x) + b * math.log1p(-x) - log_beta)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def _pdf(x: float, a: float, b: float, log_beta: float) -> float:
    if x <= 0.0 or x >= 1.0:
        return 0.0
    return math.exp((a - 1) * math.log(x) + (b - 1) * math.log1p(-x) - log_beta)


def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X <= x) for X ~ Beta(a, b)."""
    return _cdf(x, a, b, _log_beta(a, b))


def beta_pdf(x: float, a: float, b: float) -> float:
    return _pdf(x, a, b, _log_beta(a, b))


def _normal_quantile(p: float) -> float:
    if p == 0.1:
        return -Z_10
    if p == 0.9:
        return Z_10
    return NormalDist().inv_cdf(min(1 - 1e-12, max(1e-12, p)))


def beta_ppf(p: float, a: float, b: float) -> float:
    """The p-quantile of Beta(a, b): Halley steps (third-order) kept inside a bisection bracket,
    from the normal quantile corrected for the Beta's skewness (Cornish-Fisher). From that start a
    single step is usually enough: a step under a thousandth of the standard deviation leaves an
    error near a billionth of it (the step's cube), so it is taken without checking the CDF again.
    The ranking runs this twice per area."""
    lo, hi = 0.0, 1.0
    log_beta = _log_beta(a, b)
    n = a + b
    mean = a / n
    sd = math.sqrt(a * b / (n * n * (n + 1)))
    if a >= 2 and b >= 2:  # smooth and single-peaked: start near the answer and accept one small step
        z = _normal_quantile(p)
        skew = 2 * (b - a) * math.sqrt(n + 1) / ((n + 2) * math.sqrt(a * b))
        x = mean + (z + (z * z - 1) * skew / 6) * sd
        accept = 1e-3 * sd
    else:  # a density that runs to infinity at an end: a plain start and the strict test
        z = -Z_10 if p < 0.5 else Z_10 if p > 0.5 else 0.0
        x = mean + z * sd * (abs(p - 0.5) / 0.4 if z else 0.0)
        accept = 1e-7
    x = min(1 - 1e-9, max(1e-9, x))
    for _ in range(100):
        f = _cdf(x, a, b, log_beta) - p
        if f == 0.0:
            return x
        if f < 0:
            lo = x
        else:
            hi = x
        d = _pdf(x, a, b, log_beta)
        if d > 0:
            u = f / d  # the Newton step
            curve = 1.0 - 0.5 * u * ((a - 1) / x - (b - 1) / (1 - x))  # Halley's correction
            step = u / curve if curve > 0.5 else u
            nxt = x - step
        else:
            u = step = 1.0
            nxt = x
        if -accept < u < accept and -accept < step < accept and lo <= nxt <= hi:
            return nxt  # a third-order step this small leaves an error far below 1e-9
        if not (lo < nxt < hi):
            nxt = (lo + hi) / 2  # the step left the bracket: bisect instead
        if hi - lo < 1e-13:
            return nxt
        x = nxt
    return x
