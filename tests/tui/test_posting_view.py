"""The captured posting in place of the note editor (p): what the user reads, how it scrolls,
that it follows the selection, that the notes are never lost, and that hostile text in a
posting is shown as typed."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from hostile import HOSTILE, looks_like
from test_hostile_text import assert_safe
from test_snapshots import NARROW, WIDE, _after
from textual.widgets import Static
from tui_helpers import SIGNED, make_app, screen_text, settle, wait_for

from jobtui.core.model import Application, Interview, Person, Status
from jobtui.core.textsafe import visible
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.editor import NoteEditor
from jobtui.tui.widgets.posting import PostingScroll, PostingView
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)
# A posting longer than the pane: its last line is below the fold.
LONG_POSTING = (
    "# Backend Engineer\n\nAcme builds **rockets**. We run Kubernetes on bare metal.\n\n"
    "## What you will do\n\n"
    + "\n".join(f"- Duty number {n}: keep the launch pipeline green" for n in range(1, 61))
    + "\n\nThe very last line of the posting."
)
URL = "https://jobs.acme.example/backend-engineer"


def _disk_notes(db_path, company: str) -> str:
    apps = orjson.loads(db_path.read_bytes())["applications"].values()
    return next(a["notes"] for a in apps if a["company"] == company)


@pytest.fixture
def postings_db(db_path, now):
    """Acme (a long posting, fetched now, one interview), then Beta (a URL, no posting),
    then Gamma (no URL, no posting), in that order on screen."""
    with Store(db_path, clock=lambda: now) as store:
        acme = Application(
            company="Acme",
            role="Backend Engineer",
            url=URL,
            description=LONG_POSTING,
            posting_fetched_at=now,
            notes="old notes",
        )
        acme.set_status(Status.INTERVIEWING, now - timedelta(days=3))
        store.save(acme)
        store.save(
            Interview(
                application_id=acme.id,
                starts_at=now + timedelta(days=2),
                interviewers=[Person(name="Dana")],
            )
        )
        beta = Application(company="Beta", role="Data Engineer", url="https://beta.example/j/1")
        beta.set_status(Status.APPLIED, now - timedelta(days=2))
        store.save(beta)
        gamma = Application(company="Gamma", role="Platform Engineer")
        gamma.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(gamma)
    return db_path


def _select(app, company: str) -> None:
    table = app.screen.query_one(ApplicationsTable)
    for index in range(table.row_count):
        if table.get_row_at(index)[1].plain == company:
            table.move_cursor(row=index)
            return
    raise AssertionError(f"{company} not in the table")


def _posting(app) -> PostingView:
    return app.screen.query_one(PostingView)


def _title(app) -> str:
    """The posting's title line in full (the screen shows as much as fits)."""
    return app.screen.query_one("#posting-title", Static).content.plain


def _body(app) -> str:
    """The posting's text in full (the screen shows the part scrolled to)."""
    return app.screen.query_one("#posting-text", Static).content.plain


async def test_p_shows_the_posting_of_the_selected_row_and_p_brings_the_notes_back(
    postings_db, now
):
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Acme")
        await settle(pilot, app)
        assert "Notes — Acme · Backend Engineer" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        # The title is one line; the URL, cut to fit, is in full in the details above.
        assert "Posting · fetched Thu 26 Nov 2026 10:00 · https://jobs.a" in text
        assert URL in text
        assert _title(app) == f"Posting · fetched Thu 26 Nov 2026 10:00 · {URL}"
        assert "# Backend Engineer" in text  # the Markdown as stored
        assert "Acme builds **rockets**." in text
        assert "Notes —" not in text and "old notes" not in text
        assert isinstance(app.focused, PostingScroll)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "Posting ·" not in text
        assert "Notes — Acme · Backend Engineer" in text and "old notes" in text
        assert isinstance(app.focused, ApplicationsTable)  # where it was before


async def test_keys_scroll_the_posting(postings_db, now):
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Acme")
        await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        scroll = app.screen.query_one(PostingScroll)
        assert scroll.scroll_y == 0
        assert "The very last line of the posting." not in screen_text(app)
        await pilot.press("down", "down")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 2
        assert "# Backend Engineer" not in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert "The very last line of the posting." in screen_text(app)
        await pilot.press("pageup", "home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        assert "# Backend Engineer" in screen_text(app)
        # The title stays above the text while it scrolls.
        await pilot.press("end")
        await pilot.pause()
        assert "Posting · fetched" in screen_text(app)


async def test_moving_to_another_application_shows_its_posting(postings_db, now):
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Acme")
        await settle(pilot, app)
        await pilot.press("p", "pagedown")
        await pilot.pause()
        await pilot.press("tab")  # from the posting back round to the applications
        await pilot.pause()
        assert isinstance(app.focused, ApplicationsTable)
        _select(app, "Beta")
        await settle(pilot, app)
        text = screen_text(app)
        assert "Posting · https://beta.example/j/1" in text
        assert "No posting captured yet: jobtui fetch " in text
        beta = app.screen.selected_row()
        assert (
            _body(app)
            == f"No posting captured yet: jobtui fetch {beta.app.id[:8]} reads it from its URL."
        )
        assert "Acme builds" not in text and "Duty number" not in text
        _select(app, "Gamma")
        await settle(pilot, app)
        gamma = app.screen.selected_row()
        assert _title(app) == "Posting"
        assert _body(app) == (
            "No posting captured yet, and no URL to read it from: give the application its "
            f"URL, then jobtui fetch {gamma.app.id[:8]} (or add it with jobtui add URL)."
        )
        assert "No posting captured yet, and no URL to read it from" in screen_text(app)
        _select(app, "Acme")  # another application's posting starts at its top
        await settle(pilot, app)
        assert app.screen.query_one(PostingScroll).scroll_y == 0
        assert "# Backend Engineer" in screen_text(app)


async def test_an_interview_selected_shows_its_applications_posting(postings_db, now):
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Gamma")
        await settle(pilot, app)
        await pilot.press("tab")
        await pilot.pause()
        timeline = app.screen.query_one(Timeline)
        assert app.focused is timeline
        found = app.screen.selected_interview()
        assert found is not None and found[1].app.company == "Acme"
        await pilot.press("p")
        await pilot.pause()
        assert "Acme builds **rockets**." in screen_text(app)
        await pilot.press("escape")  # the notes again, and focus where it was
        await pilot.pause()
        assert app.focused is timeline
        assert "Notes — Acme · other 28 Nov" in screen_text(app)


async def test_a_redraw_keeps_the_interview_whose_notes_or_posting_are_shown(postings_db, now):
    """Writing an interview's notes (or reading its posting), a redraw (a change made
    elsewhere) keeps that interview in the right-hand pane, not its application's."""
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Acme")
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("tab", "tab")  # the timeline (its interview), then the editor
        await pilot.pause()
        assert app.focused is editor.text_area and editor.target.kind == "interview"
        app.screen.show(app.screen.overview)
        await pilot.pause()
        assert editor.target.kind == "interview"
        app.screen.toggle_posting()
        await pilot.pause()
        app.screen.show(app.screen.overview)
        await pilot.pause()
        assert editor.target.kind == "interview"
        assert "Acme builds **rockets**." in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert "Notes — Acme · other 28 Nov" in screen_text(app)


async def test_escape_in_the_posting_brings_the_notes_back(postings_db, now):
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        assert _posting(app).display
        await pilot.press("escape")
        await pilot.pause()
        assert not _posting(app).display
        assert app.screen.query_one(NoteEditor).display
        assert isinstance(app.focused, ApplicationsTable)


async def test_notes_typed_before_the_posting_are_kept_and_saved(postings_db, now):
    """Typing, then the posting (from the palette: p in the editor is a letter), then p:
    the words are still in the editor and on disk."""
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Acme")
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("shift+tab")  # round to the editor, holding Acme's notes
        assert app.focused is editor.text_area
        await pilot.press("end", "enter", *"call went well")
        assert editor.mark == "unsaved"
        app.screen.toggle_posting()  # what the palette's "Read the posting" runs
        await pilot.pause()
        assert _posting(app).display and not editor.display
        assert editor.text_area.text == "old notes\ncall went well"
        assert await wait_for(pilot, lambda: editor.mark == "saved")
        await settle(pilot, app)
        assert _disk_notes(postings_db, "Acme") == "old notes\ncall went well"
        await pilot.press("p")
        await pilot.pause()
        assert editor.display and editor.text_area.text == "old notes\ncall went well"
        assert "call went well" in screen_text(app)


async def test_notes_typed_and_still_unsaved_survive_the_posting(postings_db, now):
    """The editor is hidden, not removed: text it still holds (its save still waiting) is
    there when the notes come back, and its autosave goes on while the posting is shown."""
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Acme")
        await settle(pilot, app)
        editor = app.screen.query_one(NoteEditor)
        await pilot.press("p")  # shown first, then the notes are changed (e.g. $EDITOR)
        await pilot.pause()
        editor.text_area.load_text("written while the posting was shown")
        await pilot.pause()
        assert editor.mark == "unsaved"
        assert await wait_for(pilot, lambda: editor.mark == "saved")  # the autosave
        await settle(pilot, app)
        assert _disk_notes(postings_db, "Acme") == "written while the posting was shown"
        await pilot.press("p")
        await pilot.pause()
        assert "written while the posting was shown" in screen_text(app)


async def test_hostile_text_in_a_posting_is_shown_as_typed(db_path, now):
    hostile_posting = "\n".join(text for _, text in HOSTILE)
    bad_url = "https://x.example/[bold]j[/]\x1b]52;c;aGk=\x07"
    with Store(db_path, clock=lambda: now) as store:
        bad = Application(
            company="Acme",
            role="Engineer",
            url=bad_url,
            description=hostile_posting,
            posting_fetched_at=now,
        )
        bad.set_status(Status.APPLIED, now)
        store.save(bad)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("p")
        await pilot.pause()
        # The 10,000-character line fills the pane: what follows it is read at the end.
        long_at = [name for name, _ in HOSTILE].index("long-10k")
        assert_safe(app, *(looks_like(text) for _, text in HOSTILE[: long_at + 1]))
        assert _title(app) == "Posting · fetched Thu 26 Nov 2026 10:00 · " + visible(bad_url)
        assert _body(app) == visible(hostile_posting)
        assert "[link=file:///etc/passwd]click me[/link]" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert_safe(app, *(looks_like(text) for _, text in HOSTILE[long_at + 1 :]))
        assert app.return_code is None


async def test_the_filter_finds_a_word_only_in_the_posting(postings_db, now):
    app = make_app(postings_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        await pilot.pause()
        assert "filter: any text (notes, posting, contacts...)" in screen_text(app)
        await pilot.press(*"kubernetes")
        await settle(pilot, app)
        table = app.screen.query_one(ApplicationsTable)
        assert [table.get_row_at(i)[1].plain for i in range(table.row_count)] == ["Acme"]


# ---------------------------------------------------------------------- snapshots


@pytest.fixture
def demo_with_posting(short_home, now):
    """The demo data, its top row (Copperleaf Robotics) with a captured posting."""
    db_path = short_home / "data" / "jobtui.json"
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
        top = next(a for a in store.applications() if a.company == "Copperleaf Robotics")
        top.url = "https://jobs.copperleaf.example/fleet-tools"
        top.description = (
            "# Software Engineer, Fleet Tools\n\n"
            "Copperleaf builds warehouse robots. The Fleet Tools team writes the dashboards "
            "and APIs operators use to watch ~400 robots per site.\n\n"
            "## What you will do\n\n"
            "- Build the live fleet map (FastAPI, TimescaleDB)\n"
            "- Own the alerting pipeline\n"
            "- Pair with the robotics team in Munich\n\n"
            "## What we offer\n\n- 72,000 – 85,000 EUR\n- Two days a week in the office\n"
        )
        top.posting_fetched_at = now - timedelta(days=2)
        store.save(top)
    return make_app(db_path, now, SIGNED)


def test_posting_view_wide(snap_compare, demo_with_posting):
    """p on the top row: its posting in place of the notes, at 120x40."""
    assert snap_compare(demo_with_posting, terminal_size=WIDE, run_before=_after("p"))


def test_posting_view_narrow(snap_compare, demo_with_posting):
    """p on the top row at 80x24."""
    assert snap_compare(demo_with_posting, terminal_size=NARROW, run_before=_after("p"))
