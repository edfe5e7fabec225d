"""Calendar invites imported from the palette: matched, previewed, saved in one undoable
change; when no application matches, the user picks one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from tui_helpers import make_app, notices, screen_text, settle, wait_for

from jobtui.config import Config, Me
from jobtui.core.model import Application, Status
from jobtui.db.store import Store
from jobtui.ops import invites

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


async def _picker_shown(pilot, app) -> bool:
    """Whether the "which application?" picker is on screen (it opens after the data
    thread has planned the import)."""
    drawn = await wait_for(pilot, lambda: "Which application" in screen_text(app))
    return drawn and type(app.screen).__name__ == "ApplicationPicker"


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
        assert await _picker_shown(pilot, app)
        text = " ".join(screen_text(app).replace("│", " ").split())  # wrapped lines
        assert '"Recruiter call with Initech"' in text and "matches no application" in text
        assert "Acme — Dev applied (selected)" in text and "Globex — Dev applied" in text
        assert _interviews(two_apps_db) == []
        await pilot.press("down", "enter")  # the second option; the first is the selected one
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ConfirmDialog"
        flat = " ".join(screen_text(app).replace("│", " ").split())
        assert "for Globex — Dev (new)" in flat
        await pilot.press("y")
        await settle(pilot, app)
        saved = _interviews(two_apps_db)
        assert len(saved) == 1 and _company_of(two_apps_db, saved[0]) == "Globex"
        assert notices(app)[-1].startswith("Added interview Wed 2 Dec 2026 15:30 CET")


def _two_events(tmp_path: Path) -> Path:
    """Acme's invite (its organizer's domain is Acme's site) and one matching nothing."""
    events = (
        ("a@x", "20261210T090000Z", "Acme intro", "rita@acme.example"),
        ("b@x", "20261211T090000Z", "Interview at Nowhere", "n@nowhere.example"),
    )
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART:{start}\r\nSUMMARY:{summary}\r\n"
        f"ORGANIZER;CN=Someone:mailto:{email}\r\nEND:VEVENT\r\n"
        for uid, start, summary, email in events
    )
    path = tmp_path / "two.ics"
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")
    return path


async def test_the_picked_application_takes_only_the_events_that_match_none(
    two_apps_db, now, tmp_path
):
    app = make_app(two_apps_db, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, _two_events(tmp_path))
        assert await _picker_shown(pilot, app)
        text = " ".join(screen_text(app).replace("│", " ").split())  # wrapped lines
        assert '"Interview at Nowhere"' in text and "Acme intro" not in text
        assert "The file's other events stay with the applications they" in text
        await pilot.press(*"glob")  # the list narrows as one types
        await settle(pilot, app)
        text = screen_text(app)
        assert "Globex — Dev" in text and "Acme — Dev" not in text
        await pilot.press("enter")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "ConfirmDialog"
        flat = " ".join(screen_text(app).replace("│", " ").split())
        # Each event to its own application (the dialog wraps the lines over the list).
        assert "would add interview Thu 10 Dec 2026 10:00 CET" in flat
        assert "for Acme — Dev (new)" in flat and "for Globex — Dev (new)" in flat
        assert "to Acme — Dev" in flat and "<n@nowhere.example> to Globex — Dev" in flat
        await pilot.press("y")
        await settle(pilot, app)
        assert notices(app)[-1].endswith("(and 1 more). u undoes it")
    placed = {i["uid"]: _company_of(two_apps_db, i) for i in _interviews(two_apps_db)}
    assert placed == {"a@x": "Acme", "b@x": "Globex"}


async def test_imported_elsewhere_while_the_preview_is_open_imports_nothing(two_apps_db, now):
    path = DATA / "invite_google_meet.ics"
    app = make_app(two_apps_db, now, CONFIG)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, path)
        assert type(app.screen).__name__ == "ConfirmDialog"
        # Another jobtui (or `jobtui import`) imports the same file meanwhile.
        with Store(two_apps_db, clock=lambda: now) as other:
            invites.import_invites(other, path, my_email=CONFIG.me.email)
        saved = two_apps_db.read_bytes()
        await pilot.press("y")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "MainScreen"
        assert notices(app)[-1] == "Nothing imported: already up to date"
        assert two_apps_db.read_bytes() == saved
        await pilot.press("u")  # no empty change of the import to take back
        await settle(pilot, app)
        assert notices(app)[-1] == "Nothing to undo."
    assert len(_interviews(two_apps_db)) == 1


async def test_without_me_email_a_toast_says_so_once(two_apps_db, now):
    config = Config(
        me=Me(name="Jess Jobseeker"), path=Path("/home/jess/.config/jobtui/config.toml")
    )
    app = make_app(two_apps_db, now, config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await _import(pilot, app, DATA / "invite_google_meet.ics")
        await pilot.press("y")
        await settle(pilot, app)
        said = [n for n in notices(app) if "[me] email is not set" in n]
        assert len(said) == 1
        assert "your own address counts as an interviewer" in said[0]
        assert said[0].endswith("(set email under [me] in /home/jess/.config/jobtui/config.toml)")
        assert notices(app)[-2].startswith("Added interview Thu 3 Dec 2026 14:00 CET")


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
        assert await _picker_shown(pilot, app)
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
