"""The form that adds or edits an application.

Adding starts at the URL field: a complete http(s) URL, pasted or typed (read once typing
pauses, or on enter or tab), is read in a background thread, and what the posting says fills
the fields still empty when it arrives; the form stays usable meanwhile.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import Input, Static, TextArea
from textual.worker import Worker, WorkerState

from jobtui.core import dates
from jobtui.core.fields import (
    APPLICATION_FIELDS,
    CONTACTS_FIELD,
    OFFER_FIELDS,
    FieldSpec,
    display_value,
    format_contacts,
    parse_contacts,
    parse_value,
)
from jobtui.core.model import Application, Contact, Status, ValidationError
from jobtui.tui.screens.record_form import RecordForm
from jobtui.tui.shown import shown

if TYPE_CHECKING:
    from jobtui.io.capture.ats import AtsBases
    from jobtui.io.capture.posting import Posting

# A title naming an application with a 10,000-character name still fits on one line or two.
NAME_CHARS = 80

# Notes have their own editor, the posting its own view; a snooze is set with the snooze
# dialog. Contacts (recruiter, hiring manager) are edited here as lines of "Name <email> (title)".
_SPECS = {s.name: s for s in APPLICATION_FIELDS}
_ORDER = (
    *("company", "role", "status", "applied_on", "location", "url", "source"),
    *("salary_min", "salary_max", "salary_currency", "deadline", "tags"),
    *OFFER_FIELDS,
)
FORM_FIELDS = (*(_SPECS[name] for name in _ORDER), CONTACTS_FIELD)
# Adding starts with the URL: what the posting says fills the rest.
ADD_FIELDS = (_SPECS["url"], *(s for s in FORM_FIELDS if s.name != "url"))

# The fields a posting fills, when they are still empty as it arrives.
FILLED_FROM_POSTING = ("company", "role", "location", "deadline")
SALARY_FIELDS = ("salary_min", "salary_max", "salary_currency")

# Typing a URL by hand: it is read once the typing pauses this long (not at each keystroke).
URL_PAUSE = 1.0
SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
ADD_URL_EXAMPLE = "paste the posting's link: the fields fill themselves"


def application_title(action: str, app: Application) -> Text:
    """ "Edit application — Acme · Backend engineer" (the forms' title; "Add interview — ..."),
    with the user's text as plain text and the company in bold."""
    title = Text(action)
    if app.company or app.role:
        title.append(" — ")
        title.append(shown(app.company, "bold", limit=NAME_CHARS))
        if app.role:
            title.append(shown(f" · {app.role}", limit=NAME_CHARS))
    return title


def complete_url(text: str) -> str | None:
    """``text`` stripped when it is a whole http(s) URL worth fetching (a host with a dot, or
    localhost), else None: "https://acme.example/jobs/1" yes, "https://acm" not yet."""
    url = text.strip()
    if not url or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if "." not in host.strip(".") and host != "localhost":
        return None
    return url


def has_offer(app: Application) -> bool:
    """Whether any of the application's offer fields differs from a new application's."""
    blank = Application(company="", role="")
    return any(getattr(app, name) != getattr(blank, name) for name in OFFER_FIELDS)


class ApplicationForm(RecordForm[Application]):
    """Add an application (``app`` is None) or edit a copy of one.

    Dismisses with the new or edited :class:`Application`, or None when cancelled. A new
    one starts as "applied", applied today, and gets its first status-history entry; when its
    posting was read from the URL field, it keeps the posting's description and when it was
    read (``posting_fetched_at``, from ``clock``). ``bases`` are the applicant-tracking
    systems' API base URLs (the ``[capture]`` settings). The offer fields show once the
    status is "offer" or one of them is set.
    """

    DEFAULT_CSS = """
    ApplicationForm .form-hint.-warn {
        color: $text-warning;
    }
    """

    EXTRA = frozenset({"contacts"})
    FORMATS = {"contacts": "One a line: Name <email> (title)"}
    EXAMPLES = {"contacts": "e.g. Ana Lima <ana@example.com> (Recruiter)"}

    def __init__(
        self,
        app: Application | None,
        now: datetime,
        contacts: list[Contact] | None = None,
        *,
        bases: AtsBases | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.is_new = app is None
        self._contacts = copy.deepcopy(contacts or [])
        self.contacts_result: list[Contact] = list(self._contacts)
        """After a successful submit: the application's contacts, new or updated."""
        self._bases = bases
        self._clock = clock or (lambda: now)
        # The URL read last (or being read), the worker reading it, and what it read.
        self._read_url: str | None = None
        self._reading: Worker[Posting] | None = None
        # (the URL, the posting's description as kept, when it was read)
        self._captured: tuple[str, str, datetime] | None = None
        # What the last reading put in each field it filled: a field still holding it was
        # not typed by the user, and goes when the URL changes (another posting's, not this).
        self._filled: dict[str, str] = {}
        self._url_text = ""
        self._pause: Timer | None = None
        self._spin: Timer | None = None
        self._spin_frame = 0
        if app is None:
            app = Application(company="", role="")
            app.applied_on = dates.local_day(now)
            title = Text("Add application")
            specs = ADD_FIELDS
            self.EXAMPLES = {**self.EXAMPLES, "url": ADD_URL_EXAMPLE}
        else:
            title = application_title("Edit application", app)
            specs = FORM_FIELDS
        self._had_offer = has_offer(app)
        super().__init__(title, app, specs, now)

    def initial_text(self, spec: FieldSpec) -> str:
        if spec.name == "contacts":
            return format_contacts(self._contacts)
        return super().initial_text(spec)

    def compose_under(self, spec: FieldSpec) -> ComposeResult:
        if spec.name == "url" and self.is_new:
            status = Static("", classes="form-hint", id="posting-status", markup=False)
            status.display = False
            yield status

    def complete(self, record: Application) -> None:
        self.contacts_result = parse_contacts(
            self.field_text("contacts"), copy.deepcopy(self._contacts), record.company
        )
        if not record.status_history:
            # Like `jobtui add`: the history starts with the status it was created in.
            record.set_status(record.status, self.now)
        if self._captured is not None:
            url, description, fetched_at = self._captured
            if self.field_text("url").strip() == url:  # the posting of the URL it is saved with
                if description:
                    record.description = description
                record.posting_fetched_at = fetched_at

    # ------------------------------------------------------------------ the offer fields

    def shows_row(self, name: str) -> bool:
        if name not in OFFER_FIELDS:
            return True
        if self._had_offer or self._status_typed() == Status.OFFER:
            return True
        # Once something is typed in one, it stays in sight.
        return any(self.field_text(n) != self._initial[n] for n in OFFER_FIELDS)

    def _status_typed(self) -> Status | None:
        try:
            value = parse_value(_SPECS["status"], self.field_text("status"), self.now)
        except ValidationError:
            return None
        return value if isinstance(value, Status) else None

    # ------------------------------------------------------------------ reading the posting

    def field_changed(self, spec: FieldSpec) -> None:
        if spec.name != "url" or not self.is_new:
            return
        before, text = self._url_text, self.field_text("url")
        self._url_text = text
        if self._pause is not None:
            self._pause.stop()
            self._pause = None
        url = complete_url(text)
        if url != self._read_url:
            self._forget_reading()
        if url is None or url == self._read_url:
            return
        if len(text) - len(before) > 1:  # pasted (typing adds one character at a time)
            self._start_reading(url)
        else:
            self._pause = self.set_timer(URL_PAUSE, self._url_paused)

    def field_submitted(self, spec: FieldSpec) -> bool:
        """Enter in the URL field reads a URL not read yet (and moves on); else it saves."""
        if spec.name == "url" and self._read_now():
            self.focus_next()
            return True
        return False

    @on(Input.Blurred, "#field-url")
    def _left_the_url(self) -> None:
        self._read_now()

    def _url_paused(self) -> None:
        self._pause = None
        self._read_now()

    def _read_now(self) -> bool:
        """Read the URL in the field if it is whole and not read yet; whether it started."""
        if not self.is_new or not self.is_active:
            return False  # editing; or the form is closing (saved, focus leaving the field)
        url = complete_url(self.field_text("url"))
        if url is None or url == self._read_url:
            return False
        self._start_reading(url)
        return True

    def _start_reading(self, url: str) -> None:
        if self._pause is not None:
            self._pause.stop()
            self._pause = None
        self._forget_reading()
        self._read_url = url
        self._spin_frame = 0
        self._say("", "")
        self._spin = self.set_interval(0.1, self._spin_once)
        self._spin_once()
        bases = self._bases
        self._reading = self.run_worker(
            lambda: _read_posting(url, bases),
            name=f"reading {url}",
            group="posting",
            exclusive=True,  # a new URL: the reading of the old one is dropped
            thread=True,
            exit_on_error=False,
        )

    def _forget_reading(self) -> None:
        """Drop a reading under way (its result is ignored), what it read (the fields it
        filled that still hold what it put there are emptied again), and what was said."""
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None
        self._stop_spinner()
        self._read_url = None
        self._captured = None
        for name, text in self._filled.items():
            if self.field_text(name) == text:
                self._set_field(name, "")
        self._filled = {}
        self._say("", "")

    def _spin_once(self) -> None:
        frame = SPINNER[self._spin_frame % len(SPINNER)]
        self._spin_frame += 1
        self._say(f"{frame} Reading the posting…", "")

    def _stop_spinner(self) -> None:
        if self._spin is not None:
            self._spin.stop()
            self._spin = None

    def _say(self, text: str, tone: str) -> None:
        """One line under the URL field: "" hides it; tone is "-ok", "-warn", "-bad" or ""."""
        found = self.query("#posting-status")
        if not found:
            return  # the form is closing: a spinner's last tick
        status = found.first(Static)
        status.update(shown(text))
        status.display = bool(text)
        for name in ("-ok", "-warn", "-bad"):
            status.set_class(name == tone, name)

    @on(Worker.StateChanged)
    def _reading_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker is not self._reading or worker.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return  # a reading replaced by a newer one, or still under way
        event.stop()
        self._reading = None
        self._stop_spinner()
        url = self._read_url
        if url is None or complete_url(self.field_text("url")) != url:
            self._forget_reading()  # the URL changed meanwhile: this posting is not its
            return
        if worker.state == WorkerState.ERROR:
            self._say(_failure(url, worker.error), "-bad")
            return
        posting = worker.result
        assert posting is not None
        self._fill(url, posting)

    def _fill(self, url: str, posting: Posting) -> None:
        """Fill the fields still empty now (not when the URL was pasted) and say which."""
        from jobtui.ops.capture import fill_from_posting

        fetched_at = self._clock()
        # The status as the form reads now: capture keeps a closing date as the deadline
        # only for a wishlist application.
        read = Application(company="", role="", status=self._status_typed() or Status.APPLIED)
        fill_from_posting(read, posting, now=fetched_at)
        filled = [name for name in FILLED_FROM_POSTING if self._fill_field(name, read)]
        salary = read.salary_min is not None or read.salary_max is not None
        if salary and not any(self.field_text(n).strip() for n in SALARY_FIELDS[:2]):
            filled += [name for name in SALARY_FIELDS if self._fill_field(name, read)]
        self._captured = (url, read.description, fetched_at)
        labels = [_SPECS[name].label.lower() for name in filled]
        if posting.needs_check:
            self._say("Only a title found: company and role need checking", "-warn")
        elif labels:
            self._say(f"✓ Read the posting: filled {', '.join(labels)}", "-ok")
        else:
            self._say("✓ Read the posting (every field it fills was already typed)", "-ok")

    def _fill_field(self, name: str, read: Application) -> bool:
        text = display_value(read, _SPECS[name])
        if not text or self.field_text(name).strip():
            return False  # nothing read, or typed by the user meanwhile: theirs wins
        self._set_field(name, text)
        self._filled[name] = self.field_text(name)
        return True

    def _set_field(self, name: str, text: str) -> None:
        widget = self.field_widget(name)
        if isinstance(widget, TextArea):
            widget.text = text
        else:
            widget.value = text


def _read_posting(url: str, bases: AtsBases | None) -> Posting:
    """In the worker's thread: the network and HTML parsing are imported only for this."""
    from jobtui.ops.capture import read_posting_at

    return read_posting_at(url, bases=bases)


def _failure(url: str, error: BaseException | None) -> str:
    """The one line under the URL field: CaptureError's "URL: reason", or what went wrong."""
    from jobtui.ops.capture import CaptureError

    if isinstance(error, CaptureError):
        return str(error)
    return f"{url}: could not read the posting ({type(error).__name__}: {error})"
