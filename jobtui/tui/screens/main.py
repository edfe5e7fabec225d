"""The main screen: its keys and what they do.

What the screen draws and what is selected is :class:`~jobtui.tui.screens.panes.MainPanes`;
an action that asks something runs in a worker (``@work``) and reads top to bottom in
:mod:`~jobtui.tui.screens.record_actions` or :mod:`~jobtui.tui.screens.tool_actions`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.widgets import Input

from jobtui.core.overview import SORTS, Overview
from jobtui.keys import MAIN
from jobtui.tui import keymap
from jobtui.tui.screens import record_actions, task_actions, tool_actions
from jobtui.tui.screens.panes import MainPanes
from jobtui.tui.view import next_sort
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.editor import NoteEditor
from jobtui.tui.widgets.timeline import Timeline


class MainScreen(MainPanes):
    """Three panes driven from the keyboard; every change goes through the app's DataService."""

    BINDINGS = keymap.bindings(MAIN)  # the key table in jobtui.keys.ACTIONS

    def show_first(self, overview: Overview, then: Callable[[], None]) -> None:
        """Draw the first overview: the rows, the summary, the details and the notes in the
        first frame with data, the timeline in the frame after it (building its few hundred
        lines would hold the rows back); ``then`` is called once the timeline is drawn too."""
        timeline = self.query_one(Timeline)
        timeline.defer_next(then)
        try:
            self.show(overview)
        finally:
            timeline.end_defer()  # drawn now if the redraw had no timeline to draw

    # -- records (record_actions) ---------------------------------------------------

    @work
    async def action_add_application(self) -> None:
        await record_actions.add_application(self)

    @work
    async def action_add_interview(self) -> None:
        await record_actions.add_interview(self)

    @work
    async def action_edit(self) -> None:
        await record_actions.edit(self)

    @work
    async def action_change_status(self) -> None:
        await record_actions.change_status(self)

    @work
    async def action_mark_sent(self) -> None:
        await record_actions.mark_sent(self)

    @work
    async def action_log_message(self) -> None:
        await record_actions.log_message(self)

    @work
    async def action_sent_messages(self) -> None:
        await record_actions.sent_messages(self)

    @work
    async def action_snooze(self) -> None:
        await record_actions.snooze(self)

    @work
    async def action_delete(self) -> None:
        await record_actions.delete(self)

    @work
    async def action_undo(self) -> None:
        await record_actions.undo(self)

    @work
    async def action_redo(self) -> None:
        await record_actions.redo(self)

    def action_trash(self) -> None:
        """The trash: deleted records with when; enter restores one."""
        from jobtui.tui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen(self))

    @work
    async def action_add_task(self) -> None:
        await task_actions.add_task(self)

    @work
    async def action_task_done(self) -> None:
        await task_actions.task_done(self)

    # -- the other views (each its own screen, on the same overview) -----------------

    def action_board(self) -> None:
        """The pipeline board: a column per status."""
        from jobtui.tui.screens.board import BoardScreen

        self.app.push_screen(BoardScreen(self))

    def action_contacts(self) -> None:
        """Every contact, filterable; add, edit, link, delete."""
        from jobtui.tui.screens.contacts import ContactsScreen

        self.app.push_screen(ContactsScreen(self))

    def action_offers(self) -> None:
        """The open offers side by side."""
        from jobtui.tui.screens.offers import OffersScreen

        self.app.push_screen(OffersScreen(self))

    def action_posting(self) -> None:
        """The captured posting in place of the note editor, and back."""
        self.toggle_posting()

    # -- tools (tool_actions) ---------------------------------------------------------

    @work
    async def action_compose_message(self) -> None:
        await tool_actions.compose_message(self)

    @work
    async def action_import(self) -> None:
        await tool_actions.import_file(self)

    @work
    async def action_stats(self) -> None:
        await tool_actions.stats(self)

    def action_external_editor(self) -> None:
        tool_actions.external_editor(self)

    # -- view switches (each redraws: see MainPanes) -----------------------------------

    def action_toggle_followups(self) -> None:
        self.followups_only = not self.followups_only

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed

    def action_cycle_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self.notify(f"Sorted {SORTS[self.sort]}")

    def action_filter(self) -> None:
        self.filter_target = "timeline" if self.timeline_focused() else "applications"
        box = self.query_one("#filter", Input)
        box.display = True
        box.disabled = False
        box.value = self.filter_text
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if self.focused is self.query_one(NoteEditor).text_area:
            self.query_one(ApplicationsTable).focus()  # escape leaves the editor (and saves)
            return
        if not self.filter_text and not box.display:
            if self.posting_shown:  # esc anywhere brings the notes back
                self.close_posting()
            return
        self.filter_text = ""
        box.value = ""
        self.hide_filter()
        self.focus_filtered()
