"""The contact list and what changes it: every contact with the applications it is linked
to and when you last wrote to them; add, edit, link, unlink, delete.

"Last written" comes from the sent log: an entry counts for a contact only when the contact
is among its recipients (``SentFollowUp.to``, as written: "Ana Lima <ana@example.com>, Bo"),
matched by email when both sides have one, else by name. Being linked to the application a
message was about is not enough: a note to the recruiter was not written to the engineer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from jobtui.core import dates
from jobtui.core.model import Application, Contact, Person, SentFollowUp
from jobtui.core.search import normalized
from jobtui.db.store import Store
from jobtui.ops import records

SORTS = ("recent", "name")
"""``recent``: last written, newest first (never written after, by name); ``name``: A-Z."""


@dataclass(frozen=True)
class ContactRow:
    """One contact as the list shows it: the applications it is linked to (in the order
    the store lists them, newest first) and when you last wrote to it (None: never)."""

    contact: Contact
    applications: tuple[Application, ...]
    last_written: datetime | None

    @property
    def companies(self) -> list[str]:
        """The linked applications' companies, each once, in order."""
        return list(dict.fromkeys(app.company for app in self.applications))

    def matches(self, needle: str) -> bool:
        """Whether the typed filter ``needle`` is in the name, title, company, email, phone
        or a linked company, ignoring case and accents ("jose" finds "José")."""
        wanted = fold(needle)
        return not wanted or wanted in self.search_text

    @cached_property
    def search_text(self) -> str:
        """What the filter looks in, folded (see :func:`fold`)."""
        c = self.contact
        return fold(" ".join([c.name, c.title, c.company, c.email, c.phone, *self.companies]))


def last_written_text(row: ContactRow, now: datetime) -> str:
    """When you last wrote, as the CLI and the contacts screen show it: "Mon 23 Nov" (with
    its year when not ``now``'s), or "never"."""
    if row.last_written is None:
        return "never"
    day = dates.local_day(row.last_written)
    return dates.format_short_day(day, dates.local_day(now), weekday=True)


@dataclass(frozen=True)
class Linked:
    """A contact and an application after link or unlink; ``changed`` is False when it
    already was (or was not) linked."""

    contact: Contact
    application: Application
    changed: bool


def fold(text: str) -> str:
    """``text`` for matching (as `/` matches: core.search.normalized), runs of white space
    as one."""
    return " ".join(normalized(text).split())


_SEPARATORS = re.compile(r"[,;]")
_ASIDE = re.compile(r"\([^)]*\)|\"")


def recipients(to: str) -> list[Person]:
    """The people a sent entry's ``to`` names: "Ana Lima <ana@example.com>, Bo" -> Ana Lima
    with her address, and Bo."""
    return [Person.parse(part) for part in _SEPARATORS.split(to) if part.strip()]


def _name_key(name: str) -> str:
    # "Jonas Ek (Engineering Manager)" and '"Ana Lima"' name Jonas Ek and Ana Lima.
    return fold(_ASIDE.sub(" ", name))


def wrote_to(contact: Contact, people: Iterable[Person]) -> bool:
    """Whether ``contact`` is one of ``people``: by email when both have one, else by name."""
    email = contact.email.strip().casefold()
    name = _name_key(contact.name)
    for person in people:
        theirs = person.email.strip().casefold()
        if email and theirs:
            if email == theirs:
                return True
        elif name and _name_key(person.name) == name:
            return True
    return False


class _SentIndex:
    """When each recipient was last written to, by address and by name, so a contact is
    looked up at once instead of reading the whole log (the rule is :func:`wrote_to`'s)."""

    def __init__(self, sent: Iterable[SentFollowUp]) -> None:
        self.by_email: dict[str, datetime] = {}
        self.by_name_alone: dict[str, datetime] = {}  # recipients written without an address
        self.by_name: dict[str, datetime] = {}  # every recipient
        for entry in sent:
            for person in recipients(entry.to):
                email, name = person.email.strip().casefold(), _name_key(person.name)
                if email:
                    _keep_latest(self.by_email, email, entry.at)
                elif name:
                    _keep_latest(self.by_name_alone, name, entry.at)
                if name:
                    _keep_latest(self.by_name, name, entry.at)

    def last_written(self, contact: Contact) -> datetime | None:
        email, name = contact.email.strip().casefold(), _name_key(contact.name)
        if not email:
            return self.by_name.get(name) if name else None
        found = [self.by_email.get(email), self.by_name_alone.get(name) if name else None]
        return max((at for at in found if at is not None), default=None)


def _keep_latest(latest: dict[str, datetime], key: str, at: datetime) -> None:
    if key not in latest or at > latest[key]:
        latest[key] = at


def build_rows(
    contacts: Iterable[Contact],
    applications: Sequence[Application],
    sent: Iterable[SentFollowUp],
    *,
    sort: str = "recent",
) -> list[ContactRow]:
    """Every contact as a :class:`ContactRow`, in ``sort`` order (see :data:`SORTS`)."""
    linked: dict[str, list[Application]] = {}
    for app in applications:
        for contact_id in dict.fromkeys(app.contact_ids):
            linked.setdefault(contact_id, []).append(app)
    index = _SentIndex(sent)
    rows = [
        ContactRow(contact, tuple(linked.get(contact.id, ())), index.last_written(contact))
        for contact in contacts
    ]
    return sort_rows(rows, sort)


def sort_rows(rows: Iterable[ContactRow], sort: str = "recent") -> list[ContactRow]:
    """``rows`` by name, or (``recent``) last written first, the never-written after them."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
    by_name = sorted(rows, key=lambda r: (fold(r.contact.name), r.contact.id))
    if sort == "name":
        return by_name
    written = [r for r in by_name if r.last_written is not None]
    written.sort(key=lambda r: r.last_written or datetime.min, reverse=True)  # stable
    return written + [r for r in by_name if r.last_written is None]


def filter_rows(rows: Iterable[ContactRow], needle: str) -> list[ContactRow]:
    """The rows :meth:`ContactRow.matches` ``needle``, in their order."""
    return [row for row in rows if row.matches(needle)]


def contact_rows(store: Store, *, sort: str = "recent", needle: str = "") -> list[ContactRow]:
    """Every contact (those matching ``needle``) with its applications and the last message
    written to it, in ``sort`` order."""
    rows = build_rows(store.contacts(), store.applications(), store.sent_log(), sort=sort)
    return filter_rows(rows, needle) if needle else rows


def add(store: Store, contact: Contact, *, app_id: str | None = None) -> records.ContactAdded:
    """Save a new contact, linked to ``app_id`` (any unique prefix) if given."""
    return records.add_contact(store, contact, app_id=app_id)


def edit(store: Store, contact: Contact) -> Contact:
    """Save an edited copy of a stored contact (NotFoundError if it was deleted meanwhile:
    an edit never brings a contact back)."""
    store.get_contact(contact.id)
    contact.validate()
    store.save(contact)
    return contact


def link(store: Store, contact_id: str, app_id: str) -> Linked:
    """Link a contact to an application (ids: any unique prefix), giving the contact the
    application's company if it has none, in one save."""
    contact, app = _contact(store, contact_id), _application(store, app_id)
    if contact.id in app.contact_ids:
        return Linked(contact, app, False)
    with store.transaction():
        app.contact_ids.append(contact.id)
        store.save(app)
        if not contact.company.strip():
            contact.company = app.company
            store.save(contact)
    return Linked(contact, app, True)


def unlink(store: Store, contact_id: str, app_id: str) -> Linked:
    """Take a contact off an application's contacts (the contact itself stays)."""
    contact, app = _contact(store, contact_id), _application(store, app_id)
    if contact.id not in app.contact_ids:
        return Linked(contact, app, False)
    app.contact_ids = [c for c in app.contact_ids if c != contact.id]
    store.save(app)
    return Linked(contact, app, True)


def delete(store: Store, contact_id: str) -> records.Deleted:
    """Move a contact to the trash. Its applications keep its id, so undelete (or undo)
    links it back where it was."""
    return records.delete(store, contact_id, kinds=(Contact,))


def _contact(store: Store, contact_id: str) -> Contact:
    contact = store.resolve(contact_id, kinds=(Contact,))
    assert isinstance(contact, Contact)
    return contact


def _application(store: Store, app_id: str) -> Application:
    app = store.resolve(app_id, kinds=(Application,))
    assert isinstance(app, Application)
    return app
