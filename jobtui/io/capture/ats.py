"""Reading a job posting from the public job APIs of applicant-tracking systems (Greenhouse,
Lever, Ashby) when its URL is one of theirs.

No network here: the caller passes ``get_json`` (the fetcher's), so these are pure functions over
a URL and the API's JSON. A field of an unexpected type is skipped, never a crash.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from jobtui.config import CaptureSettings
from jobtui.io.capture.posting import Posting, html_to_markdown

GREENHOUSE = "greenhouse"
LEVER = "lever"
ASHBY = "ashby"


class AtsError(ValueError):
    """An applicant-tracking system's answer holds no usable posting; the message names the
    system and the reason."""


_DEFAULTS = CaptureSettings()


@dataclass(frozen=True)
class AtsBases:
    """The public APIs' base URLs (no trailing slash needed): a setting, and tests point them at
    a local server. Lever's EU instance has its own."""

    # The defaults are [capture]'s (jobtui.config.CaptureSettings): written once, there.
    greenhouse: str = _DEFAULTS.greenhouse_api
    lever: str = _DEFAULTS.lever_api
    lever_eu: str = _DEFAULTS.lever_eu_api
    ashby: str = _DEFAULTS.ashby_api


@dataclass(frozen=True)
class _JobRef:
    """Where a job lives in its system: the board (company) and the job's id."""

    system: str
    board: str
    job_id: str
    eu: bool = False


_GREENHOUSE_HOSTS = frozenset({"boards.greenhouse.io", "job-boards.greenhouse.io"})
_LEVER_HOSTS = {"jobs.lever.co": False, "jobs.eu.lever.co": True}
_ASHBY_HOSTS = frozenset({"jobs.ashbyhq.com"})

_BOARD = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")
_DIGITS = re.compile(r"[0-9]+\Z")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def _job_ref(url: str) -> _JobRef | None:
    """The system, board and job id a job URL names, or None when it is no ATS job URL."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    if host in _GREENHOUSE_HOSTS:
        return _greenhouse_ref(segments, query)
    if host in _LEVER_HOSTS:
        if len(segments) >= 2 and _BOARD.match(segments[0]) and _UUID.match(segments[1]):
            return _JobRef(LEVER, segments[0], segments[1].lower(), eu=_LEVER_HOSTS[host])
        return None
    if host in _ASHBY_HOSTS:
        if len(segments) >= 2 and segments[0].strip() and _UUID.match(segments[1]):
            return _JobRef(ASHBY, segments[0], segments[1].lower())
        return None
    # A company's own careers page embedding a Greenhouse board: ?gh_jid=ID, the board in for=.
    return _greenhouse_embed_ref(query)


def _greenhouse_ref(segments: list[str], query: dict[str, list[str]]) -> _JobRef | None:
    """boards.greenhouse.io/{board}/jobs/{id}, or the embed page's ?for=board&token=id."""
    if len(segments) >= 3 and segments[1] == "jobs":
        board, job_id = segments[0], segments[2]
        if _BOARD.match(board) and _DIGITS.match(job_id) and board != "embed":
            return _JobRef(GREENHOUSE, board, job_id)
        return None
    if segments and segments[0] == "embed":
        board = _first(query, "for")
        job_id = _first(query, "token") or _first(query, "gh_jid")
        if _BOARD.match(board) and _DIGITS.match(job_id):
            return _JobRef(GREENHOUSE, board, job_id)
        return None
    if len(segments) == 1 and _BOARD.match(segments[0]) and "for" not in query:
        # The board's own page opened on one job: boards.greenhouse.io/{board}?gh_jid={id}
        query = {**query, "for": [segments[0]]}
    return _greenhouse_embed_ref(query)


def _greenhouse_embed_ref(query: dict[str, list[str]]) -> _JobRef | None:
    board, job_id = _first(query, "for"), _first(query, "gh_jid")
    if _BOARD.match(board) and _DIGITS.match(job_id):
        return _JobRef(GREENHOUSE, board, job_id)
    return None


def _first(query: dict[str, list[str]], key: str) -> str:
    values = query.get(key) or [""]
    return values[0].strip()


def ats_api_url(url: str, bases: AtsBases = AtsBases()) -> tuple[str, str] | None:
    """(system name, public API URL) for a Greenhouse, Lever or Ashby job URL; None for any
    other URL. Ashby's API returns the whole board: ``posting_from_ats`` picks the job."""
    ref = _job_ref(url)
    if ref is None:
        return None
    board = quote(ref.board, safe="")
    if ref.system == GREENHOUSE:
        base = bases.greenhouse.rstrip("/")
        return GREENHOUSE, f"{base}/v1/boards/{board}/jobs/{ref.job_id}?questions=false"
    if ref.system == LEVER:
        base = (bases.lever_eu if ref.eu else bases.lever).rstrip("/")
        return LEVER, f"{base}/v0/postings/{board}/{ref.job_id}"
    base = bases.ashby.rstrip("/")
    return ASHBY, f"{base}/posting-api/job-board/{board}?includeCompensation=true"


def posting_from_ats(system: str, url: str, data: Any) -> Posting:
    """The posting in one system's API answer ``data`` (parsed JSON) for the job at ``url``.
    Raises AtsError when the answer holds no such job."""
    ref = _job_ref(url)
    if ref is None or ref.system != system:
        raise AtsError(f"{system}: {url} is not a {system} job URL")
    if not isinstance(data, dict):
        raise AtsError(f"{system}: the answer is not a JSON object")
    if system == GREENHOUSE:
        return _from_greenhouse(ref, url, data)
    if system == LEVER:
        return _from_lever(ref, url, data)
    return _from_ashby(ref, url, data)


def read_from_ats(
    url: str, get_json: Callable[[str], Any], bases: AtsBases = AtsBases()
) -> Posting | None:
    """The posting at ``url`` read through its system's public API (``get_json`` fetches and
    parses one URL); None when the URL is not an ATS job URL. Errors of ``get_json`` pass
    through; an answer without the job raises AtsError."""
    found = ats_api_url(url, bases)
    if found is None:
        return None
    system, api_url = found
    return posting_from_ats(system, url, get_json(api_url))


# --- Greenhouse -------------------------------------------------------------------------------


def _from_greenhouse(ref: _JobRef, url: str, data: dict[str, Any]) -> Posting:
    title = _text(data, "title")
    if not title:
        raise AtsError(f"greenhouse: no job {ref.job_id} on the board {ref.board}{_said(data)}")
    content = _text(data, "content")
    return Posting(
        url=url,
        role=title,
        company=_text(data, "company_name") or _name_from_slug(ref.board),
        location=_text(_mapping(data, "location"), "name"),
        date_posted=_iso_date(data, "first_published") or _iso_date(data, "updated_at"),
        # Greenhouse sends the description's HTML entity-escaped ("&lt;p&gt;").
        description=html_to_markdown(html.unescape(content)) if content else "",
        source=GREENHOUSE,
    )


# --- Lever ------------------------------------------------------------------------------------

_LEVER_INTERVALS = {
    "per-year-salary": "YEAR",
    "per-month-salary": "MONTH",
    "per-week-salary": "WEEK",
    "per-day-wage": "DAY",
    "per-hour-wage": "HOUR",
}


def _from_lever(ref: _JobRef, url: str, data: dict[str, Any]) -> Posting:
    title = _text(data, "text")
    if not title:
        raise AtsError(f"lever: no posting {ref.job_id} for {ref.board}{_said(data)}")
    categories = _mapping(data, "categories")
    location = _text(categories, "location")
    if not location:
        location = "; ".join(_texts(categories, "allLocations"))
    if _text(data, "workplaceType").lower() == "remote":
        location = _remote(location)
    salary = _mapping(data, "salaryRange")
    interval = _text(salary, "interval")
    low, high = _number(salary, "min"), _number(salary, "max")
    has_salary = low is not None or high is not None
    return Posting(
        url=url,
        role=title,
        company=_name_from_slug(ref.board),
        location=location,
        salary_min=low,
        salary_max=high,
        salary_currency=_text(salary, "currency").upper() if has_salary else "",
        salary_unit=_LEVER_INTERVALS.get(interval, interval) if has_salary else "",
        date_posted=_epoch_ms_date(data.get("createdAt")),
        employment_type=_employment_type(_text(categories, "commitment")),
        description=_lever_description(data),
        source=LEVER,
    )


def _lever_description(data: dict[str, Any]) -> str:
    """The HTML description, each list under its heading, then the closing text, as Markdown;
    the plain-text description when there is no HTML."""
    parts = [_text(data, "description")]
    lists = data.get("lists")
    for item in lists if isinstance(lists, list) else []:
        if not isinstance(item, dict):
            continue
        heading, content = _text(item, "text"), _text(item, "content")
        if heading:
            parts.append(f"<h3>{html.escape(heading)}</h3>")
        if content:
            parts.append(content if content.lstrip().startswith("<ul") else f"<ul>{content}</ul>")
    parts.append(_text(data, "additional"))
    markup = "\n".join(p for p in parts if p)
    if markup:
        return html_to_markdown(markup)
    plain = [_text(data, "descriptionPlain"), _text(data, "additionalPlain")]
    return "\n\n".join(p for p in plain if p)


# --- Ashby ------------------------------------------------------------------------------------


def _from_ashby(ref: _JobRef, url: str, data: dict[str, Any]) -> Posting:
    jobs = data.get("jobs")
    if not isinstance(jobs, list):
        raise AtsError(f"ashby: the board {ref.board} lists no jobs{_said(data)}")
    job = next(
        (j for j in jobs if isinstance(j, dict) and _text(j, "id").lower() == ref.job_id), None
    )
    if job is None:
        raise AtsError(f"ashby: no job {ref.job_id} on the board {ref.board}")
    title = _text(job, "title")
    if not title:
        raise AtsError(f"ashby: the job {ref.job_id} on the board {ref.board} has no title")
    location = _text(job, "location") or _text(job, "locationName")
    if job.get("isRemote") is True:
        location = _remote(location)
    compensation = _mapping(job, "compensation")
    low = high = None
    currency = unit = ""
    for part in _mappings(compensation, "summaryComponents"):
        if _text(part, "compensationType").lower() != "salary":
            continue
        low, high = _number(part, "minValue"), _number(part, "maxValue")
        if low is None and high is None:
            continue
        currency = _text(part, "currencyCode").upper()
        # "1 YEAR" -> "YEAR"
        unit = re.sub(r"^\d+\s+", "", _text(part, "interval")).upper()
        break
    description = _text(job, "descriptionHtml")
    markdown = html_to_markdown(description) if description else _text(job, "descriptionPlain")
    summary = _text(compensation, "compensationTierSummary")
    if summary and low is None and high is None:
        # No amounts to store: keep what the board says about pay with the posting.
        markdown = f"{markdown}\n\nCompensation: {summary}".strip()
    return Posting(
        url=url,
        role=title,
        company=_name_from_slug(ref.board),
        location=location,
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_unit=unit,
        date_posted=_iso_date(job, "publishedAt"),
        employment_type=_employment_type(_text(job, "employmentType")),
        description=markdown,
        source=ASHBY,
    )


# --- defensive readers ------------------------------------------------------------------------


def _text(data: dict[str, Any], key: str) -> str:
    """A string field, surrounding whitespace removed; "" when missing or not a string."""
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _texts(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _mappings(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _number(data: dict[str, Any], key: str) -> int | None:
    """A whole amount from a JSON number (a float is rounded); None for anything else."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return round(value)


def _iso_date(data: dict[str, Any], key: str) -> date | None:
    """The calendar date an ISO 8601 timestamp names, as written (its own offset)."""
    value = _text(data, key)
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def _epoch_ms_date(value: Any) -> date | None:
    """The UTC date of a timestamp in milliseconds since the epoch (Lever's createdAt)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return datetime.fromtimestamp(value / 1000, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


_EMPLOYMENT_TYPES = {
    "fulltime": "FULL_TIME",
    "parttime": "PART_TIME",
    "contract": "CONTRACTOR",
    "contractor": "CONTRACTOR",
    "intern": "INTERN",
    "internship": "INTERN",
    "temporary": "TEMPORARY",
    "temp": "TEMPORARY",
}


def _employment_type(text: str) -> str:
    """schema.org's employmentType for the usual words ("Full-time", "FullTime"); other text
    as given."""
    key = re.sub(r"[^a-z]", "", text.lower())
    return _EMPLOYMENT_TYPES.get(key, text)


def _remote(location: str) -> str:
    """A remote job's location: "Remote", unless the posting's own words already say so
    ("Remote - Europe" keeps its region)."""
    return location if "remote" in location.lower() else "Remote"


def _name_from_slug(slug: str) -> str:
    """A company name from a board's slug when the API gives none: "acme-robotics" -> "Acme
    Robotics" (a guess the user can correct)."""
    words = re.split(r"[-_\s]+", slug.strip())
    return " ".join(w[:1].upper() + w[1:] for w in words if w)


def _said(data: dict[str, Any]) -> str:
    """What an API's error answer says, for the message (", it says: Job not found")."""
    for key in ("error", "message"):
        said = _text(data, key)
        if said:
            return f" (it says: {said[:200]})"
    return ""
