"""The kept draft (issue 11, item 1): the composer keeps a draft edited by hand until it is
sent, through esc and a restart; ctrl+r resets it; marking sent logs its exact text (ctrl+t,
t, jobtui sent); ctrl+o hands it to the mail program."""

from __future__ import annotations

import contextlib

import orjson
import pytest
from hostile import HOSTILE, HOSTILE_IDS
from tui_helpers import make_app, screen_text, settle, wait_for

from jobtui.config import Config, Me
from jobtui.core.model import MessageDraft
from jobtui.core.outgoing import split_message
from jobtui.core.textsafe import has_controls, visible_in_place
from jobtui.db.store import Store
from jobtui.io import mail
from jobtui.io.demo import populate_demo
from jobtui.ops import messages
from jobtui.tui.widgets.applications import ApplicationsTable

SIZE = (120, 40)
NAMED = Config(me=Me(name="Sam Rivera"))  # nobody is asked who is writing
PS = "\nP.S. I am free on Tuesday [after 3]."


@pytest.fixture
def demo_db(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return db_path


def _on_disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


def _northwind(db_path) -> tuple[dict, dict]:
    """Northwind's application and its latest interview (the one owed a thank-you), on disk."""
    data = _on_disk(db_path)
    [app] = [a for a in data["applications"].values() if a["company"] == "Northwind Analytics"]
    found = [i for i in data["interviews"].values() if i["application_id"] == app["id"]]
    return app, max(found, key=lambda i: i["starts_at"])


def _sent(db_path, interview_id: str) -> list[dict]:
    return [s for s in _on_disk(db_path)["sent"].values() if s["interview_id"] == interview_id]


async def _open_composer(pilot, app):
    await settle(pilot, app)
    table = app.screen.query_one(ApplicationsTable)
    for index in range(table.row_count):
        if table.get_row_at(index)[1].plain == "Northwind Analytics":
            table.move_cursor(row=index)
            break
    else:
        raise AssertionError("Northwind not shown")
    await settle(pilot, app)
    await pilot.press("m")
    await settle(pilot, app)
    composer = app.screen
    assert type(composer).__name__ == "ComposerScreen"
    return composer


async def _type_at_the_end(pilot, composer, text: str) -> None:
    area = composer.query_one("#composer-draft")
    area.focus()
    area.move_cursor(area.document.end)
    for char in text:
        await pilot.press("enter" if char == "\n" else char if char != " " else "space")


def _status(composer) -> str:
    return composer.query_one("#composer-status").render().plain


async def test_the_draft_survives_esc_and_a_restart(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        rendered = composer.text
        await _type_at_the_end(pilot, composer, PS)
        edited = composer.text
        assert edited == rendered + PS
        await pilot.press("escape")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "MainScreen"
    app.data.close()
    _, interview = _northwind(demo_db)
    assert interview["draft"] == {
        "template": "thank_you",
        "text": edited,
        "saved_at": now.isoformat(),
    }
    again = make_app(demo_db, now, NAMED)
    async with again.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, again)
        assert composer.text == edited
        assert composer.template == "thank_you"
        status = _status(composer)
        assert "Edited by hand" in status and "kept, saved 10:00" in status
        assert "ctrl+r resets it to the template" in status
        area = composer.query_one("#composer-draft")
        area.move_cursor(area.document.end)  # the end of it in view
        await pilot.pause()
        assert "P.S. I am free on Tuesday [after 3]." in screen_text(again)
    again.data.close()


async def test_typing_is_autosaved_without_closing(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        await _type_at_the_end(pilot, composer, " Thanks!")

        def kept() -> bool:
            draft = _northwind(demo_db)[1]["draft"]
            return draft is not None and draft["text"] == composer.text

        assert await wait_for(pilot, kept)
        assert await wait_for(pilot, lambda: "kept, saved 10:00" in _status(composer))
        assert type(app.screen).__name__ == "ComposerScreen"  # still open
        # Autosaves are no undo steps: u on the main screen has nothing to take back.
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert _northwind(demo_db)[1]["draft"] is not None
    app.data.close()


async def test_an_unedited_draft_is_not_kept(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        # Typed and typed back: it reads as the template renders again.
        await _type_at_the_end(pilot, composer, "x")
        await pilot.press("backspace")
        # A field edit re-renders the draft, which still follows the notes.
        composer.query_one("#composer-liked").text = "Lea's humane on-call rota."
        assert await wait_for(pilot, lambda: "Lea's humane on-call rota" in composer.text)
        assert not composer.edited
        await pilot.press("escape")
        await settle(pilot, app)
    app.data.close()
    _, interview = _northwind(demo_db)
    assert interview["draft"] is None
    assert interview["liked"] == "Lea's humane on-call rota."


async def test_reset_restores_the_template_and_drops_the_kept_draft(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        rendered = composer.text
        await _type_at_the_end(pilot, composer, PS)
        composer.keep_draft()
        await settle(pilot, app)
        assert _northwind(demo_db)[1]["draft"]["text"] == rendered + PS
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        # It throws words away: asked first; no keeps them.
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "Reset the draft to the template?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot, app)
        assert app.screen is composer and composer.text == rendered + PS
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert app.screen is composer and composer.text == rendered
        assert "Reset to the template" in composer.said
        assert _northwind(demo_db)[1]["draft"] is None
        # Reset when nothing was edited: no question.
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert app.screen is composer
    app.data.close()


async def test_marking_sent_in_the_composer_logs_the_exact_message(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        await _type_at_the_end(pilot, composer, PS)
        composer.keep_draft()
        await settle(pilot, app)
        text = composer.text
        await pilot.press("ctrl+t")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "MainScreen"
    app.data.close()
    _, interview = _northwind(demo_db)
    [entry] = _sent(demo_db, interview["id"])
    subject, body = split_message(text)
    assert (entry["subject"], entry["body"]) == (subject, body)
    assert entry["body"].endswith("P.S. I am free on Tuesday [after 3].")
    assert entry["to"] == (
        "tomasz.wren@northwind.example, lea.hoffmann@northwind.example, "
        "arjun.mehta@northwind.example"
    )
    assert (entry["kind"], entry["channel"]) == ("thank_you", "email")
    assert interview["draft"] is None and interview["thank_you_sent_at"] == now.isoformat()


def _keep(db_path, now, text: str) -> str:
    """Keep ``text`` as the thank-you draft of Northwind's latest interview; its id."""
    _, interview = _northwind(db_path)
    with Store(db_path, clock=lambda: now) as store:
        messages.save_draft(store, interview["id"], MessageDraft("thank_you", text), now)
    return interview["id"]


async def test_t_logs_the_kept_draft(demo_db, now):
    interview_id = _keep(demo_db, now, "Subject: Thanks, all\n\nHi all,\n\nThank you.\n\nSam")
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        await _open_composer(pilot, app)  # selects Northwind
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("t")
        await settle(pilot, app)
    app.data.close()
    [entry] = _sent(demo_db, interview_id)
    assert (entry["subject"], entry["body"]) == ("Thanks, all", "Hi all,\n\nThank you.\n\nSam")
    assert entry["to"].startswith("tomasz.wren@northwind.example")
    assert _northwind(demo_db)[1]["draft"] is None


def test_jobtui_sent_logs_the_kept_draft(demo_db, now, jobtui):
    interview_id = _keep(demo_db, now, "Subject: Thanks\n\nThe body & all of it.\n")
    code, _out, err = jobtui("sent", interview_id[:8])
    assert code == 0, err
    [entry] = _sent(demo_db, interview_id)
    assert (entry["subject"], entry["body"]) == ("Thanks", "The body & all of it.")
    assert _northwind(demo_db)[1]["draft"] is None


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
async def test_hostile_text_in_a_draft_survives_the_round_trip(demo_db, now, text):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        area = composer.query_one("#composer-draft")
        area.move_cursor(area.document.end)
        area.insert("\n" + text)
        await pilot.pause()
        edited = composer.text
        await pilot.press("escape")
        await settle(pilot, app)
    app.data.close()
    assert _northwind(demo_db)[1]["draft"]["text"] == edited
    again = make_app(demo_db, now, NAMED)
    async with again.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, again)
        assert composer.text == edited
        area = composer.query_one("#composer-draft")
        area.move_cursor((area.document.line_count - 1, 0))  # the line typed is in view
        await pilot.pause()
        shown = screen_text(again)
        # As typed, not read as markup; a control character drawn as a visible stand-in.
        assert visible_in_place(text)[:8] in shown
        assert not has_controls(shown)
    again.data.close()


# -- ctrl+o: the mail program


class _FakeMail:
    """Stands in for jobtui.io.mail's prepare and run: records what it was handed."""

    def __init__(self, *, foreground: bool) -> None:
        self.foreground = foreground
        self.prepared: list[tuple[object, str]] = []
        self.ran: list[mail.Handover] = []

    def prepare(self, message, command):
        self.prepared.append((message, command))
        return mail.Handover(["fake-mail"], foreground=self.foreground, program="fake-mail")

    def run(self, handover, **_):
        self.ran.append(handover)


@pytest.mark.parametrize("foreground", [False, True], ids=["opener", "command"])
async def test_ctrl_o_hands_the_draft_to_the_mail_program(demo_db, now, monkeypatch, foreground):
    fake = _FakeMail(foreground=foreground)
    monkeypatch.setattr(mail, "prepare", fake.prepare)
    monkeypatch.setattr(mail, "run", fake.run)
    config = Config(me=Me(name="Sam Rivera"), mail=type(NAMED.mail)(command="fake-mail {to}"))
    app = make_app(demo_db, now, config)
    suspended = []

    @contextlib.contextmanager
    def suspend():  # a headless test has no terminal to hand over
        suspended.append(True)
        yield

    monkeypatch.setattr(app, "suspend", suspend)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        await _type_at_the_end(pilot, composer, PS)
        await pilot.press("ctrl+o")
        assert await wait_for(pilot, lambda: fake.ran)
        await settle(pilot, app)
        [(message, command)] = fake.prepared
        assert command == "fake-mail {to}"
        assert message.to[0] == "tomasz.wren@northwind.example"
        assert message.body.endswith("P.S. I am free on Tuesday [after 3].")
        assert (message.subject, message.body) == split_message(composer.text)
        assert suspended == ([True] if foreground else [])
        said = composer.said
        assert ("Back from fake-mail" if foreground else "Handed to fake-mail") in said
        assert "ctrl+t logs it as sent" in said
        assert app.screen is composer  # still open, to mark it sent
    app.data.close()


async def test_ctrl_o_says_who_has_no_address_and_opens_it_anyway(demo_db, now, monkeypatch):
    with Store(demo_db, clock=lambda: now) as store:
        for interview in store.interviews():
            for person in interview.interviewers:
                person.email = ""
            store.save(interview)
        for contact in store.contacts():
            contact.email = ""
            store.save(contact)
    fake = _FakeMail(foreground=False)
    monkeypatch.setattr(mail, "prepare", fake.prepare)
    monkeypatch.setattr(mail, "run", fake.run)
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        await pilot.press("ctrl+o")
        assert await wait_for(pilot, lambda: fake.ran)
        await settle(pilot, app)
        [(message, _)] = fake.prepared
        assert message.to == ()
        said = composer.said
        assert "no email address for Tomasz" in said
        assert "Name <email>" in said and "with no recipient" in said
        assert "no email address for Tomasz" in screen_text(app)
    app.data.close()


async def test_ctrl_o_says_why_the_mail_program_could_not_open(demo_db, now, monkeypatch):
    def refuse(message, command):
        raise mail.MailError("no program opens mailto: links here (xdg-open is not installed)")

    monkeypatch.setattr(mail, "prepare", refuse)
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert "Could not open the mail program" in composer.said
        assert "xdg-open is not installed" in composer.said
    app.data.close()


async def test_the_keys_line_lists_ctrl_o(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        await _open_composer(pilot, app)
        assert "ctrl+o mail" in screen_text(app)
    app.data.close()


async def test_quitting_with_the_composer_open_keeps_the_draft(demo_db, now):
    app = make_app(demo_db, now, NAMED)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _open_composer(pilot, app)
        area = composer.query_one("#composer-draft")
        area.move_cursor(area.document.end)
        area.insert(PS)  # at once: quit comes before the autosave's pause is over
        await pilot.pause()
        edited = composer.text
        assert _northwind(demo_db)[1]["draft"] is None
        await pilot.press("ctrl+q")
        await pilot.pause()
    app.data.close()  # as jobtui does once the app is gone: every queued save lands
    assert _northwind(demo_db)[1]["draft"]["text"] == edited
