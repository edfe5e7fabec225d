"""Ask for the file to import (from the command palette), and, for calendar invites that
match no application or several, which application they are for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, shown

if TYPE_CHECKING:
    from jobtui.ops.invites import Candidate

LABEL_CHARS = 100


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


class InviteTargetPicker(Dialog[str | None]):
    """Which application calendar invites are for, when they match none or several: the
    candidates (the selected application first, if given). Dismisses with its id, or None.

    The second step of the import dialog, so it shares its keys (escape cancels).
    """

    DEFAULT_CSS = """
    InviteTargetPicker OptionList {
        height: auto;
        max-height: 14;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("import")

    def __init__(
        self, question: str, candidates: list[Candidate], selected: Candidate | None = None
    ) -> None:
        super().__init__()
        self.question = question
        self.candidates = list(candidates)
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(shown(self.question, limit=300), classes="dialog-title")
            yield Static(
                Text("Which application is it for? Every new interview in the file goes there."),
                classes="dialog-detail",
            )
            options = []
            if self.selected is not None:
                prompt = shown(self.selected.label, limit=LABEL_CHARS)
                prompt.append("  (selected)", style="dim italic")
                options.append(Option(prompt, id=self.selected.id))
            for candidate in self.candidates:
                if self.selected is not None and candidate.id == self.selected.id:
                    continue
                prompt = shown(candidate.label, limit=LABEL_CHARS)
                if candidate.closed:
                    prompt.append("  (closed)", style="dim italic")
                options.append(Option(prompt, id=candidate.id))
            yield OptionList(*options, id="invite-targets")
            yield Static(Text("enter pick · esc cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0 if options.option_count else None
        options.focus()

    @on(OptionList.OptionSelected, "#invite-targets")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
