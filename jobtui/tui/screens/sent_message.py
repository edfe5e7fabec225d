"""The messages sent for an application or interview, read-only: pick one, read it whole."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from jobtui.core import dates
from jobtui.core.model import SentFollowUp
from jobtui.ops.views import NO_TEXT
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownTextArea, shown
from jobtui.tui.widgets.details import sent_line

TITLE_CHARS = 80
# The header's lines are cut there (the body below is shown whole).
HEADER_CHARS = 300


def message_header(entry: SentFollowUp) -> Table:
    """When, kind, to whom, the channel and the subject of one message (literal text)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("When", Text(dates.format_when(entry.at)))
    grid.add_row("Kind", Text(entry.kind.label))
    grid.add_row("To", shown(entry.to or "(nobody written down)", limit=HEADER_CHARS))
    grid.add_row("Channel", shown(entry.channel or "(none)", limit=HEADER_CHARS))
    grid.add_row("Subject", shown(entry.subject or "(no subject)", "bold", limit=HEADER_CHARS))
    return grid


class SentMessageScreen(Dialog[None]):
    """Read the messages sent about something, newest first. With several, a list on top:
    moving in it shows the highlighted one, enter goes into its text to scroll it. The text
    is shown exactly as it was sent (control characters drawn visibly) and cannot be
    edited; escape or q closes."""

    DEFAULT_CSS = """
    SentMessageScreen {
        & .dialog {
            width: 100;
        }
        & #sent-list {
            height: auto;
            max-height: 8;
            margin-bottom: 1;
        }
        & #sent-header {
            height: auto;
            margin-bottom: 1;
        }
        & #sent-body {
            height: auto;
            max-height: 50vh;
            background: $boost;
        }
        & #sent-no-text {
            height: auto;
            color: $text-muted;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("sent message")

    def __init__(self, about: str, entries: Sequence[SentFollowUp], now: datetime) -> None:
        super().__init__()
        self.about = about
        self.entries = list(entries)
        self.now = now
        self.shown_entry: SentFollowUp | None = None

    def compose(self) -> ComposeResult:
        several = len(self.entries) > 1
        with Vertical(classes="dialog"):
            title = Text(f"{len(self.entries)} messages sent for " if several else "Sent for ")
            title.append_text(shown(self.about, limit=TITLE_CHARS))
            yield Static(title, classes="dialog-title")
            if several:
                today = dates.local_day(self.now)
                yield OptionList(
                    *(Option(sent_line(e, today), id=e.id) for e in self.entries),
                    id="sent-list",
                )
            yield Static(id="sent-header")
            yield Static(id="sent-no-text")
            yield ShownTextArea(
                "", read_only=True, soft_wrap=True, show_cursor=False, id="sent-body"
            )
            keys = "↑↓ pick · enter read it · esc close" if several else "↑↓ scroll · esc close"
            yield Static(Text(keys), classes="dialog-keys")

    def on_mount(self) -> None:
        self.show_entry(self.entries[0])
        if len(self.entries) > 1:
            self.query_one(OptionList).focus()
        else:
            self.query_one(TextArea).focus()

    def show_entry(self, entry: SentFollowUp) -> None:
        """Show ``entry`` below the list: its header, then its text (or that it has none)."""
        self.shown_entry = entry
        self.query_one("#sent-header", Static).update(message_header(entry))
        body = self.query_one(TextArea)
        body.load_text(entry.body)
        body.display = bool(entry.body)
        no_text = self.query_one("#sent-no-text", Static)
        no_text.display = not entry.body
        if not entry.body:
            said = "it was logged with a subject only" if entry.subject else NO_TEXT
            no_text.update(Text(f"{said[0].upper()}{said[1:]}."))

    @on(OptionList.OptionHighlighted, "#sent-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_entry(self.entries[event.option_index])

    @on(OptionList.OptionSelected, "#sent-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.show_entry(self.entries[event.option_index])
        body = self.query_one(TextArea)
        if body.display:
            body.focus()

    def action_close(self) -> None:
        self.dismiss(None)
