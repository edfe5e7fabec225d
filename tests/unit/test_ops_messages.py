"""jobtui.ops.messages.save_draft and the kept draft: what the composer autosaves, and what
marking sent (the composer, t, jobtui sent) logs from it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW
from hostile import HOSTILE, HOSTILE_IDS

from jobtui.config import FollowUpRules, Me
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    MessageDraft,
    Person,
    SentKind,
)
from jobtui.db.store import Store
from jobtui.ops import followups, messages, records

RULES = FollowUpRules()
ME = Me(name="Jo Park")
LATER = NOW + timedelta(minutes=5)
TEXT = "Subject: Thank you, Ana\n\nHi Ana,\n\nThanks & more.\n\nJo"


@pytest.fixture
def store():
    with Store(None, clock=lambda: NOW) as store:
        yield store


@pytest.fixture
def app(store) -> Application:
    app = Application(company="Acme", role="Dev")
    return records.add_application(store, app, now=NOW - timedelta(days=20)).application


@pytest.fixture
def interview(store, app) -> Interview:
    interview = Interview(
        application_id=app.id,
        starts_at=NOW - timedelta(days=1),
        interviewers=[Person.parse("Ana Lima <ana@acme.example>"), Person.parse("Bo Chen")],
    )
    records.add_interview(store, interview)
    return interview


def test_save_draft_keeps_it_on_the_record_and_none_drops_it(store, interview):
    assert messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), NOW)
    kept = store.get_interview(interview.id).draft
    assert kept == MessageDraft("thank_you", TEXT, NOW)
    # The same text again: nothing is written, the time it was saved stays.
    assert not messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), LATER)
    assert store.get_interview(interview.id).draft.saved_at == NOW
    assert messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT + "!"), LATER)
    assert store.get_interview(interview.id).draft == MessageDraft("thank_you", TEXT + "!", LATER)
    assert messages.save_draft(store, interview.id, None, LATER)
    assert store.get_interview(interview.id).draft is None
    assert not messages.save_draft(store, interview.id, None, LATER)


def test_a_draft_autosave_is_no_undo_step(store, interview):
    messages.save_draft(store, interview.id, MessageDraft("thank_you", "first"), NOW)
    with store.change("the snooze"):
        followups.snooze(store, interview.id, NOW + timedelta(days=2))
    # Undo takes back the snooze, the change before the draft: not the typing.
    assert records.undo(store).description == "the snooze"
    stored = store.get_interview(interview.id)
    assert stored.snoozed_until is None and stored.draft.text == "first"
    assert records.undo(store).description is None


def test_undoing_a_change_keeps_a_draft_typed_since(store, interview):
    with store.change("the snooze"):
        followups.snooze(store, interview.id, NOW + timedelta(days=2))
    messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), NOW)
    records.undo(store)
    stored = store.get_interview(interview.id)
    assert stored.snoozed_until is None  # the snooze is undone...
    assert stored.draft == MessageDraft("thank_you", TEXT, NOW)  # ...the words typed are not
    records.redo(store)
    assert store.get_interview(interview.id).draft == MessageDraft("thank_you", TEXT, NOW)


def test_undoing_the_add_of_a_record_with_a_draft_keeps_it_in_the_trash(store, app):
    from jobtui.ops import views

    with store.change("the interview"):
        added = records.add_interview(
            store, Interview(application_id=app.id, starts_at=NOW - timedelta(hours=3))
        )
    interview_id = added.interview.id
    messages.save_draft(store, interview_id, MessageDraft("thank_you", TEXT), NOW)
    records.undo(store)
    trashed = [e for e in views.trash(store) if e.id == interview_id]
    assert trashed, "the interview with its draft went to the trash, not away"


def test_a_form_saving_an_old_copy_keeps_the_kept_draft(store, interview):
    old_copy = store.get_interview(interview.id)
    messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), NOW)
    old_copy.topics = "billing"
    records.save_edited(store, old_copy)
    stored = store.get_interview(interview.id)
    assert stored.topics == "billing" and stored.draft is not None and stored.draft.text == TEXT


def test_the_message_context_brings_the_kept_draft(store, app, interview):
    messages.save_draft(store, interview.id, MessageDraft("check_in", TEXT), NOW)
    context = messages.message_context(store, app.id, me=ME, now=NOW, rules=RULES)
    assert context.holder_id == interview.id
    assert context.kept == MessageDraft("check_in", TEXT, NOW)
    # An application with no interview keeps its draft itself.
    other = records.add_application(store, Application(company="B", role="R"), now=NOW)
    context = messages.message_context(store, other.application.id, me=ME, now=NOW)
    assert context.holder_id == other.application.id and context.kept is None


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
def test_hostile_text_is_kept_exactly(store, interview, text):
    messages.save_draft(store, interview.id, MessageDraft("thank_you", text), NOW)
    kept = store.get_interview(interview.id).draft
    assert kept is not None and kept.text == text


def test_the_composer_marking_sent_logs_the_exact_message_and_drops_the_draft(
    store, app, interview
):
    messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), NOW)
    done = followups.finish_message(
        store,
        app.id,
        interview_id=interview.id,
        template="thank_you",
        fields={},
        mark_sent=True,
        now=NOW,
        text=TEXT,
    )
    assert done.sent is not None
    [entry] = store.sent_log(app.id)
    assert (entry.subject, entry.body) == ("Thank you, Ana", "Hi Ana,\n\nThanks & more.\n\nJo")
    assert (entry.to, entry.channel) == ("ana@acme.example", "email")
    stored = store.get_interview(interview.id)
    assert stored.draft is None and stored.thank_you_sent_at == NOW


def test_marking_sent_names_the_interviewers_when_nobody_has_an_address(store, app):
    interview = Interview(
        application_id=app.id,
        starts_at=NOW - timedelta(days=1),
        interviewers=[Person.parse("Ana Lima"), Person.parse("Bo Chen")],
    )
    records.add_interview(store, interview)
    followups.finish_message(
        store,
        app.id,
        interview_id=interview.id,
        template="thank_you",
        fields={},
        mark_sent=True,
        now=NOW,
        text="Subject: Hi\n\nBody",
    )
    [entry] = store.sent_log(app.id)
    assert entry.to == "Ana Lima, Bo Chen"


def test_mark_sent_logs_the_kept_draft_of_the_message_owed(store, app, interview):
    messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), NOW)
    sent = followups.mark_sent(store, app.id, now=NOW, rules=RULES)
    assert sent.kind == SentKind.THANK_YOU
    [entry] = store.sent_log(app.id)
    assert entry.subject == "Thank you, Ana"
    assert entry.body == "Hi Ana,\n\nThanks & more.\n\nJo"
    assert entry.to == "ana@acme.example"
    stored = store.get_interview(interview.id)
    assert stored.draft is None and stored.thank_you_sent_at == NOW


def test_mark_sent_keeps_a_draft_of_another_message(store, app, interview):
    messages.save_draft(store, interview.id, MessageDraft("withdraw", TEXT), NOW)
    followups.mark_sent(store, app.id, now=NOW, rules=RULES)  # the thank-you
    [entry] = store.sent_log(app.id)
    assert (entry.subject, entry.body, entry.to) == ("", "", "")
    assert store.get_interview(interview.id).draft is not None


def test_mark_sent_with_a_kept_draft_on_the_application(store, app):
    contact = records.add_contact(
        store, Contact(name="Rita", email="rita@acme.example"), app_id=app.id
    )
    assert contact.application is not None
    stale = NOW + timedelta(days=10)  # an application follow-up is owed by then
    messages.save_draft(
        store, app.id, MessageDraft("application_follow_up", "Subject: Checking in\n\nHello"), NOW
    )
    sent = followups.mark_sent(store, app.id, now=stale, rules=RULES, to="Rita Explicit")
    assert sent.kind == SentKind.APPLICATION_FOLLOW_UP
    [entry] = store.sent_log(app.id)
    assert (entry.subject, entry.body, entry.to) == ("Checking in", "Hello", "Rita Explicit")
    assert store.get_application(app.id).draft is None


def test_undoing_mark_sent_brings_the_draft_back(store, app, interview):
    messages.save_draft(store, interview.id, MessageDraft("thank_you", TEXT), NOW)
    with store.change("logging the thank you"):
        followups.mark_sent(store, app.id, now=NOW, rules=RULES)
    records.undo(store)
    assert store.sent_log(app.id) == []
    assert store.get_interview(interview.id).draft == MessageDraft("thank_you", TEXT, NOW)
