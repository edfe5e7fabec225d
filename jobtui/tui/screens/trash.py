"""The trash: deleted applications, interviews and contacts, newest first; enter restores."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from jobtui.core import dates
from jobtui.db.store import TrashEntry
from jobtui.ops import records, views
from jobtui.tui import keymap
from jobtui.tui.dialog import Dialog
from jobtui.tui.shown import shown

if TYPE_CHECKING:
    from jobtui.tui.screens.panes import MainPanes

# Longer labels are cut in the list (the whole one is in the toast after a restore).
LABEL_LIMIT = 60


def entry_prompt(entry: TrashEntry, now: datetime) -> Text:
    """One row: the kind, what it was (literally, as typed), and when it was deleted."""
    when = entry.deleted_at.astimezone(dates.local_tz())
    day = dates.format_short_day(when.date(), dates.local_day(now))
    prompt = Text(f"{entry.kind:<11} ", style="dim")
    prompt.append_text(shown(entry.label or "(no name)", limit=LABEL_LIMIT))
    prompt.append(f"  deleted {day} {dates.format_clock(when)}", style="dim")
    return prompt


class TrashScreen(Dialog[None]):
    """Every deleted record with when it was deleted; enter restores the highlighted one
    (one undoable change, saved through ``panes``), escape or q closes."""

    DEFAULT_CSS = """
    TrashScreen {
        & .dialog {
            width: 100;
        }
        & #trash-entries {
            height: auto;
            max-height: 20;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keymap.bindings("trash")

    def __init__(self, panes: MainPanes) -> None:
        super().__init__()
        self.panes = panes
        self.entries: list[TrashEntry] = []
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Trash"), classes="dialog-title", id="trash-title")
            yield OptionList(id="trash-entries")
            yield Static(Text("enter restore · esc close"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.reload()

    @work
    async def reload(self) -> None:
        """Read the trash on the data thread and list it."""
        try:
            entries = await self.panes.data.call(views.trash)
        except Exception as exc:
            self.notify(f"Could not read the trash: {exc}", severity="error", timeout=10)
            return
        self.show_entries(entries)

    def show_entries(self, entries: list[TrashEntry]) -> None:
        self.entries = entries
        self.loaded = True
        options = self.query_one(OptionList)
        keep = options.highlighted or 0
        options.clear_options()
        now = self.panes.tui.clock()
        options.add_options(Option(entry_prompt(e, now), id=e.id) for e in entries)
        count = len(entries)
        title = "Trash: empty" if not count else f"Trash · {count} deleted, newest first"
        self.query_one("#trash-title", Static).update(Text(title))
        if entries:
            options.highlighted = min(keep, count - 1)

    @on(OptionList.OptionSelected, "#trash-entries")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_restore()

    @work
    async def action_restore(self) -> None:
        """Bring the highlighted record back (an application with its interviews)."""
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.entries:
            self.notify("The trash is empty: nothing to restore.", severity="warning")
            return
        entry = self.entries[options.highlighted]
        label = entry.label or f"the {entry.kind}"
        restored = await self.panes.save_change(
            lambda store: records.undelete(store, entry.id),
            undo_as=f"restoring {label}",
            report=f"Restored {label}. u undoes it.",
        )
        if restored is not None:
            self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
