"""No row cap: every application is in the list, reached by paging, the mouse wheel and the
filter; the list draws only what is on screen, and keeps its cursor on the same application."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hostile import HOSTILE_TEXTS, looks_like
from textual.events import MouseScrollDown
from tui_helpers import make_app, screen_text, settle, wait_for

from jobtui.core.model import Application, Status
from jobtui.core.textsafe import has_controls, visible
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.ops import records
from jobtui.tui.styles import urgency_style
from jobtui.tui.widgets.applications import ApplicationsTable

SIZE = (120, 40)
MANY = 1000
# Three applications a filter finds among the thousand.
RARE = ("Zephyr Optics", "Zephyr Freight", "Zephyr Health")


@pytest.fixture
def thousand_db(db_path, now):
    """1,000 applications (three of them Zephyr...), written in one transaction."""
    with Store(db_path, clock=lambda: now) as store, store.transaction():
        for n in range(MANY):
            company = RARE[n // 300] if n % 300 == 299 else f"Company {n:04d}"
            app = Application(company=company, role=f"Engineer {n}")
            app.set_status(Status.APPLIED, now - timedelta(days=1 + n % 40, hours=n))
            store.save(app)
    return db_path


def _table(app) -> ApplicationsTable:
    return app.screen.query_one(ApplicationsTable)


def _company(table: ApplicationsTable, row: int) -> str:
    return table.get_row_at(row)[1].plain


def _drawn(table: ApplicationsTable) -> list[str]:
    """The list's lines as drawn now (the header first)."""
    return [
        "".join(segment.text for segment in table.render_line(y)) for y in range(table.size.height)
    ]


def _id_of(app, company: str) -> str:
    [found] = [r.app.id for r in app.main.overview.rows if r.app.company == company]
    return found


async def test_every_one_of_1000_rows_is_listed_and_end_and_home_reach_both_ends(thousand_db, now):
    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        assert "Applications 1000/1000" in screen_text(app)
        assert "first 200" not in screen_text(app)
        assert table.row_count == MANY
        first, last = _company(table, 0), _company(table, MANY - 1)
        assert first in screen_text(app) and last not in screen_text(app)

        await pilot.press("end")
        await settle(pilot, app)
        assert table.cursor_row == MANY - 1
        assert table.selected_id == _id_of(app, last)
        assert last in screen_text(app) and first not in screen_text(app)
        assert app.main.selected_row().app.company == last  # the details follow

        await pilot.press("home")
        await settle(pilot, app)
        assert table.cursor_row == 0
        assert table.selected_id == _id_of(app, first)
        assert first in screen_text(app) and last not in screen_text(app)


async def test_page_keys_move_by_the_rows_on_screen_and_j_stops_at_the_last(thousand_db, now):
    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        page = table.page_rows
        on_screen = [_company(table, n) for n in range(page)]
        assert all(company in screen_text(app) for company in on_screen)

        await pilot.press("pagedown")
        await settle(pilot, app)
        assert table.cursor_row == page
        text = screen_text(app)
        assert not any(company in text for company in on_screen)  # a whole new page
        assert all(_company(table, n) in text for n in range(page, 2 * page))

        await pilot.press("ctrl+d")  # half a page
        await settle(pilot, app)
        assert table.cursor_row == page + page // 2
        await pilot.press("ctrl+u", "pageup")
        await settle(pilot, app)
        assert table.cursor_row == 0
        assert all(company in screen_text(app) for company in on_screen)

        await pilot.press("end", "j")
        await settle(pilot, app)
        assert table.cursor_row == MANY - 1
        await pilot.press("pagedown")
        await settle(pilot, app)
        assert table.cursor_row == MANY - 1
        assert _company(table, MANY - 1) in screen_text(app)


async def test_the_mouse_wheel_scrolls_to_later_rows_and_a_click_selects_one(thousand_db, now):
    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        page = table.page_rows
        assert _company(table, page + 3) not in screen_text(app)
        for _ in range(10):  # the way pilot.click sends a click, a turn of the wheel
            await pilot._post_mouse_events([MouseScrollDown], widget=table, offset=(10, 5))
        await settle(pilot, app)
        top = round(table.scroll_offset.y)
        assert top > 3
        assert _company(table, top + page - 1) in screen_text(app)
        assert _company(table, 0) not in "\n".join(_drawn(table))
        assert table.cursor_row == 0  # the wheel scrolls, it does not move the cursor

        await pilot.click(table, offset=(10, 3))  # the header is line 0: row top + 2
        await settle(pilot, app)
        assert table.cursor_row == top + 2
        assert app.main.selected_row().app.company == _company(table, top + 2)


async def test_a_filter_leaving_three_rows_shows_three_with_the_cursor_on_one(thousand_db, now):
    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        await pilot.press("end")  # the cursor far down: it must land on a row that is shown
        await pilot.press("slash", *"zephyr")
        await settle(pilot, app)
        assert "Applications 3/1000" in screen_text(app)
        assert table.row_count == 3
        assert sorted(_company(table, n) for n in range(3)) == sorted(RARE)
        assert table.selected_id in {_id_of(app, company) for company in RARE}
        assert all(company in screen_text(app) for company in RARE)


async def test_the_cursor_stays_on_its_application_when_the_list_is_redrawn(thousand_db, now):
    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        table.move_cursor(row=500)
        await settle(pilot, app)
        chosen = table.selected_id
        company = _company(table, 500)
        others = [_company(table, n) for n in (10, 20, 499)]  # all before it: the rows shift
        for other in others:
            await app.main.save_change(
                lambda store, other=other: records.change_status(
                    store, _id_of(app, other), Status.REJECTED
                ),
                undo_as=f"rejecting {other}",
            )
            await settle(pilot, app)
        assert table.row_count == MANY - 3  # closed ones are hidden
        assert table.selected_id == chosen
        assert table.cursor_row == 497
        assert company in screen_text(app)  # still in view
        assert app.main.selected_row().app.id == chosen

        # When it goes itself, the cursor stays where it was: the row after it.
        following = _company(table, 498)
        await app.main.save_change(
            lambda store: records.change_status(store, chosen, Status.REJECTED),
            undo_as="rejecting it",
        )
        await settle(pilot, app)
        assert table.cursor_row == 497
        assert _company(table, 497) == following
        assert app.main.selected_row().app.company == following


async def test_hostile_text_is_shown_literally_in_the_rows_of_a_long_list(db_path, now):
    with Store(db_path, clock=lambda: now) as store, store.transaction():
        for n in range(300):
            store.save(Application(company=f"Filler {n:03d}", role="Engineer"))
        for hostile in HOSTILE_TEXTS:
            app = Application(company=hostile, role=hostile)
            app.set_status(Status.APPLIED, now - timedelta(days=3))
            store.save(app)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        rows = {table.get_row_at(n)[1].plain: n for n in range(table.row_count)}
        for hostile in HOSTILE_TEXTS:
            assert visible(hostile) in rows  # the cell is the text, controls made visible
        for hostile in HOSTILE_TEXTS:
            table.move_cursor(row=rows[visible(hostile)])
            await settle(pilot, app)
            drawn = _drawn(table)
            assert any(looks_like(hostile) in line for line in drawn), hostile
            assert not any(has_controls(line) for line in drawn), hostile


async def test_a_resize_lays_the_columns_out_again_and_keeps_the_cursor_in_view(thousand_db, now):
    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        wide = [column.width for column in table.columns]
        table.move_cursor(row=600)
        await settle(pilot, app)
        company = _company(table, 600)
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        assert [column.width for column in table.columns] != wide
        assert sum(column.width + 2 for column in table.columns) <= 80
        assert table.cursor_row == 600
        top = round(table.scroll_offset.y)
        assert top <= 600 < top + table.page_rows  # in view (its company cut to fit)
        assert any(company[:8] in line for line in _drawn(table))
        await pilot.resize_terminal(*SIZE)
        await settle(pilot, app)
        assert [column.width for column in table.columns] == wide
        assert any(company in line for line in _drawn(table))


async def test_a_new_theme_redraws_the_rows_in_its_colours(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        marked = [n for n in range(table.row_count) if table.get_row_at(n)[0].plain.strip()]
        assert marked  # the demo has follow-ups due
        chosen = table.selected_id
        app.theme = "gruvbox" if app.theme != "gruvbox" else "nord"  # other error colours
        await settle(pilot, app)
        for n in marked:
            mark, company = table.get_row_at(n)[:2]
            row = app.main.overview.row(_id_of(app, company.plain))
            assert mark.style == urgency_style(app, row.urgency)
        assert table.selected_id == chosen


async def test_the_panes_follow_the_list_even_after_a_lost_redraw_callback(
    thousand_db, now, monkeypatch
):
    """A dialog opened and closed at once takes the screen's after-refresh callbacks with it:
    the details must still catch up with the list's cursor (a timer stands behind them)."""
    from jobtui.tui.screens.panes import MainPanes

    app = make_app(thousand_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        table = _table(app)
        with monkeypatch.context() as lost:
            lost.setattr(MainPanes, "call_after_refresh", lambda self, *a, **k: True)
            await pilot.press("j")
            await settle(pilot, app)
        for _ in range(3):
            await pilot.press("j")
            await settle(pilot, app)
        company = _company(table, table.cursor_row)
        assert table.cursor_row == 4
        # The timer behind the lost callback brings the details pane's heading along.
        assert await wait_for(pilot, lambda: f"{company} — Engineer " in screen_text(app), 5)
        assert app.main.selected_row().app.company == company
