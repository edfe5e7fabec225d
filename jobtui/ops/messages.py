"""The message context, built in one place, drafting a message from a template, and the
draft kept while it is being written.

``jobtui render`` and the TUI's composer both start from :func:`message_context`: the
application, the interview the message is about, its linked contacts, the candidate and
the draft kept from last time. Importing this module loads Jinja2; the other use cases never do.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jobtui.config import FollowUpRules, Me, MessageSettings
from jobtui.core import dates, drafts
from jobtui.core.followup import FollowUp, followups_for, sort_key
from jobtui.core.model import Application, Contact, Interview, MessageDraft
from jobtui.core.outgoing import split_message
from jobtui.db.store import Store
from jobtui.ops.followups import recipients, target_of
from jobtui.ops.views import linked_contacts


@dataclass(frozen=True)
class MessageContext:
    """Everything a message is drafted from.

    ``interview`` is the one the message is about (None if there is none yet), ``due`` the
    most pressing follow-up owed on it (None without rules or when nothing is due),
    ``suggested`` the template that fits, ``today`` the local day.
    """

    application: Application
    interview: Interview | None
    contacts: list[Contact]
    me: Me
    today: date
    due: FollowUp | None
    suggested: str

    def variables(self, interview: Interview | None = None) -> dict[str, Any]:
        """The template variables (see ``drafts.build_context``); ``interview`` replaces the
        context's own one (the composer passes the copy with its fields as typed)."""
        about = interview if interview is not None else self.interview
        return drafts.build_context(self.application, about, self.contacts, self.me, self.today)

    @property
    def recipient(self) -> str:
        """Who a message goes to, for the sent log (see ``followups.recipients``)."""
        return recipients(self.interview, self.contacts)

    @property
    def holder_id(self) -> str:
        """The record a draft of this message is kept on: the interview, else the application."""
        return self.interview.id if self.interview is not None else self.application.id

    @property
    def kept(self) -> MessageDraft | None:
        """The draft kept from the last time this message was written (None: none)."""
        holder = self.interview if self.interview is not None else self.application
        return holder.draft


def message_context(
    store: Store,
    target_id: str,
    *,
    me: Me,
    now: datetime,
    rules: FollowUpRules | None = None,
) -> MessageContext:
    """The context of a message about an application or interview (any unique id prefix).

    For an interview, that interview. For an application: with ``rules``, the interview of
    the most pressing follow-up owed; else (or with none owed on an interview) the latest
    interview that has started by ``now``; else none. Contacts are the application's linked
    ones that still exist, in their order.
    """
    app, interview = target_of(store, target_id)
    interviews = store.interviews(app.id)
    due = None
    if rules is not None:
        items = followups_for(app, interviews, store.sent_log(app.id), now, rules)
        relevant = [i for i in items if interview is None or i.interview_id == interview.id]
        due = min(relevant, key=sort_key) if relevant else None
    if interview is None and due is not None:
        interview = due.interview
    if interview is None:
        interview = latest_started(interviews, now)
    return MessageContext(
        application=app,
        interview=interview,
        contacts=linked_contacts(store, app),
        me=me,
        today=dates.local_day(now),
        due=due,
        suggested=drafts.suggested_template(app, due.kind if due else None, interview),
    )


def latest_started(interviews: Sequence[Interview], now: datetime) -> Interview | None:
    """The interview that started last by ``now``, or None."""
    started = [i for i in interviews if i.starts_at <= now]
    return max(started, key=lambda i: i.starts_at) if started else None


def render_draft(
    context: MessageContext,
    template: str,
    *,
    interview: Interview | None = None,
    other_roles: Collection[str] = MessageSettings().other_roles,
) -> drafts.Draft:
    """Draft a message from ``template`` with ``context`` (``interview`` as in
    :meth:`MessageContext.variables`; ``other_roles`` the config's ``[messages]
    other_roles``). Raises ``drafts.TemplateError``."""
    return drafts.render(template, context.variables(interview), other_roles=other_roles)


def message_to_send(
    context: MessageContext,
    template: str,
    *,
    other_roles: Collection[str] = MessageSettings().other_roles,
    fresh: bool = False,
) -> tuple[drafts.Draft, MessageDraft | None]:
    """The message as it would go out: the draft kept from the composer when it was written
    from ``template`` (unless ``fresh``), else ``template`` rendered; and the kept draft used
    (None: rendered). Raises ``drafts.TemplateError``."""
    rendered = render_draft(context, template, other_roles=other_roles)
    kept = None if fresh else context.kept
    if kept is None or drafts.template_name(kept.template) != rendered.template:
        return rendered, None
    subject, body = split_message(kept.text)
    # Written to the same people the template greets.
    return drafts.Draft(rendered.template, subject, body, rendered.greeted), kept


def save_draft(store: Store, target_id: str, draft: MessageDraft | None, now: datetime) -> bool:
    """Keep ``draft`` (its template and text) as the message being written about an
    interview or application (its id), saved at ``now``; None drops the kept draft. False
    when the stored one already reads so (nothing is written).

    Called as the composer autosaves, outside ``store.change()`` like a note's autosave:
    typing is not an undo step, and undoing a change never takes typed words back."""
    record = store.resolve(target_id, kinds=(Application, Interview))
    assert isinstance(record, Application | Interview)
    kept = record.draft
    if draft is None:
        if kept is None:
            return False
        record.draft = None
    else:
        if kept is not None and (kept.template, kept.text) == (draft.template, draft.text):
            return False
        record.draft = MessageDraft(draft.template, draft.text, now)
    store.save(record)
    return True


def render_message(
    store: Store,
    target_id: str,
    template: str,
    *,
    me: Me,
    now: datetime,
    other_roles: Collection[str] = MessageSettings().other_roles,
) -> drafts.Draft:
    """``jobtui render``: the draft of ``template`` about an application or interview (an
    application's latest interview so far). Raises ``drafts.TemplateError``."""
    context = message_context(store, target_id, me=me, now=now)
    return render_draft(context, template, other_roles=other_roles)


def templates() -> list[drafts.TemplateInfo]:
    """Every usable template, sorted by name (a user's file overrides a packaged one)."""
    return drafts.list_templates()
