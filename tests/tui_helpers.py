"""Helpers for Pilot tests: build the app on a tmp database with a frozen clock; wait for saves."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jobtui.config import Config, Me
from jobtui.db.store import Store
from jobtui.tui.app import JobTUI

# A config with a name: the composer opens at once (with none, it first asks who is writing).
SIGNED = Config(me=Me(name="Sam Rivera", signature="Sam Rivera\nsam.rivera@example.com"))


def make_app(db_path: Path, now: datetime, config: Config | None = None) -> JobTUI:
    """The real app on a real file, with "now" frozen."""
    store = Store(db_path, clock=lambda: now)
    return JobTUI(store, config or Config(), clock=lambda: now)


async def settle(pilot, app: JobTUI) -> None:
    """Wait until every data-thread job queued so far has run and been handed back to the UI
    (``DataService.idle``; the first read counts), then until its results are drawn."""
    await pilot.pause()  # the handlers of the keys pressed run (they may queue jobs)
    await app.data.wait_idle()
    await pilot.pause()  # what the jobs handed back is laid out and drawn


async def wait_for(pilot, condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    """Whether ``condition()`` came true within ``seconds`` (checked every 50 ms): for what a
    timer does (an autosave, a retry, a check for changes), instead of a fixed pause. The
    limit is generous because it costs nothing when things go well: a CI machine running
    the suite on every CPU can take several seconds for one fsync."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


def screen_text(app: JobTUI) -> str:
    """Everything visible on screen, as plain text lines (what a user would read)."""
    import html
    import re

    svg = app.export_screenshot()
    lines: dict[float, list[tuple[float, str]]] = {}
    for x, y, body in re.findall(
        r'<text[^>]*?x="([\d.]+)"[^>]*?y="([\d.]+)"[^>]*>(.*?)</text>', svg, flags=re.S
    ):
        lines.setdefault(float(y), []).append((float(x), html.unescape(body)))
    return "\n".join(
        "".join(text for _, text in sorted(parts)).replace("\xa0", " ")
        for _, parts in sorted(lines.items())
    )


def notices(app: JobTUI) -> list[str]:
    """The messages of the notifications (toasts) shown so far."""
    return [n.message for n in app._notifications]
