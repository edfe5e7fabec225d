"""A virtual list of rows under a fixed header: only the rows on screen are ever drawn.

:class:`RowList` is Textual's Line API (a ScrollView whose ``render_line`` returns one Strip per
screen line): showing 10,000 rows costs storing their keys; the cells of a row (rich Text) are
made when the row first comes on screen, by the subclass's :meth:`RowList.make_cells`, and kept
until the rows change. It has a row cursor (keys, mouse), a header row that stays put, and
columns of fixed widths that the subclass shares out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

# Rows whose cells are kept: about a hundred screens of them. Past that the cache starts over
# (scrolling through 10,000 rows must not keep 10,000 rows of Text).
CACHED_ROWS = 4000


class Column(NamedTuple):
    """A column: its header label and its width in cells (without the padding)."""

    key: str
    label: str
    width: int


class RowList(ScrollView, can_focus=True):
    """Rows keyed by a record id, a row cursor, a header; drawn line by line.

    Subclasses set the rows (:meth:`set_rows`) and the columns (:meth:`set_columns`) and make
    a row's cells on demand (:meth:`make_cells`).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--header",
        "row-list--cursor",
        "row-list--hover",
    }

    # Like Textual's DataTable: the cursor row in the block-cursor colours (dimmer when the
    # list is not focused), the header bold on the panel colour.
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-list--header {
                background-tint: $foreground 5%;
            }
        }
        & > .row-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .row-list--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .row-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .row-list--hover {
            background: $block-hover-background;
        }
    }
    """

    # Without ids: the keys a subclass lets users remap are its own (see jobtui.keys).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first_row", "First", show=False),
        Binding("end", "last_row", "Last", show=False),
    ]

    # Spaces either side of every cell, as DataTable's cell padding.
    CELL_PADDING = 1

    class _RowMessage(Message):
        """About the row under the cursor: its place and its key."""

        def __init__(self, row_list: RowList, cursor_row: int, row_key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.cursor_row = cursor_row
            self.row_key = row_key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(_RowMessage):
        """The cursor moved to another row (by a key, the mouse or :meth:`move_cursor`).

        Not posted when :meth:`set_rows` replaces the rows: whoever replaced them redraws what
        depends on the selection."""

    class Selected(_RowMessage):
        """Enter (or a click on the cursor row) chose the row under the cursor."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._keys: Sequence[str] = ()
        self._index: dict[str, int] | None = None  # key -> row, made when first needed
        self._columns: list[Column] = []
        self._cursor = 0
        self._hover: int | None = None
        self._cells: dict[int, Sequence[Text]] = {}
        self._segments: dict[int, list[Segment]] = {}  # a row's line at the current widths
        self._header: list[Segment] | None = None

    # -- what the subclass provides -------------------------------------------------

    def make_cells(self, index: int) -> Sequence[Text]:
        """The cells of row ``index``, one Text per column (called once per row shown)."""
        raise NotImplementedError

    def set_columns(self, columns: list[Column]) -> None:
        """Use these columns (labels and widths); the rows are drawn again at the new widths."""
        if columns == self._columns:
            return
        self._columns = columns
        self._segments.clear()
        self._header = None
        self._update_virtual_size()
        self.refresh()

    def set_rows(self, keys: Sequence[str]) -> None:
        """Replace the rows (their keys, in order), forgetting every row's cells.

        The cursor stays on the same key if it is still there, else on the nearest row (the
        same position, or the last row); the cursor row keeps its place on screen where it
        can, and is always in view."""
        keep = self.selected_id
        old_cursor, old_top = self._cursor, self._top
        self._keys = keys
        self._index = None
        self._cells.clear()
        self._segments.clear()
        self._hover = None
        found = self._key_index.get(keep) if keep is not None else None
        if found is None:
            found = min(old_cursor, len(keys) - 1)
        self._cursor = max(found, 0)
        self._update_virtual_size()
        self._scroll_to_row(self._cursor - (old_cursor - old_top))
        self._scroll_cursor_into_view()
        self.refresh()

    # -- what others read ------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows there are (on screen or not)."""
        return len(self._keys)

    @property
    def cursor_row(self) -> int:
        """The row under the cursor (0 when there are none)."""
        return self._cursor

    @property
    def selected_id(self) -> str | None:
        """The key of the row under the cursor, if any."""
        return self._keys[self._cursor] if self._keys else None

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def _key_index(self) -> dict[str, int]:
        if self._index is None:
            self._index = {key: i for i, key in enumerate(self._keys)}
        return self._index

    def get_row_index(self, key: str) -> int:
        """The row of ``key``; KeyError if it is not shown."""
        return self._key_index[key]

    def get_row_at(self, index: int) -> list[Text]:
        """The cells of row ``index`` (made now if it was never on screen)."""
        if not 0 <= index < len(self._keys):
            raise IndexError(index)
        return list(self._cells_of(index))

    def select(self, key: str) -> bool:
        """Move the cursor to ``key``'s row; False if it is not shown."""
        index = self._key_index.get(key)
        if index is None:
            return False
        self.move_cursor(row=index)
        return True

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        """Put the cursor on ``row`` (kept within the rows) and bring it into view."""
        del animate  # the list jumps: one key, one frame
        if not self._keys:
            return
        row = max(0, min(row, len(self._keys) - 1))
        moved = row != self._cursor
        self._cursor = row
        self._scroll_cursor_into_view()
        if moved:
            self.refresh()
            self.post_message(self.Highlighted(self, row, self._keys[row]))

    # -- geometry --------------------------------------------------------------------

    @property
    def _top(self) -> int:
        """The row drawn first under the header."""
        return round(self.scroll_offset.y)

    @property
    def page_rows(self) -> int:
        """How many rows fit on screen under the header (at least 1)."""
        return max(1, self.scrollable_content_region.height - 1)

    def _update_virtual_size(self) -> None:
        pad = 2 * self.CELL_PADDING
        width = sum(column.width + pad for column in self._columns)
        self.virtual_size = Size(width, len(self._keys) + 1)  # the rows and the header

    def _scroll_to_row(self, top: int) -> None:
        top = max(0, min(top, len(self._keys) - self.page_rows))
        if top != self._top:
            self.scroll_to(y=top, animate=False, force=True)

    def _scroll_cursor_into_view(self) -> None:
        if self.scrollable_content_region.height < 2:
            return  # not laid out yet: on_resize does it
        top, page = self._top, self.page_rows
        if self._cursor < top:
            self._scroll_to_row(self._cursor)
        elif self._cursor >= top + page:
            self._scroll_to_row(self._cursor - page + 1)

    def on_resize(self) -> None:
        self._scroll_cursor_into_view()

    # -- drawing ---------------------------------------------------------------------

    def _cells_of(self, index: int) -> Sequence[Text]:
        cells = self._cells.get(index)
        if cells is None:
            if len(self._cells) >= CACHED_ROWS:
                self._cells.clear()
                self._segments.clear()
            cells = self._cells[index] = self.make_cells(index)
        return cells

    def _line(self, cells: Sequence[Text]) -> list[Segment]:
        """One line of cells at the column widths, each padded, cut with its overflow."""
        console = self.app.console
        pad = Segment(" " * self.CELL_PADDING)
        line: list[Segment] = []
        for cell, column in zip(cells, self._columns, strict=False):
            fitted = cell.copy()
            fitted.truncate(column.width, overflow=cell.overflow or "ellipsis", pad=True)
            line.append(pad)
            # (Text.render leaves out the Text's own style: it goes under its spans here.)
            line.extend(Segment.apply_style(fitted.render(console), console.get_style(cell.style)))
            line.append(pad)
        return line

    def _row_segments(self, index: int) -> list[Segment]:
        segments = self._segments.get(index)
        if segments is None:
            segments = self._line(self._cells_of(index))
            self._segments[index] = segments
        return segments

    def _row_styles(self, index: int) -> tuple[Style, Style | None]:
        """The style under a row's cells, and the one over them (the cursor's, or the
        hover's: as in DataTable, they win over the cells' own colours)."""
        if index == self._cursor:
            return self.rich_style, self.get_component_rich_style("row-list--cursor")
        if index == self._hover:
            return self.rich_style, self.get_component_rich_style("row-list--hover")
        return self.rich_style, None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_offset.x)
        if y == 0:
            if self._header is None:
                self._header = self._line([Text(c.label) for c in self._columns])
            segments = self._header
            under, over = self.get_component_rich_style("row-list--header"), None
        else:
            index = y - 1 + self._top
            if index >= len(self._keys):
                return Strip.blank(width, self.rich_style)
            segments = self._row_segments(index)
            under, over = self._row_styles(index)
        strip = Strip(segments).crop_extend(scroll_x, scroll_x + width, None)
        return Strip(Segment.apply_style(strip, under, over), strip.cell_length)

    # -- keys and the mouse ------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self._cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self._cursor - 1)

    def _page_by(self, rows: int) -> None:
        # The view moves as far as the cursor, so the cursor keeps its place on screen.
        self._scroll_to_row(self._top + rows)
        self.move_cursor(row=self._cursor + rows)

    def action_page_down(self) -> None:
        self._page_by(self.page_rows)

    def action_page_up(self) -> None:
        self._page_by(-self.page_rows)

    def action_half_page_down(self) -> None:
        self._page_by(max(1, self.page_rows // 2))

    def action_half_page_up(self) -> None:
        self._page_by(-max(1, self.page_rows // 2))

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._keys) - 1)

    def action_select_cursor(self) -> None:
        if self._keys:
            self.post_message(self.Selected(self, self._cursor, self._keys[self._cursor]))

    def _row_under(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return None  # outside, or on the header
        index = offset.y - 1 + self._top
        return index if index < len(self._keys) else None

    def on_click(self, event: events.Click) -> None:
        index = self._row_under(event)
        if index is None:
            return
        event.stop()
        if index == self._cursor:
            self.action_select_cursor()
        else:
            self.move_cursor(row=index)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._row_under(event)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()
