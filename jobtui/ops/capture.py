"""Capturing a job from its URL: read the posting, fill in the application.

The posting is read through the public API of the applicant-tracking system when the URL is
one of theirs (Greenhouse, Lever, Ashby: no page needed), else from the page itself (JSON-LD,
else its title). What was read fills only the fields still empty, so whatever the user typed
or gave as an option wins. Any failure is one :class:`CaptureError` line naming the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import unquote, urlsplit

from jobtui.config import CaptureSettings
from jobtui.core import dates
from jobtui.core.model import Application
from jobtui.core.textsafe import strip_controls
from jobtui.db.store import Store
from jobtui.io.capture.ats import AtsBases, AtsError, read_from_ats
from jobtui.io.capture.fetch import FetchError, fetch, fetch_json
from jobtui.io.capture.posting import NoPosting, Posting, read_posting


class CaptureError(Exception):
    """The posting at a URL could not be read: one line, "URL: reason"."""

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, " ".join(reason.split())
        super().__init__(f"{url}: {self.reason}")


@dataclass(frozen=True)
class Captured:
    """What was read, and which fields of the application it filled."""

    posting: Posting
    filled: tuple[str, ...]

    @property
    def needs_check(self) -> bool:
        """Only the page's title was found: company and role are a guess."""
        return self.posting.needs_check


class NoUrl(ValueError):
    """The application has no URL to read its posting from."""


def ats_bases(settings: CaptureSettings) -> AtsBases:
    """The applicant-tracking APIs' base URLs the user's ``[capture]`` settings name."""
    return AtsBases(
        greenhouse=settings.greenhouse_api,
        lever=settings.lever_api,
        lever_eu=settings.lever_eu_api,
        ashby=settings.ashby_api,
    )


# Hosts whose job URLs name the company in their first path segment, not in the host.
_BOARD_HOSTS = ("greenhouse.io", "lever.co", "ashbyhq.com")
_TO_CHECK = "(role to check)"


def names_from_url(url: str) -> tuple[str, str]:
    """(company, role) for a URL added without reading its page, both to be checked: the
    host without "www." (an applicant-tracking system's: the board's name in the path) and
    a placeholder role."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        host, parts = "", None
    company = host.removeprefix("www.")
    if parts is not None and host.endswith(_BOARD_HOSTS):
        board = next((unquote(s) for s in parts.path.split("/") if s.strip()), "")
        # A name, on one line: no control characters or line breaks from the URL's path.
        company = " ".join(strip_controls(board).split()) or company
    return company or url.strip(), _TO_CHECK


def read_posting_at(url: str, *, bases: AtsBases | None = None) -> Posting:
    """The posting at ``url``: through an applicant-tracking API when the URL is theirs,
    else from the page. Raises :class:`CaptureError`."""
    try:
        found = read_from_ats(url, fetch_json, bases or AtsBases())
        if found is not None:
            return found
        page = fetch(url)
        return read_posting(page.text, page.final_url)
    except FetchError as exc:
        raise CaptureError(url, exc.reason) from None
    except (NoPosting, AtsError) as exc:
        raise CaptureError(url, str(exc)) from None


def fill_from_posting(
    app: Application, posting: Posting, *, now: datetime, overwrite: bool = False
) -> Captured:
    """Fill ``app`` from ``posting``: only the empty fields (all of them with ``overwrite``);
    the posting's description (see :func:`posting_text`) and when it was fetched are always
    kept. The posting's last day (validThrough) becomes the deadline: 23:59 local time."""
    filled: list[str] = []

    def put(name: str, value: object) -> None:
        if value in ("", None):
            return
        if overwrite or getattr(app, name) in ("", None):
            setattr(app, name, value)
            filled.append(name)

    put("url", posting.url)
    put("company", posting.company)
    put("role", posting.role)
    put("location", posting.location)
    read_salary = posting.salary_min is not None or posting.salary_max is not None
    typed_salary = app.salary_min is not None or app.salary_max is not None
    if read_salary and (overwrite or not typed_salary):
        app.salary_min, app.salary_max = posting.salary_min, posting.salary_max
        filled += ["salary_min", "salary_max"]
        put("salary_currency", posting.salary_currency)
    put("deadline", _end_of(posting.deadline))
    text = posting_text(posting)
    if text:
        app.description = text
        filled.append("description")
    app.posting_fetched_at = now
    return Captured(posting, tuple(filled))


def _end_of(day: date | None) -> datetime | None:
    """The last minute of ``day`` in the local zone (None for none, or a year jobtui does
    not store)."""
    if day is None or not dates.in_range(day):
        return None
    return dates.at_local(day, time(23, 59))


_EMPLOYMENT = {
    "FULL_TIME": "Full-time",
    "PART_TIME": "Part-time",
    "CONTRACTOR": "Contract",
    "TEMPORARY": "Temporary",
    "INTERN": "Internship",
    "VOLUNTEER": "Volunteer",
    "PER_DIEM": "Per diem",
    "OTHER": "",
}


def posting_text(posting: Posting) -> str:
    """The description kept for a posting: its Markdown, under one line with what is stored
    nowhere else, the kind of employment and the day it was posted ("Full-time · posted Fri
    20 Nov 2026"); a kind the description already names is left out of that line."""
    body = posting.description
    kinds = [k.strip() for k in posting.employment_type.split(",") if k.strip()]
    labels = [_EMPLOYMENT.get(k.upper().replace("-", "_"), k) for k in kinds]
    said = " ".join(body.lower().replace("-", " ").split())
    facts = [
        label
        for label in dict.fromkeys(labels)
        if label and " ".join(label.lower().replace("-", " ").split()) not in said
    ]
    if posting.date_posted is not None:
        facts.append(f"posted {dates.format_day(posting.date_posted)}")
    head = " · ".join(facts)
    return "\n\n".join(part for part in (head, body) if part)


# --- reading an application's posting again ---------------------------------------------------

# The fields a posting fills, as a summary names them (the salary's three as one).
_FILLED = {
    "url": ("url",),
    "company": ("company",),
    "role": ("role",),
    "location": ("location",),
    "salary": ("salary_min", "salary_max", "salary_currency"),
    "deadline": ("deadline",),
}


@dataclass(frozen=True)
class Refetched:
    """An application after its posting was read again: the fields ``filled`` (empty
    before) and ``replaced`` (with --overwrite), as a summary names them, and whether the
    kept posting changed."""

    application: Application
    captured: Captured
    filled: tuple[str, ...]
    replaced: tuple[str, ...]
    posting_changed: bool

    @property
    def summary(self) -> str:
        """ "filled location, salary; posting kept (2,345 characters)", or "nothing new"."""
        parts = []
        if self.filled:
            parts.append(f"filled {', '.join(self.filled)}")
        if self.replaced:
            parts.append(f"replaced {', '.join(self.replaced)}")
        if self.posting_changed:
            size = len(self.application.description)
            parts.append(f"posting kept ({size:,} character{'' if size == 1 else 's'})")
        return "; ".join(parts) or "nothing new"


def posting_url(app: Application) -> str:
    """The URL an application's posting is read from. Raises :class:`NoUrl`."""
    url = app.url.strip()
    if not url:
        raise NoUrl(
            f"{app.label} has no url to read the posting from "
            f"(jobtui set {app.id[:8]} url=URL gives it one)"
        )
    return url


def refetch(
    store: Store,
    app_id: str,
    *,
    now: datetime,
    bases: AtsBases | None = None,
    overwrite: bool = False,
) -> Refetched:
    """Read the posting of an application (any unique id prefix) again from its URL and
    save what it says (see :func:`apply_posting`). Raises :class:`NoUrl` or
    :class:`CaptureError`, having saved nothing."""
    url = posting_url(_application(store, app_id))
    posting = read_posting_at(url, bases=bases)
    return apply_posting(store, app_id, posting, now=now, overwrite=overwrite)


def apply_posting(
    store: Store, app_id: str, posting: Posting, *, now: datetime, overwrite: bool = False
) -> Refetched:
    """Fill an application (any unique id prefix, as stored now) from ``posting``: the
    empty fields, or all with ``overwrite``; the kept posting and when it was fetched always.
    One save; a value the application cannot hold (ValidationError) saves nothing."""
    app = _application(store, app_id)
    before = {shown: _values(app, names) for shown, names in _FILLED.items()}
    old_text = app.description
    captured = fill_from_posting(app, posting, now=now, overwrite=overwrite)
    store.save(app)
    filled, replaced = [], []
    for shown, names in _FILLED.items():
        changed = [
            was for name, was in zip(names, before[shown], strict=True) if getattr(app, name) != was
        ]
        if changed:
            (replaced if any(was not in ("", None) for was in changed) else filled).append(shown)
    return Refetched(app, captured, tuple(filled), tuple(replaced), app.description != old_text)


def _values(app: Application, names: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(app, name) for name in names)


def _application(store: Store, app_id: str) -> Application:
    app = store.resolve(app_id, kinds=(Application,))
    assert isinstance(app, Application)
    return app
