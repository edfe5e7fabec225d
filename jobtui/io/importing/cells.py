"""Reading one CSV cell: dates (with the column's day/month order), statuses, salaries.

Each reader takes the text as a tracker wrote it and gives jobtui's value, or says why not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time

from jobtui.core import dates
from jobtui.core.fields import parse_money
from jobtui.core.model import OutOfBoundsError, Status, ValidationError
from jobtui.io.importing.formats import words

# -- dates -------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(?:(?:\s*,\s*|\s+|T)(.+))?")
_TIME_PART = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?(m\.?)?", re.IGNORECASE)
_APPLIED_HOUR = 9  # a date without a time is taken as 09:00 local


def date_order(values: Iterable[str], fixed: str | None, header: str, notes: list[str]) -> str:
    """ "mdy" or "dmy" for a column's all-numeric dates like 03/11/2025.

    ``fixed`` is the format's own order (LinkedIn's), if it has one. Otherwise a day above
    12 decides (a spreadsheet column keeps one order); if none does, dots mean day first
    (03.11.2025) and slashes month first, and a note says so.
    """
    if fixed is not None:
        return fixed
    day_first = month_first = 0
    ambiguous_sep = ""
    for value in values:
        match = _NUMERIC_DATE.fullmatch(value.strip())
        if not match or len(match.group(1)) == 4:
            continue
        a, b = int(match.group(1)), int(match.group(3))
        if a > 12 >= b:
            day_first += 1
        elif b > 12 >= a:
            month_first += 1
        elif a <= 12 and b <= 12:
            ambiguous_sep = ambiguous_sep or match.group(2)
    if day_first != month_first:
        return "dmy" if day_first > month_first else "mdy"
    if not ambiguous_sep:
        return "mdy"
    order = "dmy" if ambiguous_sep == "." else "mdy"
    example = "day.month.year" if order == "dmy" else "month/day/year"
    notes.append(
        f'Dates in "{header}" were read as {example}: no value showed which comes first. '
        "Write dates as 2025-11-03 to be sure."
    )
    return order


def _clock_from(text: str) -> time | None:
    match = _TIME_PART.fullmatch(text.strip())
    if not match or not (match.group(2) or match.group(4)):
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)
    if match.group(4):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match.group(4).lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def read_when(text: str, order: str, now: datetime) -> tuple[date, datetime]:
    """A date cell -> (the date as the user would call it, the instant to record).

    Reads ISO 8601, all-numeric dates in the column's order (with an optional time, e.g.
    LinkedIn's "11/3/25, 2:15 PM") and month names ("Nov 3, 2025"). Raises ValueError, also
    for a date outside the years dates.MIN_YEAR-dates.MAX_YEAR.
    """
    shown = text.strip()
    try:
        when, at = _read_cell_when(shown, order, now)
    except OverflowError:  # e.g. 9999-12-31T23:00-12:00 in local time
        when = None
    if when is None or not (dates.in_range(when) and dates.in_range(at)):
        raise ValueError(dates.out_of_range(f'"{shown}"'))
    return when, at


def _read_cell_when(shown: str, order: str, now: datetime) -> tuple[date, datetime]:
    iso = _read_iso(shown)
    if iso is not None:
        return iso
    if match := _NUMERIC_DATE.fullmatch(shown):
        return _read_numeric(match, shown, order)
    return _read_words(shown, now)


def _read_iso(shown: str) -> tuple[date, datetime] | None:
    """An ISO 8601 date or time ("2025-11-03", "2025-11-03T14:15Z"), or None if it isn't one."""
    try:
        parsed = datetime.fromisoformat(shown.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        clock = parsed.time() if re.search(r"\d[T ]\d", shown) else time(_APPLIED_HOUR)
        at = dates.at_local(parsed.date(), clock)
        return at.date(), at
    local = parsed.astimezone(dates.local_tz())
    return local.date(), local


def _read_numeric(match: re.Match[str], shown: str, order: str) -> tuple[date, datetime]:
    """An all-numeric date ("11/3/25, 2:15 PM", "03.11.2025", "2025/11/03")."""
    error = ValueError(f'cannot read "{shown}" as a date')
    first, _, second, third, rest = match.groups()
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    elif len(third) == 3:
        raise error
    else:
        a, b = int(first), int(second)
        month, day = (a, b) if order == "mdy" else (b, a)
        year = int(third) + (2000 if len(third) == 2 else 0)
    try:
        when = date(year, month, day)
    except ValueError:
        raise error from None
    clock = time(_APPLIED_HOUR)
    if rest:
        read = _clock_from(rest)
        if read is None:
            raise error
        clock = read
    return when, dates.at_local(when, clock)


def _read_words(shown: str, now: datetime) -> tuple[date, datetime]:
    """Month names and words: jobtui's own date grammar ("Nov 3, 2025 2:15 pm")."""
    text = re.sub(r"(\d)\s+([ap]\.?m\.?)(?=\s|$)", r"\1\2", shown, flags=re.IGNORECASE)
    try:
        at = dates.parse_when(text, now, default_hour=_APPLIED_HOUR)
    except dates.DateParseError as exc:
        raise ValueError(str(exc)) from None
    if not re.search(r"\b\d{4}\b", shown) and at > now:
        # "Nov 3" with no year in an import is the past one, not next November.
        at = dates.at_local(at.date().replace(year=at.year - 1), at.time())
    return at.date(), at


# -- statuses ----------------------------------------------------------------

_STATUS_WORDS: dict[Status, tuple[str, ...]] = {
    Status.WISHLIST: words(
        "wishlist, wish list, bookmarked, bookmark, saved, interested, to apply, applying, "
        "not applied, not yet applied, watching, considering, lead"
    ),
    Status.APPLIED: words(
        "applied, application sent, application submitted, submitted, sent, in review, "
        "under review, pending, waiting"
    ),
    Status.SCREENING: words(
        "screening, screen, phone screen, recruiter screen, recruiter call, hr screen, "
        "phone interview, assessment, take home, coding challenge"
    ),
    Status.INTERVIEWING: words(
        "interview, interviews, interviewing, interviewed, onsite, on site, "
        "technical interview, final interview, final round"
    ),
    Status.OFFER: words("offer, offered, offer received, negotiating, negotiation"),
    Status.ACCEPTED: words("accepted, offer accepted, hired, signed"),
    Status.REJECTED: words(
        "rejected, rejection, not selected, declined by company, no offer, turned down, "
        "not moving forward, unsuccessful"
    ),
    # "Declined" on a tracker's board is the candidate saying no: withdrawn, not rejected.
    Status.WITHDRAWN: words("withdrawn, withdrew, i withdrew, declined, offer declined"),
    Status.GHOSTED: words("ghosted, no response, no reply, no answer, unresponsive"),
}
_STATUS_LOOKUP = {word: status for status, names in _STATUS_WORDS.items() for word in names}


def _status_key(text: str) -> str:
    """ "No Response 🔕" -> "no response"; "phone_screen" -> "phone screen"."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(cleaned.split())


def status_from_text(text: str) -> Status | None:
    """A tracker's status word as a jobtui Status, or None if it isn't one we know."""
    return _STATUS_LOOKUP.get(_status_key(text))


# Pipeline order: a CSV row only ever moves a stored application forward.
STATUS_RANK = {
    Status.WISHLIST: 0,
    Status.APPLIED: 1,
    Status.SCREENING: 2,
    Status.INTERVIEWING: 3,
    Status.OFFER: 4,
    Status.ACCEPTED: 5,
    Status.REJECTED: 5,
    Status.WITHDRAWN: 5,
    Status.GHOSTED: 5,
}


# -- salaries ----------------------------------------------------------------

_CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_PER_YEAR = re.compile(
    r"(/\s*(yr|year|y|a|annum)|per\s+(year|annum)|a\s+year|p\.?\s?a\.?|annually|yearly)\s*$",
    re.IGNORECASE,
)


def read_salary(text: str) -> tuple[int | None, int | None, str] | None:
    """ "€60,000 - €75,000", "120k-150k USD", "85000" -> (min, max, currency); None if unsure.

    Hourly or free-text amounts ("competitive", "$50/hr") give None: they are kept in the
    notes rather than guessed into a yearly figure. An amount above model.MAX_MONEY raises
    OutOfBoundsError: it is read, but cannot be stored.
    """
    found = _take_currency(_PER_YEAR.sub("", text.strip()).strip())
    if found is None:
        return None
    currency, rest = found
    parts = [p.strip() for p in re.split(r"\s*(?:-|–|—|\bto\b)\s*", rest.strip()) if p.strip()]
    if not 1 <= len(parts) <= 2:
        return None
    amounts = _amounts([p.replace(" ", "") for p in parts])
    if amounts is None:
        return None
    low, high = amounts[0], amounts[-1]
    if low is None or high is None or low > high:
        return None
    return low, (high if len(amounts) == 2 else None), currency


def _take_currency(rest: str) -> tuple[str, str] | None:
    """(the currency code a salary names, the salary without it); None for two different ones."""
    currency = ""
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if symbol in rest:
            currency = code
            rest = rest.replace(symbol, " ")
    if code_match := re.search(r"\b([A-Za-z]{3})\b", rest):
        if currency and currency != code_match.group(1).upper():
            return None
        currency = code_match.group(1).upper()
        rest = rest[: code_match.start()] + rest[code_match.end() :]
    return currency, rest


def _amounts(parts: list[str]) -> list[int | None] | None:
    """One or two amounts ("60,000", "75k", "60.000"); None if one is not an amount."""
    low_text = parts[0].replace(",", "")
    if (
        len(parts) == 2
        and parts[1].lower().endswith("k")
        and re.fullmatch(r"\d{1,3}(\.\d+)?", low_text)
    ):
        parts[0] = low_text + "k"  # "60-75k" means 60k to 75k
    amounts = []
    for part in parts:
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", part):  # 60.000: dots as thousands separators
            part = part.replace(".", "")
        try:
            amounts.append(parse_money(part, "salary"))
        except OutOfBoundsError:
            raise
        except ValidationError:
            return None
    return amounts
