"""Ask for the file to import (from the command palette)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ImportDialog(ModalScreen[Path | None]):
    """A path input; enter checks the file exists and dismisses with it, escape cancels."""

    CSS_PATH = "screens.tcss"
    # Toasts wait until this dialog closes: they would cover the field being typed in.
    HOLDS_TOASTS = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Import applications"), classes="dialog-title")
            yield Static(
                Text(
                    "A CSV (LinkedIn's Job Applications.csv or Saved Jobs.csv, Teal, Huntr, "
                    "any spreadsheet with a header row) or a jobtui JSON export. You will see "
                    "what it adds before anything is saved."
                ),
                classes="dialog-detail",
            )
            yield Input(
                placeholder="path to the file, e.g. ~/Downloads/Job Applications.csv",
                id="import-path",
            )
            yield Static("", classes="form-error", id="import-error", markup=False)
            yield Static(Text("enter preview · esc cancel"), classes="dialog-keys")

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        error = self.query_one("#import-error", Static)
        if not event.value.strip():
            error.update("Type the path of a file.")
        elif not path.is_file():
            error.update(f"No file at {path}")
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
