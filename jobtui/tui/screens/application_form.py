"""The form that adds or edits an application."""

from __future__ import annotations

import copy
from datetime import datetime

from rich.text import Text

from jobtui.core import dates
from jobtui.core.fields import (
    APPLICATION_FIELDS,
    CONTACTS_FIELD,
    FieldSpec,
    format_contacts,
    parse_contacts,
)
from jobtui.core.model import Application, Contact
from jobtui.tui.screens.record_form import RecordForm
from jobtui.tui.shown import shown

# A title naming an application with a 10,000-character name still fits on one line or two.
NAME_CHARS = 80

# Notes have their own editor; a snooze is set with the snooze dialog. Contacts (recruiter,
# hiring manager) are edited here as lines of "Name <email> (title)".
FORM_FIELDS = (
    *(s for s in APPLICATION_FIELDS if s.name not in {"notes", "snoozed_until", "description"}),
    CONTACTS_FIELD,
)


def application_title(action: str, app: Application) -> Text:
    """ "Edit application — Acme · Backend engineer" (the forms' title; "Add interview — ..."),
    with the user's text as plain text and the company in bold."""
    title = Text(action)
    if app.company or app.role:
        title.append(" — ")
        title.append(shown(app.company, "bold", limit=NAME_CHARS))
        if app.role:
            title.append(shown(f" · {app.role}", limit=NAME_CHARS))
    return title


class ApplicationForm(RecordForm[Application]):
    """Add an application (``app`` is None) or edit a copy of one.

    Dismisses with the new or edited :class:`Application`, or None when cancelled. A new
    one starts as "applied", applied today, and gets its first status-history entry.
    """

    EXTRA = frozenset({"contacts"})
    FORMATS = {"contacts": "One a line: Name <email> (title)"}
    EXAMPLES = {"contacts": "e.g. Ana Lima <ana@example.com> (Recruiter)"}

    def __init__(
        self, app: Application | None, now: datetime, contacts: list[Contact] | None = None
    ) -> None:
        self.is_new = app is None
        self._contacts = copy.deepcopy(contacts or [])
        self.contacts_result: list[Contact] = list(self._contacts)
        """After a successful submit: the application's contacts, new or updated."""
        if app is None:
            app = Application(company="", role="")
            app.applied_on = dates.local_day(now)
            title = Text("Add application")
        else:
            title = application_title("Edit application", app)
        super().__init__(title, app, FORM_FIELDS, now)

    def initial_text(self, spec: FieldSpec) -> str:
        if spec.name == "contacts":
            return format_contacts(self._contacts)
        return super().initial_text(spec)

    def complete(self, record: Application) -> None:
        self.contacts_result = parse_contacts(
            self.field_text("contacts"), copy.deepcopy(self._contacts), record.company
        )
        if not record.status_history:
            # Like `jobtui add`: the history starts with the status it was created in.
            record.set_status(record.status, self.now)
