"""The floor for jobtui's startup: a bare Textual app showing one Static.

    python bench/bare_app.py        # run it in a terminal; q quits

bench/bench_tui.py starts this the same way it starts ``jobtui`` (a fresh process, the same
driver and terminal size) and times it to its first frame. Whatever a Textual app must do to
show anything at all (start Python, import Textual, parse the default CSS, compose, lay out,
paint once) is in this figure; what jobtui adds on top is the difference.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    """One Static, no CSS file, no data."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("Hello from a bare Textual app. Press q to quit.")


if __name__ == "__main__":
    BareApp().run()
