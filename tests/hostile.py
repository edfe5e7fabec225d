"""A corpus of hostile text: what users type, import or paste that a terminal program must show
literally and harmlessly. Shared by the TUI tests (test_hostile_text.py) and the CLI tests.

Each entry is (id, text). ``looks_like(text)`` is what a screen or CLI output must contain for
it: the text with its control characters made visible (jobtui.core.textsafe.visible), cut to a
prefix short enough to fit in a table cell.
"""

from __future__ import annotations

from jobtui.core.textsafe import visible

HOSTILE: list[tuple[str, str]] = [
    ("markup-style", "[bold red]x[/]"),
    ("markup-close", "[/]"),
    ("markup-link", "[link=file:///etc/passwd]click me[/link]"),
    ("markup-value", "Dev [a=b:c]"),
    ("bracket-money", "[$150k]"),
    ("esc-csi-clear", "Acme\x1b[2J"),
    ("osc-52-clipboard", "Acme\x1b]52;c;aGk=\x07"),
    ("osc-title", "\x1b]0;pwned\x07Acme"),
    ("c1-csi", "Acme\x9b2J"),
    ("bidi-override", "Acme\u202eevil"),
    ("long-10k", "Long" + "x" * 9996),
    ("emoji", "Rocket 🚀 Labs 👩‍💻"),
    ("cjk", "株式会社テスト"),
]

HOSTILE_IDS = [name for name, _ in HOSTILE]
HOSTILE_TEXTS = [text for _, text in HOSTILE]


def looks_like(text: str, prefix: int = 8) -> str:
    """What output must contain for ``text``: its visible form, the first ``prefix`` characters
    (a long value is cut in tables and toasts; the start of it is always shown)."""
    return visible(text)[:prefix]
