"""`jobtui add URL` and `add COMPANY ROLE --url URL --fetch` against a local web server:
what is added, what wins, and that a failure adds nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.hostile import HOSTILE_IDS, HOSTILE_TEXTS, looks_like
from tests.postings import page_with

POSTING = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Backend Engineer [b]Payments[/b]",
    "hiringOrganization": {"@type": "Organization", "name": "Acme & Söhne"},
    "jobLocation": {
        "@type": "Place",
        "address": {"addressLocality": "Berlin", "addressCountry": "Germany"},
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 70000, "maxValue": 85000},
    },
    "validThrough": "2026-12-15",
    "datePosted": "2026-11-20",
    "employmentType": "FULL_TIME",
    "description": "<h2>What you will do</h2><ul><li>Build the ledger</li><li>Run it</li></ul>",
}
# What is kept of it: the description, under what is stored nowhere else.
KEPT = "Full-time · posted Fri 20 Nov 2026\n\n## What you will do\n\n- Build the ledger\n- Run it"
DEADLINE = "2026-12-15T23:59:00+01:00"  # the posting's last day, to its end, in Berlin


PAGES = {
    "/job": page_with(POSTING),
    "/title-only": "<html><head><title>Data Engineer at Quiet Co</title></head></html>",
}


class Site(str):
    """A local web server's base URL; its ``pages`` (path -> HTML, or a dict answered as
    JSON) may change during a test, ``asked`` lists the paths requested."""

    pages: dict[str, str | dict]
    asked: list[str]


def _handler(site_pages: dict[str, str | dict], asked: list[str]) -> type:
    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            page = site_pages.get(self.path)
            if page is None:
                self.send_error(404, "Not Found")
                return
            is_json = isinstance(page, dict)
            body = (json.dumps(page) if is_json else page).encode("utf-8")
            self.send_response(200)
            kind = "application/json" if is_json else "text/html; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Pages


@pytest.fixture
def site(monkeypatch) -> Iterator[Site]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    pages: dict[str, str | dict] = dict(PAGES)
    asked: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(pages, asked))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    served = Site(f"http://127.0.0.1:{server.server_address[1]}")
    served.pages, served.asked = pages, asked
    try:
        yield served
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


def point_apis_at(site: Site, tmp_path) -> None:
    """A config.toml whose [capture] section sends every job API's requests to ``site``
    (the tests' JOBTUI_CONFIG_DIR is tmp_path/config)."""
    folder = tmp_path / "config"
    folder.mkdir(exist_ok=True)
    names = ("greenhouse_api", "lever_api", "lever_eu_api", "ashby_api")
    lines = "".join(f'{name} = "{site}"\n' for name in names)
    (folder / "config.toml").write_text("[capture]\n" + lines, encoding="utf-8")


def _shown(jobtui, app_id: str) -> dict:
    code, out, err = jobtui("show", app_id, "--json")
    assert code == 0, err
    return json.loads(out)


def test_add_url_reads_the_posting_and_keeps_it(jobtui, site, now):
    code, out, err = jobtui("add", f"{site}/job", "--tag", "python")
    assert code == 0 and err == "", err
    shown = _shown(jobtui, out.strip())
    assert (shown["company"], shown["role"]) == ("Acme & Söhne", "Backend Engineer [b]Payments[/b]")
    assert (shown["location"], shown["url"]) == ("Berlin, Germany", f"{site}/job")
    assert (shown["salary_min"], shown["salary_max"], shown["salary_currency"]) == (
        70000,
        85000,
        "EUR",
    )
    assert shown["description"] == KEPT and shown["deadline"] == DEADLINE
    assert shown["posting_fetched_at"] == now.isoformat() and shown["tags"] == ["python"]


def test_what_was_given_wins_over_what_was_read(jobtui, site):
    code, out, err = jobtui(
        "add",
        "Acme",
        "Platform Engineer",
        "--url",
        f"{site}/job",
        "--fetch",
        "--location",
        "Remote",
    )
    assert code == 0, err
    shown = _shown(jobtui, out.strip())
    assert (shown["company"], shown["role"], shown["location"]) == (
        "Acme",
        "Platform Engineer",
        "Remote",
    )
    assert shown["salary_min"] == 70000 and shown["description"] == KEPT


def test_a_page_with_only_a_title_is_added_with_a_warning_to_check(jobtui, site):
    code, out, err = jobtui("add", f"{site}/title-only")
    assert code == 0
    shown = _shown(jobtui, out.strip())
    assert (shown["company"], shown["role"]) == ("Quiet Co", "Data Engineer")
    assert err.startswith("jobtui: warning: only the page's title was found: check the company")


def test_a_failure_is_one_line_naming_the_url_and_adds_nothing(jobtui, site):
    code, out, err = jobtui("add", f"{site}/gone")
    assert (code, out) == (1, "")
    assert err == f"jobtui: {site}/gone: HTTP 404 Not Found\n"
    assert json.loads(jobtui("list", "--json")[1]) == []


def test_usage_of_add_with_a_url(jobtui, site):
    assert jobtui("add", "Acme")[0] == 2  # a company alone is not a URL
    code, _, err = jobtui("add", f"{site}/job", "--url", f"{site}/job")
    assert code == 2 and "give the URL once" in err
    code, _, err = jobtui("add", "Acme", "Dev", "--fetch")
    assert code == 2 and "--fetch reads the posting at --url" in err


GREENHOUSE_URL = "https://boards.greenhouse.io/northwind-labs/jobs/4012345"
GREENHOUSE_API = "/v1/boards/northwind-labs/jobs/4012345?questions=false"
GREENHOUSE_JOB = {
    "title": "Site Reliability Engineer",
    "company_name": "Northwind Labs",
    "location": {"name": "Hamburg"},
    "first_published": "2026-11-19T09:00:00-05:00",
    "content": "&lt;p&gt;Keep it &lt;b&gt;up&lt;/b&gt;&lt;/p&gt;",
}


def test_the_capture_settings_point_the_job_apis_at_another_server(jobtui, site, tmp_path, now):
    site.pages[GREENHOUSE_API] = GREENHOUSE_JOB
    point_apis_at(site, tmp_path)
    code, out, err = jobtui("add", GREENHOUSE_URL)
    assert (code, err) == (0, "")
    assert site.asked == [GREENHOUSE_API]  # the API, never the page
    shown = _shown(jobtui, out.strip())
    assert (shown["company"], shown["role"], shown["location"], shown["url"]) == (
        "Northwind Labs",
        "Site Reliability Engineer",
        "Hamburg",
        GREENHOUSE_URL,
    )
    assert shown["description"] == "posted Thu 19 Nov 2026\n\nKeep it **up**"
    assert (shown["deadline"], shown["posting_fetched_at"]) == (None, now.isoformat())


def test_a_bad_capture_setting_is_one_line_and_adds_nothing(jobtui, tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text('[capture]\nlever_api = "ftp://x"\n')
    code, out, err = jobtui("add", GREENHOUSE_URL)
    assert (code, out) == (1, "")
    assert "capture.lever_api must be an http(s) URL" in err and err.count("\n") == 1
    assert not (tmp_path / "data" / "jobtui.json").exists()


def test_no_fetch_adds_the_url_as_given_with_names_to_check(jobtui, site):
    code, out, err = jobtui("add", "https://www.acme.example/jobs/42?ref=x", "--no-fetch")
    assert code == 0
    app_id = out.strip()
    assert err == (
        "jobtui: warning: the page was not read: set the company (for now acme.example) and "
        f'the role, e.g. jobtui set {app_id[:8]} company="..." role="..."\n'
    )
    shown = _shown(jobtui, app_id)
    assert (shown["company"], shown["role"], shown["url"]) == (
        "acme.example",
        "(role to check)",
        "https://www.acme.example/jobs/42?ref=x",
    )
    assert (shown["description"], shown["posting_fetched_at"], shown["deadline"]) == (
        "",
        None,
        None,
    )
    # A job board's URL names the company in its path; and nothing is asked of a server.
    code, out, _ = jobtui("add", f"{site}/job", "--no-fetch", "--status", "wishlist")
    assert code == 0 and site.asked == []
    assert (_shown(jobtui, out.strip())["company"], _shown(jobtui, out.strip())["status"]) == (
        "127.0.0.1",
        "wishlist",
    )
    code, out, _ = jobtui("add", GREENHOUSE_URL, "--no-fetch")
    assert _shown(jobtui, out.strip())["company"] == "northwind-labs"


def test_no_fetch_keeps_a_board_name_from_the_url_on_one_line_without_controls(jobtui):
    url = "https://boards.greenhouse.io/%1b%5b2J%0a%5bbold%5d%20Acme/jobs/1"
    code, out, err = jobtui("add", url, "--no-fetch")
    assert code == 0, err
    company = _shown(jobtui, out.strip())["company"]
    assert company == "[2J [bold] Acme"
    assert len(err.strip().splitlines()) == 1


def test_fetch_and_no_fetch_together_are_a_usage_error(jobtui, site):
    code, out, err = jobtui("add", "Acme", "Dev", "--url", f"{site}/job", "--fetch", "--no-fetch")
    assert (code, out) == (2, "") and "give --fetch or --no-fetch, not both" in err
    assert site.asked == []


def _hostile_page(text: str) -> str:
    posting = {
        **POSTING,
        "title": f"Role {text}",
        "hiringOrganization": {"name": f"Co {text}"},
        "description": f"<p>About {text}</p>",
    }
    return page_with(posting)


def _clean(output: str) -> None:
    """No raw control character reaches the terminal."""
    assert not any(c in output for c in "\x1b\x07\x9b\u202e"), repr(output[:200])


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=HOSTILE_IDS)
def test_hostile_text_on_a_page_is_printed_as_text(jobtui, site, text):
    site.pages["/hostile"] = _hostile_page(text)
    code, out, err = jobtui("add", f"{site}/hostile")
    assert code == 0 and err == ""
    app_id = out.strip()
    shown = _shown(jobtui, app_id)
    assert shown["role"].startswith("Role ") and shown["company"].startswith("Co ")
    code, out, err = jobtui("show", app_id)
    assert code == 0
    _clean(out + err)
    assert f"Co {looks_like(text)}" in out and f"About {looks_like(text)}" in out
    # A page with only its title: the warning quotes the title's words, cleanly too.
    site.pages["/hostile-title"] = f"<html><head><title>Dev at {text}</title></head></html>"
    code, out, err = jobtui("add", f"{site}/hostile-title")
    assert code == 0 and "only the page's title was found" in err
    _clean(out + err)
