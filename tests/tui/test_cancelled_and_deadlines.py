"""The timeline and details pane for cancelled interviews and deadlines (Pilot tests).

A cancelled interview's row is struck through with a "cancelled" badge and its details say
so; a deadline has its own row and badge, its details pane, and selecting it never makes an
interview action crash. "Now" is frozen at Thu 2026-11-26 10:00 Europe/Berlin."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like
from rich.text import Text
from test_hostile_text import raw_controls
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.core.model import Application, Interview, Person, Status
from jobtui.db.store import Store
from jobtui.tui.widgets.details import Details, deadline_details
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)
HOUR = timedelta(hours=1)


def _at(now: datetime, days: int, hour: int) -> datetime:
    return (now + timedelta(days=days)).replace(hour=hour, minute=0)


def _fill(db_path, now: datetime, *, company: str = "Acme", role: str = "Backend") -> None:
    """Acme (still on the wishlist: its deadline, today 17:00, is when to apply by): a held
    interview (thanked; an informal chat), a cancelled one yesterday; Beta: an offer to
    answer tomorrow noon."""
    with Store(db_path, clock=lambda: now) as store:
        acme = Application(
            company=company,
            role=role,
            status=Status.WISHLIST,
            deadline=_at(now, 0, 17),
            created_at=now - timedelta(days=20),
        )
        store.save(acme)
        held = Interview(
            application_id=acme.id,
            starts_at=_at(now, -3, 9),
            thank_you_sent_at=_at(now, -3, 12),
            id="held",
        )
        gone = Interview(
            application_id=acme.id,
            starts_at=_at(now, -1, 14),
            interviewers=[Person(company, "x@example.com")],
            where=role,
            outcome=role,
            cancelled=True,
            id="gone",
        )
        store.save(held)
        store.save(gone)
        beta = Application(
            company="Beta", role="Ops", status=Status.OFFER, offer_deadline=_at(now, 1, 12)
        )
        store.save(beta)


def _apps(app) -> tuple[Application, Application]:
    """Acme (whatever its name) and Beta, from the overview the screen shows."""
    rows = app.screen.overview.rows
    beta = next(r.app for r in rows if r.app.company == "Beta")
    return next(r.app for r in rows if r.app is not beta), beta


def _option(app, entry_id: str):
    timeline = app.screen.query_one(Timeline)
    return timeline.get_option_at_index(timeline.get_option_index(entry_id))


async def _highlight(pilot, app, entry_id: str) -> None:
    timeline = app.screen.query_one(Timeline)
    if app.focused is not timeline:
        await pilot.press("tab")
    timeline.highlighted = timeline.get_option_index(entry_id)
    await settle(pilot, app)


def _struck(text: Text, words: str) -> bool:
    """Whether ``words`` in ``text`` carry a strike-through style."""
    start = text.plain.index(words)
    end = start + len(words)
    return any(
        span.start <= start and span.end >= end and getattr(span.style, "strike", False)
        for span in text.spans
    )


async def test_a_cancelled_interview_is_struck_through_with_a_badge(db_path, now):
    _fill(db_path, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        prompt = _option(app, "gone").prompt
        assert isinstance(prompt, Text)
        assert " cancelled " in prompt.plain
        assert _struck(prompt, "Acme — Backend")
        held = _option(app, "held").prompt
        assert not _struck(held, "Acme — Backend")
        assert prompt.plain.startswith("▌14:00  cancelled  Acme — Backend · other")
        text = screen_text(app)
        # Nothing owed, and the summary counts no interview for it (the held one was Monday).
        assert "1 interview this week" in text
        await _highlight(pilot, app, "gone")
        details = screen_text(app)
        assert "CANCELLED" in details and "yes, nothing is owed for it" in details
        assert "Thank-you" not in details.split("CANCELLED", 1)[1].split("Notes", 1)[0]


async def test_deadlines_have_their_own_rows_badges_and_count(db_path, now):
    _fill(db_path, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        acme, beta = _apps(app)
        mine = _option(app, f"deadline:{acme.id}").prompt.plain
        assert mine == "▌17:00  deadline due  Acme — Backend · deadline"
        offer = _option(app, f"offer_deadline:{beta.id}").prompt.plain
        assert offer == " 12:00  offer answer  Beta — Ops · answer the offer"
        text = screen_text(app)
        assert "1 follow-up due now" in text  # the deadline due today
        assert "Deadline today 17:00" in text  # Acme's next action
        assert "Thu 26 Nov 2026 17:00 CET (due today)" in text  # the details
        timeline = app.screen.query_one(Timeline)
        ids = [timeline.get_option_at_index(n).id for n in range(timeline.option_count)]
        real = [i for i in ids if i is not None and i != "__now__"]
        assert len(real) == len(set(real)) == 4


async def test_a_deadline_row_selected_is_no_interview_and_nothing_crashes(db_path, now):
    _fill(db_path, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        acme, _ = _apps(app)
        deadline_id = f"deadline:{acme.id}"
        await _highlight(pilot, app, deadline_id)
        timeline = app.screen.query_one(Timeline)
        assert timeline.selected_id is None  # not an interview's id
        entry = timeline.selected_entry
        assert entry is not None and entry.kind == "deadline" and entry.app.id == acme.id
        assert app.screen.selected_interview() is None
        # The interview actions act on the application, never on a made-up interview.
        for key in ("t", "m"):
            await pilot.press(key)
            await settle(pilot, app)
            while app.screen is not app.screen_stack[1]:
                await pilot.press("escape")
                await settle(pilot, app)
        assert app.is_running
        assert not [n for n in notices(app) if "Traceback" in n or "Error" in n]


async def test_the_deadline_details(db_path, now):
    _fill(db_path, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        overview = app.screen.overview
        (entry,) = [
            e for e in overview.timeline if e.kind == "deadline" and e.app.company == "Beta"
        ]
        details = app.screen.query_one(Details)
        details.show_deadline(entry, now)
        await settle(pilot, app)
        text = screen_text(app)
        assert "Offer answer — Beta — Ops" in text
        assert "Fri 27 Nov 2026 12:00 CET (coming up)" in text
        assert "A deadline, not an interview" in text
        assert deadline_details(entry, now) is not None


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=HOSTILE_IDS)
async def test_hostile_text_in_a_cancelled_interview(db_path, now, name, text):
    _fill(db_path, now, company=text, role=text)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        assert raw_controls(app) == []
        prompt = _option(app, "gone").prompt
        assert isinstance(prompt, Text)
        # A long name leaves room for the badge's mark only.
        assert re.match(r"▌14:00  (cancelled|✗)  ", prompt.plain)
        assert looks_like(text, 4) in prompt.plain
        assert _struck(prompt, looks_like(text, 4))
        await _highlight(pilot, app, "gone")
        assert raw_controls(app) == []
        assert "CANCELLED" in screen_text(app)
        acme, _ = _apps(app)
        await _highlight(pilot, app, f"deadline:{acme.id}")
        assert raw_controls(app) == []


async def test_a_deadline_row_shows_its_details_and_refuses_interview_actions(db_path, now):
    _fill(db_path, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _, beta = _apps(app)
        await _highlight(pilot, app, f"offer_deadline:{beta.id}")
        text = screen_text(app)
        assert "Offer answer — Beta — Ops" in text and "A deadline, not an interview" in text
        for key in ("e", "d", "t"):
            await pilot.press(key)
            await settle(pilot, app)
            assert app.screen is app.screen_stack[-1] and not app.screen.is_modal
        said = [n for n in notices(app) if "not an interview" in n]
        assert len(said) == 3 and "deadline of Beta" in said[0]
