"""Reading records quickly: the stored form of each field is read directly, and anything
else still goes the general way, with the same value or the same error naming the field."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from jobtui.core import dates
from jobtui.core.model import (
    Application,
    Interview,
    OutOfBoundsError,
    Person,
    ValidationError,
)

INTERVIEW = {"id": "iv-1", "application_id": "app-1", "starts_at": "2026-11-26T10:00:00+01:00"}
APPLICATION = {"id": "app-1", "company": "Acme", "role": "Dev"}

READABLE_TIMES = [
    "2026-11-26T10:00:00+01:00",
    "  2026-11-26T10:00:00+01:00 ",  # spaces around it
    "2026-11-26T10:00:00Z",
    "2026-11-26T10:00:00.123456+05:45",
    "2026-11-26T10:00",  # naive: local time
    "2026-11-26",  # a date alone: local midnight
    "2026-03-29T02:30",  # naive, in Berlin's spring-forward gap: moved forward
    "2026-10-25T02:30",  # naive, in Berlin's autumn fold
    "2200-12-31T23:30:00-05:00",
    "1900-01-01T00:30:00+01:00",
]


@pytest.mark.parametrize("text", READABLE_TIMES)
@pytest.mark.parametrize("name", ["starts_at", "thank_you_sent_at", "created_at"])
def test_a_readable_time_is_what_the_general_reader_makes_of_it(name: str, text: str) -> None:
    read = getattr(Interview.from_dict({**INTERVIEW, name: text}), name)
    expected = dates.from_iso(text)
    assert read == expected
    assert (read.tzinfo, read.utcoffset(), read.fold) == (
        expected.tzinfo,
        expected.utcoffset(),
        expected.fold,
    )


@pytest.mark.parametrize("text", READABLE_TIMES)
def test_an_application_time_reads_the_same_way(text: str) -> None:
    app = Application.from_dict({**APPLICATION, "deadline": text, "updated_at": text})
    assert app.deadline == app.updated_at == dates.from_iso(text)
    assert app.deadline is not None and app.deadline.tzinfo == dates.from_iso(text).tzinfo


def test_a_stored_offset_is_kept() -> None:
    interview = Interview.from_dict({**INTERVIEW, "starts_at": "2026-11-26T09:00:00-08:00"})
    assert interview.starts_at.utcoffset() == timedelta(hours=-8)
    assert interview.starts_at.tzinfo == timezone(timedelta(hours=-8))


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("9999-12-31T23:59:59+00:00", OutOfBoundsError, "is outside the years 1900-2200"),
        ("1800-01-01T00:00:00+00:00", OutOfBoundsError, "is outside the years 1900-2200"),
        ("garbage", ValidationError, 'cannot read "garbage" as an ISO 8601 date-time'),
        ("", ValidationError, 'cannot read "" as an ISO 8601 date-time'),
        (None, ValidationError, "is required"),
    ],
)
def test_a_bad_start_names_the_field(value: object, error: type, message: str) -> None:
    with pytest.raises(error) as caught:
        Interview.from_dict({**INTERVIEW, "starts_at": value})
    assert caught.value.field == "starts_at"
    assert message in str(caught.value)


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59+00:00", "not a time"])
def test_a_bad_optional_time_names_its_field(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Application.from_dict({**APPLICATION, "offer_deadline": value})
    assert caught.value.field == "offer_deadline"


@pytest.mark.parametrize("value", [None, ""])
def test_a_missing_optional_time_is_none(value: object) -> None:
    assert Interview.from_dict({**INTERVIEW, "snoozed_until": value}).snoozed_until is None


@pytest.mark.parametrize("value", [5, 5.5, True, []])
def test_a_time_that_is_not_text_is_refused_naming_its_field(value: object) -> None:
    # The store notes such a record as damaged, and `jobtui check` names the field.
    with pytest.raises(ValidationError, match="must be a date and time as text") as caught:
        Interview.from_dict({**INTERVIEW, "starts_at": value})
    assert caught.value.field == "starts_at"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(45, timedelta(minutes=45)), (60.0, timedelta(hours=1)), (None, timedelta(hours=1))],
)
def test_a_duration_is_read_again_the_same(minutes: object, expected: timedelta) -> None:
    for _ in range(2):  # the second read of a length comes from the lengths seen
        got = Interview.from_dict({**INTERVIEW, "duration_minutes": minutes}).duration
        assert got == expected


@pytest.mark.parametrize(
    ("minutes", "error"),
    [(44_641, OutOfBoundsError), (10**9, OutOfBoundsError), (True, ValidationError)],
)
def test_a_bad_duration_is_refused_every_time(minutes: object, error: type) -> None:
    for _ in range(2):  # a refused length is never remembered as good
        with pytest.raises(error) as caught:
            Interview.from_dict({**INTERVIEW, "duration_minutes": minutes})
        assert caught.value.field == "duration"


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (3, 3), (-3, 0), (2.7, 2), (None, 0)])
def test_a_sequence_is_read_as_before(value: object, expected: int) -> None:
    assert Interview.from_dict({**INTERVIEW, "sequence": value}).sequence == expected


@pytest.mark.parametrize("value", [False, True, "3"])
def test_a_sequence_that_is_not_a_number_names_the_field(value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Interview.from_dict({**INTERVIEW, "sequence": value})
    assert caught.value.field == "sequence"


def test_odd_texts_are_read_as_text() -> None:
    interview = Interview.from_dict(
        {
            **INTERVIEW,
            "where": 5,
            "notes": None,
            "kind": "Final",
            "interviewers": ["Ana", {"name": 5, "email": None}],
        }
    )
    assert (interview.where, interview.notes, interview.kind.value) == ("5", "", "final")
    assert interview.interviewers == [Person("Ana"), Person("5", "")]


class Text(str):
    """A str subclass: read as a plain str, as str() makes of it."""


def test_a_str_subclass_becomes_a_plain_str() -> None:
    app = Application.from_dict({**APPLICATION, "company": Text("Acme")})
    assert app.company == "Acme"


def test_an_application_with_odd_fields() -> None:
    app = Application.from_dict(
        {
            **APPLICATION,
            "status_history": None,
            "tasks": [],
            "tags": ["a", 5],
            "applied_on": " 2026-01-02 ",
            "draft": None,
            "status": "Off",
        }
    )
    assert (app.status_history, app.tasks, app.tags) == ([], [], ["a", "5"])
    assert (app.applied_on, app.draft, app.status.value) == (date(2026, 1, 2), None, "offer")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status_history", [{"status": "applied", "at": "bad"}]),
        ("status_history", [{"status": "nope", "at": "2026-01-01T00:00:00+01:00"}]),
        ("applied_on", "9999-01-01"),
        ("salary_min", True),
        ("offer_vesting_years", 11),
        ("draft", 5),
        ("status", "zz"),
    ],
)
def test_a_bad_application_field_is_named(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as caught:
        Application.from_dict({**APPLICATION, field: value})
    assert caught.value.field in {field, "status_history"}


def test_a_whole_record_reads_back_as_written() -> None:
    app = Application.from_dict({**APPLICATION, "created_at": "2026-11-20T09:00:00+01:00"})
    interview = Interview.from_dict(
        {**INTERVIEW, "interviewers": [{"name": "Ana", "email": "a@x"}], "sequence": 2}
    )
    assert Application.from_dict(app.to_dict()) == app
    assert Interview.from_dict(interview.to_dict()) == interview
    assert isinstance(app.created_at, datetime)
