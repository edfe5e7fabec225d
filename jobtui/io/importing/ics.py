"""Read calendar invites (``.ics``): one :class:`Invite` per ``VEVENT``, as an interview needs it.

Pure: bytes in, invites out; nothing is stored and nothing is matched to an application here.

* **When.** DTSTART with its TZID goes through icalendar's zone handling (IANA names, the
  Windows names Outlook writes such as "W. Europe Standard Time", and the file's own
  VTIMEZONE blocks); "...Z" is UTC; a floating time (no zone) is ``local_tz``. A TZID that
  nothing resolves is read as local time, with a note. An all-day DTSTART (a date) starts at
  09:00 local, with a note. A repeating event (RRULE) gives its first occurrence, with a note.
* **How long.** DTEND - DTSTART, else DURATION, else one hour. A DTEND before DTSTART is an
  error; an all-day or zero-length event lasts one hour, with a note.
* **Where.** LOCATION as written when it holds a link; otherwise the meeting link, from
  X-GOOGLE-CONFERENCE, CONFERENCE, X-MICROSOFT-SKYPETEAMSMEETINGURL or
  X-MICROSOFT-ONLINEMEETINGCONFLINK, else the first Google Meet, Zoom, Teams or Webex link in
  DESCRIPTION, after the LOCATION if there is one ("Microsoft Teams Meeting https://...",
  as Outlook names the place but puts the link elsewhere).
* **Who.** ``interviewers`` are the ATTENDEEs except the user (``my_email``, any case) and
  rooms or resources (CUTYPE=ROOM/RESOURCE). ``organizer`` is kept apart and is not an
  interviewer unless also listed as an attendee (Google lists the organizer as one; Outlook
  does not): jobtui makes the organizer a contact of the application, the interviewers are
  the people in the room. An organizer who is the user is ``None``. ``domains`` are the email
  domains of the organizer and the attendees (not rooms: Google gives them its own domain;
  not the user), for matching the invite to an application.
* **What.** ``kind`` is guessed from SUMMARY, else DESCRIPTION (:func:`guess_kind`).
  ``cancelled``: METHOD:CANCEL on the calendar or STATUS:CANCELLED on the event.
  ``sequence`` (SEQUENCE, default 0) tells a newer copy of the same UID from an older one.
* **Text is data.** SUMMARY, DESCRIPTION, CN and LOCATION are kept exactly as unescaped by
  icalendar: nothing is stripped; showing them safely is the display layer's job. A line
  icalendar cannot parse (RFC 5545 forbids control characters in a parameter such as CN)
  is left out by it, and says so in ``notes``.

Errors are :class:`InviteError`, one line: "not an iCalendar file", or the event
("VEVENT 2 (uid abc@x)") and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from icalendar import Calendar

from jobtui.core import dates
from jobtui.core.model import InterviewKind, Person

DEFAULT_DURATION = timedelta(hours=1)
ALL_DAY_START = time(9, 0)

# Vendor properties that carry the meeting link, most specific first.
_LINK_PROPERTIES = (
    "X-GOOGLE-CONFERENCE",
    "CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
)
_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
_MEETING_HOST = re.compile(
    r"^(meet\.google\.com|([\w-]+\.)*zoom\.us|([\w-]+\.)*zoomgov\.com|teams\.microsoft\.com"
    r"|teams\.live\.com|([\w-]+\.)*webex\.com)$",
    re.IGNORECASE,
)
_CONTENT_LINE = re.compile(r"parsed into parts: '([A-Za-z0-9-]+)")
_RESOURCE_CUTYPES = frozenset({"ROOM", "RESOURCE"})
# Where a calendar's own text starts in a description: the rest is links and dial-in numbers.
_BOILERPLATE_START = re.compile(
    r"^\s*(-::~[:~]*|_{8,}|-{8,}|={8,}|join zoom meeting|join with google meet"
    r"|microsoft teams meeting|join on your computer|click here to join|meeting id:"
    r"|one tap mobile|join webex meeting|invitation from google calendar)",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"^\s*(.{0,80} is inviting you to a scheduled zoom meeting\.?"
    r"|this event has been (cancelled|canceled)\.?)\s*$",
    re.IGNORECASE,
)

# Words in a summary -> kind; the first pattern that matches wins (a "final technical round"
# is final, a "technical phone screen" technical).
_KIND_WORDS: tuple[tuple[InterviewKind, re.Pattern[str]], ...] = (
    (InterviewKind.FINAL, re.compile(r"\bfinal\b", re.IGNORECASE)),
    (InterviewKind.ONSITE, re.compile(r"\b(on-?site|on site|loop|super ?day)\b", re.IGNORECASE)),
    (InterviewKind.PANEL, re.compile(r"\bpanel\b", re.IGNORECASE)),
    (
        InterviewKind.TECHNICAL,
        re.compile(
            r"\b(technical|tech|coding|code|system design|design|pairing|pair programming"
            r"|live coding|take-?home|whiteboard|algorithms?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        InterviewKind.PHONE_SCREEN,
        re.compile(
            r"\b(phone screen|phone|screen(ing)?|recruiter( call| chat)?|intro(ductory)?( call)?"
            r"|hr call|chat)\b",
            re.IGNORECASE,
        ),
    ),
)


class InviteError(ValueError):
    """An invite that cannot be read: one line naming the part of the file and why.

    ``line`` is the line of the file where the event that failed begins, when known (the
    message itself stays the same either way).
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Invite:
    """One calendar event, as an interview would need it (see the module's docstring)."""

    uid: str
    summary: str
    starts_at: datetime
    duration: timedelta = DEFAULT_DURATION
    where: str = ""
    interviewers: tuple[Person, ...] = ()
    organizer: Person | None = None
    kind: InterviewKind = InterviewKind.OTHER
    cancelled: bool = False
    sequence: int = 0
    description: str = ""
    domains: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what was guessed: all-day, repeating, unknown zone

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.duration

    @property
    def message(self) -> str:
        """What the description says, without the meeting's dial-in boilerplate."""
        return useful_description(self.description)


def useful_description(text: str) -> str:
    """The part of an invite's description a person wrote: everything before the vendor's
    block (Google's "-::~:~::~" rule, Outlook's "____" rule, "Join Zoom Meeting"...), without
    lines that only say who invites or that the event was cancelled, trimmed."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if _BOILERPLATE_START.match(line):
            break
        if _BOILERPLATE_LINE.match(line):
            continue
        kept.append(line.rstrip())
    joined = "\n".join(kept).strip()
    return re.sub(r"\n{3,}", "\n\n", joined)


def guess_kind(*texts: str) -> InterviewKind:
    """The kind the first text that names one names (summary first, then description)."""
    for text in texts:
        for kind, pattern in _KIND_WORDS:
            if text and pattern.search(text):
                return kind
    return InterviewKind.OTHER


def meeting_link(text: str) -> str:
    """The first Google Meet, Zoom, Teams or Webex link in ``text``, or ""."""
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:!?")
        host = url.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
        if _MEETING_HOST.match(host):
            return url
    return ""


def read_invites(
    data: bytes, *, my_email: str = "", local_tz: tzinfo | None = None
) -> list[Invite]:
    """Every VEVENT of an iCalendar file, in file order (an empty list when there is none).

    Raises :class:`InviteError` (one line) when the file is not iCalendar or an event cannot
    be read; nothing is returned half-read.
    """
    zone = local_tz if local_tz is not None else dates.local_tz()
    calendars, starts = _parse(data)
    invites: list[Invite] = []
    number = 0
    for cal in calendars:
        method_cancel = _text(cal.get("METHOD")).strip().upper() == "CANCEL"
        for event in cal.walk("VEVENT"):
            number += 1
            uid = _text(event.get("UID")).strip()
            where = f"VEVENT {number}" + (f" (uid {_cut(uid)})" if uid else "")
            line = starts[number - 1] if number <= len(starts) else None
            try:
                invites.append(_read_event(event, uid, method_cancel, my_email, zone))
            except InviteError as err:
                raise InviteError(f"{where}: {err}", line) from None
            except Exception as err:  # icalendar's own errors: still one line, no traceback
                raise InviteError(f"{where}: cannot be read ({_cut(str(err))})", line) from None
    return invites


def _parse(data: bytes) -> tuple[list[Calendar], list[int]]:
    """The calendars in ``data``, and the line where each VEVENT begins (in file order)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:  # RFC 5545 says UTF-8; old Outlook exports are Windows-1252
        text = data.decode("cp1252", errors="replace")
    if not text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        raise InviteError("not an iCalendar file")
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception:
        raise InviteError("not an iCalendar file") from None
    starts = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]
    return [c for c in calendars if getattr(c, "name", "") == "VCALENDAR"], starts


def _read_event(event: Any, uid: str, method_cancel: bool, my_email: str, zone: tzinfo) -> Invite:
    notes: list[str] = []
    if not uid:
        raise InviteError("no UID")
    if "DTSTART" not in event:
        raise InviteError("no DTSTART (when it starts)")
    starts_at, all_day = _moment(event, "DTSTART", zone, notes)
    duration = _duration(event, starts_at, all_day, zone, notes)
    if "RRULE" in event:
        notes.append("repeats (RRULE): only the first occurrence is read")
    notes.extend(_unread_lines(event))

    summary = _text(event.get("SUMMARY"))
    description = _text(event.get("DESCRIPTION"))
    me = my_email.strip().lower()

    organizer = _person(event.get("ORGANIZER"))
    if organizer is not None and me and organizer.email.lower() == me:
        organizer = None

    interviewers: list[Person] = []
    domains: list[str] = []
    if organizer is not None:
        _add_domain(domains, organizer.email)
    for attendee in _as_list(event.get("ATTENDEE")):
        person = _person(attendee)
        if person is None or (me and person.email.lower() == me):
            continue
        cutype = str(getattr(attendee, "params", {}).get("CUTYPE", "")).strip().upper()
        if cutype in _RESOURCE_CUTYPES:
            continue
        _add_domain(domains, person.email)
        if person not in interviewers:
            interviewers.append(person)

    status = _text(event.get("STATUS")).strip().upper()
    return Invite(
        uid=uid,
        summary=summary,
        starts_at=starts_at,
        duration=duration,
        where=_where(event, description),
        interviewers=tuple(interviewers),
        organizer=organizer,
        kind=guess_kind(summary, description),
        cancelled=method_cancel or status == "CANCELLED",
        sequence=_sequence(event.get("SEQUENCE")),
        description=description,
        domains=tuple(domains),
        notes=tuple(notes),
    )


def _moment(event: Any, name: str, zone: tzinfo, notes: list[str]) -> tuple[datetime, bool]:
    """An aware datetime for DTSTART/DTEND, and whether it was an all-day date."""
    prop = event.get(name)
    try:
        value = getattr(prop, "dt", None)
    except Exception:  # icalendar keeps a broken value and refuses to give its .dt
        value = None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            tzid = str(getattr(prop, "params", {}).get("TZID", "")).strip()
            if tzid:
                notes.append(f"unknown time zone {_cut(tzid)!r}: {name} read as local time")
            value = value.replace(tzinfo=zone)
        return value, False
    if isinstance(value, date):
        if name == "DTSTART":
            notes.append("all-day event: starts at 09:00 local time")
        return datetime.combine(value, ALL_DAY_START, tzinfo=zone), True
    raise InviteError(f"{name} is not a date or time ({_cut(_raw(event, name))})")


def _duration(
    event: Any, starts_at: datetime, all_day: bool, zone: tzinfo, notes: list[str]
) -> timedelta:
    if all_day:
        notes.append("all-day event: one hour assumed")
        return DEFAULT_DURATION
    if "DTEND" in event:
        ends_at, _ = _moment(event, "DTEND", zone, notes)
        length = ends_at - starts_at
        if length < timedelta(0):
            raise InviteError("DTEND is before DTSTART")
    elif "DURATION" in event:
        length = getattr(event.get("DURATION"), "dt", None)
        if not isinstance(length, timedelta):
            raise InviteError(f"DURATION is not a length ({_cut(_raw(event, 'DURATION'))})")
        if length < timedelta(0):
            raise InviteError("DURATION is negative")
    else:
        return DEFAULT_DURATION
    if length == timedelta(0):
        notes.append("zero-length event: one hour assumed")
        return DEFAULT_DURATION
    return length


def _where(event: Any, description: str) -> str:
    location = _text(event.get("LOCATION"))
    if _URL.search(location):
        return location
    link = _vendor_link(event) or meeting_link(description)
    if location.strip():
        return f"{location} {link}" if link else location
    return link


def _vendor_link(event: Any) -> str:
    for name in _LINK_PROPERTIES:
        for value in _as_list(event.get(name)):
            text = _text(value).strip()
            if _URL.fullmatch(text):
                return text
    return ""


def _person(address: Any) -> Person | None:
    if address is None:
        return None
    value = str(address).strip()
    email = value[len("mailto:") :] if value.lower().startswith("mailto:") else ""
    name = str(getattr(address, "params", {}).get("CN", ""))
    if not email and not name.strip():
        return None
    return Person(name=name, email=email.strip())


def _add_domain(domains: list[str], email: str) -> None:
    _, at, domain = email.rpartition("@")
    domain = domain.strip().lower()
    if at and domain and domain not in domains:
        domains.append(domain)


def _sequence(value: Any) -> int:
    try:
        return max(int(str(value).strip()), 0) if value is not None else 0
    except ValueError:
        return 0


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # a property given twice: the first one
        value = value[0] if value else ""
    return str(value)


def _raw(event: Any, name: str) -> str:
    prop = event.get(name)
    try:
        return str(getattr(prop, "dt", prop))
    except Exception:
        return str(getattr(prop, "ical_value", "")) or "broken"


def _unread_lines(event: Any) -> list[str]:
    """Notes for the lines icalendar could not parse and left out (say, a CN with an ESC)."""
    notes = []
    for name, message in getattr(event, "errors", []):
        if name is None:
            found = _CONTENT_LINE.search(str(message))
            name = found.group(1) if found else "a"
        notes.append(f"{str(name).upper()} line could not be read and is left out")
    return notes


def _cut(text: str, limit: int = 60) -> str:
    """A value quoted in a one-line message: its lines joined, at most ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
