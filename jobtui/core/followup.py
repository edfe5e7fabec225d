"""What needs a follow-up, when, and how urgently: pure functions of the data and "now".

No I/O and no UI. The rules (defaults; each is a setting in config.toml's [followup]):

* Thank-you: once an interview ends and no thank-you is logged, one is due; it is overdue
  ``thank_you_overdue_hours`` after the end. A later interview that has already started
  supersedes an older round's thank-you.
* Check-in: after the latest interview, with no news (no status change since it ended, no
  outcome noted, nothing newer scheduled), ``check_in_business_days`` after it ended, or
  ``after_decision_business_days`` after the date they said they would decide.
* After applying: status still "applied" (and no interviews) ``application_business_days``
  after applying -> follow up; again that long after each follow-up sent.
* After ``max_unanswered`` unanswered follow-ups the item becomes "mark it ghosted?".
* Closed applications need nothing. A snooze moves an item's due time to the snooze date.
* A cancelled interview did not take place: it owes no thank-you, it is not the last
  contact a check-in counts from (the latest interview held is; "quiet since" is that one's
  end, or the last follow-up sent after it), and it neither supersedes an older round's
  thank-you nor holds a check-in back by being "scheduled". With only cancelled interviews
  an application is treated as one without interviews.
* Deadlines: an application's ``deadline`` (when the posting closes, or an answer is due)
  and its ``offer_deadline`` (when they need an answer to the offer; only while the offer is
  open). Upcoming within ``upcoming_days``, due from the start of its local day, overdue
  once its moment has passed (a deadline at local midnight, as a date alone is read, means
  the end of that day). A passed ``deadline`` stays overdue only while the application is on
  the wishlist (you have not applied by the closing date); at any later status, once passed
  it is history, not an alarm (a posting closing after you applied is no news). A passed
  ``offer_deadline`` stays overdue until the offer is answered. Clearing the field ends
  either. A snooze does not move a deadline. Capture stores a posting's closing date as the
  deadline only for a wishlist application (see ops.capture).
* Tasks (``Application.tasks``: a take-home, a form to send) with a due time follow the
  same clock as a deadline, without the status rule: a task stays overdue until it is done.
  A task without a due time is listed with its application but owes nothing by a date.

Urgency: overdue (past its overdue time), due (past its due time), upcoming (due within
``upcoming_days``). Items further out are not listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.core.dates import now_against
from jobtui.core.model import Application, Interview, SentFollowUp, SentKind, Status, Task


class Urgency(StrEnum):
    """How pressing a follow-up is, most pressing first."""

    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"

    @property
    def rank(self) -> int:
        return _URGENCY_RANK[self]


_URGENCY_RANK = {Urgency.OVERDUE: 0, Urgency.DUE: 1, Urgency.UPCOMING: 2}


class FollowUpKind(StrEnum):
    """What the follow-up is."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    APPLICATION_FOLLOW_UP = "application_follow_up"
    GHOSTED = "ghosted"
    DEADLINE = "deadline"
    TASK = "task"

    @property
    def info(self) -> KindInfo:
        """Everything said and done about this kind (see :data:`FOLLOW_UP_KINDS`)."""
        return FOLLOW_UP_KINDS[self]


@dataclass(frozen=True)
class KindInfo:
    """One follow-up kind: how it is named, shown, answered and logged."""

    label: str  # its words in a list line: "Thank-you overdue by 1d", "...: mark ghosted?"
    upcoming: str  # starts its line while still ahead: "Thank-you after Thu 14:00"
    badge: str  # the timeline badge, before the urgency: "thank-you overdue"
    summary: str  # a to-do's title (the calendar export): "Send thank-you: Acme — Dev"
    template: str  # the message template that answers it
    sent_kind: SentKind  # what "mark sent" logs for a draft of that template


FOLLOW_UP_KINDS: dict[FollowUpKind, KindInfo] = {
    FollowUpKind.THANK_YOU: KindInfo(
        label="Thank-you",
        upcoming="Thank-you after",
        badge="thank-you",
        summary="Send thank-you",
        template="thank_you",
        sent_kind=SentKind.THANK_YOU,
    ),
    FollowUpKind.CHECK_IN: KindInfo(
        label="Check in",
        upcoming="Check in",
        badge="check in",
        summary="Check in",
        template="check_in",
        sent_kind=SentKind.CHECK_IN,
    ),
    FollowUpKind.APPLICATION_FOLLOW_UP: KindInfo(
        label="Follow up",
        upcoming="Follow up",
        badge="follow up",
        summary="Follow up",
        template="application_follow_up",
        sent_kind=SentKind.APPLICATION_FOLLOW_UP,
    ),
    # Ghosted still gets a (last) polite check-in.
    FollowUpKind.GHOSTED: KindInfo(
        label="mark ghosted?",
        upcoming="Check in",
        badge="ghosted?",
        summary="Decide if ghosted",
        template="check_in",
        sent_kind=SentKind.CHECK_IN,
    ),
    # A deadline owes no message of its own (see owed_kind); writing about it is a check-in.
    FollowUpKind.DEADLINE: KindInfo(
        label="Deadline",
        upcoming="Deadline",
        badge="deadline",
        summary="Deadline",
        template="check_in",
        sent_kind=SentKind.CHECK_IN,
    ),
    # A task is something to do, not a message owed (see owed_kind).
    FollowUpKind.TASK: KindInfo(
        label="Task",
        upcoming="Task",
        badge="task",
        summary="Task",
        template="check_in",
        sent_kind=SentKind.CHECK_IN,
    ),
}

# The application fields that hold a deadline, with their words: the label in a list line
# ("Offer answer due today 17:00") and the timeline's badge.
DEADLINE_FIELDS: dict[str, tuple[str, str]] = {
    "deadline": ("Deadline", "deadline"),
    "offer_deadline": ("Offer answer", "offer answer"),
}


@dataclass(frozen=True)
class FollowUp:
    """One follow-up to do: what, for which application/interview, due when, how urgent."""

    kind: FollowUpKind
    application: Application
    interview: Interview | None
    due: datetime
    overdue_at: datetime
    urgency: Urgency
    attempts: int = 0
    # What the clock counts from: the interview end, the application date, the last follow-up.
    since: datetime | None = None
    # For a deadline: the application field it is (a key of DEADLINE_FIELDS), else "".
    field: str = ""
    # For a task: the task.
    task: Task | None = None

    @property
    def application_id(self) -> str:
        return self.application.id

    @property
    def interview_id(self) -> str | None:
        return self.interview.id if self.interview else None

    def describe(self, now: datetime) -> str:
        """A short line for a table cell, e.g. "Thank-you overdue by 1d"."""
        if self.kind == FollowUpKind.GHOSTED:
            return f"{self.attempts} follow-ups unanswered: {self.kind.info.label}"
        if self.kind == FollowUpKind.DEADLINE:
            return self._describe_deadline(now)
        if self.kind == FollowUpKind.TASK:
            return self._describe_task(now)
        label = self.kind.info.label
        if self.urgency == Urgency.UPCOMING:
            return f"{self.kind.info.upcoming} {_short_when(self.due, now)}"
        late = self.urgency == Urgency.OVERDUE
        if self.kind == FollowUpKind.THANK_YOU:
            if late:
                return f"{label} overdue by {dates.humanize_delta(now - self.overdue_at)}"
            return f"{label} due, {dates.humanize_delta(self.overdue_at - now)} left"
        quiet = dates.business_days_between(self.since or self.due, now)
        if self.kind == FollowUpKind.CHECK_IN:
            if self.interview is not None and self.interview.decide_by and not self.attempts:
                day = self.interview.decide_by
                shown = dates.format_short_day(day, dates.local_day(now), weekday=True)
                return f"{label}: decision was due {shown}"
            return f"{label}: {quiet} business days quiet"
        again = " again" if self.attempts else ""
        return f"{label}{again}: {quiet} business days quiet"

    def _describe_deadline(self, now: datetime) -> str:
        label = DEADLINE_FIELDS.get(self.field, ("Deadline", ""))[0]
        if self.urgency == Urgency.OVERDUE:
            ago = dates.humanize_delta(now - self.overdue_at)
            return f"{label} passed just now" if ago == "now" else f"{label} passed {ago} ago"
        when = _short_when(self.since or self.due, now)
        return f"{label} {'due ' if self.field == 'offer_deadline' else ''}{when}"

    def _describe_task(self, now: datetime) -> str:
        what = " ".join((self.task.text if self.task else "").split())
        if len(what) > 40:
            what = what[:39] + "…"
        if self.urgency == Urgency.OVERDUE:
            ago = dates.humanize_delta(now - self.overdue_at)
            late = "overdue" if ago == "now" else f"overdue by {ago}"
            return f"Task {late}: {what}"
        return f"Task due {_short_when(self.since or self.due, now)}: {what}"

    def to_json(self, now: datetime) -> dict[str, object]:
        """The object `jobtui followups --json` prints (a deadline's also names its
        ``field``: "deadline" or "offer_deadline")."""
        extra: dict[str, object] = {"field": self.field} if self.field else {}
        if self.task is not None:
            extra = {"task_id": self.task.id, "task": self.task.text}
        return {
            "kind": self.kind.value,
            "application_id": self.application.id,
            "interview_id": self.interview_id,
            "company": self.application.company,
            "role": self.application.role,
            "due": dates.to_iso(self.due),
            "overdue_at": dates.to_iso(self.overdue_at),
            "urgency": self.urgency.value,
            "summary": self.describe(now),
            **extra,
        }


def _short_when(moment: datetime, now: datetime) -> str:
    local = moment.astimezone(dates.local_tz())
    today = dates.local_day(now)
    day = local.date()
    if day == today:
        label = "today"
    elif day == today + timedelta(days=1):
        label = "tomorrow"
    elif 0 < (day - today).days < 7:
        label = dates.format_short_day(day, today, weekday=True).split(" ", 1)[0]
    else:
        label = dates.format_short_day(day, today, weekday=True)
    if local.time() != time(0, 0):
        label += f" {dates.format_clock(local)}"
    return label


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=dates.local_tz())


# A rule longer than a century (config.toml takes any whole number) means "never"; capping
# it there keeps every sum within the calendar: stored dates end in dates.MAX_YEAR, far from
# Python's year 9999.
_RULE_CAP_DAYS = 36_500


def _add_business_days(moment: datetime, days: int) -> datetime:
    # Count days on the local calendar: stored times carry a fixed offset, which would
    # otherwise put a due time an hour off across a DST change.
    days = min(days, _RULE_CAP_DAYS)
    return dates.add_business_days(moment.astimezone(dates.local_tz()), days)


def _add_hours(moment: datetime, hours: int) -> datetime:
    # Real elapsed hours (in UTC), whatever the clocks do in between.
    hours = min(hours, _RULE_CAP_DAYS * 24)
    return (moment.astimezone(UTC) + timedelta(hours=hours)).astimezone(dates.local_tz())


def _latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def urgency_at(
    now: datetime, due: datetime, overdue_at: datetime, rules: FollowUpRules
) -> Urgency | None:
    """The urgency of an item due at ``due`` (overdue from ``overdue_at``), or None if far off."""
    if now_against(overdue_at, now) >= overdue_at:
        return Urgency.OVERDUE
    now = now_against(due, now)
    if now >= due:
        return Urgency.DUE
    if due - now <= timedelta(days=min(rules.upcoming_days, _RULE_CAP_DAYS)):
        return Urgency.UPCOMING
    return None


def _snoozed(
    due: datetime, overdue_at: datetime, until: datetime | None, now: datetime
) -> tuple[datetime, datetime]:
    # A snooze still ahead pushes the whole window later, keeping its length; once it has
    # passed it has no effect, so the item comes back exactly as urgent as it really is.
    if until is not None and until > now_against(until, now) and until > due:
        shift = until - due
        return until, overdue_at + shift
    return due, overdue_at


def _make(
    kind: FollowUpKind,
    app: Application,
    interview: Interview | None,
    due: datetime,
    overdue_at: datetime,
    now: datetime,
    rules: FollowUpRules,
    *,
    attempts: int = 0,
    since: datetime | None = None,
    snoozed_until: datetime | None = None,
) -> FollowUp | None:
    due, overdue_at = _snoozed(due, overdue_at, snoozed_until, now)
    urgency = urgency_at(now, due, overdue_at, rules)
    if urgency is None:
        return None
    return FollowUp(kind, app, interview, due, overdue_at, urgency, attempts, since)


def thank_you_items(
    app: Application, interviews: Sequence[Interview], now: datetime, rules: FollowUpRules
) -> list[FollowUp]:
    """Thank-yous owed for the application's interviews (interviews in time order)."""
    items = []
    for index, interview in enumerate(interviews):
        if interview.thank_you_sent_at is not None:
            continue
        later_started = any(
            other.starts_at <= now_against(other.starts_at, now)
            for other in interviews[index + 1 :]
        )
        if later_started:
            continue
        due = interview.ends_at
        overdue_at = _add_hours(due, rules.thank_you_overdue_hours)
        item = _make(
            FollowUpKind.THANK_YOU,
            app,
            interview,
            due,
            overdue_at,
            now,
            rules,
            since=due,
            snoozed_until=_latest(interview.snoozed_until, app.snoozed_until),
        )
        if item:
            items.append(item)
    return items


def _news_since(app: Application, interview: Interview) -> bool:
    if interview.outcome.strip():
        return True
    return any(change.at > interview.ends_at for change in app.status_history)


def check_in_item(
    app: Application,
    interviews: Sequence[Interview],
    sent: Sequence[SentFollowUp],
    now: datetime,
    rules: FollowUpRules,
) -> FollowUp | None:
    """A check-in after the latest interview when no news came."""
    if not interviews:
        return None
    latest = interviews[-1]
    ends_at = latest.ends_at
    if ends_at > now_against(ends_at, now) or _news_since(app, latest):
        return None
    check_ins = [
        s
        for s in sent
        if s.at >= latest.starts_at
        and s.kind in (SentKind.CHECK_IN, SentKind.APPLICATION_FOLLOW_UP, SentKind.OTHER)
    ]
    if check_ins:
        last = max(s.at for s in check_ins)
        since = last
        due = _add_business_days(last, rules.check_in_business_days)
    elif latest.decide_by is not None:
        since = latest.ends_at
        due = _add_business_days(_midnight(latest.decide_by), rules.after_decision_business_days)
    else:
        since = latest.ends_at
        due = _add_business_days(latest.ends_at, rules.check_in_business_days)
    kind = FollowUpKind.GHOSTED if len(check_ins) >= rules.max_unanswered else FollowUpKind.CHECK_IN
    overdue_at = _add_business_days(due, rules.overdue_grace_business_days)
    return _make(
        kind,
        app,
        latest,
        due,
        overdue_at,
        now,
        rules,
        attempts=len(check_ins),
        since=since,
        snoozed_until=_latest(latest.snoozed_until, app.snoozed_until),
    )


def application_item(
    app: Application,
    interviews: Sequence[Interview],
    sent: Sequence[SentFollowUp],
    now: datetime,
    rules: FollowUpRules,
) -> FollowUp | None:
    """A follow-up on an application that is still "applied" with no interview."""
    if app.status != Status.APPLIED or interviews:
        return None
    if app.applied_on is not None:
        base = _midnight(app.applied_on)
    else:
        base = app.status_since() or app.created_at
    if base is None:
        return None
    follow_ups = [s for s in sent if s.at >= base and s.interview_id is None]
    since = max((s.at for s in follow_ups), default=base)
    due = _add_business_days(since, rules.application_business_days)
    kind = (
        FollowUpKind.GHOSTED
        if len(follow_ups) >= rules.max_unanswered
        else FollowUpKind.APPLICATION_FOLLOW_UP
    )
    overdue_at = _add_business_days(due, rules.overdue_grace_business_days)
    return _make(
        kind,
        app,
        None,
        due,
        overdue_at,
        now,
        rules,
        attempts=len(follow_ups),
        since=since,
        snoozed_until=app.snoozed_until,
    )


def held(interviews: Iterable[Interview]) -> list[Interview]:
    """The interviews that took place or still will: the cancelled ones left out."""
    return [i for i in interviews if not i.cancelled]


def deadline_moment(app: Application, name: str) -> datetime | None:
    """The application's deadline ``name`` (a key of DEADLINE_FIELDS), None if unset."""
    value = getattr(app, name, None)
    return value if isinstance(value, datetime) else None


def deadline_overdue_at(moment: datetime) -> datetime:
    """When a deadline has passed: its moment, or for one at local midnight (a date given
    alone) the end of that day."""
    local = moment.astimezone(dates.local_tz())
    if dates.is_day_only(local):
        return _midnight(local.date() + timedelta(days=1))
    return local


# The status at which a passed deadline is still owed (see the module docstring).
DEADLINE_STATUS: dict[str, Status] = {"deadline": Status.WISHLIST, "offer_deadline": Status.OFFER}


def deadline_settled(app: Application, name: str) -> bool:
    """Whether a passed deadline asks nothing more: the application is past the status it
    is owed at (applied, for ``deadline``; the offer answered, for ``offer_deadline``)."""
    return app.status != DEADLINE_STATUS[name]


def deadline_items(app: Application, now: datetime, rules: FollowUpRules) -> list[FollowUp]:
    """The application's deadlines that are upcoming, due today or overdue (see the module
    docstring); none for a closed application."""
    if app.status.closed:
        return []
    items = []
    for name in DEADLINE_FIELDS:
        moment = deadline_moment(app, name)
        if moment is None:
            continue
        if name == "offer_deadline" and app.status != Status.OFFER:
            continue  # the offer is not (or no longer) open: nothing to answer
        overdue_at = deadline_overdue_at(moment)
        if now_against(overdue_at, now) >= overdue_at and deadline_settled(app, name):
            continue
        due = _midnight(dates.local_day(moment))
        urgency = urgency_at(now, due, overdue_at, rules)
        if urgency is not None:
            kind = FollowUpKind.DEADLINE
            items.append(FollowUp(kind, app, None, due, overdue_at, urgency, 0, moment, name))
    return items


def task_items(app: Application, now: datetime, rules: FollowUpRules) -> list[FollowUp]:
    """The application's open tasks with a due time that are upcoming, due today or overdue
    (see the module docstring); none for a closed application."""
    if app.status.closed:
        return []
    items = []
    for task in app.tasks:
        if task.done or task.due is None:
            continue
        overdue_at = deadline_overdue_at(task.due)
        due = _midnight(dates.local_day(task.due))
        urgency = urgency_at(now, due, overdue_at, rules)
        if urgency is not None:
            kind = FollowUpKind.TASK
            items.append(
                FollowUp(kind, app, None, due, overdue_at, urgency, 0, task.due, task=task)
            )
    return items


def followups_for(
    app: Application,
    interviews: Sequence[Interview],
    sent: Sequence[SentFollowUp],
    now: datetime,
    rules: FollowUpRules,
) -> list[FollowUp]:
    """Everything one application needs, most urgent first. Closed -> nothing. Cancelled
    interviews are left out: they owe nothing and are no one's last contact."""
    if app.status.closed:
        return []
    ordered = sorted(held(interviews), key=lambda i: i.starts_at)
    items = thank_you_items(app, ordered, now, rules)
    for item in (
        check_in_item(app, ordered, sent, now, rules),
        application_item(app, ordered, sent, now, rules),
    ):
        if item is not None:
            items.append(item)
    items.extend(deadline_items(app, now, rules))
    items.extend(task_items(app, now, rules))
    items.sort(key=sort_key)
    return items


def sort_key(item: FollowUp) -> tuple[int, bool, datetime]:
    """Most urgent first. Among the overdue and among the due, thank-yous first (a thank-you
    counts within a day; a check-in or a follow-up keeps a few hours more); then the
    earliest due (what is only coming up, in the order it comes)."""
    later = item.urgency != Urgency.UPCOMING and item.kind != FollowUpKind.THANK_YOU
    return (item.urgency.rank, later, item.due)


def all_followups(
    apps: Iterable[Application],
    interviews_by_app: Mapping[str, Sequence[Interview]],
    sent_by_app: Mapping[str, Sequence[SentFollowUp]],
    now: datetime,
    rules: FollowUpRules,
) -> list[FollowUp]:
    """Every follow-up across the search, most urgent first."""
    items: list[FollowUp] = []
    for app in apps:
        items.extend(
            followups_for(
                app, interviews_by_app.get(app.id, ()), sent_by_app.get(app.id, ()), now, rules
            )
        )
    items.sort(key=sort_key)
    return items


def next_action(
    app: Application, interviews: Sequence[Interview], items: Sequence[FollowUp], now: datetime
) -> str:
    """What to do next for one application, in a few words ("" if nothing)."""
    pressing = [i for i in items if i.urgency != Urgency.UPCOMING]
    if pressing:
        return min(pressing, key=sort_key).describe(now)
    upcoming = [i for i in held(interviews) if i.starts_at > now_against(i.starts_at, now)]
    if upcoming and not app.status.closed:
        first = min(upcoming, key=lambda i: i.starts_at)
        return f"Interview {_short_when(first.starts_at, now)}"
    if items:
        return min(items, key=sort_key).describe(now)
    if app.status == Status.OFFER:
        answer_by = app.offer_deadline
        if answer_by is not None and answer_by > now_against(answer_by, now):  # beyond upcoming
            return f"Offer: answer by {_short_when(answer_by, now)}"
        return "Offer: decide and reply"
    return ""


# Follow-ups that owe no message: a date to keep, a thing to do.
_NOT_MESSAGES = frozenset({FollowUpKind.DEADLINE, FollowUpKind.TASK})


def owed_kind(
    app: Application, interview: Interview | None, items: Sequence[FollowUp]
) -> tuple[SentKind, Interview | None] | None:
    """The message owed on this record, as "sent" would log it: the most urgent follow-up
    due now (overdue or due; for an interview, its own ones) and the interview it is about.
    None when nothing is owed: nothing is invented (a thank-you for an interview still to
    come or cancelled, a follow-up on a wishlist, a check-in only coming up, a deadline)."""
    relevant = [
        i
        for i in items
        if i.urgency != Urgency.UPCOMING
        and i.kind not in _NOT_MESSAGES
        and (interview is None or i.interview_id == interview.id)
    ]
    if not relevant:
        return None
    item = min(relevant, key=sort_key)
    if item.interview is None:  # about the application itself (ghosted after applying too)
        return SentKind.APPLICATION_FOLLOW_UP, None
    return item.kind.info.sent_kind, item.interview
