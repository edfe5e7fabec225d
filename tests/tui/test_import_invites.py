"""Calendar invites imported from the palette: matched, previewed, saved in one undoable
change; when no application matches, the user picks one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.config import Config, Me
from jobtui.core.model import Application, Status
from jobtui.db.store import Store

DATA = Path(__file__).parent.parent / "data"
SIZE = (120, 40)
CONFIG = Config(me=Me(name="Jess Jobseeker", email="jess.jobseeker@mail.example"))


@pytest.fixture
def two_apps_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        for company, url in (("Acme", "https://www.acme.example/jobs/1"), ("Globex", "")):
            app = Application(company=company, role="Dev", url=url)
            app.set_status(Status.APPLIED, now - timedelta(days=3))
            store.save(app)
    return db_path


def _interviews(db_path) -> list[dict]:
    return list(orjson.loads(db_path.read_bytes()).get("interviews", {}).values())


def _company_of(db_path, interview: dict) -> str:
    apps = orjson.loads(db_path.read_bytes())["applications"]
    return apps[interview["application_id"]]["company"]


async def _import(pilot, app, path: Path) -> None:
    app.screen.action_import()
    await pilot.pause()
    app.screen.query_one("#import-path").value = str(path)
    await pilot.press("enter")
    await settle(pilot, app)


async def test_an_invite_from_the_palette_is_previewed_saved_and_undone(two_apps_db, now):
    app = make_app(two_apps_db, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, DATA / "invite_google_meet.ics")
        assert type(app.screen).__name__ == "ConfirmDialog"
        text = screen_text(app)
        assert "Import invite_google_meet.ics? 1 to add" in text
        flat = " ".join(text.replace("│", " ").split())  # the dialog wraps its lines
        assert "would add interview Thu 3 Dec 2026 14:00 CET for Acme — Dev" in flat
        assert "would add contact Rita Recruiter <rita@acme.example>" in flat
        await pilot.press("y")
        await settle(pilot, app)
        assert notices(app)[-1].startswith(
            "Added interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (id "
        )
        saved = _interviews(two_apps_db)
        assert len(saved) == 1 and saved[0]["uid"] == "5v1b2c3d4e5f6g7h8i9j0k@google.com"
        assert _company_of(two_apps_db, saved[0]) == "Acme"
        contacts = orjson.loads(two_apps_db.read_bytes())["contacts"]
        assert [c["email"] for c in contacts.values()] == ["rita@acme.example"]
        await pilot.press("u")
        await settle(pilot, app)
        assert _interviews(two_apps_db) == []
        assert orjson.loads(two_apps_db.read_bytes()).get("contacts", {}) == {}


async def test_an_invite_matching_no_application_asks_which_and_saves_there(two_apps_db, now):
    app = make_app(two_apps_db, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, DATA / "invite_zoom.ics")  # "Recruiter call with Initech"
        assert type(app.screen).__name__ == "InviteTargetPicker"
        text = screen_text(app)
        assert '"Recruiter call with Initech"' in text and "matches no application" in text
        assert "Acme — Dev" in text and "Globex — Dev" in text
        assert _interviews(two_apps_db) == []
        await pilot.press("down", "enter")  # the second option; the first is the selected one
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ConfirmDialog"
        flat = " ".join(screen_text(app).replace("│", " ").split())
        picked = "Globex" if "for Globex — Dev" in flat else "Acme"
        await pilot.press("y")
        await settle(pilot, app)
        saved = _interviews(two_apps_db)
        assert len(saved) == 1 and _company_of(two_apps_db, saved[0]) == picked
        assert notices(app)[-1].startswith("Added interview Wed 2 Dec 2026 15:30 CET")


async def test_escape_at_the_question_imports_nothing(two_apps_db, now):
    before = two_apps_db.read_bytes()
    app = make_app(two_apps_db, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, DATA / "invite_zoom.ics")
        await pilot.press("escape")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "MainScreen"
    assert two_apps_db.read_bytes() == before


async def test_a_broken_invite_says_why_in_a_toast(two_apps_db, now, tmp_path):
    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    app = make_app(two_apps_db, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, bad)
        assert type(app.screen).__name__ == "MainScreen"
        assert any("line 2: VEVENT 1 (uid x): no DTSTART" in n for n in notices(app))
    assert _interviews(two_apps_db) == []


async def test_hostile_names_and_summary_are_shown_as_text_at_every_step(db_path, now, tmp_path):
    from test_hostile_text import assert_safe

    from tests.hostile import HOSTILE_TEXTS, looks_like

    with Store(db_path, clock=lambda: now) as store:
        for text in HOSTILE_TEXTS:
            store.save(Application(company=text, role="Dev"))
    summary = "[italic]Round 2[/italic] \x1b]0;pwned\x07 \u202eend"
    path = tmp_path / "hostile.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:h@x\r\n"
        f"DTSTART:20261210T090000Z\r\nSUMMARY:{summary}\r\nLOCATION:[b]Room[/b]\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    app = make_app(db_path, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, path)
        assert type(app.screen).__name__ == "InviteTargetPicker"
        assert_safe(app, "[italic]Round 2[/italic]", looks_like(HOSTILE_TEXTS[0]))
        await pilot.press("enter")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert_safe(app, "would add interview")
        await pilot.press("y")
        await settle(pilot, app)
        assert_safe(app)
        assert notices(app)[-1].startswith("Added interview Thu 10 Dec 2026 10:00 CET")
    [saved] = _interviews(db_path)
    assert saved["where"] == "[b]Room[/b]"
