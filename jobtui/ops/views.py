"""Read-only use cases: what the list, the follow-ups, one record, the trash, the stats and
the check show. Front ends format the result; none of them queries the store itself."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jobtui.config import FollowUpRules
from jobtui.core.followup import FollowUp, all_followups, followups_for
from jobtui.core.model import Application, Contact, Interview, Record, SentFollowUp, Status
from jobtui.core.overview import AppRow, build_rows, sort_rows
from jobtui.core.search import normalized
from jobtui.db.integrity import Problem
from jobtui.db.store import NotFoundError, Store, TrashEntry

if TYPE_CHECKING:
    from jobtui.core.stats import Stats


@dataclass(frozen=True)
class RecordDetails:
    """One record and what belongs to it: for an interview, its application (None if it is
    gone) and the messages sent about it; for an application, its interviews, linked
    contacts, sent log and what it needs. ``sent`` is in the order it was sent."""

    record: Record
    application: Application | None = None
    interviews: tuple[Interview, ...] = ()
    contacts: tuple[Contact, ...] = ()
    sent: tuple[SentFollowUp, ...] = ()
    needs: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class Checked:
    """What ``check`` found: the problems, how many records there are, and with ``fix`` the
    backup taken and how many damaged records went to the trash."""

    problems: list[Problem]
    records: int
    backup: Path | None = None
    moved_to_trash: int = 0


def linked_contacts(store: Store, app: Application) -> list[Contact]:
    """An application's contacts in their order, leaving out any since deleted."""
    found = []
    for contact_id in app.contact_ids:
        try:
            found.append(store.get_contact(contact_id))
        except NotFoundError:  # a deleted contact: the others still count
            continue
    return found


# Said where a sent message's text would be, when it was logged without it.
NO_TEXT = "logged without its text"


def sent_messages(
    sent: Iterable[SentFollowUp], interview_id: str | None = None
) -> list[SentFollowUp]:
    """The messages of a sent log that are about the interview ``interview_id`` (all of
    them when None), newest first: how the details pane, the sent-message view and
    ``jobtui show`` list them."""
    chosen = [e for e in sent if interview_id is None or e.interview_id == interview_id]
    return sorted(chosen, key=lambda e: e.at, reverse=True)


def first_line(entry: SentFollowUp) -> str:
    """What a sent message is called in a list: its subject, else the first line of its
    body that is not blank; "" when it was logged without its text."""
    if entry.subject.strip():
        return entry.subject.strip()
    return next((line.strip() for line in entry.body.splitlines() if line.strip()), "")


def application_rows(
    store: Store,
    *,
    now: datetime,
    rules: FollowUpRules,
    status: Status | None = None,
    open_only: bool = False,
    sort: str = "urgency",
    search: str = "",
) -> list[AppRow]:
    """The applications (only ``status``'s; only open ones with ``open_only``; only those
    whose text holds ``search``, as the TUI's `/` matches) as rows with their next action,
    computed as the TUI does, in ``sort`` order."""
    apps = store.applications(status=status)
    if open_only:
        apps = [a for a in apps if not a.closed]
    needle = normalized(search)
    contacts = store.contacts() if needle else []  # only search reads them
    rows = build_rows(
        apps, store.interviews_by_application(), store.sent_by_application(), contacts, now, rules
    )
    if needle:
        rows = [row for row in rows if needle in row.search_text]
    return sort_rows(rows, sort, now)


def followups(store: Store, *, now: datetime, rules: FollowUpRules) -> list[FollowUp]:
    """Every follow-up owed, most urgent first."""
    return all_followups(
        store.applications(),
        store.interviews_by_application(),
        store.sent_by_application(),
        now,
        rules,
    )


def record_details(
    store: Store, record: Record, *, now: datetime, rules: FollowUpRules | None = None
) -> RecordDetails:
    """``record`` with what belongs to it (see :class:`RecordDetails`); ``needs`` is left
    empty without ``rules``."""
    if isinstance(record, Interview):
        about = [e for e in store.sent_log(record.application_id) if e.interview_id == record.id]
        try:
            app = store.get_application(record.application_id)
        except NotFoundError:
            app = None
        return RecordDetails(record, application=app, sent=tuple(about))
    if not isinstance(record, Application):
        return RecordDetails(record)
    interviews = store.interviews(record.id)
    sent = store.sent_log(record.id)
    needs = followups_for(record, interviews, sent, now, rules) if rules is not None else []
    return RecordDetails(
        record,
        interviews=tuple(interviews),
        contacts=tuple(linked_contacts(store, record)),
        sent=tuple(sent),
        needs=tuple(needs),
    )


def show(
    store: Store, record_id: str, *, now: datetime, rules: FollowUpRules | None = None
) -> RecordDetails:
    """One record by id (any unique prefix) with what belongs to it (see
    :func:`record_details`)."""
    return record_details(store, store.resolve(record_id), now=now, rules=rules)


def trash(store: Store) -> list[TrashEntry]:
    """What is in the trash, most recently deleted first."""
    return store.trash()


def stats(store: Store, *, now: datetime) -> Stats:
    """The funnel, response rates by source and activity per week."""
    from jobtui.core.stats import compute_stats

    return compute_stats(store.applications(), store.interviews_by_application(), now)


def check(store: Store, *, fix: bool = False) -> Checked:
    """Every damaged record; with ``fix`` (and something to fix), a backup first, then the
    damaged records moved into the trash."""
    problems = store.problems
    records = sum(store.counts().values())
    if not (fix and problems):
        return Checked(problems, records)
    backup = store.backup_to()
    return Checked(problems, records, backup, store.trash_bad_records())
