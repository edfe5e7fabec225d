"""The sent log in the TUI: the details pane lists what was sent, v reads a message exactly as
it was sent, and the palette's "Log a message sent…" logs any message on purpose (undoably)."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like
from test_hostile_text import raw_controls
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    Person,
    SentFollowUp,
    SentKind,
    Status,
)
from jobtui.db.store import Store
from jobtui.tui.screens.log_message import LogMessageDialog
from jobtui.tui.screens.main import MainScreen
from jobtui.tui.screens.sent_message import SentMessageScreen
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)
BODY = "Dear Ana,\n\nThank you for today: the [bold]queue[/] design was fun.\n\nBest,\nMe"


def _sent_on_disk(db_path) -> list[dict]:
    return list(orjson.loads(db_path.read_bytes()).get("sent", {}).values())


def _build(db_path, now, *, sent: list[dict] | None = None, contact: bool = False) -> dict:
    """Acme, applied 10 days ago, an interview yesterday with Ana (optionally a contact),
    and the messages ``sent`` (SentFollowUp fields; "about": "interview" ties one to it)."""
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Backend Engineer")
        app.set_status(Status.APPLIED, now - timedelta(days=10))
        if contact:
            person = Contact(name="Rita Recruiter", email="rita@acme.example")
            store.save_with_contacts(app, [person])
        else:
            store.save(app)
        interview = Interview(
            application_id=app.id,
            starts_at=now - timedelta(days=1),
            interviewers=[Person("Ana Lima", "ana@acme.example")],
        )
        store.add_interview(interview)
        for fields in sent or []:
            fields = dict(fields)
            about = fields.pop("about", None)
            store.log_sent(
                SentFollowUp(
                    application_id=app.id,
                    interview_id=interview.id if about == "interview" else None,
                    **fields,
                )
            )
    return {"app": app.id, "interview": interview.id}


def _two_messages(now) -> list[dict]:
    return [
        {
            "kind": SentKind.THANK_YOU,
            "at": now - timedelta(hours=20),
            "to": "Ana Lima <ana@acme.example>",
            "subject": "Thanks for today",
            "body": BODY,
            "about": "interview",
        },
        {"kind": SentKind.CHECK_IN, "at": now - timedelta(hours=2), "to": "Bo"},
    ]


async def test_the_details_pane_lists_what_was_sent_newest_first(db_path, now):
    _build(db_path, now, sent=_two_messages(now))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        lines = [line for line in screen_text(app).splitlines() if "Sent " in line]
        assert len(lines) == 2
        assert "26 Nov 08:00  check in  to Bo" in lines[0]
        assert "25 Nov 14:00  thank you  to Ana Lima  Thanks for" in lines[1]  # cut to fit


async def test_the_interview_details_list_only_the_messages_about_it(db_path, now):
    _build(db_path, now, sent=_two_messages(now))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab")
        await settle(pilot, app)
        assert isinstance(app.focused, Timeline)
        lines = [line for line in screen_text(app).splitlines() if "Sent " in line]
        assert len(lines) == 1 and "thank you  to Ana Lima  Thanks" in lines[0]


async def test_v_lists_the_messages_and_shows_each_exactly_esc_closes(db_path, now):
    _build(db_path, now, sent=_two_messages(now))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("v")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SentMessageScreen)
        text = screen_text(app)
        assert "2 messages sent for Acme — Backend Engineer" in text
        # The newest first, highlighted and shown: it was logged without its text.
        assert "Logged without its text." in text
        await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "SubjectThanks for today" in text  # (the grid's padding is not text)
        assert "To     Ana Lima <ana@acme.example>" in text
        assert "Channelemail" in text
        assert "the [bold]queue[/] design was fun." in text  # markup shown, not read
        assert screen.query_one("#sent-body").text == BODY  # exactly, and read-only
        assert screen.query_one("#sent-body").read_only
        await pilot.press("enter")  # into the text, to scroll it
        await pilot.pause()
        assert app.focused is screen.query_one("#sent-body")
        await pilot.press("x")  # nothing can be typed in it
        assert screen.query_one("#sent-body").text == BODY
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)


async def test_v_on_an_interview_with_one_message_shows_it_without_a_list(db_path, now):
    _build(db_path, now, sent=_two_messages(now))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "v")
        await settle(pilot, app)
        assert isinstance(app.screen, SentMessageScreen)
        assert not app.screen.query("#sent-list")
        text = screen_text(app)
        assert "Sent for the other interview with Acme" in text
        assert "Dear Ana," in text and "SubjectThanks for today" in text
        await pilot.press("q")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen) and app.is_running


async def test_v_with_nothing_sent_says_so_and_opens_nothing(db_path, now):
    _build(db_path, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("v")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert notices(app)[-1] == "Nothing sent yet for Acme — Backend Engineer."


@pytest.mark.parametrize("name", HOSTILE_IDS)
async def test_hostile_subject_body_and_to_are_shown_exactly(name, db_path, now):
    hostile = dict(HOSTILE)[name]
    _build(
        db_path,
        now,
        sent=[
            {
                "kind": SentKind.OTHER,
                "at": now - timedelta(hours=1),
                "to": hostile,
                "subject": hostile,
                "body": f"{hostile}\nline two",
            }
        ],
    )
    seen = looks_like(hostile)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert seen in screen_text(app)  # the details pane's line
        assert raw_controls(app) == []
        await pilot.press("v")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, SentMessageScreen)
        assert screen.query_one("#sent-body").text == f"{hostile}\nline two"
        text = screen_text(app)
        assert f"To     {seen}" in text and f"Subject{seen}" in text
        assert raw_controls(app) == []
        assert app.return_code is None


async def test_the_palette_logs_a_chosen_kind_and_u_undoes_it(db_path, now):
    _build(db_path, now, contact=True)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("ctrl+p", *"Log a message")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, LogMessageDialog)
        text = screen_text(app)
        # The thank-you for yesterday's interview is owed: it is the one highlighted.
        assert "thank you  owed now" in text
        assert dialog.kind == SentKind.THANK_YOU
        # To whom: the interviewer of the interview it is about (the contact otherwise).
        assert dialog.query_one("#log-to").value == "ana@acme.example"
        assert dialog.query_one("#log-channel").value == "email"
        await pilot.press("down")  # check in
        await pilot.press("tab", "tab")
        dialog.query_one("#log-channel").value = "linkedin"
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        [sent] = _sent_on_disk(db_path)
        assert (sent["kind"], sent["to"], sent["channel"]) == (
            "check_in",
            "ana@acme.example",
            "linkedin",
        )
        assert sent["at"] == now.isoformat()
        assert notices(app)[-1] == "Logged the check in message for Acme"
        assert "26 Nov 10:00  check in  to ana@acme.example" in screen_text(app)  # the details pane
        await pilot.press("u")
        await settle(pilot, app)
        assert _sent_on_disk(db_path) == []
        assert notices(app)[-1] == "Undid logging the check in message for Acme."


async def test_the_log_dialog_prefills_the_contacts_and_esc_logs_nothing(db_path, now):
    # Nothing owed (the thank-you was sent): "other" is highlighted, the contact prefilled.
    ids = _build(db_path, now, sent=_two_messages(now)[:1], contact=True)
    with Store(db_path, clock=lambda: now) as store:
        interview = store.get_interview(ids["interview"])
        interview.interviewers = []
        interview.thank_you_sent_at = now - timedelta(hours=20)
        store.save(interview)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await app.screen.run_action("log_message")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, LogMessageDialog)
        assert dialog.kind == SentKind.OTHER
        assert dialog.query_one("#log-to").value == "rita@acme.example"
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    app.data.close()
    assert len(_sent_on_disk(db_path)) == 1
