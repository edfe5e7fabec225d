"""jobtui.ops.capture without a network: filling an application from a posting (the
deadline, what heads the kept description), the [capture] settings, names for a URL added
unread, and reading a posting again as one undoable change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from conftest import NOW
from dateutil import tz

from jobtui.config import CaptureSettings, Me
from jobtui.core import drafts
from jobtui.core.model import Application
from jobtui.db.store import Store
from jobtui.io.capture.ats import AtsBases
from jobtui.io.capture.posting import Posting
from jobtui.ops import capture
from jobtui.ops.messages import message_context

BERLIN = tz.gettz("Europe/Berlin")
POSTING = Posting(
    url="https://acme.example/jobs/1",
    role="Backend Engineer",
    company="Acme",
    location="Berlin",
    salary_min=70000,
    salary_max=85000,
    salary_currency="EUR",
    deadline=date(2026, 12, 15),
    date_posted=date(2026, 11, 20),
    employment_type="FULL_TIME",
    description="## About\n\nWe build ledgers.",
    source="json-ld",
)


@pytest.fixture
def store():
    with Store(None, clock=lambda: NOW) as store:
        yield store


def test_the_capture_settings_become_the_apis_bases():
    assert capture.ats_bases(CaptureSettings()) == AtsBases()
    settings = CaptureSettings(
        greenhouse_api="http://127.0.0.1:1",
        lever_api="http://127.0.0.1:2",
        lever_eu_api="http://127.0.0.1:3",
        ashby_api="http://127.0.0.1:4",
    )
    assert capture.ats_bases(settings) == AtsBases(
        greenhouse="http://127.0.0.1:1",
        lever="http://127.0.0.1:2",
        lever_eu="http://127.0.0.1:3",
        ashby="http://127.0.0.1:4",
    )


def test_the_posting_fills_an_empty_application_and_its_deadline_ends_that_day():
    app = Application(company="", role="")
    captured = capture.fill_from_posting(app, POSTING, now=NOW)
    assert captured.filled == (
        "url",
        "company",
        "role",
        "location",
        "salary_min",
        "salary_max",
        "salary_currency",
        "deadline",
        "description",
    )
    assert app.deadline == datetime(2026, 12, 15, 23, 59, tzinfo=BERLIN)
    assert app.description == "Full-time · posted Fri 20 Nov 2026\n\n## About\n\nWe build ledgers."
    assert app.posting_fetched_at == NOW
    # In summer, the end of the day is in summer time.
    summer = Application(company="A", role="B")
    capture.fill_from_posting(summer, replace(POSTING, deadline=date(2027, 7, 1)), now=NOW)
    assert summer.deadline is not None and summer.deadline.isoformat() == (
        "2027-07-01T23:59:00+02:00"
    )


def test_a_deadline_given_stays_unless_overwrite():
    given = datetime(2026, 12, 1, 12, 0, tzinfo=BERLIN)
    app = Application(company="A", role="B", deadline=given)
    assert "deadline" not in capture.fill_from_posting(app, POSTING, now=NOW).filled
    assert app.deadline == given
    capture.fill_from_posting(app, POSTING, now=NOW, overwrite=True)
    assert app.deadline == datetime(2026, 12, 15, 23, 59, tzinfo=BERLIN)


@pytest.mark.parametrize("day", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_deadline_in_a_year_jobtui_does_not_store_is_left_out(day):
    app = Application(company="A", role="B")
    captured = capture.fill_from_posting(app, replace(POSTING, deadline=day), now=NOW)
    assert app.deadline is None and "deadline" not in captured.filled
    app.validate()


@pytest.mark.parametrize(
    ("kind", "posted", "description", "kept"),
    [
        ("FULL_TIME", date(2026, 11, 20), "Hi", "Full-time · posted Fri 20 Nov 2026\n\nHi"),
        ("", date(2026, 11, 20), "Hi", "posted Fri 20 Nov 2026\n\nHi"),
        ("PART_TIME", None, "Hi", "Part-time\n\nHi"),
        ("FULL_TIME, CONTRACTOR", None, "", "Full-time · Contract"),
        ("Werkstudent", None, "Hi", "Werkstudent\n\nHi"),  # a kind of its own: as given
        ("OTHER", None, "Hi", "Hi"),  # says nothing
        # The description already says it: only the day it was posted is added.
        (
            "FULL_TIME",
            date(2026, 11, 20),
            "A full time role",
            "posted Fri 20 Nov 2026\n\nA full time role",
        ),
        ("FULL_TIME", None, "**Full-Time**, Berlin", "**Full-Time**, Berlin"),
        ("", None, "Hi", "Hi"),
        ("", None, "", ""),
    ],
)
def test_what_heads_the_kept_description(kind, posted, description, kept):
    posting = replace(POSTING, employment_type=kind, date_posted=posted, description=description)
    assert capture.posting_text(posting) == kept


def test_a_posting_without_a_description_keeps_the_one_there():
    app = Application(company="A", role="B", description="kept before")
    posting = replace(POSTING, description="", employment_type="", date_posted=None)
    assert "description" not in capture.fill_from_posting(app, posting, now=NOW).filled
    assert app.description == "kept before"


@pytest.mark.parametrize(
    ("url", "company"),
    [
        ("https://www.acme.example/jobs/42", "acme.example"),
        ("https://careers.acme.example/", "careers.acme.example"),
        ("https://ACME.example:8443/x", "acme.example"),
        ("https://boards.greenhouse.io/northwind-labs/jobs/4012345", "northwind-labs"),
        ("https://jobs.lever.co/tulip/5ac21346-8e0c-4494-8e7a-3eb92ff77902", "tulip"),
        ("https://jobs.ashbyhq.com/quill%20stack/x", "quill stack"),
        ("https://jobs.lever.co/", "jobs.lever.co"),
        ("http://[::1", "http://[::1"),  # no host to name: the URL itself, to be checked
    ],
)
def test_names_for_a_url_added_unread(url, company):
    assert capture.names_from_url(url) == (company, "(role to check)")


def _stored(store: Store, **fields) -> Application:
    app = Application(company="Acme", role="Dev", url="https://acme.example/jobs/1", **fields)
    app.set_status(app.status, NOW)
    return store.save(app)


def test_apply_posting_is_one_undoable_change(store):
    app = _stored(store, location="Remote")
    before = store.get_application(app.id).to_dict()
    with store.change("read the posting again"):
        result = capture.apply_posting(store, app.id[:6], POSTING, now=NOW)
    assert (result.filled, result.replaced, result.posting_changed) == (
        ("salary", "deadline"),
        (),
        True,
    )
    assert result.summary == "filled salary, deadline; posting kept (63 characters)"
    stored = store.get_application(app.id)
    assert (stored.location, stored.salary_max, stored.posting_fetched_at) == (
        "Remote",
        85000,
        NOW,
    )
    assert store.undo() == "read the posting again"
    assert store.get_application(app.id).to_dict() == before


def test_apply_posting_again_finds_nothing_new_and_overwrite_names_what_it_replaced(store):
    app = _stored(store)
    capture.apply_posting(store, app.id, POSTING, now=NOW)
    assert capture.apply_posting(store, app.id, POSTING, now=NOW).summary == "nothing new"
    other = replace(POSTING, company="Acme GmbH", salary_max=90000, description="x")
    result = capture.apply_posting(store, app.id, other, now=NOW, overwrite=True)
    assert (result.replaced, result.filled) == (("company", "role", "salary"), ())
    assert result.summary == "replaced company, role, salary; posting kept (37 characters)"
    one = replace(POSTING, employment_type="", date_posted=None, description="x")
    assert capture.apply_posting(store, app.id, one, now=NOW).summary == (
        "posting kept (1 character)"
    )


def test_refetch_without_a_url_says_so_and_saves_nothing(store):
    app = Application(company="Acme", role="Dev")
    app.set_status(app.status, NOW)
    store.save(app)
    before = store.get_application(app.id).to_dict()
    with pytest.raises(capture.NoUrl, match=r"^Acme — Dev has no url to read the posting from"):
        capture.refetch(store, app.id, now=NOW)
    assert store.get_application(app.id).to_dict() == before


def test_templates_can_use_the_kept_posting(store, tmp_path):
    app = _stored(store)
    capture.apply_posting(store, app.id, POSTING, now=NOW)
    (tmp_path / "posting.txt.j2").write_text(
        "Subject: {{ application.role }}\n{{ application.description }}\n"
        "{{ application.deadline.strftime('%d %b') }}\n",
        encoding="utf-8",
    )
    context = message_context(store, app.id, me=Me(), now=NOW)
    draft = drafts.render("posting", context.variables(), user_dir=tmp_path)
    assert (
        draft.body == "Full-time · posted Fri 20 Nov 2026\n\n## About\n\nWe build ledgers.\n15 Dec"
    )
