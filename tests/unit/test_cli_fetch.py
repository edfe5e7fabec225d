"""`jobtui fetch ID [--overwrite]`: an application's posting read again from its URL, against
a local web server; and `show` printing what was kept."""

from __future__ import annotations

import json

import pytest

from tests.hostile import HOSTILE_IDS, HOSTILE_TEXTS, looks_like
from tests.unit import test_cli_capture
from tests.unit.test_cli_capture import DEADLINE, KEPT, POSTING, page_with, point_apis_at

site = test_cli_capture.site  # the local web server, a fixture


def _shown(jobtui, app_id: str) -> dict:
    code, out, err = jobtui("show", app_id, "--json")
    assert code == 0, err
    return json.loads(out)


def _typed(jobtui, *args: str) -> str:
    code, out, err = jobtui("add", *args)
    assert code == 0, err
    return out.strip()


def test_fetch_fills_only_the_empty_fields(jobtui, site, now):
    app_id = _typed(
        jobtui, "Acme", "Platform Engineer", "--url", f"{site}/job", "--currency", "USD"
    )
    code, out, err = jobtui("fetch", app_id[:8])
    assert (code, err) == (0, "")
    assert out == (
        "Acme — Platform Engineer: filled location, salary, deadline; "
        f"posting kept ({len(KEPT):,} characters)\n"
    )
    shown = _shown(jobtui, app_id)
    assert (shown["company"], shown["role"], shown["location"], shown["url"]) == (
        "Acme",
        "Platform Engineer",
        "Berlin, Germany",
        f"{site}/job",
    )
    # The amounts were read; the currency typed stays (a salary's three are one "salary").
    assert (shown["salary_min"], shown["salary_max"], shown["salary_currency"]) == (
        70000,
        85000,
        "USD",
    )
    assert shown["description"] == KEPT and shown["deadline"] == DEADLINE
    assert shown["posting_fetched_at"] == now.isoformat()


def test_fetching_again_finds_nothing_new_then_what_changed(jobtui, site):
    app_id = _typed(jobtui, f"{site}/job")
    assert jobtui("fetch", app_id) == (
        0,
        "Acme & Söhne — Backend Engineer [b]Payments[/b]: nothing new\n",
        "",
    )
    site.pages["/job"] = page_with({**POSTING, "description": "<p>Now with <em>on-call</em></p>"})
    code, out, _ = jobtui("fetch", app_id)
    kept = "Full-time · posted Fri 20 Nov 2026\n\nNow with *on-call*"
    assert (code, out) == (
        0,
        f"Acme & Söhne — Backend Engineer [b]Payments[/b]: posting kept ({len(kept)} characters)\n",
    )
    assert _shown(jobtui, app_id)["description"] == kept


def test_overwrite_replaces_what_the_posting_says_otherwise(jobtui, site):
    app_id = _typed(
        jobtui,
        "Acme",
        "Dev",
        "--url",
        f"{site}/job",
        "--location",
        "Remote",
        "--salary-min",
        "60k",
    )
    jobtui("set", app_id, "deadline=2026-12-01 12:00", "notes=mine")
    code, out, err = jobtui("fetch", app_id, "--overwrite")
    assert (code, err) == (0, "")
    assert out == (
        "Acme & Söhne — Backend Engineer [b]Payments[/b]: replaced company, role, location, "
        f"salary, deadline; posting kept ({len(KEPT)} characters)\n"
    )
    shown = _shown(jobtui, app_id)
    assert (shown["company"], shown["role"], shown["location"]) == (
        "Acme & Söhne",
        "Backend Engineer [b]Payments[/b]",
        "Berlin, Germany",
    )
    assert (shown["salary_min"], shown["salary_max"], shown["salary_currency"]) == (
        70000,
        85000,
        "EUR",
    )
    assert (shown["deadline"], shown["notes"]) == (DEADLINE, "mine")  # notes: never a posting's


def test_without_overwrite_nothing_typed_is_replaced(jobtui, site):
    app_id = _typed(jobtui, "Acme", "Dev", "--url", f"{site}/job", "--location", "Remote")
    jobtui("set", app_id, "deadline=2026-12-01 12:00", "salary_max=90k")
    assert jobtui("fetch", app_id)[1] == f"Acme — Dev: posting kept ({len(KEPT)} characters)\n"
    shown = _shown(jobtui, app_id)
    assert (shown["location"], shown["salary_min"], shown["salary_max"]) == ("Remote", None, 90000)
    assert shown["deadline"] == "2026-12-01T12:00:00+01:00"


def test_a_page_that_lost_its_posting_keeps_the_one_kept(jobtui, site, db_path):
    app_id = _typed(jobtui, f"{site}/job")
    site.pages["/job"] = "<html><head><title>Backend Engineer - Acme</title></head></html>"
    code, out, _ = jobtui("fetch", app_id)
    assert (code, out) == (0, "Acme & Söhne — Backend Engineer [b]Payments[/b]: nothing new\n")
    assert _shown(jobtui, app_id)["description"] == KEPT
    # With --overwrite, the title's guesses replace the names: a warning says to check them.
    code, out, err = jobtui("fetch", app_id, "--overwrite")
    assert (code, out) == (
        0,
        "Acme — Backend Engineer: replaced company, role\n",
    )
    assert err.startswith(
        "jobtui: warning: only the page's title was found: check the company (Acme)"
    )
    shown = _shown(jobtui, app_id)
    # Only what the page said replaces: location, salary and deadline it did not say stay.
    assert (shown["location"], shown["salary_min"], shown["description"]) == (
        "Berlin, Germany",
        70000,
        KEPT,
    )


@pytest.mark.parametrize("path", ["/gone", "/title-less"])
def test_a_failure_is_one_line_and_leaves_the_file_as_it_was(jobtui, site, db_path, path):
    app_id = _typed(jobtui, "Acme", "Dev", "--url", f"{site}{path}")
    site.pages["/title-less"] = "<html><body>nothing here</body></html>"
    before = db_path.read_bytes()
    code, out, err = jobtui("fetch", app_id, "--overwrite")
    assert (code, out) == (1, "")
    reason = {
        "/gone": "HTTP 404 Not Found",
        "/title-less": "no job posting on the page (no JSON-LD JobPosting, no title)",
    }[path]
    assert err == f"jobtui: {site}{path}: {reason}\n"
    assert db_path.read_bytes() == before


def test_an_application_without_a_url_says_so(jobtui, db_path):
    app_id = _typed(jobtui, "Acme", "Dev")
    before = db_path.read_bytes()
    code, out, err = jobtui("fetch", app_id)
    assert (code, out) == (1, "")
    assert err == (
        "jobtui: Acme — Dev has no url to read the posting from "
        f"(jobtui set {app_id[:8]} url=URL gives it one)\n"
    )
    assert db_path.read_bytes() == before


def test_fetch_names_what_it_cannot_find(jobtui, db_path):
    code, out, err = jobtui("fetch", "abc")
    assert (code, out) == (1, "") and "no database at" in err
    assert not db_path.exists()
    app_id = _typed(jobtui, "Acme", "Dev")
    jobtui("interview", app_id, "tomorrow 10am")
    code, _, err = jobtui("fetch", "zzz")
    assert code == 1 and err == 'jobtui: no application with an id starting "zzz"\n'
    interview_id = json.loads(jobtui("show", app_id, "--json")[1])["interviews"][0]["id"]
    code, _, err = jobtui("fetch", interview_id)
    assert code == 1 and "no application with an id starting" in err


LEVER_ID = "5ac21346-8e0c-4494-8e7a-3eb92ff77902"
LEVER_URL = f"https://jobs.eu.lever.co/tulip-software/{LEVER_ID}"
LEVER_POSTING = {
    "id": LEVER_ID,
    "text": "Product Designer",
    "categories": {"location": "Amsterdam", "commitment": "Full-time"},
    "descriptionPlain": "Design things.",
    "description": "<div>Design things.</div>",
}


def test_fetch_reads_a_job_api_where_the_capture_settings_say(jobtui, site, tmp_path):
    site.pages[f"/v0/postings/tulip-software/{LEVER_ID}"] = LEVER_POSTING
    point_apis_at(site, tmp_path)
    app_id = _typed(jobtui, "Tulip", "Designer", "--url", LEVER_URL)
    code, out, err = jobtui("fetch", app_id)
    assert (code, err) == (0, "")
    assert out.startswith("Tulip — Designer: filled location; posting kept")
    assert site.asked == [f"/v0/postings/tulip-software/{LEVER_ID}"]
    shown = _shown(jobtui, app_id)
    assert (shown["location"], shown["url"]) == ("Amsterdam", LEVER_URL)
    assert shown["description"].endswith("Design things.")


def test_show_prints_the_deadline_and_the_posting(jobtui, site):
    app_id = _typed(jobtui, f"{site}/job")
    code, out, _ = jobtui("show", app_id)
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    assert "deadline             Tue 15 Dec 2026 23:59" in lines
    start = lines.index("    Full-time · posted Fri 20 Nov 2026")  # the posting, as written
    assert lines[start : start + 6] == [
        "    Full-time · posted Fri 20 Nov 2026",
        "",
        "    ## What you will do",
        "",
        "    - Build the ledger",
        "    - Run it",
    ]
    shown = _shown(jobtui, app_id)
    assert (shown["description"], shown["deadline"]) == (KEPT, DEADLINE)
    assert shown["posting_fetched_at"] == "2026-11-26T10:00:00+01:00"


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=HOSTILE_IDS)
def test_hostile_text_read_again_is_printed_as_text(jobtui, site, text):
    app_id = _typed(jobtui, f"{site}/job", "--no-fetch")
    site.pages["/job"] = page_with(
        {
            **POSTING,
            "title": f"Role {text}",
            "hiringOrganization": {"name": f"Co {text}"},
            "description": f"<p>About {text}</p>",
        }
    )
    code, out, err = jobtui("fetch", app_id, "--overwrite")
    assert (code, err) == (0, "")
    assert out.startswith(f"Co {looks_like(text)}") and "replaced company, role" in out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
    code, out, _ = jobtui("show", app_id)
    assert f"About {looks_like(text)}" in out
    assert not any(c in out for c in "\x1b\x07\x9b\u202e")
