"""The question bank and the exam engine: pure Python, no Qt and no SQL."""
