"""Ask for the file to import (from the command palette)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, shown


class ImportDialog(Dialog[Path | None]):
    """A path input; enter checks the file exists and dismisses with it, escape cancels."""

    # Toasts wait until this dialog closes: they would cover the field being typed in.
    HOLDS_TOASTS = True

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("import")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Import a file"), classes="dialog-title")
            yield Static(
                Text(
                    "A CSV (LinkedIn's Job Applications.csv or Saved Jobs.csv, Teal, Huntr, "
                    "any spreadsheet with a header row), a jobtui JSON export, or calendar "
                    "invites (.ics) for interviews. You will see what it adds before anything "
                    "is saved."
                ),
                classes="dialog-detail",
            )
            yield ShownInput(
                placeholder="path to the file, e.g. ~/Downloads/Job Applications.csv",
                id="import-path",
            )
            yield Static("", classes="form-error", id="import-error", markup=False)
            yield Static(Text("enter preview · esc cancel"), classes="dialog-keys")

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#import-error", Static)
        typed = event.value.strip()
        if not typed:
            error.update("Type the path of a file.")
            return
        try:
            path = Path(typed).expanduser()
            found = path.is_file()
        except (OSError, ValueError, RuntimeError) as exc:
            # A name too long for the file system, a NUL, "~nobody": say so, stay open.
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            error.update(shown(f"Cannot use that path: {reason}", limit=300))
            return
        if not found:
            error.update(shown(f"No file at {path}", limit=300))
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
