"""format_dated: a deadline or due time given as a date alone shows the day, never 00:00."""

from __future__ import annotations

from datetime import datetime

import pytest
from dateutil import tz

from jobtui.core.dates import format_dated, format_when, is_day_only, parse_when

BERLIN = tz.gettz("Europe/Berlin")
LA = tz.gettz("America/Los_Angeles")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday


@pytest.fixture(autouse=True)
def _berlin_clock(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.delenv("JOBTUI_NOW", raising=False)


@pytest.mark.parametrize(
    ("typed", "full", "short"),
    [
        ("tomorrow", "Fri 27 Nov 2026", "Fri 27 Nov"),
        ("2026-12-02", "Wed 2 Dec 2026", "Wed 2 Dec"),
        ("Jan 5", "Tue 5 Jan 2027", "Tue 5 Jan 2027"),
        ("yesterday", "Wed 25 Nov 2026", "Wed 25 Nov"),
        ("fri 5pm", "Fri 27 Nov 2026 17:00 CET", "Fri 27 Nov 17:00"),
        ("Dec 3 00:01", "Thu 3 Dec 2026 00:01 CET", "Thu 3 Dec 00:01"),
        # midnight on another clock is not a date alone here: 09:00 in Berlin
        ("Dec 3 PST", "Thu 3 Dec 2026 09:00 CET (00:00 PST)", "Thu 3 Dec 09:00"),
    ],
)
def test_a_date_alone_is_its_day_and_a_time_keeps_its_clock(typed, full, short):
    moment = parse_when(typed, NOW)
    assert format_dated(moment, NOW) == full
    assert format_dated(moment, NOW, short=True) == short


def test_only_local_midnight_is_a_date_alone():
    assert is_day_only(datetime(2026, 12, 2, tzinfo=BERLIN))
    assert is_day_only(datetime(2026, 12, 1, 23, tzinfo=tz.UTC))  # 00:00 in Berlin
    assert not is_day_only(datetime(2026, 12, 2, tzinfo=LA))
    assert not is_day_only(datetime(2026, 12, 2, 0, 0, 1, tzinfo=BERLIN))


def test_a_moment_with_a_time_is_format_when(monkeypatch):
    moment = datetime(2026, 12, 3, 14, tzinfo=LA)
    assert format_dated(moment, NOW) == format_when(moment, NOW)
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    # the local clock decides: Berlin's midnight is 15:00 in Los Angeles
    assert format_dated(datetime(2026, 12, 2, tzinfo=BERLIN), NOW) == (
        "Tue 1 Dec 2026 15:00 PST (Wed 00:00 CET)"
    )


def test_the_day_reads_back_as_the_same_moment():
    moment = parse_when("2026-12-02", NOW)
    assert parse_when(format_dated(moment, NOW), NOW) == moment
