"""One column of the pipeline board: its title with the count, over its cards
(:class:`~jobtui.tui.widgets.card_list.CardList`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from jobtui.core.model import Status
from jobtui.core.pipeline import Column
from jobtui.tui.widgets.card_list import CARD_WIDTH, MAX_CARDS, CardList

# A column is its cards' width plus its border and padding.
COLUMN_WIDTH = CARD_WIDTH + 4


def column_title(column: Column) -> Text:
    """ "Applied · 4", and how many are listed when the column is cut."""
    title = column.title
    if len(column.cards) > MAX_CARDS:
        title += f" (first {MAX_CARDS})"
    return Text(title, style="bold")


class BoardColumn(Vertical):
    """The title of one status's column over its cards; "—" when it has none."""

    DEFAULT_CSS = f"""
    BoardColumn {{
        width: {COLUMN_WIDTH};
        height: 1fr;
        border: round $primary-darken-2;
        padding: 0;

        &:focus-within {{
            border: round $primary;
        }}
        & > .board-column-title {{
            height: 1;
            padding: 0 1;
            color: $text-muted;
        }}
        &:focus-within > .board-column-title {{
            color: $text-primary;
        }}
        & > CardList, & > CardList:focus {{
            height: 1fr;
            border: none;
            padding: 0 1;
            background: transparent;
            scrollbar-size-vertical: 1;
        }}
    }}
    """

    def __init__(self, status: Status, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = status

    def compose(self) -> ComposeResult:
        yield Static(classes="board-column-title")
        yield CardList(markup=False)

    @property
    def cards(self) -> CardList:
        return self.query_one(CardList)

    def show(self, column: Column, focus: int | None) -> None:
        """Draw ``column``'s title and cards, the card at ``focus`` highlighted."""
        self.query_one(".board-column-title", Static).update(column_title(column))
        self.cards.show(column.cards, focus)
