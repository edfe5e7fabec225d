"""The main screen's panes: what they show, what is selected, how a change is saved.

:class:`MainPanes` is the main screen without its keys: the summary, the applications,
the interview timeline, the details and the note editor (or, in its place, the captured job
posting), drawn from the overview and the view switches (reactive attributes: setting one
redraws). The actions that keys and the
palette run are in :mod:`jobtui.tui.screens.main` (the screen itself) and the modules of
functions it calls, which take a ``MainPanes``.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from jobtui.core import dates
from jobtui.core.model import Interview, ValidationError
from jobtui.core.overview import AppRow, Overview, TimelineEntry
from jobtui.core.textsafe import visible
from jobtui.db.recovery import UnsavedNote
from jobtui.db.store import Store
from jobtui.keys import check_keys
from jobtui.ops.records import save_notes
from jobtui.tui import keymap
from jobtui.tui import view as views
from jobtui.tui.data import DataService
from jobtui.tui.frames import after_next_frame
from jobtui.tui.notes import failure_reason
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.details import Details
from jobtui.tui.widgets.editor import NoteEditor, NoteTarget
from jobtui.tui.widgets.keys_footer import KeysFooter
from jobtui.tui.widgets.posting import PostingView
from jobtui.tui.widgets.summary import Summary
from jobtui.tui.widgets.timeline import Timeline
from jobtui.tui.widgets.welcome import first_run_text

if TYPE_CHECKING:
    from jobtui.tui.app import JobTUI

T = TypeVar("T")

# The panes follow a move of the list's cursor after its frame, or at the latest this late.
FOLLOW_AT_MOST = 0.25


# A replaced overview is taken apart this many rows (or timeline entries) at a time.
RELEASE_SLICE = 200
# Whether sys.getrefcount counts as release_elsewhere expects (see there).
_COUNTS_ARE_KNOWN = (
    sys.implementation.name == "cpython"
    and sys.version_info < (3, 14)
    and getattr(sys, "_is_gil_enabled", lambda: True)()
)


def release_elsewhere(overview: Overview) -> None:
    """Let go of a replaced overview on another thread, a slice of rows at a time, if
    nothing else holds it: freeing a whole one (10,000 applications, their interviews and
    notes) is a single call into C that held the UI up for about 100 ms."""
    # Held by the caller, here and by getrefcount's argument, and its lists only by it:
    # then nothing else can reach them, and taking them apart is seen by no one. Those
    # counts hold for CPython 3.11 to 3.13 with the GIL; 3.14 counts fewer references
    # (borrowed ones on the stack) and a free-threaded build counts differently: there the
    # overview is just let go of, as before.
    if not _COUNTS_ARE_KNOWN or sys.getrefcount(overview) > 3:
        return
    parts = []
    rows, timeline = overview.rows, overview.timeline
    for part in (rows, timeline):
        # (the overview, its name here, the tuple, the loop's name, getrefcount's argument)
        if sys.getrefcount(part) <= 5:
            parts.append(part)
    del rows, timeline, part
    if not parts:
        return
    threading.Thread(
        target=_take_apart, args=(overview, parts), name="jobtui-release", daemon=True
    ).start()


def _take_apart(overview: Overview, parts: list[list[object]]) -> None:
    # The cached lookups go first (they only point into the lists), then the lists from
    # their ends, a slice at a time, letting the UI thread run in between.
    overview.__dict__.clear()
    for part in parts:
        while part:
            del part[-RELEASE_SLICE:]
            time.sleep(0)
    parts.clear()


class MainPanes(Screen[None]):
    """Three panes driven from the keyboard; every change goes through the app's DataService."""

    # The view switches: each redraws when it changes.
    show_closed = reactive(False, init=False)
    followups_only = reactive(False, init=False)
    sort = reactive("urgency", init=False)
    filter_text = reactive("", init=False)

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.filter_target = "applications"
        self._focus_app: str | None = None
        self._timeline_key: tuple[object, ...] | None = None
        self._timeline_base_key: tuple[object, ...] | None = None
        self._timeline_base: list[TimelineEntry] = []
        self._focus_before_posting: Widget | None = None
        # The application the right-hand pane is about (its posting is the one shown), and
        # whether the pane is about one of its interviews.
        self._right_row: AppRow | None = None
        self._right_on_interview = False
        self._follow_pending = False  # a redraw for the list's new cursor is queued

    @property
    def tui(self) -> JobTUI:
        """The app, typed (``self.app`` is any Textual App)."""
        return cast("JobTUI", self.app)

    @property
    def data(self) -> DataService:
        return self.tui.data

    @property
    def view(self) -> views.View:
        """The view switches as they are now."""
        return views.View(
            self.show_closed, self.followups_only, self.sort, self.filter_text, self.filter_target
        )

    def _redraw(self) -> None:
        if self.overview is not None:
            self.show(self.overview)

    watch_show_closed = watch_followups_only = watch_sort = watch_filter_text = _redraw

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Summary(id="summary")
        with Vertical(id="panes"):
            yield Input(placeholder="filter: any text (notes, posting, contacts...)", id="filter")
            yield Static(id="apps-title", classes="pane-title")
            yield ApplicationsTable(id="applications")
            with Horizontal(id="bottom"):
                with Vertical(id="timeline-pane"):
                    yield Static(id="timeline-title", classes="pane-title")
                    yield Timeline(id="timeline")
                with Vertical(id="right"):
                    yield Details(id="details")
                    yield NoteEditor(id="editor")
                    yield PostingView(id="posting")
        yield Static(id="empty")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self._use_checked_keys()
        self.hide_filter()
        self.query_one("#empty", Static).display = False
        self.query_one(PostingView).display = False
        self.query_one(ApplicationsTable).focus()

    def _use_checked_keys(self) -> None:
        """Start with the default key for every bad [keys] setting, and say which."""
        config = self.tui.config
        if not config.keys:
            return
        usable, problems = check_keys(config.keys)
        if usable != config.keys:  # bad ones dropped, or "?" named "question_mark"
            self.tui.config = dataclasses.replace(config, keys=usable)
            self.app.set_keymap(usable)
        where = f"{config.path}: " if config.path is not None else "config.toml: "
        for problem in problems:
            self.notify(
                f"{where}{problem}: the default key is used instead.",
                severity="error",
                timeout=30,
            )

    def key_for(self, binding_id: str) -> str:
        """The first key of a main-screen binding as the user must press it now."""
        return keymap.keys_shown(self.app, self.tui.config.keys, binding_id)[0]

    # -- drawing -------------------------------------------------------------

    def show(self, overview: Overview) -> None:
        """Redraw everything from a fresh overview (called on the UI thread)."""
        old, self.overview = self.overview, overview
        try:
            self._show(overview)
        finally:
            if old is not None and old is not overview:
                release_elsewhere(old)

    def _show(self, overview: Overview) -> None:
        rows = self.visible_rows()
        table = self.query_one(ApplicationsTable)
        table.show_rows(rows, overview.now, self.view)
        reason = self.read_only_reason()
        self.query_one(Summary).show(overview, read_only=reason)
        editor = self.query_one(NoteEditor)
        if editor.read_only_reason != reason:
            editor.set_read_only(reason)
        empty = not overview.rows
        self.query_one("#panes").display = not empty
        self.query_one("#empty", Static).display = empty
        if empty:
            self.query_one("#empty", Static).update(first_run_text())
        elif self.focused is None and self.app.screen is self:
            table.focus()  # the panes were hidden while the database was empty
        apps_title, timeline_title = views.titles(overview, self.view, len(rows))
        self.query_one("#apps-title", Static).update(Text(visible(apps_title), style="bold"))
        self.query_one("#timeline-title", Static).update(
            Text(visible(timeline_title), style="bold")
        )
        self._after_cursor_move()

    def visible_rows(self) -> list[AppRow]:
        """Rows after the closed / follow-ups-only / filter switches, in the chosen order."""
        return [] if self.overview is None else views.visible_rows(self.overview, self.view)

    def _timeline_entries(self, focus: str | None) -> list[TimelineEntry]:
        """The interviews to draw (see :func:`views.timeline_base`), plus every interview of
        the ``focus`` application."""
        assert self.overview is not None
        view = self.view
        key = (id(self.overview), view.show_closed, view.followups_only, view.filter_of("timeline"))
        if key != self._timeline_base_key:  # the same for every cursor move: computed once
            self._timeline_base_key = key
            self._timeline_base = views.timeline_base(self.overview, view)
        return views.with_interviews_of(self.overview, self._timeline_base, focus)

    # -- selection -------------------------------------------------------------

    def selected_row(self) -> AppRow | None:
        app_id = self.query_one(ApplicationsTable).selected_id
        if app_id is None or self.overview is None:
            return None
        return self.overview.row(app_id)

    def selected_interview(self) -> tuple[Interview, AppRow] | None:
        interview_id = self.query_one(Timeline).selected_id
        if interview_id is None or self.overview is None:
            return None
        for entry in self.overview.timeline:
            if entry.interview.id == interview_id:
                row = self.overview.row(entry.app.id)
                return (entry.interview, row) if row else None
        return None

    def need_row(self) -> AppRow | None:
        """The selected application's row; None (and a hint) if none is selected."""
        row = self.selected_row()
        if row is None:
            self.notify("Select an application first (or press a to add one).", severity="warning")
        return row

    def target(self) -> tuple[AppRow, Interview | None] | None:
        """What an action applies to: the interview selected in the focused timeline (with
        its application's row), else the selected application. None (and a hint) if none."""
        entry = self.query_one(Timeline).selected_entry if self.timeline_focused() else None
        if entry is not None and entry.record is None:  # a deadline's or task's row
            what = "a task" if entry.task is not None else "a deadline"
            self.notify(
                f"That row is {what} of {entry.app.company}, not an interview: "
                "select the application to act on it.",
                severity="warning",
            )
            return None
        if self.timeline_focused() and (found := self.selected_interview()):
            interview, row = found
            return row, interview
        row = self.need_row()
        return (row, None) if row is not None else None

    def timeline_focused(self) -> bool:
        return self.focused is self.query_one(Timeline)

    @on(ApplicationsTable.Highlighted, "#applications")
    def _row_highlighted(self) -> None:
        # The list's new cursor is painted first; what follows the selection (the timeline,
        # the details, the notes) is redrawn right after that frame, once for every move made
        # meanwhile (a held j scrolls the list at the key repeat rate).
        if not self._follow_pending:
            self._follow_pending = True
            after_next_frame(self, self._follow_selection, at_most=FOLLOW_AT_MOST)

    def _follow_selection(self) -> None:
        self._follow_pending = False
        self._after_cursor_move()

    @on(OptionList.OptionHighlighted, "#timeline")
    def _interview_highlighted(self) -> None:
        if self.timeline_focused():
            self._show_interview()

    def on_descendant_focus(self) -> None:
        if self.overview is None:
            return
        if self.timeline_focused():
            self._show_interview()
        elif self.focused is self.query_one(ApplicationsTable):
            self._show_application()

    def _after_cursor_move(self) -> None:
        if self.overview is None:
            return
        row = self.selected_row()
        focus = row.app.id if row else None
        changed, self._focus_app = focus != self._focus_app, focus
        entries = self._timeline_entries(focus)
        key = (id(self.overview), tuple(id(e) for e in entries), focus, self.show_closed)
        if changed or key != self._timeline_key:
            self._timeline_key = key
            self.query_one(Timeline).show_entries(
                entries, self.overview.now, focus, jump=changed and focus is not None
            )
        if self.timeline_focused() or (self._right_on_interview and self._right_pane_focused()):
            # Also while its notes are written or its posting read: a redraw (a change made
            # elsewhere) keeps the interview whose notes are in the editor.
            self._show_interview()
        else:
            self._show_application()

    def _right_pane_focused(self) -> bool:
        focused = self.focused
        return focused is not None and (
            self.query_one(NoteEditor) in focused.ancestors_with_self
            or self.query_one(PostingView) in focused.ancestors_with_self
        )

    def _show_application(self) -> None:
        assert self.overview is not None
        row = self.selected_row()
        details = self.query_one(Details)
        editor = self.query_one(NoteEditor)
        if row is None:
            details.show_nothing("No application selected. Press a to add one.")
            editor.load(None, "")
            self._show_posting_of(None)
            self._right_on_interview = False
            return
        details.show_application(row, self.overview)
        label = f"{row.app.company} · {row.app.role}"
        editor.load(NoteTarget("application", row.app.id, label), row.app.notes)
        self._show_posting_of(row)
        self._right_on_interview = False

    def _show_interview(self) -> None:
        assert self.overview is not None
        found = self.selected_interview()
        if found is None:
            entry = self.query_one(Timeline).selected_entry
            if entry is not None and (entry.deadline is not None or entry.task is not None):
                details = self.query_one(Details)
                if entry.task is not None:
                    details.show_task(entry, self.overview.now)
                else:
                    details.show_deadline(entry, self.overview.now)
                label = f"{entry.app.company} · {entry.app.role}"
                self.query_one(NoteEditor).load(
                    NoteTarget("application", entry.app.id, label), entry.app.notes
                )
                self._show_posting_of(self.overview.row(entry.app.id))  # its own posting
                self._right_on_interview = True  # the timeline's row is what is shown
            elif not self.timeline_focused():  # it went (e.g. deleted elsewhere)
                self._show_application()
            return
        interview, row = found
        self.query_one(Details).show_interview(interview, row.app, self.overview.now, row.sent)
        local = interview.starts_at.astimezone(dates.local_tz())  # the day as the user lives it
        day = dates.format_short_day(local, dates.local_day(self.overview.now))
        label = f"{row.app.company} · {interview.kind.label} {day}"
        self.query_one(NoteEditor).load(
            NoteTarget("interview", interview.id, label), interview.notes
        )
        self._show_posting_of(row)  # an interview: the posting of its application
        self._right_on_interview = True

    # -- the posting, in the note editor's place -------------------------------------

    @property
    def posting_shown(self) -> bool:
        """True while the posting is shown instead of the note editor."""
        return bool(self.query_one(PostingView).display)

    def toggle_posting(self) -> None:
        """Show the selected application's posting in place of the note editor (its text
        focused, so the keys scroll it), or the notes again.

        The editor is only hidden: what was typed stays in it and its autosave goes on."""
        if self.posting_shown:
            self.close_posting()
            return
        self._focus_before_posting = self.focused
        posting = self.query_one(PostingView)
        self.query_one(NoteEditor).display = False  # blurred, it saves what was typed
        posting.display = True
        self.query_one("#right").add_class("-posting")  # the details make room for it
        self._show_posting_of(self._right_row)
        posting.focus_text()

    def close_posting(self) -> None:
        """The notes again in place of the posting (nothing happens if it is not shown)."""
        posting = self.query_one(PostingView)
        if not posting.display:
            return
        had_focus = posting.has_focus_within or self.focused is None
        posting.display = False
        self.query_one("#right").remove_class("-posting")
        self.query_one(NoteEditor).display = True
        before, self._focus_before_posting = self._focus_before_posting, None
        if had_focus:
            if before is not None and before.is_attached and before.focusable:
                before.focus()
            else:
                self.query_one(ApplicationsTable).focus()

    def on_posting_view_closed(self, event: PostingView.Closed) -> None:
        event.stop()
        self.close_posting()

    def _show_posting_of(self, row: AppRow | None) -> None:
        # Drawn only while shown (toggle_posting draws it when it appears).
        self._right_row = row
        if self.posting_shown:
            self.query_one(PostingView).show_posting(row.app if row is not None else None)

    # -- saving a change ---------------------------------------------------------

    async def save_change(
        self,
        job: Callable[[Store], T],
        *,
        undo_as: str,
        report: str | Callable[[T], None] | None = None,
    ) -> T | None:
        """Run ``job(store)`` on the data thread as one undoable change (``u`` takes it
        back; its name is ``undo_as``). Once it is on disk the panes are redrawn, then
        ``report`` is said (a toast, or a function of the result that says it), then the
        data layer's news. Returns the job's result; None after saying why it was not saved.
        """
        if self.refuse_if_read_only():
            return None

        def undoable(store: Store) -> tuple[T, list[str]]:
            with store.change(undo_as):
                result = job(store)
            return result, store.take_warnings()  # e.g. it merged changes made elsewhere

        try:
            result, warnings = await self.data.call(undoable, refresh=True)
        except Exception as exc:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)
            return None
        if callable(report):
            report(result)
        elif report:
            self.notify(report)
        self.show_warnings(warnings)
        return result

    def show_warnings(self, warnings: list[str]) -> None:
        """The data layer's news (a merge, a backup that could not be made), each once."""
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=10)

    def read_only_reason(self) -> str | None:
        """Why this database cannot be changed (a sentence), or None if it can."""
        return self.data.read_only_reason

    def refuse_if_read_only(self) -> bool:
        """True (after saying why) if nothing can be changed: then no form opens at all."""
        reason = self.read_only_reason()
        if reason is None:
            return False
        self.notify(f"Read-only: {reason}. Nothing can be changed here.", severity="warning")
        return True

    # -- notes -------------------------------------------------------------------

    def on_note_editor_save_requested(self, event: NoteEditor.SaveRequested) -> None:
        self._save_notes(event.target, event.text)

    def _save_notes(self, target: NoteTarget, text: str) -> None:
        # Queued at once (not awaited in a worker): quitting queues its last save right
        # after this one, and the data thread runs them in that order.
        editor = self.query_one(NoteEditor)
        reason = self.read_only_reason()
        if reason is not None:
            editor.save_failed(target, text, reason)
            return

        def done(warnings: list[str], overview: Overview | None) -> None:
            editor.saved(target, text)
            self._remember_notes(target, text)
            if overview is not None:  # the save merged changes made elsewhere
                self.show(overview)
            self.show_warnings(warnings)

        def job(store: Store) -> list[str]:
            save_notes(store, target.kind, target.id, text)
            return store.take_warnings()

        def failed(exc: BaseException) -> None:
            # A refused value (too long) fails the same way every time: no point retrying.
            retry = not isinstance(exc, ValidationError)
            if editor.save_failed(target, text, failure_reason(exc), retry=retry):
                then = "retrying" if retry else "change them to save"
                self.notify(
                    f"Notes not saved: {failure_reason(exc)}. They stay in the editor; {then}.",
                    severity="error",
                    timeout=10,
                )

        self.data.submit(job, done, failed, refresh=False)

    def _remember_notes(self, target: NoteTarget, text: str) -> None:
        # Keep the in-memory overview in step without a full reload.
        if self.overview is None:
            return
        for row in self.overview.rows:
            if target.kind == "application" and row.app.id == target.id:
                row.app.notes = text
            for interview in row.interviews:
                if target.kind == "interview" and interview.id == target.id:
                    interview.notes = text

    def flush_notes(self) -> None:
        """Queue the save of unsaved notes right now (used when quitting)."""
        pending = self.query_one(NoteEditor).take_unsaved()
        if pending is not None:
            self._save_notes(*pending)

    def unsaved_notes(self) -> list[UnsavedNote]:
        """Every note text not confirmed on disk (typed, queued, or failed)."""
        return self.query_one(NoteEditor).unsaved_notes()

    def failing_notes(self) -> list[tuple[UnsavedNote, str]]:
        """Notes whose last save failed, with the reason."""
        return self.query_one(NoteEditor).failing_notes()

    # -- the filter box ----------------------------------------------------------

    def hide_filter(self) -> None:
        # Disabled as well as hidden, so focus can never land in it unseen.
        box = self.query_one("#filter", Input)
        box.display = False
        box.disabled = True

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.focus_filtered()

    def focus_filtered(self) -> None:
        """Focus the list the filter applies to."""
        target = Timeline if self.filter_target == "timeline" else ApplicationsTable
        self.query_one(target).focus()
