"""Helpers for Pilot tests: build the app on a tmp database with a frozen clock; wait for saves."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from jobtui.config import Config
from jobtui.db.store import Store
from jobtui.tui.app import JobTUI


def make_app(db_path: Path, now: datetime, config: Config | None = None) -> JobTUI:
    """The real app on a real file, with "now" frozen."""
    store = Store(db_path, clock=lambda: now)
    return JobTUI(store, config or Config(), clock=lambda: now)


async def settle(pilot, app: JobTUI, rounds: int = 3) -> None:
    """Wait until the data thread is idle and its results are drawn."""
    await pilot.pause()
    for _ in range(500):
        if app.loaded and not app.data.busy:
            break
        await asyncio.sleep(0.01)
    for _ in range(rounds):
        await pilot.pause()


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
