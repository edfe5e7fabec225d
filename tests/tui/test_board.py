"""The pipeline board (b): its columns and cards, its keys, a move saved and undone."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
import test_snapshots
from hostile import HOSTILE, looks_like
from rich.text import Text
from test_hostile_text import assert_safe
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui.config import Config
from jobtui.core.followup import Urgency
from jobtui.core.model import Application, Status
from jobtui.core.stats import FUNNEL_STAGES, compute_stats
from jobtui.db.store import Store
from jobtui.ops import records
from jobtui.tui.screens.board import BoardScreen
from jobtui.tui.screens.main import MainScreen
from jobtui.tui.screens.status_picker import StatusPicker
from jobtui.tui.styles import urgency_style
from jobtui.tui.widgets.applications import ApplicationsTable
from jobtui.tui.widgets.board_column import COLUMN_WIDTH, BoardColumn
from jobtui.tui.widgets.card_list import CARD_WIDTH, card_line

SIZE = (120, 40)
WIDE, NARROW, _after = test_snapshots.WIDE, test_snapshots.NARROW, test_snapshots._after
demo_app = test_snapshots.demo_app  # the snapshots' fixture: the demo data at the frozen now

# (company, role, status, applied days ago): two cards in "applied", one in each of the
# other open columns but "screening", and a rejected one.
APPS = [
    ("Acme", "Backend Engineer", Status.APPLIED, 20),
    ("Birch", "Data Engineer", Status.APPLIED, 1),
    ("Cobalt", "Platform Engineer", Status.WISHLIST, 1),
    ("Dune", "SRE", Status.INTERVIEWING, 5),
    ("Elm", "Python Developer", Status.OFFER, 30),
    ("Fjord", "Frontend Engineer", Status.REJECTED, 10),
]


@pytest.fixture
def board_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        for company, role, status, days in APPS:
            app = Application(company=company, role=role)
            app.set_status(status, now - timedelta(days=days))
            store.save(app)
    return db_path


def _on_disk(db_path) -> dict[str, dict]:
    data = orjson.loads(db_path.read_bytes())
    return {d["company"]: d for d in data["applications"].values()}


def _id_of(app, company: str) -> str:
    overview = app.main.overview
    return next(r.app.id for r in overview.rows if r.app.company == company)


async def _open_board(pilot, app, company: str | None = None) -> BoardScreen:
    """Select ``company`` in the list (if given), press b, and return the board."""
    await settle(pilot, app)
    if company is not None:
        assert app.main.query_one(ApplicationsTable).select(_id_of(app, company))
    await pilot.press("b")
    await settle(pilot, app)
    assert isinstance(app.screen, BoardScreen)
    return app.screen


def _focused(board: BoardScreen) -> str | None:
    row = board.focused_card()
    return row.app.company if row else None


def _highlighted(board: BoardScreen) -> tuple[str, str | None]:
    """The focused column's status and the company on its highlighted card (as drawn)."""
    column = board.focused.parent
    assert isinstance(column, BoardColumn)
    cards = column.cards
    if cards.highlighted is None:
        return column.status.value, None
    option_id = cards.get_option_at_index(cards.highlighted).id
    company = next(r.app.company for r in board.panes.overview.rows if r.app.id == option_id)
    return column.status.value, company


async def test_columns_with_counts_cards_and_empty_columns(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app)
        text = screen_text(app)
        for title in ("Wishlist · 1", "Applied · 2", "Screening · 0", "Interviewing · 1"):
            assert title in text
        assert "Offer · 1" in text
        assert "—" in text  # the empty screening column
        assert "Pipeline board · 5 cards · closed hidden (c)" in text
        assert "Rejected" not in text and "Fjord" not in text
        assert "Backend Engineer" in text  # the role on Acme's card
        assert "Follow up: 14" in text  # its next action


def test_a_card_line_is_one_line_cut_to_the_column():
    assert card_line("Acme\nCorp\tLtd").plain == "Acme Corp Ltd"
    assert card_line("[bold]x[/]").plain == "[bold]x[/]"
    assert card_line("Acme\x1b[2J").plain == "Acme␛[2J"
    long = card_line("Northwind Analytics International")
    assert long.plain == "Northwind Analytics…" and long.cell_len == CARD_WIDTH
    assert card_line("株式会社テスト株式会社テスト").cell_len <= CARD_WIDTH


async def test_a_cards_next_action_is_in_its_urgency_colour(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Acme")
        cards = board.query_one("#column-applied", BoardColumn).cards
        acme = cards.get_option_at_index(0).prompt
        assert isinstance(acme, Text)
        company, role, action = acme.plain.split("\n")[:3]
        assert (company, role) == ("Acme", "Backend Engineer")
        overdue = urgency_style(app, Urgency.OVERDUE)
        drawn = acme.get_style_at_offset(app.console, acme.plain.index(action))
        assert drawn.color == overdue.color and drawn.bold


async def test_opens_on_the_card_selected_in_the_list(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Dune")
        assert _focused(board) == "Dune"
        assert _highlighted(board) == ("interviewing", "Dune")


async def test_h_l_j_k_and_arrows_move_between_columns_and_cards(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Acme")
        assert _highlighted(board) == ("applied", "Acme")  # overdue: first in its column
        await pilot.press("j")
        assert _highlighted(board) == ("applied", "Birch")
        await pilot.press("j")  # the last card: it stays
        assert _highlighted(board) == ("applied", "Birch")
        await pilot.press("k")
        assert _highlighted(board) == ("applied", "Acme")
        await pilot.press("h")
        assert _highlighted(board) == ("wishlist", "Cobalt")
        await pilot.press("h")  # the first column: it stays
        assert _highlighted(board) == ("wishlist", "Cobalt")
        await pilot.press("l", "l")
        assert _highlighted(board) == ("screening", None)  # empty
        assert board.focused_card() is None
        await pilot.press("right")
        assert _highlighted(board) == ("interviewing", "Dune")
        await pilot.press("left", "left", "down")
        assert _highlighted(board) == ("applied", "Birch")


async def test_move_right_saves_the_status_with_history_and_u_undoes_it(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Birch")
        await pilot.press("greater_than_sign")
        await settle(pilot, app)
        disk = _on_disk(board_db)["Birch"]
        assert disk["status"] == "screening"
        assert [h["status"] for h in disk["status_history"]] == ["applied", "screening"]
        # The card went with it, still focused; the counts follow.
        assert _highlighted(board) == ("screening", "Birch")
        text = screen_text(app)
        assert "Applied · 1" in text and "Screening · 1" in text
        # Named by its label: two roles at one company are told apart.
        assert "Birch — Data Engineer: applied → screening. u undoes it." in notices(app)

        await pilot.press("u")
        await settle(pilot, app)
        disk = _on_disk(board_db)["Birch"]
        assert disk["status"] == "applied"
        assert [h["status"] for h in disk["status_history"]] == ["applied"]
        assert _highlighted(board) == ("applied", "Birch")
        assert "Applied · 2" in screen_text(app)
        undid = "Undid the status change of Birch — Data Engineer to screening"
        assert any(n.startswith(undid) for n in notices(app))


async def test_move_left_and_the_ends_of_the_pipeline(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Elm")
        before = board_db.read_bytes()
        await pilot.press("greater_than_sign")  # offer is the last open status
        await settle(pilot, app)
        assert board_db.read_bytes() == before  # no acceptance that never happened
        assert "Offer is the last open status; s sets any status (accepted, rejected…)." in (
            notices(app)
        )
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(pilot, app)
        assert _on_disk(board_db)["Elm"]["status"] == "screening"
        assert _highlighted(board) == ("screening", "Elm")
        # The list shows the same change once the board is closed.
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        row = app.main.overview.row(_id_of(app, "Elm"))
        assert row is not None and row.app.status == Status.SCREENING


async def test_move_left_from_the_wishlist_says_it_is_the_first(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app, "Cobalt")
        before = board_db.read_bytes()
        await pilot.press("less_than_sign")
        await settle(pilot, app)
        assert board_db.read_bytes() == before
        assert "Wishlist is the first status of the pipeline; s sets any status." in (notices(app))


@pytest.mark.parametrize("key", ["less_than_sign", "greater_than_sign"])
async def test_a_closed_card_does_not_move(board_db, now, key):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Elm")
        await pilot.press("c", "l", "l")  # accepted (empty), rejected
        await settle(pilot, app)
        assert _highlighted(board) == ("rejected", "Fjord")
        before = board_db.read_bytes()
        await pilot.press(key)
        await settle(pilot, app)
        assert board_db.read_bytes() == before  # neither reopened nor walked on
        assert "Rejected is closed: s changes a closed application's status." in notices(app)
        assert _highlighted(board) == ("rejected", "Fjord")


def _funnel(db_path, now) -> dict[str, int]:
    """The stats funnel of the database on disk, by stage."""
    with Store(db_path, clock=lambda: now) as store:
        stats = compute_stats(store.applications(), store.interviews_by_application(), now)
    return {stage.name: stage.count for stage in stats.funnel}


async def test_s_closes_a_card_in_one_step_and_one_undo(board_db, now):
    """From applied to rejected: one status change in the history, no offer or acceptance
    in the funnel; the card follows to its column, the closed ones shown."""
    funnel = _funnel(board_db, now)
    assert list(funnel) == list(FUNNEL_STAGES)
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Birch")
        assert not board.show_closed
        await pilot.press("s")
        await settle(pilot, app)
        assert isinstance(app.screen, StatusPicker)
        assert "Status of Birch — Data Engineer" in screen_text(app)
        await pilot.press("7")  # rejected
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        disk = _on_disk(board_db)["Birch"]
        assert disk["status"] == "rejected"
        assert [h["status"] for h in disk["status_history"]] == ["applied", "rejected"]
        assert _funnel(board_db, now) == funnel  # sent already; nothing further reached
        assert board.show_closed
        assert _highlighted(board) == ("rejected", "Birch")
        titles = [c.title for c in board.columns]
        assert "Applied · 1" in titles and "Rejected · 2" in titles
        assert "Rejected · 2" in screen_text(app)  # scrolled to it
        assert (
            "Birch — Data Engineer: applied → rejected. u undoes it. "
            "Closed columns shown (c hides them)." in notices(app)
        )

        await pilot.press("u")  # one u takes it all back
        await settle(pilot, app)
        disk = _on_disk(board_db)["Birch"]
        assert disk["status"] == "applied"
        assert [h["status"] for h in disk["status_history"]] == ["applied"]
        assert _highlighted(board) == ("applied", "Birch")


async def test_s_reopens_a_closed_card_and_it_follows(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Elm")
        await pilot.press("c", "l", "l")
        await settle(pilot, app)
        assert _focused(board) == "Fjord"
        await pilot.press("s", "4")  # interviewing
        await settle(pilot, app)
        disk = _on_disk(board_db)["Fjord"]
        assert [h["status"] for h in disk["status_history"]] == ["rejected", "interviewing"]
        assert _highlighted(board) == ("interviewing", "Fjord")
        assert "Frontend Engineer: rejected → interviewing. u undoes it." in notices(app)[-1]


async def test_s_cancelled_or_the_same_status_changes_nothing(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Dune")
        before = board_db.read_bytes()
        await pilot.press("s")
        await settle(pilot, app)
        await pilot.press("escape")  # closes the picker, not the board
        await settle(pilot, app)
        assert app.screen is board
        await pilot.press("s", "4")  # interviewing, as it is
        await settle(pilot, app)
        assert board_db.read_bytes() == before
        assert "Dune — SRE is already interviewing." in notices(app)
        assert _highlighted(board) == ("interviewing", "Dune")


async def test_s_on_an_empty_column_or_read_only_opens_no_picker(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app, "Birch")
        await pilot.press("l", "s")  # screening: empty
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert "No card here to change." in notices(app)
    board_db.chmod(0o444)
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app, "Birch")
        await pilot.press("s")
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert any(n.startswith("Read-only:") for n in notices(app))


async def test_the_board_follows_a_change_made_while_it_is_open(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Dune")
        dune = _id_of(app, "Dune")
        await app.main.save_change(
            lambda store: records.change_status(store, dune, Status.OFFER), undo_as="a test"
        )
        assert await wait_for(pilot, lambda: "Offer · 2" in screen_text(app))
        assert _highlighted(board) == ("offer", "Dune")


async def test_enter_closes_the_board_and_selects_the_application(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app, "Acme")
        await pilot.press("l", "l", "l", "l")  # Elm's offer
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        row = app.main.selected_row()
        assert row is not None and row.app.company == "Elm"
        assert app.focused is app.main.query_one(ApplicationsTable)


async def test_enter_on_a_closed_card_shows_closed_in_the_list(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Elm")
        await pilot.press("c")
        await settle(pilot, app)
        await pilot.press("l", "l")  # accepted (empty), rejected
        assert _focused(board) == "Fjord"
        await pilot.press("enter")
        await settle(pilot, app)
        row = app.main.selected_row()
        assert row is not None and row.app.company == "Fjord"
        assert app.main.show_closed
        assert "In the list: closed shown." in notices(app)


async def test_c_shows_the_closed_columns(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Elm")
        await pilot.press("c")
        await settle(pilot, app)
        assert [c.status.value for c in board.columns][5:] == [
            "accepted",
            "rejected",
            "withdrawn",
            "ghosted",
        ]
        assert "Pipeline board · 6 cards · closed shown" in screen_text(app)
        assert _focused(board) == "Elm"  # still on the same card
        before = board_db.read_bytes()
        await pilot.press("greater_than_sign")  # offer still does not walk on to accepted
        await settle(pilot, app)
        assert board_db.read_bytes() == before
        await pilot.press("s", "6")  # accepted, picked: the card follows
        await settle(pilot, app)
        assert _on_disk(board_db)["Elm"]["status"] == "accepted"
        assert _highlighted(board) == ("accepted", "Elm")
        assert "Closed columns shown" not in notices(app)[-1]  # they already were
        await pilot.press("c")  # hidden again: the card is gone, focus stays in the board
        await settle(pilot, app)
        assert [c.status.value for c in board.columns] == [
            "wishlist",
            "applied",
            "screening",
            "interviewing",
            "offer",
        ]
        assert "Elm" not in screen_text(app)


async def test_slash_filters_the_cards_as_the_list_does(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Acme")
        await pilot.press("slash", *"engineer")
        await settle(pilot, app)
        text = screen_text(app)
        assert "filter: engineer" in text
        assert "Applied · 2" in text and "Wishlist · 1" in text
        assert "Interviewing · 0" in text and "Offer · 0" in text  # SRE, Python Developer
        await pilot.press("enter")  # back to the cards, the filter kept
        await settle(pilot, app)
        assert _highlighted(board) == ("applied", "Acme")
        await pilot.press("slash", "backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"ops")  # "engiops": nothing
        await settle(pilot, app)
        assert "Pipeline board · 0 cards" in screen_text(app)
        await pilot.press("escape")  # clears the filter, the board stays
        await settle(pilot, app)
        assert isinstance(app.screen, BoardScreen)
        assert "Pipeline board · 5 cards · closed hidden (c)" in screen_text(app)
        await pilot.press("q")  # q in the cards closes it
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("key", ["escape", "q", "b"])
async def test_esc_q_b_close_the_board(board_db, now, key):
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app)
        await pilot.press(key)
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)


async def test_at_80x24_the_columns_scroll_and_the_focused_one_stays_visible(board_db, now):
    app = make_app(board_db, now)
    async with app.run_test(size=(80, 24)) as pilot:
        board = await _open_board(pilot, app, "Cobalt")
        assert "Wishlist · 1" in screen_text(app)
        assert "Offer · 1" not in screen_text(app)  # off to the right
        scroller = board.query_one("#board-columns")
        await pilot.press("l", "l", "l")
        await settle(pilot, app)
        assert _highlighted(board) == ("interviewing", "Dune")
        # Scrolled by whole columns: applied, screening and interviewing in full.
        assert scroller.scroll_x == COLUMN_WIDTH
        assert "Wishlist · 1" not in screen_text(app)
        await pilot.press("l")
        await settle(pilot, app)
        assert _highlighted(board) == ("offer", "Elm")
        text = screen_text(app)
        assert "Offer · 1" in text and "Elm" in text
        column = board.query_one("#column-offer", BoardColumn)
        assert scroller.region.contains_region(column.region)
        await pilot.press("h", "h", "h", "h")
        await settle(pilot, app)
        assert "Wishlist · 1" in screen_text(app)


async def test_the_board_keys_follow_the_keys_settings(board_db, now):
    config = Config(keys={"move_right": "n", "board.right": "w"})
    app = make_app(board_db, now, config)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app, "Cobalt")
        await pilot.press("w")
        assert _highlighted(board) == ("applied", "Acme")
        await pilot.press("h", "n")
        await settle(pilot, app)
        assert _on_disk(board_db)["Cobalt"]["status"] == "applied"
        assert "n Move →" in screen_text(app).splitlines()[-1]


async def test_read_only_board_moves_nothing(board_db, now):
    board_db.chmod(0o444)
    app = make_app(board_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open_board(pilot, app, "Birch")
        await pilot.press("greater_than_sign")
        await settle(pilot, app)
        assert _on_disk(board_db)["Birch"]["status"] == "applied"
        assert any(n.startswith("Read-only:") for n in notices(app))


async def test_hostile_company_and_role_on_the_cards(db_path, now):
    """Every string of the corpus as a company and role, in one session: each card walked
    to and moved on, and the status picker opened on it, shows it literally, and nothing
    raw reaches the terminal."""
    with Store(db_path, clock=lambda: now) as store:
        for _, text in HOSTILE:
            record = Application(company=text, role=text)
            record.set_status(Status.APPLIED, now - timedelta(days=20))
            store.save(record)
    names = {text: name for name, text in HOSTILE}
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        board = await _open_board(pilot, app)
        for _ in HOSTILE:
            text = _focused(board)
            assert text is not None
            try:
                assert_safe(app, looks_like(text, 6))
                await pilot.press("greater_than_sign")
                await settle(pilot, app)
                assert _on_disk(db_path)[text]["status"] == "screening"
                assert_safe(app, looks_like(text, 6))
                await pilot.press("s")  # the picker names it too
                await settle(pilot, app)
                assert isinstance(app.screen, StatusPicker)
                assert_safe(app, looks_like(text, 6))
                await pilot.press("escape")
                await settle(pilot, app)
            except AssertionError as exc:
                raise AssertionError(f"hostile text {names[text]!r}: {exc}") from exc
            await pilot.press("h")  # back to what is left in "applied"
        assert {d["status"] for d in _on_disk(db_path).values()} == {"screening"}


# -- snapshots (the SVGs are written on purpose, with --snapshot-update) -----------------


def test_board_wide(snap_compare, demo_app):
    """The board at 120x40 on the demo data: the five open columns side by side."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("b"))


def test_board_narrow(snap_compare, demo_app):
    """The board at 80x24, moved to the offer column: scrolled sideways to keep it in view."""
    assert snap_compare(demo_app, terminal_size=NARROW, run_before=_after("b", *"llll"))


def test_board_closed_shown(snap_compare, demo_app):
    """c adds the closed columns (120x40, scrolled to the last one)."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("b", "c", *"llllllll"))
