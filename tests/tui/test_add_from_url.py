"""The add form's URL field: a posting pasted or typed is read in the background (a local web
server here) and fills the fields still empty; a failure is shown under the field; the saved
application keeps the posting. Also the form's deadline and offer fields."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hostile import HOSTILE, looks_like
from postings import page_with
from test_hostile_text import assert_safe
from textual import events
from tui_helpers import make_app, screen_text, settle, wait_for

from jobtui.config import CaptureSettings, Config
from jobtui.core.model import Application, Status
from jobtui.core.textsafe import visible
from jobtui.db.store import Store

SIZE = (120, 40)


def _job_page(**posting: object) -> str:
    return page_with(posting)


JOB = {
    "title": "Backend Engineer",
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
    "validThrough": "2026-12-18",
    "employmentType": "FULL_TIME",
    "description": "<h2>What you will do</h2><ul><li>Build the ledger</li><li>Run it</li></ul>",
}
PAGES = {
    "/job": _job_page(**JOB),
    "/slow": _job_page(title="Slow Role", hiringOrganization={"name": "Slow Co"}),
    "/title-only": "<html><head><title>Data Engineer at Quiet Co</title></head></html>",
    "/other": _job_page(title="Site Reliability Engineer", hiringOrganization={"name": "Lerche"}),
    # Each hostile string as the company and the role (and the description) of a posting.
    **{
        f"/hostile/{name}": _job_page(
            title=text, hiringOrganization={"name": text}, description=f"<p>{text}</p>"
        )
        for name, text in HOSTILE
    },
}


class _Site:
    """A local web server: the pages above, 404 elsewhere; /slow answers once released."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.answered: list[str] = []
        self.release = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                if self.path == "/slow":
                    site.release.wait(20)
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
                site.answered.append(self.path)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def site(monkeypatch) -> Iterator[_Site]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    served = _Site()
    thread = threading.Thread(target=served.server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield served
    finally:
        served.release.set()
        served.server.shutdown()
        thread.join()
        served.server.server_close()


def _app(db_path, now, site: _Site):
    # The applicant-tracking APIs point at the local server too: nothing external.
    bases = CaptureSettings(site.url, site.url, site.url, site.url)
    return make_app(db_path, now, Config(capture=bases))


def _saved(db_path) -> list[dict]:
    return list(json.loads(db_path.read_text(encoding="utf-8"))["applications"].values())


async def _open_form(pilot, app):
    await settle(pilot, app)
    await pilot.press("a")
    await pilot.pause()
    form = app.screen
    assert type(form).__name__ == "ApplicationForm"
    return form


async def _paste(pilot, app, text: str) -> None:
    app.post_message(events.Paste(text))
    await pilot.pause()


def _status(form) -> str:
    status = form.query_one("#posting-status")
    return str(status.render()) if status.display else ""


async def test_a_pasted_url_fills_the_empty_fields_and_keeps_what_was_typed(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        assert form.focused is form.field_widget("url")  # the form starts at the URL
        # The company is typed first; the posting must not replace it.
        await pilot.press("tab", *"My Co", "shift+tab")
        await _paste(pilot, app, f"{site.url}/job")
        assert await wait_for(pilot, lambda: _status(form).startswith("✓"))
        assert form.field_text("company") == "My Co"
        assert form.field_text("role") == "Backend Engineer"
        assert form.field_text("location") == "Berlin, Germany"
        assert (form.field_text("salary_min"), form.field_text("salary_max")) == (
            "70000",
            "85000",
        )
        assert form.field_text("salary_currency") == "EUR"
        assert form.field_text("deadline") == "Fri 18 Dec 2026 23:59"
        assert _status(form) == (
            "✓ Read the posting: filled role, location, deadline, salary min, salary max, currency"
        )
        assert "Read the posting: filled role" in screen_text(app)
        assert site.requests == ["/job"]  # once, not again when the field is left
        await pilot.press("tab", "ctrl+s")
        await settle(pilot, app)
    [saved] = _saved(db_path)
    assert (saved["company"], saved["role"], saved["url"]) == (
        "My Co",
        "Backend Engineer",
        f"{site.url}/job",
    )
    assert (saved["salary_min"], saved["salary_max"]) == (70000, 85000)
    assert saved["deadline"].startswith("2026-12-18T23:59")
    # The posting as kept: its kind of employment, then the description in Markdown.
    kept = "Full-time\n\n## What you will do\n\n- Build the ledger\n- Run it"
    assert saved["description"] == kept
    assert saved["posting_fetched_at"].startswith("2026-11-26T10:00")


async def test_another_url_replaces_what_the_first_posting_filled_not_what_was_typed(
    db_path, now, site
):
    # The wrong link pasted, then the right one: one record of the second job, not a mix.
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        await _paste(pilot, app, f"{site.url}/job")
        assert await wait_for(pilot, lambda: form.field_text("company") == "Acme & Söhne")
        form.field_widget("location").value = "Hamburg"  # the user's edit: theirs now
        form.field_widget("url").value = ""
        await settle(pilot, app)
        await _paste(pilot, app, f"{site.url}/other")
        assert await wait_for(pilot, lambda: form.field_text("company") == "Lerche")
        assert form.field_text("role") == "Site Reliability Engineer"
        assert form.field_text("location") == "Hamburg"
        assert form.field_text("salary_min") == form.field_text("deadline") == ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    [saved] = _saved(db_path)
    assert (saved["company"], saved["role"], saved["location"]) == (
        "Lerche",
        "Site Reliability Engineer",
        "Hamburg",
    )
    assert saved["salary_min"] is None and saved["deadline"] is None
    assert saved["url"] == f"{site.url}/other"


async def test_the_spinner_shows_while_reading_and_the_form_stays_usable(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        await _paste(pilot, app, f"{site.url}/slow")
        assert await wait_for(pilot, lambda: "Reading the posting…" in screen_text(app))
        # Typing goes on meanwhile: the role typed while the posting is read is kept.
        await pilot.press("tab", "tab", *"Typed role")
        assert form.field_text("role") == "Typed role"
        assert "Reading the posting…" in _status(form)
        site.release.set()
        assert await wait_for(pilot, lambda: _status(form).startswith("✓"))
        assert "Reading the posting…" not in screen_text(app)
        assert form.field_text("company") == "Slow Co"
        assert form.field_text("role") == "Typed role"


async def test_saving_while_the_posting_is_read_saves_what_is_typed(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        await _open_form(pilot, app)
        await _paste(pilot, app, f"{site.url}/slow")
        await pilot.press("tab", *"Beta", "tab", *"Dev", "ctrl+s")
        await settle(pilot, app)
        assert type(app.screen).__name__ != "ApplicationForm"
        site.release.set()
        await pilot.pause(0.2)
    [saved] = _saved(db_path)
    assert (saved["company"], saved["role"]) == ("Beta", "Dev")
    assert saved["description"] == "" and saved["posting_fetched_at"] is None


async def test_saving_right_after_typing_a_url_reads_nothing(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        form.field_widget("company").value = "Delta"
        form.field_widget("role").value = "Dev"
        await pilot.press(*f"{site.url}/job", "ctrl+s")
        await settle(pilot, app)
        assert type(app.screen).__name__ != "ApplicationForm"
        await pilot.pause(1.5)  # past the pause after typing
        assert app.return_code is None
    assert site.requests == []
    [saved] = _saved(db_path)
    assert (saved["company"], saved["url"]) == ("Delta", f"{site.url}/job")


async def test_a_failure_is_shown_under_the_field_and_the_form_still_saves(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        url = f"{site.url}/gone"
        await _paste(pilot, app, url)
        assert await wait_for(pilot, lambda: _status(form).startswith(url))
        status = form.query_one("#posting-status")
        assert "404" in _status(form) and "\n" not in _status(form)
        assert status.has_class("-bad")
        assert url in screen_text(app)
        await pilot.press("tab", *"Gamma", "tab", *"Dev", "ctrl+s")
        await settle(pilot, app)
    [saved] = _saved(db_path)
    assert (saved["company"], saved["url"]) == ("Gamma", url)
    assert saved["description"] == "" and saved["posting_fetched_at"] is None


async def test_a_failure_naming_a_hostile_url_is_shown_as_data(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        url = f"{site.url}/x\x1b]0;pwned\x07[bold]y[/]\x9b2J"
        await _paste(pilot, app, url)
        assert await wait_for(pilot, lambda: _status(form).startswith(site.url))
        assert _status(form).startswith(visible(url) + ": ")  # controls shown, markup as is
        assert_safe(app, "[bold]y[/]")


async def test_a_second_url_while_the_first_is_read_drops_the_first(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        await _paste(pilot, app, f"{site.url}/slow")
        assert await wait_for(pilot, lambda: site.requests == ["/slow"])
        form.field_widget("url").value = ""
        await _paste(pilot, app, f"{site.url}/job")
        assert await wait_for(pilot, lambda: _status(form).startswith("✓"))
        assert form.field_text("company") == "Acme & Söhne"
        site.release.set()  # the first answer now arrives, and is ignored
        assert await wait_for(pilot, lambda: "/slow" in site.answered)
        await pilot.pause(0.5)
        assert form.field_text("company") == "Acme & Söhne"
        assert form.field_text("role") == "Backend Engineer"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    [saved] = _saved(db_path)
    assert saved["company"] == "Acme & Söhne"
    assert "## What you will do" in saved["description"]


async def test_a_url_typed_by_hand_is_read_once_typing_pauses(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        await pilot.press(*f"{site.url}/job")
        assert site.requests == []  # not at each keystroke of a half-typed URL
        assert await wait_for(pilot, lambda: _status(form).startswith("✓"))
        assert site.requests == ["/job"]
        assert form.field_text("company") == "Acme & Söhne"


async def test_enter_in_the_url_field_reads_it_at_once(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        await pilot.press(*f"{site.url}/job", "enter")  # typed, without a pause
        assert form.focused is form.field_widget("company")
        assert type(app.screen).__name__ == "ApplicationForm"  # enter read; it did not save
        assert await wait_for(pilot, lambda: _status(form).startswith("✓"))
        assert not form.field_widget("company").has_class("-invalid")
        await pilot.pause(1.2)  # the pause after typing reads nothing more
        assert site.requests == ["/job"]
        await pilot.press("enter")  # now it saves
        await settle(pilot, app)
    assert [s["company"] for s in _saved(db_path)] == ["Acme & Söhne"]


async def test_a_title_only_page_says_company_and_role_need_checking(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        await _paste(pilot, app, f"{site.url}/title-only")
        assert await wait_for(pilot, lambda: "need checking" in _status(form))
        assert "company and role need checking" in screen_text(app)
        assert form.query_one("#posting-status").has_class("-warn")
        assert form.field_text("company") == "Quiet Co"
        assert form.field_text("role") == "Data Engineer"


async def test_hostile_text_from_the_page_is_shown_as_data(db_path, now, site):
    app = _app(db_path, now, site)
    async with app.run_test(size=SIZE) as pilot:
        for name, text in HOSTILE:
            form = await _open_form(pilot, app)
            await _paste(pilot, app, f"{site.url}/hostile/{name}")
            assert await wait_for(pilot, lambda f=form: _status(f).startswith("✓")), name
            assert form.field_text("company") == text, name
            await pilot.press("tab")  # the company field drawn with its cursor
            await pilot.pause()
            assert_safe(app)  # fields draw control characters one cell each (in place)
            await pilot.press("ctrl+s")
            await settle(pilot, app)
            assert type(app.screen).__name__ != "ApplicationForm", name
            assert_safe(app, looks_like(text))  # the list, the details and the toast
        assert app.return_code is None
    saved = {a["url"].rsplit("/", 1)[1]: a for a in _saved(db_path)}
    for name, text in HOSTILE:
        assert (saved[name]["company"], saved[name]["role"]) == (text, text), name


# --------------------------------------------------------------------------- deadline, offer


async def test_the_form_shows_the_deadline_and_the_offer_only_with_an_offer(db_path, now):
    app = make_app(db_path, now)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        assert "Deadline" in screen_text(app)
        assert "Offer: base" not in screen_text(app)
        assert not form.query_one("#row-offer_base").display
        form.field_widget("status").value = "offer"
        await pilot.pause()
        assert form.query_one("#row-offer_base").display
        form.query_one("#row-offer_base").scroll_visible(animate=False)
        await pilot.pause()
        assert "Offer: base" in screen_text(app)
        form.field_widget("company").value = "Acme"
        form.field_widget("role").value = "Dev"
        form.field_widget("offer_base").value = "120k"
        form.field_widget("deadline").value = "2026-12-04 17:00"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    [saved] = _saved(db_path)
    assert (saved["status"], saved["offer_base"]) == ("offer", 120_000)
    assert saved["deadline"].startswith("2026-12-04T17:00")


async def test_editing_shows_the_offer_fields_once_one_is_set(db_path, now):
    with Store(db_path, clock=lambda: now) as store:
        store.save(Application(company="Plain", role="Dev"))
        store.save(Application(company="Offered", role="Dev", offer_base=100_000))
    from jobtui.tui.screens.application_form import ApplicationForm

    for company, shown in (("Plain", False), ("Offered", True)):
        with Store(db_path, clock=lambda: now) as store:
            [record] = [a for a in store.applications() if a.company == company]
        form = ApplicationForm(record, now)
        app = make_app(db_path, now)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            app.push_screen(form)
            await pilot.pause()
            assert form.query_one("#row-offer_base").display is shown
            assert form.focused is form.field_widget("company")  # editing: no URL first
            assert "fill themselves" not in screen_text(app)  # nor the URL's promise
            assert record.status is Status.APPLIED
