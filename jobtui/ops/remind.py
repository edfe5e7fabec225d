"""Reminders outside the app: which owed follow-ups to notify now, at most once a day each.

An item is a follow-up that is due or overdue now (what is only coming up is left out),
deadlines included ("overdue deadline — Acme — Dev (deadline Tue 24 Nov 17:00)"). Its
key is its kind and the application (and interview) it is about, so a thank-you that turns
from due to overdue is the same item. The state file beside the database
(:func:`jobtui.locations.reminded_file`) records the local day each key was last reminded:

* an item not reminded today is notified now, and recorded;
* one already reminded today is not, whatever happened to it since (due -> overdue too);
* the next day, an item still owed is reminded again, once (a nudge a day until it is
  sent, snoozed or closed).

Only today's entries mean anything, so every write keeps just those (old keys are pruned).
A missing or unreadable state file means nothing was reminded yet: never an error.
No printing here; the notifier is the caller's (``send``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.core.followup import DEADLINE_FIELDS, FollowUp, FollowUpKind, Urgency
from jobtui.db.datafile import write_file_atomically
from jobtui.db.store import Store
from jobtui.ops.views import followups

STATE_VERSION = 1


@dataclass(frozen=True)
class Reminder:
    """One follow-up to notify: its key, and the words of the notification."""

    key: str
    item: FollowUp
    heading: str  # "overdue thank-you", "due check in"
    about: str  # "Acme — Backend (interview Tue 24 Nov)"

    @property
    def overdue(self) -> bool:
        return self.item.urgency == Urgency.OVERDUE

    @property
    def line(self) -> str:
        """The whole reminder on one line: "overdue thank-you — Acme — Backend (...)"."""
        return f"{self.heading} — {self.about}"


@dataclass(frozen=True)
class Reminded:
    """What :func:`remind` did: ``sent`` the reminders notified now (in a dry run, the ones
    it would notify), ``owed`` how many items are due or overdue in all (some may have been
    reminded earlier today), ``state_problem`` why the state file could not be read ("" if
    it could, or there was none)."""

    sent: tuple[Reminder, ...]
    owed: int
    state_problem: str = ""


def reminder_key(item: FollowUp) -> str:
    """The item's stable key: its kind, application id, and interview id if it has one (a
    deadline's field: an application has two deadlines)."""
    parts = [item.kind.value, item.application_id]
    if item.interview_id:
        parts.append(item.interview_id)
    if item.field:
        parts.append(item.field)
    if item.task is not None:
        parts.append(item.task.id)
    return ":".join(parts)


def reminder_for(item: FollowUp, now: datetime) -> Reminder:
    """The reminder for ``item``: its key and its words."""
    today = dates.local_day(now)
    about = item.application.label
    if item.kind == FollowUpKind.DEADLINE and item.since is not None:
        name, badge = DEADLINE_FIELDS.get(item.field, ("Deadline", "deadline"))
        when = dates.format_dated(item.since, now, short=True)
        return Reminder(
            reminder_key(item),
            item,
            f"{item.urgency.value} {badge}",
            f"{about} ({name.lower()} {when})",
        )
    if item.task is not None:
        due = item.task.due
        when = f", due {dates.format_dated(due, now, short=True)}" if due else ""
        what = " ".join(item.task.text.split())[:80]
        return Reminder(
            reminder_key(item), item, f"{item.urgency.value} task", f"{about}: {what}{when}"
        )
    if item.interview is not None:
        day = dates.local_day(item.interview.starts_at)
        about += f" (interview {dates.format_short_day(day, today, weekday=True)})"
    elif item.application.applied_on is not None:
        day = item.application.applied_on
        about += f" (applied {dates.format_short_day(day, today, weekday=True)})"
    if item.kind == FollowUpKind.GHOSTED:  # "2 follow-ups unanswered: mark ghosted?"
        heading = item.describe(now)
    else:
        heading = f"{item.urgency.value} {item.kind.info.badge}"
    return Reminder(reminder_key(item), item, heading, about)


def owed_reminders(items: Sequence[FollowUp], now: datetime) -> list[Reminder]:
    """A reminder for each item due or overdue now, most urgent first (as ``items`` are)."""
    return [reminder_for(item, now) for item in items if item.urgency != Urgency.UPCOMING]


def read_state(path: Path) -> tuple[dict[str, date], str]:
    """The days each key was reminded, and why the file could not be read ("" if it
    could, or is missing). Anything unreadable counts as nothing reminded yet."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        return {}, f"{path}: {exc.strerror or exc}"
    try:
        state = json.loads(raw)
        entries = state["reminded"]
        if not isinstance(entries, dict):
            raise TypeError
        days = {str(key): date.fromisoformat(day) for key, day in entries.items()}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}, f"{path} is not a reminder state file; starting afresh"
    return days, ""


def write_state(path: Path, days: dict[str, date]) -> None:
    """Keep ``days`` (key -> the day it was reminded) in ``path``, atomically (mode 0600)."""
    state = {
        "version": STATE_VERSION,
        "reminded": {key: day.isoformat() for key, day in sorted(days.items())},
    }
    write_file_atomically(path, json.dumps(state, indent=2).encode() + b"\n")


def remind(
    store: Store,
    *,
    now: datetime,
    rules: FollowUpRules,
    state_path: Path,
    send: Callable[[Reminder], None] | None = None,
    dry_run: bool = False,
) -> Reminded:
    """Notify each owed follow-up not yet reminded today, through ``send``, and record it.

    ``dry_run``: compute what would be sent, call nothing and write nothing. Otherwise each
    reminder is recorded once ``send`` returned; if ``send`` raises, the ones sent before it
    are still recorded (so they are not sent twice) and the error goes to the caller.
    """
    today = dates.local_day(now)
    owed = owed_reminders(followups(store, now=now, rules=rules), now)
    known, problem = read_state(state_path)
    kept = {key: day for key, day in known.items() if day == today}
    fresh = tuple(reminder for reminder in owed if reminder.key not in kept)
    if dry_run:
        return Reminded(fresh, len(owed), problem)
    try:
        for reminder in fresh:
            if send is not None:
                send(reminder)
            kept[reminder.key] = today
    finally:
        if kept != known or problem:
            write_state(state_path, kept)
    return Reminded(fresh, len(owed), problem)
