"""The pipeline board as plain data: a column per status, its cards, where a card moves.

The open statuses are the pipeline, in order, and a card moves along it one step at a time;
the closed ones are further columns only when closed applications are shown (as in the
list), and a card gets there (or back) only by a status picked as such. Cards are in the
list's urgency order. No Textual here: the board screen draws what these functions return.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from jobtui.core.model import Status
from jobtui.core.overview import AppRow, sort_rows

# The pipeline, in order: Status lists the open statuses first, then the closed ones.
OPEN_COLUMNS: tuple[Status, ...] = tuple(s for s in Status if not s.closed)
CLOSED_COLUMNS: tuple[Status, ...] = tuple(s for s in Status if s.closed)


@dataclass(frozen=True)
class Column:
    """One status and its cards, most urgent first."""

    status: Status
    cards: tuple[AppRow, ...]

    @property
    def title(self) -> str:
        """ "Applied · 4"."""
        return f"{self.status.value.capitalize()} · {len(self.cards)}"

    def index_of(self, app_id: str) -> int | None:
        """Where the card of ``app_id`` is in this column (None if it is not here)."""
        for index, row in enumerate(self.cards):
            if row.app.id == app_id:
                return index
        return None


def statuses(show_closed: bool) -> tuple[Status, ...]:
    """The board's columns, left to right: the open statuses, then the closed ones if shown."""
    return OPEN_COLUMNS + CLOSED_COLUMNS if show_closed else OPEN_COLUMNS


def board(rows: Iterable[AppRow], now: datetime, show_closed: bool) -> list[Column]:
    """A column per status (an empty one too), each with its rows in urgency order. Rows
    of a status that has no column (a closed one, with closed hidden) are left out."""
    by_status: dict[Status, list[AppRow]] = {s: [] for s in statuses(show_closed)}
    for row in rows:
        if row.app.status in by_status:
            by_status[row.app.status].append(row)
    return [
        Column(status, tuple(sort_rows(cards, "urgency", now)))
        for status, cards in by_status.items()
    ]


def moved_status(status: Status, step: int) -> Status | None:
    """The open status ``step`` columns right (negative: left) of an open ``status``: the
    next step of the pipeline, wishlist to offer. None past either end, and for a closed
    status: moving a card never closes or reopens an application, which is a choice of one
    status (the status picker), never a walk through statuses that each get saved."""
    if status not in OPEN_COLUMNS:
        return None
    index = OPEN_COLUMNS.index(status) + step
    return OPEN_COLUMNS[index] if 0 <= index < len(OPEN_COLUMNS) else None


def find_card(columns: Sequence[Column], app_id: str) -> tuple[int, int] | None:
    """(column, card) of the application's card on the board; None if it is not on it."""
    for column_index, column in enumerate(columns):
        card = column.index_of(app_id)
        if card is not None:
            return column_index, card
    return None


def nearest_card(column: Column, index: int) -> int | None:
    """The card at ``index`` in ``column``, or its last one if it is shorter; None if empty."""
    if not column.cards:
        return None
    return max(0, min(index, len(column.cards) - 1))
