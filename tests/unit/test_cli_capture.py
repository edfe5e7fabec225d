"""`jobtui add URL` and `add COMPANY ROLE --url URL --fetch` against a local web server:
what is added, what wins, and that a failure adds nothing."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

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
    "description": "<h2>What you will do</h2><ul><li>Build the ledger</li><li>Run it</li></ul>",
}
PAGES = {
    "/job": "<html><head><script type='application/ld+json'>"
    + json.dumps(POSTING)
    + "</script></head><body>hi</body></html>",
    "/title-only": "<html><head><title>Data Engineer at Quiet Co</title></head></html>",
}


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        page = PAGES.get(self.path)
        if page is None:
            self.send_error(404, "Not Found")
            return
        body = page.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site(monkeypatch) -> Iterator[str]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


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
    assert shown["description"] == "## What you will do\n\n- Build the ledger\n- Run it"
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
    assert shown["salary_min"] == 70000 and shown["description"].startswith("## What you")


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
