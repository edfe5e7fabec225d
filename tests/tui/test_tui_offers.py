"""The offers screen (O): the open offers side by side, as a user sees it; its snapshots."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like
from rich.table import Table
from rich.text import Text
from test_hostile_text import assert_safe
from test_snapshots import NARROW, WIDE, _after
from test_snapshots import demo_app as demo_app  # the snapshots' fixture, shared
from tui_helpers import make_app, screen_text, settle

from jobtui.core.model import Application, Status
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo

SIZE = (120, 40)


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


def _save(db_path, now, *apps: Application) -> None:
    with Store(db_path, clock=lambda: now) as store:
        for app in apps:
            store.save(app)


def _offer(company: str, **fields) -> Application:
    app = Application(company=company, role="Dev")
    app.status = Status.OFFER
    for name, value in fields.items():
        setattr(app, name, value)
    return app


def _tables(app) -> list[Table]:
    return [s.content for s in app.screen.query(".offers-table")]


def _row(table: Table, label: str) -> list[Text]:
    """The cells of the row called ``label``, one per offer."""
    labels = [cell.plain for cell in table.columns[0].cells]
    at = labels.index(label)
    return [list(column.cells)[at] for column in table.columns[1:]]


def _is_marked(cell: Text) -> bool:
    return cell.plain.endswith(" *") and any("bold" in str(span.style) for span in cell.spans)


async def _open(pilot, app) -> None:
    await settle(pilot, app)
    await pilot.press("O")
    await pilot.pause()
    assert type(app.screen).__name__ == "OffersScreen"


async def test_o_opens_the_demo_offers_with_their_totals_and_the_highest_marked(demo_db, now):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        text = screen_text(app)
        assert "In EUR · 2 offers" in text
        assert "Brightwell Energy — Senior Backend" in text
        assert "Tidewater Bank — Senior Python Engineer," in text
        assert "102,000 *" in text and "101,200 *" in text  # first year, then yearly
        assert "40,000 / 4 = 10,000 *" in text
        assert "Wed 2 Dec 17:00, in 6d" in text
        assert "* the highest in its row" in text
        assert "not compared" not in text
        [table] = _tables(app)
        brightwell, tidewater = _row(table, "First year")
        assert brightwell.plain == "102,000 *" and _is_marked(brightwell)
        assert tidewater.plain == "101,200" and not _is_marked(tidewater)
        brightwell, tidewater = _row(table, "Yearly after")
        assert (brightwell.plain, tidewater.plain) == ("96,000", "101,200 *")
        assert _is_marked(tidewater) and not _is_marked(brightwell)
        assert [c.plain for c in _row(table, "Bonus")] == ["missing", "9,200 *"]
        assert "Three office days a week in Amsterdam." in _row(table, "Notes")[1].plain
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


@pytest.mark.parametrize("key", ["q", "O"])
async def test_q_and_o_close_it_too(demo_db, now, key):
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        await pilot.press(key)
        assert type(app.screen).__name__ == "MainScreen"


async def test_currencies_are_compared_apart_and_said_so(db_path, now):
    _save(
        db_path,
        now,
        _offer("Acme", offer_base=90_000, offer_currency="EUR"),
        _offer("Brill", offer_base=95_000, offer_currency="EUR"),
        _offer("Zeta", offer_base=200_000, offer_currency="USD"),
    )
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        text = screen_text(app)
        assert "In EUR · 2 offers" in text and "In USD · 1 offer" in text
        assert "Offers in EUR and USD are not compared with each other." in text
        eur, usd = _tables(app)
        assert [c.plain for c in _row(eur, "Base")] == ["90,000", "95,000 *"]
        assert [c.plain for c in _row(usd, "Base")] == ["200,000"]  # alone: nothing marked


async def test_the_answer_by_date_is_drawn_in_its_urgency_colour(db_path, now):
    soon = _offer("Acme", offer_base=1, offer_deadline=now + timedelta(hours=5))
    _save(db_path, now, soon, _offer("Brill", offer_base=2, offer_currency=""))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        [table] = _tables(app)
        due, none = _row(table, "Answer by")
        assert due.plain == "Thu 26 Nov 15:00, in 5h (due today)"
        colours = {str(s.style.color.triplet.hex).lower() for s in due.spans if s.style.color}
        assert app.current_theme.warning.lower() in colours
        assert none.plain == "no date"


async def test_an_answer_by_date_alone_shows_its_day_and_the_time_to_its_end(db_path, now):
    tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0)  # "answer_by=tomorrow"
    _save(db_path, now, _offer("Acme", offer_base=1, offer_deadline=tomorrow))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        [table] = _tables(app)
        [due] = _row(table, "Answer by")
        # Due all of Friday: overdue at its end, a day and 14 hours away; never "00:00".
        assert due.plain == "Fri 27 Nov, in 1d (upcoming)"
        assert "00:00" not in screen_text(app)


async def test_no_offers_says_how_to_add_one(db_path, now):
    _save(db_path, now, Application(company="Acme", role="Dev"))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        text = " ".join(screen_text(app).split())
        assert "No open offers. Give an application the status offer (s)" in text
        assert "its offer in the form (e)" in text
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
async def test_hostile_names_currencies_and_notes_show_as_typed(db_path, now, text):
    hostile = _offer(text, offer_base=1, offer_currency=text[:40], offer_notes=text)
    hostile.role = text
    _save(db_path, now, hostile, _offer("Acme", offer_base=2, offer_currency="EUR"))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        assert_safe(app, looks_like(text, 4))
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


# ------------------------------------------------------------------------- snapshots


def test_offers_snapshot_wide(snap_compare, demo_app):
    """O at 120x40: the two demo offers side by side, the highest in each row marked."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("O"))


def test_offers_snapshot_narrow(snap_compare, demo_app):
    """O at 80x24: the columns narrow, names and notes wrap, the body scrolls."""
    assert snap_compare(demo_app, terminal_size=NARROW, run_before=_after("O"))
