"""The records of a job search as plain dataclasses, with validation.

Nothing here knows about Textual or TinyDB: records convert to and from plain dicts
(``to_dict``/``from_dict``) and ``validate()`` raises :class:`ValidationError` naming the field.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from jobtui.core import dates


class ValidationError(ValueError):
    """A record or a value is invalid; ``field`` names what the user must fix."""

    def __init__(self, field_name: str, message: str) -> None:
        self.field = field_name
        self.message = message
        super().__init__(f"{field_name}: {message}")


class OutOfBoundsError(ValidationError):
    """A value is readable but beyond what jobtui stores (a date, an amount, a text length)."""


# Bounds on what a record may hold. Each keeps one typo or one odd file from breaking every
# later step: a year-9999 date overflows date arithmetic, an amount of 10**30 does not fit
# the database's 64-bit integers, a 14 MB note makes every redraw and save crawl.
MAX_TEXT = 1_000_000
"""The most characters one text field (company, notes, ...) or one list field may hold."""
MAX_MONEY = 10**12
"""The largest salary figure accepted."""


def _clip(text: str, limit: int = 60) -> str:
    """Text for a message, shortened when long (a message never echoes a megabyte)."""
    return text if len(text) <= limit else f"{text[:limit]}..."


def _quoted(text: str) -> str:
    return f'"{_clip(text)}"'


def check_text(field_name: str, value: str) -> None:
    """OutOfBoundsError if ``value`` is longer than :data:`MAX_TEXT` characters."""
    if len(value) > MAX_TEXT:
        raise OutOfBoundsError(
            field_name, f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}"
        )


def check_money(field_name: str, value: float) -> None:
    """OutOfBoundsError if ``value`` is above :data:`MAX_MONEY` (or not a finite number)."""
    # Negative amounts are refused by Application.validate, with their own message.
    finite = not isinstance(value, float) or math.isfinite(value)
    if finite and value <= MAX_MONEY:
        return
    if isinstance(value, int) and value < 10**60:
        shown = f"{value:,}"
    elif finite and value < 1e60:
        shown = f"{value:.3g}"  # a float that large is not exact: 1e+30, not 1,000...019,884...
    else:
        shown = "the figure"
    raise OutOfBoundsError(
        field_name, f"{shown} is more than {MAX_MONEY:,}, the largest amount jobtui accepts"
    )


def check_date(field_name: str, value: date | datetime | None) -> None:
    """OutOfBoundsError if ``value`` is outside the years dates.MIN_YEAR-dates.MAX_YEAR."""
    if value is not None and not dates.in_range(value):
        raise OutOfBoundsError(field_name, dates.out_of_range(dates.format_day(value)))


# validate() runs for every record each time a database is read: these loops stay cheap,
# calling the named checks only for a value that fails.


def _check_texts(record: Any, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if len(value) > MAX_TEXT:
            check_text(name, value)


def _check_list(field_name: str, values: list[str]) -> None:
    if len(values) and sum(map(len, values)) > MAX_TEXT:
        raise OutOfBoundsError(
            field_name, f"holds more than {MAX_TEXT:,} characters; that is the limit"
        )


_MIN_YEAR, _MAX_YEAR = dates.MIN_YEAR, dates.MAX_YEAR


def _years_in_range(years: list[int]) -> bool:
    return not years or (min(years) >= _MIN_YEAR and max(years) <= _MAX_YEAR)


def _check_dates(record: Any, names: tuple[str, ...]) -> None:
    low, high = dates.MIN_YEAR, dates.MAX_YEAR
    for name in names:
        value = getattr(record, name)
        if value is not None and not low <= value.year <= high:
            check_date(name, value)


class _Choice(StrEnum):
    """A StrEnum that reads loosely typed user input ("Phone screen", "phone-screen")."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def parse(cls, text: str, field_name: str) -> _Choice:
        exact = cls._value2member_map_.get(text)  # the stored form: the common, fast case
        if exact is not None:
            return exact  # type: ignore[return-value]
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if key == member.value:
                return member
        matches = [m for m in cls if m.value.startswith(key)] if key else []
        if len(matches) == 1:
            return matches[0]
        choices = ", ".join(m.value for m in cls)
        raise ValidationError(field_name, f"unknown value {_quoted(text)} (choose from {choices})")


class Status(_Choice):
    """Where an application stands in the pipeline."""

    WISHLIST = "wishlist"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    GHOSTED = "ghosted"

    @property
    def closed(self) -> bool:
        """Closed applications need no follow-up."""
        return self in CLOSED_STATUSES


CLOSED_STATUSES = frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN, Status.GHOSTED})


class InterviewKind(_Choice):
    """What sort of interview a round is."""

    PHONE_SCREEN = "phone_screen"
    TECHNICAL = "technical"
    ONSITE = "onsite"
    PANEL = "panel"
    FINAL = "final"
    OTHER = "other"


class SentKind(_Choice):
    """What a logged follow-up message was."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    APPLICATION_FOLLOW_UP = "application_follow_up"
    OTHER = "other"


def new_id() -> str:
    """A fresh record id (uuid4); users type any unique prefix of it."""
    import uuid  # only when a record is made: not on the way to the first frame

    return str(uuid.uuid4())


def _text(value: Any) -> str:
    if value.__class__ is str:  # the stored form: the common, fast case
        return value
    return "" if value is None else str(value)


def _str_list(value: Any) -> list[str]:
    if not value:
        return []
    return [str(v) for v in value]


@dataclass
class Person:
    """Someone met in an interview: a name and, optionally, an email."""

    name: str
    email: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "email": self.email}

    @classmethod
    def from_dict(cls, data: Any) -> Person:
        if isinstance(data, str):
            return cls(name=data)
        get = data.get
        return cls(_text(get("name")), _text(get("email")))

    @classmethod
    def parse(cls, text: str) -> Person:
        """Read "Ana Lima <ana@x.com>" or "Ana Lima ana@x.com" or just "Ana Lima"."""
        text = text.strip()
        if "<" in text and text.endswith(">"):
            name, _, email = text[:-1].partition("<")
            return cls(name=name.strip(), email=email.strip())
        words = text.split()
        if words and "@" in words[-1]:
            return cls(name=" ".join(words[:-1]), email=words[-1])
        return cls(name=text)

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass
class StatusChange:
    """One step of an application's status history."""

    status: Status
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "at": dates.to_iso(self.at)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StatusChange:
        return cls(
            status=Status.parse(_text(data.get("status")), "status_history"),
            at=_datetime(data.get("at"), "status_history"),
        )


# Reading a database builds every record from its stored dict, so the common case of each
# field (what to_dict writes: a str, an ISO time with its offset) is tested for first and
# read directly; anything else takes the general path, which says what is wrong with it.
_fromisoformat = datetime.fromisoformat


def _datetime(value: Any, field_name: str) -> datetime:
    if value.__class__ is str:  # the stored form: ISO 8601 with its offset, in range
        try:
            quick = _fromisoformat(value.strip())  # what dates.from_iso reads
        except (ValueError, OverflowError):
            quick = None
        if (
            quick is not None
            and quick.tzinfo is not None
            and quick.utcoffset() is not None
            and _MIN_YEAR <= quick.year <= _MAX_YEAR
        ):
            return quick
    if value is not None and not isinstance(value, str):  # a number, a list... in the file
        raise ValidationError(
            field_name, f"must be a date and time as text, not {type(value).__name__} {value!r:.40}"
        )
    try:
        parsed = dates.from_iso(value)
    except ValueError as exc:
        raise ValidationError(field_name, str(exc)) from None
    if parsed is None:
        raise ValidationError(field_name, "is required")
    if not _MIN_YEAR <= parsed.year <= _MAX_YEAR:
        raise OutOfBoundsError(field_name, dates.out_of_range(f'"{value}"'))
    return parsed


def _opt_datetime(value: Any, field_name: str) -> datetime | None:
    if value is None:
        return None
    return None if value in (None, "") else _datetime(value, field_name)


def _opt_day(value: Any, field_name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        day = dates.day_from_iso(value)
    except ValueError as exc:
        raise ValidationError(field_name, str(exc)) from None
    if day is not None and not _MIN_YEAR <= day.year <= _MAX_YEAR:
        raise OutOfBoundsError(field_name, dates.out_of_range(f'"{value}"'))
    return day


def _opt_int(value: Any, field_name: str) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(field_name, f"must be a number, not {_clip(repr(value))}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(field_name, f"must be a number, not {value!r}")
    return int(value)


def _money(value: Any, field_name: str) -> int | None:
    if value is None:
        return None
    amount = _opt_int(value, field_name)
    if amount is not None and amount > MAX_MONEY:
        check_money(field_name, value)
    return amount


MAX_VESTING_YEARS = 10


def _vesting_years(value: Any) -> int:
    """A stored ``offer_vesting_years`` (missing: 4)."""
    years = _opt_int(value, "offer_vesting_years")
    if years is None:
        return 4
    if not 1 <= years <= MAX_VESTING_YEARS:
        raise ValidationError(
            "offer_vesting_years", f"must be between 1 and {MAX_VESTING_YEARS} years, not {years}"
        )
    return years


_DURATIONS: dict[int, timedelta] = {}  # minutes -> timedelta (a few dozen lengths recur)


def _duration(value: Any) -> timedelta:
    """A stored ``duration_minutes`` (missing: one hour), within dates.MAX_DURATION."""
    if value.__class__ is int:
        known = _DURATIONS.get(value)
        if known is not None:
            return known
    minutes = _opt_int(value, "duration")
    if minutes is None:
        return timedelta(hours=1)
    if abs(minutes) > dates.MAX_DURATION.total_seconds() // 60:
        shown = f"{minutes:,} minutes" if abs(minutes) < 10**15 else "far more"
        raise OutOfBoundsError(
            "duration", f"must be at most {dates.MAX_DURATION.days} days, not {shown}"
        )
    length = timedelta(minutes=minutes)
    if value.__class__ is int and len(_DURATIONS) < 1000:
        _DURATIONS[value] = length
    return length


_APPLICATION_TEXTS = (
    "company",
    "role",
    "location",
    "url",
    "source",
    "salary_currency",
    "notes",
    "description",
    "offer_currency",
    "offer_notes",
)
_APPLICATION_MONEY = (
    "salary_min",
    "salary_max",
    "offer_base",
    "offer_bonus",
    "offer_sign_on",
    "offer_equity",
)
_INTERVIEW_TEXTS = ("where", "notes", "topics", "concerns", "strengths", "liked", "outcome", "uid")
_INTERVIEW_DATES = (
    "starts_at",
    "decide_by",
    "thank_you_sent_at",
    "snoozed_until",
    "created_at",
    "updated_at",
)
_CONTACT_TEXTS = ("name", "title", "company", "email", "phone", "url", "notes")


# The version of the JSON export document (`jobtui export --format json`), which the
# importer reads back: written as "jobtui_export", refused when newer.
EXPORT_VERSION = 1


def application_label(company: str, role: str) -> str:
    """How an application is named everywhere it is shown: "Acme — Backend Developer"."""
    return f"{company} — {role}"


def check_applied_on(applied_on: date | None, status: Status, now: datetime) -> None:
    """ValidationError if ``applied_on`` is after today, unless the application is a wishlist
    one (a date ahead there is when you mean to apply). Checked where a date is typed, not on
    load: a stored date only drifts into the past."""
    if applied_on is None or status == Status.WISHLIST:
        return
    if applied_on > dates.local_day(now):
        raise ValidationError(
            "applied_on",
            f"{dates.format_day(applied_on)} is in the future; only a wishlist application "
            "can have a date ahead",
        )


@dataclass
class Task:
    """Something to do for an application ("Take-home: build the ETL"), by when, and when it
    was done. Kept inside its application: it is moved, trashed and undone with it."""

    text: str
    id: str = field(default_factory=new_id)
    due: datetime | None = None
    done_at: datetime | None = None
    created_at: datetime | None = None

    @property
    def done(self) -> bool:
        return self.done_at is not None

    def validate(self) -> None:
        if not self.text.strip():
            raise ValidationError("task", "the task says nothing; write what to do")
        if len(self.text) > MAX_TEXT:
            check_text("task", self.text)
        for name, value in (("due", self.due), ("done_at", self.done_at)):
            check_date(name, value)
            if value is not None and value.tzinfo is None:
                raise ValidationError(name, "needs a time zone")

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "due": dates.to_iso(self.due),
            "done_at": dates.to_iso(self.done_at),
            "created_at": dates.to_iso(self.created_at),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Task:
        if not isinstance(data, dict):
            raise ValidationError("tasks", f"a task must be a table, not {_clip(repr(data))}")
        return cls(
            id=_text(data.get("id")) or new_id(),
            text=_text(data.get("text")),
            due=_opt_datetime(data.get("due"), "due"),
            done_at=_opt_datetime(data.get("done_at"), "done_at"),
            created_at=_opt_datetime(data.get("created_at"), "created_at"),
        )


@dataclass
class MessageDraft:
    """A message written in the composer, kept with the follow-up it answers (the interview
    or the application) until it is sent: the template it started from and the text as
    edited."""

    template: str
    text: str
    saved_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "text": self.text,
            "saved_at": dates.to_iso(self.saved_at),
        }

    @classmethod
    def from_dict(cls, data: Any) -> MessageDraft | None:
        """None for a missing draft (null or absent)."""
        if data is None:
            return None
        if not isinstance(data, dict):
            raise ValidationError("draft", "must be an object with template and text")
        return cls(
            template=_text(data.get("template")),
            text=_text(data.get("text")),
            saved_at=_opt_datetime(data.get("saved_at"), "draft.saved_at"),
        )


def _check_draft(draft: MessageDraft | None) -> None:
    if draft is None:
        return
    check_text("draft", draft.text)
    check_text("draft.template", draft.template)
    if draft.saved_at is not None:
        check_date("draft.saved_at", draft.saved_at)


@dataclass
class Application:
    """One job applied for (or wished for), with everything about it."""

    company: str
    role: str
    id: str = field(default_factory=new_id)
    status: Status = Status.APPLIED
    location: str = ""
    url: str = ""
    source: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    tags: list[str] = field(default_factory=list)
    status_history: list[StatusChange] = field(default_factory=list)
    applied_on: date | None = None
    contact_ids: list[str] = field(default_factory=list)
    notes: str = ""
    snoozed_until: datetime | None = None
    draft: MessageDraft | None = None
    description: str = ""  # the job posting as captured from its page (Markdown)
    posting_fetched_at: datetime | None = None
    deadline: datetime | None = None  # when the posting closes or an answer is due
    # The offer, once there is one (status "offer"): amounts per year in offer_currency,
    # offer_equity the grant's total value, vesting over offer_vesting_years.
    offer_base: int | None = None
    offer_bonus: int | None = None
    offer_sign_on: int | None = None
    offer_equity: int | None = None
    offer_vesting_years: int = 4
    offer_currency: str = ""
    offer_deadline: datetime | None = None  # when they need an answer
    offer_notes: str = ""  # benefits, remote, leave...
    tasks: list[Task] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def closed(self) -> bool:
        return self.status.closed

    @property
    def label(self) -> str:
        """ "Acme — Backend Developer" (see :func:`application_label`)."""
        return application_label(self.company, self.role)

    def validate(self) -> None:
        """Raise ValidationError naming the first invalid field."""
        if not self.company.strip():
            raise ValidationError("company", "must not be empty")
        if not self.role.strip():
            raise ValidationError("role", "must not be empty")
        if not isinstance(self.status, Status):
            raise ValidationError("status", f"unknown status {self.status!r}")
        for name in _APPLICATION_MONEY:
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValidationError(name, "must not be negative")
            if value is not None:
                check_money(name, value)
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_max < self.salary_min
        ):
            raise ValidationError("salary_max", "is below salary_min")
        if not 1 <= self.offer_vesting_years <= MAX_VESTING_YEARS:
            raise ValidationError(
                "offer_vesting_years", f"must be between 1 and {MAX_VESTING_YEARS} years"
            )
        longest = max(
            len(self.company),
            len(self.role),
            len(self.location),
            len(self.url),
            len(self.source),
            len(self.salary_currency),
            len(self.notes),
            len(self.description),
            len(self.offer_currency),
            len(self.offer_notes),
            sum(map(len, self.tags)),
            sum(map(len, self.contact_ids)),
        )
        if longest > MAX_TEXT:
            _check_texts(self, _APPLICATION_TEXTS)
            _check_list("tags", self.tags)
            _check_list("contact_ids", self.contact_ids)
        _check_draft(self.draft)
        for task in self.tasks:
            task.validate()
        moments = (
            self.applied_on,
            self.snoozed_until,
            self.posting_fetched_at,
            self.deadline,
            self.offer_deadline,
            self.created_at,
            self.updated_at,
        )
        years = [m.year for m in moments if m is not None]
        years += [change.at.year for change in self.status_history]
        if not _years_in_range(years):
            _check_dates(
                self,
                (
                    "applied_on",
                    "snoozed_until",
                    "posting_fetched_at",
                    "deadline",
                    "offer_deadline",
                    "created_at",
                    "updated_at",
                ),
            )
            for change in self.status_history:
                check_date("status_history", change.at)

    def set_status(self, status: Status, at: datetime) -> bool:
        """Change the status and record it in the history; False if it was already that."""
        if status == self.status and self.status_history:
            return False
        self.status = status
        self.status_history.append(StatusChange(status, at))
        if status == Status.APPLIED and self.applied_on is None:
            self.applied_on = dates.local_day(at)
        return True

    def status_since(self) -> datetime | None:
        """When the current status was entered, if known."""
        for change in reversed(self.status_history):
            if change.status == self.status:
                return change.at
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company": self.company,
            "role": self.role,
            "status": self.status.value,
            "location": self.location,
            "url": self.url,
            "source": self.source,
            "salary_min": self.salary_min,
            "salary_max": self.salary_max,
            "salary_currency": self.salary_currency,
            "tags": list(self.tags),
            "status_history": [c.to_dict() for c in self.status_history],
            "applied_on": dates.to_iso(self.applied_on),
            "contact_ids": list(self.contact_ids),
            "notes": self.notes,
            "snoozed_until": dates.to_iso(self.snoozed_until),
            "draft": self.draft.to_dict() if self.draft else None,
            "description": self.description,
            "posting_fetched_at": dates.to_iso(self.posting_fetched_at),
            "deadline": dates.to_iso(self.deadline),
            "offer_base": self.offer_base,
            "offer_bonus": self.offer_bonus,
            "offer_sign_on": self.offer_sign_on,
            "offer_equity": self.offer_equity,
            "offer_vesting_years": self.offer_vesting_years,
            "offer_currency": self.offer_currency,
            "offer_deadline": dates.to_iso(self.offer_deadline),
            "offer_notes": self.offer_notes,
            "tasks": [t.to_dict() for t in self.tasks],
            "created_at": dates.to_iso(self.created_at),
            "updated_at": dates.to_iso(self.updated_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Application:
        get = data.get
        history = get("status_history")
        draft = get("draft")
        tasks = get("tasks")
        return cls(
            id=_text(get("id")) or new_id(),
            company=_text(get("company")),
            role=_text(get("role")),
            status=Status.parse(_text(get("status")) or "applied", "status"),
            location=_text(get("location")),
            url=_text(get("url")),
            source=_text(get("source")),
            salary_min=_money(get("salary_min"), "salary_min"),
            salary_max=_money(get("salary_max"), "salary_max"),
            salary_currency=_text(get("salary_currency")),
            tags=_str_list(get("tags")),
            status_history=[StatusChange.from_dict(c) for c in history] if history else [],
            applied_on=_opt_day(get("applied_on"), "applied_on"),
            contact_ids=_str_list(get("contact_ids")),
            notes=_text(get("notes")),
            snoozed_until=_opt_datetime(get("snoozed_until"), "snoozed_until"),
            draft=None if draft is None else MessageDraft.from_dict(draft),
            description=_text(get("description")),
            posting_fetched_at=_opt_datetime(get("posting_fetched_at"), "posting_fetched_at"),
            deadline=_opt_datetime(get("deadline"), "deadline"),
            offer_base=_money(get("offer_base"), "offer_base"),
            offer_bonus=_money(get("offer_bonus"), "offer_bonus"),
            offer_sign_on=_money(get("offer_sign_on"), "offer_sign_on"),
            offer_equity=_money(get("offer_equity"), "offer_equity"),
            offer_vesting_years=_vesting_years(get("offer_vesting_years")),
            offer_currency=_text(get("offer_currency")),
            offer_deadline=_opt_datetime(get("offer_deadline"), "offer_deadline"),
            offer_notes=_text(get("offer_notes")),
            tasks=[Task.from_dict(t) for t in tasks] if tasks else [],
            created_at=_opt_datetime(get("created_at"), "created_at"),
            updated_at=_opt_datetime(get("updated_at"), "updated_at"),
        )


@dataclass
class Interview:
    """One interview round of an application, and what to say in the follow-up."""

    application_id: str
    starts_at: datetime
    id: str = field(default_factory=new_id)
    duration: timedelta = timedelta(hours=1)
    kind: InterviewKind = InterviewKind.OTHER
    interviewers: list[Person] = field(default_factory=list)
    where: str = ""
    notes: str = ""
    topics: str = ""
    concerns: str = ""
    strengths: str = ""
    liked: str = ""
    decide_by: date | None = None
    thank_you_sent_at: datetime | None = None
    outcome: str = ""
    snoozed_until: datetime | None = None
    draft: MessageDraft | None = None
    # From a calendar invite: its UID (kept by the ICS export, matched on a re-import), its
    # SEQUENCE (an older copy of the invite never undoes a newer one), and whether it was
    # cancelled (no follow-up is owed for an interview that did not take place).
    uid: str = ""
    sequence: int = 0
    cancelled: bool = False
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.duration

    def validate(self) -> None:
        """Raise ValidationError naming the first invalid field."""
        if not self.application_id:
            raise ValidationError("application_id", "must name an application")
        if self.starts_at.tzinfo is None:
            raise ValidationError("starts_at", "needs a time zone")
        if self.duration <= timedelta(0):
            raise ValidationError("duration", "the interview ends before it starts")
        if not isinstance(self.kind, InterviewKind):
            raise ValidationError("kind", f"unknown kind {self.kind!r}")
        if self.duration > dates.MAX_DURATION:
            raise OutOfBoundsError(
                "duration", f"an interview lasts at most {dates.MAX_DURATION.days} days"
            )
        for person in self.interviewers:
            if not person.name.strip():
                raise ValidationError("interviewers", "an interviewer has no name")
        longest = max(
            len(self.where),
            len(self.notes),
            len(self.topics),
            len(self.concerns),
            len(self.strengths),
            len(self.liked),
            len(self.outcome),
            len(self.uid),
            sum(len(p.name) + len(p.email) for p in self.interviewers),
        )
        if longest > MAX_TEXT:
            _check_list("interviewers", [p.name + p.email for p in self.interviewers])
            _check_texts(self, _INTERVIEW_TEXTS)
        _check_draft(self.draft)
        moments = (
            self.starts_at,
            self.decide_by,
            self.thank_you_sent_at,
            self.snoozed_until,
            self.created_at,
            self.updated_at,
        )
        if not _years_in_range([m.year for m in moments if m is not None]):
            _check_dates(self, _INTERVIEW_DATES)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "application_id": self.application_id,
            "starts_at": dates.to_iso(self.starts_at),
            "duration_minutes": int(self.duration.total_seconds() // 60),
            "kind": self.kind.value,
            "interviewers": [p.to_dict() for p in self.interviewers],
            "where": self.where,
            "notes": self.notes,
            "topics": self.topics,
            "concerns": self.concerns,
            "strengths": self.strengths,
            "liked": self.liked,
            "decide_by": dates.to_iso(self.decide_by),
            "thank_you_sent_at": dates.to_iso(self.thank_you_sent_at),
            "outcome": self.outcome,
            "snoozed_until": dates.to_iso(self.snoozed_until),
            "draft": self.draft.to_dict() if self.draft else None,
            "uid": self.uid,
            "sequence": self.sequence,
            "cancelled": self.cancelled,
            "created_at": dates.to_iso(self.created_at),
            "updated_at": dates.to_iso(self.updated_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Interview:
        get = data.get
        people = get("interviewers")
        draft = get("draft")
        sequence = get("sequence")
        return cls(
            id=_text(get("id")) or new_id(),
            application_id=_text(get("application_id")),
            starts_at=_datetime(get("starts_at"), "starts_at"),
            duration=_duration(get("duration_minutes")),
            kind=InterviewKind.parse(_text(get("kind")) or "other", "kind"),
            interviewers=[Person.from_dict(p) for p in people] if people else [],
            where=_text(get("where")),
            notes=_text(get("notes")),
            topics=_text(get("topics")),
            concerns=_text(get("concerns")),
            strengths=_text(get("strengths")),
            liked=_text(get("liked")),
            decide_by=_opt_day(get("decide_by"), "decide_by"),
            thank_you_sent_at=_opt_datetime(get("thank_you_sent_at"), "thank_you_sent_at"),
            outcome=_text(get("outcome")),
            snoozed_until=_opt_datetime(get("snoozed_until"), "snoozed_until"),
            draft=None if draft is None else MessageDraft.from_dict(draft),
            uid=_text(get("uid")),
            sequence=sequence
            if sequence.__class__ is int and sequence >= 0
            else max(0, _opt_int(sequence, "sequence") or 0),
            cancelled=get("cancelled") is True,
            created_at=_opt_datetime(get("created_at"), "created_at"),
            updated_at=_opt_datetime(get("updated_at"), "updated_at"),
        )


@dataclass
class Contact:
    """A person in the search: recruiter, hiring manager, referrer."""

    name: str
    id: str = field(default_factory=new_id)
    title: str = ""
    company: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    notes: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def validate(self) -> None:
        if not self.name.strip():
            raise ValidationError("name", "must not be empty")
        _check_texts(self, _CONTACT_TEXTS)
        if self.email and "@" not in self.email:
            raise ValidationError("email", f"{_quoted(self.email)} is not an email address")
        _check_dates(self, ("created_at", "updated_at"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "company": self.company,
            "email": self.email,
            "phone": self.phone,
            "url": self.url,
            "notes": self.notes,
            "created_at": dates.to_iso(self.created_at),
            "updated_at": dates.to_iso(self.updated_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contact:
        return cls(
            id=_text(data.get("id")) or new_id(),
            name=_text(data.get("name")),
            title=_text(data.get("title")),
            company=_text(data.get("company")),
            email=_text(data.get("email")),
            phone=_text(data.get("phone")),
            url=_text(data.get("url")),
            notes=_text(data.get("notes")),
            created_at=_opt_datetime(data.get("created_at"), "created_at"),
            updated_at=_opt_datetime(data.get("updated_at"), "updated_at"),
        )


@dataclass
class SentFollowUp:
    """A follow-up message the user sent: the log the rules read."""

    kind: SentKind
    at: datetime
    application_id: str
    interview_id: str | None = None
    to: str = ""  # the recipients as written: "Ana Lima <ana@example.com>, Bo"
    channel: str = "email"
    id: str = field(default_factory=new_id)
    subject: str = ""  # the message as sent, when it was written in jobtui
    body: str = ""

    def validate(self) -> None:
        if not self.application_id:
            raise ValidationError("application_id", "must name an application")
        if self.at.tzinfo is None:
            raise ValidationError("at", "needs a time zone")
        check_date("at", self.at)
        _check_texts(self, ("to", "channel", "subject", "body"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "at": dates.to_iso(self.at),
            "application_id": self.application_id,
            "interview_id": self.interview_id,
            "to": self.to,
            "channel": self.channel,
            "subject": self.subject,
            "body": self.body,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentFollowUp:
        return cls(
            id=_text(data.get("id")) or new_id(),
            kind=SentKind.parse(_text(data.get("kind")) or "other", "kind"),
            at=_datetime(data.get("at"), "at"),
            application_id=_text(data.get("application_id")),
            interview_id=data.get("interview_id") or None,
            to=_text(data.get("to")),
            channel=_text(data.get("channel")) or "email",
            subject=_text(data.get("subject")),
            body=_text(data.get("body")),
        )


Record = Application | Interview | Contact


# --------------------------------------------------------------------------
# The record types: class, table in the database file, the word for one, its label


def _when_label(value: Any) -> str:
    """A stored time as the user reads it; a damaged one as stored (cut short)."""
    try:
        return dates.format_when(dates.from_iso(value))  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, AttributeError):
        return str(value if value is not None else "")[:40]


def _application_doc_label(doc: Mapping[str, Any]) -> str:
    return application_label(doc.get("company", ""), doc.get("role", ""))


def _interview_doc_label(doc: Mapping[str, Any]) -> str:
    return f"interview {_when_label(doc.get('starts_at'))}"


def _contact_doc_label(doc: Mapping[str, Any]) -> str:
    return str(doc.get("name", ""))


def _sent_doc_label(doc: Mapping[str, Any]) -> str:
    return f"sent {str(doc.get('kind', ''))[:40]} {_when_label(doc.get('at'))}"


@dataclass(frozen=True)
class RecordType:
    """One kind of stored record: its class, its table, the word for one, how it is named."""

    cls: type[Any]
    table: str  # its table in the database file: "applications"
    kind: str  # the word for one, as the trash says it: "application"
    _label: Callable[[Mapping[str, Any]], str]

    def label(self, doc: Mapping[str, Any]) -> str:
        """A stored record's name for the user: "Acme — Dev", "interview Thu 26 Nov 2026
        10:00 CET", a contact's name. Never fails, even on a damaged record."""
        return self._label(doc)

    def mention(self, doc: Mapping[str, Any]) -> str:
        """The record in a sentence: "the application Acme — Dev", "the interview Thu ..."."""
        label = self._label(doc)
        return f"the {label}" if label.startswith(f"{self.kind} ") else f"the {self.kind} {label}"


RECORD_TYPES: tuple[RecordType, ...] = (
    RecordType(Application, "applications", "application", _application_doc_label),
    RecordType(Interview, "interviews", "interview", _interview_doc_label),
    RecordType(Contact, "contacts", "contact", _contact_doc_label),
    RecordType(SentFollowUp, "sent", "sent", _sent_doc_label),
)
_BY_CLASS = {t.cls: t for t in RECORD_TYPES}
_BY_TABLE = {t.table: t for t in RECORD_TYPES}
_BY_KIND = {t.kind: t for t in RECORD_TYPES}


def record_type(of: object) -> RecordType:
    """The :class:`RecordType` of a record, a record class, a table name or a kind word
    (KeyError for anything else)."""
    if isinstance(of, str):
        found = _BY_TABLE.get(of) or _BY_KIND.get(of)
        if found is None:
            raise KeyError(of)
        return found
    return _BY_CLASS[of if isinstance(of, type) else type(of)]


def record_label(record: Record | SentFollowUp) -> str:
    """A record's name for the user (see :meth:`RecordType.label`)."""
    return record_type(record).label(record.to_dict())
