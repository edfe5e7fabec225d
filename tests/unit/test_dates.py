"""Tests for jobtui.core.dates: parsing, business days, ISO storage and display.

Every test runs with TZ=Europe/Berlin and an explicit "now" of
Thu 2026-11-26 10:00 Berlin time, so nothing depends on the real clock.
"""

import os
import subprocess
import sys
import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from jobtui.core.dates import (
    DateParseError,
    add_business_days,
    business_days_between,
    day_from_iso,
    format_clock,
    format_day,
    format_duration,
    format_month,
    format_when,
    from_iso,
    humanize_delta,
    local_day,
    local_tz,
    now,
    parse_day,
    parse_duration,
    parse_when,
    to_iso,
)

BERLIN = tz.gettz("Europe/Berlin")
LA = tz.gettz("America/Los_Angeles")
NEW_YORK = tz.gettz("America/New_York")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday


def berlin(*args: int) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _berlin_clock(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    monkeypatch.delenv("JOBTUI_NOW", raising=False)


def test_reference_now_is_a_thursday():
    assert NOW.weekday() == 3


# --------------------------------------------------------------------------
# parse_when: the accepted language, as a table of input -> expected instant

ACCEPTED = [
    # ISO 8601
    ("2026-12-03", berlin(2026, 12, 3)),
    ("2026-12-03T14:00", berlin(2026, 12, 3, 14)),
    ("2026-12-03 14:00", berlin(2026, 12, 3, 14)),
    ("2026-12-03 14:00:30", berlin(2026, 12, 3, 14, 0, 30)),
    ("2026-12-03T14:00:00+01:00", berlin(2026, 12, 3, 14)),
    ("2026-12-03T14:00:00-05:00", datetime(2026, 12, 3, 14, tzinfo=NEW_YORK)),
    ("2026-12-03T14:00Z", datetime(2026, 12, 3, 14, tzinfo=tz.UTC)),
    ("2026-12-03t14:00z", datetime(2026, 12, 3, 14, tzinfo=tz.UTC)),
    ("2026-07-03T14:00", berlin(2026, 7, 3, 14)),  # summer time: +02:00
    # month names
    ("Dec 3 2pm", berlin(2026, 12, 3, 14)),
    ("December 3 2:30pm", berlin(2026, 12, 3, 14, 30)),
    ("3 Dec 2026 14:30", berlin(2026, 12, 3, 14, 30)),
    ("Dec 3, 2026", berlin(2026, 12, 3)),
    ("December 3rd, 2026 at 2 pm", berlin(2026, 12, 3, 14)),
    ("3rd of Dec 9am", berlin(2026, 12, 3, 9)),
    ("Thu 3 Dec 2026", berlin(2026, 12, 3)),  # format_day output reads back
    ("Thu 3 Dec 2026 14:00 CET", berlin(2026, 12, 3, 14)),
    ("2pm Dec 3", berlin(2026, 12, 3, 14)),
    ("sept 1 2027", berlin(2027, 9, 1)),
    # month-day without a year: next occurrence on or after today
    ("Nov 26", berlin(2026, 11, 26)),
    ("Nov 25", berlin(2027, 11, 25)),
    ("Dec 31", berlin(2026, 12, 31)),
    ("Jan 5", berlin(2027, 1, 5)),
    ("Feb 29", berlin(2028, 2, 29)),  # next leap year
    # day words
    ("today", berlin(2026, 11, 26)),
    ("tomorrow", berlin(2026, 11, 27)),
    ("yesterday", berlin(2026, 11, 25)),
    ("tomorrow 10am", berlin(2026, 11, 27, 10)),
    ("today 16:00", berlin(2026, 11, 26, 16)),
    ("tomorrow at 9:15am", berlin(2026, 11, 27, 9, 15)),
    ("yesterday noon", berlin(2026, 11, 25, 12)),
    # weekdays (more rules in test_weekday_rules)
    ("mon 9:30", berlin(2026, 11, 30, 9, 30)),
    ("friday", berlin(2026, 11, 27)),
    ("next friday 3pm", berlin(2026, 11, 27, 15)),
    ("last monday", berlin(2026, 11, 23)),
    # offsets: days/weeks keep now's time of day, hours/minutes are exact
    ("+3d", berlin(2026, 11, 29, 10)),
    ("+2w", berlin(2026, 12, 10, 10)),
    ("+1h", berlin(2026, 11, 26, 11)),
    ("+30m", berlin(2026, 11, 26, 10, 30)),
    ("-2d", berlin(2026, 11, 24, 10)),
    ("+1mo", berlin(2026, 12, 26, 10)),
    ("+3 days", berlin(2026, 11, 29, 10)),
    ("in 2 weeks", berlin(2026, 12, 10, 10)),
    ("in 3 days", berlin(2026, 11, 29, 10)),
    ("in 3d", berlin(2026, 11, 29, 10)),
    ("in 1 hour", berlin(2026, 11, 26, 11)),
    ("in 90 minutes", berlin(2026, 11, 26, 11, 30)),
    ("2 days ago", berlin(2026, 11, 24, 10)),
    ("3 weeks ago", berlin(2026, 11, 5, 10)),
    ("+1d 9am", berlin(2026, 11, 27, 9)),
    ("in 2 weeks 3pm", berlin(2026, 12, 10, 15)),
    # named times; a time without a date is today
    ("now", NOW),
    ("noon", berlin(2026, 11, 26, 12)),
    ("midnight", berlin(2026, 11, 26, 0)),
    ("tomorrow noon", berlin(2026, 11, 27, 12)),
    ("2pm", berlin(2026, 11, 26, 14)),
    ("2:30pm", berlin(2026, 11, 26, 14, 30)),
    ("14:00", berlin(2026, 11, 26, 14)),
    ("9am", berlin(2026, 11, 26, 9)),
    ("9 a.m.", berlin(2026, 11, 26, 9)),
    ("12am", berlin(2026, 11, 26, 0)),
    ("12pm", berlin(2026, 11, 26, 12)),
    # zones: abbreviations map to the region's IANA zone
    ("2pm PST", datetime(2026, 11, 26, 14, tzinfo=LA)),
    ("14:00 Europe/Berlin", berlin(2026, 11, 26, 14)),
    ("14:00 america/new_york", datetime(2026, 11, 26, 14, tzinfo=NEW_YORK)),
    ("tomorrow 9am CET", berlin(2026, 11, 27, 9)),
    ("Dec 3 2pm EST", datetime(2026, 12, 3, 14, tzinfo=NEW_YORK)),
    ("10am UTC", datetime(2026, 11, 26, 10, tzinfo=tz.UTC)),
    ("10am GMT", datetime(2026, 11, 26, 10, tzinfo=tz.UTC)),
    ("9am IST", datetime(2026, 11, 26, 9, tzinfo=tz.gettz("Asia/Kolkata"))),
    ("now UTC", datetime(2026, 11, 26, 9, tzinfo=tz.UTC)),
    # case and surrounding whitespace do not matter
    ("  TOMORROW 10AM  ", berlin(2026, 11, 27, 10)),
    ("DEC 3 2PM pst", datetime(2026, 12, 3, 14, tzinfo=LA)),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED)
def test_parse_when_accepts(text, expected):
    result = parse_when(text, NOW)
    assert result == expected
    # Same instant is not enough: the wall clock and offset must match too.
    assert result.utcoffset() == expected.utcoffset()
    assert result.replace(tzinfo=None) == expected.replace(tzinfo=None)


@pytest.mark.parametrize("text", [text for text, _ in ACCEPTED])
def test_parse_when_results_are_aware(text):
    result = parse_when(text, NOW)
    assert result.tzinfo is not None and result.utcoffset() is not None


def test_zone_abbreviation_follows_dst_on_the_target_date():
    summer = parse_when("Jul 3 2026 2pm PST", NOW)
    assert summer.utcoffset() == timedelta(hours=-7)  # PDT, not a fixed UTC-8
    assert summer.tzname() == "PDT"
    assert summer == datetime(2026, 7, 3, 21, tzinfo=tz.UTC)
    winter = parse_when("Dec 3 2pm PST", NOW)
    assert winter.utcoffset() == timedelta(hours=-8)
    assert parse_when("Jul 3 2026 9am CET", NOW).utcoffset() == timedelta(hours=2)


def test_zone_words_never_leak_warnings():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parse_when("Dec 3 2pm PST", NOW)
        parse_when("14:00 Europe/Berlin", NOW)
    assert caught == []


def test_local_wall_time_uses_summer_offset():
    assert parse_when("Jul 3 2026 14:00", NOW).utcoffset() == timedelta(hours=2)


def test_time_in_spring_forward_gap_moves_forward():
    # 02:30 does not exist in Berlin on 2026-03-29; the clock jumps 02:00 -> 03:00.
    assert parse_when("2026-03-29 02:30", NOW) == berlin(2026, 3, 29, 3, 30)


def test_hour_offset_is_exact_across_dst_change():
    # 01:30 CEST on the night the clocks go back; two real hours later the wall reads 02:30 CET.
    before = berlin(2026, 10, 25, 1, 30)
    result = parse_when("+2h", before)
    # (Subtracting two datetimes that share a tzinfo ignores DST, so compare in UTC.)
    assert result.astimezone(tz.UTC) - before.astimezone(tz.UTC) == timedelta(hours=2)
    # (An ambiguous wall time never compares equal across zones: PEP 495.)
    assert result.astimezone(tz.UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=tz.UTC)
    assert result.replace(tzinfo=None) == datetime(2026, 10, 25, 2, 30)


def test_day_offset_keeps_wall_time_across_dst_change():
    result = parse_when("+1d", berlin(2026, 10, 24, 10))
    assert result.replace(tzinfo=None) == datetime(2026, 10, 25, 10)
    assert result.utcoffset() == timedelta(hours=1)


def test_calendar_words_follow_local_date_not_the_now_argument_zone():
    # 23:30 in New York on Wednesday is already Thursday in Berlin.
    late_ny = datetime(2026, 11, 25, 23, 30, tzinfo=NEW_YORK)
    assert parse_when("today", late_ny) == berlin(2026, 11, 26)


def test_tz_env_change_takes_effect_immediately(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    assert parse_when("Dec 3 2pm", NOW) == datetime(2026, 12, 3, 14, tzinfo=NEW_YORK)
    assert parse_when("Dec 3 2pm", NOW).utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 3", berlin(2026, 12, 3, 9)),
        ("tomorrow", berlin(2026, 11, 27, 9)),
        ("friday", berlin(2026, 11, 27, 9)),
        ("2026-12-03", berlin(2026, 12, 3, 9)),
        ("Dec 3 2pm", berlin(2026, 12, 3, 14)),  # an explicit time wins
        ("midnight", berlin(2026, 11, 26, 0)),
        ("+1d", berlin(2026, 11, 27, 10)),  # offsets keep now's time of day
        ("in 2 hours", berlin(2026, 11, 26, 12)),
    ],
)
def test_default_hour(text, expected):
    assert parse_when(text, NOW, default_hour=9) == expected


def test_default_hour_out_of_range():
    with pytest.raises(ValueError):
        parse_when("tomorrow", NOW, default_hour=24)


MONDAY = berlin(2026, 11, 23, 10)
FRIDAY = berlin(2026, 11, 27, 10)


@pytest.mark.parametrize(
    ("ref", "text", "expected"),
    [
        # bare weekday: the coming one; today counts unless its time has passed
        (MONDAY, "mon", berlin(2026, 11, 23)),
        (MONDAY, "monday 11am", berlin(2026, 11, 23, 11)),
        (MONDAY, "mon 9:30", berlin(2026, 11, 30, 9, 30)),
        (MONDAY, "mon 10:00", berlin(2026, 11, 23, 10)),  # exactly now is not past
        (MONDAY, "this mon 9am", berlin(2026, 11, 30, 9)),
        (MONDAY, "tue", berlin(2026, 11, 24)),
        (MONDAY, "sun", berlin(2026, 11, 29)),
        (FRIDAY, "fri", berlin(2026, 11, 27)),
        (FRIDAY, "mon", berlin(2026, 11, 30)),
        # next: first such day strictly after today
        (MONDAY, "next fri", berlin(2026, 11, 27)),
        (MONDAY, "next tue", berlin(2026, 11, 24)),
        (MONDAY, "next mon", berlin(2026, 11, 30)),
        (FRIDAY, "next friday", berlin(2026, 12, 4)),
        (FRIDAY, "next friday 3pm", berlin(2026, 12, 4, 15)),
        (FRIDAY, "next mon", berlin(2026, 11, 30)),
        # last: most recent such day strictly before today
        (MONDAY, "last mon", berlin(2026, 11, 16)),
        (MONDAY, "last sunday", berlin(2026, 11, 22)),
        (MONDAY, "last tue", berlin(2026, 11, 17)),
        (FRIDAY, "last thu 2pm", berlin(2026, 11, 26, 14)),
    ],
)
def test_weekday_rules(ref, text, expected):
    assert parse_when(text, ref) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("next blursday", 'unknown word "blursday"'),
        ("tomorrow-ish", 'unknown word "tomorrow-ish"'),
        ("blursday 3pm", 'unknown word "blursday"'),
        ("32 Dec", "December has no day 32"),
        ("Feb 30", "February has no day 30"),
        ("Feb 29 2027", "February 2027 has no day 29"),
        ("2026-13-01", '"2026-13-01" is not a valid date'),
        ("25:00", '"25:00" is not a valid time'),
        ("13pm", '"13pm" is not a valid time'),
        ("10:75", '"10:75" is not a valid time'),
        ("", "nothing was entered"),
        ("   ", "nothing was entered"),
        ("+3x", 'unknown unit "x"'),
        ("in two weeks", '"two"'),
        ("2pm XYZ", 'unknown word "XYZ"'),
        ("14:00 Foo/Bar", 'unknown time zone "Foo/Bar"'),
        ("3/12", "ambiguous"),
        ("Fri 3 Dec 2026", "is a Thursday"),
        ("Dec", "which day of December"),
        ("2026", "month name"),
        ("7", "month name"),
        ("next", 'expected a weekday after "next"'),
        ("next dec", 'expected a weekday after "next"'),
        ("in", "no amount"),
        ("+1h 9am", "cannot be combined with a time"),
        ("tomorrow now", '"now" cannot be combined'),
        ("10am 11am", "two times"),
        ("Dec 3 Jan", "two months"),
        ("+3d ago", "not both"),
        ("tomorrow Dec 3", '"tomorrow" cannot be used here'),
        ("14:00+01:00 PST", "two time zones"),
        ("UTC", '"UTC" cannot be used here'),
    ],
)
def test_parse_when_rejects(text, reason):
    with pytest.raises(DateParseError) as info:
        parse_when(text, NOW)
    message = str(info.value)
    assert message.startswith(f'cannot read "{text.strip()}" as a date: ')
    assert reason in message


def test_date_parse_error_is_a_value_error():
    assert issubclass(DateParseError, ValueError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow 10am", date(2026, 11, 27)),
        ("Dec 3", date(2026, 12, 3)),
        ("2026-12-03T23:30", date(2026, 12, 3)),
        ("Dec 3 11pm PST", date(2026, 12, 3)),  # the date as written, not Berlin's
        ("last monday", date(2026, 11, 23)),
        ("+2w", date(2026, 12, 10)),
    ],
)
def test_parse_day(text, expected):
    result = parse_day(text, NOW)
    assert result == expected
    assert type(result) is date


def test_parse_day_hour_offset_crosses_midnight():
    assert parse_day("+1h", berlin(2026, 11, 26, 23, 30)) == date(2026, 11, 27)


def test_parse_day_rejects_garbage():
    with pytest.raises(DateParseError, match="blursday"):
        parse_day("blursday", NOW)


# --------------------------------------------------------------------------
# local_tz and now()


def test_local_tz_follows_tz_env(monkeypatch):
    assert datetime(2026, 7, 1, tzinfo=local_tz()).utcoffset() == timedelta(hours=2)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert datetime(2026, 7, 1, tzinfo=local_tz()).utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("value", [None, "", "Not/AZone"])
def test_local_tz_falls_back_to_system_zone(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("TZ")
    else:
        monkeypatch.setenv("TZ", value)
    zone = local_tz()
    assert local_tz() is zone  # one object, as a named zone is
    if os.path.isfile("/etc/localtime"):
        system = tz.tzfile("/etc/localtime")
        for moment in (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12)):
            assert moment.replace(tzinfo=zone).utcoffset() == system.utcoffset(moment)
    else:
        assert isinstance(zone, tz.tzlocal)


def test_now_without_override_is_current_and_local():
    result = now()
    assert result.tzinfo is not None
    assert abs(result - datetime.now(UTC)) < timedelta(seconds=5)
    assert result.utcoffset() == datetime.now(BERLIN).utcoffset()


@pytest.mark.parametrize(
    ("frozen", "expected"),
    [
        ("2026-11-26T10:00:00+01:00", berlin(2026, 11, 26, 10)),
        ("2026-11-26T09:00:00Z", berlin(2026, 11, 26, 10)),
        ("2026-07-01T12:00", berlin(2026, 7, 1, 12)),  # naive -> local, summer offset
        ("  2026-11-26 10:00  ", berlin(2026, 11, 26, 10)),
    ],
)
def test_now_honours_jobtui_now(monkeypatch, frozen, expected):
    monkeypatch.setenv("JOBTUI_NOW", frozen)
    result = now()
    assert result == expected
    assert result.utcoffset() == expected.utcoffset()  # expressed in local time


def test_now_rejects_garbage_override(monkeypatch):
    monkeypatch.setenv("JOBTUI_NOW", "soon")
    with pytest.raises(DateParseError, match='JOBTUI_NOW="soon"'):
        now()


def test_jobtui_now_freezes_a_subprocess():
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "TZ": "Europe/Berlin", "JOBTUI_NOW": "2026-11-26T10:00"}
    code = "from jobtui.core.dates import now; print(now().isoformat())"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "2026-11-26T10:00:00+01:00"


# --------------------------------------------------------------------------
# Durations


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45m", 45),
        ("45 min", 45),
        ("45 mins", 45),
        ("1h", 60),
        ("1h30m", 90),
        ("1h 30m", 90),
        ("1 hour 30 minutes", 90),
        ("1.5h", 90),
        ("90", 90),
        ("2 hours", 120),
        ("30 minutes", 30),
        ("1:30", 90),
        (" 2H ", 120),
        ("0.5h", 30),
    ],
)
def test_parse_duration(text, minutes):
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    "text", ["abc", "", "0", "0m", "-5m", "5x", "1h 2h", "h", "1d", "1:75", "m30", "45m!"]
)
def test_parse_duration_rejects(text):
    with pytest.raises(DateParseError) as info:
        parse_duration(text)
    assert f'"{text.strip()}"' in str(info.value)


def test_parse_duration_message():
    with pytest.raises(DateParseError) as info:
        parse_duration("abc")
    assert str(info.value) == 'cannot read "abc" as a duration (try 45m or 1h30m)'


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (45, "45m"),
        (60, "1h"),
        (90, "1h30m"),
        (0, "0m"),
        (150, "2h30m"),
        (1500, "25h"),
        (-45, "-45m"),
    ],
)
def test_format_duration(minutes, text):
    assert format_duration(timedelta(minutes=minutes)) == text
    if minutes > 0:
        assert parse_duration(text) == timedelta(minutes=minutes)


def test_format_duration_rounds_to_minutes():
    assert format_duration(timedelta(minutes=44, seconds=40)) == "45m"


# --------------------------------------------------------------------------
# Business days

MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 23 + i) for i in range(7))
NEXT_MON = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (FRI, 1, NEXT_MON),
        (SAT, 1, date(2026, 12, 1)),  # roll to Monday, then one more
        (SUN, 1, date(2026, 12, 1)),
        (MON, 5, NEXT_MON),
        (WED, 3, NEXT_MON),
        (MON, 10, date(2026, 12, 7)),
        (FRI, 0, FRI),
        (SAT, 0, NEXT_MON),  # zero only rolls forward
        (SUN, 0, NEXT_MON),
        (NEXT_MON, -1, FRI),
        (SAT, -1, THU),  # roll back to Friday, then one more
        (SUN, -1, THU),
        (THU, -4, date(2026, 11, 20)),
        (MON, -5, date(2026, 11, 16)),
        (MON, 260, date(2027, 11, 22)),  # exactly 52 weeks
    ],
)
def test_add_business_days(start, days, expected):
    assert add_business_days(start, days) == expected


def _reference_busday_offset(start: date, days: int) -> date:
    """Day-by-day reimplementation of numpy.busday_offset (forward/backward roll)."""
    step = 1 if days >= 0 else -1
    while start.weekday() >= 5:
        start += timedelta(days=step)
    for _ in range(abs(days)):
        start += timedelta(days=step)
        while start.weekday() >= 5:
            start += timedelta(days=step)
    return start


def test_add_business_days_matches_reference():
    for offset in range(14):
        start = MON + timedelta(days=offset)
        for days in range(-12, 13):
            assert add_business_days(start, days) == _reference_busday_offset(start, days)


def test_add_business_days_keeps_time_and_zone():
    start = berlin(2026, 11, 27, 15, 30)  # Friday afternoon
    result = add_business_days(start, 1)
    assert type(result) is datetime
    assert result == berlin(2026, 11, 30, 15, 30)
    assert result.tzinfo is start.tzinfo


def test_add_business_days_keeps_wall_time_across_dst():
    result = add_business_days(berlin(2026, 10, 23, 9), 1)  # Fri CEST -> Mon CET
    assert result.replace(tzinfo=None) == datetime(2026, 10, 26, 9)
    assert result.utcoffset() == timedelta(hours=1)


def test_add_business_days_naive_datetime():
    assert add_business_days(datetime(2026, 11, 28, 8), 1) == datetime(2026, 12, 1, 8)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (FRI, NEXT_MON, 1),
        (MON, NEXT_MON, 5),
        (THU, FRI, 1),
        (FRI, SAT, 0),
        (SAT, SUN, 0),
        (SAT, NEXT_MON, 1),
        (MON, MON, 0),
        (NEXT_MON, MON, 0),
        (MON, date(2026, 12, 7), 10),
        (berlin(2026, 11, 27, 18), berlin(2026, 11, 30, 8), 1),
        (FRI, berlin(2026, 11, 30, 8), 1),
    ],
)
def test_business_days_between(start, end, expected):
    assert business_days_between(start, end) == expected


def test_business_days_between_uses_local_dates():
    # Thu 20:00 in New York is already Friday 02:00 in Berlin: no business day in between.
    start = datetime(2026, 11, 26, 20, tzinfo=NEW_YORK)
    end = berlin(2026, 11, 27, 12)
    assert business_days_between(start, end) == 0


def test_business_days_between_matches_counting():
    for a in range(21):
        for b in range(21):
            start, end = MON + timedelta(days=a), MON + timedelta(days=b)
            count = sum(1 for n in range(1, b - a + 1) if (start + timedelta(days=n)).weekday() < 5)
            assert business_days_between(start, end) == count


def test_business_days_inverse():
    for offset in range(7):
        start = MON + timedelta(days=offset)
        for days in range(1, 15):
            if start.weekday() < 5:
                assert business_days_between(start, add_business_days(start, days)) == days


# --------------------------------------------------------------------------
# ISO storage


def test_to_iso():
    assert to_iso(None) is None
    assert to_iso(date(2026, 12, 3)) == "2026-12-03"
    assert to_iso(berlin(2026, 12, 3, 14)) == "2026-12-03T14:00:00+01:00"
    assert to_iso(berlin(2026, 7, 3, 14)) == "2026-07-03T14:00:00+02:00"
    assert to_iso(datetime(2026, 12, 3, 14, tzinfo=LA)) == "2026-12-03T14:00:00-08:00"
    assert to_iso(datetime(2026, 12, 3, 14)) == "2026-12-03T14:00:00+01:00"  # naive = local


@pytest.mark.parametrize(
    "value",
    [
        berlin(2026, 12, 3, 14),
        berlin(2026, 7, 3, 14, 5, 6, 789),
        datetime(2026, 12, 3, 14, tzinfo=LA),
        datetime(2026, 12, 3, 14, tzinfo=tz.UTC),
        parse_when("Jul 3 2026 2pm PST", NOW),
    ],
)
def test_iso_round_trip(value):
    back = from_iso(to_iso(value))
    assert back == value
    assert back.utcoffset() == value.utcoffset()


def test_from_iso():
    assert from_iso(None) is None
    naive = from_iso("2026-12-03T14:00")
    assert naive == berlin(2026, 12, 3, 14) and naive.utcoffset() == timedelta(hours=1)
    assert from_iso("2026-12-03T13:00Z") == berlin(2026, 12, 3, 14)
    assert from_iso("2026-12-03") == berlin(2026, 12, 3)


@pytest.mark.parametrize("text", ["garbage", "", "2026-13-03T10:00", "Dec 3"])
def test_from_iso_rejects(text):
    with pytest.raises(DateParseError) as info:
        from_iso(text)
    assert f'"{text}"' in str(info.value)


def test_day_from_iso():
    assert day_from_iso(None) is None
    assert day_from_iso("2026-12-03") == date(2026, 12, 3)
    assert day_from_iso(to_iso(date(2027, 1, 5))) == date(2027, 1, 5)
    with pytest.raises(DateParseError, match='"nope"'):
        day_from_iso("nope")


# --------------------------------------------------------------------------
# Display


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (berlin(2026, 12, 3, 14), "Thu 3 Dec 2026 14:00 CET"),
        (berlin(2026, 7, 3, 9, 5), "Fri 3 Jul 2026 09:05 CEST"),
        (datetime(2026, 12, 3, 14, tzinfo=LA), "Thu 3 Dec 2026 23:00 CET (14:00 PST)"),
        (datetime(2026, 7, 3, 14, tzinfo=LA), "Fri 3 Jul 2026 23:00 CEST (14:00 PDT)"),
        # the original date differs from the local one: show its weekday too
        (datetime(2026, 12, 3, 20, tzinfo=LA), "Fri 4 Dec 2026 05:00 CET (Thu 20:00 PST)"),
        (datetime(2026, 12, 3, 13, tzinfo=tz.UTC), "Thu 3 Dec 2026 14:00 CET (13:00 UTC)"),
        # same offset as local: nothing to add, even with a different tzinfo
        (from_iso("2026-12-03T14:00+01:00"), "Thu 3 Dec 2026 14:00 CET"),
        (datetime(2026, 12, 3, 14, tzinfo=tz.gettz("Europe/Paris")), "Thu 3 Dec 2026 14:00 CET"),
        (from_iso("2026-12-03T09:00-05:00"), "Thu 3 Dec 2026 15:00 CET (09:00 UTC-05:00)"),
        (datetime(2026, 12, 3, 14), "Thu 3 Dec 2026 14:00 CET"),  # naive = local
    ],
)
def test_format_when(value, text):
    assert format_when(value) == text
    assert format_when(value, NOW) == text


def test_format_when_follows_local_zone(monkeypatch):
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    assert format_when(berlin(2026, 12, 3, 23)) == "Thu 3 Dec 2026 14:00 PST (23:00 CET)"


def test_format_when_reads_back():
    value = parse_when("Dec 3 2026 2pm", NOW)
    assert parse_when(format_when(value), NOW) == value


def test_format_day():
    assert format_day(date(2026, 12, 3)) == "Thu 3 Dec 2026"
    assert format_day(date(2027, 1, 10)) == "Sun 10 Jan 2027"


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=59), "now"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5), "5m"),
        (timedelta(minutes=59, seconds=59), "59m"),
        (timedelta(hours=1), "1h"),
        (timedelta(hours=3, minutes=40), "3h"),
        (timedelta(hours=23, minutes=59), "23h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=13, hours=23), "13d"),
        (timedelta(days=14), "2w"),
        (timedelta(days=59), "8w"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=95), "3mo"),
        (timedelta(days=364), "12mo"),
        (timedelta(days=365), "1y"),
        (timedelta(days=800), "2y"),
        (-timedelta(days=1, hours=2), "1d"),
    ],
)
def test_humanize_delta(delta, text):
    assert humanize_delta(delta) == text


# -- issue 9, item 11


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (NOW, date(2026, 11, 30)),  # a Thursday: the Monday after
        (datetime(2026, 11, 30, 9, tzinfo=BERLIN), date(2026, 12, 7)),  # a Monday: a week on
        (datetime(2026, 12, 6, 9, tzinfo=BERLIN), date(2026, 12, 7)),  # a Sunday: tomorrow
        (datetime(2026, 12, 31, 9, tzinfo=BERLIN), date(2027, 1, 4)),  # across the year
    ],
)
def test_next_week_is_monday_of_next_week(now, expected):
    assert parse_day("next week", now) == expected
    assert parse_when("Next Week 10am", now) == datetime.combine(
        expected, datetime.min.time().replace(hour=10), tzinfo=BERLIN
    )


def test_format_short_day_shows_the_year_only_outside_the_current_one():
    from jobtui.core.dates import format_short_day

    today = NOW.date()
    assert format_short_day(date(2026, 12, 3), today) == "3 Dec"
    assert format_short_day(date(2026, 12, 3), today, weekday=True) == "Thu 3 Dec"
    assert format_short_day(date(2025, 12, 3), today) == "3 Dec 2025"
    assert format_short_day(date(2027, 1, 4), today, weekday=True) == "Mon 4 Jan 2027"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (0, "0d"),
        (99, "99d"),
        (100, "14w"),
        (182, "26w"),
        (183, "6mo"),
        (325, "10mo"),
        (729, "23mo"),
        (730, "2y"),
        (-3, "-3d"),
    ],
)
def test_format_age_reads_in_weeks_or_months_from_100_days(days, text):
    from jobtui.core.dates import format_age

    assert format_age(days) == text


def test_local_day_is_the_day_on_the_local_calendar():
    late_in_new_york = datetime(2026, 11, 26, 20, 30, tzinfo=NEW_YORK)  # 02:30 in Berlin
    assert local_day(late_in_new_york) == date(2026, 11, 27)
    assert local_day(date(2026, 11, 26)) == date(2026, 11, 26)
    assert local_day(datetime(2026, 11, 26, 23, 59)) == date(2026, 11, 26)  # naive: local


def test_format_clock_is_the_local_24_hour_time():
    assert format_clock(datetime(2026, 11, 26, 8, 5, tzinfo=NEW_YORK)) == "14:05"
    assert format_clock(berlin(2026, 11, 26, 21, 0)) == "21:00"


def test_format_month_is_english_whatever_the_locale():
    assert [format_month(date(2026, m, 1)) for m in (1, 5, 12)] == ["Jan", "May", "Dec"]
