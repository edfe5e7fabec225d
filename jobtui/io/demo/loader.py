"""Turns the demo stories (:mod:`.stories`) into records, and saves them through the Store.

Everything is dated relative to a given "now" (business days back, whole minutes, interviews
at office hours in :func:`jobtui.core.dates.local_tz`), and every id is a ``uuid5`` of a fixed
name, so the same "now" always gives exactly the same data.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from jobtui.core import dates
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    Person,
    SentFollowUp,
    SentKind,
    Task,
)
from jobtui.db.store import Store
from jobtui.io.demo.schema import (
    At,
    ContactStory,
    Day,
    FollowUpSent,
    InterviewStory,
    JustEnded,
    NextWeekday,
    OfferStory,
    Story,
    When,
)
from jobtui.io.demo.stories import STORIES

# Ids are uuid5s of a name in this namespace, so every demo has the same ids.
DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://example.com/jobtui/demo")


def demo_id(name: str) -> str:
    """The fixed id of a demo record ("application/northwind", "interview/nw-panel", ...)."""
    return str(uuid.uuid5(DEMO_NAMESPACE, name))


@dataclass(frozen=True)
class Calendar:
    """Story times relative to "now": business days back, at a wall-clock time, local zone."""

    now: datetime

    @classmethod
    def at_now(cls, now: datetime) -> Calendar:
        local = now.astimezone(dates.local_tz()).replace(second=0, microsecond=0)
        return cls(local)

    @property
    def today(self) -> date:
        return self.now.date()

    def day(self, business_days: int) -> date:
        """The day that many business days from today (negative: back)."""
        return dates.add_business_days(self.today, business_days)

    def at(self, business_days: int, hour: int, minute: int = 0) -> datetime:
        """That business day at a local wall-clock time."""
        return self.on(self.day(business_days), hour, minute)

    def on(self, day: date, hour: int, minute: int = 0) -> datetime:
        return dates.at_local(day, time(hour, minute), self.now.tzinfo)

    def next_weekday(self) -> date:
        """The first Monday-to-Friday day after today (tomorrow, or Monday at a weekend)."""
        day = self.today + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    def just_ended(self, duration: timedelta) -> datetime:
        """The start of an office-hours interview that ended 1 to 22 hours ago.

        Starts on a whole hour from 9:00, ends by 17:30; a weekday if there is one in that
        window, and preferably one that ended at least two hours ago (the latest such).
        """
        best: tuple[bool, bool, datetime] | None = None
        for back in range(3):
            day = self.today - timedelta(days=back)
            for hour in range(9, 17):
                start = self.on(day, hour)
                end = start + duration
                if end.time() > time(17, 30) or end.date() != day:
                    continue
                ago = self.now - end
                if not timedelta(hours=1) <= ago <= timedelta(hours=22):
                    continue
                key = (day.weekday() < 5, ago >= timedelta(hours=2), start)
                if best is None or key > best:
                    best = key
        assert best is not None, "a 20-hour window always holds an office-hours slot"
        return best[2]

    def when(self, when: When, duration: timedelta = timedelta(0)) -> datetime:
        """A story's time as a moment (``duration``: the interview's, for JustEnded)."""
        if isinstance(when, At):
            return self.at(when.days, when.hour, when.minute)
        if isinstance(when, NextWeekday):
            return self.on(self.next_weekday(), when.hour, when.minute)
        assert isinstance(when, JustEnded)
        return self.just_ended(duration)

    def date(self, day: Day | None) -> date | None:
        return None if day is None else self.day(day.days)


_DAY_IN_TEXT = re.compile(r"\{day ([+-]\d+)\}")


@dataclass
class _Records:
    """The demo's records, in the order they are saved."""

    contacts: list[Contact] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)
    thank_yous: list[tuple[SentFollowUp, Interview]] = field(default_factory=list)
    other_sent: list[SentFollowUp] = field(default_factory=list)


class _Loader:
    """Builds one story's records on a calendar."""

    def __init__(self, cal: Calendar) -> None:
        self.cal = cal
        self.records = _Records()

    def story(self, story: Story) -> None:
        contacts = {c.key: self._contact(story, c) for c in story.contacts}
        self.records.contacts += contacts.values()
        app = self._application(story, [c.id for c in contacts.values()])
        self.records.applications.append(app)
        for plan in story.interviews:
            interview = self._interview(app, plan, contacts)
            self.records.interviews.append(interview)
            if plan.thanked is not None:
                to = ", ".join(p.email for p in interview.interviewers)
                sent = self._sent(f"{plan.key}-thanks", SentKind.THANK_YOU, plan.thanked, app)
                sent.interview_id, sent.to = interview.id, to
                self.records.thank_yous.append((sent, interview))
        for message in story.followed_up:
            self.records.other_sent.append(self._follow_up(app, message))

    def _contact(self, story: Story, contact: ContactStory) -> Contact:
        return Contact(
            name=contact.name,
            id=demo_id(f"contact/{contact.key}"),
            title=contact.title,
            company=story.company,
            email=contact.email,
            url=contact.url,
            notes=contact.notes,
            created_at=self.cal.when(contact.met),
        )

    def _application(self, story: Story, contact_ids: list[str]) -> Application:
        low, high, currency = story.salary
        app = Application(
            company=story.company,
            role=story.role,
            id=demo_id(f"application/{story.key}"),
            location=story.location,
            url=story.url,
            source=story.source,
            salary_min=low,
            salary_max=high,
            salary_currency=currency,
            tags=list(story.tags),
            contact_ids=contact_ids,
            notes=_DAY_IN_TEXT.sub(self._day_text, story.notes),
        )
        for status, at in story.history:
            app.set_status(status, self.cal.when(at))  # also sets applied_on from "applied"
        app.created_at = self.cal.when(story.history[0][1])
        if story.offer is not None:
            self._offer(app, story.offer)
        if story.deadline is not None:
            app.deadline = self.cal.when(story.deadline)
        if story.posting:
            app.description = _DAY_IN_TEXT.sub(self._day_text, story.posting)
            app.posting_fetched_at = app.created_at
        app.tasks = [
            Task(
                task.text,
                id=demo_id(f"task/{story.key}/{n}"),
                due=self.cal.when(task.due) if task.due else None,
                done_at=self.cal.when(task.done) if task.done else None,
                created_at=app.created_at,
            )
            for n, task in enumerate(story.tasks)
        ]
        return app

    def _offer(self, app: Application, offer: OfferStory) -> None:
        app.offer_base, app.offer_bonus = offer.base, offer.bonus
        app.offer_sign_on, app.offer_equity = offer.sign_on, offer.equity
        app.offer_vesting_years, app.offer_currency = offer.vesting_years, offer.currency
        if offer.answer_by is not None:
            app.offer_deadline = self.cal.when(offer.answer_by)
        app.offer_notes = _DAY_IN_TEXT.sub(self._day_text, offer.notes)

    def _day_text(self, match: re.Match[str]) -> str:
        return dates.format_day(self.cal.day(int(match.group(1))))

    def _interview(
        self, app: Application, plan: InterviewStory, contacts: dict[str, Contact]
    ) -> Interview:
        duration = timedelta(minutes=plan.minutes)
        starts_at = self.cal.when(plan.starts, duration)
        # Scheduled a few business days ahead, late in the afternoon (never after "now").
        scheduled = self.cal.on(dates.add_business_days(starts_at.date(), -3), 17, 20)
        return Interview(
            application_id=app.id,
            starts_at=starts_at,
            id=demo_id(f"interview/{plan.key}"),
            duration=duration,
            kind=plan.kind,
            interviewers=[_person(who, contacts) for who in plan.interviewers],
            created_at=min(scheduled, self.cal.now),
            where=plan.where,
            notes=plan.notes,
            topics=plan.topics,
            concerns=plan.concerns,
            strengths=plan.strengths,
            liked=plan.liked,
            outcome=plan.outcome,
            decide_by=self.cal.date(plan.decide_by),
        )

    def _sent(self, key: str, kind: SentKind, at: At, app: Application) -> SentFollowUp:
        return SentFollowUp(
            kind=kind, at=self.cal.when(at), application_id=app.id, id=demo_id(f"sent/{key}")
        )

    def _follow_up(self, app: Application, message: FollowUpSent) -> SentFollowUp:
        sent = self._sent(message.key, SentKind.APPLICATION_FOLLOW_UP, message.at, app)
        sent.to, sent.channel = message.to, message.channel
        sent.subject, sent.body = message.subject, message.body
        return sent


def _person(who: str | Person, contacts: dict[str, Contact]) -> Person:
    if isinstance(who, Person):
        return who
    contact = contacts[who]
    return Person(contact.name, contact.email)


def populate_demo(store: Store, now: datetime) -> None:
    """Fill an empty store with a realistic job search, dated relative to `now`.

    One save. Every record has a fixed id, so populating again replaces the demo records.
    """
    cal = Calendar.at_now(now)
    loader = _Loader(cal)
    for story in STORIES:
        loader.story(story)
    records = loader.records
    # Every record is stamped as saved "now" (the store's clock gives updated_at).
    clock = store.clock
    store.clock = lambda: cal.now
    try:
        with store.transaction():
            for record in [*records.contacts, *records.applications, *records.interviews]:
                store.save(record)
            for entry, interview in records.thank_yous:
                store.log_sent(entry, thank_you_interview=interview)
            for entry in records.other_sent:
                store.log_sent(entry)
    finally:
        store.clock = clock
