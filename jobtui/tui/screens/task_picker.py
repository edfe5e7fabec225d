"""Pick one of an application's tasks (x off a task's row): its open tasks first, then the
done ones; enter marks the one picked done (or open again), d deletes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jobtui.core import dates
from jobtui.core.model import Task
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown

LABEL_CHARS = 120
TASK_CHARS = 70


def task_line(task: Task, now: datetime) -> Text:
    """ "☐ Take-home: build the ETL · due Fri 27 Nov 17:00" (text as data, one line)."""
    line = Text("✓ " if task.done else "☐ ", style="dim" if task.done else "")
    line.append(shown(" ".join(task.text.split()), "dim" if task.done else "", limit=TASK_CHARS))
    if task.due is not None:
        line.append(f" · due {dates.format_dated(task.due, now, short=True)}", style="dim")
    return line


@dataclass(frozen=True)
class TaskChoice:
    """The answer of a :class:`TaskPicker`: the task, and whether to delete it (else: done,
    or open again)."""

    task: Task
    delete: bool = False


class TaskPicker(Dialog[TaskChoice | None]):
    """Choose one of ``tasks``; dismisses with a :class:`TaskChoice`, or None on escape."""

    DEFAULT_CSS = """
    TaskPicker {
        & .dialog {
            width: 78;
        }

        & OptionList {
            height: auto;
            max-height: 14;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("task picker")

    def __init__(self, label: str, tasks: list[Task], now: datetime) -> None:
        super().__init__()
        self.label = label
        self.tasks = sorted(tasks, key=lambda t: t.done)  # open ones first, in their order
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = Text("Tasks of ")
            title.append(shown(self.label, "bold", limit=LABEL_CHARS))
            yield Static(title, classes="dialog-title")
            yield OptionList(
                *(Option(task_line(t, self.now), id=t.id) for t in self.tasks), id="task-list"
            )
            yield Static(
                Text("enter: done (a done one: open again) · d delete · esc cancel"),
                classes="dialog-keys",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#task-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(TaskChoice(next(t for t in self.tasks if t.id == event.option.id)))

    def action_delete(self) -> None:
        """Delete the highlighted task (u on the main screen brings it back)."""
        option = self.query_one(OptionList).highlighted_option
        if option is not None:
            self.dismiss(TaskChoice(next(t for t in self.tasks if t.id == option.id), True))

    def action_cancel(self) -> None:
        """Close without changing a task."""
        self.dismiss(None)
