"""The one way the TUI shows user text: literal, never markup, control characters visible.

``Static``, ``Label``, ``notify()``, titles and option prompts read a ``str`` as Rich markup, so a
role like ``Dev [a=b:c]`` raises MarkupError and ``[bold red]x[/]`` turns red. A
:class:`rich.text.Text` is never parsed: pass ``shown(text)`` wherever text from the user goes.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Input, TextArea

from jobtui.core.textsafe import has_controls, shorten, visible, visible_in_place

__all__ = ["ShownInput", "ShownTextArea", "shown", "shown_plain"]


def shown(text: object, style: str | Style = "", *, limit: int | None = None) -> Text:
    """``text`` as a literal :class:`Text` (never markup) with control characters made visible.

    ``limit`` shortens it to that many characters (ending in "…"). ``None`` shows as "".
    """
    return Text(shown_plain(text, limit=limit), style=style)


def shown_plain(text: object, *, limit: int | None = None) -> str:
    """The plain string :func:`shown` would show, for places that take no Text (a window title)."""
    plain = visible("" if text is None else str(text))
    return plain if limit is None else shorten(plain, limit)


class ShownInput(Input):
    """An Input that edits the text as stored but draws its control characters visibly.

    Textual's Input writes its value to the terminal as it is: a stored company holding
    ``ESC [ 2 J`` would clear the screen when its edit form opens. One character is drawn
    for each (see :func:`jobtui.core.textsafe.visible_in_place`), so the cursor stays in place.
    """

    @property
    def _value(self) -> Text:
        if self.password or not has_controls(self.value):
            return super()._value
        # Built from the value itself: Rich's Text would silently drop BEL and CR.
        text = Text(visible_in_place(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text


class ShownTextArea(TextArea):
    """A TextArea that edits the text as stored but draws its control characters visibly
    (one character for each, as :class:`ShownInput`)."""

    def get_line(self, line_index: int) -> Text:
        line = self.document.get_line(line_index)
        if not has_controls(line):
            return super().get_line(line_index)
        return Text(visible_in_place(line), end="", no_wrap=True)
