"""The shape of a demo story: plain, frozen data that :mod:`.loader` turns into records.

Times are relative to "now" so the demo always looks current: :class:`At` is a business
day counted from today (``At(-3, 16, 30)``: three working days back, at 16:30 local time).
"""

from __future__ import annotations

from dataclasses import dataclass

from jobtui.core.model import InterviewKind, Person, Status


@dataclass(frozen=True)
class At:
    """That many business days from today (negative: back), at a local wall-clock time."""

    days: int
    hour: int
    minute: int = 0


@dataclass(frozen=True)
class Day:
    """That many business days from today, as a date (no time)."""

    days: int


@dataclass(frozen=True)
class NextWeekday:
    """The first Monday-to-Friday day after today, at a local wall-clock time."""

    hour: int
    minute: int = 0


@dataclass(frozen=True)
class JustEnded:
    """An office-hours start for an interview (of its own length) that ended 1-22 hours ago."""


When = At | NextWeekday | JustEnded


@dataclass(frozen=True)
class ContactStory:
    """Someone at the company. ``key`` names the id ("contact/<key>")."""

    key: str
    name: str
    title: str
    email: str
    met: At
    """When the contact was added."""
    url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class InterviewStory:
    """One interview. ``interviewers`` are a contact's key (of this story) or a Person."""

    key: str
    starts: When
    minutes: int
    kind: InterviewKind
    interviewers: tuple[str | Person, ...]
    where: str = ""
    notes: str = ""
    topics: str = ""
    concerns: str = ""
    strengths: str = ""
    liked: str = ""
    outcome: str = ""
    decide_by: Day | None = None
    thanked: At | None = None
    """When the thank-you went to the interviewers by email (None: not sent)."""


@dataclass(frozen=True)
class FollowUpSent:
    """A follow-up on the application, logged as sent."""

    key: str
    at: At
    to: str
    channel: str = "email"
    subject: str = ""  # the message as sent, when it was written in jobtui
    body: str = ""


@dataclass(frozen=True)
class OfferStory:
    """The offer an application in "offer" status carries: amounts a year in ``currency``,
    ``equity`` the grant's total value vesting over ``vesting_years`` (None: not offered)."""

    base: int
    currency: str
    bonus: int | None = None
    sign_on: int | None = None
    equity: int | None = None
    vesting_years: int = 4
    answer_by: At | None = None
    notes: str = ""


@dataclass(frozen=True)
class TaskStory:
    """A task of the application: what to do, by when (None: no date), done when (None: open)."""

    text: str
    due: At | None = None
    done: At | None = None


@dataclass(frozen=True)
class Story:
    """One application from first step to today, with the people, interviews and messages.

    ``history`` is the pipeline, oldest first (the first step is when it was added).
    ``notes`` may name a day as ``{day -2}`` (two business days back, as jobtui shows dates).
    """

    key: str
    company: str
    role: str
    history: tuple[tuple[Status, At], ...]
    location: str
    url: str
    source: str
    salary: tuple[int, int, str]
    """(minimum, maximum, currency)."""
    tags: tuple[str, ...]
    notes: str
    contacts: tuple[ContactStory, ...] = ()
    interviews: tuple[InterviewStory, ...] = ()
    followed_up: tuple[FollowUpSent, ...] = ()
    offer: OfferStory | None = None
    tasks: tuple[TaskStory, ...] = ()
    deadline: At | None = None  # when the posting closes
    posting: str = ""  # the job posting as captured from its page (Markdown), fetched when added
