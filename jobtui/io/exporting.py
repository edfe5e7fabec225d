"""Export the search: JSON (everything, exact), CSV (one row per application), ICS (calendar).

Pure functions of the records and a given "now": no Textual, no file I/O. The CLI opens the
store, builds an :class:`ExportData` and writes what these functions return.

Decisions, each pinned by a test in tests/unit/test_export.py:

* **Ordering.** Records are written oldest first: by ``created_at`` (records without one
  first), then by id; the sent log by ``at``, then id. The same data and the same "now" give
  the same bytes, so exports can be diffed and committed.
* **JSON** is the exact format: every record's ``to_dict()``, which the importer reads back.
  The trash is not exported (deleted records are not part of the search).
* **CSV formula injection.** Any text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return gets a leading ``'``, whether or not ``excel=True``. The CSV exists to be
  opened in a spreadsheet, and LibreOffice, Google Sheets and Numbers evaluate formulas just
  like Excel, BOM or not; markdown notes starting with "- " would otherwise show as #NAME?.
  Scripts that need the exact text should read the JSON export. ``excel`` only adds the BOM.
* **CSV times** are local wall-clock "YYYY-MM-DD HH:MM" (which every spreadsheet reads as a
  date-time), dates "YYYY-MM-DD". "Next"/"Last Interview" are relative to ``now``.
* **ICS time zones.** Every DTSTART, DUE, DTSTAMP is written in UTC ("...Z"). Stored times
  carry fixed offsets (``-08:00``), which icalendar would write as an unresolvable
  ``TZID="UTC-08:00"`` with no VTIMEZONE, so clients would read the wrong instant; UTC needs
  no VTIMEZONE, is read the same by every client, and each client shows it in its own zone.
* **ICS interviews of closed applications** are exported (the calendar is also the history).
  Those still ahead get ``STATUS:CANCELLED``: after a rejection or withdrawal they will not
  happen, and a client re-importing the file drops or strikes them. A cancelled interview
  (``Interview.cancelled``) gets it too, past or ahead.
* **ICS UID and SEQUENCE.** An interview read from an invite keeps that invite's UID, so
  the calendar that sent it sees the same event, not a copy; one typed in jobtui gets
  ``<id>@jobtui``, stable across exports. SEQUENCE is the stored one (the invite's, else 0).
* **CSV interviews.** "Interviews", "Next" and "Last Interview" count only the interviews
  not cancelled; "Cancelled Interviews" counts the others. "Deadline" and "Offer Deadline"
  are local "YYYY-MM-DD HH:MM". The JSON export carries every interview's uid, sequence and
  cancelled (its ``to_dict()``).
* **Interviewers** go in the DESCRIPTION only, never as ATTENDEE: an ATTENDEE makes some
  clients offer to email invitations to the interviewers on import.
* **Follow-ups** become VTODOs with DUE (not all-day events): they have a due time and can be
  ticked off. Every item passed in is exported, upcoming ones included.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from icalendar import Calendar, Event, Todo

from jobtui.core import dates
from jobtui.core.followup import DEADLINE_FIELDS, FollowUp, FollowUpKind, Urgency
from jobtui.core.model import (
    EXPORT_VERSION,
    Application,
    Contact,
    Interview,
    SentFollowUp,
    Task,
)
from jobtui.core.textsafe import neutralise_formula

if TYPE_CHECKING:
    from jobtui.db.store import Store

PRODID = "-//jobtui//jobtui//EN"
CALENDAR_NAME = "jobtui interviews"

CSV_COLUMNS = (
    "Company",
    "Role",
    "Status",
    "Applied On",
    "Location",
    "URL",
    "Source",
    "Salary Min",
    "Salary Max",
    "Currency",
    "Tags",
    "Interviews",
    "Next Interview",
    "Last Interview",
    "Contacts",
    "Notes",
    "Id",
    "Created",
    "Updated",
    "Cancelled Interviews",
    "Deadline",
    "Offer Deadline",
    "Offer Base",
    "Offer Bonus",
    "Offer Sign-on",
    "Offer Equity",
    "Offer Vesting Years",
    "Offer Currency",
    "Offer Notes",
    "Open Tasks",
    "Job Description",
    "Posting Fetched",
)

# RFC 5545 PRIORITY: 1 is highest, 9 lowest; clients show 1-4 high, 5 medium, 6-9 low.
PRIORITY = {Urgency.OVERDUE: 1, Urgency.DUE: 5, Urgency.UPCOMING: 9}

_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_EPOCH = datetime.min.replace(tzinfo=UTC)


@dataclass
class ExportData:
    """Everything an export can contain."""

    applications: list[Application]
    interviews: list[Interview]
    contacts: list[Contact]
    sent: list[SentFollowUp]

    @classmethod
    def from_store(cls, store: Store) -> ExportData:
        """Read every live record (not the trash) from a store."""
        return cls(
            applications=store.applications(),
            interviews=store.interviews(),
            contacts=store.contacts(),
            sent=store.sent_log(),
        )


_R = TypeVar("_R", Application, Interview, Contact)


def _by_creation(records: Iterable[_R]) -> list[_R]:
    """Oldest first; records without created_at first; ties broken by id."""

    def key(record: _R) -> tuple[datetime, str]:
        created = record.created_at
        return (created.astimezone(UTC) if created else _EPOCH, record.id)

    return sorted(records, key=key)


def _sent_in_order(entries: Iterable[SentFollowUp]) -> list[SentFollowUp]:
    return sorted(entries, key=lambda s: (s.at.astimezone(UTC), s.id))


# --------------------------------------------------------------------------
# JSON


def export_json(data: ExportData, now: datetime) -> bytes:
    """Everything as UTF-8 JSON, for backups and scripts; jobtui's importer reads it back.

    ``{"jobtui_export": 1, "exported_at": ISO, "applications": [...], "interviews": [...],
    "contacts": [...], "sent": [...]}``, each record its ``to_dict()``, in a fixed order.
    """
    document = {
        "jobtui_export": EXPORT_VERSION,
        "exported_at": dates.to_iso(now),
        "applications": [a.to_dict() for a in _by_creation(data.applications)],
        "interviews": [i.to_dict() for i in _by_creation(data.interviews)],
        "contacts": [c.to_dict() for c in _by_creation(data.contacts)],
        "sent": [s.to_dict() for s in _sent_in_order(data.sent)],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------
# CSV


def _local_minutes(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(dates.local_tz()).strftime("%Y-%m-%d %H:%M")


def _contact_label(contact: Contact) -> str:
    return f"{contact.name} <{contact.email}>" if contact.email else contact.name


def _offer_amounts(app: Application) -> list[int | None]:
    return [app.offer_base, app.offer_bonus, app.offer_sign_on, app.offer_equity]


def _task_label(task: Task) -> str:
    """A task in a cell: "Take-home (due 2026-11-27 17:00)"."""
    text = " ".join(task.text.split())
    return f"{text} (due {_local_minutes(task.due)})" if task.due else text


def _csv_row(
    app: Application,
    interviews: Sequence[Interview],
    contacts: dict[str, Contact],
    now: datetime,
) -> list[Any]:
    held = [i for i in interviews if not i.cancelled]
    ahead = [i.starts_at for i in held if i.starts_at > now]
    behind = [i.starts_at for i in held if i.starts_at <= now]
    linked = [_contact_label(contacts[cid]) for cid in app.contact_ids if cid in contacts]
    text = [
        app.company,
        app.role,
        app.status.value,
        dates.to_iso(app.applied_on) or "",
        app.location,
        app.url,
        app.source,
    ]
    numbers = [
        "" if app.salary_min is None else app.salary_min,
        "" if app.salary_max is None else app.salary_max,
    ]
    rest = [
        app.salary_currency,
        "; ".join(app.tags),
        len(held),
        _local_minutes(min(ahead, default=None)),
        _local_minutes(max(behind, default=None)),
        "; ".join(linked),
        app.notes,
        app.id,
        _local_minutes(app.created_at),
        _local_minutes(app.updated_at),
        len(interviews) - len(held),
        _local_minutes(app.deadline),
        _local_minutes(app.offer_deadline),
        *("" if v is None else v for v in _offer_amounts(app)),
        app.offer_vesting_years if _offer_amounts(app) != [None] * 4 else "",
        app.offer_currency,
        app.offer_notes,
        "; ".join(_task_label(t) for t in app.tasks if not t.done),
        app.description,
        _local_minutes(app.posting_fetched_at),
    ]
    row = text + numbers + rest
    return [neutralise_formula(cell) if isinstance(cell, str) else cell for cell in row]


def export_csv(data: ExportData, *, excel: bool = False, now: datetime | None = None) -> str:
    """One row per application, with a header row (:data:`CSV_COLUMNS`), "\\r\\n" line ends.

    ``excel=True`` starts the text with a UTF-8 BOM so Excel reads it as UTF-8. Text cells
    that a spreadsheet would run as a formula are always prefixed with ``'`` (see the module
    docstring). ``now`` (default: the clock) splits "Next" from "Last Interview". Write the
    result with ``newline=""`` and ``encoding="utf-8"`` so the line ends stay as they are.
    """
    now = now or dates.now()
    by_app: dict[str, list[Interview]] = {}
    for interview in data.interviews:
        by_app.setdefault(interview.application_id, []).append(interview)
    contacts = {c.id: c for c in data.contacts}

    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for app in _by_creation(data.applications):
        writer.writerow(_csv_row(app, by_app.get(app.id, []), contacts, now))
    return out.getvalue()


# --------------------------------------------------------------------------
# ICS


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _app_label(app: Application | None) -> str:
    return app.label if app else "(deleted application)"


def _first_url(text: str) -> str | None:
    match = _URL.search(text)
    return match.group(0).rstrip(".,;:)]}'") if match else None


def _interview_description(interview: Interview, app: Application | None) -> str:
    lines = [f"{_app_label(app)} ({interview.kind.label})"]
    if interview.cancelled:
        lines.append("Cancelled")
    if app is not None and app.closed:
        lines.append(f"Application {app.status.value}")
    lines.append(f"Length: {dates.format_duration(interview.duration)}")
    if interview.where:
        lines.append(f"Where: {interview.where}")
    if interview.interviewers:
        lines.append("Interviewers:")
        lines.extend(f"- {person}" for person in interview.interviewers)
    for label, value in (("Topics", interview.topics), ("Notes", interview.notes)):
        if value.strip():
            lines.append(f"{label}:")
            lines.append(value)
    if app is not None and app.url:
        lines.append(f"Job posting: {app.url}")
    return "\n".join(lines)


def interview_uid(interview: Interview) -> str:
    """The VEVENT UID: the invite's when the interview came from one (its calendar then
    knows the event), else ``<id>@jobtui``; the same interview keeps it in every export."""
    return interview.uid.strip() or f"{interview.id}@jobtui"


def followup_uid(item: FollowUp) -> str:
    """The VTODO UID: one per kind of follow-up and application/interview (a deadline's
    names its field: an application has two)."""
    about = item.interview_id or item.field or (item.task.id if item.task else "app")
    return f"{item.kind.value}-{item.application_id}-{about}@jobtui"


def _interview_event(
    interview: Interview, app: Application | None, stamp: datetime, now: datetime
) -> Event:
    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("sequence", interview.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", _utc(interview.starts_at))
    event.add("duration", interview.duration)
    event.add("summary", f"Interview: {_app_label(app)} ({interview.kind.label})")
    if interview.where:
        event.add("location", interview.where)
        link = _first_url(interview.where)
        if link:
            event.add("url", link)
    event.add("description", _interview_description(interview, app))
    if interview.cancelled or (app is not None and app.closed and interview.starts_at > now):
        event.add("status", "CANCELLED")
    if interview.created_at:
        event.add("created", _utc(interview.created_at))
    if interview.updated_at:
        event.add("last-modified", _utc(interview.updated_at))
    return event


def _followup_todo(item: FollowUp, stamp: datetime, now: datetime) -> Todo:
    todo = Todo()
    todo.add("uid", followup_uid(item))
    todo.add("dtstamp", stamp)
    # A deadline's to-do is due when the deadline passes, not when its day begins.
    deadline = item.kind == FollowUpKind.DEADLINE
    dated = deadline or item.task is not None
    todo.add("due", _utc(item.overdue_at if dated else item.due))
    what = DEADLINE_FIELDS[item.field][0] if deadline and item.field else item.kind.info.summary
    if item.task is not None:
        what = f"{what} {' '.join(item.task.text.split())[:80]}"
    todo.add("summary", f"{what}: {_app_label(item.application)}")
    todo.add("description", item.describe(now))
    todo.add("priority", PRIORITY[item.urgency])
    todo.add("status", "NEEDS-ACTION")
    if item.interview is not None:
        todo.add("related-to", interview_uid(item.interview))
    return todo


def export_ics(data: ExportData, followups: Sequence[FollowUp], now: datetime) -> bytes:
    """An RFC 5545 calendar: a VEVENT per interview and a VTODO per follow-up item.

    Interviews come in start order (then id), follow-ups in the order given (usually
    :func:`jobtui.core.followup.all_followups`, most urgent first); an item repeated with the same
    UID is written once. All times are UTC; DTSTAMP is ``now``.
    """
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)

    stamp = _utc(now)
    apps = {a.id: a for a in data.applications}
    for interview in sorted(data.interviews, key=lambda i: (_utc(i.starts_at), i.id)):
        app = apps.get(interview.application_id)
        cal.add_component(_interview_event(interview, app, stamp, now))

    seen: set[str] = set()
    for item in followups:
        uid = followup_uid(item)
        if uid in seen:
            continue
        seen.add(uid)
        cal.add_component(_followup_todo(item, stamp, now))
    return cal.to_ical()
