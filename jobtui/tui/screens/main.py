"""The main screen: applications, interview timeline, details and the note editor."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets._footer import FooterKey

from jobtui.config import check_keys
from jobtui.core import dates
from jobtui.core.model import Interview, ValidationError
from jobtui.core.overview import SORTS, AppRow, Overview, TimelineEntry, sort_rows
from jobtui.core.textsafe import visible
from jobtui.db.recovery import UnsavedNote
from jobtui.db.store import Store
from jobtui.tui.screens.record_actions import RecordActions
from jobtui.tui.screens.tool_actions import ToolActions
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.details import Details
from jobtui.tui.widgets.editor import NoteEditor, NoteTarget
from jobtui.tui.widgets.summary import Summary
from jobtui.tui.widgets.timeline import Timeline

SORT_ORDER = list(SORTS)

# A list longer than this is cut (the title says so): nobody reads row 201, and drawing
# thousands of rows on every keystroke is what makes a filter lag.
MAX_ROWS = 200
# The timeline shows this window around now (plus every interview of the selected
# application, and everything when searching it).
TIMELINE_BACK = timedelta(days=14)
TIMELINE_AHEAD = timedelta(days=60)


class KeysFooter(Footer):
    """The footer fitted to its width: Help and Quit always show; when the keys do not all
    fit, the others drop from the end first (never half a key)."""

    KEEP = ("help", "quit")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._fitted_width = -1

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        if not all(isinstance(w, FooterKey) for w in widgets):
            yield from widgets  # binding groups: Textual's own layout
            return
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        keys = [w for w in widgets if not w.has_class("-command-palette")]
        budget = width - sum(_footer_width(w) + 1 for w in widgets if w not in keys)
        kept = {id(k) for k in keys if k.action.rsplit(".", 1)[-1] in self.KEEP}
        budget -= sum(_footer_width(k) for k in keys if id(k) in kept)
        for key in keys:
            if id(key) in kept:
                continue
            if _footer_width(key) > budget:
                break  # this one and every later one drop
            budget -= _footer_width(key)
            kept.add(id(key))
        yield from (w for w in widgets if id(w) in kept or w not in keys)

    def on_resize(self) -> None:
        if self.size.width != self._fitted_width:
            self.call_after_refresh(self.recompose)


def _footer_width(key: FooterKey) -> int:
    """Cells a compact footer key takes: "k Description" and its right margin."""
    text = key.key_display + (f" {key.description}" if key.description else "")
    return cell_len(text) + 1


class MainScreen(RecordActions, ToolActions, Screen):
    """Three panes driven from the keyboard; every change goes through the app's DataService."""

    BINDINGS = [
        Binding("a", "add_application", "Add", id="add_application"),
        Binding("i", "add_interview", "Interview", id="add_interview"),
        Binding("e", "edit", "Edit", id="edit"),
        Binding("s", "change_status", "Status", id="change_status"),
        Binding("m", "compose_message", "Message", id="compose_message"),
        Binding("t", "mark_sent", "Sent", id="mark_sent"),
        Binding("z", "snooze", "Snooze", id="snooze", show=False),
        Binding("f", "toggle_followups", "Due only", id="toggle_followups"),
        Binding("c", "toggle_closed", "Closed", id="toggle_closed"),
        Binding("d", "delete", "Delete", id="delete"),
        Binding("u", "undo", "Undo", id="undo", show=False),
        Binding("U,ctrl+r", "redo", "Redo", id="redo", show=False),
        Binding("D", "trash", "Trash", id="trash", show=False),
        Binding("o", "cycle_sort", "Sort", id="cycle_sort", show=False),
        Binding("g", "stats", "Stats", id="stats", show=False),
        Binding("slash", "filter", "Filter", id="filter"),
        Binding("escape", "clear_filter", "Clear filter", id="clear_filter", show=False),
        Binding("ctrl+e", "external_editor", "$EDITOR", id="external_editor", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self.show_closed = False
        self.followups_only = False
        self.sort = "urgency"
        self.filter_text = ""
        self.filter_target = "applications"
        self._focus_app: str | None = None
        self._timeline_key: tuple[object, ...] | None = None
        self._timeline_base_key: tuple[object, ...] | None = None
        self._timeline_base: list[TimelineEntry] = []

    # -- layout -------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Summary(id="summary")
        with Vertical(id="panes"):
            yield Input(placeholder="filter: company, role, tag, interviewer", id="filter")
            yield Static(id="apps-title", classes="pane-title")
            yield ApplicationsTable(id="applications")
            with Horizontal(id="bottom"):
                with Vertical(id="timeline-pane"):
                    yield Static(id="timeline-title", classes="pane-title")
                    yield Timeline(id="timeline")
                with Vertical(id="right"):
                    yield Details(id="details")
                    yield NoteEditor(id="editor")
        yield Static(id="empty")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self._use_checked_keys()
        self._hide_filter()
        self.query_one("#empty", Static).display = False
        self.query_one(ApplicationsTable).focus()

    def _use_checked_keys(self) -> None:
        """Start with the default key for every bad [keys] setting, and say which."""
        config = self.app.config  # type: ignore[attr-defined]
        if not config.keys:
            return
        usable, problems = check_keys(config.keys)
        if usable != config.keys:  # bad ones dropped, or "?" named "question_mark"
            self.app.config = dataclasses.replace(config, keys=usable)  # type: ignore[attr-defined]
            self.app.set_keymap(usable)
        where = f"{config.path}: " if config.path is not None else "config.toml: "
        for problem in problems:
            self.notify(
                f"{where}{problem}: the default key is used instead.",
                severity="error",
                timeout=30,
            )

    # -- data ----------------------------------------------------------------

    @property
    def data(self):
        return self.app.data  # type: ignore[attr-defined]

    def show(self, overview: Overview) -> None:
        """Redraw everything from a fresh overview (called on the UI thread)."""
        self.overview = overview
        rows = self.visible_rows()
        table = self.query_one(ApplicationsTable)
        table.show_rows(rows[:MAX_ROWS], overview.now)
        reason = self.read_only_reason()
        self.query_one(Summary).show(overview, read_only=reason)
        editor = self.query_one(NoteEditor)
        if editor.read_only_reason != reason:
            editor.set_read_only(reason)
        empty = not overview.rows
        self.query_one("#panes").display = not empty
        self.query_one("#empty", Static).display = empty
        if empty:
            self.query_one("#empty", Static).update(_first_run_text())
        elif self.focused is None and self.app.screen is self:
            table.focus()  # the panes were hidden while the database was empty
        self._update_titles(len(rows))
        self._after_cursor_move()

    def visible_rows(self) -> list[AppRow]:
        """Rows after the closed / follow-ups-only / filter switches, in the chosen order."""
        if self.overview is None:
            return []
        rows = self.overview.rows
        if not self.show_closed:
            rows = [r for r in rows if not r.app.closed]
        if self.followups_only:
            rows = [r for r in rows if r.needs_follow_up]
        if self.filter_text and self.filter_target == "applications":
            needle = self.filter_text.lower()
            rows = [r for r in rows if needle in r.search_text]
        return sort_rows(rows, self.sort, self.overview.now)

    def _timeline_entries(self, focus: str | None) -> list[TimelineEntry]:
        """The interviews to draw: filtered, within the window around now, at most MAX_ROWS,
        plus every interview of the ``focus`` application."""
        assert self.overview is not None
        searching = self.filter_text if self.filter_target == "timeline" else ""
        key = (id(self.overview), self.show_closed, self.followups_only, searching)
        if key != self._timeline_base_key:
            self._timeline_base_key = key
            self._timeline_base = self._timeline_base_entries(searching)
        entries = self._timeline_base
        row = self.overview.row(focus) if focus else None
        if row is not None and row.interviews:
            shown = {id(e.interview) for e in entries}
            extra = [e for e in self.overview.entries_of(focus) if id(e.interview) not in shown]
            if extra:
                entries = sorted([*entries, *extra], key=lambda e: e.interview.starts_at)
        return entries

    def _timeline_base_entries(self, searching: str) -> list[TimelineEntry]:
        assert self.overview is not None
        now = self.overview.now
        if searching:
            needle = searching.lower()
            entries = [
                e
                for e in self.overview.timeline
                if needle in self.overview.row_search_text(e.app.id)
                and (self.show_closed or not e.app.closed)
                and (not self.followups_only or e.pressing)
            ]
        else:
            window = self.overview.entries_between(now - TIMELINE_BACK, now + TIMELINE_AHEAD)
            inside = {id(e) for e in window}
            extra = [e for e in self.overview.pressing_entries if id(e) not in inside]
            entries = sorted([*window, *extra], key=lambda e: e.interview.starts_at.timestamp())
            if not self.show_closed:
                entries = [e for e in entries if not e.app.closed]
            if self.followups_only:
                entries = [e for e in entries if e.pressing]
        if len(entries) > MAX_ROWS:

            def distance(entry: TimelineEntry) -> float:
                return abs((entry.interview.starts_at - now).total_seconds())

            keep = {id(e) for e in sorted(entries, key=distance)[:MAX_ROWS]}
            entries = [e for e in entries if id(e) in keep]
        return entries

    def _update_titles(self, shown: int) -> None:
        assert self.overview is not None
        count = f"Applications {shown}/{len(self.overview.rows)}"
        if shown > MAX_ROWS:
            count += f" (first {MAX_ROWS} shown: filter to narrow)"
        bits = [count, SORTS[self.sort]]
        if self.followups_only:
            bits.append("needing follow-up")
        bits.append("closed shown" if self.show_closed else "closed hidden (c)")
        if self.filter_text and self.filter_target == "applications":
            bits.append(f"filter: {visible(self.filter_text)}")
        self.query_one("#apps-title", Static).update(Text(" · ".join(bits), style="bold"))
        title = "Interviews"
        if self.filter_text and self.filter_target == "timeline":
            title += f" · filter: {visible(self.filter_text)}"
        self.query_one("#timeline-title", Static).update(Text(title, style="bold"))

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

    def _need_row(self) -> AppRow | None:
        row = self.selected_row()
        if row is None:
            self.notify("Select an application first (or press a to add one).", severity="warning")
        return row

    def _target(self) -> tuple[AppRow, Interview | None] | None:
        """What an action applies to: the interview selected in the focused timeline (with
        its application's row), else the selected application. None (and a hint) if none."""
        if self._timeline_focused() and (found := self.selected_interview()):
            interview, row = found
            return row, interview
        row = self._need_row()
        return (row, None) if row is not None else None

    def _timeline_focused(self) -> bool:
        return self.focused is self.query_one(Timeline)

    @on(DataTable.RowHighlighted, "#applications")
    def _row_highlighted(self) -> None:
        self._after_cursor_move()

    @on(OptionList.OptionHighlighted, "#timeline")
    def _interview_highlighted(self) -> None:
        if self._timeline_focused():
            self._show_interview()

    def on_descendant_focus(self) -> None:
        if self.overview is None:
            return
        if self._timeline_focused():
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
        if self._timeline_focused():
            self._show_interview()
        else:
            self._show_application()

    def _show_application(self) -> None:
        assert self.overview is not None
        row = self.selected_row()
        details = self.query_one(Details)
        editor = self.query_one(NoteEditor)
        if row is None:
            details.show_nothing("No application selected. Press a to add one.")
            editor.load(None, "")
            return
        details.show_application(row, self.overview)
        label = f"{row.app.company} · {row.app.role}"
        editor.load(NoteTarget("application", row.app.id, label), row.app.notes)

    def _show_interview(self) -> None:
        assert self.overview is not None
        found = self.selected_interview()
        if found is None:
            return
        interview, row = found
        self.query_one(Details).show_interview(interview, row.app, self.overview.now)
        local = interview.starts_at.astimezone(dates.local_tz())  # the day as the user lives it
        day = dates.format_short_day(local, self.overview.now.astimezone(dates.local_tz()).date())
        label = f"{row.app.company} · {interview.kind.label} {day}"
        self.query_one(NoteEditor).load(
            NoteTarget("interview", interview.id, label), interview.notes
        )

    # -- running jobs ------------------------------------------------------------

    def run_job(
        self,
        job: Callable[[Store], Any],
        message: str | None = None,
        *,
        then: Callable[[Any], None] | None = None,
        undo_as: str | None = None,
    ) -> None:
        """Run a store job on the data thread; redraw and notify when it is on disk.

        The job is one undoable change (``u`` takes it back), described as ``undo_as``
        (default: ``message``).
        """
        if self.refuse_if_read_only():
            return

        def done(outcome: tuple[Any, list[str]], overview: Overview | None) -> None:
            result, warnings = outcome
            if overview is not None:
                self.show(overview)
            if then is not None:
                then(result)
            if message:
                self.notify(message)
            self.show_warnings(warnings)

        def failed(exc: BaseException) -> None:
            self.notify(f"Not saved: {exc}", severity="error", timeout=10)

        label = undo_as or message or "the last change"

        def undoable(store: Store) -> tuple[Any, list[str]]:
            with store.change(label):
                result = job(store)
            return result, store.take_warnings()  # e.g. it merged changes made elsewhere

        self.data.submit(undoable, done, failed)

    def show_warnings(self, warnings: list[str]) -> None:
        """The data layer's news (a merge, a backup that could not be made), each once."""
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=10)

    # -- read-only -------------------------------------------------------------

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
            save_note(store, target.kind, target.id, text)
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

    # -- view switches -------------------------------------------------------------

    def action_toggle_followups(self) -> None:
        self.followups_only = not self.followups_only
        if self.overview:
            self.show(self.overview)

    def action_toggle_closed(self) -> None:
        self.show_closed = not self.show_closed
        if self.overview:
            self.show(self.overview)

    def action_cycle_sort(self) -> None:
        self.sort = SORT_ORDER[(SORT_ORDER.index(self.sort) + 1) % len(SORT_ORDER)]
        if self.overview:
            self.show(self.overview)
        self.notify(f"Sorted {SORTS[self.sort]}")

    # -- filter ------------------------------------------------------------------

    def _hide_filter(self) -> None:
        # Disabled as well as hidden, so focus can never land in it unseen.
        box = self.query_one("#filter", Input)
        box.display = False
        box.disabled = True

    def action_filter(self) -> None:
        self.filter_target = "timeline" if self._timeline_focused() else "applications"
        box = self.query_one("#filter", Input)
        box.display = True
        box.disabled = False
        box.value = self.filter_text
        box.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value
        if self.overview:
            self.show(self.overview)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        target = Timeline if self.filter_target == "timeline" else ApplicationsTable
        self.query_one(target).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if self.focused is self.query_one(NoteEditor).text_area:
            self.query_one(ApplicationsTable).focus()  # escape leaves the editor (and saves)
            return
        if not self.filter_text and not box.display:
            return
        self.filter_text = ""
        box.value = ""
        self._hide_filter()
        if self.overview:
            self.show(self.overview)
        target = Timeline if self.filter_target == "timeline" else ApplicationsTable
        self.query_one(target).focus()


def failure_reason(exc: BaseException) -> str:
    """A short reason for the user: "No space left on device", not "[Errno 28] ..."."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc) or type(exc).__name__


def save_note(store: Store, kind: str, record_id: str, text: str) -> bool:
    """Store ``text`` as the notes of an application or interview; False if already so."""
    record = (
        store.get_application(record_id)
        if kind == "application"
        else store.get_interview(record_id)
    )
    if record.notes == text:
        return False
    record.notes = text
    store.save(record)
    return True


def _first_run_text() -> Text:
    text = Text()
    text.append("Welcome to jobtui\n\n", style="bold")
    text.append("Your job search is empty. To begin:\n\n")
    text.append("  a", style="bold")
    text.append("        add an application (company, role, when you applied)\n")
    text.append("  i", style="bold")
    text.append("        add an interview to the selected application\n")
    text.append("  ?", style="bold")
    text.append("        every key\n")
    text.append("  q", style="bold")
    text.append("        quit\n\n")
    text.append("To look around first, run  ")
    text.append("jobtui --demo", style="bold")
    text.append("  for a throwaway copy of demo data.\n")
    text.append("Coming from LinkedIn, Teal, Huntr or a spreadsheet:  ")
    text.append("ctrl+p", style="bold")
    text.append(", then Import a file.\n")
    text.append("From a shell:  ")
    text.append('jobtui add "Acme" "Backend Engineer"', style="bold")
    return text
