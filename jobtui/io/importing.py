"""Bring applications in from another tracker's file or from jobtui's own JSON export.

Three steps, so a dry run shows exactly what a real import would do:

* :func:`read_rows` turns a file into :class:`ImportRow` records (plus one message per bad row);
* :func:`plan_import` compares them with what is stored: what to add, to update, to skip;
* :func:`apply_import` writes a plan in one store transaction: all of it lands, or nothing.

Supported: jobtui's JSON export, LinkedIn's "Job Applications.csv" and "Saved Jobs.csv", Teal's
and Huntr's CSV exports, and any CSV with a header row naming at least a company and a role.
Nothing in a row is dropped: columns jobtui has no field for go into the notes.

No Textual and no TinyDB here; the store is only touched through :class:`~jobtui.db.store.Store`.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import tz

from jobtui.core import dates
from jobtui.core.fields import parse_list, parse_money
from jobtui.core.model import (
    MAX_TEXT,
    Application,
    Contact,
    Interview,
    OutOfBoundsError,
    Person,
    SentFollowUp,
    Status,
    ValidationError,
    check_applied_on,
)

if TYPE_CHECKING:
    from jobtui.db.store import Store

FORMATS = ("jobtui-json", "linkedin-applications", "linkedin-saved", "teal", "huntr", "csv")

FORMAT_NAMES = {
    "jobtui-json": "jobtui JSON export",
    "linkedin-applications": 'LinkedIn "Job Applications.csv"',
    "linkedin-saved": 'LinkedIn "Saved Jobs.csv"',
    "teal": "Teal CSV export",
    "huntr": "Huntr CSV export",
    "csv": "CSV with a header row",
}

EXPORT_VERSION = 1
"""The ``jobtui_export`` version this module reads."""

MAX_COLUMNS = 1000
"""The most columns a CSV row may have; a wider file is refused (a header) or a row reported."""
MAX_JSON_DEPTH = 20
"""How deeply a JSON import may nest; an export needs 5 (export, list, record, list, item)."""


class ImportFileError(ValueError):
    """A file that cannot be imported at all (unreadable, empty, not CSV/JSON, no header).

    The message names the file, and the line where that helps.
    """


@dataclass
class ImportRow:
    """One application read from a file, with what comes with it.

    ``line`` is 1-based: for CSV the physical line where the row starts, for JSON the
    application's position in the export's "applications" list. In a plan's ``update`` list,
    ``application`` is what will be saved: the stored one with the file's news merged in.
    """

    line: int
    application: Application
    interviews: list[Interview] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    sent: list[SentFollowUp] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.application.company} - {self.application.role}"


@dataclass
class _Source:
    """Everything read from a file: kept by the plan so apply_import can re-check it."""

    format: str
    rows: list[ImportRow]
    errors: list[str]
    notes: list[str]
    loose_contacts: list[Contact]
    now: datetime


@dataclass
class ImportPlan:
    """What an import will do (or, from apply_import, did).

    ``update`` pairs a row with the stored application it matches; ``skip`` pairs a row with
    the reason ("already there: same URL"); ``errors`` has one message per bad row;
    ``notes`` says how the file was read (encoding, date order); ``contacts`` are contacts
    of a jobtui export that belong to no application, new or newer than the stored ones.
    """

    format: str
    add: list[ImportRow] = field(default_factory=list)
    update: list[tuple[ImportRow, Application]] = field(default_factory=list)
    skip: list[tuple[ImportRow, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    origin: _Source | None = field(default=None, repr=False, compare=False)

    def summary(self, *, done: bool = False) -> str:
        """ "3 to add, 1 to update, 5 already there, 1 bad row", then the notes, one a line.

        ``done=True`` words it as finished: "3 added, 1 updated, ...".
        """
        parts = [
            f"{len(self.add)} {'added' if done else 'to add'}",
            f"{len(self.update)} {'updated' if done else 'to update'}",
            f"{len(self.skip)} already there",
            _plural(len(self.errors), "bad row"),
        ]
        if self.contacts:
            parts.append(
                f"{_plural(len(self.contacts), 'other contact')} {'saved' if done else 'to save'}"
            )
        return "\n".join([", ".join(parts), *self.notes])

    def report_lines(self) -> list[str]:
        """One line per row, for ``--dry-run``: "add     line 2: Acme - Engineer"."""
        lines = [f"add     line {row.line}: {row.label}" for row in self.add]
        for row, existing in self.update:
            change = ""
            if row.application.status != existing.status:
                change = f" ({existing.status.value} -> {row.application.status.value})"
            lines.append(f"update  line {row.line}: {row.label}{change}")
        lines += [f"skip    line {row.line}: {row.label}: {why}" for row, why in self.skip]
        lines += [f"error   {message}" for message in self.errors]
        return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------
# Reading the file: bytes -> text -> format


def _load_text(path: Path) -> tuple[str, list[str]]:
    """The file's text and notes on how it was decoded; ImportFileError if it can't be."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror}") from None
    if raw.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            f"{path} looks like a spreadsheet workbook (.xlsx/.ods): save it as CSV first"
        )
    if raw.startswith(b"%PDF"):
        raise ImportFileError(f"{path} is a PDF, not a CSV or JSON file")
    notes: list[str] = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                raise ImportFileError(
                    f"{path} is not text jobtui can read (neither UTF-8 nor Windows-1252)"
                ) from None
            notes.append(f"{path} is not UTF-8; it was read as Windows-1252 (cp1252).")
    if not text.strip():
        raise ImportFileError(f"{path} is empty")
    if "\x00" in text:
        raise ImportFileError(f"{path} is not a CSV or JSON file (it holds binary data)")
    return text, notes


def _is_json(text: str) -> bool:
    return text.lstrip()[:1] in ("{", "[")


def _words(text: str) -> tuple[str, ...]:
    """ "a, b c, d" -> ("a", "b c", "d"): word tables written compactly."""
    return tuple(word.strip() for word in text.split(","))


def _normalize_header(header: str) -> str:
    """ "Job Url", "job_url", "JOB-URL " -> "joburl"."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


# Normalized header -> the field it fills. Shared by every CSV format.
_HEADER_FIELDS: dict[str, str] = {
    **dict.fromkeys(
        ("company", "companyname", "employer", "organization", "organisation"), "company"
    ),
    **dict.fromkeys(
        ("role", "title", "jobtitle", "position", "positiontitle", "jobposition"), "role"
    ),
    **dict.fromkeys(
        ("url", "joburl", "link", "joblink", "jobposting", "postingurl", "posting"), "url"
    ),
    **dict.fromkeys(("status", "stage", "list", "statusname", "applicationstatus"), "status"),
    **dict.fromkeys(
        _words("applied, applicationdate, dateapplied, appliedon, appliedat, applieddate"),
        "applied",
    ),
    **dict.fromkeys(("saveddate", "datesaved", "savedat", "createdat", "dateadded"), "saved"),
    **dict.fromkeys(("location", "joblocation", "city"), "location"),
    **dict.fromkeys(("source", "jobboard", "foundvia", "foundon"), "source"),
    **dict.fromkeys(("salary", "compensation", "salaryrange", "pay"), "salary"),
    **dict.fromkeys(("salarymin", "minsalary", "salaryfrom", "minimumsalary"), "salary_min"),
    **dict.fromkeys(("salarymax", "maxsalary", "salaryto", "maximumsalary"), "salary_max"),
    **dict.fromkeys(("currency", "salarycurrency"), "currency"),
    **dict.fromkeys(("tags", "tag", "labels", "label"), "tags"),
    **dict.fromkeys(("notes", "note", "comments", "comment"), "notes"),
    **dict.fromkeys(("contact", "contactname", "recruiter", "recruitername"), "contact"),
    **dict.fromkeys(("contactemail", "recruiteremail", "email"), "contact_email"),
    **dict.fromkeys(
        ("contactphone", "contactphonenumber", "recruiterphone", "phone", "phonenumber"),
        "contact_phone",
    ),
    **dict.fromkeys(("followupat", "followup", "followupdate", "nextfollowup"), "follow_up"),
}

_REQUIRED_HEADERS = {
    "company": "Company, Company Name, Employer or Organization",
    "role": "Role, Title, Job Title or Position",
}

# Headers that identify a known export (normalized); checked in this order.
_SIGNATURES: list[tuple[str, Callable[[set[str]], bool]]] = [
    (
        "linkedin-applications",
        lambda h: (
            {"applicationdate", "companyname", "jobtitle", "joburl"} <= h
            and bool(h & {"resumename", "questionandanswers", "contactphonenumber"})
        ),
    ),
    ("linkedin-saved", lambda h: {"saveddate", "joburl", "jobtitle", "companyname"} <= h),
    ("teal", lambda h: {"companyname", "role", "statusname"} <= h),
    ("huntr", lambda h: {"company", "jobtitle", "list"} <= h),
]

# In LinkedIn's export the contact columns hold the email and phone *you* gave in Easy Apply,
# not a recruiter's: they stay in the notes rather than becoming a Contact.
_FORMAT_UNMAPPED = {"linkedin-applications": {"contactemail", "contactphonenumber"}}
_FORMAT_DEFAULT_STATUS = {"linkedin-saved": Status.WISHLIST}
_FORMAT_SOURCE = {"linkedin-applications": "LinkedIn", "linkedin-saved": "LinkedIn"}
# LinkedIn writes US dates ("11/3/25, 2:15 PM"); for other files the order is worked out per column.
_FORMAT_DATE_ORDER = {"linkedin-applications": "mdy", "linkedin-saved": "mdy"}


def _format_from_headers(headers: Sequence[str]) -> str:
    normalized = {_normalize_header(h) for h in headers}
    for name, matches in _SIGNATURES:
        if matches(normalized):
            return name
    return "csv"


def _choose_format(text: str, path: Path) -> str:
    if _is_json(text):
        return "jobtui-json"
    _, header, _ = _csv_header(text, path)
    return _format_from_headers(header)


def detect_format(path: Path) -> str:
    """Which of :data:`FORMATS` a file is, from its content (JSON or CSV headers).

    Raises ImportFileError for a file that is unreadable, empty or neither CSV nor JSON.
    """
    text, _ = _load_text(path)
    fmt = _choose_format(text, path)
    if fmt != "jobtui-json":
        _check_columns(_csv_header(text, path)[1], path)
    return fmt


def _check_format_name(format: str | None) -> None:
    if format is not None and format not in FORMATS:
        raise ImportFileError(
            f'unknown import format "{format}" (choose from {", ".join(FORMATS)})'
        )


def _read(path: Path, now: datetime, format: str | None) -> _Source:
    _check_format_name(format)
    text, notes = _load_text(path)
    fmt = format or _choose_format(text, path)
    if fmt == "jobtui-json":
        source = _read_json(path, text, now)
    else:
        source = _read_csv(path, text, fmt, now)
    source.notes[:0] = notes
    return source


def read_rows(
    path: Path, now: datetime, *, format: str | None = None
) -> tuple[str, list[ImportRow], list[str]]:
    """Read a file into rows: (format, rows, one error message per bad row).

    ``format`` (one of :data:`FORMATS`) overrides detection. Created/updated times of rows
    read from CSV are ``now``; a jobtui export keeps its own. Raises ImportFileError when
    the file can't be read at all.
    """
    source = _read(path, now, format)
    return source.format, source.rows, source.errors


# --------------------------------------------------------------------------
# CSV


def _csv_delimiter(line: str) -> str:
    """The most frequent of , ; and tab outside quotes in the header line (ties: comma)."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda ch: counts[ch])
    return best if counts[best] else ","


def _csv_reader(text: str) -> tuple[Any, str]:
    """A csv.reader over the text (an Excel "sep=;" first line is honoured and skipped)."""
    first_line = text.split("\n", 1)[0].strip()
    excel_hint = re.fullmatch(r"sep=(.)", first_line)
    delimiter = excel_hint.group(1) if excel_hint else None
    if delimiter is None:
        header_line = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = _csv_delimiter(header_line)
    # The csv module refuses values over 128 KiB; a note may be up to MAX_TEXT. (The limit is
    # per process; raising it never refuses anything that was read before.)
    if csv.field_size_limit() <= MAX_TEXT:
        csv.field_size_limit(MAX_TEXT + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if excel_hint:
        next(reader)
    return reader, delimiter


def _csv_header(text: str, path: Path) -> tuple[Any, list[str], int]:
    """(reader positioned after the header, the header cells, the header's line)."""
    reader, _ = _csv_reader(text)
    try:
        for cells in reader:
            if len(cells) > MAX_COLUMNS:
                raise ImportFileError(
                    f"{path}, line {reader.line_num}: {len(cells):,} columns; jobtui reads "
                    f"files of up to {MAX_COLUMNS:,} columns"
                )
            if any(cell.strip() for cell in cells):
                return reader, [cell.strip() for cell in cells], reader.line_num
    except csv.Error as exc:
        raise ImportFileError(
            f"{path}, line {reader.line_num}: not readable as CSV ({_csv_problem(exc)})"
        ) from None
    raise ImportFileError(f"{path} is empty")


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in the user's terms."""
    if "field larger than field limit" in str(exc):
        return f"a value is longer than {MAX_TEXT:,} characters"
    return str(exc)


def _check_columns(header: list[str], path: Path) -> None:
    mapped = {_HEADER_FIELDS.get(_normalize_header(h)) for h in header}
    for key, looked_for in _REQUIRED_HEADERS.items():
        if key not in mapped:
            found = ", ".join(f'"{h}"' for h in header[:8]) + (", ..." if len(header) > 8 else "")
            raise ImportFileError(
                f"{path} has no {key} column (looked for {looked_for}); its first line has "
                f"{found}. Is it a CSV file with a header row?"
            )


def _unclosed_quote_line(text: str, delimiter: str) -> bool:
    """Does the file end inside a quoted value? (The lenient reader swallows the rest.)"""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


@dataclass
class _Columns:
    """Which column fills which field, for one file."""

    header: list[str]
    fields: list[str | None]  # per column: the field key, or None (goes into the notes)

    def first(self, key: str) -> int | None:
        return self.fields.index(key) if key in self.fields else None


def _map_columns(header: list[str], fmt: str) -> _Columns:
    unmapped = _FORMAT_UNMAPPED.get(fmt, set())
    fields: list[str | None] = []
    for name in header:
        norm = _normalize_header(name)
        key = None if norm in unmapped else _HEADER_FIELDS.get(norm)
        fields.append(None if key in fields else key)  # a second "Notes" column is kept as text
    return _Columns(header, fields)


def _read_csv(path: Path, text: str, fmt: str, now: datetime) -> _Source:
    reader, header, header_line = _csv_header(text, path)
    _check_columns(header, path)
    columns = _map_columns(header, fmt)
    records: list[tuple[int, list[str]]] = []
    previous_end = header_line
    errors: list[str] = []
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if len(cells) > MAX_COLUMNS:
                errors.append(
                    f"line {start}: {len(cells):,} values, more than the {MAX_COLUMNS:,} "
                    "columns jobtui reads; this row was not imported"
                )
            elif any(cell.strip() for cell in cells):
                records.append((start, cells))
    except csv.Error as exc:
        errors.append(
            f"line {previous_end + 1}: not readable as CSV ({_csv_problem(exc)}); this row and "
            "the rows after it were not imported"
        )
    if records and _unclosed_quote_line(text, _csv_reader(text)[1]):
        line, _ = records.pop()
        errors.append(
            f'line {line}: a quoted value starting here is never closed (a missing "), so this '
            "row and everything after it could not be read"
        )
    notes: list[str] = []
    if not records and not errors:
        notes.append(f"{path} has a header row but no rows of data.")
    orders = {}
    for key in ("applied", "saved", "follow_up"):
        index = columns.first(key)
        if index is not None:
            values = [cells[index] for _, cells in records if index < len(cells)]
            orders[key] = _date_order(values, fmt, header[index], notes)
    reader_state = _RowReader(columns, fmt, now, orders)
    rows: list[ImportRow] = []
    for line, cells in records:
        try:
            rows.append(reader_state.row(line, cells))
        except _BadRow as exc:
            errors.append(f"line {line}: {exc}")
    return _Source(fmt, rows, errors, notes, [], now)


class _BadRow(Exception):
    """A row that cannot be imported; the message names the column(s)."""


# -- dates in CSV cells ------------------------------------------------------

_NUMERIC_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})(?:(?:\s*,\s*|\s+|T)(.+))?")
_TIME_PART = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])?\.?(m\.?)?", re.IGNORECASE)
_APPLIED_HOUR = 9  # a date without a time is taken as 09:00 local


def _date_order(values: Iterable[str], fmt: str, header: str, notes: list[str]) -> str:
    """ "mdy" or "dmy" for a column's all-numeric dates like 03/11/2025.

    Fixed for LinkedIn. Otherwise a day above 12 decides (a spreadsheet column keeps one
    order); if none does, dots mean day first (03.11.2025) and slashes month first, and a
    note says so.
    """
    if fmt in _FORMAT_DATE_ORDER:
        return _FORMAT_DATE_ORDER[fmt]
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


def _local(day: date, clock: time) -> datetime:
    return tz.resolve_imaginary(datetime.combine(day, clock, tzinfo=dates.local_tz()))


def _read_when(text: str, order: str, now: datetime) -> tuple[date, datetime]:
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
    error = ValueError(f'cannot read "{shown}" as a date')
    try:
        parsed = datetime.fromisoformat(shown.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        if parsed.tzinfo is None:
            clock = parsed.time() if re.search(r"\d[T ]\d", shown) else time(_APPLIED_HOUR)
            at = _local(parsed.date(), clock)
            return at.date(), at
        local = parsed.astimezone(dates.local_tz())
        return local.date(), local
    if match := _NUMERIC_DATE.fullmatch(shown):
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
        return when, _local(when, clock)
    # Month names and words: jobtui's own date grammar ("Nov 3, 2025 2:15 pm").
    words = re.sub(r"(\d)\s+([ap]\.?m\.?)(?=\s|$)", r"\1\2", shown, flags=re.IGNORECASE)
    try:
        at = dates.parse_when(words, now, default_hour=_APPLIED_HOUR)
    except dates.DateParseError as exc:
        raise ValueError(str(exc)) from None
    if not re.search(r"\b\d{4}\b", shown) and at > now:
        # "Nov 3" with no year in an import is the past one, not next November.
        at = _local(at.date().replace(year=at.year - 1), at.time())
    return at.date(), at


# -- statuses --------------------------------------------------------------


_STATUS_WORDS: dict[Status, tuple[str, ...]] = {
    Status.WISHLIST: _words(
        "wishlist, wish list, bookmarked, bookmark, saved, interested, to apply, applying, "
        "not applied, not yet applied, watching, considering, lead"
    ),
    Status.APPLIED: _words(
        "applied, application sent, application submitted, submitted, sent, in review, "
        "under review, pending, waiting"
    ),
    Status.SCREENING: _words(
        "screening, screen, phone screen, recruiter screen, recruiter call, hr screen, "
        "phone interview, assessment, take home, coding challenge"
    ),
    Status.INTERVIEWING: _words(
        "interview, interviews, interviewing, interviewed, onsite, on site, "
        "technical interview, final interview, final round"
    ),
    Status.OFFER: _words("offer, offered, offer received, negotiating, negotiation"),
    Status.ACCEPTED: _words("accepted, offer accepted, hired, signed"),
    Status.REJECTED: _words(
        "rejected, rejection, not selected, declined by company, no offer, turned down, "
        "not moving forward, unsuccessful"
    ),
    # "Declined" on a tracker's board is the candidate saying no: withdrawn, not rejected.
    Status.WITHDRAWN: _words("withdrawn, withdrew, i withdrew, declined, offer declined"),
    Status.GHOSTED: _words("ghosted, no response, no reply, no answer, unresponsive"),
}
_STATUS_LOOKUP = {word: status for status, words in _STATUS_WORDS.items() for word in words}


def _status_key(text: str) -> str:
    """ "No Response 🔕" -> "no response"; "phone_screen" -> "phone screen"."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    return " ".join(cleaned.split())


def status_from_text(text: str) -> Status | None:
    """A tracker's status word as a jobtui Status, or None if it isn't one we know."""
    return _STATUS_LOOKUP.get(_status_key(text))


# Pipeline order: a CSV row only ever moves a stored application forward.
_STATUS_RANK = {
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


# -- salaries --------------------------------------------------------------

_CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF"}
_PER_YEAR = re.compile(
    r"(/\s*(yr|year|y|a|annum)|per\s+(year|annum)|a\s+year|p\.?\s?a\.?|annually|yearly)\s*$",
    re.IGNORECASE,
)


def _read_salary(text: str) -> tuple[int | None, int | None, str] | None:
    """ "€60,000 - €75,000", "120k-150k USD", "85000" -> (min, max, currency); None if unsure.

    Hourly or free-text amounts ("competitive", "$50/hr") give None: they are kept in the
    notes rather than guessed into a yearly figure. An amount above model.MAX_MONEY raises
    OutOfBoundsError: it is read, but cannot be stored.
    """
    rest = _PER_YEAR.sub("", text.strip()).strip()
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
    parts = [p.strip() for p in re.split(r"\s*(?:-|–|—|\bto\b)\s*", rest.strip()) if p.strip()]
    if not 1 <= len(parts) <= 2:
        return None
    parts = [p.replace(" ", "") for p in parts]
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
    low, high = amounts[0], amounts[-1]
    if low is None or high is None or low > high:
        return None
    return low, (high if len(amounts) == 2 else None), currency


# -- one CSV row -----------------------------------------------------------


class _RowReader:
    """Turns the cells of one CSV row into an ImportRow; raises _BadRow naming columns."""

    def __init__(self, columns: _Columns, fmt: str, now: datetime, orders: dict[str, str]) -> None:
        self.columns = columns
        self.fmt = fmt
        self.now = now
        self.orders = orders
        # Contacts seen earlier in this file, so two rows naming one recruiter share a record.
        self.contacts: dict[tuple[str, str], Contact] = {}

    def row(self, line: int, cells: list[str]) -> ImportRow:
        header = self.columns.header
        values: dict[str, tuple[str, str]] = {}  # field -> (header, value)
        extra: list[tuple[str, str]] = []  # (header, value) for the notes
        for index, raw in enumerate(cells):
            value = raw.strip()
            if index >= len(header):
                if value:
                    extra.append((f"Column {index + 1}", value))
                continue
            key = self.columns.fields[index]
            if key is None:
                if value:
                    extra.append((header[index] or f"Column {index + 1}", value))
            else:
                values[key] = (header[index], value)

        def cell(key: str) -> str:
            return values.get(key, ("", ""))[1]

        def name_of(key: str) -> str:
            index = self.columns.first(key)
            return header[index] if index is not None else key

        problems = [
            f'"{name_of(key)}" is empty (every row needs a company and a role)'
            for key in ("company", "role")
            if not cell(key)
        ]
        app = Application(
            company=cell("company"),
            role=cell("role"),
            url=cell("url"),
            location=cell("location"),
            source=cell("source") or _FORMAT_SOURCE.get(self.fmt, ""),
            tags=parse_list(cell("tags").replace(";", ",")),
            created_at=self.now,
            updated_at=self.now,
        )

        status = _FORMAT_DEFAULT_STATUS.get(self.fmt)
        if cell("status"):
            status = status_from_text(cell("status"))
            if status is None:
                column, text = values["status"]
                extra.append((column, f"{text} (not a jobtui status; imported as applied)"))
                status = Status.APPLIED

        def when(key: str) -> tuple[date, datetime] | None:
            if not cell(key):
                return None
            try:
                return _read_when(cell(key), self.orders.get(key, "mdy"), self.now)
            except ValueError as exc:
                problems.append(f'"{values[key][0]}": {exc}')
                return None

        applied, saved, follow_up = when("applied"), when("saved"), when("follow_up")
        if status is None:
            status = Status.APPLIED
        if status == Status.WISHLIST:
            app.set_status(Status.WISHLIST, saved[1] if saved else self.now)
            if applied:
                extra.append(values["applied"])
        else:
            app.set_status(status, applied[1] if applied else self.now)
            # Only a date from the file: no date means "not known", not "today".
            app.applied_on = applied[0] if applied else None
            if saved:
                extra.append(values["saved"])
        if follow_up:
            if follow_up[1] > self.now:
                # A follow-up date ahead means "not before then": jobtui's snooze.
                app.snoozed_until = follow_up[1]
            else:
                extra.append(values["follow_up"])

        self._salary(app, values, extra, problems)
        contact = self._contact(app, values, problems)
        if problems:
            raise _BadRow("; ".join(problems))

        app.notes = _notes_with_extras(cell("notes"), extra)
        try:
            app.validate()
            check_applied_on(app.applied_on, app.status, self.now)  # the same rule as typing
        except ValidationError as exc:
            raise _BadRow(str(exc)) from None
        contacts = []
        if contact is not None:
            contacts.append(contact)
            app.contact_ids.append(contact.id)
        return ImportRow(line=line, application=app, contacts=contacts)

    def _salary(
        self,
        app: Application,
        values: dict[str, tuple[str, str]],
        extra: list[tuple[str, str]],
        problems: list[str],
    ) -> None:
        currency = values.get("currency", ("", ""))[1].upper()
        for key in ("salary", "salary_min", "salary_max"):
            if not values.get(key, ("", ""))[1]:
                continue
            try:
                read = _read_salary(values[key][1])
            except OutOfBoundsError as exc:
                problems.append(f'"{values[key][0]}": {exc.message}')
                continue
            if read is None:
                extra.append(values[key])  # "competitive", "$50/hr": kept as written
                continue
            low, high, found_currency = read
            if key == "salary":
                app.salary_min, app.salary_max = low, high
            elif key == "salary_min":
                app.salary_min = low
            else:
                app.salary_max = high if high is not None else low
            currency = currency or found_currency
        app.salary_currency = currency
        if (
            app.salary_min is not None
            and app.salary_max is not None
            and app.salary_max < app.salary_min
        ):
            problems.append(
                f"the maximum salary ({app.salary_max}) is below the minimum ({app.salary_min})"
            )

    def _contact(
        self, app: Application, values: dict[str, tuple[str, str]], problems: list[str]
    ) -> Contact | None:
        def get(key: str) -> str:
            return values.get(key, ("", ""))[1]

        person = Person.parse(get("contact")) if get("contact") else Person(name="")
        email = get("contact_email") or person.email
        phone = get("contact_phone")
        if not (person.name or email or phone):
            return None
        if email and "@" not in email:
            column = values["contact_email"][0] if get("contact_email") else values["contact"][0]
            problems.append(f'"{column}": "{email}" is not an email address')
            return None
        name = person.name or email or phone
        key = ("email", email.casefold()) if email else ("name", f"{name}|{app.company}".casefold())
        known = self.contacts.get(key)
        if known is not None:
            known.phone = known.phone or phone
            return known
        contact = Contact(
            name=name,
            company=app.company,
            email=email,
            phone=phone,
            created_at=self.now,
            updated_at=self.now,
        )
        self.contacts[key] = contact
        return contact


def _notes_with_extras(notes: str, extra: list[tuple[str, str]]) -> str:
    """The notes, then "Imported fields:" with every column jobtui has no field for."""
    if not extra:
        return notes
    lines = ["Imported fields:"]
    for column, value in extra:
        first, *more = value.splitlines() or [""]
        lines.append(f"- {column}: {first}")
        lines += [f"  {line}" for line in more]
    block = "\n".join(lines)
    return f"{notes}\n\n{block}" if notes else block


# --------------------------------------------------------------------------
# jobtui's JSON export


# A JSON string (escapes included), and the brackets that open or close a level.
_JSON_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_line(text: str) -> int | None:
    """The line where JSON nesting first goes deeper than MAX_JSON_DEPTH, or None.

    Checked before parsing: the json module recurses once per level, and a file nested
    thousands deep would end in a RecursionError. Strings are blanked out first (they never
    span lines, so line numbers stay right) so that brackets inside them do not count.
    """
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return None
    skeleton = _JSON_STRING.sub('""', text)
    depth = 0
    for match in _JSON_BRACKET.finditer(skeleton):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return skeleton.count("\n", 0, match.start()) + 1
        else:
            depth -= 1
    return None


def _read_json(path: Path, text: str, now: datetime) -> _Source:
    deep = _too_deep_line(text)
    if deep is not None:
        raise ImportFileError(
            f"{path}, line {deep}: nested more than {MAX_JSON_DEPTH} levels deep; a jobtui "
            "export never is, so this is not one"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError:  # an integer of more than 4300 digits
        raise ImportFileError(f"{path} holds a number too long to read") from None
    except RecursionError:  # not expected after the depth check; never a traceback
        raise ImportFileError(f"{path} is nested too deeply to read") from None
    if not isinstance(data, dict) or "jobtui_export" not in data:
        raise ImportFileError(f'{path} is JSON but not a jobtui export (no "jobtui_export" key)')
    version = data["jobtui_export"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(
            f'{path}: "jobtui_export" should be a version number, not {version!r}'
        )
    if version > EXPORT_VERSION:
        raise ImportFileError(
            f"{path} was written by a newer jobtui (export version {version}; this one reads "
            f"up to {EXPORT_VERSION}): upgrade jobtui"
        )
    lists: dict[str, list[Any]] = {}
    for key in ("applications", "interviews", "contacts", "sent"):
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ImportFileError(f'{path}: "{key}" should be a list, not {type(value).__name__}')
        lists[key] = value

    errors: list[str] = []
    contacts = _json_records(lists["contacts"], Contact, "contact", errors)
    apps = _json_records(lists["applications"], Application, "application", errors)
    interviews = _json_records(lists["interviews"], Interview, "interview", errors)
    sent = _json_records(lists["sent"], SentFollowUp, "sent follow-up", errors)

    contact_by_id: dict[str, Contact] = {}
    for _, contact in contacts:
        contact_by_id.setdefault(contact.id, contact)
    app_ids = {app.id for _, app in apps}
    by_app: dict[str, tuple[list[Interview], list[SentFollowUp]]] = {
        app_id: ([], []) for app_id in app_ids
    }
    for number, interview in interviews:
        if interview.application_id not in app_ids:
            errors.append(
                f'interview {number}: its application "{interview.application_id}" is not '
                "in the file (or could not be read)"
            )
        else:
            by_app[interview.application_id][0].append(interview)
    for number, entry in sent:
        if entry.application_id not in app_ids:
            errors.append(
                f'sent follow-up {number}: its application "{entry.application_id}" is not '
                "in the file (or could not be read)"
            )
        else:
            by_app[entry.application_id][1].append(entry)

    rows = []
    linked: set[str] = set()
    for number, app in apps:
        own = [contact_by_id[cid] for cid in app.contact_ids if cid in contact_by_id]
        linked.update(c.id for c in own)
        app_interviews, app_sent = by_app[app.id]
        rows.append(ImportRow(number, app, list(app_interviews), own, list(app_sent)))
    loose = [c for c in contact_by_id.values() if c.id not in linked]
    return _Source("jobtui-json", rows, errors, [], loose, now)


def _json_records(items: list[Any], kind: type, label: str, errors: list[str]) -> list[Any]:
    """(position, record) for each readable, valid record; an error for each other one."""
    found = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(f"{label} {number}: not a record but {type(item).__name__}")
            continue
        try:
            record = kind.from_dict(item)
            record.validate()
        except (ValueError, TypeError, AttributeError, KeyError, OverflowError) as exc:
            errors.append(f"{label} {number}: {exc}")
            continue
        found.append((number, record))
    return found


# --------------------------------------------------------------------------
# Planning: what is new, what is already there


def normalize_url(url: str) -> str:
    """A URL as a matching key: no scheme, host lower-cased without "www.", no trailing slash.

    Tracking parameters (utm_*, trk, refId, ...) and the fragment are dropped; other query
    parameters are kept (sorted), because some sites name the posting only there
    (indeed.com/viewjob?jk=..., greenhouse ?gh_jid=...).
    """
    text = url.strip()
    if not text:
        return ""
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking_param(k)
    ]
    return urlunsplit(("", host, path, urlencode(sorted(query)), ""))


# Query parameters that say where a click came from, not which posting it is.
_TRACKING = set(
    _words(
        "trk, trackingid, refid, ref, src, source, gclid, fbclid, mc_cid, mc_eid, lipi, eby, "
        "from, origin, alternatechannel, ebp, ebc"
    )
)


def _is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING


def _name_key(text: str) -> str:
    return " ".join(text.casefold().split())


class _Index:
    """Applications looked up by URL+role and by company+role, for duplicate checks."""

    def __init__(self) -> None:
        self.by_url: dict[tuple[str, str], list[tuple[Application, Any]]] = {}
        self.by_name: dict[tuple[str, str], list[tuple[Application, Any]]] = {}

    def add(self, app: Application, tag: Any) -> None:
        role = _name_key(app.role)
        if url := normalize_url(app.url):
            self.by_url.setdefault((url, role), []).append((app, tag))
        self.by_name.setdefault((_name_key(app.company), role), []).append((app, tag))

    def find(self, app: Application) -> tuple[Any, str] | None:
        """(tag of the matching application, why it matches), or None.

        Same URL and role first. A careers-page link shared by several roles is not a match,
        so the role must agree. Else the same company and role on the same applied date;
        an unknown date on either side matches any date.
        """
        role = _name_key(app.role)
        if url := normalize_url(app.url):
            hits = self.by_url.get((url, role))
            if hits:
                return hits[0][1], "same URL"
        for other, tag in self.by_name.get((_name_key(app.company), role), []):
            if app.applied_on is None or other.applied_on is None:
                return tag, "same company and role"
            if app.applied_on == other.applied_on:
                return tag, "same company, role and date"
        return None


@dataclass
class _Existing:
    """What is stored; None for the kinds the caller did not pass (taken as unknown)."""

    apps: Sequence[Application]
    interviews: dict[str, Interview] | None
    contacts: dict[str, Contact] | None
    sent_ids: set[str] | None

    @classmethod
    def of(
        cls,
        apps: Sequence[Application],
        interviews: Sequence[Interview] | None,
        contacts: Sequence[Contact] | None,
        sent: Sequence[SentFollowUp] | None,
    ) -> _Existing:
        return cls(
            apps,
            None if interviews is None else {i.id: i for i in interviews},
            None if contacts is None else {c.id: c for c in contacts},
            None if sent is None else {s.id for s in sent},
        )


def _newer(record: Any, stored: Any) -> bool:
    """Is the imported record newer than the stored one (by updated_at)?"""
    if record.updated_at is None:
        return False
    return stored.updated_at is None or record.updated_at > stored.updated_at


def _new_or_newer(records: Iterable[Any], stored: dict[str, Any] | None) -> list[Any]:
    if stored is None:
        return list(records)
    return [r for r in records if r.id not in stored or _newer(r, stored[r.id])]


def _plan(source: _Source, existing: _Existing) -> ImportPlan:
    plan = ImportPlan(
        format=source.format,
        errors=list(source.errors),
        notes=list(source.notes),
        origin=source,
    )
    stored = _Index()
    stored_by_id = {app.id: app for app in existing.apps}
    for app in existing.apps:
        stored.add(app, app)
    in_file = _Index()
    seen_ids: dict[str, int] = {}
    is_json = source.format == "jobtui-json"

    for row in source.rows:
        app = row.application
        if is_json:
            if app.id in seen_ids:
                plan.skip.append((row, f"duplicate of line {seen_ids[app.id]} in this file"))
                continue
            seen_ids[app.id] = row.line
            if app.id in stored_by_id:
                _plan_json_match(plan, row, stored_by_id[app.id], existing)
                continue
        else:
            # The export of one tracker may list a job twice; only the first counts.
            earlier = in_file.find(app)
            in_file.add(app, row.line)
            if earlier is not None:
                plan.skip.append((row, f"duplicate of line {earlier[0]} in this file"))
                continue
        match = stored.find(app)
        if match is None:
            plan.add.append(_with_known_contacts(row, existing, source.format))
        elif is_json:
            plan.skip.append((row, f"already there: {match[1]}"))
        else:
            _plan_csv_match(plan, row, match[0], match[1], existing, source.now)

    if existing.contacts is None:
        # Not told what contacts are stored: if this export was imported before (one of its
        # applications is stored by id), its contacts are taken as there too.
        imported_before = any(row.application.id in stored_by_id for row in source.rows)
        plan.contacts = [] if imported_before else list(source.loose_contacts)
    else:
        plan.contacts = _new_or_newer(source.loose_contacts, existing.contacts)
    return plan


def _plan_json_match(
    plan: ImportPlan, row: ImportRow, stored: Application, existing: _Existing
) -> None:
    """An exported application already stored (same id): update only with news.

    Sub-records of a kind the caller did not pass are taken as already stored, so a dry run
    of a plain re-import says "already there"; apply_import checks them against the store.
    """
    interviews, contacts, sent = [], [], []
    if existing.interviews is not None:
        interviews = _new_or_newer(row.interviews, existing.interviews)
    if existing.contacts is not None:
        contacts = _new_or_newer(row.contacts, existing.contacts)
    if existing.sent_ids is not None:
        sent = [s for s in row.sent if s.id not in existing.sent_ids]
    app = row.application if _newer(row.application, stored) else stored
    if app is stored and not (interviews or contacts or sent):
        plan.skip.append((row, "already there: same id"))
        return
    plan.update.append((ImportRow(row.line, app, interviews, contacts, sent), stored))


def _plan_csv_match(
    plan: ImportPlan,
    row: ImportRow,
    stored: Application,
    why: str,
    existing: _Existing,
    now: datetime,
) -> None:
    """A CSV row matching a stored application: skipped, unless it moves it forward.

    The stored application is the user's own, maybe edited since; a tracker's row never
    overwrites it. Only a later pipeline step (a saved job now applied to, an application
    now at interview) is taken, with the date the file gives, and empty fields are filled.
    """
    imported = row.application
    if stored.closed or _STATUS_RANK[imported.status] <= _STATUS_RANK[stored.status]:
        plan.skip.append((row, f"already there: {why}"))
        return
    merged = copy.deepcopy(stored)
    merged.set_status(imported.status, imported.status_since() or now)
    merged.applied_on = merged.applied_on or imported.applied_on
    for name in ("url", "location", "source", "salary_currency"):
        if not getattr(merged, name):
            setattr(merged, name, getattr(imported, name))
    if merged.salary_min is None and merged.salary_max is None:
        merged.salary_min, merged.salary_max = imported.salary_min, imported.salary_max
    merged.tags += [t for t in imported.tags if t not in merged.tags]
    if imported.notes and imported.notes not in merged.notes:
        merged.notes = f"{merged.notes}\n\n{imported.notes}" if merged.notes else imported.notes
    merged.updated_at = now
    resolved = _with_known_contacts(row, existing, plan.format)
    merged.contact_ids += [
        c for c in resolved.application.contact_ids if c not in merged.contact_ids
    ]
    plan.update.append((replace(resolved, application=merged), stored))


def _with_known_contacts(row: ImportRow, existing: _Existing, fmt: str) -> ImportRow:
    """A CSV row whose contact is already stored (same email, or name at the company) links
    to that contact instead of adding a second one."""
    if fmt == "jobtui-json":
        contacts = _new_or_newer(row.contacts, existing.contacts)
        return row if len(contacts) == len(row.contacts) else replace(row, contacts=contacts)
    if existing.contacts is None or not row.contacts:
        return row
    by_key: dict[tuple[str, str], Contact] = {}
    for contact in existing.contacts.values():
        if contact.email:
            by_key.setdefault(("email", contact.email.casefold()), contact)
        by_key.setdefault(("name", f"{contact.name}|{contact.company}".casefold()), contact)
    app = copy.deepcopy(row.application)
    new_contacts = []
    for contact in row.contacts:
        key = (
            ("email", contact.email.casefold())
            if contact.email
            else ("name", f"{contact.name}|{contact.company}".casefold())
        )
        known = by_key.get(key)
        if known is None:
            new_contacts.append(contact)
        else:
            app.contact_ids = [known.id if cid == contact.id else cid for cid in app.contact_ids]
    return replace(row, application=app, contacts=new_contacts)


def plan_import(
    path: Path,
    existing_apps: Sequence[Application],
    now: datetime,
    *,
    format: str | None = None,
    existing_interviews: Sequence[Interview] | None = None,
    existing_contacts: Sequence[Contact] | None = None,
    existing_sent: Sequence[SentFollowUp] | None = None,
) -> ImportPlan:
    """Read a file and sort its rows into add, update and skip against what is stored.

    Matching: a jobtui export's records by id first; then any row by URL (and role), else by
    company + role + applied date. Rows repeated within the file are skipped too.

    Updates: an exported application updates the stored one when its ``updated_at`` is newer
    or it brings interviews, contacts or log entries that are new or newer. A CSV row never
    overwrites a stored application; it only moves it forward in the pipeline (see
    :func:`_plan_csv_match`); otherwise it is skipped as already there.

    Pass the stored interviews, contacts and sent log too for an exact dry run (or use
    :func:`plan_import_into`); :func:`apply_import` re-checks against the store anyway.
    """
    source = _read(path, now, format)
    existing = _Existing.of(existing_apps, existing_interviews, existing_contacts, existing_sent)
    return _plan(source, existing)


def _existing_in(store: Store) -> _Existing:
    return _Existing.of(
        store.applications(), store.interviews(), store.contacts(), store.sent_log()
    )


def plan_import_into(
    store: Store, path: Path, now: datetime, *, format: str | None = None
) -> ImportPlan:
    """:func:`plan_import` against everything in ``store`` (what ``--dry-run`` should show)."""
    source = _read(path, now, format)
    return _plan(source, _existing_in(store))


# --------------------------------------------------------------------------
# Applying


def _save_keeping_timestamps(store: Store, record: Application | Interview | Contact) -> None:
    """Save a record as planned: an import keeps each record's own created/updated times,
    so a jobtui export round-trips unchanged."""
    store.save(record, keep_timestamps=True)


def apply_import(store: Store, plan: ImportPlan) -> ImportPlan:
    """Write a plan in ONE store transaction: every record lands, or (on any error) none.

    The rows are checked again against the store as it is now, so a plan made earlier
    (a dry run, or a preview in the TUI) can never add a duplicate. Returns the plan as
    applied.
    """
    if plan.origin is None:
        raise ValueError("this plan was not made by plan_import; nothing to apply")
    with store.transaction():
        applied = _plan(plan.origin, _existing_in(store))
        saved_contacts: set[str] = set()
        rows = [(row, None) for row in applied.add] + [(r, e) for r, e in applied.update]
        for row, stored in rows:
            for contact in row.contacts:
                if contact.id not in saved_contacts:
                    saved_contacts.add(contact.id)
                    _save_keeping_timestamps(store, contact)
            if stored is None or row.application.to_dict() != stored.to_dict():
                _save_keeping_timestamps(store, row.application)
            for interview in row.interviews:
                _save_keeping_timestamps(store, interview)
            for entry in row.sent:
                store.log_sent(entry)
        for contact in applied.contacts:
            if contact.id not in saved_contacts:
                _save_keeping_timestamps(store, contact)
    return applied
