"""Tests for jobtui.core.model: validation messages, dict round trips, status history, parsing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil import tz

from jobtui.core.model import (
    RECORD_TYPES,
    Application,
    Contact,
    Interview,
    InterviewKind,
    MessageDraft,
    Person,
    SentFollowUp,
    SentKind,
    Status,
    StatusChange,
    Task,
    ValidationError,
    application_label,
    record_label,
    record_type,
)
from jobtui.core.words import plural

BERLIN = tz.gettz("Europe/Berlin")
NEW_YORK = tz.gettz("America/New_York")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday


@pytest.fixture(autouse=True)
def _berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")


def raises_on(field_name: str):
    """pytest.raises for a ValidationError that names ``field_name``."""
    return pytest.raises(ValidationError, match=rf"^{field_name}: ")


# ---------------------------------------------------------------------------
# Validation


def test_valid_records_pass():
    Application(company="Acme", role="Engineer").validate()
    Interview(application_id="a", starts_at=NOW).validate()
    Contact(name="Ana", email="ana@example.com").validate()
    SentFollowUp(SentKind.CHECK_IN, NOW, application_id="a").validate()


@pytest.mark.parametrize(
    ("changes", "field_name", "message"),
    [
        ({"company": ""}, "company", "must not be empty"),
        ({"company": "  \t"}, "company", "must not be empty"),
        ({"role": ""}, "role", "must not be empty"),
        ({"role": "   "}, "role", "must not be empty"),
        ({"salary_min": -1}, "salary_min", "must not be negative"),
        ({"salary_max": -1}, "salary_max", "must not be negative"),
        ({"salary_min": 120_000, "salary_max": 90_000}, "salary_max", "is below salary_min"),
        ({"status": "applied"}, "status", "unknown status"),
    ],
)
def test_application_validation_names_the_field(changes, field_name, message):
    app = Application(company="Acme", role="Engineer")
    for name, value in changes.items():
        setattr(app, name, value)
    with raises_on(field_name) as caught:
        app.validate()
    assert caught.value.field == field_name
    assert message in caught.value.message
    assert str(caught.value) == f"{field_name}: {caught.value.message}"


@pytest.mark.parametrize(
    ("salary_min", "salary_max"),
    [(90_000, 90_000), (None, 50_000), (50_000, None), (0, 0)],
)
def test_application_salary_range_edges_are_valid(salary_min, salary_max):
    Application("Acme", "Engineer", salary_min=salary_min, salary_max=salary_max).validate()


@pytest.mark.parametrize("text", ["", "pending", "appliedd", "rejected!"])
def test_unknown_status_names_the_field_and_lists_choices(text):
    with raises_on("status") as caught:
        Status.parse(text, "status")
    assert caught.value.field == "status"
    assert f'unknown value "{text}"' in caught.value.message
    for status in Status:
        assert status.value in caught.value.message


def test_unknown_status_in_stored_data_names_the_field():
    with raises_on("status"):
        Application.from_dict({"company": "Acme", "role": "Engineer", "status": "pending"})


@pytest.mark.parametrize(
    "duration",
    [timedelta(0), timedelta(minutes=-30)],
    ids=["zero", "negative"],
)
def test_interview_that_ends_before_it_starts(duration):
    interview = Interview(application_id="a", starts_at=NOW, duration=duration)
    with raises_on("duration") as caught:
        interview.validate()
    assert "ends before it starts" in caught.value.message


def test_shortest_interview_is_valid():
    Interview(application_id="a", starts_at=NOW, duration=timedelta(seconds=1)).validate()


@pytest.mark.parametrize(
    ("changes", "field_name"),
    [
        ({"application_id": ""}, "application_id"),
        ({"starts_at": datetime(2026, 12, 3, 10, 0)}, "starts_at"),  # naive
        ({"kind": "phone"}, "kind"),
        ({"interviewers": [Person("Ana"), Person("  ", "x@y.com")]}, "interviewers"),
    ],
)
def test_interview_validation_names_the_field(changes, field_name):
    interview = Interview(application_id="a", starts_at=NOW)
    for name, value in changes.items():
        setattr(interview, name, value)
    with raises_on(field_name):
        interview.validate()


@pytest.mark.parametrize(
    ("changes", "field_name"),
    [
        ({"name": ""}, "name"),
        ({"name": "  "}, "name"),
        ({"email": "ana.example.com"}, "email"),
        ({"email": "Ana Lima"}, "email"),
    ],
)
def test_contact_validation_names_the_field(changes, field_name):
    contact = Contact(name="Ana")
    for name, value in changes.items():
        setattr(contact, name, value)
    with raises_on(field_name) as caught:
        contact.validate()
    if field_name == "email":
        assert f'"{contact.email}" is not an email address' in caught.value.message


def test_contact_without_email_is_valid():
    Contact(name="Ana", email="").validate()


@pytest.mark.parametrize(
    ("changes", "field_name"),
    [({"application_id": ""}, "application_id"), ({"at": datetime(2026, 11, 26, 10)}, "at")],
)
def test_sent_follow_up_validation_names_the_field(changes, field_name):
    entry = SentFollowUp(SentKind.CHECK_IN, NOW, application_id="a")
    for name, value in changes.items():
        setattr(entry, name, value)
    with raises_on(field_name):
        entry.validate()


@pytest.mark.parametrize(
    ("data", "field_name"),
    [
        ({"starts_at": "next tuesday"}, "starts_at"),
        ({"starts_at": None}, "starts_at"),
        ({"duration_minutes": "an hour"}, "duration"),
        ({"decide_by": "2026-13-01"}, "decide_by"),
        ({"kind": "coffee chat"}, "kind"),
    ],
)
def test_interview_from_bad_data_names_the_field(data, field_name):
    base = {"application_id": "a", "starts_at": "2026-12-03T10:00:00+01:00"}
    with raises_on(field_name):
        Interview.from_dict(base | data)


@pytest.mark.parametrize(
    ("data", "field_name"),
    [
        ({"salary_min": "lots"}, "salary_min"),
        ({"salary_max": True}, "salary_max"),
        ({"applied_on": "yesterday"}, "applied_on"),
        ({"snoozed_until": "soon"}, "snoozed_until"),
        ({"status_history": [{"status": "applied", "at": "nope"}]}, "status_history"),
    ],
)
def test_application_from_bad_data_names_the_field(data, field_name):
    with raises_on(field_name):
        Application.from_dict({"company": "Acme", "role": "Engineer"} | data)


# ---------------------------------------------------------------------------
# Round trips


def full_application() -> Application:
    return Application(
        id="app-ü-1",
        company="Zürich Ünïcode AG 🚀",
        role="[bold]Senior[/] Engineer <script>",
        status=Status.OFFER,
        location="Berlin / remote — 🌍",
        url="https://example.com/jobs/42?ref=[x]&q=ü",
        source="referral: Ana 👋",
        salary_min=95_500,
        salary_max=120_000,
        salary_currency="€",
        tags=["python", "[bold]x[/]", "日本語", "🐍"],
        status_history=[
            StatusChange(Status.APPLIED, datetime(2026, 11, 2, 9, 15, tzinfo=BERLIN)),
            StatusChange(Status.INTERVIEWING, datetime(2026, 11, 9, 14, tzinfo=NEW_YORK)),
            StatusChange(Status.OFFER, datetime(2026, 11, 25, 18, 30, tzinfo=tz.UTC)),
        ],
        applied_on=date(2026, 11, 2),
        contact_ids=["c-1", "c-2"],
        notes="Line one\nLine [red]two[/red] — «quoted» \\ backslash {braces} 😀",
        snoozed_until=datetime(2026, 12, 1, 9, tzinfo=BERLIN),
        draft=MessageDraft("check_in", "Subject: Hallo\n\n[bold]x[/] ✓", None),
        description="## The role\n- [b]Python[/b] & Postgres — 日本\n",
        posting_fetched_at=datetime(2026, 11, 1, 7, 59, tzinfo=BERLIN),
        deadline=datetime(2026, 12, 15, 23, 59, tzinfo=NEW_YORK),
        offer_base=95_000,
        offer_bonus=10_000,
        offer_sign_on=5_000,
        offer_equity=40_000,
        offer_vesting_years=3,
        offer_currency="€ [b]EUR[/b]",
        offer_deadline=datetime(2026, 12, 4, 17, tzinfo=BERLIN),
        offer_notes="30 days' leave\n[i]remote[/i] 日本",
        tasks=[
            Task(
                "Take-home: [b]ETL[/b] 日本",
                id="task-1",
                due=datetime(2026, 11, 27, 17, tzinfo=BERLIN),
                done_at=datetime(2026, 11, 26, 9, tzinfo=NEW_YORK),
                created_at=datetime(2026, 11, 20, 8, tzinfo=BERLIN),
            )
        ],
        created_at=datetime(2026, 11, 1, 8, tzinfo=BERLIN),
        updated_at=datetime(2026, 11, 25, 18, 31, tzinfo=BERLIN),
    )


def full_interview() -> Interview:
    return Interview(
        id="iv-1",
        application_id="app-ü-1",
        starts_at=datetime(2026, 12, 3, 14, 0, tzinfo=NEW_YORK),
        duration=timedelta(minutes=95),
        kind=InterviewKind.PANEL,
        interviewers=[Person("Ana Lima", "ana@example.com"), Person("Bö [i]Ølsen[/i] 🙂")],
        where="https://meet.example.com/abc — Room «3»",
        notes="notes [bold]x[/]",
        topics="system design 🏗",
        concerns="relocation\nvisa",
        strengths="[b]Python[/b]",
        liked="team ❤️",
        decide_by=date(2026, 12, 10),
        thank_you_sent_at=datetime(2026, 12, 3, 22, 5, tzinfo=BERLIN),
        outcome="next round: 日本",
        snoozed_until=datetime(2026, 12, 5, 9, tzinfo=BERLIN),
        draft=MessageDraft(
            "thank_you",
            "Subject: Danke [b]\n\nHi Ana,\n\n日本 🏗\n",
            datetime(2026, 12, 3, 22, 7, tzinfo=BERLIN),
        ),
        uid="040000008200E00074C5B7101A82E008 [x]@google.com",
        sequence=2,
        cancelled=True,
        created_at=datetime(2026, 11, 20, 8, tzinfo=BERLIN),
        updated_at=datetime(2026, 12, 3, 22, 6, tzinfo=BERLIN),
    )


def full_contact() -> Contact:
    return Contact(
        id="c-1",
        name="Ana [bold]Lima[/] 👩‍💻",
        title="Engineering Manager — Plattform",
        company="Zürich Ünïcode AG",
        email="ana+jobs@exämple.com",
        phone="+49 30 1234 567",
        url="https://linkedin.example/in/ana",
        notes="met at PyCon 🐍\n[link]x[/link]",
        created_at=datetime(2026, 11, 1, 8, tzinfo=BERLIN),
        updated_at=datetime(2026, 11, 2, 8, tzinfo=tz.UTC),
    )


def full_sent() -> SentFollowUp:
    return SentFollowUp(
        id="s-1",
        kind=SentKind.CHECK_IN,
        at=datetime(2026, 12, 10, 9, 30, tzinfo=BERLIN),
        application_id="app-ü-1",
        interview_id="iv-1",
        to="Ana Lima <ana@example.com> [bold]",
        channel="LinkedIn 💬",
        subject="Checking in — [b]Backend[/b] 日本",
        body="Hi Ana,\n\nA & B ? # % 🐍\n\nBest,\nSam",
    )


RECORDS = [
    pytest.param(full_application, id="application"),
    pytest.param(full_interview, id="interview"),
    pytest.param(full_contact, id="contact"),
    pytest.param(full_sent, id="sent-follow-up"),
]


@pytest.mark.parametrize("build", RECORDS)
def test_every_field_is_filled_in_the_fixtures(build):
    # Guards the round-trip test: a field left at its default would not be exercised.
    record = build()
    default_free = {k: v for k, v in record.to_dict().items() if v in (None, "", [])}
    assert default_free == {}


@pytest.mark.parametrize("build", RECORDS)
def test_round_trip_through_dict(build):
    record = build()
    data = record.to_dict()
    again = type(record).from_dict(data)
    assert again == record
    assert again.to_dict() == data


@pytest.mark.parametrize("build", RECORDS)
def test_round_trip_keeps_instants_and_offsets(build):
    record = build()
    again = type(record).from_dict(record.to_dict())
    for name, value in vars(record).items():
        if isinstance(value, datetime):
            restored = getattr(again, name)
            assert restored.utcoffset() == value.utcoffset(), name
            assert restored == value, name


def test_to_dict_is_plain_data():
    data = full_interview().to_dict()
    assert data["starts_at"] == "2026-12-03T14:00:00-05:00"
    assert data["duration_minutes"] == 95
    assert data["kind"] == "panel"
    assert data["decide_by"] == "2026-12-10"
    assert data["interviewers"][1] == {"name": "Bö [i]Ølsen[/i] 🙂", "email": ""}
    app = full_application().to_dict()
    assert app["status"] == "offer"
    assert app["status_history"][0] == {"status": "applied", "at": "2026-11-02T09:15:00+01:00"}


def test_from_dict_fills_defaults_for_missing_fields():
    app = Application.from_dict({"company": "Acme", "role": "Engineer"})
    assert app.status == Status.APPLIED
    assert app.id  # a fresh id
    assert (app.tags, app.status_history, app.applied_on, app.salary_min) == ([], [], None, None)
    interview = Interview.from_dict({"application_id": "a", "starts_at": "2026-12-03T10:00"})
    assert interview.duration == timedelta(hours=1)
    assert interview.kind == InterviewKind.OTHER
    assert interview.starts_at == datetime(2026, 12, 3, 10, tzinfo=BERLIN)  # naive -> local
    entry = SentFollowUp.from_dict({"at": "2026-11-26T10:00:00+01:00", "application_id": "a"})
    assert (entry.kind, entry.channel, entry.interview_id) == (SentKind.OTHER, "email", None)


def test_interviewers_stored_as_plain_names_are_read():
    interview = Interview.from_dict(
        {"application_id": "a", "starts_at": "2026-12-03T10:00:00+01:00", "interviewers": ["Bo"]}
    )
    assert interview.interviewers == [Person("Bo")]


# ---------------------------------------------------------------------------
# set_status


def test_set_status_appends_history_and_sets_applied_on():
    app = Application("Acme", "Engineer", status=Status.WISHLIST)
    assert app.set_status(Status.APPLIED, NOW) is True
    assert app.status == Status.APPLIED
    assert app.status_history == [StatusChange(Status.APPLIED, NOW)]
    assert app.applied_on == date(2026, 11, 26)
    assert app.status_since() == NOW


def test_set_status_records_each_change_in_order():
    app = Application("Acme", "Engineer", status=Status.WISHLIST)
    steps = [
        (Status.APPLIED, NOW),
        (Status.SCREENING, NOW + timedelta(days=3)),
        (Status.INTERVIEWING, NOW + timedelta(days=8)),
    ]
    for status, at in steps:
        assert app.set_status(status, at)
    assert [(c.status, c.at) for c in app.status_history] == steps
    assert app.applied_on == date(2026, 11, 26)  # not moved by later steps
    assert app.status_since() == NOW + timedelta(days=8)


def test_set_status_to_the_same_status_is_a_no_op():
    app = Application("Acme", "Engineer", status=Status.WISHLIST)
    app.set_status(Status.APPLIED, NOW)
    assert app.set_status(Status.APPLIED, NOW + timedelta(days=1)) is False
    assert len(app.status_history) == 1


def test_set_status_on_a_fresh_record_is_recorded_even_if_equal():
    # The default status is "applied" with no history: the first set_status records it.
    app = Application("Acme", "Engineer")
    assert app.set_status(Status.APPLIED, NOW) is True
    assert app.status_history == [StatusChange(Status.APPLIED, NOW)]
    assert app.applied_on == date(2026, 11, 26)


def test_set_status_keeps_an_existing_applied_on():
    app = Application("Acme", "Engineer", status=Status.WISHLIST, applied_on=date(2026, 11, 2))
    app.set_status(Status.APPLIED, NOW)
    assert app.applied_on == date(2026, 11, 2)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        # 23:30 UTC on the 25th is already the 26th in Berlin.
        (datetime(2026, 11, 25, 23, 30, tzinfo=tz.UTC), date(2026, 11, 26)),
        # 18:30 in New York on the 25th is 00:30 on the 26th in Berlin.
        (datetime(2026, 11, 25, 18, 30, tzinfo=NEW_YORK), date(2026, 11, 26)),
        (datetime(2026, 11, 25, 22, 59, tzinfo=tz.UTC), date(2026, 11, 25)),
    ],
)
def test_applied_on_is_the_local_date(at, expected):
    app = Application("Acme", "Engineer", status=Status.WISHLIST)
    app.set_status(Status.APPLIED, at)
    assert app.applied_on == expected


def test_set_status_to_other_statuses_does_not_set_applied_on():
    app = Application("Acme", "Engineer", status=Status.WISHLIST)
    app.set_status(Status.REJECTED, NOW)
    assert app.applied_on is None
    assert app.closed


def test_status_since_is_none_without_matching_history():
    app = Application("Acme", "Engineer", status=Status.SCREENING)
    assert app.status_since() is None


@pytest.mark.parametrize(
    ("status", "closed"),
    [
        (Status.WISHLIST, False),
        (Status.APPLIED, False),
        (Status.SCREENING, False),
        (Status.INTERVIEWING, False),
        (Status.OFFER, False),
        (Status.ACCEPTED, True),
        (Status.REJECTED, True),
        (Status.WITHDRAWN, True),
        (Status.GHOSTED, True),
    ],
)
def test_closed_statuses(status, closed):
    assert status.closed is closed
    assert Application("Acme", "Engineer", status=status).closed is closed


# ---------------------------------------------------------------------------
# Person.parse


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        ("Ana Lima <ana@x.com>", "Ana Lima", "ana@x.com"),
        ("  Ana Lima   <ana@x.com>  ", "Ana Lima", "ana@x.com"),
        ("Ana Lima<ana@x.com>", "Ana Lima", "ana@x.com"),
        ("Ana Lima ana@x.com", "Ana Lima", "ana@x.com"),
        ("Ana Lima", "Ana Lima", ""),
        ("Bo", "Bo", ""),
        ("Zoë Ølsen 🙂", "Zoë Ølsen 🙂", ""),
        ("<ana@x.com>", "", "ana@x.com"),
        ("ana@x.com", "", "ana@x.com"),
    ],
)
def test_person_parse(text, name, email):
    assert Person.parse(text) == Person(name, email)


@pytest.mark.parametrize(
    "person",
    [Person("Ana Lima", "ana@x.com"), Person("Bo"), Person("Zoë Ølsen", "z@ø.dk")],
)
def test_person_str_parses_back(person):
    assert Person.parse(str(person)) == person


def test_person_str():
    assert str(Person("Ana", "a@x.com")) == "Ana <a@x.com>"
    assert str(Person("Bo")) == "Bo"


# ---------------------------------------------------------------------------
# _Choice.parse


@pytest.mark.parametrize(
    ("enum", "text", "expected"),
    [
        (InterviewKind, "phone", InterviewKind.PHONE_SCREEN),
        (InterviewKind, "Phone screen", InterviewKind.PHONE_SCREEN),
        (InterviewKind, "phone-screen", InterviewKind.PHONE_SCREEN),
        (InterviewKind, "  PHONE_SCREEN ", InterviewKind.PHONE_SCREEN),
        (InterviewKind, "tech", InterviewKind.TECHNICAL),
        (InterviewKind, "on", InterviewKind.ONSITE),
        (InterviewKind, "ot", InterviewKind.OTHER),
        (Status, "int", Status.INTERVIEWING),
        (Status, "screen", Status.SCREENING),
        (Status, "Ghosted", Status.GHOSTED),
        (Status, "wis", Status.WISHLIST),
        (Status, "wit", Status.WITHDRAWN),
        (Status, "app", Status.APPLIED),
        (Status, "acc", Status.ACCEPTED),
        (SentKind, "thank you", SentKind.THANK_YOU),
        (SentKind, "Thank-You", SentKind.THANK_YOU),
        (SentKind, "check", SentKind.CHECK_IN),
    ],
)
def test_choice_parse_reads_loose_input_and_unique_prefixes(enum, text, expected):
    assert enum.parse(text, "field") is expected


@pytest.mark.parametrize(
    ("enum", "text"),
    [
        (InterviewKind, "o"),  # onsite, other
        (Status, "wi"),  # wishlist, withdrawn
        (Status, "a"),  # applied, accepted
        (SentKind, "  "),  # nothing typed
        (InterviewKind, "screen"),  # not a prefix
        (InterviewKind, "phone screen call"),
    ],
)
def test_choice_parse_rejects_ambiguous_or_unknown_input(enum, text):
    with raises_on("kind") as caught:
        enum.parse(text, "kind")
    assert f'unknown value "{text}"' in caught.value.message
    assert ", ".join(m.value for m in enum) in caught.value.message


def test_choice_label():
    assert InterviewKind.PHONE_SCREEN.label == "phone screen"
    assert SentKind.APPLICATION_FOLLOW_UP.label == "application follow up"


# ---------------------------------------------------------------------------
# One name for each thing


def test_an_application_is_named_company_dash_role():
    app = Application(company="[bold]Acme[/]", role="Dev")
    assert app.label == application_label("[bold]Acme[/]", "Dev") == "[bold]Acme[/] — Dev"
    assert record_label(app) == app.label


def test_record_types_link_class_table_and_kind():
    assert [(t.cls, t.table, t.kind) for t in RECORD_TYPES] == [
        (Application, "applications", "application"),
        (Interview, "interviews", "interview"),
        (Contact, "contacts", "contact"),
        (SentFollowUp, "sent", "sent"),
    ]
    for rtype in RECORD_TYPES:
        assert record_type(rtype.cls) is record_type(rtype.table) is record_type(rtype.kind)
    assert record_type(Contact(name="Dana")) is record_type(Contact)
    with pytest.raises(KeyError):
        record_type("trash")


def test_record_labels_and_mentions():
    interview = Interview(application_id="a", starts_at=NOW)
    assert record_label(interview) == "interview Thu 26 Nov 2026 10:00 CET"
    assert record_type(Interview).mention(interview.to_dict()) == (
        "the interview Thu 26 Nov 2026 10:00 CET"
    )
    assert record_type(Contact).mention({"name": "Dana"}) == "the contact Dana"
    assert record_type(Application).mention({"company": "Acme", "role": "Dev"}) == (
        "the application Acme — Dev"
    )
    sent = SentFollowUp(SentKind.THANK_YOU, NOW, "a")
    assert record_label(sent) == "sent thank_you Thu 26 Nov 2026 10:00 CET"


@pytest.mark.parametrize("doc", [{}, {"starts_at": 12}, {"starts_at": "soon"}, {"at": None}])
def test_a_damaged_record_still_has_a_label(doc):
    for rtype in RECORD_TYPES:
        assert isinstance(rtype.label(doc), str)
    assert record_type(Interview).label({"starts_at": "soon"}) == "interview soon"


def test_plural():
    assert plural(1, "interview") == "1 interview"
    assert [plural(n, "follow-up") for n in (0, 2)] == ["0 follow-ups", "2 follow-ups"]
    assert plural(3, "entry", "entries") == "3 entries"
