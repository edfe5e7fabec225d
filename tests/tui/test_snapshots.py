"""SVG snapshots of the main screens, drawn from the demo data at the frozen "now".

Update after an intended UI change with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and look at the SVGs in ``tests/tui/__snapshots__/`` (or the HTML report a failure writes).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from tui_helpers import SIGNED, make_app, settle

from jobtui.db.store import Store
from jobtui.io.demo import populate_demo
from jobtui.tui.app import JobTUI

WIDE = (120, 40)
NARROW = (80, 24)


@pytest.fixture
def demo_app(short_home, now) -> JobTUI:
    """The real app on a demo database, with "now" frozen. Its folder's path is as long in
    every run: the help lists the paths, and how many lines they wrap to moves its scrollbar."""
    db_path = short_home / "data" / "jobtui.json"
    with Store(db_path, clock=lambda: now) as store:
        populate_demo(store, now)
    return make_app(db_path, now, SIGNED)


def _steady_cursors(pilot: Pilot) -> None:
    # A blinking cursor is drawn or not depending on timing; keep it drawn.
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


def _after(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """A run_before: wait for the demo data on screen, press ``keys``, let every result draw."""

    async def run_before(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, JobTUI)
        await settle(pilot, app)
        assert app.loaded, "the data thread never delivered the overview"
        await _press(pilot, keys)
        await settle(pilot, app)
        _steady_cursors(pilot)
        await pilot.pause()

    return run_before


async def _press(pilot: Pilot, keys: Iterable[str]) -> None:
    for key in keys:
        await pilot.press(key)


def test_main_screen_wide(snap_compare, demo_app):
    """Main screen at 120x40: urgent rows first, timeline, details of the top row."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after())


def test_main_screen_narrow(snap_compare, demo_app):
    """Main screen at 80x24: everything still readable."""
    assert snap_compare(demo_app, terminal_size=NARROW, run_before=_after())


def test_follow_ups_only(snap_compare, demo_app):
    """f shows only the applications that need a follow-up."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("f"))


def test_add_application_form_shows_markup_as_typed(snap_compare, demo_app):
    """a opens the form; a company typed as "[bold]Acme[/]" shows literally, not bold."""
    assert snap_compare(
        demo_app, terminal_size=WIDE, run_before=_after("a", "tab", *"[bold]Acme[/]")
    )


def test_help_screen(snap_compare, demo_app):
    """? lists every key of the main screen."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("question_mark"))


def test_status_picker(snap_compare, demo_app):
    """s on the top row opens the status picker at its current status."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("s"))


def test_composer(snap_compare, demo_app):
    """The composer drafting Northwind's thank-you (the due follow-up preselects it)."""
    assert snap_compare(demo_app, terminal_size=WIDE, run_before=_after("j", "j", "j", "j", "m"))
