"""Which questions an exam draws first. With about 90 questions a test, a learner who draws at
random sees repeats on the first day; given when each question was last seen, an exam takes the
questions not seen yet first (in random order), then those seen longest ago. Without that, a draw
is random, leaning by weight where weights are given (a drill toward missed questions)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from questions.model import Question


def weighted_sample(rng: random.Random, pool: Sequence[Question], k: int,
                    weights: Mapping[str, float] | None) -> list[Question]:
    """k distinct questions; a question's chance follows its weight (default 1)."""
    if weights is None:
        return rng.sample(list(pool), k)
    # Efraimidis-Spirakis: key u^(1/w), take the k largest; deterministic for a seeded rng.
    keyed = []
    for q in pool:
        w = max(float(weights.get(q.id, 1.0)), 1e-6)
        keyed.append((rng.random() ** (1.0 / w), q.id, q))
    keyed.sort(key=lambda t: (-t[0], t[1]))
    return [q for _, _, q in keyed[:k]]


def fresh_first(rng: random.Random, pool: Sequence[Question], k: int, seen: Mapping[str, float]) -> list[Question]:
    """k distinct questions: those not in `seen` first, in random order; then the seen ones, the
    longest ago first (`seen` maps a question id to when it was last shown, any increasing number)."""
    unseen = [q for q in pool if q.id not in seen]
    rng.shuffle(unseen)
    old = sorted((q for q in pool if q.id in seen), key=lambda q: (seen[q.id], rng.random()))
    return (unseen + old)[:k]


def pick(rng: random.Random, pool: Sequence[Question], k: int, weights: Mapping[str, float] | None,
         seen: Mapping[str, float] | None) -> list[Question]:
    return fresh_first(rng, pool, k, seen) if seen is not None else weighted_sample(rng, pool, k, weights)
