"""Tasks from the main screen: T asks what and by when, and the task lands on disk."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui.core.model import Application, Status, Task
from jobtui.db.store import Store
from jobtui.tui.screens.task_dialog import TaskDialog
from jobtui.tui.screens.task_picker import TaskPicker
from jobtui.tui.widgets.timeline import Timeline

SIZE = (120, 40)


@pytest.fixture
def one_app_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Data [b]Engineer[/b]")
        app.set_status(Status.APPLIED, now - timedelta(days=1))
        store.save(app)
    return db_path


def _tasks(db_path) -> list[dict]:
    [app] = orjson.loads(db_path.read_bytes())["applications"].values()
    return app["tasks"]


async def test_T_adds_a_task_with_its_due_time_and_u_takes_it_back(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("T")
        await settle(pilot, app)
        assert isinstance(app.screen, TaskDialog)
        assert "New task for Acme — Data [b]Engineer[/b]" in screen_text(app)
        await pilot.press(*"Take-home: [b]ETL[/b]", "enter")
        await pilot.press(*"fri 5pm")
        await settle(pilot, app)
        assert "→ Fri 27 Nov 2026 17:00" in screen_text(app)
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: bool(_tasks(one_app_db)))
        [task] = _tasks(one_app_db)
        assert task["text"] == "Take-home: [b]ETL[/b]"
        assert task["due"] == "2026-11-27T17:00:00+01:00"
        assert "Task added: Take-home: [b]ETL[/b]" in notices(app)
        await pilot.press("u")
        assert await wait_for(pilot, lambda: _tasks(one_app_db) == [])


async def test_a_due_date_alone_is_echoed_as_its_day_and_saved_as_local_midnight(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("T")
        await settle(pilot, app)
        await pilot.press(*"Send references", "enter", *"mon")
        await settle(pilot, app)
        text = screen_text(app)
        assert "→ Mon 30 Nov 2026" in text
        assert "00:00" not in text  # due all of Monday, not at its first minute
        await pilot.press("enter")
        assert await wait_for(pilot, lambda: bool(_tasks(one_app_db)))
        [task] = _tasks(one_app_db)
        assert task["due"] == "2026-11-30T00:00:00+01:00"


async def test_an_empty_task_or_a_bad_date_is_refused_in_the_dialog(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("T")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert "Write what to do." in screen_text(app)
        await pilot.press(*"Call Rita", "enter", *"someday maybe", "enter")
        await settle(pilot, app)
        assert isinstance(app.screen, TaskDialog)
        assert "✗" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert not isinstance(app.screen, TaskDialog)
    assert _tasks(one_app_db) == []


@pytest.fixture
def task_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        app = Application(company="Acme", role="Data [b]Engineer[/b]")
        app.set_status(Status.INTERVIEWING, now - timedelta(days=3))
        app.tasks = [
            Task("Take-home: [b]ETL[/b]", id="t-open", due=now.replace(hour=17)),
            Task("Ask for a referral", id="t-undated"),
        ]
        store.save(app)
    return db_path


async def _highlight(pilot, app, entry_id: str) -> None:
    timeline = app.screen.query_one(Timeline)
    if app.focused is not timeline:
        await pilot.press("tab")
    timeline.highlighted = timeline.get_option_index(entry_id)
    await settle(pilot, app)


async def test_a_dated_task_has_its_timeline_row_and_x_completes_it(task_db, now):
    app = make_app(task_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        timeline = app.screen.query_one(Timeline)
        row = timeline.get_option_at_index(timeline.get_option_index("task:t-open")).prompt
        assert row.plain == "▌17:00  task due  Acme · Take-home: [b]ETL[/b]"
        text = screen_text(app)
        assert "Task due today 17:00: Take-home" in text  # the row's next action
        assert "☐ Ask for a referral" in text  # the details list open tasks, dated or not
        await _highlight(pilot, app, "task:t-open")
        assert "Task — Acme — Data [b]Engineer[/b]" in screen_text(app)
        await pilot.press("x")
        assert await wait_for(pilot, lambda: _tasks(task_db)[0]["done_at"] is not None)
        assert "Task done: Take-home: [b]ETL[/b]" in notices(app)
        await settle(pilot, app)
        row = timeline.get_option_at_index(timeline.get_option_index("task:t-open")).prompt
        assert "✓ done" in row.plain
        await pilot.press("x")  # again: open
        assert await wait_for(pilot, lambda: _tasks(task_db)[0]["done_at"] is None)
        await pilot.press("u")  # undo the reopening: done again
        assert await wait_for(pilot, lambda: _tasks(task_db)[0]["done_at"] is not None)


async def test_x_off_a_task_row_lists_the_applications_tasks_to_pick_one(task_db, now):
    # A task without a due time has no timeline row: x on the application reaches it.
    app = make_app(task_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        assert isinstance(app.screen, TaskPicker)
        text = screen_text(app)
        assert "Tasks of Acme — Data [b]Engineer[/b]" in text
        assert "☐ Take-home: [b]ETL[/b] · due Thu 26 Nov 17:00" in text
        assert "☐ Ask for a referral" in text
        await pilot.press("down", "enter")
        assert await wait_for(pilot, lambda: _tasks(task_db)[1]["done_at"] is not None)
        assert _tasks(task_db)[0]["done_at"] is None
        assert "Task done: Ask for a referral" in notices(app)


async def test_d_in_the_task_list_deletes_the_task_and_u_brings_it_back(task_db, now):
    app = make_app(task_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("x")
        await settle(pilot, app)
        await pilot.press("down", "d")
        assert await wait_for(pilot, lambda: [t["id"] for t in _tasks(task_db)] == ["t-open"])
        assert "Task deleted: Ask for a referral (u brings it back)" in notices(app)
        await pilot.press("u")
        assert await wait_for(pilot, lambda: len(_tasks(task_db)) == 2)


async def test_x_on_an_application_without_tasks_says_how_to_add_one(one_app_db, now):
    app = make_app(one_app_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        before = one_app_db.read_bytes()
        await pilot.press("x")
        await settle(pilot, app)
        assert not isinstance(app.screen, TaskPicker)
        assert any("has no tasks (T adds one)" in n for n in notices(app))
        assert one_app_db.read_bytes() == before
