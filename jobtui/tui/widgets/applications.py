"""The applications pane: one row per application, most urgent first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from jobtui.core import dates
from jobtui.core.overview import AppRow
from jobtui.core.search import Match
from jobtui.tui import view as views
from jobtui.tui.shown import shown
from jobtui.tui.styles import URGENCY_MARK, urgency_style
from jobtui.tui.widgets.keyed_table import KeyedTable


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


class ApplicationsTable(KeyedTable):
    """A DataTable keyed by application id. Every cell is Text: user data is never markup."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: Sequence[AppRow] = ()
        self._now: datetime | None = None
        self._view = views.View()
        self._layout_width = 0

    def _add_columns(self, applied_width: int = 10) -> None:
        # DataTable has no flexible columns: share the width out ourselves.
        width = max(self.size.width, 60) - 2 * 6 - 3  # cell padding, vertical scrollbar
        fixed = 2 + 12 + applied_width
        company = max(10, int((width - fixed) * 0.24))
        role = max(10, int((width - fixed) * 0.30))
        action = max(12, width - fixed - company - role)
        self.add_column(" ", key="mark", width=2)
        self.add_column("Company", key="company", width=company)
        self.add_column("Role", key="role", width=role)
        self.add_column("Status", key="status", width=12)
        self.add_column("Applied", key="applied", width=applied_width)
        self.add_column("Next action", key="next", width=action)
        self._layout_width = self.size.width

    def on_resize(self) -> None:
        if self._now is not None and self.size.width != self._layout_width:
            self.show_rows(self._rows, self._now, self._view)

    def show_rows(
        self, rows: Sequence[AppRow], now: datetime, view: views.View | None = None
    ) -> None:
        """Replace the rows, keeping the cursor on the same application if it is still shown.

        While ``view``'s filter is on, a row it matched only in text no column shows (the
        notes, a contact...) says where in its Next action cell: "⌕ notes: …the words…".
        """
        keep = self.selected_id
        self._rows, self._now = rows, now
        self._view = view = view or views.View()
        today = dates.local_day(now)
        applied_texts = [applied_text(row.app.applied_on, today) for row in rows]
        # Wider when a date of another year is shown: "26 Sep 2025 14mo" is the longest.
        applied_width = min(APPLIED_MAX_WIDTH, max([10, *map(len, applied_texts)]))
        column = self.columns.get("applied") if self.columns else None
        if self.size.width != self._layout_width or column is None or column.width != applied_width:
            self.clear(columns=True)
            self._add_columns(applied_width)
        else:
            self.clear()
        for row, applied in zip(rows, applied_texts, strict=True):
            app = row.app
            style = urgency_style(self.app, row.urgency if row.needs_follow_up else None)
            mark = URGENCY_MARK.get(row.urgency, "  ") if row.needs_follow_up else "  "
            dim = "dim" if app.closed else ""
            self.add_row(
                Text(mark, style=style),
                _cell(app.company, dim),
                _cell(app.role, dim),
                Text(app.status.value, style=dim),
                Text(applied, style=dim),
                _next_cell(row, views.where_matched(row, view), style, dim),
                key=app.id,
            )
        if keep is not None:
            self.select(keep)
