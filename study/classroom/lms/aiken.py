"""Moodle's Aiken format, read as Moodle reads it: the question text, then choices `A. text` or
`A) text` (Moodle accepts `A)text` too), then `ANSWER: B`. Moodle ignores blank lines anywhere and
takes the first letter after `ANSWER:`, so `ANSWER: B.` and `ANSWER: C) N2` are B and C.
"""

from __future__ import annotations

import re

from study.classroom.lms.found import Collector, ImportResult, make

_CHOICE = re.compile(r"^([A-Za-z])[.)]\s*(\S.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)
_KEY = re.compile(r"^([A-Za-z])(?![A-Za-z0-9])")


def parse_aiken(text: str, name: str = "questions.txt") -> ImportResult:
    col = Collector(name)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    stem: list[str] = []
    choices: list[tuple[str, str]] = []
    start = 0
    gap = False  # a blank line since the last line of this question

    def reset() -> None:
        nonlocal start, gap
        stem.clear()
        choices.clear()
        start = 0
        gap = False

    def unfinished() -> None:
        if choices:
            col.skip(start, "the choices are not followed by an ANSWER: line")
        elif stem:
            col.skip(start, "question text without choices (A. ... B. ...) and an ANSWER: line")
        reset()

    for i, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.strip()
        if not line:
            gap = bool(stem)
            continue
        ans = _ANSWER.match(line)
        if ans:
            if not stem:
                col.skip(i, "an ANSWER: line without a question before it")
            else:
                _finish(col, start, stem, choices, ans.group(1).strip())
            reset()
            continue
        ch = _CHOICE.match(line) if stem else None
        if ch:
            choices.append((ch.group(1).upper(), ch.group(2)))
            gap = False
            continue
        if choices or gap:  # a new question's text: the one before never got its ANSWER: line
            unfinished()
        if not stem:
            start = i
        stem.append(line)
    unfinished()
    return col.result("aiken")


def _finish(col: Collector, line: int, stem: list[str], choices: list[tuple[str, str]], answer: str) -> None:
    if not choices:
        col.skip(line, "no choices (A. ... B. ...) before the ANSWER: line")
        return
    letters = [c[0] for c in choices]
    expected = [chr(ord("A") + i) for i in range(len(choices))]
    if letters != expected:
        col.skip(line, f"choices are lettered {', '.join(letters)}; they must run A, B, C, ... in order")
        return
    m = _KEY.match(answer)
    key = m.group(1).upper() if m else ""
    if key not in letters:
        col.skip(line, f"the answer {answer!r} is not one of the choice letters {', '.join(letters)}")
        return
    make(col, line, "\n".join(stem), [c[1] for c in choices], letters.index(key))
