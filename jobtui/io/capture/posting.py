"""Reading a job posting from its page: schema.org JobPosting in JSON-LD, else OpenGraph and
<title>.

Pure functions over text (no network): the fetcher hands the page here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
