"""The contacts screen's table: a contact a row, keyed by its id, the columns fitted to the
width (email and phone give way on a narrow terminal), every cell literal text."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import BindingType

from jobtui.ops import contacts as ops
from jobtui.tui import keymap
from jobtui.tui.shown import shown, shown_plain
from jobtui.tui.widgets.keyed_table import KeyedTable

# Below this width the email and phone columns give way (the line under the table has them).
WIDE_COLUMNS = 110


def _cell(text: str, style: str = "") -> Text:
    cell = shown(text, style, limit=200)
    cell.overflow = "ellipsis"
    cell.no_wrap = True
    return cell


COLUMNS = ("name", "title", "company", "email", "phone", "apps", "last")
NARROW_COLUMNS = ("name", "title", "company", "apps", "last")
LABELS = {
    "name": "Name",
    "title": "Title",
    "company": "Company",
    "email": "Email",
    "phone": "Phone",
    "apps": "Applications",
    "last": "Last written",
}
# No column is drawn wider than this, nor (while there is room) narrower than its header.
MAX_COLUMN = 40
MIN_COLUMN = 6
# Which columns keep more of their width when space is short (the address is the one a user
# copies; the applications column repeats companies the line under the table lists in full).
KEEP = {"name": 1.4, "email": 1.6, "title": 1.0, "company": 1.0, "phone": 1.0, "apps": 0.8}


def row_texts(row: ops.ContactRow, now: datetime) -> dict[str, str]:
    """The text of each column for one contact (as stored: the cells make it literal)."""
    contact = row.contact
    return {
        "name": contact.name,
        "title": contact.title,
        "company": contact.company,
        "email": contact.email,
        "phone": contact.phone,
        "apps": ", ".join(row.companies),
        "last": ops.last_written_text(row, now),
    }


def fit_widths(columns: dict[str, list[str]], room: int) -> dict[str, int]:
    """A width per column: what its longest text needs (at most MAX_COLUMN), then, while
    they do not fit in ``room`` cells, the widest one (weighed by KEEP) made narrower, not
    below MIN_COLUMN. The last-written dates are never cut."""
    widths = {
        key: min(MAX_COLUMN, max(cell_len(shown_plain(t)) for t in texts))
        for key, texts in columns.items()
    }
    while sum(widths.values()) > room:
        key = max((k for k in widths if k != "last"), key=lambda k: widths[k] / KEEP[k])
        if widths[key] <= MIN_COLUMN:
            break
        widths[key] -= 1
    return widths


class ContactsTable(KeyedTable):
    """The contacts, one row each, keyed by contact id; every cell is literal Text."""

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("lists")  # j / k

    def show_rows(self, rows: list[ops.ContactRow], now: datetime) -> None:
        """Replace the rows (columns fitted to the width), the cursor kept on its contact."""
        keep, at = self.selected_id, self.cursor_row
        self.clear(columns=True)
        wide = self.size.width >= WIDE_COLUMNS or self.size.width == 0
        keys = COLUMNS if wide else NARROW_COLUMNS
        texts = [row_texts(row, now) for row in rows]
        # Cell padding (one each side) and the vertical scrollbar take the rest.
        room = max(self.size.width or 120, 60) - 2 * len(keys) - 2
        widths = fit_widths(
            {key: [LABELS[key], *(cells[key] for cells in texts)] for key in keys}, room
        )
        for key in keys:
            self.add_column(LABELS[key], key=key, width=widths[key])
        for row, cells in zip(rows, texts, strict=True):
            styles = {"name": "bold", "last": "dim" if row.last_written is None else ""}
            self.add_row(
                *(_cell(cells[key], styles.get(key, "")) for key in keys), key=row.contact.id
            )
        if not (keep and self.select(keep)) and rows:
            self.move_cursor(row=min(at, len(rows) - 1))
