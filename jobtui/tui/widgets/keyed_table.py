"""A DataTable whose rows are keyed by a record id: the id under the cursor, and moving the
cursor to an id. The contacts table is one (the applications list is a virtual RowList)."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


class KeyedTable(DataTable):
    """Rows keyed by record id; the cursor is a whole row, no zebra stripes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)

    @property
    def selected_id(self) -> str | None:
        """The id of the row under the cursor, if any."""
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # the cursor is outside the rows while they are rebuilt
            return None
        return str(key.value) if key.value is not None else None

    def select(self, record_id: str) -> bool:
        """Move the cursor to a record's row; False if it is not shown."""
        try:
            index = self.get_row_index(record_id)
        except Exception:
            return False
        self.move_cursor(row=index, animate=False)
        return True
