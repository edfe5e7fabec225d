"""Reading a job posting from its page: schema.org JobPosting in JSON-LD, else OpenGraph and
<title>.

Pure functions over text (no network): the fetcher hands the page here.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from html import unescape
from html.parser import HTMLParser

from markdownify import markdownify


@dataclass(frozen=True)
class Posting:
    """What a job posting says, as read from its page or an applicant-tracking system's API."""

    url: str
    role: str = ""
    company: str = ""
    location: str = ""  # "Berlin, Germany"; "Remote" for TELECOMMUTE
    salary_min: int | None = None
    salary_max: int | None = None
    salary_currency: str = ""
    salary_unit: str = ""  # "YEAR", "MONTH", "HOUR" as given
    deadline: date | None = None  # validThrough
    date_posted: date | None = None
    employment_type: str = ""  # "FULL_TIME" ...
    description: str = ""  # Markdown
    source: str = ""  # "json-ld", "greenhouse", "lever", "ashby", "page title"
    needs_check: bool = False  # True when only the title/OpenGraph was found


_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML fragment: ATX headings, "-" bullets, no scripts or styles,
    no trailing spaces, at most one blank line in a row."""
    if not html or not html.strip():
        return ""
    text = markdownify(html, heading_style="ATX", bullets="-")  # scripts, styles: dropped
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


class NoPosting(ValueError):
    """The page holds no job posting (no JSON-LD JobPosting, no title)."""


def read_posting(html: str, url: str) -> Posting:
    """The posting a page describes: its schema.org JobPosting in JSON-LD when there is one
    (source "json-ld"), else its OpenGraph tags and <title> (source "page title", to be checked).
    Raises NoPosting when there is neither."""
    page = _PageReader()
    page.feed(html or "")
    page.close()
    for block in page.json_ld:
        data = _load_json(block)
        if data is None:
            continue
        job = next(_job_postings(data), None)
        if job is not None:
            return _completed(_from_job_posting(job, url), page)
    return _from_page_title(page, url)


def _completed(posting: Posting, page: _PageReader) -> Posting:
    """A JobPosting without its title or company, completed from the page's title (then to be
    checked)."""
    if posting.role and posting.company:
        return posting
    role, company = _title_guess(page)
    return replace(
        posting, role=posting.role or role, company=posting.company or company, needs_check=True
    )


# -- the page's tags ---------------------------------------------------------------------------


class _PageReader(HTMLParser):
    """The JSON-LD blocks, the <meta> tags and the first <title> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.json_ld: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: str | None = None
        self._script: list[str] | None = None
        self._title: list[str] | None = None
        self._svg = 0  # inside <svg>, a <title> names a picture, not the page

    def close(self) -> None:
        if self._script is not None:  # the parser holds an unclosed script's text back
            self._script.append(self.rawdata)
        super().close()
        self.handle_endtag("script")  # a page cut short: what it held so far
        self.handle_endtag("title")

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:  # "<![bogus": skipped like a comment, not the end of reading
            end = self.rawdata.find(">", i + 3)
            return len(self.rawdata) if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {key.lower(): value or "" for key, value in attrs}
        if tag == "script":
            kind = named.get("type", "").split(";")[0].strip().lower()
            self._script = [] if kind == "application/ld+json" else None
        elif tag == "meta":
            key = (named.get("property") or named.get("name") or "").strip().lower()
            if key and "content" in named:
                self.meta.setdefault(key, named["content"])
        elif tag == "svg":
            self._svg += 1
        elif tag == "title" and not self._svg and self.title is None and self._title is None:
            self._title = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg = max(0, self._svg - 1)
        elif tag == "script" and self._script is not None:
            self.json_ld.append("".join(self._script))
            self._script = None
        elif tag == "title" and self._title is not None:
            self.title = "".join(self._title)
            self._title = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._title is not None:
            self._title.append(data)


# -- JSON-LD -----------------------------------------------------------------------------------

_WRAPPERS = ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>")


def _load_json(block: str) -> object | None:
    """A JSON-LD block's data, or None when it is not JSON (HTML-comment and CDATA wrappers
    around it are allowed; so are raw control characters inside its strings)."""
    text = block.strip()
    changed = True
    while changed:
        changed = False
        for wrapper in _WRAPPERS:
            if text.startswith(wrapper):
                text, changed = text[len(wrapper) :].strip(), True
            if text.endswith(wrapper):
                text, changed = text[: -len(wrapper)].strip(), True
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _is_job_posting(node: dict) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(
        isinstance(k, str) and k.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting"
        for k in kinds
    )


def _job_postings(data: object, depth: int = 0) -> Iterator[dict]:
    """Every JobPosting in JSON-LD data: at the top, in a list, in @graph, in mainEntity."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _job_postings(item, depth + 1)
    elif isinstance(data, dict):
        if _is_job_posting(data):
            yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"):
            if key in data:
                yield from _job_postings(data[key], depth + 1)


_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def _line(value: object, decode: bool = True) -> str:
    """A one-line field: entities decoded (unless the HTML parser did already), runs of
    whitespace made one space."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        value = str(value)
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", unescape(value) if decode else value).strip()


def _name(value: object) -> str:
    """A thing's name: the string itself, its "name", or the first of a list's."""
    if isinstance(value, list):
        names = (_name(item) for item in value if not isinstance(item, list))
        return next((name for name in names if name), "")
    if isinstance(value, dict):
        return _line(value.get("name"))
    return _line(value)


def _as_list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _place(place: object) -> str:
    """ "Locality, Region, Country" for a Place (or a PostalAddress, or a string)."""
    if isinstance(place, str):
        return _line(place)
    if not isinstance(place, dict):
        return ""
    address = place.get("address", place)
    if isinstance(address, list):
        address = address[0] if address else {}
    if isinstance(address, str):
        return _line(address)
    if not isinstance(address, dict):
        return ""
    parts: list[str] = []
    for key in ("addressLocality", "addressRegion", "addressCountry"):
        part = _name(address.get(key))
        if part and part.casefold() not in {p.casefold() for p in parts}:
            parts.append(part)
    return ", ".join(parts) or _name(place.get("name"))


def _location(job: dict) -> str:
    places: list[str] = []
    for place in map(_place, _as_list(job.get("jobLocation"))):
        if place and place not in places:
            places.append(place)
    where = "; ".join(places)
    kinds = [_line(k).upper() for k in _as_list(job.get("jobLocationType"))]
    if "TELECOMMUTE" not in kinds:
        return where
    if not where:
        names = [n for n in map(_name, _as_list(job.get("applicantLocationRequirements"))) if n]
        where = ", ".join(dict.fromkeys(names))
    return f"Remote ({where})" if where else "Remote"


def _number(value: object) -> int | None:
    """An amount as a whole number: 85000, 85000.0, "85,000"; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "").replace("_", "").strip())
        except ValueError:
            return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return round(value)
    return None


def _salary(job: dict) -> tuple[int | None, int | None, str, str]:
    amount = job.get("baseSalary")
    if isinstance(amount, list):
        amount = amount[0] if amount else None
    if not isinstance(amount, dict):
        low = _number(amount)
        return low, low, "", ""
    currency = _line(amount.get("currency")) or _line(job.get("salaryCurrency"))
    value = amount.get("value")
    unit = _line(amount.get("unitText"))
    if isinstance(value, dict):
        unit = _line(value.get("unitText")) or unit
        single = _number(value.get("value"))
        low, high = _number(value.get("minValue")), _number(value.get("maxValue"))
        if low is None and high is None:
            low = high = single
    else:
        low = high = _number(value)
    return low, high, currency, unit.upper()


def _date(value: object) -> date | None:
    text = _line(value)
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


_TAG = re.compile(r"<[A-Za-z!/]")


def _description(value: object, decode: bool = True) -> str:
    """The description as Markdown: HTML converted; HTML escaped twice unescaped once first;
    plain text kept as it is written, line by line."""
    if not isinstance(value, str) or not value.strip():
        return ""
    if not _TAG.search(value) and "&lt;" in value:
        value, decode = unescape(value), False
    if _TAG.search(value):
        return html_to_markdown(value)
    if decode:
        value = unescape(value)
    lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def _from_job_posting(job: dict, url: str) -> Posting:
    low, high, currency, unit = _salary(job)
    kinds = [_line(k) for k in _as_list(job.get("employmentType"))]
    return Posting(
        url=url,
        role=_line(job.get("title")) or _line(job.get("name")),
        company=_name(job.get("hiringOrganization")),
        location=_location(job),
        salary_min=low,
        salary_max=high,
        salary_currency=currency,
        salary_unit=unit,
        deadline=_date(job.get("validThrough")),
        date_posted=_date(job.get("datePosted")),
        employment_type=", ".join(k for k in kinds if k),
        description=_description(job.get("description")),
        source="json-ld",
    )


# -- OpenGraph and <title> ---------------------------------------------------------------------

_SEPARATORS = (" | ", " – ", " — ", " - ", " · ", " :: ")
_AT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_APPLY = re.compile(r"^(?:job application for|apply for|apply now:)\s+", re.IGNORECASE)


def _split_title(title: str, site: str) -> tuple[str, str]:
    """(role, company) from a page title such as "Role - Company", "Role at Company",
    "Role | Company", "Job Application for Role at Company"; the site's name, when known, is
    the company."""
    title = _APPLY.sub("", title) or title
    parts = [title]
    for separator in _SEPARATORS:
        if separator in title:
            parts = [p.strip() for p in title.split(separator) if p.strip()]
            break
    company = site
    if site and len(parts) > 1:
        rest = [p for p in parts if p.casefold() != site.casefold()]
        parts = rest or parts
    elif len(parts) > 1:
        company = parts[-1]
        parts = parts[:-1]
    role = parts[0]
    pieces = _AT.split(role, maxsplit=1) if not company else []
    if not company and len(pieces) == 2 and pieces[0] and pieces[1]:
        role, company = pieces
    elif company:
        found = list(_AT.finditer(role))
        if found and role[found[-1].end() :].strip().casefold() == company.casefold():
            role = role[: found[-1].start()]
    return role.strip(), company.strip()


def _title_guess(page: _PageReader) -> tuple[str, str]:
    """(role, company) as the page's OpenGraph tags and <title> suggest them."""
    title = _line(page.meta.get("og:title"), False) or _line(page.title, False)
    site = _line(page.meta.get("og:site_name"), False)
    return _split_title(title, site) if title else ("", site)


def _from_page_title(page: _PageReader, url: str) -> Posting:
    role, company = _title_guess(page)
    if not role:
        raise NoPosting("no job posting on the page (no JSON-LD JobPosting, no title)")
    described = page.meta.get("og:description") or page.meta.get("description") or ""
    return Posting(
        url=url,
        role=role,
        company=company,
        description=_line(described, False),
        source="page title",
        needs_check=True,
    )
