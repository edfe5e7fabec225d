"""The main screen's record actions: add, edit, status, sent, snooze, delete, undo, redo.

Each is a coroutine of the panes, run by :class:`~jobtui.tui.screens.main.MainScreen` in a
worker, and reads top to bottom: ask (a dialog, awaited), call the use case in
:mod:`jobtui.ops` on the data thread (one undoable change), say what happened. On a
read-only database every one of them says why at once, before any form opens.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from jobtui.config import Config
from jobtui.core.followup import owed_kind
from jobtui.core.model import Application, Contact, Interview
from jobtui.core.overview import AppRow, Overview
from jobtui.core.words import natural_join
from jobtui.ops import records
from jobtui.tui.screens.panes import MainPanes
from jobtui.tui.widgets.applications import ApplicationsTable

if TYPE_CHECKING:
    from jobtui.io.capture.ats import AtsBases


async def add_application(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.tui.screens.application_form import ApplicationForm

    now = panes.tui.clock()
    form = ApplicationForm(None, now, bases=_ats_bases(panes.tui.config), clock=panes.tui.clock)
    app: Application | None = await panes.app.push_screen_wait(form)
    if app is None:
        return
    contacts = form.contacts_result
    added = await panes.save_change(
        lambda store: records.add_application(store, app, now=now, contacts=contacts),
        undo_as=f"adding {app.label}",
        report=f"Added {app.label}",
    )
    if added is not None:
        panes.query_one(ApplicationsTable).select(app.id)


async def add_interview(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.tui.screens.interview_form import InterviewForm

    row = panes.need_row()
    if row is None:
        return
    form = InterviewForm(None, row.app, panes.tui.clock())
    interview: Interview | None = await panes.app.push_screen_wait(form)
    if interview is None:
        return

    def added(done: records.InterviewAdded) -> None:
        company = done.application.company
        if done.moved is None:
            panes.notify(f"Interview added for {company}.")
        else:
            panes.notify(
                f"Interview added; {company} moved from {done.was.value} to "
                f"{done.moved.value}. u undoes both."
            )
        warn_if_before_applied(panes, done.warning)

    await panes.save_change(
        lambda store: records.add_interview(store, interview),
        undo_as=f"adding the interview with {row.app.company}",
        report=added,
    )


async def edit(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    target = panes.target()
    if target is None:
        return
    row, interview = target
    if interview is not None:
        await _edit_interview(panes, row, interview)
    else:
        await _edit_application(panes, row)


async def _edit_interview(panes: MainPanes, row: AppRow, interview: Interview) -> None:
    from jobtui.db.store import interview_before_applied
    from jobtui.tui.screens.interview_form import InterviewForm

    form = InterviewForm(copy.deepcopy(interview), row.app, panes.tui.clock())
    edited: Interview | None = await panes.app.push_screen_wait(form)
    if edited is None:
        return

    def saved(_: object) -> None:
        warn_if_before_applied(panes, interview_before_applied(row.app, edited))
        panes.notify("Interview saved")

    await panes.save_change(
        lambda store: records.save_edited(store, edited),
        undo_as=f"the edit of the interview with {row.app.company}",
        report=saved,
    )


async def _edit_application(panes: MainPanes, row: AppRow) -> None:
    from jobtui.tui.screens.application_form import ApplicationForm

    assert panes.overview is not None
    contacts = linked_contacts(panes.overview, row)
    form = ApplicationForm(copy.deepcopy(row.app), panes.tui.clock(), contacts)
    edited: Application | None = await panes.app.push_screen_wait(form)
    if edited is None:
        return
    result = form.contacts_result
    await panes.save_change(
        lambda store: records.save_edited(store, edited, contacts=result),
        undo_as=f"the edit of {row.app.label}",
        report="Saved",
    )


async def change_status(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.tui.screens.status_picker import StatusPicker

    row = panes.need_row()
    if row is None:
        return
    picker = StatusPicker(row.app.status, row.app.label)
    status = await panes.app.push_screen_wait(picker)
    if status is None:
        return
    await panes.save_change(
        lambda store: records.change_status(store, row.app.id, status),
        undo_as=f"the status change of {row.app.company} to {status.value}",
        report=f"{row.app.company}: {status.value}",
    )


async def mark_sent(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.ops import followups

    selected = panes.target()
    if selected is None:
        return
    row, interview = selected
    config: Config = panes.tui.config
    now = panes.tui.clock()
    # What will be logged, as the list shows it: the undo step is named before it runs.
    owed = owed_kind(row.app, interview, row.items)
    if owed is None:
        about = f"this {interview.kind.label} interview" if interview else row.app.label
        panes.notify(
            f"Nothing is owed for {about} now, so nothing was logged (the palette's "
            "“Log a message sent…” logs any message).",
            severity="warning",
        )
        return
    kind = owed[0]
    target_id = interview.id if interview is not None else row.app.id
    await panes.save_change(
        lambda store: followups.mark_sent(
            store, target_id, now=now, rules=config.followup, kind=kind
        ),
        undo_as=f"logging the {kind.label} for {row.app.company}",
        report=f"Logged {kind.label} for {row.app.company}",
    )


async def log_message(panes: MainPanes) -> None:
    """Log any message sent for the selected application or interview, on purpose: the
    dialog asks its kind (the one owed, if any, first in line), to whom and the channel."""
    if panes.refuse_if_read_only():
        return
    from jobtui.ops import followups
    from jobtui.tui.screens.log_message import LogMessageDialog

    selected = panes.target()
    if selected is None:
        return
    row, interview = selected
    assert panes.overview is not None
    owed = owed_kind(row.app, interview, row.items)
    # Logged about the interview selected, else the one owed (as ops.followups.mark_sent).
    about_interview = interview or (owed[1] if owed else None)
    to = followups.recipients(about_interview, linked_contacts(panes.overview, row))
    dialog = LogMessageDialog(_about(row, interview), owed[0] if owed else None, to)
    chosen = await panes.app.push_screen_wait(dialog)
    if chosen is None:
        return
    config: Config = panes.tui.config
    now = panes.tui.clock()
    target_id = interview.id if interview is not None else row.app.id
    await panes.save_change(
        lambda store: followups.mark_sent(
            store,
            target_id,
            kind=chosen.kind,
            to=chosen.to,
            channel=chosen.channel,
            now=now,
            rules=config.followup,
        ),
        undo_as=f"logging the {chosen.kind.label} message for {row.app.company}",
        report=f"Logged the {chosen.kind.label} message for {row.app.company}",
    )


async def sent_messages(panes: MainPanes) -> None:
    """Read the messages sent for the selected application (all of them) or interview
    (those about it); a notice when nothing was sent."""
    from jobtui.ops.views import sent_messages as messages_of
    from jobtui.tui.screens.sent_message import SentMessageScreen

    selected = panes.target()
    if selected is None:
        return
    row, interview = selected
    about = _about(row, interview)
    entries = messages_of(row.sent, interview.id if interview else None)
    if not entries:
        panes.notify(f"Nothing sent yet for {about}.", severity="warning")
        return
    await panes.app.push_screen_wait(SentMessageScreen(about, entries, panes.tui.clock()))


async def snooze(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.ops import followups
    from jobtui.tui.screens.snooze import SnoozeDialog

    target = panes.target()
    if target is None:
        return
    row, interview = target
    record: Application | Interview = interview or row.app
    label = f"{row.app.company} — {interview.kind.label}" if interview else row.app.label
    dialog = SnoozeDialog(label, panes.tui.clock(), record.snoozed_until)
    chosen = await panes.app.push_screen_wait(dialog)
    if chosen is None:
        return
    await panes.save_change(
        lambda store: followups.snooze(store, record.id, chosen.until),
        undo_as=f"the snooze of {label}",
        report="Snooze cleared" if chosen.until is None else "Snoozed",
    )


async def delete(panes: MainPanes) -> None:
    if panes.refuse_if_read_only():
        return
    from jobtui.tui.screens.confirm import ConfirmDialog

    target = panes.target()
    if target is None:
        return
    row, interview = target
    record: Application | Interview = interview or row.app
    question = (
        f"Delete this {interview.kind.label} interview with {row.app.company}?"
        if interview
        else f"Delete {row.app.label} and its interviews?"
    )
    dialog = ConfirmDialog(question, "It goes to the trash; u undoes it.")
    if not await panes.app.push_screen_wait(dialog):
        return
    await panes.save_change(
        lambda store: records.delete(store, record.id, kinds=(type(record),)),
        undo_as=f"the deletion of {_label(record, panes.overview)}",
        report="Deleted. Press u to undo.",
    )


async def undo(panes: MainPanes) -> None:
    """Take back the last change made in this session (several steps deep)."""
    if panes.refuse_if_read_only():
        return
    try:
        undone = await panes.data.call(records.undo, refresh=True)
    except Exception as exc:
        panes.notify(f"Could not undo: {exc}", severity="error", timeout=10)
        return
    if undone.description is None:
        panes.notify("Nothing to undo.", severity="warning")
    elif undone.removed:
        panes.notify(
            f"Undid {undone.description}: removed {natural_join(undone.removed)}. "
            f"{panes.key_for('redo')} brings it back."
        )
    else:
        panes.notify(f"Undid {undone.description}.")


async def redo(panes: MainPanes) -> None:
    """Do again what undo took back (several steps deep)."""
    if panes.refuse_if_read_only():
        return
    try:
        redone = await panes.data.call(records.redo, refresh=True)
    except Exception as exc:
        panes.notify(f"Could not redo: {exc}", severity="error", timeout=10)
        return
    if redone.description is None:
        panes.notify("Nothing to redo.", severity="warning")
    else:
        panes.notify(f"Redid {redone.description}. {panes.key_for('undo')} undoes it again.")


def _ats_bases(config: Config) -> AtsBases:
    """Where the add form reads a posting held by an applicant-tracking system."""
    from jobtui.ops.capture import ats_bases  # with the HTML reader: only when adding

    return ats_bases(config.capture)


def warn_if_before_applied(panes: MainPanes, warning: str | None) -> None:
    if warning is not None:
        panes.notify(f"Saved, but {warning}.", severity="warning", timeout=10)


def linked_contacts(overview: Overview, row: AppRow) -> list[Contact]:
    """The application's contacts that exist, in its order (from the overview)."""
    return [overview.contacts[c] for c in row.app.contact_ids if c in overview.contacts]


def _about(row: AppRow, interview: Interview | None) -> str:
    """ "Acme — Dev", or "the onsite interview with Acme"."""
    return (
        f"the {interview.kind.label} interview with {row.app.company}"
        if interview
        else row.app.label
    )


def _label(record: Application | Interview, overview: Overview | None) -> str:
    if isinstance(record, Application):
        return record.label
    row = overview.row(record.application_id) if overview else None
    company = row.app.company if row else "an application"
    return f"the {record.kind.label} interview with {company}"
