"""The main screen's record actions: add, edit, status, sent, snooze, delete, undo, redo.

A mixin of :class:`jobtui.tui.screens.main.MainScreen` (it uses the screen's selection,
``run_job`` and ``data``); kept apart so each file stays about one thing. On a read-only
database every one of them says why at once, before any form opens.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from textual.binding import Binding

from jobtui.core.followup import sent_kind_for
from jobtui.core.model import Application, Interview, SentFollowUp, SentKind, Status
from jobtui.core.overview import Overview
from jobtui.db.store import NotFoundError, Store, interview_before_applied
from jobtui.tui.widgets.applications import ApplicationsTable

if TYPE_CHECKING:
    from jobtui.tui.screens.main import MainScreen

    _Base = MainScreen
else:
    _Base = object


class RecordActions(_Base):
    """Actions that change records; every change is one undoable store job."""

    def action_add_application(self) -> None:
        if self.refuse_if_read_only():
            return
        from jobtui.tui.screens.application_form import ApplicationForm

        form = ApplicationForm(None, self.app.clock())  # type: ignore[attr-defined]

        def saved(app: Application | None) -> None:
            if app is not None:
                contacts = form.contacts_result
                self.run_job(
                    lambda store: store.save_with_contacts(app, contacts),
                    f"Added {app.company} — {app.role}",
                    then=lambda _: self.query_one(ApplicationsTable).select(app.id),
                    undo_as=f"adding {app.company} — {app.role}",
                )

        self.app.push_screen(form, saved)

    def action_add_interview(self) -> None:
        if self.refuse_if_read_only():
            return
        from jobtui.tui.screens.interview_form import InterviewForm

        row = self._need_row()
        if row is None:
            return

        def saved(interview: Interview | None) -> None:
            if interview is None:
                return
            company = row.app.company

            def added(moved: Status | None) -> None:
                if moved is None:
                    self.notify(f"Interview added for {company}.")
                else:
                    self.notify(
                        f"Interview added; {company} moved from {row.app.status.value} to "
                        f"{moved.value}. u undoes both."
                    )
                self._warn_if_before_applied(row.app, interview)

            self.run_job(
                lambda store: store.add_interview(interview),
                then=added,
                undo_as=f"adding the interview with {company}",
            )

        self.app.push_screen(InterviewForm(None, row.app, self.app.clock()), saved)  # type: ignore[attr-defined]

    def action_edit(self) -> None:
        if self.refuse_if_read_only():
            return
        from jobtui.tui.screens.application_form import ApplicationForm
        from jobtui.tui.screens.interview_form import InterviewForm

        now = self.app.clock()  # type: ignore[attr-defined]
        target = self._target()
        if target is None:
            return
        row, interview = target
        if interview is not None:

            def saved_interview(edited: Interview | None) -> None:
                if edited is not None:
                    self.run_job(
                        lambda store: store.save(_with_stored_notes(store, edited)),
                        "Interview saved",
                        then=lambda _: self._warn_if_before_applied(row.app, edited),
                        undo_as=f"the edit of the interview with {row.app.company}",
                    )

            self.app.push_screen(
                InterviewForm(copy.deepcopy(interview), row.app, now), saved_interview
            )
            return

        assert self.overview is not None
        contacts = [
            self.overview.contacts[c] for c in row.app.contact_ids if c in self.overview.contacts
        ]
        form = ApplicationForm(copy.deepcopy(row.app), now, contacts)

        def saved(edited: Application | None) -> None:
            if edited is not None:
                result = form.contacts_result
                self.run_job(
                    lambda store: store.save_with_contacts(
                        _with_stored_notes(store, edited), result
                    ),
                    "Saved",
                    undo_as=f"the edit of {row.app.company} — {row.app.role}",
                )

        self.app.push_screen(form, saved)

    def action_change_status(self) -> None:
        if self.refuse_if_read_only():
            return
        from jobtui.tui.screens.status_picker import StatusPicker

        row = self._need_row()
        if row is None:
            return
        app_id = row.app.id

        def picked(status) -> None:
            if status is None:
                return

            def job(store: Store) -> bool:
                return store.set_status(store.get_application(app_id), status)

            self.run_job(
                job,
                f"{row.app.company}: {status.value}",
                undo_as=f"the status change of {row.app.company} to {status.value}",
            )

        self.app.push_screen(
            StatusPicker(row.app.status, f"{row.app.company} — {row.app.role}"), picked
        )

    def action_mark_sent(self) -> None:
        if self.refuse_if_read_only():
            return
        now = self.app.clock()  # type: ignore[attr-defined]
        selected = self._target()
        if selected is None:
            return
        row, interview = selected
        kind, target = sent_kind_for(row.app, interview, row.items)
        entry = SentFollowUp(
            kind=kind,
            at=now,
            application_id=row.app.id,
            interview_id=target.id if target else None,
        )
        thank_id = target.id if target is not None and kind == SentKind.THANK_YOU else None
        self.run_job(
            lambda store: store.log_sent(
                entry, thank_you_interview=store.get_interview(thank_id) if thank_id else None
            ),
            f"Logged {kind.label} for {row.app.company}",
            undo_as=f"logging the {kind.label} for {row.app.company}",
        )

    def action_snooze(self) -> None:
        if self.refuse_if_read_only():
            return
        from jobtui.tui.screens.snooze import SnoozeDialog

        now = self.app.clock()  # type: ignore[attr-defined]
        target = self._target()
        if target is None:
            return
        row, interview = target
        record: Application | Interview = interview or row.app
        label = (
            f"{row.app.company} — {interview.kind.label}"
            if interview
            else f"{row.app.company} — {row.app.role}"
        )

        def chosen(snooze) -> None:
            if snooze is None:
                return
            edited = copy.deepcopy(record)
            edited.snoozed_until = snooze.until
            self.run_job(
                lambda store: store.save(_with_stored_notes(store, edited)),
                "Snooze cleared" if snooze.until is None else "Snoozed",
                undo_as=f"the snooze of {label}",
            )

        self.app.push_screen(SnoozeDialog(label, now, record.snoozed_until), chosen)

    def action_delete(self) -> None:
        if self.refuse_if_read_only():
            return
        from jobtui.tui.screens.confirm import ConfirmDialog

        target = self._target()
        if target is None:
            return
        row, interview = target
        record: Application | Interview = interview or row.app
        question = (
            f"Delete this {interview.kind.label} interview with {row.app.company}?"
            if interview
            else f"Delete {row.app.company} — {row.app.role} and its interviews?"
        )

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.run_job(
                lambda store: store.delete(record),
                "Deleted. Press u to undo.",
                undo_as=f"the deletion of {_label(record, self.overview)}",
            )

        self.app.push_screen(
            ConfirmDialog(question, "It goes to the trash; u undoes it."), confirmed
        )

    def action_undo(self) -> None:
        """Take back the last change made in this session (several steps deep)."""
        if self.refuse_if_read_only():
            return

        def done(undone: tuple[str | None, list[str]], overview: Overview | None) -> None:
            if overview is not None:
                self.show(overview)
            description, removed = undone
            if description is None:
                self.notify("Nothing to undo.", severity="warning")
                return
            redo = self._key_for("redo")
            if removed:
                self.notify(
                    f"Undid {description}: removed {_listed(removed)}. {redo} brings it back."
                )
            else:
                self.notify(f"Undid {description}.")

        def failed(exc: BaseException) -> None:
            self.notify(f"Could not undo: {exc}", severity="error", timeout=10)

        self.data.submit(_undo, done, failed)

    def action_redo(self) -> None:
        """Do again what undo took back (several steps deep)."""
        if self.refuse_if_read_only():
            return

        def done(redone: str | None, overview: Overview | None) -> None:
            if overview is not None:
                self.show(overview)
            if redone is None:
                self.notify("Nothing to redo.", severity="warning")
            else:
                self.notify(f"Redid {redone}. {self._key_for('undo')} undoes it again.")

        def failed(exc: BaseException) -> None:
            self.notify(f"Could not redo: {exc}", severity="error", timeout=10)

        self.data.submit(lambda store: store.redo(), done, failed)

    def action_trash(self) -> None:
        """The trash: deleted records with when; enter restores one."""
        from jobtui.tui.screens.trash import TrashScreen

        self.app.push_screen(TrashScreen())

    def _warn_if_before_applied(self, app: Application, interview: Interview) -> None:
        warning = interview_before_applied(app, interview)
        if warning is not None:
            self.notify(f"Saved, but {warning}.", severity="warning", timeout=10)

    def _key_for(self, binding_id: str) -> str:
        """The first key of a main-screen binding as the user must press it now."""
        from jobtui.config import BINDINGS

        keys = self.app.config.keys  # type: ignore[attr-defined]
        key = keys.get(binding_id) or BINDINGS["main screen"][binding_id]
        return self.app.get_key_display(Binding(key.split(",")[0].strip(), binding_id))


def _undo(store: Store) -> tuple[str | None, list[str]]:
    description = store.undo()
    return description, list(store.removed_by_undo)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _with_stored_notes(store: Store, record: Application | Interview) -> Application | Interview:
    """``record`` with the notes as they are on disk now.

    A form or the overview holds a copy from before; the note editor may have saved newer
    text since (its save runs first on the data thread), which must not be overwritten.
    """
    try:
        stored = (
            store.get_application(record.id)
            if isinstance(record, Application)
            else store.get_interview(record.id)
        )
    except NotFoundError:
        return record
    record.notes = stored.notes
    return record


def _label(record: Application | Interview, overview: Overview | None) -> str:
    if isinstance(record, Application):
        return f"{record.company} — {record.role}"
    row = overview.row(record.application_id) if overview else None
    company = row.app.company if row else "an application"
    return f"the {record.kind.label} interview with {company}"
