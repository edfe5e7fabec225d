"""Add a task to an application: what to do, and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from jobtui.core import dates
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import ShownInput, shown

LABEL_CHARS = 120


@dataclass(frozen=True)
class NewTask:
    """The answer of a :class:`TaskDialog`."""

    text: str
    due: datetime | None


def read_due(text: str, now: datetime) -> datetime | None:
    """Typed due text -> a moment (None when empty); DateParseError for text that is no date."""
    return dates.parse_when(text, now) if text.strip() else None


class TaskDialog(Dialog[NewTask | None]):
    """Ask what to do for ``label`` and by when; dismisses with a :class:`NewTask`, or None
    on escape. Enter in the first field moves to the second; enter there adds the task."""

    DEFAULT_CSS = """
    TaskDialog .dialog {
        width: 70;
    }
    """
    HOLDS_TOASTS = True

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("task")

    def __init__(self, label: str, now: datetime) -> None:
        super().__init__()
        self.label = label
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("New task for ")
            title.append(shown(self.label, "bold", limit=LABEL_CHARS))
            yield Static(title, classes="dialog-title")
            yield ShownInput(
                placeholder="what to do, e.g. Take-home: build the ETL",
                validate_on=[],
                id="task-text",
            )
            yield Static("", classes="form-hint", id="task-text-hint", markup=False)
            yield ShownInput(
                placeholder="due (optional): fri 5pm, +3d, Dec 3 14:00",
                validate_on=[],
                id="task-due",
            )
            yield Static("", classes="form-hint", id="task-due-hint", markup=False)
            yield Static(Text("enter next/add · esc cancel"), classes="dialog-keys")

    def on_mount(self) -> None:
        self._show_due_hint("")
        self.query_one("#task-text", Input).focus()

    @on(Input.Changed, "#task-due")
    def _due_changed(self, event: Input.Changed) -> None:
        event.input.remove_class("-invalid")
        self._show_due_hint(event.value)

    def _show_due_hint(self, text: str) -> None:
        hint = self.query_one("#task-due-hint", Static)
        if not text.strip():
            hint.update(Text("No due date."))
            hint.set_classes("form-hint")
            return
        try:
            due = read_due(text, self.now)
            assert due is not None
            hint_text, bad = Text(f"→ {dates.format_dated(due, self.now)}"), False
        except ValueError as exc:  # the reason may quote what was typed
            hint_text, bad = shown(f"✗ {exc}"), True
        hint.update(hint_text)
        hint.set_classes(f"form-hint {'-bad' if bad else '-ok'}")

    @on(Input.Submitted, "#task-text")
    def _text_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._text_ok():
            self.query_one("#task-due", Input).focus()

    @on(Input.Submitted, "#task-due")
    def _due_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self._text_ok():
            self.query_one("#task-text", Input).focus()
            return
        try:
            due = read_due(event.value, self.now)
        except ValueError as exc:
            event.input.add_class("-invalid")
            hint = self.query_one("#task-due-hint", Static)
            hint.update(shown(f"✗ {exc}"))
            hint.set_classes("form-hint -bad")
            return
        self.dismiss(NewTask(self.query_one("#task-text", Input).value.strip(), due))

    def _text_ok(self) -> bool:
        box = self.query_one("#task-text", Input)
        hint = self.query_one("#task-text-hint", Static)
        if box.value.strip():
            hint.update("")
            hint.set_classes("form-hint")
            return True
        box.add_class("-invalid")
        hint.update(Text("✗ Write what to do."))
        hint.set_classes("form-hint -bad")
        return False

    def action_cancel(self) -> None:
        """Close without adding a task."""
        self.dismiss(None)
