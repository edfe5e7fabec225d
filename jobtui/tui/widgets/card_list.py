"""A board column's cards: one option per application, no keys of their own.

A card is the company (bold), the role, and the next action in its urgency colour (as in
the applications table), each cut to the card's width; the next action may take two lines.
The cards are the options of one :class:`CardList` (an OptionList: never a widget per
card), which has no keys of its own: the board screen's keys (``keymap.bindings("board")``)
drive it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from jobtui.core.overview import AppRow
from jobtui.core.textsafe import ELLIPSIS
from jobtui.tui.shown import shown
from jobtui.tui.styles import urgency_style

# The width of a card's text. Five columns (the open statuses) fit side by side in 120
# cells; narrower, the board scrolls sideways.
CARD_WIDTH = 20
# A column lists at most this many cards (its title says how many there are in all).
MAX_CARDS = 200
# Long values are cut before they are measured: only CARD_WIDTH cells are ever shown.
_LIMIT = 4 * CARD_WIDTH
EMPTY = "—"


def _flat(text: str, style: str | Style) -> Text:
    # Literal, control characters visible; line breaks and tabs (which visible() keeps)
    # read as spaces: a card's lines are its own.
    return shown(text.replace("\n", " ").replace("\t", " "), style, limit=_LIMIT)


def card_line(text: str, style: str | Style = "", width: int = CARD_WIDTH) -> Text:
    """One line of a card: the text literally (controls visible, its line breaks as
    spaces), cut to ``width`` cells with "…"."""
    line = _flat(text, style)
    line.truncate(width, overflow="ellipsis")
    return line


def wrapped_lines(
    text: str, style: str | Style, app: App[object], width: int = CARD_WIDTH, most: int = 2
) -> list[Text]:
    """``text`` as at most ``most`` lines of ``width`` cells, the last cut with "…"."""
    whole = _flat(text, style)
    lines = list(whole.wrap(app.console, width, overflow="fold"))
    for line in lines:
        line.rstrip()
    if len(lines) > most:  # the last line shown says there is more
        lines = lines[:most]
        lines[-1].truncate(width - 1)
        lines[-1].append(ELLIPSIS)
    return lines or [Text("")]


def card_text(row: AppRow, app: App[object], width: int = CARD_WIDTH) -> Text:
    """A card: company (bold), role, and the next action (two lines at most) in its urgency
    colour; dim when closed."""
    dim = "dim" if row.app.closed else ""
    urgency = urgency_style(app, row.urgency if row.needs_follow_up else None)
    lines = [
        card_line(row.app.company or "(no company)", f"bold {dim}".strip(), width),
        card_line(row.app.role or "(no role)", dim, width),
    ]
    if row.next_action:
        lines.extend(wrapped_lines(row.next_action, urgency, app, width))
    return Text("\n").join(lines)


class CardList(OptionList, inherit_bindings=False):
    """A column's cards, keyed by application id. No keys of its own (see the module)."""

    @property
    def card_ids(self) -> list[str]:
        """The application ids of the cards, top to bottom."""
        return [o.id for o in self.options if o.id is not None and not o.disabled]

    def show(self, cards: Sequence[AppRow], focus: int | None) -> None:
        """Draw the first MAX_CARDS ``cards`` ("—" when there are none), the card at
        ``focus`` highlighted."""
        self.clear_options()
        if not cards:
            self.add_option(Option(Text(EMPTY, style="dim"), disabled=True))
            return
        options: list[Option | None] = []
        for row in cards[:MAX_CARDS]:
            if options:
                options.append(None)  # a separator line between cards
            options.append(Option(card_text(row, self.app), id=row.app.id))
        self.add_options(options)
        if focus is not None:  # separators are no options: a card's index is its option's
            self.highlighted = min(focus, self.option_count - 1)
