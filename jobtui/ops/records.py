"""Use cases that change records: add, edit, set fields, status, interview, contact, delete,
undelete, undo and redo.

None of them opens an undoable change itself: the TUI wraps each call in ``store.change()``;
a use case that writes more than one record does it in one transaction (one save).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    Record,
    Status,
    ValidationError,
    check_applied_on,
)
from jobtui.db.store import NotFoundError, Store, interview_before_applied


@dataclass(frozen=True)
class Added:
    """A new application and the contacts it was saved with."""

    application: Application
    contacts: list[Contact] = field(default_factory=list)


@dataclass(frozen=True)
class InterviewAdded:
    """A new interview; ``moved`` is the application's new status if adding it moved the
    application (from ``was``), ``warning`` a sentence if it is dated before the application."""

    interview: Interview
    application: Application
    was: Status
    moved: Status | None
    warning: str | None


@dataclass(frozen=True)
class StatusChanged:
    """An application's status; ``changed`` is False when it already had it."""

    application: Application
    status: Status
    changed: bool


@dataclass(frozen=True)
class FieldsSet:
    """A record after ``set``; ``names`` are the fields set, in the order given."""

    record: Record
    names: list[str]


@dataclass(frozen=True)
class ContactAdded:
    """A new contact, and the application it was linked to (if any)."""

    contact: Contact
    application: Application | None


@dataclass(frozen=True)
class Deleted:
    """A record moved to the trash; ``trash_id`` brings it back."""

    record: Record
    trash_id: str


@dataclass(frozen=True)
class Undeleted:
    """A record back from the trash; ``record`` is None when it went there damaged and came
    back as it was stored (``label`` is what the trash called it)."""

    record: Record | None
    label: str


@dataclass(frozen=True)
class Undone:
    """What undo took back (``description`` None: nothing to undo) and the labels of records
    it removed (redo brings them back)."""

    description: str | None
    removed: list[str]


@dataclass(frozen=True)
class Redone:
    """What redo did again (None: nothing to redo)."""

    description: str | None


def ready_application(app: Application, *, now: datetime) -> Application:
    """Check a new application as typed, before anything is opened or saved: its status
    recorded in its history (if it has none yet), an applied date not after today (unless
    a wishlist one), every field valid. Raises ValidationError."""
    app.set_status(app.status, now)  # a no-op when the history already starts
    check_applied_on(app.applied_on, app.status, now)
    app.validate()
    return app


def add_application(
    store: Store, app: Application, *, now: datetime, contacts: Sequence[Contact] | None = None
) -> Added:
    """Save a new application, checked by :func:`ready_application`. With ``contacts``,
    exactly those become its contacts, in the same save."""
    ready_application(app, now=now)
    if contacts is None:
        store.save(app)
        return Added(app)
    store.save_with_contacts(app, list(contacts))
    return Added(app, list(contacts))


def add_interview(
    store: Store, interview: Interview, *, app_id: str | None = None
) -> InterviewAdded:
    """Save a new interview for ``app_id`` (any unique id prefix; default the interview's own
    ``application_id``). An application still applied or screening moves to interviewing in
    the same save."""
    app = _application(store, app_id or interview.application_id)
    interview.application_id = app.id
    was = app.status
    moved = store.add_interview(interview)
    return InterviewAdded(interview, app, was, moved, interview_before_applied(app, interview))


def change_status(store: Store, app_id: str, status: Status) -> StatusChanged:
    """Give an application (any unique id prefix) a status, recorded in its history."""
    app = _application(store, app_id)
    changed = store.set_status(app, status)
    return StatusChanged(app, status, changed)


def set_fields(
    store: Store, record_id: str, assignments: Iterable[tuple[str, str]], *, now: datetime
) -> FieldsSet:
    """Set fields of any record (any unique id prefix) from typed text, ``(name, value)``
    pairs read as the forms read them; all are saved together or none (a bad value raises
    ValidationError naming its field)."""
    from jobtui.core.fields import set_field  # the field table: only when setting fields

    record = store.resolve(record_id)
    names = [set_field(record, name, value, now).name for name, value in assignments]
    store.save(record)
    return FieldsSet(record, names)


def save_edited(
    store: Store, record: Application | Interview, *, contacts: Sequence[Contact] | None = None
) -> Record:
    """Save an edited copy of an application or interview, keeping the notes and the kept
    message draft as they are on disk now (a form holds a copy from before; the note editor
    or the composer may have saved newer text since, which must not be overwritten). With
    ``contacts``, an application gets exactly those as its contacts, in the same save."""
    with_stored_text(store, record)
    if contacts is not None and isinstance(record, Application):
        return store.save_with_contacts(record, list(contacts))
    return store.save(record)


def with_stored_text(store: Store, record: Application | Interview) -> Application | Interview:
    """``record`` with its notes and kept draft replaced by the stored ones (unchanged if it
    is not stored): both are autosaved as they are typed, outside any form."""
    try:
        stored = (
            store.get_application(record.id)
            if isinstance(record, Application)
            else store.get_interview(record.id)
        )
    except NotFoundError:
        return record
    record.notes = stored.notes
    record.draft = stored.draft
    return record


def save_notes(store: Store, kind: str, record_id: str, text: str) -> bool:
    """Store ``text`` as the notes of an application or interview (``kind``); False when
    they already read so (nothing is written)."""
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


def add_contact(store: Store, contact: Contact, *, app_id: str | None = None) -> ContactAdded:
    """Save a new contact; with ``app_id`` (any unique prefix) link it to that application,
    giving it the application's company if it has none, in the same save."""
    contact.validate()
    app = None
    with store.transaction():
        store.save(contact)
        if app_id:
            app = _application(store, app_id)
            app.contact_ids.append(contact.id)
            if not contact.company:
                contact.company = app.company
                store.save(contact)
            store.save(app)
    return ContactAdded(contact, app)


def delete(
    store: Store,
    record_id: str,
    *,
    kinds: tuple[type, ...] = (Application, Interview, Contact),
) -> Deleted:
    """Move a record (any unique id prefix; an application with its interviews and log) to
    the trash."""
    record = store.resolve(record_id, kinds=kinds)
    return Deleted(record, store.delete(record))


def undelete(store: Store, trash_id: str) -> Undeleted:
    """Bring a record back from the trash by its id (any unique prefix, as the trash lists
    it). ValidationError when nothing or more than one entry matches."""
    wanted = trash_id.strip().lower()
    matches = [e for e in store.trash() if e.id.startswith(wanted)]
    if not matches:
        raise ValidationError("id", f'nothing in the trash with an id starting "{trash_id}"')
    if len(matches) > 1:
        raise ValidationError("id", f'"{trash_id}" matches {len(matches)} deleted records')
    return Undeleted(store.restore(matches[0].id), matches[0].label)


def undo(store: Store) -> Undone:
    """Take back the last undoable change of this session."""
    description = store.undo()
    return Undone(description, list(store.removed_by_undo))


def redo(store: Store) -> Redone:
    """Do again what undo took back."""
    return Redone(store.redo())


def _application(store: Store, app_id: str) -> Application:
    app = store.resolve(app_id, kinds=(Application,))
    assert isinstance(app, Application)
    return app
