"""A second startup floor: a plain Textual app with jobtui's widget set.

    python bench/widgets_app.py     # run it in a terminal; q quits

A header line, a DataTable of 40 rows (added in on_mount, as jobtui adds its rows), an
OptionList, a TextArea with the Markdown grammar, and a Footer: what jobtui's main screen
is built of, with no data behind it. bench/bench_startup.py starts it the same way as
``jobtui`` and times it to its first row ("Company 1") on screen; bench/bare_app.py is the
barer floor (one Static).
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, OptionList, Static, TextArea

ROWS = 40
NOTES = "## Notes\n\nA paragraph of *Markdown* notes.\n\n- a bullet\n- another bullet\n"


class WidgetsApp(App[None]):
    """jobtui's widget set, empty of data."""

    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Static("jobtui-like header line")
        with Horizontal():
            yield DataTable(cursor_type="row")
            with Vertical():
                yield OptionList(*(f"Interview {n}" for n in range(1, 11)))
                yield TextArea.code_editor(NOTES, language="markdown")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Company", "Role", "Status", "Next")
        for n in range(1, ROWS + 1):
            table.add_row(f"Company {n}", "Backend engineer", "applied", "follow up")


if __name__ == "__main__":
    WidgetsApp().run()
