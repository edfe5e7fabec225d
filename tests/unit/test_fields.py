"""Tests for jobtui.core.fields: typed text -> field values (``jobtui set`` and the TUI forms)."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

import pytest
from dateutil import tz

from jobtui.core.fields import (
    APPLICATION_FIELDS,
    CONTACT_FIELDS,
    INTERVIEW_FIELDS,
    FieldKind,
    display_value,
    fields_for,
    find_field,
    parse_list,
    parse_money,
    set_field,
)
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    Person,
    Status,
    StatusChange,
    ValidationError,
)

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday


@pytest.fixture(autouse=True)
def _berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")


def berlin(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def raises_on(field_name: str):
    return pytest.raises(ValidationError, match=rf"^{field_name}: ")


def new_app() -> Application:
    return Application(company="Acme", role="Engineer", status=Status.WISHLIST)


def new_interview() -> Interview:
    return Interview(application_id="app-1", starts_at=berlin(12, 3, 14), id="iv-1")


def new_contact() -> Contact:
    return Contact(name="Ana Lima")


# ---------------------------------------------------------------------------
# Every field kind


@pytest.mark.parametrize(
    ("build", "name", "text", "expected"),
    [
        # text and long text: kept exactly as typed
        (new_app, "company", "  Zürich AG 🚀 ", "  Zürich AG 🚀 "),
        (new_app, "location", "[bold]x[/]", "[bold]x[/]"),
        (new_app, "notes", "line 1\nline 2", "line 1\nline 2"),
        (new_app, "notes", "", ""),
        (new_contact, "email", "ana@example.com", "ana@example.com"),
        # list: trimmed, blanks dropped, duplicates removed, order kept
        (new_app, "tags", "a, b ,a", ["a", "b"]),
        (new_app, "tags", " ,, python ,", ["python"]),
        (new_app, "tags", "", []),
        # people
        (
            new_interview,
            "interviewers",
            "Ana <a@x.com>, Bo",
            [Person("Ana", "a@x.com"), Person("Bo")],
        ),
        (new_interview, "interviewers", "Ana Lima ana@x.com", [Person("Ana Lima", "ana@x.com")]),
        (new_interview, "interviewers", "", []),
        # money
        (new_app, "salary_min", "120k", 120_000),
        (new_app, "salary_min", "120K", 120_000),
        (new_app, "salary_min", "120,000", 120_000),
        (new_app, "salary_min", "95.5k", 95_500),
        (new_app, "salary_min", " 120000 ", 120_000),
        (new_app, "salary_min", "1,250,000", 1_250_000),
        (new_app, "salary_min", "", None),
        # day
        (new_app, "applied_on", "2026-11-20", date(2026, 11, 20)),
        (new_app, "applied_on", "yesterday", date(2026, 11, 25)),
        (new_app, "applied_on", "Dec 3", date(2026, 12, 3)),
        (new_app, "applied_on", "", None),
        (new_interview, "decide_by", "next friday", date(2026, 11, 27)),
        # when
        (new_interview, "starts_at", "tomorrow 10am", berlin(11, 27, 10)),
        (new_interview, "starts_at", "2026-12-03 14:30", berlin(12, 3, 14, 30)),
        (new_app, "snoozed_until", "+3d", berlin(11, 29, 10)),
        (new_app, "snoozed_until", "", None),
        (new_interview, "thank_you_sent_at", "today 3pm", berlin(11, 26, 15)),
        # duration
        (new_interview, "duration", "45m", timedelta(minutes=45)),
        (new_interview, "duration", "1h30m", timedelta(minutes=90)),
        (new_interview, "duration", "90", timedelta(minutes=90)),
        # choice
        (new_interview, "kind", "phone", InterviewKind.PHONE_SCREEN),
        (new_interview, "kind", "Panel", InterviewKind.PANEL),
        (new_app, "status", "screen", Status.SCREENING),
    ],
)
def test_set_field_for_every_kind(build, name, text, expected):
    record = build()
    spec = set_field(record, name, text, NOW)
    assert spec.name == name
    assert getattr(record, name) == expected


def test_every_field_kind_is_covered_above():
    kinds = {s.kind for s in APPLICATION_FIELDS + INTERVIEW_FIELDS + CONTACT_FIELDS}
    assert kinds == set(FieldKind)


def test_when_keeps_the_zone_the_user_named():
    interview = new_interview()
    set_field(interview, "starts_at", "Dec 3 2pm PST", NOW)
    assert interview.starts_at == datetime(2026, 12, 3, 23, 0, tzinfo=BERLIN)
    assert interview.starts_at.utcoffset() == timedelta(hours=-8)


@pytest.mark.parametrize(
    ("build", "name", "text", "words"),
    [
        (new_app, "salary_min", "abc", ['cannot read "abc" as an amount']),
        (new_app, "salary_max", "$120k", ["as an amount"]),
        (new_app, "salary_min", "-5000", ["as an amount"]),
        (new_app, "salary_min", "1,20,000", ["as an amount"]),
        (new_app, "salary_min", "12k5", ["as an amount"]),
        (new_app, "applied_on", "blursday", ["blursday"]),
        (new_app, "applied_on", "3/12", ["ambiguous"]),
        (new_app, "snoozed_until", "someday", ["someday"]),
        (new_interview, "starts_at", "tomorrow 25:00", ["25:00"]),
        (new_interview, "duration", "forever", ["forever"]),
        (new_interview, "duration", "0m", ["longer than zero"]),
        (new_interview, "duration", "", ["must not be empty"]),
        (new_interview, "kind", "coffee", ['unknown value "coffee"', "phone_screen"]),
        (new_interview, "kind", "o", ["onsite", "other"]),  # ambiguous prefix
        (new_app, "status", "pending", ['unknown value "pending"']),
        (new_contact, "email", "not-an-address", ["is not an email address"]),
    ],
)
def test_bad_values_name_the_field_and_leave_the_record_unchanged(build, name, text, words):
    record = build()
    before = copy.deepcopy(record)
    with raises_on(name) as caught:
        set_field(record, name, text, NOW)
    assert caught.value.field == name
    for word in words:
        assert word in caught.value.message
    assert record == before


def test_salary_below_minimum_is_rejected_and_reverted():
    app = new_app()
    set_field(app, "salary_min", "100k", NOW)
    with raises_on("salary_max") as caught:
        set_field(app, "salary_max", "90k", NOW)
    assert "salary_min" in caught.value.message
    assert (app.salary_min, app.salary_max) == (100_000, None)


def test_status_goes_through_set_status():
    app = new_app()
    set_field(app, "status", "applied", NOW)
    assert app.status == Status.APPLIED
    assert app.status_history == [StatusChange(Status.APPLIED, NOW)]
    assert app.applied_on == date(2026, 11, 26)
    set_field(app, "status", "applied", NOW + timedelta(hours=1))  # unchanged: not recorded
    assert len(app.status_history) == 1


# ---------------------------------------------------------------------------
# Aliases and names


@pytest.mark.parametrize(
    ("build", "alias", "text", "field_name", "expected"),
    [
        (new_interview, "when", "tomorrow 10am", "starts_at", berlin(11, 27, 10)),
        (new_interview, "start", "Dec 4 9am", "starts_at", berlin(12, 4, 9)),
        (
            new_interview,
            "with",
            "Ana <a@x.com>, Bo",
            "interviewers",
            [Person("Ana", "a@x.com"), Person("Bo")],
        ),
        (new_interview, "decide", "Dec 10", "decide_by", date(2026, 12, 10)),
        (new_interview, "thank_you", "today 3pm", "thank_you_sent_at", berlin(11, 26, 15)),
        (new_interview, "Thank-You", "today 3pm", "thank_you_sent_at", berlin(11, 26, 15)),
        (new_interview, "liked_about_company", "the team", "liked", "the team"),
        (new_interview, "snooze", "monday 9am", "snoozed_until", berlin(11, 30, 9)),
        (new_app, "applied", "2026-11-20", "applied_on", date(2026, 11, 20)),
        (new_app, "snooze", "+1w", "snoozed_until", berlin(12, 3, 10)),
        (new_app, "currency", "EUR", "salary_currency", "EUR"),
        (new_app, "APPLIED-ON", "2026-11-20", "applied_on", date(2026, 11, 20)),
        (new_app, "  Salary-Min ", "10k", "salary_min", 10_000),
    ],
)
def test_aliases_and_loose_names(build, alias, text, field_name, expected):
    record = build()
    spec = set_field(record, alias, text, NOW)
    assert spec.name == field_name
    assert getattr(record, field_name) == expected


@pytest.mark.parametrize(("alias", "text"), [("ends", "Dec 3 3:30pm"), ("end", "Dec 3 3:30pm")])
def test_end_aliases(alias, text):
    interview = new_interview()
    assert set_field(interview, alias, text, NOW).name == "ends_at"
    assert interview.duration == timedelta(minutes=90)


@pytest.mark.parametrize(
    ("build", "fields"),
    [
        (new_app, APPLICATION_FIELDS),
        (new_interview, INTERVIEW_FIELDS),
        (new_contact, CONTACT_FIELDS),
    ],
)
def test_unknown_field_lists_the_valid_fields(build, fields):
    record = build()
    before = copy.deepcopy(record)
    with raises_on("salary") as caught:
        set_field(record, "salary", "100k", NOW)
    assert caught.value.field == "salary"
    assert f"no such field on {type(record).__name__.lower()}" in caught.value.message
    assert "(fields: " + ", ".join(s.name for s in fields) + ")" in caught.value.message
    assert record == before


def test_an_alias_for_another_record_type_is_an_unknown_field():
    with raises_on("when") as caught:
        set_field(new_app(), "when", "tomorrow", NOW)
    assert "no such field on application" in caught.value.message


def test_fields_for_a_type_or_a_record():
    assert fields_for(Application) is APPLICATION_FIELDS
    assert fields_for(new_interview()) is INTERVIEW_FIELDS
    assert fields_for(Contact) is CONTACT_FIELDS
    assert find_field(new_interview(), "with").name == "interviewers"


# ---------------------------------------------------------------------------
# ends_at


def test_ends_at_sets_the_duration():
    interview = new_interview()
    spec = set_field(interview, "ends_at", "Dec 3 3:15pm", NOW)
    assert spec.name == "ends_at"
    assert interview.starts_at == berlin(12, 3, 14)
    assert interview.duration == timedelta(minutes=75)
    assert interview.ends_at == berlin(12, 3, 15, 15)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Dec 3 1pm", id="before-start"),
        pytest.param("Dec 3 2pm", id="equal-to-start"),
        pytest.param("Dec 2 3pm", id="the-day-before"),
    ],
)
def test_ends_at_before_start_is_rejected_and_the_record_unchanged(text):
    interview = new_interview()
    before = copy.deepcopy(interview)
    with raises_on("ends_at") as caught:
        set_field(interview, "ends_at", text, NOW)
    assert caught.value.field == "ends_at"
    assert "ends before it starts" in caught.value.message
    assert interview == before


def test_ends_at_cannot_be_emptied():
    interview = new_interview()
    with raises_on("ends_at"):
        set_field(interview, "ends_at", "  ", NOW)
    assert interview.duration == timedelta(hours=1)


def test_moving_the_start_keeps_the_duration():
    interview = new_interview()
    set_field(interview, "duration", "45m", NOW)
    set_field(interview, "when", "Dec 4 9am", NOW)
    assert interview.ends_at == berlin(12, 4, 9, 45)


# ---------------------------------------------------------------------------
# Required fields


@pytest.mark.parametrize(
    ("build", "name"),
    [
        (new_app, "company"),
        (new_app, "role"),
        (new_interview, "starts_at"),
        (new_interview, "when"),
        (new_contact, "name"),
    ],
)
@pytest.mark.parametrize("text", ["", "   "], ids=["empty", "blank"])
def test_required_fields_cannot_be_emptied(build, name, text):
    record = build()
    before = copy.deepcopy(record)
    spec = find_field(record, name)
    assert spec.required
    with raises_on(spec.name) as caught:
        set_field(record, name, text, NOW)
    assert "must not be empty" in caught.value.message
    assert record == before


@pytest.mark.parametrize(
    ("build", "name", "value"),
    [
        (new_app, "location", "Berlin"),
        (new_app, "applied_on", date(2026, 11, 2)),
        (new_app, "salary_max", 100_000),
        (new_interview, "decide_by", date(2026, 12, 10)),
        (new_interview, "thank_you_sent_at", berlin(12, 3, 18)),
        (new_contact, "email", "ana@x.com"),
    ],
)
def test_optional_fields_can_be_cleared(build, name, value):
    record = build()
    setattr(record, name, value)
    set_field(record, name, "", NOW)
    assert getattr(record, name) in ("", None)


# ---------------------------------------------------------------------------
# display_value


def filled_app() -> Application:
    app = new_app()
    for name, text in [
        ("status", "applied"),
        ("applied_on", "2026-11-17"),
        ("location", "Berlin [bold]x[/]"),
        ("url", "https://example.com/jobs/1"),
        ("source", "referral 👋"),
        ("salary_min", "95.5k"),
        ("salary_max", "120k"),
        ("salary_currency", "€"),
        ("tags", "python, 日本語, remote"),
        ("notes", "line 1\nline 2"),
        ("snoozed_until", "Dec 1 9am"),
    ]:
        set_field(app, name, text, NOW)
    return app


def filled_interview() -> Interview:
    interview = new_interview()
    for name, text in [
        ("duration", "1h30m"),
        ("kind", "technical"),
        ("interviewers", "Ana Lima <ana@x.com>, Bö Ølsen"),
        ("where", "Room 3"),
        ("topics", "design"),
        ("concerns", "visa"),
        ("strengths", "Python"),
        ("liked", "team"),
        ("decide_by", "Dec 10"),
        ("thank_you_sent_at", "Dec 3 6pm"),
        ("outcome", "next round"),
        ("notes", "[b]x[/b]"),
        ("snoozed_until", "Dec 5 9am"),
    ]:
        set_field(interview, name, text, NOW)
    return interview


def filled_contact() -> Contact:
    return Contact(
        name="Ana Lima",
        title="EM",
        company="Acme",
        email="ana@x.com",
        phone="+49 30 123",
        url="https://x.example",
        notes="met at PyCon",
    )


def _round_trip_cases():
    for build, specs in [
        (filled_app, APPLICATION_FIELDS),
        (filled_interview, INTERVIEW_FIELDS),
        (filled_contact, CONTACT_FIELDS),
    ]:
        for spec in specs:
            yield pytest.param(build, spec, id=f"{build.__name__}-{spec.name}")


@pytest.mark.parametrize(("build", "spec"), list(_round_trip_cases()))
def test_display_value_reads_back_to_the_same_value(build, spec):
    record = build()
    original = copy.deepcopy(record)
    text = display_value(record, spec)
    set_field(record, spec.name, text, NOW)
    assert record == original, text
    assert display_value(record, spec) == text


@pytest.mark.parametrize(
    ("build", "name", "text"),
    [
        (filled_app, "status", "applied"),
        (filled_app, "applied_on", "Tue 17 Nov 2026"),
        (filled_app, "salary_min", "95500"),
        (filled_app, "tags", "python, 日本語, remote"),
        (filled_app, "snoozed_until", "Tue 1 Dec 2026 09:00"),
        (filled_interview, "duration", "1h30m"),
        (filled_interview, "ends_at", "Thu 3 Dec 2026 15:30"),
        (filled_interview, "interviewers", "Ana Lima <ana@x.com>, Bö Ølsen"),
        (filled_interview, "kind", "technical"),
        (new_app, "applied_on", ""),
        (new_app, "salary_min", ""),
        (new_app, "tags", ""),
    ],
)
def test_display_value_text(build, name, text):
    record = build()
    assert display_value(record, find_field(record, name)) == text


@pytest.mark.parametrize("name", ["starts_at", "ends_at"])
def test_display_value_of_a_time_in_another_zone_reads_back(name):
    interview = new_interview()
    set_field(interview, "starts_at", "Dec 3 2pm PST", NOW)
    original = copy.deepcopy(interview)
    text = display_value(interview, find_field(interview, name))
    set_field(interview, name, text, NOW)
    assert interview == original


# ---------------------------------------------------------------------------
# The parsers on their own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("120000", 120_000),
        ("120,000", 120_000),
        ("120k", 120_000),
        ("95.5k", 95_500),
        ("0.25k", 250),
        ("99.99", 100),  # rounded to whole units
        ("1,234.4", 1_234),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_money(text, expected):
    assert parse_money(text, "salary_min") == expected


@pytest.mark.parametrize("text", ["abc", "12,00", "1.2.3k", "120 000", "k", "120kk", "1e5"])
def test_parse_money_rejects(text):
    with raises_on("salary_min") as caught:
        parse_money(text, "salary_min")
    assert "try 120000 or 120k" in caught.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a, b ,a", ["a", "b"]),
        ("b,a,b,c", ["b", "a", "c"]),
        ("", []),
        (" , ,", []),
        ("Zoë,  🐍 ", ["Zoë", "🐍"]),
    ],
)
def test_parse_list(text, expected):
    assert parse_list(text) == expected


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        pytest.param("Asia/Shanghai", (2026, 12, 3, 14), id="shanghai-CST"),
        pytest.param("Europe/Dublin", (2027, 6, 3, 14), id="dublin-summer-IST"),
        pytest.param("America/Sao_Paulo", (2026, 12, 3, 14), id="sao-paulo-numeric-abbreviation"),
    ],
)
def test_display_value_reads_back_in_other_local_zones(monkeypatch, zone, start):
    monkeypatch.setenv("TZ", zone)  # the user's own zone; the interview is in local time
    interview = Interview(
        application_id="app-1", starts_at=datetime(*start, tzinfo=tz.gettz(zone)), id="iv-1"
    )
    original = copy.deepcopy(interview)
    text = display_value(interview, find_field(interview, "starts_at"))
    set_field(interview, "starts_at", text, NOW)
    assert interview.starts_at == original.starts_at, text
