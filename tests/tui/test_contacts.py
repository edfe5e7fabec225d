"""The contacts screen (C): the demo's contacts with when you last wrote, filter as you type,
add, edit, link and unlink, delete to the trash and undo; what lands on disk; hostile text;
snapshots at 120x40 and 80x24."""

from __future__ import annotations

from datetime import timedelta

import orjson
import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like
from test_hostile_text import raw_controls
from test_snapshots import NARROW, WIDE, _after
from tui_helpers import SIGNED, make_app, notices, screen_text, settle

from jobtui.core import dates
from jobtui.core.model import Application, Contact, SentFollowUp, SentKind
from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.app import JobTUI
from jobtui.tui.screens.contacts import ContactsScreen
from jobtui.tui.screens.main import MainScreen
from jobtui.tui.screens.pick_application import ApplicationPicker
from jobtui.tui.widgets.contacts_table import ContactsTable

SIZE = (120, 40)


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


@pytest.fixture
def demo_app(demo_db, now) -> JobTUI:
    return make_app(demo_db, now, SIGNED)


def _on_disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


def _contacts_on_disk(db_path) -> dict[str, dict]:
    return {doc["name"]: doc for doc in _on_disk(db_path).get("contacts", {}).values()}


def _shown_names(app: JobTUI) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return [row.contact.name for row in screen.matching]


def _table_lines(app: JobTUI) -> list[str]:
    """The screen's lines from the table's header down to the line under it."""
    lines = screen_text(app).splitlines()
    start = next(i for i, line in enumerate(lines) if "Last written" in line)
    return lines[start:]


async def _open(pilot, app: JobTUI) -> ContactsScreen:
    await settle(pilot, app)
    await pilot.press("C")
    await settle(pilot, app)
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


def _demo_last_written(db_path, now) -> dict[str, str]:
    """Each demo contact's last-written day, worked out here from the sent log the simple
    way (its address among the recipients), as the table should show it."""
    with Store(db_path, clock=lambda: now) as store:
        sent = store.sent_log()
        found = {}
        for contact in store.contacts():
            times = [e.at for e in sent if contact.email and contact.email in e.to]
            last = max(times, default=None)
            found[contact.name] = (
                "never"
                if last is None
                else dates.format_short_day(
                    dates.local_day(last), dates.local_day(now), weekday=True
                )
            )
    return found


async def test_c_opens_with_the_demo_contacts_last_written_first(demo_app, demo_db, now):
    expected = _demo_last_written(demo_db, now)
    assert "never" in expected.values() and len(set(expected.values())) > 2
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        text = screen_text(demo_app)
        assert f"Contacts · {len(expected)} contacts, last written first" in text
        lines = _table_lines(demo_app)
        rows = {name: next(line for line in lines if name in line) for name in expected}
        for name, day in expected.items():
            assert rows[name].rstrip().endswith(day), name
        order = sorted(expected, key=lambda name: lines.index(rows[name]))
        assert order == _shown_names(demo_app)
        written = [name for name in order if expected[name] != "never"]
        assert order[: len(written)] == written  # the never-written come last
        # The line under the table: the highlighted (top) contact in full.
        top = demo_app.screen.matching[0]
        assert top.contact.email in text
        assert f"Linked: {top.applications[0].label}" in text


async def test_last_written_follows_the_sent_log(demo_db, now):
    with Store(demo_db, clock=lambda: now) as store:
        tidewater = next(a for a in store.applications() if a.company == "Tidewater Bank")
        felix_to = "Felix <felix.brandt@tidewater.example>"
        entry = SentFollowUp(SentKind.OTHER, now - timedelta(days=3), tidewater.id, to=felix_to)
        store.log_sent(entry)
    app = make_app(demo_db, now, SIGNED)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        assert _shown_names(app)[0] == "Felix Brandt"
        felix = next(line for line in _table_lines(app) if "Felix Brandt" in line)
        assert felix.rstrip().endswith("Mon 23 Nov")


async def test_filter_narrows_as_you_type_and_esc_clears_then_closes(demo_app):
    async with demo_app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, demo_app)
        await pilot.press("slash", *"north")
        await settle(pilot, demo_app)
        assert _shown_names(demo_app) == ["Tomasz Wren", "Jana Albers"]
        assert "2 of 4 contacts matching north" in screen_text(demo_app)
        await pilot.press("backspace", *"x")
        await settle(pilot, demo_app)
        assert _shown_names(demo_app) == []
        assert "No contact matches the filter" in screen_text(demo_app)
        await pilot.press("escape")  # in the box: clears it, back to the table
        await settle(pilot, demo_app)
        assert len(_shown_names(demo_app)) == 4
        assert isinstance(demo_app.focused, ContactsTable)
        await pilot.press("slash", *"TALENT", "enter")  # enter: to the filtered table
        await settle(pilot, demo_app)
        assert _shown_names(demo_app) == ["Priya Natarajan"]
        assert isinstance(demo_app.focused, ContactsTable)
        await pilot.press("escape")
        await settle(pilot, demo_app)
        assert demo_app.screen is not screen
        assert isinstance(demo_app.screen, MainScreen)


@pytest.mark.parametrize("key", ["q", "C"])
async def test_q_and_c_close(demo_app, key):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press(key)
        await settle(pilot, demo_app)
        assert isinstance(demo_app.screen, MainScreen)


async def test_the_filter_ignores_accents(demo_app, demo_db):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press("a", *"José Müller", "tab", *"Recruiter", "enter")
        await settle(pilot, demo_app)
        await pilot.press("slash", *"jose mu")
        await settle(pilot, demo_app)
        assert _shown_names(demo_app) == ["José Müller"]


async def test_add_saves_the_contact_and_shows_it(demo_app, demo_db):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press("a")
        await settle(pilot, demo_app)
        await pilot.press(*"Ana Lima", "tab", *"Head of Talent", "tab", *"Quillstack")
        await pilot.press("tab", *"ana@quillstack.example", "tab", *"+49 30 1234", "enter")
        await settle(pilot, demo_app)
        ana = _contacts_on_disk(demo_db)["Ana Lima"]
        assert ana["title"] == "Head of Talent"
        assert ana["company"] == "Quillstack"
        assert ana["email"] == "ana@quillstack.example"
        assert ana["phone"] == "+49 30 1234"
        assert "Ana Lima" in _shown_names(demo_app)
        screen = demo_app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.table.selected_id == ana["id"]
        assert "Added Ana Lima" in notices(demo_app)


async def test_add_refuses_a_bad_email_and_keeps_the_form(demo_app, demo_db):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press("a")
        await settle(pilot, demo_app)
        await pilot.press(*"Bo", "tab", "tab", "tab", *"not-an-address", "enter")
        await settle(pilot, demo_app)
        assert "is not an email address" in screen_text(demo_app)
        assert "Bo" not in _contacts_on_disk(demo_db)
        await pilot.press("escape")
        await settle(pilot, demo_app)
        assert isinstance(demo_app.screen, ContactsScreen)


async def test_edit_saves_the_highlighted_contact(demo_app, demo_db):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press("slash", *"priya", "enter", "e")
        await settle(pilot, demo_app)
        assert "Edit contact Priya Natarajan" in screen_text(demo_app)
        await pilot.press("tab")
        title = demo_app.focused
        title.value = "Senior Talent Partner"  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(pilot, demo_app)
        assert _contacts_on_disk(demo_db)["Priya Natarajan"]["title"] == "Senior Talent Partner"
        assert "Senior Talent Partner" in screen_text(demo_app)


async def test_link_picks_an_application_and_linking_again_offers_to_unlink(demo_app, demo_db):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        priya = _contacts_on_disk(demo_db)["Priya Natarajan"]["id"]
        await pilot.press("slash", *"priya", "enter", "L")
        await settle(pilot, demo_app)
        assert isinstance(demo_app.screen, ApplicationPicker)
        assert "Lumen Health — Backend Engineer, Patient Records  interviewing  ✓ linked" in (
            screen_text(demo_app)
        )
        await pilot.press(*"tidewater", "enter")
        await settle(pilot, demo_app)
        apps = {a["company"]: a for a in _on_disk(demo_db)["applications"].values()}
        assert priya in apps["Tidewater Bank"]["contact_ids"]
        assert priya in apps["Lumen Health"]["contact_ids"]
        linked = "Linked: Lumen Health — Backend Engineer, Patient Records, Tidewater Bank"
        assert linked in screen_text(demo_app)  # the line under the table
        await pilot.press("L")
        await settle(pilot, demo_app)
        await pilot.press(*"tidewater", "enter")
        await settle(pilot, demo_app)
        assert "Priya Natarajan is already linked to Tidewater Bank" in screen_text(demo_app)
        await pilot.press("y")
        await settle(pilot, demo_app)
        apps = {a["company"]: a for a in _on_disk(demo_db)["applications"].values()}
        assert priya not in apps["Tidewater Bank"]["contact_ids"]
        assert "Priya Natarajan" in _contacts_on_disk(demo_db)  # the contact stays


async def test_link_can_be_cancelled(demo_app, demo_db):
    before = _on_disk(demo_db)["applications"]
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press("L")
        await settle(pilot, demo_app)
        await pilot.press(*"zzz")
        await settle(pilot, demo_app)
        assert "No application matches." in screen_text(demo_app)
        await pilot.press("enter", "escape")
        await settle(pilot, demo_app)
        assert isinstance(demo_app.screen, ContactsScreen)
    assert _on_disk(demo_db)["applications"] == before


async def test_delete_asks_goes_to_the_trash_and_u_on_the_main_screen_undoes(demo_app, demo_db):
    async with demo_app.run_test(size=SIZE) as pilot:
        await _open(pilot, demo_app)
        await pilot.press("slash", *"priya", "enter", "d")
        await settle(pilot, demo_app)
        assert "Delete the contact Priya Natarajan?" in screen_text(demo_app)
        await pilot.press("n")
        await settle(pilot, demo_app)
        assert "Priya Natarajan" in _contacts_on_disk(demo_db)
        await pilot.press("d")
        await settle(pilot, demo_app)
        await pilot.press("y")
        await settle(pilot, demo_app)
        assert "Priya Natarajan" not in _contacts_on_disk(demo_db)
        trash = _on_disk(demo_db)["trash"]
        assert [e["label"] for e in trash.values() if e["kind"] == "contact"] == ["Priya Natarajan"]
        assert "Priya Natarajan" not in _shown_names(demo_app)
        assert any("u on the main screen undoes it" in n for n in notices(demo_app))
        await pilot.press("escape", "u")
        await settle(pilot, demo_app)
        assert "Priya Natarajan" in _contacts_on_disk(demo_db)
        await pilot.press("C")
        await settle(pilot, demo_app)
        assert "Priya Natarajan" in _shown_names(demo_app)
        priya = next(line for line in _table_lines(demo_app) if "Priya" in line)
        assert "Lumen Health" in priya  # linked back where it was


async def test_no_contacts_says_how_to_add_one(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        store.save(Application(company="Acme", role="Dev"))
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        assert "No contacts yet. Press a to add one." in screen_text(app)
        await pilot.press("e")  # nothing selected: a hint, no form
        await settle(pilot, app)
        assert isinstance(app.screen, ContactsScreen)
        assert "No contact selected." in notices(app)


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
async def test_hostile_names_and_titles_show_literally(db_path, now, text):
    with Store(db_path, clock=lambda: now) as store:
        app_record = Application(company=text, role=text)
        contact = Contact(name=text, title=text, company=text)
        app_record.contact_ids = [contact.id]
        store.save_with_contacts(app_record, [contact])
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        assert raw_controls(app) == []
        assert looks_like(text, 4) in screen_text(app)
        for key in ("L", "escape", "e", "escape", "d", "n"):
            await pilot.press(key)
            await settle(pilot, app)
            assert raw_controls(app) == []
        assert isinstance(app.screen, ContactsScreen)


def test_snapshot_contacts_wide(snap_compare, short_home, now):
    """The demo's contacts at 120x40: every column, the line under the table."""
    assert snap_compare(_snapshot_app(short_home, now), terminal_size=WIDE, run_before=_after("C"))


def test_snapshot_contacts_narrow(snap_compare, short_home, now):
    """At 80x24 email and phone give way to the line under the table."""
    app = _snapshot_app(short_home, now)
    assert snap_compare(app, terminal_size=NARROW, run_before=_after("C", "j"))


def test_snapshot_application_picker(snap_compare, short_home, now):
    """L: the applications to link, narrowed by what is typed, the linked one marked."""
    app = _snapshot_app(short_home, now)
    assert snap_compare(app, terminal_size=NARROW, run_before=_after("C", "L", *"en"))


def _snapshot_app(home, now) -> JobTUI:
    db_path = home / "data" / "jobtui.json"
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return make_app(db_path, now, SIGNED)


async def test_read_only_opens_no_form_and_changes_nothing(demo_db, now):
    before = _on_disk(demo_db)
    demo_db.chmod(0o444)
    app = make_app(demo_db, now)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, app)
        said = len(notices(app))  # the app says at once that the file is read-only
        for key in ("a", "e", "L", "d"):
            await pilot.press(key)
            await settle(pilot, app)
            assert isinstance(app.screen, ContactsScreen), key
        assert [n.startswith("Read-only:") for n in notices(app)[said:]] == [True] * 4
    assert _on_disk(demo_db) == before
