"""Pilot tests for the stats screen: what it shows, user text as typed, keys that close it."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pytest
from dateutil import tz
from textual.app import App
from textual.containers import VerticalScroll
from textual.screen import Screen
from tui_helpers import screen_text

from jobtui.core.model import Application, Interview, InterviewKind, Status
from jobtui.core.stats import Stats, compute_stats
from jobtui.tui.screens.stats import StatsScreen

BERLIN = tz.gettz("Europe/Berlin")


class Host(App[None]):
    """Pushes one screen and records what it dismisses with."""

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.screen_under_test = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_under_test, callback=self.results.append)


def at(day: str, hour: int = 9) -> datetime:
    return datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=BERLIN).replace(
        hour=hour
    )


def sample_stats(now: datetime) -> Stats:
    """Five sent applications (two from a source whose name looks like markup) and a wishlist."""
    apps = []
    for n, (source, history) in enumerate(
        [
            ("[bold]Referral[/]", [Status.SCREENING, Status.INTERVIEWING, Status.OFFER]),
            ("[bold]Referral[/]", [Status.REJECTED]),
            ("LinkedIn", [Status.SCREENING]),
            ("LinkedIn", []),
            ("Company site", [Status.GHOSTED]),
        ]
    ):
        app = Application(company=f"Company {n}", role="Dev", source=source)
        app.set_status(Status.APPLIED, at("2026-11-02"))
        for day, status in enumerate(history, start=4 + n):
            app.set_status(status, at(f"2026-11-{day:02}"))
        apps.append(app)
    wish = Application(company="Dream", role="Dev", status=Status.WISHLIST)
    apps.append(wish)
    first = apps[0]
    rounds = {
        first.id: [
            Interview(
                application_id=first.id,
                starts_at=at("2026-11-24", 14),
                kind=InterviewKind.ONSITE,
                created_at=at("2026-11-20"),
            )
        ]
    }
    return compute_stats(apps, rounds, now)


def row(text: str, *cells: str) -> bool:
    """Whether a screen line holds these cells in order, with only spaces or funnel bars
    between them (the screenshot drops some spaces)."""
    pattern = r"[\s█▏▎▍▌▋▊▉]*".join(re.escape(cell) for cell in cells)
    return any(re.search(pattern, line) for line in text.splitlines())


async def test_stats_screen_shows_the_funnel_and_sources(now):
    stats = sample_stats(now)
    assert [s.count for s in stats.funnel] == [5, 2, 1, 1, 0]
    host = Host(StatsScreen(stats))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(host.screen, StatsScreen)
        text = screen_text(host)
        assert "jobtui — stats" in text
        assert "6 applications · 4 active · 2 closed" in text
        assert row(text, "Applied", "5", "█" * 30)
        assert row(text, "Screening", "2", "█" * 12, "40%", "of applied")
        assert row(text, "Interview", "1", "50%", "of screening")
        assert row(text, "Offer", "1", "100%", "of interview")
        assert row(text, "Accepted", "0", "0%", "of offer")
        assert "Response rate 60% (3 of 5 sent got an answer)" in text
        assert "median 3 days to the first response" in text
        # The source is user text: shown exactly as typed, not read as markup.
        assert row(text, "[bold]Referral[/]", "2", "2", "100%", "2.5 days")
        assert row(text, "LinkedIn", "2", "1", "50%", "4 days")
        assert row(text, "Company site", "1", "0", "0%", "—")
        # The weekly grid fits at 120x40 without scrolling.
        assert "Mon 7 Sep 2026 – Sun 29 Nov 2026" in text
        assert row(text, "Week of", "7", "14", "21", "28", "5", "12", "19", "26", "2", "9")
        interviews = next(line for line in text.splitlines() if "Interviews" in line)
        assert "▁" not in interviews  # weeks without one draw blank, not as low bars
        assert "This week: 0 applications" in text
        assert "esc, q or g close" in text
        body = host.screen.query_one("#stats-body", VerticalScroll)
        assert body.max_scroll_y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(host.screen, StatsScreen)
    assert host.results == [None]


@pytest.mark.parametrize("key", ["q", "g"])
async def test_stats_screen_closes_with_q_and_g(now, key):
    host = Host(StatsScreen(sample_stats(now)))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(host.screen, StatsScreen)
    assert host.results == [None]


async def test_stats_screen_scrolls_at_80x24(now):
    host = Host(StatsScreen(sample_stats(now)))
    async with host.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = host.screen.query_one("#stats-body", VerticalScroll)
        assert host.focused is body
        assert body.max_scroll_y > 0
        assert "This week:" not in screen_text(host)
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(host)
        assert "This week: 0 applications" in text
        assert "esc, q or g close" in text


async def test_stats_screen_with_nothing_yet(now):
    host = Host(StatsScreen(compute_stats([], {}, now)))
    async with host.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(host)
        assert "0 applications · 0 active · 0 closed" in text
        assert "Response rate —" in text
        assert "By source: no applications sent yet." in text
        assert row(text, "Screening", "0")
