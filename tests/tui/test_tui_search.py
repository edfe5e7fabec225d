"""`/` searches all text: a word from the notes, a contact's name or an interview's notes
shows that row, which says where it matched (at 120 and 80 columns); the timeline's
filter; hostile text in the excerpt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hostile import HOSTILE, looks_like
from test_hostile_text import assert_safe
from tui_helpers import make_app, screen_text, settle

from jobtui.core.model import Application, Contact, Interview, Status
from jobtui.core.textsafe import has_controls
from jobtui.db.store import Store
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.timeline import Timeline

WIDE, NARROW = (120, 40), (80, 24)


@pytest.fixture
def search_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        acme = Application(
            company="Acme",
            role="Backend Engineer",
            notes="Met the team lead.\nThey use Erlang for the billing core.",
        )
        acme.set_status(Status.APPLIED, now - timedelta(days=2))
        store.save(acme)
        globex = Application(company="Globex", role="Data Engineer")
        globex.set_status(Status.INTERVIEWING, now - timedelta(days=5))
        store.save_with_contacts(globex, [Contact(name="Rita López", title="Recruiter")])
        initech = Application(company="Initech", role="Platform Engineer")
        initech.set_status(Status.INTERVIEWING, now - timedelta(days=9))
        store.save(initech)
        store.add_interview(
            Interview(
                application_id=initech.id,
                starts_at=now - timedelta(days=1),
                notes="Deep dive into their Terraform modules",
            )
        )
    return db_path


def _rows(app) -> list[tuple[str, str]]:
    """(company, next action cell) of each row shown."""
    table = app.screen.query_one(ApplicationsTable)
    return [
        (table.get_row_at(i)[1].plain, table.get_row_at(i)[5].plain) for i in range(table.row_count)
    ]


async def _search(pilot, app, word: str) -> None:
    await pilot.press("slash", *word)
    await settle(pilot, app)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120", "80"])
@pytest.mark.parametrize(
    ("word", "company", "hint"),
    [
        ("erlang", "Acme", "⌕ notes: …They use Erlang for the billing core."),
        ("LOPEZ", "Globex", "⌕ contact Rita López"),
        ("terraform", "Initech", "⌕ interview notes: …into their Terraform modules"),
    ],
    ids=["notes", "contact", "interview-notes"],
)
async def test_slash_finds_a_word_anywhere_and_says_where(
    search_db, now, size, word, company, hint
):
    app = make_app(search_db, now)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        await _search(pilot, app, word)
        assert _rows(app) == [(company, hint)]
        # The start of the hint is on screen even at 80 columns (the cell cuts the rest).
        where = hint.split(":")[0][:18]
        assert where in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert len(_rows(app)) == 3
        assert not any(cell.startswith("⌕") for _, cell in _rows(app))


async def test_a_match_in_a_column_shows_the_next_action(search_db, now):
    app = make_app(search_db, now)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot, app)
        before = dict(_rows(app))
        await _search(pilot, app, "engineer")  # every role
        assert dict(_rows(app)) == before


async def test_the_timeline_filter_searches_interview_notes(search_db, now):
    app = make_app(search_db, now)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot, app)
        await pilot.press("tab")  # the timeline
        await settle(pilot, app)
        assert isinstance(app.focused, Timeline)
        await _search(pilot, app, "TERRAFORM")
        assert "Timeline · filter: TERRAFORM" in screen_text(app)
        assert "Initech" in screen_text(app).split("Timeline · filter")[1]


async def test_hostile_text_in_the_excerpt_is_shown_literally(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        for n, (_, text) in enumerate(HOSTILE):
            app = Application(company=f"Co {n:02}", role="Dev", notes=f"note findme{n} {text}")
            store.save(app)
    app = make_app(db_path, now)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot, app)
        await _search(pilot, app, "findme")
        rows = dict(_rows(app))
        assert len(rows) == len(HOSTILE)
        for n, (_, text) in enumerate(HOSTILE):
            cell = rows[f"Co {n:02}"]
            assert cell.startswith(f"⌕ notes: note findme{n} {looks_like(text, 6)}")
            assert not has_controls(cell)
        assert_safe(app, "⌕ notes: note findme0 [bold red]x[/]")
