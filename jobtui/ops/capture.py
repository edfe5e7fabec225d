"""Capturing a job from its URL: read the posting, fill in the application.

The posting is read through the public API of the applicant-tracking system when the URL is
one of theirs (Greenhouse, Lever, Ashby: no page needed), else from the page itself (JSON-LD,
else its title). What was read fills only the fields still empty, so whatever the user typed
or gave as an option wins. Any failure is one :class:`CaptureError` line naming the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jobtui.core.model import Application
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
    the posting's description and when it was fetched are always kept."""
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
    if posting.description:
        app.description = posting.description
        filled.append("description")
    app.posting_fetched_at = now
    return Captured(posting, tuple(filled))
