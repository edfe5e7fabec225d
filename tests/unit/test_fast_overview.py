"""`jobtui list` builds the rows alone (overview.build_rows): the same rows, follow-ups and
next actions as the whole overview the TUI builds, without its timeline."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil import tz

from jobtui.config import FollowUpRules
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    SentFollowUp,
    SentKind,
    Status,
    StatusChange,
    Task,
)
from jobtui.core.overview import _row_and_entries, build_overview, build_rows, sort_rows

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)
RULES = FollowUpRules()


def _records() -> tuple[list[Application], dict, dict, list[Contact]]:
    day = timedelta(days=1)
    contact = Contact(name="Rita Lopez", id="c-1")
    apps = [
        Application("Acme", "Dev", id="a-applied", applied_on=(NOW - 20 * day).date()),
        Application(
            "Beta",
            "SRE",
            id="a-interviewing",
            status=Status.INTERVIEWING,
            status_history=[StatusChange(Status.INTERVIEWING, NOW - 30 * day)],
            contact_ids=["c-1"],
        ),
        Application("Gamma", "Data", id="a-wishlist", status=Status.WISHLIST, deadline=NOW + day),
        Application(
            "Delta",
            "Ops",
            id="a-offer",
            status=Status.OFFER,
            offer_deadline=NOW + 10 * day,
            tasks=[Task("Send the form", id="t-1", due=NOW - day)],
        ),
        Application("Eps", "QA", id="a-closed", status=Status.REJECTED),
        Application("Zeta", "PM", id="a-snoozed", snoozed_until=NOW + 3 * day),
    ]
    interviews = {
        "a-interviewing": [
            Interview("a-interviewing", NOW - 12 * day, id="i-1"),
            Interview("a-interviewing", NOW - 2 * day, id="i-2", cancelled=True),
            Interview("a-interviewing", NOW + 2 * day, id="i-3"),
        ],
        "a-closed": [Interview("a-closed", NOW - 3 * day, id="i-4")],
    }
    sent = {
        "a-applied": [
            SentFollowUp(SentKind.APPLICATION_FOLLOW_UP, NOW - 9 * day, "a-applied", id="s-1")
        ]
    }
    return apps, interviews, sent, [contact]


def test_the_rows_alone_are_the_overview_s_rows() -> None:
    records = _records()
    alone = build_rows(*records, NOW, RULES)
    whole = build_overview(*records, NOW, RULES).rows
    assert [r.app.id for r in alone] == [r.app.id for r in whole]
    for mine, theirs in zip(alone, whole, strict=True):
        assert mine.app is theirs.app
        assert mine.items == theirs.items
        assert mine.next_action == theirs.next_action
        assert mine.contacts == theirs.contacts
        assert mine.search_text == theirs.search_text
    for how in ("urgency", "company", "applied", "status"):
        assert [r.app.id for r in sort_rows(alone, how, NOW)] == [
            r.app.id for r in sort_rows(whole, how, NOW)
        ]
    # build_overview is build_rows plus the timeline: also hold the rows to the path that
    # builds each one with its entries (update_overview's), and to what the rules say.
    apps, interviews, sent, people = records
    by_id = {c.id: c for c in people}
    for mine, app in zip(alone, apps, strict=True):
        theirs, _ = _row_and_entries(
            app, interviews.get(app.id, []), sent.get(app.id, []), NOW, RULES, by_id
        )
        assert (mine.items, mine.next_action, mine.contacts) == (
            theirs.items,
            theirs.next_action,
            theirs.contacts,
        )
    assert {r.app.id: r.next_action for r in alone} == {
        "a-applied": "Follow up again: 7 business days quiet",
        "a-interviewing": "Thank-you overdue by 10d",
        "a-wishlist": "Deadline tomorrow 10:00",
        "a-offer": "Task overdue by 1d: Send the form",
        "a-closed": "",
        "a-snoozed": "Snoozed until Sun 29 Nov",
    }
