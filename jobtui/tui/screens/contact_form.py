"""The form that adds or edits a contact: every field of ``core.fields.CONTACT_FIELDS``."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from rich.text import Text

from jobtui.core.fields import CONTACT_FIELDS
from jobtui.core.model import Contact
from jobtui.tui.screens.record_form import RecordForm
from jobtui.tui.shown import shown

# A title naming a contact with a 10,000-character name still fits on a line or two.
NAME_CHARS = 80


class ContactForm(RecordForm[Contact]):
    """Add a contact (``contact`` is None) or edit a copy of one; dismisses with the new or
    edited :class:`Contact`, or None when cancelled."""

    EXAMPLES: ClassVar[dict[str, str]] = {
        "name": "e.g. Ana Lima",
        "title": "e.g. Technical Recruiter",
        "company": "e.g. Northwind Analytics",
        "email": "e.g. ana.lima@example.com",
        "phone": "e.g. +49 30 1234 5678",
        "url": "e.g. https://www.linkedin.com/in/ana-lima",
    }

    def __init__(self, contact: Contact | None, now: datetime) -> None:
        self.is_new = contact is None
        title = Text("Add contact" if self.is_new else "Edit contact ")
        if contact is not None:
            title.append_text(shown(contact.name, "bold", limit=NAME_CHARS))
        super().__init__(title, contact or Contact(name=""), CONTACT_FIELDS, now)
