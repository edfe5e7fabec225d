"""What jobtui.core.textsafe makes of control characters and long text (the TUI's screens are
checked against the hostile corpus in tests/tui/test_hostile_text.py)."""

from __future__ import annotations

from jobtui.core.textsafe import shorten, strip_controls, visible


def test_visible_replaces_every_control_but_newline_and_tab():
    assert visible("a\x1b[2Jb") == "a␛[2Jb"
    assert visible("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"
    assert visible("x\x7f\x00\r") == "x␡␀␍"
    assert visible("\x9b31m") == "\\x9b31m"
    assert visible("abc\u202edef\u2066") == "abc\\u202edef\\u2066"
    assert visible("line one\n\tline two") == "line one\n\tline two"
    assert visible("株式会社 🚀 👩‍💻 é") == "株式会社 🚀 👩‍💻 é"  # the zero-width joiner stays


def test_strip_controls_drops_them_and_keeps_the_text():
    assert strip_controls("Acme\x1b]52;c;aGk=\x07 Inc\u202e\n\tx\x9b") == "Acme]52;c;aGk= Inc\n\tx"


def test_shorten():
    assert shorten("abcdef", 10) == "abcdef"
    assert shorten("abcdef", 4) == "abc…"
    assert len(shorten("x" * 10_000, 240)) == 240
