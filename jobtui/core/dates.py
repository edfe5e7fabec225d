"""Reading and writing dates and times the way a person types them.

Everything that leaves this module is timezone-aware. The parser is a small
table-driven grammar rather than ``dateutil.parser.parse``: dateutil guesses
(it drops unknown zone names with a warning and returns a naive time, and
fills in missing fields from a default), and a job-search organizer must never
silently put an interview at the wrong hour. Anything the grammar does not
understand is a :class:`DateParseError` that names the offending word.

Only the standard library and dateutil are used here.
"""

from __future__ import annotations

import calendar
import functools
import math
import os
import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from dateutil import tz
from dateutil.relativedelta import relativedelta

__all__ = [
    "MAX_DURATION",
    "MAX_YEAR",
    "MIN_YEAR",
    "DateParseError",
    "add_business_days",
    "business_days_between",
    "day_from_iso",
    "format_age",
    "format_dated",
    "format_day",
    "format_duration",
    "format_short_day",
    "format_when",
    "from_iso",
    "humanize_delta",
    "in_range",
    "is_day_only",
    "local_tz",
    "now",
    "now_against",
    "out_of_range",
    "parse_day",
    "parse_duration",
    "parse_when",
    "to_iso",
]


class DateParseError(ValueError):
    """Text could not be read as a date, time or duration.

    The message is meant for the user, e.g.
    ``cannot read "next blursday" as a date: unknown word "blursday"``.
    """


class _Unreadable(Exception):
    """Internal: why a piece of input was rejected; parse_when adds the full text."""


class _OutOfRange(Exception):
    """Internal: the input names a moment outside MIN_YEAR-MAX_YEAR (or beyond any calendar)."""


# --------------------------------------------------------------------------
# Bounds. A date far outside a job search's lifetime is a typo ("9999-12-31" for "2025-12-31",
# "in 99999999 days"); accepted, it would make every later step that adds to it (business
# days, reminder windows, calendar export) overflow Python's year 9999. Keeping stored dates
# centuries away from that limit means no arithmetic on them can overflow.

MIN_YEAR = 1900
"""The earliest year a date typed, imported, set or loaded may have."""
MAX_YEAR = 2200
"""The latest year a date typed, imported, set or loaded may have."""
MAX_DURATION = timedelta(days=31)
"""The longest duration :func:`parse_duration` accepts (an interview lasting a month)."""


def in_range(value: date | datetime) -> bool:
    """Is the (wall-clock) year of ``value`` within MIN_YEAR-MAX_YEAR?"""
    return MIN_YEAR <= value.year <= MAX_YEAR


def out_of_range(shown: str) -> str:
    """The reason given for a date outside the range, e.g. '"9999-12-31" is outside ...'."""
    return f"{shown} is outside the years {MIN_YEAR}-{MAX_YEAR}"


def _shown(text: str, limit: int = 60) -> str:
    """User input quoted for a message, shortened if it is very long."""
    return f'"{text}"' if len(text) <= limit else f'"{text[:limit]}..."'


# --------------------------------------------------------------------------
# Vocabulary. English names are spelled out here instead of using
# calendar.month_abbr / strftime("%a"), which follow the process locale.

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_ABBR = [name[:3] for name in _MONTH_NAMES]
MONTH_NAMES = tuple(_MONTH_NAMES)
"""English month names, January first (locale-independent, for messages)."""
WEEKDAY_NAMES = tuple(_WEEKDAY_NAMES)
"""English weekday names, Monday first (locale-independent, for messages)."""
_WEEKDAY_ABBR = [name[:3] for name in _WEEKDAY_NAMES]

_MONTHS = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS |= {name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS["sept"] = 9

_WEEKDAYS = {name.lower(): i for i, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS |= {name[:3].lower(): i for i, name in enumerate(_WEEKDAY_NAMES)}
_WEEKDAYS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}

_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}
_NAMED_TIMES = {"noon": time(12), "midnight": time(0)}
_WEEKDAY_MODIFIERS = ("next", "last", "this")
# Words that carry no meaning of their own ("tomorrow at 9am", "3rd of Dec").
_FILLERS = {"at", "on", "of", "the"}

# Relative-offset units -> relativedelta keyword. Minutes and hours are exact
# elapsed time; the others move along the calendar and keep the time of day.
_OFFSET_UNITS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), "minutes"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hours"),
    **dict.fromkeys(("d", "day", "days"), "days"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "weeks"),
    **dict.fromkeys(("mo", "month", "months"), "months"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), "years"),
}
_CLOCK_UNITS = {"minutes", "hours"}

# Abbreviations are ambiguous (IST, CST, BST mean different things around the
# world) and not real zones: "PST" typed in July means Pacific time, not a
# fixed UTC-8. So each maps to the IANA zone whose clock it names, and the
# zone's own rules pick the right offset on the target date.
_ZONE_ABBREVIATIONS = {
    **dict.fromkeys(("utc", "gmt", "z"), "UTC"),
    **dict.fromkeys(("pst", "pdt", "pt"), "America/Los_Angeles"),
    **dict.fromkeys(("mst", "mdt", "mt"), "America/Denver"),
    **dict.fromkeys(("cst", "cdt", "ct"), "America/Chicago"),
    **dict.fromkeys(("est", "edt", "et"), "America/New_York"),
    **dict.fromkeys(("akst", "akdt"), "America/Anchorage"),
    **dict.fromkeys(("hst",), "Pacific/Honolulu"),
    **dict.fromkeys(("bst",), "Europe/London"),
    **dict.fromkeys(("wet", "west"), "Europe/Lisbon"),
    **dict.fromkeys(("cet", "cest"), "Europe/Paris"),
    **dict.fromkeys(("eet", "eest"), "Europe/Athens"),
    **dict.fromkeys(("msk",), "Europe/Moscow"),
    **dict.fromkeys(("ist",), "Asia/Kolkata"),
    **dict.fromkeys(("sgt",), "Asia/Singapore"),
    **dict.fromkeys(("hkt",), "Asia/Hong_Kong"),
    **dict.fromkeys(("jst",), "Asia/Tokyo"),
    **dict.fromkeys(("kst",), "Asia/Seoul"),
    **dict.fromkeys(("awst",), "Australia/Perth"),
    **dict.fromkeys(("acst", "acdt"), "Australia/Adelaide"),
    **dict.fromkeys(("aest", "aedt"), "Australia/Sydney"),
    **dict.fromkeys(("nzst", "nzdt"), "Pacific/Auckland"),
}

# The only regular expressions in the grammar: one per token shape.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}t.+")  # split into date + time tokens
_DAY_NUMBER = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")
_YEAR = re.compile(r"\d{4}")
_AMPM = re.compile(r"[ap]\.?m\.?")
_TIME = re.compile(
    r"""
    (?P<hour>\d{1,2})
    (?: :(?P<minute>\d{2}) (?: :(?P<second>\d{2}) (?:\.(?P<fraction>\d{1,6}))? )? )?
    (?P<ampm>[ap]\.?m\.?)?
    (?P<offset>z|[+-]\d{2}(?::?\d{2})?)?
    """,
    re.VERBOSE,
)
_OFFSET = re.compile(r"([+-]?)(\d+)([a-z]+)")


# --------------------------------------------------------------------------
# The clock


# The zone each $TZ value named, as dateutil loaded it: the follow-up rules ask for the
# local zone a few times per application, and gettz's own lookup costs more than the dict.
_NAMED_ZONES: dict[str, tzinfo] = {}


def local_tz() -> tzinfo:
    """Return the user's local time zone.

    ``$TZ`` wins when it names a zone dateutil can load (tests and screenshots
    set it); otherwise the system zone: its zone file (/etc/localtime) where there is
    one, else ``dateutil.tz.tzlocal()``. ``$TZ`` is read on every call, so changing it
    takes effect at once; the zone object a name gives is kept (dateutil would give
    the same one again).

    The system zone is one object kept too, as a named one is: so local times compare
    and subtract alike whether or not ``$TZ`` is set (the tests set it), and the
    follow-up rules do not pay for a new pure-Python ``tzlocal`` at each call (about
    0.45 s at 10,000 applications).
    """
    name = os.environ.get("TZ", "").strip()
    if name:
        zone = _NAMED_ZONES.get(name)
        if zone is not None:
            return zone
        try:
            zone = tz.gettz(name)
        except (ValueError, OSError, Warning):
            # e.g. a relative path outside the zoneinfo tree, which dateutil
            # 4 reports with a warning that is an error by default.
            zone = None
        if zone is not None:
            _NAMED_ZONES[name] = zone
            return zone
    zone = _NAMED_ZONES.get(SYSTEM_ZONE_FILE)
    if zone is None:
        zone = _system_zone()
        _NAMED_ZONES[SYSTEM_ZONE_FILE] = zone
    return zone


# The system's zone file on Linux, the BSDs and macOS; elsewhere tzlocal() asks the C library.
SYSTEM_ZONE_FILE = "/etc/localtime"


def _system_zone() -> tzinfo:
    try:
        zone = tz.gettz(SYSTEM_ZONE_FILE) if os.path.isfile(SYSTEM_ZONE_FILE) else None
    except (ValueError, OSError, Warning):
        zone = None
    return zone if zone is not None else tz.tzlocal()


_last_in_utc: tuple[datetime | None, datetime | None] = (None, None)  # (now, now in UTC)


def now_against(moment: datetime, now: datetime) -> datetime:
    """``now`` as ``moment`` is best compared with (``<``, ``>=``) or subtracted from: the
    same answers as ``now`` itself gives, quicker. Two times in one zone object compare by
    their wall clocks, so then it is ``now``; times in different zones compare as instants,
    which is what ``now`` in UTC gives without asking the local zone (pure Python in
    dateutil) for its offset at every comparison. Not for ``==``, where Python treats a
    time in a fold specially."""
    if moment.tzinfo is now.tzinfo or now.tzinfo is None:
        return now
    global _last_in_utc
    seen, in_utc = _last_in_utc
    if seen is not now or in_utc is None:
        in_utc = now.astimezone(UTC)
        _last_in_utc = (now, in_utc)
    return in_utc


def now() -> datetime:
    """Return the current time, aware, in :func:`local_tz`.

    If ``$JOBTUI_NOW`` is set to an ISO 8601 date-time, that instant is
    returned instead (a naive value is taken as local time). This is how tests
    and screenshots freeze the clock for subprocesses.
    """
    frozen = os.environ.get("JOBTUI_NOW", "").strip()
    if frozen:
        try:
            return from_iso(frozen).astimezone(local_tz())
        except DateParseError:
            raise DateParseError(
                f'cannot read JOBTUI_NOW="{frozen}" as an ISO 8601 date-time'
            ) from None
    return datetime.now(local_tz())


def _localize(dt: datetime) -> datetime:
    """Attach the local zone to a naive datetime; aware ones pass through."""
    if dt.tzinfo is not None and dt.utcoffset() is not None:
        return dt
    return at_local(dt.date(), dt.time(), local_tz())


def at_local(day: date, clock: time, zone: tzinfo | None = None) -> datetime:
    """Wall-clock time on `day` in `zone` (the local zone by default).

    A time skipped by a spring-forward DST change (02:30 on the last Sunday of
    March in Berlin) does not exist; it is moved forward by the gap, the way a
    wall clock would read after the change.
    """
    return tz.resolve_imaginary(datetime.combine(day, clock, tzinfo=zone or local_tz()))


# --------------------------------------------------------------------------
# parse_when: tokens -> zone, clock, date phrase


@dataclass
class _Clock:
    """A time of day from the input, with the fixed offset an ISO time may carry."""

    time: time
    zone: tzinfo | None = None


def parse_when(text: str, now: datetime, *, default_hour: int | None = None) -> datetime:
    """Read a human-typed date and/or time into an aware datetime.

    `now` (aware) is the reference for relative forms. Input is
    case-insensitive; surrounding whitespace and commas are ignored. The
    result carries the zone the user named, or :func:`local_tz`.

    Accepted, in the shape ``[date] [time] [zone]`` (date and time in either
    order; the word "at" is allowed before the time):

    * ISO 8601: ``2026-12-03``, ``2026-12-03T14:00``, ``2026-12-03 14:00``,
      ``2026-12-03T14:00:00+01:00``, ``...Z``.
    * Month names: ``Dec 3``, ``December 3rd 2026``, ``3 Dec 2026``,
      optionally with a weekday that must match (``Thu 3 Dec 2026``). Without
      a year: the next occurrence on or after today (so in late November
      ``Jan 5`` is next year). All-numeric forms like ``3/12`` are rejected:
      day/month order is ambiguous.
    * ``today``, ``tomorrow``, ``yesterday``; ``next week`` is Monday of next week.
    * Weekdays (``friday``, ``fri``):

      - ``fri`` / ``this fri``: the coming Friday. If today is Friday, that is
        today, unless a time is given that has already passed, then it is a
        week from today.
      - ``next fri``: the first Friday strictly after today (so on a Monday it
        is four days away; on a Friday it is seven).
      - ``last fri``: the most recent Friday strictly before today.

    * Offsets: ``+3d``, ``-2d``, ``+2w``, ``+1h``, ``+30m``, ``+1mo``,
      ``in 3 days``, ``in 90 minutes``, ``2 weeks ago``. Minutes and hours are
      exact elapsed time. Days, weeks, months and years move along the
      calendar and keep now's time of day unless a time is given (``+1d 9am``).
    * ``now`` (the instant itself, optionally with a zone).
    * Times: ``2pm``, ``2:30pm``, ``14:00``, ``14:00:30``, ``noon``,
      ``midnight`` (00:00, the start of the day). A time with no date is
      today.
    * A zone after the time: an IANA name (``Europe/Berlin``, any case) or a
      common abbreviation (``PST``, ``EST``, ``CET``, ``UTC``...). An
      abbreviation stands for its region's clock, so ``Jul 3 2pm PST`` is
      14:00 Pacific *daylight* time (UTC-7). Unknown zone words are errors.

    Day words, weekdays and offsets count days on the local calendar; a named
    zone only says on which clock the time is read. A date without a time is
    at 00:00, or at ``default_hour``:00 if given.

    Raises :class:`DateParseError` naming the part that could not be read;
    nothing is ever guessed or skipped.
    """
    if default_hour is not None and not 0 <= default_hour <= 23:
        raise ValueError(f"default_hour must be 0-23, not {default_hour}")
    shown = text.strip()
    try:
        # dateutil reports doubtful input (e.g. odd zone keys) as warnings;
        # promote them so they reject the input instead of leaking a guess.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            result = _parse_when(shown, _localize(now), default_hour)
    except (_OutOfRange, OverflowError):
        raise DateParseError(out_of_range(_shown(shown))) from None
    except (_Unreadable, ValueError, Warning) as exc:
        raise DateParseError(f"cannot read {_shown(shown)} as a date: {exc}") from None
    if not in_range(result):
        raise DateParseError(out_of_range(_shown(shown)))
    return result


def _parse_when(text: str, now: datetime, default_hour: int | None) -> datetime:
    words = _tokenize(text)
    if not words:
        raise _Unreadable("nothing was entered")

    zone = _take_zone(words)
    clock = _take_clock(words)
    if clock is not None and clock.zone is not None:
        if zone is not None:
            raise _Unreadable("it names two time zones")
        zone = clock.zone
    words = [w for w in words if w.lower() not in _FILLERS]
    target_zone = zone or local_tz()
    today = local_day(now)
    lowered = [w.lower() for w in words]

    if lowered == ["now"]:
        if clock is not None:
            raise _Unreadable('"now" cannot be combined with a time')
        return now.astimezone(target_zone)
    if "now" in lowered:
        raise _Unreadable('"now" cannot be combined with other words')

    if _is_offset(lowered):
        amount, unit = _read_offset(words)
        if unit in _CLOCK_UNITS:
            if clock is not None:
                raise _Unreadable(f"an offset in {unit} cannot be combined with a time")
            # Exact elapsed time: add in UTC so a DST change in between doesn't shift it.
            moved = _shifted(now.astimezone(tz.UTC), unit, amount)
            return moved.astimezone(target_zone)
        day = _shifted(today, unit, amount)
        if clock is None:
            # Calendar offsets keep the current time of day: "+1w" = same time next week.
            keep = now.astimezone(target_zone).time()
            return at_local(day, keep, target_zone)
        return at_local(day, clock.time, target_zone)

    default = time(default_hour or 0)

    def build(day: date) -> datetime:
        return at_local(day, clock.time if clock else default, target_zone)

    if not words:  # only a time: today
        return build(today)
    if len(words) == 1 and lowered[0] in _DAY_WORDS:
        return build(today + timedelta(days=_DAY_WORDS[lowered[0]]))
    if lowered == ["next", "week"]:  # the start of next week: its Monday
        return build(today + timedelta(days=7 - today.weekday()))
    if lowered[0] in _WEEKDAY_MODIFIERS or (len(words) == 1 and lowered[0] in _WEEKDAYS):
        return _weekday(words, today, now, build, has_clock=clock is not None)
    return build(_calendar_date(words, today))


def _shifted(start, unit: str, amount: int):
    """``start`` moved by ``amount`` units; _OutOfRange when that leaves the calendar."""
    # Any offset of a billion units or more (minutes being the smallest) is over 1,900 years.
    if abs(amount) >= 10**9:
        raise _OutOfRange
    try:
        return start + relativedelta(**{unit: amount})
    except (OverflowError, ValueError):  # ValueError: "year 12025 is out of range"
        raise _OutOfRange from None


def _tokenize(text: str) -> list[str]:
    """Split on whitespace and commas, keeping the user's spelling for messages.

    ISO "dateTtime" tokens are split in two, and "2 pm" is joined to "2pm",
    so the rest of the grammar sees one token per date, time or zone.
    """
    tokens: list[str] = []
    for raw in text.replace(",", " ").split():
        if _ISO_DATETIME.fullmatch(raw.lower()):
            tokens += [raw[:10], raw[11:]]
        elif _AMPM.fullmatch(raw.lower()) and tokens and tokens[-1].isdigit():
            tokens[-1] += raw
        else:
            tokens.append(raw)
    return tokens


def _take_zone(words: list[str]) -> tzinfo | None:
    """Pop a trailing zone name (IANA or abbreviation) off `words`, if there is one."""
    if len(words) < 2:
        return None  # a zone alone is not a date
    last = words[-1]
    if last.lower() in _ZONE_ABBREVIATIONS:
        words.pop()
        return tz.gettz(_ZONE_ABBREVIATIONS[last.lower()])
    if "/" in last and last[0].isalpha():  # "3/12" is a (rejected) date, not a zone
        words.pop()
        return _iana_zone(last)
    return None


def _iana_zone(name: str) -> tzinfo:
    """Load an IANA zone, accepting any capitalization ("europe/berlin")."""
    key = _iana_keys().get(name.lower())
    if key is None:
        raise _Unreadable(f'unknown time zone "{name}"')
    zone = tz.gettz(key)
    if zone is None:
        raise _Unreadable(f'unknown time zone "{name}"')
    return zone


@functools.cache
def _iana_keys() -> dict[str, str]:
    """Lower-cased IANA key -> real key. Zone files are case-sensitive on Linux."""
    return {key.lower(): key for key in tz.available_iana_timezones()}


def _take_clock(words: list[str]) -> _Clock | None:
    """Remove the (single) time-of-day token from `words` and return it."""
    found: list[tuple[int, _Clock]] = []
    for i, word in enumerate(words):
        clock = _read_clock(word)
        if clock is not None:
            found.append((i, clock))
    if not found:
        return None
    if len(found) > 1:
        raise _Unreadable(f'it has two times, "{words[found[0][0]]}" and "{words[found[1][0]]}"')
    index, clock = found[0]
    del words[index]
    return clock


def _read_clock(word: str) -> _Clock | None:
    """A time token -> _Clock; None if the token is not shaped like a time.

    Shaped like a time but impossible ("25:00", "13pm") is an error, so it is
    reported as a bad time rather than as an unknown word.
    """
    lw = word.lower()
    if lw in _NAMED_TIMES:
        return _Clock(_NAMED_TIMES[lw])
    m = _TIME.fullmatch(lw)
    # A bare number ("3") is a day or a year, not a time; offsets need minutes (ISO).
    if not m or not (m["minute"] or m["ampm"]) or (m["offset"] and not m["minute"]):
        return None
    hour, minute, second = int(m["hour"]), int(m["minute"] or 0), int(m["second"] or 0)
    micro = int((m["fraction"] or "0").ljust(6, "0"))
    if m["ampm"]:
        if not 1 <= hour <= 12:
            raise _Unreadable(f'"{word}" is not a valid time (12-hour clock hours are 1-12)')
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _Unreadable(f'"{word}" is not a valid time')
    return _Clock(time(hour, minute, second, micro), _fixed_offset(m["offset"], word))


def _fixed_offset(text: str | None, word: str) -> tzinfo | None:
    """An ISO offset suffix ("z", "+01:00", "-0530", "+02") -> tzinfo."""
    if not text:
        return None
    if text == "z":
        return tz.UTC
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        raise _Unreadable(f'"{word}" has an invalid UTC offset')
    offset = timedelta(hours=hours, minutes=minutes) * (-1 if text[0] == "-" else 1)
    return tz.UTC if not offset else timezone(offset)


def _is_offset(lowered: list[str]) -> bool:
    """Does the date phrase look like a relative offset ("+3d", "in 2 weeks", "3 days ago")?"""
    if not lowered:
        return False
    first = lowered[0]
    return first == "in" or lowered[-1] == "ago" or (first[:1] in "+-" and first[1:2].isdigit())


def _read_offset(words: list[str]) -> tuple[int, str]:
    """Relative offset words -> (signed amount, relativedelta unit)."""
    body, sign = list(words), 1
    if body[0].lower() == "in":
        body = body[1:]
    elif body[-1].lower() == "ago":
        body, sign = body[:-1], -1
    if not body:
        raise _Unreadable("the offset has no amount (try +3d or in 2 weeks)")
    joined = "".join(body).lower()  # "3 days" and "3days" read the same
    m = _OFFSET.fullmatch(joined)
    if not m:
        if not body[0].lstrip("+-")[:1].isdigit():
            raise _Unreadable(f'expected a number written in digits, got "{body[0]}"')
        raise _Unreadable(f'"{" ".join(body)}" is not an offset (try +3d, +2w, +1h or +30m)')
    explicit_sign, amount, unit_word = m.groups()
    if explicit_sign and len(body) != len(words):
        raise _Unreadable('use either a sign ("+3d") or "in"/"ago", not both')
    if unit_word not in _OFFSET_UNITS:
        raise _Unreadable(f'unknown unit "{unit_word}" (use m, h, d, w or mo)')
    if explicit_sign == "-":
        sign = -1
    if len(amount) > 12:  # far beyond any range; int() of thousands of digits is refused
        raise _OutOfRange
    return sign * int(amount), _OFFSET_UNITS[unit_word]


def _weekday(words, today: date, now: datetime, build, *, has_clock: bool) -> datetime:
    """Resolve "[next|last|this] <weekday>"; see parse_when for the rules."""
    lowered = [w.lower() for w in words]
    modifier = lowered[0] if lowered[0] in _WEEKDAY_MODIFIERS else None
    rest = words[1:] if modifier else words
    if len(rest) != 1 or rest[0].lower() not in _WEEKDAYS:
        bad = rest[0] if rest else modifier
        if rest and not _known_word(bad):
            raise _Unreadable(f'unknown word "{bad}"')
        raise _Unreadable(f'expected a weekday after "{modifier}", e.g. "{modifier} friday"')
    target = _WEEKDAYS[rest[0].lower()]

    if modifier == "last":
        back = (today.weekday() - target) % 7 or 7
        return build(today - timedelta(days=back))
    ahead = (target - today.weekday()) % 7
    if modifier == "next":
        ahead = ahead or 7
    elif ahead == 0 and has_clock and build(today) < now:
        ahead = 7  # "mon 9:30" said on Monday at 10:00 means next Monday
    return build(today + timedelta(days=ahead))


def _calendar_date(words: list[str], today: date) -> date:
    """A month-name or ISO date phrase, with optional year and matching weekday."""
    parts: dict[str, tuple[object, str]] = {}  # kind -> (value, word as typed)

    def put(kind: str, value: object, word: str) -> None:
        if kind in parts:  # "Dec 3 Jan", "3 4 Dec"
            raise _Unreadable(f'it has two {kind}s ("{parts[kind][1]}" and "{word}")')
        parts[kind] = (value, word)

    for word in words:
        lw = word.lower().rstrip(".")
        if _ISO_DATE.fullmatch(lw):
            put("date", _iso_date(word), word)
        elif lw in _MONTHS:
            put("month", _MONTHS[lw], word)
        elif lw in _WEEKDAYS:
            put("weekday", _WEEKDAYS[lw], word)
        elif m := _DAY_NUMBER.fullmatch(lw):
            put("day", int(m[1]), word)
        elif _YEAR.fullmatch(lw):
            put("year", int(lw), word)
        elif re.fullmatch(r"\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?", lw):
            raise _Unreadable(
                f'"{word}" is ambiguous (day or month first?): write 2026-12-03 or Dec 3'
            )
        elif _known_word(lw):
            raise _Unreadable(f'"{word}" cannot be used here')
        else:
            raise _Unreadable(f'unknown word "{word}"')

    def value(kind: str):
        return parts[kind][0] if kind in parts else None

    if "date" in parts:
        if parts.keys() & {"month", "day", "year"}:
            raise _Unreadable("it has two dates")
        result = value("date")
    else:
        result = _month_day(value("month"), value("day"), value("year"), today)
    if "weekday" in parts and value("weekday") != result.weekday():
        actual = _WEEKDAY_NAMES[result.weekday()]
        raise _Unreadable(f'{format_day(result)} is a {actual}, not "{parts["weekday"][1]}"')
    return result


def _iso_date(word: str) -> date:
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise _Unreadable(f'"{word}" is not a valid date') from None


def _month_day(month: int | None, day: int | None, year: int | None, today: date) -> date:
    """Build a date; with no year, the next occurrence on or after `today`."""
    if month is None:
        if day is None and year is None:
            raise _Unreadable("there is no date or time in it")
        raise _Unreadable('it needs a month name, e.g. "Dec 3" or "3 Dec 2026"')
    if day is None:
        name, abbr = _MONTH_NAMES[month - 1], _MONTH_ABBR[month - 1]
        raise _Unreadable(f'which day of {name}? e.g. "{abbr} 3"')
    if day < 1 or day > 31 or (month != 2 and day > calendar.monthrange(2000, month)[1]):
        raise _Unreadable(f"{_MONTH_NAMES[month - 1]} has no day {day}")
    if year is not None:
        if day > calendar.monthrange(year, month)[1]:
            raise _Unreadable(f"{_MONTH_NAMES[month - 1]} {year} has no day {day}")
        return date(year, month, day)
    # Next occurrence; Feb 29 may be up to eight years away (e.g. 2096 -> 2104).
    for candidate_year in range(today.year, today.year + 9):
        if day <= calendar.monthrange(candidate_year, month)[1]:
            candidate = date(candidate_year, month, day)
            if candidate >= today:
                return candidate
    raise _Unreadable(f"{_MONTH_NAMES[month - 1]} has no day {day}")


def _known_word(word: str) -> bool:
    """Is `word` part of the date vocabulary (used to tell "misplaced" from "unknown")?"""
    lw = word.lower()
    return (
        lw in _MONTHS
        or lw in _WEEKDAYS
        or lw in _DAY_WORDS
        or lw in _NAMED_TIMES
        or lw in _FILLERS
        or lw in _WEEKDAY_MODIFIERS
        or lw in _ZONE_ABBREVIATIONS
        or lw in {"now", "in", "ago"}
    )


def parse_day(text: str, now: datetime) -> date:
    """Read human input as a calendar date ("applied on", "decide by").

    Same language as :func:`parse_when`. A time part is allowed but ignored:
    the result is the date as written, on the clock it was written for (so
    "Dec 3 11pm PST" is Dec 3 even though that is Dec 4 in Berlin).
    """
    return parse_when(text, now).date()


# --------------------------------------------------------------------------
# Durations

_DURATION_UNITS = {
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 1),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 60),
}
_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*")


def parse_duration(text: str) -> timedelta:
    """Read a duration: "45m", "45 min", "1h", "1h30m", "1.5h", "2 hours", "1:30".

    A bare number is minutes ("90"). The result is rounded to whole seconds.
    Zero, negative, unreadable input, or more than :data:`MAX_DURATION`, raises
    :class:`DateParseError`.
    """
    shown = text.strip()
    lowered = shown.lower()
    error = DateParseError(f"cannot read {_shown(shown)} as a duration (try 45m or 1h30m)")

    if m := re.fullmatch(r"(\d+):([0-5]\d)", lowered):
        minutes = int(m[1]) * 60 + int(m[2])
    elif re.fullmatch(r"\d+(?:\.\d+)?", lowered):
        minutes = float(lowered)
    else:
        minutes, seen, pos = 0.0, set(), 0
        while pos < len(lowered):
            m = _DURATION_PART.match(lowered, pos)
            unit = m and _DURATION_UNITS.get(m[2])
            if not unit or unit in seen:  # unknown/missing unit, or "1h 2h"
                raise error
            seen.add(unit)
            minutes += float(m[1]) * unit
            pos = m.end()
        if not seen:
            raise error

    if not math.isfinite(minutes) or minutes * 60 > MAX_DURATION.total_seconds():
        raise DateParseError(
            f"cannot use {_shown(shown)} as a duration: it must be at most {MAX_DURATION.days} days"
        )
    result = timedelta(seconds=round(minutes * 60))
    if result <= timedelta(0):
        raise DateParseError(
            f"cannot read {_shown(shown)} as a duration: it must be longer than zero"
        )
    return result


def format_duration(td: timedelta) -> str:
    """Format a duration compactly in whole minutes: "45m", "1h", "1h30m"."""
    total = round(td.total_seconds() / 60)
    sign = "-" if total < 0 else ""
    hours, minutes = divmod(abs(total), 60)
    if hours and minutes:
        return f"{sign}{hours}h{minutes}m"
    if hours:
        return f"{sign}{hours}h"
    return f"{sign}{minutes}m"


# --------------------------------------------------------------------------
# Business days


def add_business_days(start: datetime | date, days: int) -> datetime | date:
    """Move `days` business days (Mon-Fri) from `start`; returns the same type.

    Semantics match ``numpy.busday_offset``: a weekend start is first rolled to
    a business day (forward to Monday for ``days >= 0``, back to Friday for
    ``days < 0``), then moved. So Fri+1 = Mon, Sat+1 = Tue, Sun+0 = Mon,
    Mon+5 = next Mon, Sat-1 = Thu. Holidays are not known. A datetime keeps
    its time of day and tzinfo (the weekday is that of its own wall clock).
    """
    day = start.date() if isinstance(start, datetime) else start
    step = 1 if days >= 0 else -1
    while day.weekday() >= 5:
        day += timedelta(days=step)
    # Whole weeks first so large offsets don't loop day by day.
    weeks, remaining = divmod(abs(days), 5)
    day += timedelta(weeks=weeks * step)
    while remaining:
        day += timedelta(days=step)
        if day.weekday() < 5:
            remaining -= 1

    if not isinstance(start, datetime):
        return day
    moved = datetime.combine(day, start.time(), tzinfo=start.tzinfo)
    return tz.resolve_imaginary(moved) if start.tzinfo else moved


def business_days_between(start: datetime | date, end: datetime | date) -> int:
    """Count business days d with start < d <= end (by date); 0 if end <= start.

    So Fri -> Mon is 1 and Mon -> next Mon is 5. Aware datetimes are compared
    by their local date (converted to :func:`local_tz`).
    """
    first, last = local_day(start), local_day(end)
    if last <= first:
        return 0
    return _weekdays_through(last) - _weekdays_through(first)


def local_day(value: datetime | date) -> date:
    """The day on the local calendar: an aware time converted to :func:`local_tz` first
    (a naive one is taken as local already); a date as it is."""
    if isinstance(value, datetime):
        return value.astimezone(local_tz()).date() if value.tzinfo else value.date()
    return value


def _weekdays_through(day: date) -> int:
    """Weekdays in [0001-01-01, day]. Ordinal 1 is a Monday, so weeks align."""
    weeks, extra = divmod(day.toordinal(), 7)
    return weeks * 5 + min(extra, 5)


# --------------------------------------------------------------------------
# Storage (ISO 8601 strings)


def to_iso(dt: datetime | date | None) -> str | None:
    """Serialize for storage: datetime -> ISO 8601 with offset, date -> YYYY-MM-DD.

    A naive datetime is taken as local time so stored values always carry an offset.
    """
    if dt is None:
        return None
    if isinstance(dt, datetime):
        return _localize(dt).isoformat()
    return dt.isoformat()


def from_iso(s: str | None) -> datetime | None:
    """Inverse of :func:`to_iso` for datetimes; naive strings are taken as local.

    A date-only string gives local midnight. Raises :class:`DateParseError`
    (quoting the text) on anything else.
    """
    if s is None:
        return None
    try:
        return _localize(datetime.fromisoformat(s.strip()))
    except (ValueError, OverflowError):  # OverflowError: local time of 9999-12-31 23:59
        raise DateParseError(f"cannot read {_shown(s)} as an ISO 8601 date-time") from None


def day_from_iso(s: str | None) -> date | None:
    """Inverse of :func:`to_iso` for dates ("YYYY-MM-DD")."""
    if s is None:
        return None
    try:
        return date.fromisoformat(s.strip())
    except ValueError:
        raise DateParseError(f"cannot read {_shown(s)} as an ISO 8601 date") from None


# --------------------------------------------------------------------------
# Display


def format_when(dt: datetime, now: datetime | None = None) -> str:
    """Display an instant in local time: "Thu 3 Dec 2026 23:00 CET (14:00 PST)".

    The zone abbreviation is the local zone's at that instant. When `dt` was
    made in a zone whose clock reads differently (another UTC offset), its
    own wall time is appended in parentheses, with the weekday if the date
    differs too. `now` is accepted for call-site symmetry; the output does not
    depend on it, so the same instant always renders the same way.
    """
    dt = _localize(dt)
    local = dt.astimezone(local_tz())
    text = f"{format_day(local.date())} {local:%H:%M} {_zone_label(local)}"
    if dt.utcoffset() != local.utcoffset():
        weekday = "" if dt.date() == local.date() else f"{_WEEKDAY_ABBR[dt.weekday()]} "
        text += f" ({weekday}{dt:%H:%M} {_zone_label(dt)})"
    return text


def is_day_only(moment: datetime) -> bool:
    """Was a date given alone? Such a moment is stored as local midnight (00:00 on the
    local clock), and the whole of that day is meant."""
    return _localize(moment).astimezone(local_tz()).time() == time(0, 0)


def format_dated(moment: datetime, now: datetime, *, short: bool = False) -> str:
    """A deadline or due time as shown: a date given alone (local midnight) is the day,
    "Wed 2 Dec 2026", never "00:00"; any other moment is :func:`format_when`'s
    "Wed 2 Dec 2026 17:00 CET".

    ``short`` (for narrow table cells): the day as :func:`format_short_day` writes it, with
    its weekday, and the local time of day: "Wed 2 Dec 17:00", or "Wed 2 Dec" alone; the
    year only when it is not ``now``'s.
    """
    local = _localize(moment).astimezone(local_tz())
    if short:
        day = format_short_day(local.date(), local_day(now), weekday=True)
        return day if is_day_only(local) else f"{day} {local:%H:%M}"
    return format_day(local.date()) if is_day_only(local) else format_when(moment, now)


def format_editable(dt: datetime) -> str:
    """An instant as local wall time with no zone, "Thu 3 Dec 2026 23:00".

    For form fields and ``jobtui set``: parse_when reads it back as the same instant
    (a time without a zone is local), where an abbreviation such as "CST" could be
    read as another region's.
    """
    local = _localize(dt).astimezone(local_tz())
    return f"{format_day(local.date())} {local:%H:%M}"


def format_clock(dt: datetime) -> str:
    """The time of day on the local clock, "09:30" (24-hour, whatever the locale)."""
    return f"{_localize(dt).astimezone(local_tz()):%H:%M}"


def _zone_label(dt: datetime) -> str:
    """The zone abbreviation at that instant, or "UTC+01:00" for bare offsets."""
    name = dt.tzname()
    if name:
        return name
    offset = dt.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(int(offset.total_seconds())), 3600)
    return f"UTC{sign}{hours:02d}:{rest // 60:02d}"


def format_day(d: date) -> str:
    """Display a date: "Thu 3 Dec 2026"."""
    return f"{_WEEKDAY_ABBR[d.weekday()]} {d.day} {_MONTH_ABBR[d.month - 1]} {d.year}"


def format_month(d: date) -> str:
    """The month's short English name: "Dec"."""
    return _MONTH_ABBR[d.month - 1]


def format_short_day(d: date, today: date, *, weekday: bool = False) -> str:
    """A date for lists and titles: "3 Dec" (``weekday``: "Thu 3 Dec") in the current year,
    with its year when it is in another one: "3 Dec 2025"."""
    text = f"{d.day} {_MONTH_ABBR[d.month - 1]}"
    if weekday:
        text = f"{_WEEKDAY_ABBR[d.weekday()]} {text}"
    return text if d.year == today.year else f"{text} {d.year}"


def format_age(days: int) -> str:
    """How long ago, compactly: "5d" under 100 days, then weeks ("14w") up to half a year,
    months ("7mo") up to two years, then years ("3y"). A negative age (a date ahead)
    keeps its sign: "-3d"."""
    if days < 0:
        return f"-{format_age(-days)}"
    if days < 100:
        return f"{days}d"
    if days < 183:
        return f"{days // 7}w"
    if days < 730:
        return f"{days * 12 // 365}mo"
    return f"{days // 365}y"


def humanize_delta(delta: timedelta) -> str:
    """Compact size of a time span: "now", "5m", "3h", "1d", "2w", "3mo", "1y".

    Rounded down (overdue "1d" means at least a whole day); the sign is
    ignored, so callers choose the wording ("in 3h", "overdue 1d").
    """
    seconds = abs(delta.total_seconds())
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if minutes < 1:
        return "now"
    if hours < 1:
        return f"{minutes:.0f}m"
    if days < 1:
        return f"{hours:.0f}h"
    if days < 14:
        return f"{days:.0f}d"
    if days < 60:
        return f"{days // 7:.0f}w"
    if days < 365:
        return f"{days // 30:.0f}mo"
    return f"{days // 365:.0f}y"
