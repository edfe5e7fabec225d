"""The form that adds or edits an application."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from jobtui import dates
from jobtui.fields import APPLICATION_FIELDS
from jobtui.model import Application
from jobtui.tui.screens.record_form import RecordForm

# Notes have their own editor; a snooze is set with the snooze dialog.
FORM_FIELDS = tuple(s for s in APPLICATION_FIELDS if s.name not in {"notes", "snoozed_until"})


def application_title(action: str, app: Application) -> Text:
    """ "Edit application — Acme · Backend engineer", with the user's text as plain text."""
    title = Text(action)
    if app.company or app.role:
        title.append(" — ")
        title.append(app.company, style="bold")
        if app.role:
            title.append(f" · {app.role}")
    return title


class ApplicationForm(RecordForm[Application]):
    """Add an application (``app`` is None) or edit a copy of one.

    Dismisses with the new or edited :class:`Application`, or None when cancelled. A new
    one starts as "applied", applied today, and gets its first status-history entry.
    """

    def __init__(self, app: Application | None, now: datetime) -> None:
        self.is_new = app is None
        if app is None:
            app = Application(company="", role="")
            app.applied_on = now.astimezone(dates.local_tz()).date()
            title = Text("Add application")
        else:
            title = application_title("Edit application", app)
        super().__init__(title, app, FORM_FIELDS, now)

    def complete(self, record: Application) -> None:
        if not record.status_history:
            # Like `jobtui add`: the history starts with the status it was created in.
            record.set_status(record.status, self.now)
