"""The pipeline board (key ``b``): a column per status, a card per application.

What goes in which column, in what order, and where a card moves is
:mod:`jobtui.core.pipeline`; which applications are shown is the list's own rule
(:func:`jobtui.tui.view.visible_rows`: the closed switch and the filter). ``<`` and ``>``
move a card one step along the open pipeline (wishlist to offer); ``s`` picks any status, a
closed one too, in one step (the list's status picker). Either is one undoable status change
through :mod:`jobtui.ops.records`, saved by the main screen's panes (``save_change``), so
``u`` here and in the list takes it back. The board follows the card it has focused, by
application id: after a move, a status picked, an undo or a redraw the same card is focused.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import HorizontalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from jobtui.core import pipeline
from jobtui.core.model import Status
from jobtui.core.overview import AppRow, Overview
from jobtui.core.textsafe import visible
from jobtui.ops import records
from jobtui.tui import keymap
from jobtui.tui import view as views
from jobtui.tui.screens import record_actions
from jobtui.tui.screens.status_picker import StatusPicker
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.board_column import COLUMN_WIDTH, BoardColumn
from jobtui.tui.widgets.card_list import MAX_CARDS, CardList
from jobtui.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes

# How often the board looks for a newer overview (a change made elsewhere, the periodic
# recount of what is due): a comparison of two references, nothing is read.
FOLLOW_SECONDS = 0.5


def board_title(columns: list[pipeline.Column], show_closed: bool, filter_text: str) -> Text:
    """The line over the board: how many cards, the closed switch and the filter."""
    count = sum(len(c.cards) for c in columns)
    bits = [f"Pipeline board · {count} {'card' if count == 1 else 'cards'}"]
    bits.append("closed shown" if show_closed else "closed hidden (c)")
    if filter_text:
        bits.append(f"filter: {filter_text}")
    return Text(visible(" · ".join(bits)), style="bold")


async def save_status(
    panes: MainPanes, row: AppRow, status: Status, also: str = ""
) -> object | None:
    """Give the application ``status`` as one undoable change (in its status history); the
    toast names it, and says ``also`` after. None if it was not saved (said why)."""
    was = row.app.status
    undo = panes.key_for("board.undo")
    return await panes.save_change(
        lambda store: records.change_status(store, row.app.id, status),
        undo_as=f"the status change of {row.app.label} to {status.label}",
        report=f"{row.app.label}: {was.label} → {status.label}. {undo} undoes it.{also}",
    )


def show_in_list(panes: MainPanes, app_id: str) -> None:
    """Select the application in the main list, switching off what hides it there (the
    closed switch, follow-ups only, the filter) and saying so."""
    table = panes.query_one(ApplicationsTable)
    if not table.select(app_id):
        row = panes.overview.row(app_id) if panes.overview is not None else None
        changed = []
        if row is not None and row.app.closed and not panes.show_closed:
            panes.show_closed = True
            changed.append("closed shown")
        if panes.followups_only:
            panes.followups_only = False
            changed.append("all applications shown")
        if panes.filter_text:
            panes.filter_text = ""
            panes.hide_filter()
            changed.append("filter cleared")
        if table.select(app_id) and changed:
            panes.notify(f"In the list: {', '.join(changed)}.")
    table.focus()


class BoardScreen(Screen[None]):
    """The board over the main screen's overview; esc, q or b goes back to the list."""

    DEFAULT_CSS = """
    BoardScreen {
        & #board-title {
            height: 1;
            padding: 0 1;
            background: $boost;
        }
        & #board-filter {
            height: 3;
        }
        & #board-columns {
            height: 1fr;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("board")
    AUTO_FOCUS = ""  # the board focuses the followed card itself (see redraw)

    show_closed = reactive(False, init=False)
    filter_text = reactive("", init=False)

    def __init__(self, panes: MainPanes) -> None:
        super().__init__()
        self.panes = panes
        self.columns: list[pipeline.Column] = []
        self.set_reactive(BoardScreen.show_closed, panes.show_closed)  # as in the list
        selected = panes.selected_row()
        self.focus_id: str | None = selected.app.id if selected else None
        self.column = 0
        self.card = 0
        self._drawn: Overview | None = None
        self._changing = asyncio.Lock()  # one move or undo at a time, each from the last

    def compose(self) -> ComposeResult:
        yield Static(id="board-title")
        # Not selected on focus: what is typed at once after "/" adds to the filter.
        yield Input(
            placeholder="filter: any text (notes, posting, contacts...)",
            id="board-filter",
            select_on_focus=False,
        )
        # Not focusable itself: focus is always on a column's cards (or the filter box).
        with HorizontalScroll(id="board-columns", can_focus=False):
            for status in pipeline.statuses(show_closed=True):
                yield BoardColumn(status, id=f"column-{status.value}")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self._hide_filter()
        self.redraw()
        self.set_interval(FOLLOW_SECONDS, self._follow_overview)

    def watch_show_closed(self) -> None:
        self.redraw()

    def watch_filter_text(self) -> None:
        self.redraw()

    def _follow_overview(self) -> None:
        if self.panes.overview is not self._drawn:
            self.redraw()

    # -- drawing ---------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the columns from the panes' overview, the followed card focused."""
        overview = self._drawn = self.panes.overview
        if overview is None:
            self.query_one("#board-title", Static).update(Text("Pipeline board · loading…"))
            return
        view = views.View(show_closed=self.show_closed, filter_text=self.filter_text)
        rows = views.visible_rows(overview, view)
        self.columns = pipeline.board(rows, overview.now, self.show_closed)
        title = board_title(self.columns, self.show_closed, self.filter_text)
        self.query_one("#board-title", Static).update(title)
        found = pipeline.find_card(self.columns, self.focus_id) if self.focus_id else None
        if found is None:
            self.column = min(self.column, len(self.columns) - 1)
            self.card = pipeline.nearest_card(self.columns[self.column], self.card) or 0
        else:
            self.column, self.card = found
        for widget in self.query(BoardColumn):
            index = self._index_of(widget.status)
            widget.display = index is not None
            if index is not None:
                widget.show(self.columns[index], self.card if index == self.column else None)
        self._focus(self.column, self.card)

    def _index_of(self, status: Status) -> int | None:
        for index, column in enumerate(self.columns):
            if column.status == status:
                return index
        return None

    def _widget(self, column: int) -> BoardColumn:
        return self.query_one(f"#column-{self.columns[column].status.value}", BoardColumn)

    def _focus(self, column: int, card: int, *, leave_filter: bool = False) -> None:
        """Focus ``column`` (scrolled into view) with its ``card`` highlighted; follow it.
        While the filter box is typed in it keeps the focus, unless ``leave_filter``."""
        if column != self.column and self.columns:
            self._widget(self.column).cards.highlighted = None
        self.column = column
        cards = self.columns[column].cards
        # Only the first MAX_CARDS of a column are listed.
        self.card = min(pipeline.nearest_card(self.columns[column], card) or 0, MAX_CARDS - 1)
        self.focus_id = cards[self.card].app.id if cards else None
        widget = self._widget(column)
        if cards:
            widget.cards.highlighted = self.card
        if leave_filter or not self._filter_box().has_focus:
            # At once (focus() waits a turn): a key typed right after lands here.
            self.set_focus(widget.cards, scroll_visible=False)
        self.call_after_refresh(self._scroll_to, column)  # once a toggled column is laid out

    def _scroll_to(self, column: int) -> None:
        """Scroll sideways just enough to show the whole ``column``, whole columns at the
        left edge (the partly shown one, if any, is at the right: there is more that way)."""
        scroller = self.query_one("#board-columns", HorizontalScroll)
        view = scroller.scrollable_content_region.width
        left = column * COLUMN_WIDTH
        right = left + COLUMN_WIDTH
        x = scroller.scroll_x
        if left < x or view <= COLUMN_WIDTH:
            x = left
        elif right > x + view:
            x = min(left, -(-(right - view) // COLUMN_WIDTH) * COLUMN_WIDTH)
        scroller.scroll_to(x=x, animate=False)

    def focused_card(self) -> AppRow | None:
        """The row of the focused card (None in an empty column)."""
        if not self.columns or self.focus_id is None:
            return None
        found = pipeline.find_card(self.columns, self.focus_id)
        return self.columns[found[0]].cards[found[1]] if found else None

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        # The cards have no keys of their own: a selection is a click on a card.
        event.stop()
        column = event.option_list.parent
        if isinstance(column, BoardColumn) and (index := self._index_of(column.status)) is not None:
            self._focus(index, event.option_index)

    def on_descendant_focus(self) -> None:
        # A click in another column: that column is the focused one.
        focused = self.focused
        if isinstance(focused, CardList) and isinstance(focused.parent, BoardColumn):
            index = self._index_of(focused.parent.status)
            if index is not None and index != self.column:
                self._focus(index, self.card)

    # -- keys --------------------------------------------------------------------------

    def action_column(self, step: int) -> None:
        """The next column to the right (``step`` 1) or left (-1), the same row or the
        nearest one."""
        if self.columns:
            self._focus(max(0, min(self.column + step, len(self.columns) - 1)), self.card)

    def action_card(self, step: int) -> None:
        """The card below (``step`` 1) or above (-1) in the column."""
        if self.columns:
            self._focus(self.column, max(0, self.card + step))

    @work(group="board-change")
    async def action_move(self, step: int) -> None:
        """Move the focused card one step along the open pipeline: to the next status
        (``step`` 1) or the previous (-1). A closed card does not move (see
        :func:`pipeline.moved_status`): ``s`` changes its status."""
        async with self._changing:
            self._follow_overview()  # from what the last change left
            row = self.focused_card()
            if row is None:
                self.notify("No card here to move.", severity="warning")
                return
            status = pipeline.moved_status(row.app.status, step)
            if status is None:
                self.notify(self._no_move(row.app.status, step), severity="warning")
                return
            await save_status(self.panes, row, status)
            self.redraw()

    def _no_move(self, status: Status, step: int) -> str:
        pick = self.panes.key_for("board.status")
        name = status.label.capitalize()
        if status.closed:
            return f"{name} is closed: {pick} changes a closed application's status."
        if step < 0:
            return f"{name} is the first status of the pipeline; {pick} sets any status."
        return f"{name} is the last open status; {pick} sets any status (accepted, rejected…)."

    @work(group="board-change")
    async def action_status(self) -> None:
        """Pick any status for the focused card (the list's status picker): one undoable
        change, however far it is, and the card follows it to its column, the closed
        columns shown if it went there."""
        row = self.focused_card()
        if row is None:
            self.notify("No card here to change.", severity="warning")
            return
        if self.panes.refuse_if_read_only():
            return
        picked = await self.app.push_screen_wait(StatusPicker(row.app.status, row.app.label))
        if picked is None:
            return
        async with self._changing:
            self._follow_overview()  # the card as it is now (it may have changed meanwhile)
            overview = self.panes.overview
            now_row = overview.row(row.app.id) if overview is not None else None
            if now_row is None:
                self.notify(f"{row.app.label} is gone: nothing changed.", severity="warning")
                return
            if now_row.app.status == picked:
                self.notify(f"{now_row.app.label} is already {picked.label}.")
                return
            reveal = picked not in pipeline.statuses(self.show_closed)
            also = ""
            if reveal:
                hide = self.panes.key_for("board.closed")
                also = f" Closed columns shown ({hide} hides them)."
            saved = await save_status(self.panes, now_row, picked, also)
            self.focus_id = row.app.id  # the card, wherever it went
            if saved is not None and reveal:
                self.set_reactive(BoardScreen.show_closed, True)  # drawn just below
            self.redraw()

    @work(group="board-change")
    async def action_undo(self) -> None:
        """Take back the last change (a move: the card goes back, still focused)."""
        async with self._changing:
            await record_actions.undo(self.panes)
            self.redraw()

    def action_open(self) -> None:
        """Back to the list with the focused card's application selected."""
        row = self.focused_card()
        if row is None:
            self.notify("No card here to open.", severity="warning")
            return
        self.dismiss()
        show_in_list(self.panes, row.app.id)

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed

    # -- the filter box --------------------------------------------------------------

    def _filter_box(self) -> Input:
        return self.query_one("#board-filter", Input)

    def action_filter(self) -> None:
        box = self._filter_box()
        box.display = True
        box.value = self.filter_text
        box.cursor_position = len(box.value)
        self.set_focus(box)  # at once: what is typed right after "/" goes in the box

    def _hide_filter(self) -> None:
        # Hidden, it is out of the focus chain. Not disabled: a disabled box drops the keys
        # typed right after "/", before it is enabled again.
        self._filter_box().display = False

    @on(Input.Changed, "#board-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#board-filter")
    def _filter_done(self) -> None:
        if not self.filter_text:
            self._hide_filter()
        self._focus(self.column, self.card, leave_filter=True)

    def action_close(self) -> None:
        """Close the board; in the filter box, clear the filter and leave the box instead."""
        box = self._filter_box()
        if box.has_focus:
            box.value = ""
            self._hide_filter()
            self._focus(self.column, self.card, leave_filter=True)
            return
        self.dismiss()
