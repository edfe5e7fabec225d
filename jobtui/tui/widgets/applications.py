"""The applications pane: one row per application, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from rich.style import Style
from rich.text import Text

from jobtui.core import dates
from jobtui.core.overview import AppRow
from jobtui.core.search import Match
from jobtui.tui import keymap
from jobtui.tui import view as views
from jobtui.tui.shown import shown
from jobtui.tui.styles import URGENCY_MARK, urgency_style
from jobtui.tui.widgets.row_list import Column, RowList


def _cell(text: str, style: str | Style = "") -> Text:
    """A one-line cell of user text: literal, controls visible, cut with "…"."""
    cell = shown(text, style)
    cell.overflow = "ellipsis"
    cell.no_wrap = True
    return cell


# Marks a row's "where the filter matched" in its Next action cell.
MATCH_MARK = "⌕ "


def _next_cell(row: AppRow, found: Match | None, style: str | Style, dim: str) -> Text:
    """The Next action cell: the next action, or while filtering, where the filter matched
    (when no column shows it), with a short excerpt, the matched words in bold."""
    if found is None:
        return _cell(row.next_action, style)
    head, hit, tail = found.excerpt()
    cell = Text.assemble(
        shown(MATCH_MARK + found.where + (": " if hit else ""), "italic"),
        shown(head),
        shown(hit, "bold"),
        shown(tail),
        style=dim,
    )
    cell.overflow = "ellipsis"
    cell.no_wrap = True
    return cell


# The widest Applied cell: a day of another year and an age in months, "26 Sep 2025 14mo"
# (ages of two years and more read "2y").
APPLIED_MAX_WIDTH = 16


def applied_text(applied_on: date | None, today: date) -> str:
    """The Applied cell: "26 Nov 3d", "3 Dec 2025 12mo" (the year when it is not this one)."""
    if applied_on is None:
        return ""
    age = dates.format_age((today - applied_on).days)
    return f"{dates.format_short_day(applied_on, today)} {age}"


class ApplicationsTable(RowList):
    """The applications, one row each, keyed by application id: a virtual list (only the rows
    on screen are drawn), so every application is there however many there are. Every cell
    is Text: user data is never markup."""

    # The rows of jobtui.keys whose home is "lists", then those of "applications".
    # j/k and the page keys, from the key table (jobtui.keys: "lists" and "applications").
    BINDINGS = keymap.bindings("lists") + keymap.bindings("applications")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: Sequence[AppRow] = ()
        self._today: date | None = None
        self._view = views.View()
        self._applied_width = 10
        self._layout_width = 0

    def _lay_out_columns(self) -> None:
        # Share the width out: the same widths DataTable was given before.
        width = max(self.size.width, 60) - 2 * 6 - 3  # cell padding, vertical scrollbar
        fixed = 2 + 12 + self._applied_width
        company = max(10, int((width - fixed) * 0.24))
        role = max(10, int((width - fixed) * 0.30))
        action = max(12, width - fixed - company - role)
        self.set_columns(
            [
                Column("mark", " ", 2),
                Column("company", "Company", company),
                Column("role", "Role", role),
                Column("status", "Status", 12),
                Column("applied", "Applied", self._applied_width),
                Column("next", "Next action", action),
            ]
        )
        self._layout_width = self.size.width

    def on_resize(self) -> None:
        if self.size.width != self._layout_width:
            self._lay_out_columns()  # (RowList's own on_resize then keeps the cursor in view)

    def on_mount(self) -> None:
        # The urgency colours are the theme's: cells made before a change are made again.
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self.set_rows(self._keys)

    def show_rows(
        self, rows: Sequence[AppRow], now: datetime, view: views.View | None = None
    ) -> None:
        """Replace the rows, keeping the cursor on the same application if it is still shown
        (else on the nearest row). Costs storing them: a row's cells are made when it is
        first drawn.

        While ``view``'s filter is on, a row it matched only in text no column shows (the
        notes, a contact...) says where in its Next action cell: "⌕ notes: …the words…".
        """
        self._rows = rows
        self._today = today = dates.local_day(now)
        self._view = view or views.View()
        # One pass over the rows (at 10,000 it is the memory they live in that costs).
        keys: list[str] = []
        days: set[date | None] = set()
        for row in rows:
            app = row.app
            keys.append(app.id)
            days.add(app.applied_on)
        # Wider when a date of another year is shown: "26 Sep 2025 14mo" is the longest.
        # Many applications share a day: each day is written once.
        widest = max((len(applied_text(day, today)) for day in days), default=0)
        self._applied_width = min(APPLIED_MAX_WIDTH, max(10, widest))
        self._lay_out_columns()
        self.set_rows(keys)

    def make_cells(self, index: int) -> list[Text]:
        row = self._rows[index]
        app = row.app
        assert self._today is not None  # rows are only there after show_rows
        style = urgency_style(self.app, row.urgency if row.needs_follow_up else None)
        mark = URGENCY_MARK.get(row.urgency, "  ") if row.needs_follow_up else "  "
        dim = "dim" if app.closed else ""
        return [
            Text(mark, style=style),
            _cell(app.company, dim),
            _cell(app.role, dim),
            Text(app.status.value, style=dim),
            Text(applied_text(app.applied_on, self._today), style=dim),
            _next_cell(row, views.where_matched(row, self._view), style, dim),
        ]
