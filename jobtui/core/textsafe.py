"""Stored text made safe for a terminal, without changing what is stored.

Text a user typed, imported or pasted may hold control characters: ESC starts the sequences that
clear a screen, retitle a window or write the clipboard (OSC 52); C1 characters such as U+009B
(a one-character CSI) do the same on some terminals; bidi overrides make text read in another order
than it is stored. None of them may reach a terminal raw. :func:`visible` replaces each with a
harmless stand-in the user can see; :func:`strip_controls` drops them (for text meant to be pasted
elsewhere, such as a rendered email). Newline and tab are kept by both. Pure: no Textual, no Rich.
"""

from __future__ import annotations

__all__ = [
    "ELLIPSIS",
    "has_controls",
    "shorten",
    "strip_controls",
    "visible",
    "visible_in_place",
]

ELLIPSIS = "…"

_KEPT = {"\n", "\t"}
# Bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _stand_in(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ESC -> ␛, BEL -> ␇
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"\\x{code:02x}"  # C1 has no pictures: shown as \x9b
    return f"\\u{code:04x}"  # bidi controls: \u202e


_CONTROLS = [
    code for code in (*range(0x00, 0x20), *range(0x7F, 0xA0), *_BIDI) if chr(code) not in _KEPT
]
_VISIBLE = str.maketrans({code: _stand_in(code) for code in _CONTROLS})
_STRIPPED = str.maketrans({code: None for code in _CONTROLS})
_CONTROL_CHARS = frozenset(chr(code) for code in _CONTROLS)
# One character for one: C0 and DEL as their pictures, C1 and bidi controls as U+FFFD "�".
_IN_PLACE = str.maketrans(
    {code: (_stand_in(code) if code < 0x20 or code == 0x7F else "\ufffd") for code in _CONTROLS}
)


def visible(text: str) -> str:
    """``text`` with every control character but newline and tab replaced by a visible stand-in.

    C0 characters become the Unicode control pictures (ESC -> "␛"), DEL becomes "␡", C1 characters
    read as "\\x9b" and bidi overrides/isolates as "\\u202e". Everything else (emoji, CJK) is kept.
    """
    return text.translate(_VISIBLE)


def visible_in_place(text: str) -> str:
    """Like :func:`visible`, but one character for each control character, so positions in
    the text stay where they were (for text being edited: a cursor at index 5 stays at 5).
    C1 and bidi controls, which have no picture, become "\ufffd" ("�")."""
    return text.translate(_IN_PLACE)


def strip_controls(text: str) -> str:
    """``text`` without the control characters :func:`visible` would replace (newline, tab kept)."""
    return text.translate(_STRIPPED)


def has_controls(text: str) -> bool:
    """True when ``text`` holds a character :func:`visible` would replace."""
    return not _CONTROL_CHARS.isdisjoint(text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when it was cut."""
    if limit < 1:
        return ""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS


# What a spreadsheet takes as the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """Prefix a cell a spreadsheet would run as a formula with ``'`` so it shows as text
    (the CSV export)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def restore_formula(text: str) -> str:
    """The cell as it was before :func:`neutralise_formula` (the CSV import): one leading
    ``'`` before what a spreadsheet would run is dropped; anything else is kept."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
