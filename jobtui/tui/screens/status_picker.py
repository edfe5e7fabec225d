"""Pick an application's status from a numbered list."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jobtui.core.model import Status
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown

LABEL_CHARS = 120

STATUSES = tuple(Status)


class StatusPicker(Dialog[Status | None]):
    """Choose a status: arrows and enter, or its number 1-9; escape cancels.

    Dismisses with the chosen :class:`Status` (possibly the current one), or None.
    """

    DEFAULT_CSS = """
    StatusPicker {
        & .dialog {
            width: 64;
        }

        & OptionList {
            height: auto;
            max-height: 12;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *keymap.bindings("status picker"),
        *(
            Binding(str(n), f"pick({n})", status.label, show=False)
            for n, status in enumerate(STATUSES, start=1)
        ),
    ]

    def __init__(self, current: Status, label: str) -> None:
        super().__init__()
        self.current = current
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("Status of ")
            title.append(shown(self.label, "bold", limit=LABEL_CHARS))
            yield Static(title, classes="dialog-title")
            options = []
            for n, status in enumerate(STATUSES, start=1):
                prompt = Text.assemble((f"{n} ", "dim"), status.label)
                if status == self.current:
                    prompt.append("  (current)", style="dim italic")
                options.append(Option(prompt, id=status.value))
            yield OptionList(*options, id="status-options")
            yield Static(Text("1-9 or enter pick · esc cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = STATUSES.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(Status(event.option_id))

    def action_pick(self, number: int) -> None:
        """Pick the status numbered ``number`` (1-based)."""
        self.dismiss(STATUSES[number - 1])

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
