"""A snapshot of the whole search for display: rows, timeline, summary. No Textual, no TinyDB.

The TUI rebuilds an :class:`Overview` after each change and draws from it; keeping the
computation here makes it a plain function of (records, now, rules), testable without a screen.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.core.dates import now_against
from jobtui.core.followup import (
    DEADLINE_FIELDS,
    FollowUp,
    FollowUpKind,
    Urgency,
    deadline_moment,
    deadline_settled,
    followups_for,
    held,
    next_action,
    sort_key,
)
from jobtui.core.model import Application, Contact, Interview, SentFollowUp, Task
from jobtui.core.search import Match, Searchable, fields_of, linked


@dataclass
class AppRow:
    """One application with what it needs."""

    app: Application
    interviews: list[Interview]
    sent: list[SentFollowUp]
    items: list[FollowUp]
    next_action: str
    contacts: tuple[Contact, ...] = ()  # its linked contacts (for search)

    @cached_property
    def urgency(self) -> Urgency | None:
        """The most pressing urgency among its follow-ups (None if nothing)."""
        return min(self.items, key=sort_key).urgency if self.items else None

    @cached_property
    def needs_follow_up(self) -> bool:
        return any(i.urgency != Urgency.UPCOMING for i in self.items)

    def urgency_key(self, now: datetime) -> tuple[int, bool, datetime, str]:
        """Sort key "by urgency" (cached: a row is rebuilt when its data or now changes)."""
        cached = self.__dict__.get("_urgency_key")
        if cached is None:
            cached = (*_urgency_rank(self, now), self.app.company.lower())
            self.__dict__["_urgency_key"] = cached
        return cached

    @cached_property
    def searchable(self) -> Searchable:
        """All its text, normalized once for `/` and ``list --search`` (see core.search)."""
        return Searchable(fields_of(self.app, self.interviews, self.contacts))

    @property
    def search_text(self) -> str:
        """What `/` matches, normalized (:func:`jobtui.core.search.normalized`): company,
        role, location, tags, source, notes, the posting, interviewers, contacts and what
        was written about its interviews."""
        return self.searchable.text

    def match(self, needle: str) -> Match | None:
        """Where ``needle`` (already normalized) is found in it, or None."""
        return self.searchable.find(needle)


@dataclass(frozen=True)
class DeadlineMark:
    """Where one of an application's deadlines sits on the timeline.

    It stands in a :class:`TimelineEntry` where an interview stands, with the two things the
    code that orders the timeline and tells its rows apart reads of one: ``starts_at`` and
    an ``id`` unique on the timeline (``"deadline:<application id>"``, never a record's id).
    """

    field: str  # a key of followup.DEADLINE_FIELDS
    application_id: str
    starts_at: datetime

    @property
    def id(self) -> str:
        return f"{self.field}:{self.application_id}"


@dataclass(frozen=True)
class TaskMark:
    """Where a task with a due time sits on the timeline (like a :class:`DeadlineMark`):
    its ``id`` is ``"task:<task id>"``."""

    task: Task
    application_id: str

    @property
    def starts_at(self) -> datetime:
        assert self.task.due is not None
        return self.task.due

    @property
    def id(self) -> str:
        return f"task:{self.task.id}"


@dataclass
class TimelineEntry:
    """One row of the timeline: an interview, a deadline of an application (then
    ``interview`` is its :class:`DeadlineMark`) or a task with a due time (its
    :class:`TaskMark`), with its follow-up state."""

    interview: Interview | DeadlineMark | TaskMark
    app: Application
    items: list[FollowUp]

    @property
    def kind(self) -> str:
        """ "interview", "deadline" or "task"."""
        if isinstance(self.interview, DeadlineMark):
            return "deadline"
        return "task" if isinstance(self.interview, TaskMark) else "interview"

    @property
    def entry_id(self) -> str:
        """The row's id on the timeline: the interview's id, or the deadline mark's."""
        return self.interview.id

    @property
    def starts_at(self) -> datetime:
        return self.interview.starts_at

    @property
    def record(self) -> Interview | None:
        """The interview of an interview row (None for a deadline)."""
        return self.interview if isinstance(self.interview, Interview) else None

    @property
    def deadline(self) -> DeadlineMark | None:
        """The deadline of a deadline row (None for an interview or a task)."""
        return self.interview if isinstance(self.interview, DeadlineMark) else None

    @property
    def task(self) -> Task | None:
        """The task of a task row (None otherwise)."""
        return self.interview.task if isinstance(self.interview, TaskMark) else None

    @property
    def cancelled(self) -> bool:
        return self.record is not None and self.record.cancelled

    @cached_property
    def urgency(self) -> Urgency | None:
        return min(self.items, key=sort_key).urgency if self.items else None

    @cached_property
    def pressing(self) -> bool:
        """A follow-up on this interview (or this deadline) is due or overdue."""
        return any(i.urgency != Urgency.UPCOMING for i in self.items)

    @property
    def thank_you_done(self) -> bool:
        return self.record is not None and self.record.thank_you_sent_at is not None

    @property
    def deadline_settled(self) -> bool:
        """A deadline that asks nothing now, its application past the status it is owed at
        (see followup.deadline_settled): history on the timeline."""
        mark = self.deadline
        if mark is None:
            return False
        return not self.items and deadline_settled(self.app, mark.field)


@dataclass
class Overview:
    """Everything the main screen shows, computed at one instant."""

    now: datetime
    rows: list[AppRow]
    timeline: list[TimelineEntry]
    contacts: dict[str, Contact] = field(default_factory=dict)

    @cached_property
    def active(self) -> int:
        return sum(1 for r in self.rows if not r.app.closed)

    @cached_property
    def due_now(self) -> int:
        """Follow-ups (deadlines included) due or overdue now."""
        return sum(1 for r in self.rows for i in r.items if i.urgency != Urgency.UPCOMING)

    @cached_property
    def overdue(self) -> int:
        return sum(1 for r in self.rows for i in r.items if i.urgency == Urgency.OVERDUE)

    def prepare(self) -> Overview:
        """Compute the cached lookups now (on the data thread), not on the UI's first use:
        with each row's place in the default (urgency) order, which costs about half a
        second at 10,000 applications (the UI would freeze for it)."""
        for name in (
            "_stamps",
            "_entries_by_app",
            "_rows_by_id",
            "pressing_entries",
            "interviews_this_week",
            "active",
            "due_now",
            "overdue",
        ):
            getattr(self, name)
        for row in self.rows:
            row.urgency_key(self.now)  # cached on the row
        return self

    @cached_property
    def _stamps(self) -> list[float]:
        # The timeline's start times as POSIX seconds, for bisecting windows of it.
        return [e.starts_at.timestamp() for e in self.timeline]

    def entries_between(self, start: datetime, end: datetime) -> list[TimelineEntry]:
        """Timeline entries starting within [start, end], in time order."""
        low = bisect_left(self._stamps, start.timestamp())
        high = bisect_right(self._stamps, end.timestamp())
        return self.timeline[low:high]

    @cached_property
    def pressing_entries(self) -> list[TimelineEntry]:
        """Interviews whose follow-up is due or overdue (and deadlines due or overdue), in
        time order."""
        return [e for e in self.timeline if e.pressing]

    @cached_property
    def interviews_this_week(self) -> int:
        """Interviews from Monday to Sunday of the current local week (not the cancelled
        ones, nor the deadlines)."""
        today = dates.local_day(self.now)
        monday = datetime.combine(
            today - timedelta(days=today.weekday()), datetime.min.time(), dates.local_tz()
        )
        week = self.entries_between(monday, monday + timedelta(days=7, microseconds=-1))
        return sum(1 for e in week if e.kind == "interview" and not e.cancelled)

    @cached_property
    def _rows_by_id(self) -> dict[str, AppRow]:
        return {row.app.id: row for row in self.rows}

    def row(self, app_id: str) -> AppRow | None:
        """The row of one application (None if there is none)."""
        return self._rows_by_id.get(app_id)

    @cached_property
    def _entries_by_app(self) -> dict[str, list[TimelineEntry]]:
        grouped: dict[str, list[TimelineEntry]] = {}
        for entry in self.timeline:
            grouped.setdefault(entry.app.id, []).append(entry)
        return grouped

    def entries_of(self, app_id: str) -> list[TimelineEntry]:
        """The timeline entries of one application, in time order."""
        return self._entries_by_app.get(app_id, [])

    def row_search_text(self, app_id: str) -> str:
        """An application's normalized search text ("" if it has no row)."""
        row = self.row(app_id)
        return row.search_text if row else ""

    def prepare_search(self) -> Overview:
        """Normalize every row's text now (e.g. on the data thread), not on the first `/`
        keystroke."""
        for row in self.rows:
            row.searchable  # noqa: B018 (computed and cached)
        return self


def _urgency_rank(row: AppRow, now: datetime) -> tuple[int, bool, datetime]:
    # Follow-ups first, as the follow-up list orders them (overdue, due, upcoming; a
    # thank-you first), then open applications by their next interview, then closed ones.
    if row.items:
        return sort_key(min(row.items, key=sort_key))
    upcoming = [
        i.starts_at for i in held(row.interviews) if i.starts_at > now_against(i.starts_at, now)
    ]
    far = datetime.max.replace(tzinfo=dates.local_tz())
    return (3 if not row.app.closed else 4, False, min(upcoming, default=far))


SORTS = {
    "urgency": "by urgency",
    "company": "by company",
    "applied": "by date applied",
    "status": "by status",
}


def sort_rows(rows: Sequence[AppRow], how: str, now: datetime) -> list[AppRow]:
    # The urgency order is kept on each row: rows are rebuilt whenever their data or "now"
    # changes, and sorting runs on every filter keystroke.
    """Rows sorted one of the SORTS ways (urgency: most pressing first)."""
    if how == "company":
        return sorted(rows, key=lambda r: (r.app.company.lower(), r.app.role.lower()))
    if how == "applied":
        return sorted(rows, key=lambda r: r.app.applied_on or date.min, reverse=True)
    if how == "status":
        order = {s: n for n, s in enumerate(type(rows[0].app.status))} if rows else {}
        return sorted(rows, key=lambda r: (order.get(r.app.status, 0), r.app.company.lower()))
    return sorted(rows, key=lambda r: r.urgency_key(now))


def active_snooze(app: Application, interview: Interview | None, now: datetime) -> datetime | None:
    """When the snooze covering this application (or interview) ends, if one is still ahead.

    A closed application has nothing to snooze. An application's snooze covers its interviews.
    """
    if app.closed:
        return None
    ends = [
        until
        for until in (app.snoozed_until, interview.snoozed_until if interview else None)
        if until is not None and until > now_against(until, now)
    ]
    return max(ends, default=None)


def snoozed_action(until: datetime, now: datetime) -> str:
    """The next action of a snoozed application: "Snoozed until Mon 30 Nov"."""
    day, today = dates.local_day(until), dates.local_day(now)
    if day == today:
        return f"Snoozed until {dates.format_clock(until)} today"
    # In English whatever the locale, with the year when it is not this one.
    return f"Snoozed until {dates.format_short_day(day, today, weekday=True)}"


def row_next_action(
    app: Application, interviews: Sequence[Interview], items: Sequence[FollowUp], now: datetime
) -> str:
    """The row's next action: what followup.next_action says, except that a snoozed
    application with nothing pressing and no interview before the snooze ends says so."""
    until = active_snooze(app, None, now)
    quiet = until is not None and all(i.urgency == Urgency.UPCOMING for i in items)
    if (
        until is not None
        and quiet
        and not any(now_against(i.starts_at, now) < i.starts_at <= until for i in held(interviews))
    ):
        return snoozed_action(until, now)
    return next_action(app, interviews, items, now)


def _row(
    app: Application,
    interviews: list[Interview],
    sent: list[SentFollowUp],
    now: datetime,
    rules: FollowUpRules,
    contacts: Mapping[str, Contact],
) -> AppRow:
    items = followups_for(app, interviews, sent, now, rules)
    action = row_next_action(app, interviews, items, now)
    return AppRow(app, interviews, sent, items, action, linked(app, contacts))


def _entries(row: AppRow) -> list[TimelineEntry]:
    app, items = row.app, row.items
    entries = [
        TimelineEntry(interview, app, [i for i in items if i.interview_id == interview.id])
        for interview in row.interviews
    ]
    entries.extend(deadline_entries(app, items))
    entries.extend(task_entries(app, items))
    return entries


def _row_and_entries(
    app: Application,
    interviews: list[Interview],
    sent: list[SentFollowUp],
    now: datetime,
    rules: FollowUpRules,
    contacts: Mapping[str, Contact],
) -> tuple[AppRow, list[TimelineEntry]]:
    row = _row(app, interviews, sent, now, rules, contacts)
    return row, _entries(row)


def task_entries(app: Application, items: Sequence[FollowUp]) -> list[TimelineEntry]:
    """A timeline row for each task with a due time, open or done, with its follow-up item
    if it is listed."""
    return [
        TimelineEntry(
            TaskMark(task, app.id),
            app,
            [i for i in items if i.task is not None and i.task.id == task.id],
        )
        for task in app.tasks
        if task.due is not None
    ]


def deadline_entries(app: Application, items: Sequence[FollowUp]) -> list[TimelineEntry]:
    """A timeline row for each deadline the application has set (whether or not it is
    listed among the follow-ups), with its follow-up item if it is."""
    entries = []
    for name in DEADLINE_FIELDS:
        moment = deadline_moment(app, name)
        if moment is None:
            continue
        mine = [i for i in items if i.kind == FollowUpKind.DEADLINE and i.field == name]
        entries.append(TimelineEntry(DeadlineMark(name, app.id, moment), app, mine))
    return entries


def update_overview(
    old: Overview,
    changed: dict[str, tuple[Application, list[Interview], list[SentFollowUp]] | None],
    contacts: Sequence[Contact] | None,
    rules: FollowUpRules,
) -> Overview:
    """A new overview with only the ``changed`` applications recomputed (None: deleted).

    Everything else is reused, as of ``old.now``; the app does a full rebuild now and then
    so that time-based urgency moves on.
    """
    people = {c.id: c for c in contacts} if contacts is not None else old.contacts
    rows = [r for r in old.rows if r.app.id not in changed]
    if contacts is not None:  # a row whose contacts changed searches their new text
        rows = [_with_contacts(r, linked(r.app, people)) for r in rows]
    timeline = [e for e in old.timeline if e.app.id not in changed]
    for records in changed.values():
        if records is None:
            continue
        row, entries = _row_and_entries(*records, old.now, rules, people)
        rows.append(row)
        timeline.extend(entries)
    timeline.sort(key=_start_key)
    return Overview(old.now, rows, timeline, people)


def _with_contacts(row: AppRow, contacts: tuple[Contact, ...]) -> AppRow:
    """``row`` itself if its contacts are these, else a copy with them (its search text is
    then built anew)."""
    if contacts == row.contacts:
        return row
    return AppRow(row.app, row.interviews, row.sent, row.items, row.next_action, contacts)


def _start_key(entry: TimelineEntry) -> float:
    return entry.starts_at.timestamp()


def build_rows(
    apps: Sequence[Application],
    interviews_by_app: Mapping[str, list[Interview]],
    sent_by_app: Mapping[str, list[SentFollowUp]],
    contacts: Sequence[Contact],
    now: datetime,
    rules: FollowUpRules,
) -> list[AppRow]:
    """The rows alone (follow-ups and next action), as :func:`build_overview` makes them,
    without the timeline: for a list that shows only rows (``jobtui list``)."""
    people = {c.id: c for c in contacts}
    return [
        _row(
            app, interviews_by_app.get(app.id, []), sent_by_app.get(app.id, []), now, rules, people
        )
        for app in apps
    ]


def build_overview(
    apps: Sequence[Application],
    interviews_by_app: dict[str, list[Interview]],
    sent_by_app: dict[str, list[SentFollowUp]],
    contacts: Sequence[Contact],
    now: datetime,
    rules: FollowUpRules,
) -> Overview:
    """Compute rows (with follow-ups and next action) and the timeline (interviews and
    deadlines)."""
    rows = build_rows(apps, interviews_by_app, sent_by_app, contacts, now, rules)
    timeline = [entry for row in rows for entry in _entries(row)]
    timeline.sort(key=_start_key)
    return Overview(now, rows, timeline, {c.id: c for c in contacts})
