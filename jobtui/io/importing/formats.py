"""The file formats jobtui imports, and how a CSV file's header row is understood.

A CSV format is one :class:`CsvFormat` in :data:`CSV_FORMATS`: the headers that identify it
and what its columns mean when that differs from the shared :data:`HEADER_FIELDS`. A new
tracker's export usually needs only a new entry here (and its words in ``HEADER_FIELDS``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jobtui.core.model import Status

JSON_FORMAT = "jobtui-json"
GENERIC_CSV = "csv"
ICS_FORMAT = "ics"
"""Calendar invites: read by :mod:`.ics` into interviews (``jobtui.ops.invites``), not rows."""


def words(text: str) -> tuple[str, ...]:
    """ "a, b c, d" -> ("a", "b c", "d"): word tables written compactly."""
    return tuple(word.strip() for word in text.split(","))


def normalize_header(header: str) -> str:
    """ "Job Url", "job_url", "JOB-URL " -> "joburl"."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


@dataclass(frozen=True)
class CsvFormat:
    """One tracker's CSV export: how to recognise it and what is special about its columns."""

    name: str
    title: str
    matches: Callable[[set[str]], bool] | None = None
    """Given the normalized headers, is it this format? (None: the generic CSV, the fallback.)"""
    unmapped: frozenset[str] = frozenset()
    """Normalized headers that go into the notes although HEADER_FIELDS knows them."""
    default_status: Status | None = None
    """The status of a row with no status column."""
    source: str = ""
    """Where the rows came from, for a row that does not say."""
    date_order: str | None = None
    """ "mdy" or "dmy" for all-numeric dates; None: worked out per column."""


def _linkedin_applications(headers: set[str]) -> bool:
    return {"applicationdate", "companyname", "jobtitle", "joburl"} <= headers and bool(
        headers & {"resumename", "questionandanswers", "contactphonenumber"}
    )


# Checked in this order; the generic CSV last (it matches any file with a header row).
CSV_FORMATS: tuple[CsvFormat, ...] = (
    CsvFormat(
        "linkedin-applications",
        'LinkedIn "Job Applications.csv"',
        _linkedin_applications,
        # The contact columns hold the email and phone *you* gave in Easy Apply, not a
        # recruiter's: they stay in the notes rather than becoming a Contact.
        unmapped=frozenset({"contactemail", "contactphonenumber"}),
        source="LinkedIn",
        # LinkedIn writes US dates ("11/3/25, 2:15 PM").
        date_order="mdy",
    ),
    CsvFormat(
        "linkedin-saved",
        'LinkedIn "Saved Jobs.csv"',
        lambda h: {"saveddate", "joburl", "jobtitle", "companyname"} <= h,
        default_status=Status.WISHLIST,
        source="LinkedIn",
        date_order="mdy",
    ),
    CsvFormat("teal", "Teal CSV export", lambda h: {"companyname", "role", "statusname"} <= h),
    CsvFormat("huntr", "Huntr CSV export", lambda h: {"company", "jobtitle", "list"} <= h),
    CsvFormat(GENERIC_CSV, "CSV with a header row"),
)

_BY_NAME = {fmt.name: fmt for fmt in CSV_FORMATS}

FORMATS = (JSON_FORMAT, *_BY_NAME, ICS_FORMAT)

FORMAT_NAMES = {
    JSON_FORMAT: "jobtui JSON export",
    **{f.name: f.title for f in CSV_FORMATS},
    ICS_FORMAT: "calendar invites (.ics)",
}


def csv_format(name: str) -> CsvFormat:
    """The CSV format called ``name`` (one of :data:`FORMATS` other than the JSON export and
    the calendar invites)."""
    return _BY_NAME[name]


def format_from_headers(headers: Sequence[str]) -> str:
    """The name of the first CSV format whose headers these are ("csv" if none)."""
    normalized = {normalize_header(h) for h in headers}
    for fmt in CSV_FORMATS:
        if fmt.matches is not None and fmt.matches(normalized):
            return fmt.name
    return GENERIC_CSV


# Normalized header -> the field it fills. Shared by every CSV format.
HEADER_FIELDS: dict[str, str] = {
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
        words("applied, applicationdate, dateapplied, appliedon, appliedat, applieddate"),
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
    **dict.fromkeys(("jobdescription", "description", "postingtext"), "description"),
    **dict.fromkeys(("contact", "contactname", "recruiter", "recruitername"), "contact"),
    **dict.fromkeys(("contactemail", "recruiteremail", "email"), "contact_email"),
    **dict.fromkeys(
        ("contactphone", "contactphonenumber", "recruiterphone", "phone", "phonenumber"),
        "contact_phone",
    ),
    **dict.fromkeys(("followupat", "followup", "followupdate", "nextfollowup"), "follow_up"),
}

REQUIRED_HEADERS = {
    "company": "Company, Company Name, Employer or Organization",
    "role": "Role, Title, Job Title or Position",
}
