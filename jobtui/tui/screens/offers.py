"""The offers screen (key ``O``): every open offer side by side, a table per currency."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from jobtui.core.offers import (
    COMPARED,
    LEGEND,
    MARK,
    MISSING,
    NO_DATE,
    ROW_LABELS,
    Comparison,
    Offer,
    OfferGroup,
    cell_text,
    compare_offers,
    group_name,
)
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown
from jobtui.tui.styles import urgency_style

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes

LABEL_WIDTH = max(len(label) for label in ROW_LABELS.values())


def group_title(group: OfferGroup) -> Text:
    """A currency group's heading: "In EUR · 2 offers"."""
    count = len(group.offers)
    text = shown(group_name(group), "bold")
    text.append(f" · {count} offer{'s' if count != 1 else ''}", style="dim")
    return text


class OffersScreen(Dialog[None]):
    """The comparison from :func:`jobtui.core.offers.compare_offers`, on the main screen's
    overview: each part, the first-year and yearly totals, the highest in each row in bold
    and marked, currencies apart, the answer-by date in its urgency colour.

    Escape, q or O close it; arrows and page keys scroll when it does not fit.
    """

    DEFAULT_CSS = """
    OffersScreen {
        & #offers-dialog {
            width: 118;
        }

        & #offers-body {
            height: auto;
            max-height: 100%;
        }

        & #offers-body > Static {
            width: 1fr;
        }

        & #offers-body > Static.offers-table {
            padding-bottom: 1;
        }

        & #offers-body > .offers-note {
            color: $text-muted;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("offers")

    def __init__(self, panes: MainPanes) -> None:
        super().__init__()
        self.panes = panes
        overview = panes.overview
        self.now = overview.now if overview is not None else panes.tui.clock()
        apps = [row.app for row in overview.rows] if overview is not None else []
        rules = panes.tui.config.followup
        self.comparison: Comparison = compare_offers(apps, self.now, rules)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="offers-dialog"):
            yield Static(Text("jobtui — offers side by side"), classes="dialog-title")
            with VerticalScroll(id="offers-body"):
                yield from self._body()
            yield Static(Text("↑/↓ scroll · esc, q or O close"), classes="dialog-keys")

    def _body(self) -> ComposeResult:
        if not self.comparison.groups:
            yield Static(self._empty_text(), id="offers-empty")
            return
        for group in self.comparison.groups:
            yield Static(group_title(group), classes="offers-group")
            yield Static(self._table(group), classes="offers-table")
        notes = []
        if any(offer.best for offer in self.comparison.offers):
            notes.append(LEGEND)
        if self.comparison.note:
            notes.append(self.comparison.note)
        if notes:
            # The note names the currencies, as typed: data.
            yield Static(shown("\n".join(notes)), classes="offers-note", id="offers-note")

    def _empty_text(self) -> Text:
        status = self.panes.key_for("change_status")
        edit = self.panes.key_for("edit")
        return Text(
            "No open offers. Give an application the status offer "
            f"({status}), then fill in its offer in the form ({edit}); or from the shell: "
            "jobtui status ID offer, then jobtui set ID offer_base=...",
        )

    def _table(self, group: OfferGroup) -> Table:
        """A row per part, a column per offer (its "Company — Role" as the header)."""
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False, pad_edge=False, expand=True)
        table.add_column(Text(""), no_wrap=True, width=LABEL_WIDTH, style="bold")
        for offer in group.offers:
            table.add_column(shown(offer.label, "bold underline"), ratio=1, overflow="fold")
        for row, label in ROW_LABELS.items():
            cells = [self._cell(offer, row) for offer in group.offers]
            style = "bold" if row in ("first_year_total", "yearly_total") else ""
            table.add_row(Text(label), *cells, style=style)
        return table

    def _cell(self, offer: Offer, row: str) -> Text:
        plain = cell_text(offer, row, self.now)
        text = shown(plain)  # notes and names: data, never markup
        if (row in COMPARED and plain == MISSING) or (row == "deadline" and plain == NO_DATE):
            text.stylize("dim italic")
        if row == "deadline":
            text.stylize(urgency_style(self.app, offer.urgency))
        if offer.is_best(row):
            text.stylize(f"bold {self.app.current_theme.success or 'green'}")
            text.append(f" {MARK}", style="bold")
        return text

    def on_mount(self) -> None:
        self.query_one("#offers-body").focus()

    def action_close(self) -> None:
        """Close the comparison."""
        self.dismiss(None)
