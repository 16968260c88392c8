"""The learner's records and what is learned from them: storage, analytics, planning. No Qt."""
