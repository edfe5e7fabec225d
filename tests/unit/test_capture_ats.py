"""Reading a posting through the public job APIs of Greenhouse, Lever and Ashby: which URLs are
theirs, which API URL each becomes, and what lands in the Posting from each system's JSON."""

from __future__ import annotations

import copy
import json
import threading
import urllib.request
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from jobtui.io.capture.ats import (
    AtsBases,
    AtsError,
    ats_api_url,
    posting_from_ats,
    read_from_ats,
)
from tests.hostile import HOSTILE_IDS, HOSTILE_TEXTS

DATA = Path(__file__).parent.parent / "data" / "postings"

GH_URL = "https://boards.greenhouse.io/northwind-labs/jobs/4012345"
GH_API = "https://boards-api.greenhouse.io/v1/boards/northwind-labs/jobs/4012345?questions=false"
LEVER_ID = "5ac21346-8e0c-4494-8e7a-3eb92ff77902"
LEVER_URL = f"https://jobs.lever.co/tulip-software/{LEVER_ID}"
LEVER_API = f"https://api.lever.co/v0/postings/tulip-software/{LEVER_ID}"
ASHBY_ID = "9d4e2b7a-51c3-4f8e-a0b6-2c7d9e8f1a23"
ASHBY_URL = f"https://jobs.ashbyhq.com/quillstack/{ASHBY_ID}"
ASHBY_API = "https://api.ashbyhq.com/posting-api/job-board/quillstack?includeCompensation=true"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


# --- which URLs are an ATS's ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (GH_URL, ("greenhouse", GH_API)),
        (GH_URL + "/", ("greenhouse", GH_API)),
        (GH_URL + "?utm_source=linkedin#apply", ("greenhouse", GH_API)),
        ("https://job-boards.greenhouse.io/northwind-labs/jobs/4012345", ("greenhouse", GH_API)),
        ("HTTPS://Boards.Greenhouse.IO/northwind-labs/jobs/4012345", ("greenhouse", GH_API)),
        (
            "https://boards.greenhouse.io/embed/job_app?for=northwind-labs&token=4012345",
            ("greenhouse", GH_API),
        ),
        (
            "https://careers.northwind.example/jobs?gh_jid=4012345&for=northwind-labs",
            ("greenhouse", GH_API),
        ),
        ("https://boards.greenhouse.io/northwind-labs?gh_jid=4012345", ("greenhouse", GH_API)),
        (LEVER_URL, ("lever", LEVER_API)),
        (LEVER_URL + "/", ("lever", LEVER_API)),
        (LEVER_URL + "/apply?lever-source=LinkedIn", ("lever", LEVER_API)),
        (LEVER_URL.replace(LEVER_ID, LEVER_ID.upper()), ("lever", LEVER_API)),
        (
            f"https://jobs.eu.lever.co/tulip-software/{LEVER_ID}",
            ("lever", f"https://api.eu.lever.co/v0/postings/tulip-software/{LEVER_ID}"),
        ),
        (ASHBY_URL, ("ashby", ASHBY_API)),
        (ASHBY_URL + "/application?utm_source=x", ("ashby", ASHBY_API)),
        (
            f"https://jobs.ashbyhq.com/Quill%20Stack/{ASHBY_ID}",
            (
                "ashby",
                "https://api.ashbyhq.com/posting-api/job-board/Quill%20Stack"
                "?includeCompensation=true",
            ),
        ),
    ],
)
def test_job_urls_of_each_system_give_their_api_url(url, expected):
    assert ats_api_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://boards.greenhouse.io.evil.example/northwind-labs/jobs/4012345",
        "https://evilboards.greenhouse.io/northwind-labs/jobs/4012345",
        "https://greenhouse.io/northwind-labs/jobs/4012345",
        "https://boards.greenhouse.io@evil.example/northwind-labs/jobs/4012345",
        "https://evil.example/?next=https://boards.greenhouse.io/northwind-labs/jobs/4012345",
        "https://jobs.lever.co.evil.example/tulip-software/" + LEVER_ID,
        "https://notjobs.lever.co/tulip-software/" + LEVER_ID,
        "https://jobs.ashbyhq.com.evil.example/quillstack/" + ASHBY_ID,
        "ftp://boards.greenhouse.io/northwind-labs/jobs/4012345",
        "javascript:alert(1)//boards.greenhouse.io/a/jobs/1",
        # a board's front page, or an id of the wrong shape, is no job
        "https://boards.greenhouse.io/northwind-labs",
        "https://boards.greenhouse.io/northwind-labs/jobs/not-a-number",
        "https://jobs.lever.co/tulip-software",
        "https://jobs.lever.co/tulip-software/12345",
        "https://jobs.ashbyhq.com/quillstack",
        "https://jobs.ashbyhq.com/quillstack/not-a-uuid",
        # an embedded board without its board name cannot be asked
        "https://careers.northwind.example/jobs?gh_jid=4012345",
        "https://example.com/jobs/123",
        "",
        "not a url",
        "http://[::1",
    ],
)
def test_other_and_look_alike_urls_are_not_an_ats(url):
    assert ats_api_url(url) is None


def test_the_bases_point_the_api_urls_at_another_server():
    bases = AtsBases(
        greenhouse="http://127.0.0.1:8001",
        lever="http://127.0.0.1:8002/",
        lever_eu="http://127.0.0.1:8003",
        ashby="http://127.0.0.1:8004",
    )
    assert ats_api_url(GH_URL, bases) == (
        "greenhouse",
        "http://127.0.0.1:8001/v1/boards/northwind-labs/jobs/4012345?questions=false",
    )
    assert ats_api_url(LEVER_URL, bases) == (
        "lever",
        f"http://127.0.0.1:8002/v0/postings/tulip-software/{LEVER_ID}",
    )
    assert ats_api_url(f"https://jobs.eu.lever.co/tulip-software/{LEVER_ID}", bases) == (
        "lever",
        f"http://127.0.0.1:8003/v0/postings/tulip-software/{LEVER_ID}",
    )
    assert ats_api_url(ASHBY_URL, bases) == (
        "ashby",
        "http://127.0.0.1:8004/posting-api/job-board/quillstack?includeCompensation=true",
    )


def test_the_default_bases_are_the_public_apis():
    assert AtsBases() == AtsBases(
        greenhouse="https://boards-api.greenhouse.io",
        lever="https://api.lever.co",
        lever_eu="https://api.eu.lever.co",
        ashby="https://api.ashbyhq.com",
    )


# --- Greenhouse -------------------------------------------------------------------------------


def test_greenhouse_job_maps_each_field():
    posting = posting_from_ats("greenhouse", GH_URL, load("greenhouse_job.json"))
    assert posting.url == GH_URL
    assert posting.source == "greenhouse"
    assert posting.role == "Senior Backend Engineer"
    assert posting.company == "Northwind Labs"
    assert posting.location == "Berlin, Germany"
    assert posting.date_posted == date(2026, 11, 2)  # first_published, not updated_at
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (None, None, "")
    assert posting.needs_check is False
    # entity-escaped HTML: unescaped once, then Markdown; "&amp;amp;" was a literal "&amp;"
    assert posting.description == (
        "## About the role\n\n"
        "You will build the **billing** services & APIs. "
        "See [our team](https://northwind.example/team).\n\n"
        "- Python and PostgreSQL\n"
        "- On call one week in six"
    )


def test_greenhouse_without_company_name_takes_the_board_title_cased_and_updated_date():
    data = load("greenhouse_job.json")
    del data["company_name"], data["first_published"]
    posting = posting_from_ats("greenhouse", GH_URL, data)
    assert posting.company == "Northwind Labs"  # from "northwind-labs"
    assert posting.date_posted == date(2026, 11, 20)


def test_greenhouse_wrong_typed_fields_are_skipped():
    data = load("greenhouse_job.json")
    data.update(
        company_name=42,
        location="Berlin",  # a string, not {"name": ...}
        content=["<p>x</p>"],
        first_published="last week",
        updated_at=None,
    )
    posting = posting_from_ats("greenhouse", GH_URL, data)
    assert posting.role == "Senior Backend Engineer"
    assert posting.company == "Northwind Labs"
    assert (posting.location, posting.description, posting.date_posted) == ("", "", None)


def test_greenhouse_error_answer_names_the_system_and_the_reason():
    with pytest.raises(AtsError, match=r"^greenhouse: no job 4012345 .*Job not found"):
        posting_from_ats("greenhouse", GH_URL, {"status": 404, "error": "Job not found"})


# --- Lever ------------------------------------------------------------------------------------


def test_lever_posting_maps_each_field():
    posting = posting_from_ats("lever", LEVER_URL, load("lever_posting.json"))
    assert posting.source == "lever"
    assert posting.role == "Product Designer"
    assert posting.company == "Tulip Software"  # the URL's company slug
    assert posting.location == "Amsterdam, Netherlands"
    assert (posting.salary_min, posting.salary_max) == (65000, 80000)
    assert (posting.salary_currency, posting.salary_unit) == ("EUR", "YEAR")
    assert posting.date_posted == date(2026, 11, 24)  # createdAt 1795521600000 ms, UTC
    assert posting.employment_type == "FULL_TIME"
    # the description, each list under its heading, then the closing text
    assert posting.description == (
        "Shape how **small teams** plan their week. Read [our blog](https://tulip.example/blog).\n\n"
        "### What you will do\n\n"
        "- Run user interviews\n"
        "- Own the design system\n\n"
        "### Tools & habits\n\n"
        "- Figma\n\n"
        "We answer every application within two weeks."
    )


def test_lever_remote_all_locations_and_plain_description():
    data = load("lever_posting.json")
    data["workplaceType"] = "remote"
    assert posting_from_ats("lever", LEVER_URL, data).location == "Remote"
    data["categories"]["location"] = "Remote - EMEA"
    assert posting_from_ats("lever", LEVER_URL, data).location == "Remote - EMEA"

    data = load("lever_posting.json")
    del data["categories"]["location"]
    for key in ("description", "lists", "additional"):
        del data[key]
    posting = posting_from_ats("lever", LEVER_URL, data)
    assert posting.location == "Amsterdam, Netherlands; Rotterdam, Netherlands"
    assert posting.description == (
        "Shape how small teams plan their week.\n\nWe answer every application within two weeks."
    )


def test_lever_other_intervals_and_commitments_as_given():
    data = load("lever_posting.json")
    data["salaryRange"] = {"currency": "usd", "interval": "per-hour-wage", "min": 40.4, "max": 55}
    data["categories"]["commitment"] = "Werkstudent"
    posting = posting_from_ats("lever", LEVER_URL, data)
    assert (posting.salary_min, posting.salary_max) == (40, 55)
    assert (posting.salary_currency, posting.salary_unit) == ("USD", "HOUR")
    assert posting.employment_type == "Werkstudent"


def test_lever_wrong_typed_fields_are_skipped():
    data = load("lever_posting.json")
    data.update(
        categories=["Amsterdam"],
        salaryRange={"currency": 978, "interval": None, "min": "65000", "max": True},
        createdAt="2026-11-24",
        workplaceType=1,
        description=None,
        lists=[None, "x", {"text": 5, "content": ["<li>a</li>"]}],
        additional={"html": "<p>x</p>"},
    )
    posting = posting_from_ats("lever", LEVER_URL, data)
    assert posting.role == "Product Designer"
    assert (posting.location, posting.employment_type, posting.date_posted) == ("", "", None)
    assert (posting.salary_min, posting.salary_max) == (None, None)
    assert (posting.salary_currency, posting.salary_unit) == ("", "")
    assert posting.description == (
        "Shape how small teams plan their week.\n\nWe answer every application within two weeks."
    )


def test_lever_error_answer_names_the_system_and_the_reason():
    with pytest.raises(AtsError, match=r"^lever: no posting .*Document not found"):
        posting_from_ats("lever", LEVER_URL, {"ok": False, "error": "Document not found"})
    with pytest.raises(AtsError, match=r"^lever: the answer is not a JSON object"):
        posting_from_ats("lever", LEVER_URL, [load("lever_posting.json")])


# --- Ashby ------------------------------------------------------------------------------------


def test_ashby_picks_the_job_of_the_url_and_maps_each_field():
    posting = posting_from_ats("ashby", ASHBY_URL, load("ashby_board.json"))
    assert posting.source == "ashby"
    assert posting.role == "Staff Data Engineer"
    assert posting.company == "Quillstack"
    assert posting.location == "Remote - Europe"  # isRemote, and its own words say so
    assert (posting.salary_min, posting.salary_max) == (95000, 120000)
    assert (posting.salary_currency, posting.salary_unit) == ("EUR", "YEAR")
    assert posting.employment_type == "FULL_TIME"
    assert posting.date_posted == date(2026, 11, 18)
    assert posting.description == (
        "### What you will do\n\n"
        "- Design the event pipeline\n"
        "- Mentor two engineers\n\n"
        "Questions? [Write to us](mailto:jobs@quillstack.example)."
    )

    other = "https://jobs.ashbyhq.com/quillstack/1b7c0f0e-0000-4d2a-9c61-6f3e2a1b0c01"
    posting = posting_from_ats("ashby", other, load("ashby_board.json"))
    assert (posting.role, posting.location) == ("Support Specialist", "Lisbon")
    assert (posting.employment_type, posting.salary_min) == ("PART_TIME", None)
    assert posting.description == "Help our customers."


def test_ashby_remote_location_name_and_tier_summary_only():
    data = load("ashby_board.json")
    job = data["jobs"][1]
    del job["location"]
    job["locationName"] = "Berlin"
    job["compensation"]["summaryComponents"] = []
    del job["descriptionHtml"]
    posting = posting_from_ats("ashby", ASHBY_URL, data)
    assert posting.location == "Remote"
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == (None, None, "")
    # no amounts to store: what the board says about pay stays with the posting
    assert posting.description == (
        "What you will do\n- Design the event pipeline\n- Mentor two engineers\n\n"
        "Compensation: €95K – €120K • Offers Equity"
    )


def test_ashby_wrong_typed_fields_are_skipped():
    data = load("ashby_board.json")
    job = data["jobs"][1]
    job.update(
        location=["Berlin"],
        isRemote="yes",
        employmentType=7,
        publishedAt=1763485800,
        descriptionHtml={"p": "x"},
        compensation={"summaryComponents": [None, {"compensationType": "Salary", "minValue": "1"}]},
    )
    data["jobs"].insert(0, "not a job")
    posting = posting_from_ats("ashby", ASHBY_URL, data)
    assert posting.role == "Staff Data Engineer"
    assert (posting.location, posting.employment_type, posting.date_posted) == ("", "", None)
    assert (posting.salary_min, posting.salary_max, posting.salary_unit) == (None, None, "")
    assert posting.description.startswith("What you will do")


def test_ashby_missing_job_names_the_system_and_the_reason():
    other = "https://jobs.ashbyhq.com/quillstack/00000000-0000-4000-8000-000000000000"
    with pytest.raises(AtsError, match=r"^ashby: no job 00000000-.* on the board quillstack$"):
        posting_from_ats("ashby", other, load("ashby_board.json"))
    with pytest.raises(AtsError, match=r"^ashby: the board quillstack lists no jobs"):
        posting_from_ats("ashby", ASHBY_URL, {"apiVersion": "1"})


def test_a_url_of_another_system_is_refused():
    with pytest.raises(AtsError, match=r"^lever: .* is not a lever job URL"):
        posting_from_ats("lever", GH_URL, load("lever_posting.json"))


# --- hostile text -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=HOSTILE_IDS)
def test_hostile_titles_are_kept_exactly(text):
    greenhouse = load("greenhouse_job.json")
    greenhouse["title"] = text
    greenhouse["company_name"] = text
    lever = load("lever_posting.json")
    lever["text"] = text
    ashby = load("ashby_board.json")
    ashby["jobs"][1]["title"] = text
    for system, url, data in [
        ("greenhouse", GH_URL, greenhouse),
        ("lever", LEVER_URL, lever),
        ("ashby", ASHBY_URL, ashby),
    ]:
        assert posting_from_ats(system, url, data).role == text
    assert posting_from_ats("greenhouse", GH_URL, greenhouse).company == text


# --- reading through get_json -----------------------------------------------------------------


def test_read_from_ats_asks_the_api_url_once():
    asked: list[str] = []

    def get_json(url: str) -> Any:
        asked.append(url)
        return load("lever_posting.json")

    posting = read_from_ats(LEVER_URL + "?lever-source=x", get_json)
    assert asked == [LEVER_API]
    assert posting is not None and posting.role == "Product Designer"
    assert posting.url == LEVER_URL + "?lever-source=x"


def test_read_from_ats_leaves_other_urls_alone():
    def get_json(url: str) -> Any:
        raise AssertionError(f"asked {url}")

    assert read_from_ats("https://careers.example.com/jobs/1", get_json) is None


def test_read_from_ats_passes_get_json_errors_through():
    def get_json(url: str) -> Any:
        raise OSError("no network")

    with pytest.raises(OSError, match="no network"):
        read_from_ats(GH_URL, get_json)


class _Api(BaseHTTPRequestHandler):
    """A local stand-in for the three APIs, answering from the fixtures."""

    answers: dict[str, Any] = {}

    def do_GET(self) -> None:
        answer = self.answers.get(self.path)
        body = json.dumps(answer if answer is not None else {"error": "Not found"}).encode()
        self.send_response(200 if answer is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def local_api():
    _Api.answers = {
        "/v1/boards/northwind-labs/jobs/4012345?questions=false": load("greenhouse_job.json"),
        f"/v0/postings/tulip-software/{LEVER_ID}": load("lever_posting.json"),
        "/posting-api/job-board/quillstack?includeCompensation=true": load("ashby_board.json"),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield AtsBases(greenhouse=base, lever=base, lever_eu=base, ashby=base)
    finally:
        server.shutdown()
        server.server_close()


def _get_json(url: str) -> Any:
    # No proxy: the server is this machine's, whatever the environment says.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=5) as response:
        return json.load(response)


def test_each_system_read_from_a_local_server(local_api):
    greenhouse = read_from_ats(GH_URL, _get_json, local_api)
    lever = read_from_ats(
        f"https://jobs.eu.lever.co/tulip-software/{LEVER_ID}", _get_json, local_api
    )
    ashby = read_from_ats(ASHBY_URL, _get_json, local_api)
    assert greenhouse == posting_from_ats("greenhouse", GH_URL, load("greenhouse_job.json"))
    assert lever is not None and (lever.role, lever.salary_max) == ("Product Designer", 80000)
    assert ashby is not None and (ashby.role, ashby.source) == ("Staff Data Engineer", "ashby")


def test_fixtures_are_not_changed_by_reading():
    data = load("ashby_board.json")
    before = copy.deepcopy(data)
    posting_from_ats("ashby", ASHBY_URL, data)
    assert data == before
