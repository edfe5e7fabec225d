"""The main screen's tools: $EDITOR for notes, the message composer, import, stats.

Coroutines of the panes like :mod:`jobtui.tui.screens.record_actions`: ask, call the use
case in :mod:`jobtui.ops` on the data thread, show.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from jobtui.ops import views
from jobtui.tui.screens.panes import MainPanes
from jobtui.tui.shown import shown
from jobtui.tui.widgets.editor import NoteEditor

if TYPE_CHECKING:  # the composer (and Jinja2) load only when it opens
    from jobtui.core.model import MessageDraft
    from jobtui.db.store import Store
    from jobtui.ops import invites
    from jobtui.tui.screens.composer import ComposerResult, DraftSaved

# The import question lists this many lines of the plan, then "... and N more".
IMPORT_PREVIEW_LINES = 12
# The invite picker's title: the event that needs a choice (its summary and time).
TITLE_CHARS = 300


def external_editor(panes: MainPanes) -> None:
    """Edit the note in $VISUAL / $EDITOR (the TUI is suspended meanwhile)."""
    if panes.refuse_if_read_only():
        return
    editor = panes.query_one(NoteEditor)
    if editor.target is None:
        panes.notify("Select an application or interview first.", severity="warning")
        return
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="jobtui-") as folder:
        path = Path(folder) / "notes.md"
        path.write_text(editor.text_area.text, encoding="utf-8")
        try:
            with panes.app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
        except Exception as exc:  # no terminal to suspend, editor missing...
            panes.notify(f"Could not run {command}: {exc}", severity="error")
            return
        text = path.read_text(encoding="utf-8")
    editor.replace_text(text)


async def compose_message(panes: MainPanes) -> None:
    """Draft the follow-up that is owed (or any other) from a template; an edited draft is
    kept on the interview (else the application) until it is sent."""
    if panes.refuse_if_read_only():
        return  # its fields are saved with the interview: nothing to type in vain
    from jobtui.core import drafts
    from jobtui.ops import followups, messages
    from jobtui.tui.screens.composer import ComposerScreen
    from jobtui.tui.screens.who_dialog import ask_who_is_writing

    target = panes.target()
    if target is None:
        return
    row, interview = target
    if not panes.tui.config.me.name:
        await ask_who_is_writing(panes)  # once per run; it may update the config
    config = panes.tui.config
    now = panes.tui.clock()
    target_id = interview.id if interview is not None else row.app.id
    try:
        context = await panes.data.call(
            lambda store: messages.message_context(
                store, target_id, me=config.me, now=now, rules=config.followup
            )
        )
    except Exception as exc:  # deleted elsewhere meanwhile
        panes.notify(f"Could not open the message: {exc}", severity="error", timeout=10)
        return
    about = context.interview
    composer = ComposerScreen(
        context.application,
        about,
        context.contacts,
        context.me,
        context.today,
        context.suggested,
        now,
        kept=context.kept,
        save_draft=partial(_keep_draft, panes, context.holder_id),
        mail_command=config.mail.command,
        other_roles=config.messages.other_roles,
    )
    result = await panes.app.push_screen_wait(composer)
    if result is None:
        return
    company = context.application.company
    if not result.mark_sent and not result.changed_fields:
        panes.notify(f"Draft kept for {company}: m opens it again.")
        return
    kind = drafts.sent_kind_for_template(result.template)  # names the undo step
    await panes.save_change(
        lambda store: followups.finish_message(
            store,
            context.application.id,
            interview_id=about.id if about is not None else None,
            template=result.template,
            fields=result.changed_fields,
            mark_sent=result.mark_sent,
            now=now,
            text=result.text,
        ),
        undo_as=(
            f"logging the {kind.label} for {company}"
            if result.mark_sent
            else f"the message notes for {company}"
        ),
        report=_composer_report(result, kind.label, company),
    )


def _composer_report(result: ComposerResult, kind: str, company: str) -> str:
    if result.mark_sent:
        return f"Logged {kind} as sent"
    if result.kept_draft:
        return f"Notes for the message saved, draft kept for {company}: m opens it again"
    return "Notes for the message saved"


def _keep_draft(
    panes: MainPanes, holder_id: str, draft: MessageDraft | None, reply: DraftSaved
) -> None:
    """The composer's autosave: keep (or drop) the draft on the data thread, outside any
    undoable change (like a note's autosave), then tell the composer."""
    from jobtui.ops import messages

    at = panes.tui.clock()
    panes.data.submit(
        lambda store: messages.save_draft(store, holder_id, draft, at),
        lambda _saved, _overview: reply(at, None),
        lambda exc: reply(at, exc),
        refresh=False,
    )


async def import_file(panes: MainPanes) -> None:
    """Import a file: preview what it adds, then (if confirmed) save it in one go."""
    from jobtui.ops import transfer
    from jobtui.tui.screens.confirm import ConfirmDialog
    from jobtui.tui.screens.import_dialog import ImportDialog

    if panes.refuse_if_read_only():
        return
    now = panes.tui.clock()
    path: Path | None = await panes.app.push_screen_wait(ImportDialog())
    if path is None:
        return
    from jobtui.io.importing import is_calendar_file

    if is_calendar_file(path):
        await _import_invites(panes, path)
        return
    try:
        plan = await panes.data.call(lambda store: transfer.plan_import(store, path, now=now))
    except Exception as exc:
        panes.notify(str(exc), severity="error", timeout=10)
        return
    if not plan.add and not plan.update:
        panes.notify(f"Nothing to import: {plan.summary()}", severity="warning")
        return
    question = ConfirmDialog(f"Import {path.name}? {plan.summary()}", _preview(plan.report_lines()))
    if not await panes.app.push_screen_wait(question):
        return
    await panes.save_change(
        lambda store: transfer.apply_import(store, plan),
        undo_as=f"the import of {path.name}",
        report=f"Imported {path.name}",
    )


async def _import_invites(panes: MainPanes, path: Path) -> None:
    """Calendar invites: matched to their applications (the events that match none or
    several, to the one picked), previewed, then saved in one undoable change."""
    from jobtui.ops import invites
    from jobtui.tui.screens.confirm import ConfirmDialog

    me = panes.tui.config.me.email.strip()
    try:
        found = await panes.data.call(
            lambda _store: invites.read_invite_file(path, my_email=me), refresh=False
        )
        plan = await panes.data.call(
            lambda store: invites.plan_invites(store, found, name=path.name, my_email=me),
            refresh=False,
        )
    except Exception as exc:
        panes.notify(str(exc), severity="error", timeout=10)
        return
    if not plan.ready:
        try:
            fallback = await _pick_application(panes, plan)
            if fallback is None:
                return
            plan = await panes.data.call(
                lambda store: invites.plan_invites(
                    store, found, name=path.name, my_email=me, fallback_id=fallback
                ),
                refresh=False,
            )
        except Exception as exc:  # deleted elsewhere meanwhile
            panes.notify(str(exc), severity="error", timeout=10)
            return
    if not plan.changes:
        panes.notify(f"Nothing to import from {path.name}: {plan.reasons()}", severity="warning")
        _warn_if_no_email(panes, plan)
        return
    question = ConfirmDialog(f"Import {path.name}? {plan.summary()}", _preview(plan.lines()))
    if not await panes.app.push_screen_wait(question):
        return
    await panes.save_change(
        partial(_apply_invites, plan),
        undo_as=f"the import of {path.name}",
        report=partial(_report_invites, panes),
    )


def _apply_invites(plan: invites.InvitePlan, store: Store) -> invites.InvitePlan:
    """Apply ``plan`` against the file as it is now: the preview may have stayed open while
    another jobtui (or ``jobtui import``) imported the same events, and the poll for such
    changes may not have run yet. Read again first (at the start of the change nothing of
    ours is unsaved), so the plan made again skips them instead of adding them twice."""
    from jobtui.ops import invites

    store.reload_if_changed()
    return invites.apply_invites(store, plan)


async def _pick_application(panes: MainPanes, plan: invites.InvitePlan) -> str | None:
    """Ask which application the events that match none (or several) are for: the
    candidates, narrowed as one types, the selected application first."""
    from jobtui.tui.screens.pick_application import ApplicationPicker

    miss = plan.unmatched[0]
    count = len(plan.unmatched)
    more = f" (and {count - 1} more)" if count > 1 else ""
    row = panes.selected_row()
    wanted = {c.id for c in plan.candidates()} | ({row.app.id} if row is not None else set())
    rows = panes.overview.rows if panes.overview is not None else []
    apps = [r.app for r in rows if r.app.id in wanted]
    detail = "Which application is it for?" if count == 1 else "Which application are they for?"
    if plan.steps:
        detail += " The file's other events stay with the applications they match."
    picker = ApplicationPicker(
        shown(f"{miss.line()}{more}", limit=TITLE_CHARS),
        apps,
        detail=detail,
        first=row.app.id if row is not None else None,
    )
    return await panes.app.push_screen_wait(picker)


def _report_invites(panes: MainPanes, plan: invites.InvitePlan) -> None:
    """The toast after the import: what it did, or, when everything was imported
    meanwhile (another jobtui, ``jobtui import``), that nothing was (nor recorded)."""
    done = [step.lines(done=True)[0] for step in plan.changes]
    if not done:
        panes.notify(f"Nothing imported: {plan.reasons()}", severity="warning")
    else:
        first = done[0][0].upper() + done[0][1:]
        more = f" (and {len(done) - 1} more)" if len(done) > 1 else ""
        panes.notify(f"{first}{more}. u undoes it")
    _warn_if_no_email(panes, plan)


def _warn_if_no_email(panes: MainPanes, plan: invites.InvitePlan) -> None:
    """When ``[me] email`` is unset, a toast says the user's own address was taken for an
    interviewer (and its domain for matching), and where to set it."""
    from jobtui import locations
    from jobtui.ops.invites import unset_email_warning

    config = panes.tui.config
    if not config.me.email.strip() and plan.invites:
        where = config.path or locations.config_file()
        panes.notify(unset_email_warning(where), severity="warning", timeout=10)


def _preview(lines: list[str]) -> str:
    more = len(lines) - IMPORT_PREVIEW_LINES
    shown = lines[:IMPORT_PREVIEW_LINES] + ([f"... and {more} more"] if more > 0 else [])
    return "\n".join(shown)


async def stats(panes: MainPanes) -> None:
    """The funnel, response rates by source and activity per week."""
    from jobtui.tui.screens.stats import StatsScreen

    if panes.overview is None:
        return
    now = panes.overview.now
    try:
        numbers = await panes.data.call(lambda store: views.stats(store, now=now))
    except Exception as exc:
        panes.notify(f"Could not read the stats: {exc}", severity="error", timeout=10)
        return
    await panes.app.push_screen(StatsScreen(numbers))
