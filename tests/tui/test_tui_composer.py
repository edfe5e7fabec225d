"""The composer (m): draft from a template, edit the fields, copy, save, mark sent."""

from __future__ import annotations

import orjson
import pytest
from tui_helpers import make_app, screen_text, settle, wait_for

from jobtui.config import Config, Me
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.widgets.applications import ApplicationsTable

SIZE = (120, 40)
# A name in config: the composer does not stop to ask who is writing (tests/tui/test_tui_who.py).
NAMED = Config(me=Me(name="Sam Rivera"))


@pytest.fixture(autouse=True)
def _no_real_clipboard(monkeypatch):
    """ctrl+y never reaches this machine's clipboard tool: no display, and a remote session
    (so pbcopy/clip.exe are not used either); copy goes through OSC 52 to the test app."""
    for name in ("WAYLAND_DISPLAY", "DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "192.0.2.1 50000 192.0.2.2 22")


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


def _select(app, company: str) -> None:
    table = app.screen.query_one(ApplicationsTable)
    for index in range(table.row_count):
        if table.get_row_at(index)[1].plain == company:
            table.move_cursor(row=index)
            return
    raise AssertionError(f"{company} not shown")


def _northwind_interviews(db_path) -> list[dict]:
    data = orjson.loads(db_path.read_bytes())
    [app_id] = [
        a["id"] for a in data["applications"].values() if a["company"] == "Northwind Analytics"
    ]
    found = [i for i in data["interviews"].values() if i["application_id"] == app_id]
    return sorted(found, key=lambda i: i["starts_at"])


async def test_compose_copy_save_mark_sent_clears_the_highlight(demo_db, now, tmp_path):
    config = Config(me=Me(name="Sam Rivera", signature="Sam Rivera\nsam@example.com"))
    app = make_app(demo_db, now, config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        assert "Thank-you due" in screen_text(app)
        await pilot.press("m")
        await settle(pilot, app)
        composer = app.screen
        assert type(composer).__name__ == "ComposerScreen"
        assert composer.template == "thank_you"
        draft = composer.text
        assert "Tomasz" in draft and "Sam Rivera" in draft
        # Editing a follow-up field re-renders the draft.
        concerns = composer.query_one("#composer-concerns")
        concerns.text = "They worried I have not run Kafka [at scale]."
        assert await wait_for(
            pilot, lambda: "They worried I have not run Kafka [at scale]." in composer.text
        )
        # Copy and save to a file.
        await pilot.press("ctrl+y")
        assert app.clipboard == composer.text
        await pilot.press("ctrl+s")
        assert composer.saved_path is not None
        assert composer.saved_path.read_text(encoding="utf-8") == composer.text
        # Mark sent: the thank-you is logged and the highlight goes.
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "MainScreen"
        assert "Thank-you due" not in screen_text(app)
    app.data.close()
    latest = _northwind_interviews(demo_db)[-1]
    assert latest["thank_you_sent_at"] == now.isoformat()
    assert latest["concerns"] == "They worried I have not run Kafka [at scale]."
    sent = orjson.loads(demo_db.read_bytes())["sent"].values()
    assert any(s["interview_id"] == latest["id"] and s["kind"] == "thank_you" for s in sent)


async def test_closing_the_composer_keeps_field_edits_but_logs_nothing(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        app.screen.query_one("#composer-liked").text = "Their on-call is humane."
        await pilot.press("escape")
        await settle(pilot, app)
        assert "Thank-you due" in screen_text(app)
    app.data.close()
    latest = _northwind_interviews(demo_db)[-1]
    assert latest["liked"] == "Their on-call is humane."
    assert latest["thank_you_sent_at"] is None


async def test_a_broken_user_template_is_reported_not_fatal(demo_db, now, tmp_path, monkeypatch):
    user_templates = tmp_path / "config" / "templates"
    user_templates.mkdir(parents=True)
    (user_templates / "thank_you.txt.j2").write_text("Subject\n\n{{ interview.nope() }\n")
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        text = screen_text(app)
        assert "thank_you" in text and "line 3" in text
        await pilot.press("escape")
        assert type(app.screen).__name__ == "MainScreen"


async def test_undo_after_marking_the_message_sent_brings_the_highlight_back(demo_db, now):
    from tui_helpers import notices

    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert "Thank-you due" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot, app)
        assert notices(app)[-1] == "Undid logging the thank you for Northwind Analytics."
        assert "Thank-you due" in screen_text(app)
    app.data.close()
    assert _northwind_interviews(demo_db)[-1]["thank_you_sent_at"] is None


# -- issue 9, item 7: the composer at 80x24


@pytest.mark.parametrize("size", [(80, 24), (93, 30)])
async def test_the_composer_stacks_its_panes_on_a_narrow_terminal(demo_db, now, size):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        composer = app.screen
        draft = composer.query_one("#composer-draft").region
        side = composer.query_one("#composer-side").region
        assert draft.width >= 50 + 2  # 50 columns to type in, inside its border
        assert draft.y >= side.bottom  # below the templates and fields
        assert draft.height >= 8 and draft.bottom <= size[1] - 1  # above the footer
        text = screen_text(app)
        assert "Follow-up — Northwind Analytics" in text
        assert "Thank-you after an interview" in text and "Subject: Thank you" in text
        assert "^y Copy" in text  # the footer lists the keys
        # Tab still reaches the follow-up fields, which scroll into view.
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            if app.focused is not None and app.focused.id == "composer-topics":
                break
        else:
            raise AssertionError(f"tab never reached the fields ({app.focused})")
        topics = app.focused

        def in_view() -> bool:  # once the scroll to it is done
            return topics.region.height > 0 and side.y <= topics.region.y < side.bottom

        assert await wait_for(pilot, in_view)


async def test_the_composer_is_side_by_side_when_wide(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        draft = app.screen.query_one("#composer-draft").region
        side = app.screen.query_one("#composer-side").region
        assert draft.x >= side.right and draft.width >= 52
        await pilot.resize_terminal(80, 24)
        await settle(pilot, app)
        draft = app.screen.query_one("#composer-draft").region
        assert draft.width >= 52 and draft.y >= app.screen.query_one("#composer-side").region.bottom


async def test_the_composer_title_shows_the_year_of_an_interview_in_another_year(
    demo_db, now, monkeypatch
):
    from datetime import datetime

    from jobtui.config import Me
    from jobtui.core.model import Interview, InterviewKind
    from jobtui.tui.screens.composer import ComposerScreen

    with Store(demo_db, clock=lambda: now) as store:
        app_record = next(a for a in store.applications() if a.company == "Northwind Analytics")
    last_year = Interview(
        application_id=app_record.id,
        starts_at=datetime(2025, 12, 3, 10, tzinfo=now.tzinfo),
        kind=InterviewKind.PANEL,
    )
    this_year = Interview(
        application_id=app_record.id,
        starts_at=datetime(2026, 11, 25, 10, tzinfo=now.tzinfo),
        kind=InterviewKind.PANEL,
    )
    for interview, shown in ((last_year, "panel 3 Dec 2025"), (this_year, "panel 25 Nov")):
        screen = ComposerScreen(app_record, interview, [], Me(), now.date(), "thank_you", now)
        title = screen._title().plain
        assert title.endswith(shown), title


async def test_toasts_wait_while_the_composer_is_open(demo_db, now):
    from tui_helpers import notices

    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)
        _select(app, "Northwind Analytics")
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        composer = app.screen
        app.notify("merged changes made elsewhere: 1 changed")  # news from the data layer
        await pilot.press("ctrl+s")  # the composer's own news: on its status line
        await pilot.pause()
        assert notices(app) == []  # nothing covers the draft being typed in
        assert "Saved the draft to" in composer.said
        await pilot.press("escape")
        await settle(pilot, app)
        assert notices(app) == ["merged changes made elsewhere: 1 changed"]
