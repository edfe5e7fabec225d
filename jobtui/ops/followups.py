"""Use cases about follow-ups: log a message as sent (marking an interview's thank-you), snooze.

Logging a sent message lives here once: ``jobtui sent``, the TUI's "mark sent" key and the
composer's "mark sent" all end in :func:`log_sent`. A message written in the composer and
kept as a draft (``MessageDraft``, on the interview it is about, else on the application) is
logged with its exact subject and body when it is the one logged, and the draft goes in the
same save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from jobtui.config import FollowUpRules
from jobtui.core.followup import followups_for, owed_kind
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    MessageDraft,
    SentFollowUp,
    SentKind,
    ValidationError,
)
from jobtui.core.outgoing import addresses, split_message
from jobtui.core.textsafe import strip_controls
from jobtui.db.store import Store
from jobtui.ops.views import linked_contacts


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


def recipients(interview: Interview | None, contacts: Sequence[Contact]) -> str:
    """Who a message goes to, for the sent log: the email addresses it is sent to (see
    ``core.outgoing.addresses``), else the interviewers' names, else the first contact's."""
    found = addresses(interview, contacts)
    if found:
        return ", ".join(found)
    people = ", ".join(p.name for p in interview.interviewers) if interview else ""
    return people or (contacts[0].name if contacts else "")


def message_of(text: str) -> tuple[str, str]:
    """(subject, body) as logged from a draft's text: what leaves jobtui (copied, mailed)
    has its control characters dropped."""
    return split_message(strip_controls(text))


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
    subject: str = "",
    body: str = "",
) -> Sent:
    """Log the message owed on an application or interview (any unique id prefix) as sent
    ``at`` (default ``now``): the thank-you or follow-up the rules list for it, most urgent
    first. Raises :class:`NothingOwed` when none is, unless ``kind`` says what is logged on
    purpose. A thank-you marks its interview in the same save.

    When the record the message is about (the interview, else the application) keeps a
    draft of a template that stands for that kind, the draft is what was sent: its subject
    and body are logged (sent to its recipients unless ``to`` says otherwise) and the draft
    is dropped, in the same save. A draft of another kind of message stays kept. A
    ``subject`` or ``body`` given says what was sent instead (a kept draft stays then)."""
    app, selected = target_of(store, target_id)
    items = followups_for(app, store.interviews(app.id), store.sent_log(app.id), now, rules)
    owed = owed_kind(app, selected, items)
    if kind is not None:  # on purpose: about the interview chosen, else the one owed
        interview = selected or (owed[1] if owed else None)
    elif owed is None:
        raise NothingOwed(app, selected)
    else:
        kind, interview = owed
    given = subject or body
    draft = None if given else _draft_of_kind(interview if interview is not None else app, kind)
    if draft is None:
        return log_sent(
            store,
            app,
            interview,
            kind,
            at=at or now,
            to=to,
            channel=channel,
            subject=subject,
            body=body,
        )
    subject, body = message_of(draft.text)
    return log_sent(
        store,
        app,
        interview,
        kind,
        at=at or now,
        to=to or recipients(interview, linked_contacts(store, app)),
        channel=channel,
        subject=subject,
        body=body,
        clear_draft=True,
    )


def _draft_of_kind(record: Application | Interview, kind: SentKind) -> MessageDraft | None:
    """The draft ``record`` keeps, if it is a message of ``kind``."""
    if record.draft is None:
        return None
    from jobtui.core import drafts  # Jinja2: only when there is a draft to look at

    return record.draft if drafts.sent_kind_for_template(record.draft.template) == kind else None


def log_sent(
    store: Store,
    app: Application,
    interview: Interview | None,
    kind: SentKind,
    *,
    at: datetime,
    to: str = "",
    channel: str = "email",
    subject: str = "",
    body: str = "",
    clear_draft: bool = False,
) -> Sent:
    """Log a message of ``kind`` as sent for ``app`` (about ``interview`` if given), with
    its ``subject`` and ``body`` when they are known; a thank-you also marks the
    interview's thank-you as sent, and ``clear_draft`` drops the draft kept on the
    interview (else the application), all in the same save."""
    entry = SentFollowUp(
        kind=kind,
        at=at,
        application_id=app.id,
        interview_id=interview.id if interview else None,
        to=to,
        channel=channel,
        subject=subject,
        body=body,
    )
    # The stored records: keep newer notes (and drafts) than the caller's copies.
    stored = store.get_interview(interview.id) if interview is not None else None
    thank_you = stored if kind == SentKind.THANK_YOU else None
    with store.transaction():
        if clear_draft:
            holder = stored if stored is not None else store.get_application(app.id)
            if holder.draft is not None:
                holder.draft = None
                if holder is not thank_you:  # that one is saved with the log entry
                    store.save(holder)
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
    now: datetime,
    text: str = "",
    to: str | None = None,
) -> MessageDone:
    """What the composer does when it closes, in one save: the interview's message fields
    (``fields``: name -> text, only the changed ones) are saved and, with ``mark_sent``, the
    message ``text`` is logged as sent now by email, with its exact subject and body, to
    ``to`` (default :func:`recipients`), with the kind its template stands for (a
    thank-you marks the interview); the kept draft goes, since it was sent."""
    from jobtui.core import drafts  # only the composer pays for Jinja2

    kind = drafts.sent_kind_for_template(template)
    with store.transaction():
        app = store.get_application(app_id)
        interview = store.get_interview(interview_id) if interview_id else None
        saved: list[str] = []
        if interview is not None and fields:
            for name, value in fields.items():
                setattr(interview, name, value)
            store.save(interview)
            saved = list(fields)
        sent = None
        if mark_sent:
            subject, body = message_of(text)
            if to is None:
                to = recipients(interview, linked_contacts(store, app))
            sent = log_sent(
                store,
                app,
                interview,
                kind,
                at=now,
                to=to,
                channel="email",
                subject=subject,
                body=body,
                clear_draft=True,
            )
    return MessageDone(kind, saved, sent)


def snooze(store: Store, target_id: str, until: datetime | None) -> Snoozed:
    """Snooze an application's or interview's follow-ups (any unique id prefix) until
    ``until``; None clears the snooze."""
    record = store.resolve(target_id, kinds=(Application, Interview))
    assert isinstance(record, Application | Interview)
    record.snoozed_until = until
    store.save(record)
    return Snoozed(record, until)
