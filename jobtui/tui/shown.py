"""The one way the TUI shows user text: literal, never markup, control characters visible.

``Static``, ``Label``, ``notify()``, titles and option prompts read a ``str`` as Rich markup, so a
role like ``Dev [a=b:c]`` raises MarkupError and ``[bold red]x[/]`` turns red. A
:class:`rich.text.Text` is never parsed: pass ``shown(text)`` wherever text from the user goes.
"""

from __future__ import annotations

from rich.text import Text

from jobtui.textsafe import shorten, visible

__all__ = ["shown", "shown_plain"]


def shown(text: object, style: str = "", *, limit: int | None = None) -> Text:
    """``text`` as a literal :class:`Text` (never markup) with control characters made visible.

    ``limit`` shortens it to that many characters (ending in "…"). ``None`` shows as "".
    """
    return Text(shown_plain(text, limit=limit), style=style, end="")


def shown_plain(text: object, *, limit: int | None = None) -> str:
    """The plain string :func:`shown` would show, for places that take no Text (a window title)."""
    plain = visible("" if text is None else str(text))
    return plain if limit is None else shorten(plain, limit)
