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
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hostile import HOSTILE, HOSTILE_IDS, looks_like
from tui_helpers import make_app, notices, screen_text, settle

from jobtui.core.model import Application, Interview, Person, Status
from jobtui.core.textsafe import has_controls
from jobtui.db.store import Store

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
    assert raw_controls(app) == []
    text = screen_text(app)
    for needle in expected:
        assert needle in text, f"{needle!r} not on screen"


# ---------------------------------------------------------------------- every screen


def _set_fields(form, **values: str) -> None:
    for name, value in values.items():
        widget = form.field_widget(name)
        if hasattr(widget, "load_text"):
            widget.load_text(value)
        else:
            widget.value = value


@pytest.mark.parametrize("hostile", [text for _, text in HOSTILE], ids=HOSTILE_IDS)
async def test_hostile_text_through_every_screen(hostile, db_path, now):
    """Add an application named with ``hostile`` (company, role, source, location), give it
    an interview (interviewer, place), then visit every screen and run every action that
    names it in a toast: add, status, snooze, undo, delete; the details, timeline, help,
    palette, status picker, snooze dialog, stats, import dialog and the delete question."""
    seen = looks_like(hostile)
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, app)

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
        for key in ("question_mark", "ctrl+p", "g"):
            await pilot.press(key)
            await pilot.pause()
            assert_safe(app)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert_safe(app, seen)
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

        # Delete: the question names it; the toast too.
        await pilot.press("d")
        await pilot.pause()
        assert_safe(app, seen)
        await pilot.press("y")
        await settle(pilot, app)
        assert_safe(app, seen)
        assert app.return_code is None


@pytest.mark.parametrize("hostile", [text for _, text in HOSTILE], ids=HOSTILE_IDS)
async def test_stored_hostile_text_never_reaches_the_terminal(hostile, db_path, now):
    """Text already in the database (imported, synced): tags, notes, interviewers too."""
    with Store(db_path, clock=lambda: now) as store:
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
    tui = make_app(db_path, now)
    async with tui.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot, tui)
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
        await pilot.press("D")  # ...and see it in the trash view
        await settle(pilot, tui)
        assert type(tui.screen).__name__ == "TrashScreen"
        assert_safe(tui, looks_like(hostile)[:20])
