"""A yes/no question, answered with one key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown

# A question that names a record with a 10,000-character name still fits on the screen.
QUESTION_CHARS = 300
DETAIL_CHARS = 2000


class ConfirmDialog(Dialog[bool]):
    """Ask ``question``, with an optional ``detail`` line.

    y or enter -> True; n or escape -> False.
    """

    DEFAULT_CSS = """
    ConfirmDialog .dialog {
        width: 60;
        border: round $warning;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("confirm")

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            question = shown(self.question, limit=QUESTION_CHARS)
            yield Static(question, classes="dialog-title", id="confirm-question")
            if self.detail:
                detail = shown(self.detail, limit=DETAIL_CHARS)
                yield Static(detail, classes="dialog-detail", id="confirm-detail")
            yield Static(Text("y / enter yes · n / esc no"), classes="dialog-keys")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
