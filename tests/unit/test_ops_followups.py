"""jobtui.ops.followups and jobtui.ops.messages: marking sent (one path for the CLI, the
TUI key and the composer), snoozing, and the one message context."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import NOW

from jobtui.config import FollowUpRules, Me
from jobtui.core.model import Application, Contact, Interview, Person, SentKind, Status
from jobtui.db.store import NotFoundError, Store
from jobtui.ops import followups, messages, records

RULES = FollowUpRules()
ME = Me(name="Jo Park")


@pytest.fixture
def store():
    with Store(None, clock=lambda: NOW) as store:
        yield store


@pytest.fixture
def app(store) -> Application:
    app = Application(company="Acme", role="Dev")
    return records.add_application(store, app, now=NOW - timedelta(days=20)).application


def _interview(store: Store, app: Application, days_ago: float, **fields) -> Interview:
    interview = Interview(application_id=app.id, starts_at=NOW - timedelta(days=days_ago), **fields)
    records.add_interview(store, interview)
    return interview


def test_mark_sent_on_an_application_logs_the_owed_thank_you_and_marks_it(store, app):
    interview = _interview(store, app, 1)
    sent = followups.mark_sent(store, app.id, now=NOW, rules=RULES)
    assert sent.kind == SentKind.THANK_YOU
    assert sent.interview is not None and sent.interview.id == interview.id
    [entry] = store.sent_log(app.id)
    assert (entry.kind, entry.at, entry.interview_id) == (SentKind.THANK_YOU, NOW, interview.id)
    assert store.get_interview(interview.id).thank_you_sent_at == NOW


def test_mark_sent_with_a_kind_and_details(store, app):
    interview = _interview(store, app, 1)
    at = NOW - timedelta(hours=2)
    sent = followups.mark_sent(
        store,
        interview.id[:6],
        now=NOW,
        rules=RULES,
        kind=SentKind.CHECK_IN,
        at=at,
        to="Ana",
        channel="linkedin",
    )
    [entry] = store.sent_log(app.id)
    assert entry == sent.entry
    assert (entry.kind, entry.at, entry.to, entry.channel) == (
        SentKind.CHECK_IN,
        at,
        "Ana",
        "linkedin",
    )
    assert entry.interview_id == interview.id
    assert store.get_interview(interview.id).thank_you_sent_at is None  # not a thank-you


def test_mark_sent_with_nothing_owed_logs_an_application_follow_up(store, app):
    sent = followups.mark_sent(store, app.id, now=NOW, rules=RULES)
    assert sent.kind == SentKind.APPLICATION_FOLLOW_UP and sent.interview is None
    assert [e.kind for e in store.sent_log(app.id)] == [SentKind.APPLICATION_FOLLOW_UP]


def test_mark_sent_for_a_missing_record_logs_nothing(store, app):
    with pytest.raises(NotFoundError):
        followups.mark_sent(store, "zzzz", now=NOW, rules=RULES)
    assert store.sent_log() == []


def test_finish_message_saves_the_fields_and_logs_by_template(store, app):
    interview = _interview(store, app, 1, notes="kept")
    done = followups.finish_message(
        store,
        app.id,
        interview_id=interview.id,
        template="thank_you",
        fields={"topics": "billing"},
        mark_sent=True,
        to="Ana",
        now=NOW,
    )
    assert done.kind == SentKind.THANK_YOU and done.saved_fields == ["topics"]
    stored = store.get_interview(interview.id)
    assert (stored.topics, stored.notes, stored.thank_you_sent_at) == ("billing", "kept", NOW)
    [entry] = store.sent_log(app.id)
    assert (entry.kind, entry.to, entry.interview_id) == (SentKind.THANK_YOU, "Ana", interview.id)


def test_finish_message_without_mark_sent_only_saves_the_fields(store, app):
    interview = _interview(store, app, 1)
    done = followups.finish_message(
        store,
        app.id,
        interview_id=interview.id,
        template="check_in",
        fields={"liked": "the team"},
        mark_sent=False,
        to="",
        now=NOW,
    )
    assert done.sent is None and done.kind == SentKind.CHECK_IN
    assert store.get_interview(interview.id).liked == "the team"
    assert store.sent_log() == []


def test_snooze_and_clear(store, app):
    until = NOW + timedelta(days=3)
    assert followups.snooze(store, app.id[:5], until).until == until
    assert store.get_application(app.id).snoozed_until == until
    followups.snooze(store, app.id, None)
    assert store.get_application(app.id).snoozed_until is None


def test_message_context_of_an_application_uses_its_latest_interview_so_far(store, app):
    _interview(store, app, 5)
    latest = _interview(store, app, 1, interviewers=[Person.parse("Ana Lima")])
    _interview(store, app, -2)  # still ahead
    rita = records.add_contact(store, Contact(name="Rita"), app_id=app.id).contact
    context = messages.message_context(store, app.id, me=ME, now=NOW)
    assert context.interview is not None and context.interview.id == latest.id
    assert [c.id for c in context.contacts] == [rita.id]
    assert context.recipient == "Ana Lima"
    variables = context.variables()
    assert variables["contact"].name == "Rita" and variables["me"] == ME
    assert variables["interviewers"][0].name == "Ana Lima"
    assert context.due is None  # without rules nothing is looked up
    draft = messages.render_draft(context, "thank_you")
    assert "Ana" in draft.text()


def test_message_context_with_rules_follows_what_is_owed(store, app):
    owed = _interview(store, app, 1)
    context = messages.message_context(store, app.id, me=ME, now=NOW, rules=RULES)
    assert context.interview is not None and context.interview.id == owed.id
    assert context.due is not None and context.suggested == "thank_you"


def test_message_context_leaves_out_deleted_contacts_and_has_no_interview_yet(store, app):
    gone = records.add_contact(store, Contact(name="Gone"), app_id=app.id).contact
    kept = records.add_contact(store, Contact(name="Kept"), app_id=app.id).contact
    records.delete(store, gone.id)
    context = messages.message_context(store, app.id, me=ME, now=NOW)
    assert [c.id for c in context.contacts] == [kept.id]
    assert context.interview is None and context.recipient == "Kept"
    assert context.application.status == Status.APPLIED


def test_render_message_of_an_interview(store, app):
    interview = _interview(store, app, 1, interviewers=[Person.parse("Bo Chen")])
    draft = messages.render_message(store, interview.id[:6], "thank_you", me=ME, now=NOW)
    assert "Bo" in draft.text() and "Jo Park" in draft.text()


def test_mark_sent_with_nothing_owed_logs_nothing_and_says_so(store, app):
    future = _interview(store, app, -3)  # still to come: no thank-you is owed yet
    for target in (app.id, future.id):
        with pytest.raises(followups.NothingOwed, match="nothing was logged"):
            followups.mark_sent(store, target, now=NOW, rules=RULES)
    assert store.sent_log(app.id) == []
    assert store.get_interview(future.id).thank_you_sent_at is None


def test_mark_sent_on_a_wishlist_owes_no_follow_up(store):
    wish = records.add_application(
        store, Application(company="Dream Co", role="Dev", status=Status.WISHLIST), now=NOW
    ).application
    with pytest.raises(followups.NothingOwed, match="Dream Co — Dev"):
        followups.mark_sent(store, wish.id, now=NOW + timedelta(days=60), rules=RULES)
    assert store.sent_log(wish.id) == []


def test_mark_sent_with_a_kind_logs_it_on_purpose_when_nothing_is_owed(store, app):
    future = _interview(store, app, -3)
    sent = followups.mark_sent(store, future.id, now=NOW, rules=RULES, kind=SentKind.CHECK_IN)
    assert (sent.kind, sent.interview.id) == (SentKind.CHECK_IN, future.id)
    assert [e.kind for e in store.sent_log(app.id)] == [SentKind.CHECK_IN]
