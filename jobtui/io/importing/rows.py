"""What every reader produces: rows of applications (with what comes with them), and the
one error that stops an import before it starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jobtui.core.model import Application, Contact, Interview, SentFollowUp


class ImportFileError(ValueError):
    """A file that cannot be imported at all (unreadable, empty, not CSV/JSON, no header).

    The message names the file, and the line where that helps.
    """


@dataclass
class ImportRow:
    """One application read from a file, with what comes with it.

    ``line`` is 1-based: for CSV the physical line where the row starts, for JSON the
    application's position in the export's "applications" list. In a plan's ``update`` list,
    ``application`` is what will be saved: the stored one with the file's news merged in.
    """

    line: int
    application: Application
    interviews: list[Interview] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    sent: list[SentFollowUp] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The application's label, "Acme — Engineer"."""
        return self.application.label


@dataclass
class Source:
    """Everything read from a file: kept by the plan so apply_import can re-check it."""

    format: str
    rows: list[ImportRow]
    errors: list[str]
    notes: list[str]
    loose_contacts: list[Contact]
    now: datetime
