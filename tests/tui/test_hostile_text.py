"""Hostile text (tests/hostile.py) through every TUI screen: no crash, shown literally, and no
control character from the data ever reaches the terminal.

How "what reaches the terminal" is checked: :func:`terminal_output` asks the screen's compositor
for a full redraw and turns it into the exact string Textual's driver would write
(``LayoutUpdate.render_segments``, the call ``App._display`` makes). In that string Textual
itself only writes two kinds of escape sequence: SGR colours (``ESC [ ... m``) and cursor
moves (``ESC [ row ; col H``). :func:`raw_controls` removes exactly those and the line breaks
between rows; any control character left over (ESC, BEL, C0, C1 such as U+009B, or a bidi
override) came from the data. A link made by markup (``[link=...]``) would show up too: Rich
writes links as OSC 8 sequences, which are not removed.

The strings are driven in three groups, one app each (one session walks every screen for each
string of its group, in turn): a failure names the string's id.
"""

from __future__ import annotations

import ast
import re
from datetime import timedelta

import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like
from tui_helpers import SIGNED, make_app, notices, screen_text, settle

from jobtui.core.model import Application, Interview, Person, Status
from jobtui.core.textsafe import has_controls
from jobtui.db.store import Store
from jobtui.tui.widgets.applications import ApplicationsTable

SIZE = (120, 40)
# Textual's own escape sequences: colours (SGR) and cursor moves.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[[0-9]+;[0-9]+H")


def terminal_output(app) -> str:
    """The string Textual would write to the terminal to draw the whole screen now."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return update.render_segments(app.console)


def raw_controls(app) -> list[str]:
    """Control characters in the terminal output that Textual did not put there itself."""
    text = TEXTUAL_SEQUENCES.sub("", terminal_output(app)).replace("\n", "")
    return sorted({repr(c) for c in text if has_controls(c) or c == "\t"})


def assert_safe(app, *expected: str) -> None:
    """Nothing raw reaches the terminal, and each of ``expected`` is on screen."""
    raw = raw_controls(app)
    assert raw == [], f"raw {raw} reached the terminal, from {_holding(raw)}"
    text = screen_text(app)
    for needle in expected:
        assert needle in text, f"{needle!r} not on screen"


def _holding(raw: list[str]) -> list[str]:
    """The ids of the hostile strings holding any of the characters ``raw`` lists."""
    return [name for name, text in HOSTILE if any(ast.literal_eval(c) in text for c in raw)]


# The corpus in groups that share a session: markup, control characters, long and wide text.
GROUPS = {
    "markup": HOSTILE_IDS[:5],
    "controls": HOSTILE_IDS[5:10],
    "long-and-wide": HOSTILE_IDS[10:],
}
# Every string in exactly one group.
assert [name for names in GROUPS.values() for name in names] == HOSTILE_IDS
TEXT = dict(HOSTILE)


async def _for_each(group: str, walk) -> None:
    """``await walk(text)`` for each string of ``group``; a failure names the string's id."""
    for name in GROUPS[group]:
        try:
            await walk(TEXT[name])
        except AssertionError as exc:
            raise AssertionError(f"hostile text {name!r}: {exc}") from exc


# ---------------------------------------------------------------------- every screen


def _set_fields(form, **values: str) -> None:
    for name, value in values.items():
        widget = form.field_widget(name)
        if hasattr(widget, "load_text"):
            widget.load_text(value)
        else:
            widget.value = value


@pytest.mark.parametrize("group", GROUPS)
async def test_hostile_text_through_every_screen(group, db_path, now):
    """For each string: add an application named with it (company, role, source, location),
    give it an interview (interviewer, place), then visit every screen and run every action
    that names it in a toast: add, status, snooze, undo, delete; the details, timeline, help,
    palette, status picker, snooze dialog, stats, import dialog and the delete question. Each
    string ends deleted, so the next one starts from the same empty screen."""
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)

        async def walk(hostile: str) -> None:
            seen = looks_like(hostile)
            app.clear_notifications()  # the last string's toasts are not this one's

            # Add, through the form (the toast names it).
            await pilot.press("a")
            await pilot.pause()
            form = app.screen
            _set_fields(form, company=hostile, role=hostile, source=hostile, location=hostile)
            await pilot.pause()
            assert_safe(app)
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert notices(app)[-1].startswith("Added ")
            assert seen in notices(app)[-1]
            assert len(notices(app)[-1]) <= 160
            assert_safe(app, seen)  # the row, the details and the toast
            assert app.return_code is None

            # An interview, through its form; the timeline shows it.
            await pilot.press("i")
            await pilot.pause()
            _set_fields(app.screen, where=hostile)
            await pilot.pause()
            assert_safe(app)
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert_safe(app, seen)

            # The edit form shows the stored text in its inputs.
            await pilot.press("e")
            await pilot.pause()
            assert_safe(app)
            await pilot.press("escape")
            await pilot.pause()

            # Status picker, then a status change (toast).
            await pilot.press("s")
            await pilot.pause()
            assert_safe(app, seen)
            await pilot.press("2")
            await settle(pilot, app)
            assert_safe(app, seen)

            # Snooze dialog, then a snooze (toast).
            await pilot.press("z")
            await pilot.pause()
            assert_safe(app, seen)
            await pilot.press(*"+3d", "enter")
            await settle(pilot, app)
            assert_safe(app, seen)

            # Undo (toast).
            await pilot.press("u")
            await settle(pilot, app)
            assert_safe(app, seen)

            # Help, palette, stats (the source is listed), import dialog.
            for key, shows in (("question_mark", ()), ("ctrl+p", ()), ("g", (seen,))):
                await pilot.press(key)
                await pilot.pause()
                assert_safe(app, *shows)
                await pilot.press("escape")
                await pilot.pause()
            app.main.action_import()
            await pilot.pause()
            app.screen.query_one("#import-path").value = f"/nonexistent/{hostile}"
            await pilot.press("enter")
            await pilot.pause()
            assert_safe(app, "No file at" if len(hostile) < 200 else "File name too long")
            await pilot.press("escape")
            await pilot.pause()

            # Delete: the question names it; then its toast.
            await pilot.press("d")
            await pilot.pause()
            assert_safe(app, seen)
            await pilot.press("y")
            await settle(pilot, app)
            assert notices(app)[-1].startswith("Deleted")
            assert_safe(app)
            assert app.return_code is None

        await _for_each(group, walk)


@pytest.mark.parametrize("group", GROUPS)
async def test_stored_hostile_text_never_reaches_the_terminal(group, db_path, now):
    """Text already in the database (imported, synced): tags, notes, interviewers too. One
    database holds an application (with an interview) per string of the group; each in turn
    is selected, its timeline, interview form and composer opened, then deleted and seen in
    the trash."""
    ids = {}
    with Store(db_path, clock=lambda: now) as store:
        for name in GROUPS[group]:
            hostile = TEXT[name]
            app = Application(company=hostile, role=hostile, tags=[hostile], notes=hostile)
            app.set_status(Status.INTERVIEWING, now - timedelta(days=3))
            store.save(app)
            store.save(
                Interview(
                    application_id=app.id,
                    starts_at=now - timedelta(days=1),
                    interviewers=[Person(name=hostile)],
                    notes=hostile,
                    topics=hostile,
                )
            )
            ids[hostile] = app.id
    tui = make_app(db_path, now, SIGNED)
    async with tui.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, tui)

        async def walk(hostile: str) -> None:
            table = tui.screen.query_one(ApplicationsTable)
            table.move_cursor(row=table.get_row_index(ids[hostile]))
            await settle(pilot, tui)
            assert table.selected_id == ids[hostile]
            assert_safe(tui, looks_like(hostile))
            await pilot.press("tab")  # the timeline: the interview's details and notes
            await settle(pilot, tui)
            assert_safe(tui, looks_like(hostile))
            await pilot.press("e")  # its edit form
            await pilot.pause()
            assert_safe(tui)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("m")  # the composer: the fields and the draft made from them
            await settle(pilot, tui)
            assert type(tui.screen).__name__ == "ComposerScreen"
            assert_safe(tui)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("shift+tab", "d", "y")  # delete the application...
            await settle(pilot, tui)
            assert ids[hostile] not in {r.app.id for r in tui.main.overview.rows}
            await pilot.press("D")  # ...and see it in the trash view
            await settle(pilot, tui)
            assert type(tui.screen).__name__ == "TrashScreen"
            assert_safe(tui, looks_like(hostile)[:20])
            await pilot.press("escape")
            await settle(pilot, tui)

        await _for_each(group, walk)
