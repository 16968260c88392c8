"""What the record says: per-area standings with honest intervals, points at stake, readiness,
and the figures behind the Progress page. Reads storage; never writes a learner's answers."""
