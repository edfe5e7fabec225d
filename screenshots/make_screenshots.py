"""Make the README screenshots from the demo data: ``python screenshots/make_screenshots.py``.

The clock is frozen at Thu 26 Nov 2026 10:00 in Europe/Berlin and the app runs headless on a
throwaway demo database, with its own empty config folder (your config.toml stays out of it),
so the same code always draws the same SVGs. They are written next to this script.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

# Before anything imports jobtui: the zone, the frozen "now" and a config folder of our own.
ZONE = "Europe/Berlin"
NOW_ISO = "2026-11-26T10:00:00+01:00"
WORK = Path(tempfile.mkdtemp(prefix="jobtui-screenshots-"))
os.environ["TZ"] = ZONE
os.environ["JOBTUI_NOW"] = NOW_ISO
os.environ["JOBTUI_CONFIG_DIR"] = str(WORK / "config")
os.environ["JOBTUI_DB"] = str(WORK / "data" / "jobtui.json")
time.tzset()

from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Input, TextArea  # noqa: E402

from jobtui.config import Config, Me  # noqa: E402
from jobtui.core import dates  # noqa: E402
from jobtui.db.store import Store  # noqa: E402
from jobtui.io.demo import demo_id, populate_demo  # noqa: E402
from jobtui.tui.app import JobTUI  # noqa: E402
from jobtui.tui.widgets.applications import ApplicationsTable  # noqa: E402

OUT = Path(__file__).resolve().parent
WIDE = (120, 40)
NARROW = (80, 24)

Steps = Callable[[Pilot, JobTUI], Awaitable[None]]


async def settle(pilot: Pilot, app: JobTUI) -> None:
    """Wait until the data thread is idle and what it delivered is drawn."""
    for _ in range(500):
        if app.loaded and not app.data.busy:
            break
        await asyncio.sleep(0.01)
    else:
        raise RuntimeError("the data thread did not finish in 5 seconds")
    for _ in range(3):
        await pilot.pause()


async def nothing(pilot: Pilot, app: JobTUI) -> None:
    """The main screen as it opens."""


async def followups(pilot: Pilot, app: JobTUI) -> None:
    """Only what needs a follow-up."""
    await pilot.press("f")


async def interview_form(pilot: Pilot, app: JobTUI) -> None:
    """Add an interview to Northwind Analytics, a few fields typed, the live hints showing."""
    assert app.screen.query_one(ApplicationsTable).select(demo_id("application/northwind"))
    await pilot.press("i")
    await pilot.pause()
    form = app.screen
    form.query_one("#field-starts_at", Input).value = "tue 2pm"
    form.query_one("#field-duration", Input).value = "1h30m"
    form.query_one("#field-kind", Input).value = "technical"
    form.query_one("#field-interviewers", Input).value = "Tomasz Wren, Lea Okafor"
    form.query_one("#field-starts_at", Input).focus()
    form.query_one("#field-starts_at", Input).cursor_position = len("tue 2pm")


async def composer(pilot: Pilot, app: JobTUI) -> None:
    """The thank-you for Northwind's panel, drafted from what was noted about it."""
    assert app.screen.query_one(ApplicationsTable).select(demo_id("application/northwind"))
    await pilot.press("m")
    await pilot.pause()


async def help_screen(pilot: Pilot, app: JobTUI) -> None:
    """Every key."""
    await pilot.press("question_mark")


async def board(pilot: Pilot, app: JobTUI) -> None:
    """The pipeline board, opened on Lumen Health (interviewing)."""
    assert app.screen.query_one(ApplicationsTable).select(demo_id("application/lumen"))
    await pilot.press("b")
    await pilot.pause()


async def offers(pilot: Pilot, app: JobTUI) -> None:
    """The two open offers side by side."""
    await pilot.press("O")
    await pilot.pause()


async def posting(pilot: Pilot, app: JobTUI) -> None:
    """Copperleaf's posting, as captured from its page, in place of the notes."""
    assert app.screen.query_one(ApplicationsTable).select(demo_id("application/copperleaf"))
    await pilot.press("p")
    await pilot.pause()


SHOTS: dict[str, tuple[tuple[int, int], Steps]] = {
    "main": (WIDE, nothing),
    "followups": (WIDE, followups),
    "form": (WIDE, interview_form),
    "help": (WIDE, help_screen),
    "composer": (WIDE, composer),
    "narrow": (NARROW, nothing),
    "board": (WIDE, board),
    "offers": (WIDE, offers),
    "posting": (WIDE, posting),
}


async def shoot(name: str, size: tuple[int, int], steps: Steps, db: Path) -> Path:
    """Open the app on a fresh copy of the demo database, run ``steps``, save ``name``.svg."""
    copy = WORK / f"{name}.json"
    shutil.copy(db, copy)
    now = dates.now()
    me = Me(name="Sam Rivera", signature="Sam Rivera\nsam.rivera@example.com")
    app = JobTUI(Store(copy, clock=lambda: now), Config(me=me), clock=lambda: now)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        await steps(pilot, app)
        await settle(pilot, app)
        # A blinking cursor is drawn or not depending on timing; keep it drawn.
        for widget in app.screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
        await pilot.pause()
        svg = app.export_screenshot(title="jobtui")
    app.data.close()
    path = OUT / f"{name}.svg"
    path.write_text(svg, encoding="utf-8")
    return path


async def main() -> int:
    now = dates.now()
    db = WORK / "demo.json"
    with Store(db, clock=lambda: now) as store:
        populate_demo(store, now)
    try:
        for name, (size, steps) in SHOTS.items():
            path = await shoot(name, size, steps, db)
            print(f"wrote {path}")
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
