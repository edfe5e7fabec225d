"""Use cases about follow-ups: log a message as sent (marking an interview's thank-you), snooze.

Logging a sent message lives here once: ``jobtui sent``, the TUI's "mark sent" key and the
composer's "mark sent" all end in :func:`log_sent`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobtui.config import FollowUpRules
from jobtui.core.followup import followups_for, owed_kind
from jobtui.core.model import Application, Interview, SentFollowUp, SentKind, ValidationError
from jobtui.db.store import Store


class NothingOwed(ValidationError):
    """ "sent" without a kind on a record that owes no message: nothing is logged."""

    def __init__(self, app: Application, interview: Interview | None) -> None:
        about = (
            f"the {interview.kind.label} interview with {app.company}" if interview else app.label
        )
        self.field = "kind"
        self.message = (
            f"no thank-you or follow-up is owed for {about} right now; nothing was logged "
            "(to log another message on purpose, give its kind)"
        )
        ValueError.__init__(self, self.message)


@dataclass(frozen=True)
class Sent:
    """A follow-up logged as sent: what was logged, for which application and interview."""

    entry: SentFollowUp
    application: Application
    interview: Interview | None

    @property
    def kind(self) -> SentKind:
        return self.entry.kind


@dataclass(frozen=True)
class MessageDone:
    """The composer's message: the interview fields saved (names), and the log entry if it
    was marked sent (else None)."""

    kind: SentKind
    saved_fields: list[str]
    sent: Sent | None


@dataclass(frozen=True)
class Snoozed:
    """An application or interview snoozed until ``until`` (None: the snooze was cleared)."""

    record: Application | Interview
    until: datetime | None


def target_of(store: Store, target_id: str) -> tuple[Application, Interview | None]:
    """The application and interview (None for an application) that an id (any unique
    prefix of an application or interview) is about."""
    target = store.resolve(target_id, kinds=(Application, Interview))
    if isinstance(target, Interview):
        return store.get_application(target.application_id), target
    assert isinstance(target, Application)
    return target, None


def mark_sent(
    store: Store,
    target_id: str,
    *,
    now: datetime,
    rules: FollowUpRules,
    kind: SentKind | None = None,
    at: datetime | None = None,
    to: str = "",
    channel: str = "email",
) -> Sent:
    """Log the message owed on an application or interview (any unique id prefix) as sent
    ``at`` (default ``now``): the thank-you or follow-up the rules list for it, most urgent
    first. Raises :class:`NothingOwed` when none is, unless ``kind`` says what is logged on
    purpose. A thank-you marks its interview in the same save."""
    app, selected = target_of(store, target_id)
    items = followups_for(app, store.interviews(app.id), store.sent_log(app.id), now, rules)
    owed = owed_kind(app, selected, items)
    if kind is not None:  # on purpose: about the interview chosen, else the one owed
        interview = selected or (owed[1] if owed else None)
    elif owed is None:
        raise NothingOwed(app, selected)
    else:
        kind, interview = owed
    return log_sent(store, app, interview, kind, at=at or now, to=to, channel=channel)


def log_sent(
    store: Store,
    app: Application,
    interview: Interview | None,
    kind: SentKind,
    *,
    at: datetime,
    to: str = "",
    channel: str = "email",
) -> Sent:
    """Log a message of ``kind`` as sent for ``app`` (about ``interview`` if given); a
    thank-you also marks the interview's thank-you as sent, in the same save."""
    entry = SentFollowUp(
        kind=kind,
        at=at,
        application_id=app.id,
        interview_id=interview.id if interview else None,
        to=to,
        channel=channel,
    )
    thank_you = interview if kind == SentKind.THANK_YOU and interview is not None else None
    if thank_you is not None:
        thank_you = store.get_interview(thank_you.id)  # the stored one: keep newer notes
    store.log_sent(entry, thank_you_interview=thank_you)
    return Sent(entry, app, interview)


def finish_message(
    store: Store,
    app_id: str,
    *,
    interview_id: str | None,
    template: str,
    fields: dict[str, str],
    mark_sent: bool,
    to: str,
    now: datetime,
) -> MessageDone:
    """What the composer does when it closes, in one save: the interview's message fields
    (``fields``: name -> text, only the changed ones) are saved and, with ``mark_sent``, the
    message is logged as sent now with the kind its template stands for (a thank-you marks
    the interview)."""
    from jobtui.core import drafts  # only the composer pays for Jinja2

    kind = drafts.sent_kind_for_template(template)
    with store.transaction():
        app = store.get_application(app_id)
        interview = store.get_interview(interview_id) if interview_id else None
        saved: list[str] = []
        if interview is not None and fields:
            for name, text in fields.items():
                setattr(interview, name, text)
            store.save(interview)
            saved = list(fields)
        sent = log_sent(store, app, interview, kind, at=now, to=to) if mark_sent else None
    return MessageDone(kind, saved, sent)


def snooze(store: Store, target_id: str, until: datetime | None) -> Snoozed:
    """Snooze an application's or interview's follow-ups (any unique id prefix) until
    ``until``; None clears the snooze."""
    record = store.resolve(target_id, kinds=(Application, Interview))
    assert isinstance(record, Application | Interview)
    record.snoozed_until = until
    store.save(record)
    return Snoozed(record, until)
