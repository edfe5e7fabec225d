"""The stats screen (key ``g``): the funnel, responses by source and activity per week."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from jobtui.core.stats import (
    WEEK_COLUMN,
    Stats,
    days_text,
    funnel_bar,
    percent,
    week_grid,
    week_range,
    week_totals,
)
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown

BAR_WIDTH = 30
# A colour per funnel stage, from first contact to the finish line.
STAGE_STYLES = {
    "applied": "blue",
    "screening": "cyan",
    "interview": "magenta",
    "offer": "yellow",
    "accepted": "green",
}


def summary_text(stats: Stats) -> Text:
    """Totals and the response figures, two lines."""
    text = Text()
    text.append(str(stats.total), style="bold")
    text.append(" applications · ")
    text.append(str(stats.active), style="bold")
    text.append(" active · ")
    text.append(str(stats.closed), style="bold")
    text.append(" closed\n")
    text.append("Response rate ")
    text.append(percent(stats.response_rate), style="bold")
    text.append(f" ({stats.responses} of {stats.applied} sent got an answer) · median ")
    text.append(days_text(stats.median_days_to_first_response), style="bold")
    text.append(" to the first response")
    return text


def funnel_table(stats: Stats) -> Table:
    """One row per stage: name, count, a bar scaled to "applied", and the conversion."""
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False)
    table.add_column(Text("Funnel"), style="bold", no_wrap=True)
    table.add_column(Text("Count"), justify="right", no_wrap=True)
    table.add_column(Text(""), width=BAR_WIDTH + 1, no_wrap=True)
    table.add_column(Text("Conversion"), no_wrap=True)
    top = stats.funnel[0].count if stats.funnel else 0
    previous = ""
    for stage in stats.funnel:
        bar = Text(funnel_bar(stage.count, top, BAR_WIDTH), style=STAGE_STYLES[stage.name])
        rate = Text()
        if previous:
            rate.append(percent(stage.rate_from_previous).rjust(4), style="bold")
            rate.append(f" of {previous}", style="dim")
        table.add_row(Text(stage.name.capitalize()), Text(str(stage.count)), bar, rate)
        previous = stage.name
    return table


def sources_table(stats: Stats) -> RenderableType:
    """Applied, answered, rate and median days per source (sources are shown as typed)."""
    if not stats.by_source:
        return Text("By source: no applications sent yet.", style="dim")
    table = Table(box=None, padding=(0, 1), show_edge=False, pad_edge=False, expand=True)
    table.add_column(Text("By source"), style="bold", ratio=1, overflow="fold")
    table.add_column(Text("Applied"), justify="right", no_wrap=True)
    table.add_column(Text("Answered"), justify="right", no_wrap=True)
    table.add_column(Text("Rate"), justify="right", no_wrap=True)
    table.add_column(Text("Median wait"), justify="right", no_wrap=True)
    for s in stats.by_source:
        table.add_row(
            shown(s.source),  # user text: never markup, controls visible
            Text(str(s.applications)),
            Text(str(s.responses)),
            Text(percent(s.response_rate)),
            Text(days_text(s.median_days_to_response)),
        )
    return table


def weeks_text(stats: Stats) -> Text:
    """Applications and interviews per week: a sparkline cell and a count for each week."""
    text = Text()
    text.append("Per week", style="bold")
    text.append(f"  {week_range(stats)}\n", style="dim")
    styles = {"Applications": "blue", "Interviews": "magenta"}
    style = ""
    for label, cells in week_grid(stats):
        if label in styles:
            style = styles[label]
        # Month and day labels, and the counts under each sparkline, are quieter.
        is_spark = label in styles
        text.append(f"{label:<13}", style="bold" if is_spark else "dim")
        for cell in cells:
            cell_style = style if is_spark else ("dim" if cell in ("", "0") else "")
            text.append(f"{cell:>{WEEK_COLUMN}}", style=cell_style)
        text.append("\n")
    text.append(week_totals(stats), style="dim")
    return text


DEFINITIONS = (
    "How it is counted: an application counts at every stage it reached or went past; "
    "wishlist items are not counted as sent. A response is the first move to screening or "
    "further, a rejection, or an interview being arranged; the wait is in calendar days from "
    "the day it was sent."
)


class StatsScreen(Dialog[None]):
    """How the search is going, from :func:`jobtui.core.stats.compute_stats`.

    Escape, q or g close it; arrows and page keys scroll when it does not fit.
    """

    DEFAULT_CSS = """
    StatsScreen {
        & #stats-dialog {
            width: 96;
        }

        & #stats-body {
            height: auto;
            max-height: 100%;
        }

        & #stats-body > Static {
            width: 1fr;
            padding-bottom: 1;
        }

        & #stats-body > Static#stats-definitions {
            padding-bottom: 0;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("stats")

    def __init__(self, stats: Stats) -> None:
        super().__init__()
        self.stats = stats

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stats-dialog"):
            yield Static(Text("jobtui — stats"), classes="dialog-title")
            with VerticalScroll(id="stats-body"):
                yield Static(summary_text(self.stats), id="stats-summary")
                yield Static(funnel_table(self.stats), id="stats-funnel")
                yield Static(sources_table(self.stats), id="stats-sources")
                yield Static(weeks_text(self.stats), id="stats-weeks")
                yield Static(Text(DEFINITIONS, style="dim"), id="stats-definitions")
            yield Static(Text("↑/↓ scroll · esc, q or g close"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#stats-body").focus()

    def action_close(self) -> None:
        """Close the stats."""
        self.dismiss(None)
