"""The captured job posting of one application: read-only, scrollable, shown as stored.

It takes the note editor's place on the main screen (``p``; see
:meth:`~jobtui.tui.screens.panes.MainPanes.toggle_posting`). The posting is Markdown made
from a web page: it is data, drawn as literal text (never markup, never rendered as
Markdown, whose links a page would choose), with its control characters made visible
(:func:`jobtui.tui.shown.shown`). Only Markdown headings are drawn in bold, which changes
no character of it.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from jobtui.core import dates
from jobtui.core.model import Application
from jobtui.tui.shown import shown

# Said in the text's bottom border while it has focus.
KEYS_HINT = "↑↓ pgup pgdn scroll · esc notes"
NOTHING_SELECTED = "No application selected."
_HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)


def posting_title(app: Application) -> Text:
    """The title line: "Posting · fetched Thu 26 Nov 2026 10:00 · https://..." (the parts
    it has), literal."""
    title = Text("Posting", style="bold", no_wrap=True, overflow="ellipsis", end="")
    if app.description and app.posting_fetched_at is not None:
        title.append(f" · fetched {dates.format_editable(app.posting_fetched_at)}")
    if app.url:
        title.append(" · ")
        title.append_text(shown(app.url))
    return title


def no_posting_text(app: Application) -> Text:
    """What to do to get a posting, for an application that has none."""
    fetch = f"jobtui fetch {app.id[:8]}"
    if app.url:
        line = f"No posting captured yet: {fetch} reads it from its URL."
    else:
        line = (
            "No posting captured yet, and no URL to read it from: give the application "
            f"its URL, then {fetch} (or add it with jobtui add URL)."
        )
    return Text(line, style="dim")


def posting_text(description: str) -> Text:
    """The posting as typed, its headings in bold."""
    text = shown(description)
    for heading in _HEADING.finditer(text.plain):
        text.stylize("bold", heading.start(), heading.end())
    return text


class PostingScroll(VerticalScroll):
    """The posting's text, scrolled by the keys (up, down, page up, page down, home, end)."""

    def on_focus(self) -> None:
        self.border_subtitle = KEYS_HINT

    def on_blur(self) -> None:
        self.border_subtitle = ""


class PostingView(Vertical):
    """A title line over the selected application's posting; escape asks for the notes back."""

    BINDINGS = [Binding("escape", "close", "Notes", show=False)]

    class Closed(Message):
        """The user asked for the notes back."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        # What is drawn, so a redraw of the same posting keeps the place read up to.
        self._shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="posting-title")
        with PostingScroll(id="posting-scroll"):
            yield Static(id="posting-text")

    def on_mount(self) -> None:
        self.show_posting(None)

    def show_posting(self, app: Application | None) -> None:
        """Draw ``app``'s posting (or what to do to get one); None: nothing selected.

        Another application's posting starts at its top; the same one stays where it was."""
        key = None if app is None else (app.id, app.description, app.posting_fetched_at, app.url)
        if key == self._shown:
            return
        same_app = app is not None and self._shown is not None and self._shown[0] == app.id
        self._shown = key
        title = self.query_one("#posting-title", Static)
        body = self.query_one("#posting-text", Static)
        if app is None:
            title.update(Text("Posting", style="bold"))
            body.update(Text(NOTHING_SELECTED, style="dim"))
        else:
            title.update(posting_title(app))
            body.update(posting_text(app.description) if app.description else no_posting_text(app))
        if not same_app:
            self.query_one(PostingScroll).scroll_home(animate=False)

    def focus_text(self) -> None:
        """Focus the text, so the keys scroll it."""
        self.query_one(PostingScroll).focus()

    def action_close(self) -> None:
        self.post_message(self.Closed())
