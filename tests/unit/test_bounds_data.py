"""Bounds at the door: input that would break the store is refused where it comes in.

A date in year 9999, a salary of 10**30, a 14 MB note, a JSON file nested thousands deep,
a CSV row with a million columns: each was accepted (or crashed), and the first two then
made every later command fail. Each is refused now, with the field and the limit named, and
nothing is written.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from jobtui.config import FollowUpRules
from jobtui.core import dates, followup
from jobtui.core.fields import find_field, parse_money, parse_value, set_field
from jobtui.core.model import (
    MAX_MONEY,
    MAX_TEXT,
    Application,
    Contact,
    Interview,
    SentFollowUp,
    SentKind,
    Status,
    ValidationError,
)

RANGE = "outside the years 1900-2200"
MONEY_LIMIT = "1,000,000,000,000"


def _contents(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


@pytest.fixture
def app_id(jobtui, db_path) -> str:
    code, out, err = jobtui("add", "Acme", "Backend Engineer", "--applied", "2026-11-20")
    assert code == 0, err
    return out.strip()


@pytest.fixture
def interview_id(jobtui, app_id) -> str:
    code, out, err = jobtui("interview", app_id, "2026-12-01 10:00")
    assert code == 0, err
    return out.strip()


# --------------------------------------------------------------------------
# Dates typed on the command line


@pytest.mark.parametrize("typed", ["9999-12-31", "in 99999999 days", "0001-01-01", "+500y"])
def test_add_refuses_an_applied_date_outside_the_range(jobtui, db_path, typed):
    code, _out, err = jobtui("add", "Acme", "Dev", "--applied", typed)
    assert code == 1
    assert "applied" in err and RANGE in err and typed in err
    assert not db_path.exists()


def test_a_date_at_either_end_of_the_range_is_accepted(jobtui):
    for typed in ("1900-01-01", "2200-12-31"):
        # A future applied date is a wishlist's only (it is when you mean to apply).
        code, out, err = jobtui(
            "add", "Acme", f"Dev {typed}", "--applied", typed, "--status", "wishlist"
        )
        assert code == 0, err
    code, out, err = jobtui("list", "--json")
    assert code == 0, err
    assert {row["applied_on"] for row in json.loads(out)} == {"1900-01-01", "2200-12-31"}


def test_interview_refuses_a_start_outside_the_range(jobtui, db_path, app_id):
    before = _contents(db_path)
    code, _out, err = jobtui("interview", app_id, "Dec 31 9999 10am")
    assert code == 1
    assert "when" in err and RANGE in err
    assert _contents(db_path) == before


def test_interview_refuses_a_duration_beyond_a_month(jobtui, db_path, app_id):
    before = _contents(db_path)
    code, _out, err = jobtui(
        "interview", app_id, "2026-12-01 10:00", "--duration", "99999999999999h"
    )
    assert code == 1
    assert "duration" in err and "at most 31 days" in err
    assert _contents(db_path) == before


@pytest.mark.parametrize("typed", ["9999-12-31", "in 99999999 days", "+9999999999999w"])
def test_snooze_refuses_a_date_outside_the_range(jobtui, db_path, app_id, typed):
    before = _contents(db_path)
    code, _out, err = jobtui("snooze", app_id, typed)
    assert code == 1
    assert "until" in err and RANGE in err
    assert _contents(db_path) == before


@pytest.mark.parametrize(
    ("target", "assignment", "field"),
    [
        ("app", "applied_on=9999-12-31", "applied_on"),
        ("app", "snooze=in 99999999 days", "snoozed_until"),
        ("interview", "when=9999-12-31 10:00", "starts_at"),
        ("interview", "decide_by=2201-01-01", "decide_by"),
        ("interview", "ends_at=2200-12-31 10:00", "ends_at"),
        ("interview", "duration=99999999h", "duration"),
    ],
)
def test_set_refuses_dates_and_durations_out_of_bounds(
    jobtui, db_path, app_id, interview_id, target, assignment, field
):
    before = _contents(db_path)
    code, _out, err = jobtui("set", app_id if target == "app" else interview_id, assignment)
    assert code == 1
    assert f"{field}:" in err
    assert RANGE in err or "at most 31 days" in err
    assert _contents(db_path) == before


# --------------------------------------------------------------------------
# Money


def test_add_refuses_a_salary_of_ten_to_the_thirty(jobtui, db_path):
    code, _out, err = jobtui("add", "Acme", "Dev", "--salary-min", "1" + "0" * 30)
    assert code == 1
    assert "salary_min" in err and MONEY_LIMIT in err
    assert not db_path.exists()


def test_set_refuses_a_salary_above_the_bound(jobtui, db_path, app_id):
    before = _contents(db_path)
    code, _out, err = jobtui("set", app_id, "salary_max=" + "9" * 5000)
    assert code == 1
    assert "salary_max" in err and MONEY_LIMIT in err
    assert _contents(db_path) == before


def test_the_largest_salary_is_accepted(jobtui, app_id):
    code, _out, err = jobtui("set", app_id, f"salary_max={MAX_MONEY}")
    assert code == 0, err


def test_parse_money_names_the_field_and_the_bound():
    assert parse_money("1000000000k", "salary_min") == MAX_MONEY
    with pytest.raises(ValidationError) as caught:
        parse_money("1000000001k", "salary_min")
    assert caught.value.field == "salary_min" and MONEY_LIMIT in caught.value.message


# --------------------------------------------------------------------------
# Text size


def test_add_refuses_notes_over_the_text_limit(jobtui, db_path):
    code, _out, err = jobtui("add", "Acme", "Dev", "--notes", "x" * (MAX_TEXT + 1))
    assert code == 1
    assert "notes" in err and f"{MAX_TEXT:,}" in err
    assert not db_path.exists()


def test_set_refuses_a_field_over_the_text_limit(jobtui, db_path, app_id):
    before = _contents(db_path)
    code, _out, err = jobtui("set", app_id, "company=" + "A" * (MAX_TEXT + 1))
    assert code == 1
    assert "company" in err and f"{MAX_TEXT:,}" in err
    assert _contents(db_path) == before


def test_a_note_of_exactly_the_limit_is_kept(now):
    app = Application(company="Acme", role="Dev")
    set_field(app, "notes", "n" * MAX_TEXT, now)
    assert len(app.notes) == MAX_TEXT


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Application(company="Acme", role="Dev"), "role"),
        (Application(company="Acme", role="Dev"), "url"),
        (Application(company="Acme", role="Dev"), "tags"),
        (Interview(application_id="a", starts_at=datetime(2026, 12, 1, tzinfo=tz.UTC)), "where"),
        (Interview(application_id="a", starts_at=datetime(2026, 12, 1, tzinfo=tz.UTC)), "liked"),
        (Contact(name="Ana"), "notes"),
    ],
)
def test_a_form_field_over_the_text_limit_is_refused_and_the_record_unchanged(now, record, field):
    before = getattr(record, field)
    with pytest.raises(ValidationError) as caught:
        set_field(record, field, "x" * (MAX_TEXT + 1), now)
    assert caught.value.field == field and f"{MAX_TEXT:,}" in caught.value.message
    assert getattr(record, field) == before


@pytest.mark.parametrize(
    "record",
    [
        Application(company="Acme", role="Dev", notes="x" * (MAX_TEXT + 1)),
        Interview(
            application_id="a",
            starts_at=datetime(2026, 12, 1, tzinfo=tz.UTC),
            notes="x" * (MAX_TEXT + 1),
        ),
        Contact(name="Ana", notes="x" * (MAX_TEXT + 1)),
    ],
)
def test_validate_refuses_a_text_over_the_limit(record):
    with pytest.raises(ValidationError) as caught:
        record.validate()
    assert caught.value.field == "notes"


# --------------------------------------------------------------------------
# Stored records outside the bounds (written by an older jobtui, or by hand)


def _edit_stored(db_path: Path, table: str, record_id: str, **changes) -> None:
    data = json.loads(db_path.read_text(encoding="utf-8"))
    data[table][record_id].update(changes)
    db_path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("table", "field", "value"),
    [
        ("applications", "applied_on", "9999-12-31"),
        ("applications", "snoozed_until", "9999-12-31T23:59:59+00:00"),
        ("applications", "salary_min", 10**30),
        ("interviews", "starts_at", "9999-12-31T10:00:00+01:00"),
        ("interviews", "duration_minutes", 10**12),
    ],
)
def test_a_stored_record_out_of_bounds_does_not_break_reading(jobtui, db_path, table, field, value):
    code, bad, err = jobtui("add", "Broken", "Dev", "--applied", "2026-11-02")
    bad = bad.strip()
    code, _good, err = jobtui("add", "Good Corp", "Dev", "--applied", "2026-11-10")
    record_id = bad
    if table == "interviews":
        code, out, err = jobtui("interview", bad, "2026-11-20 10:00")
        record_id = out.strip()
    _edit_stored(db_path, table, record_id, **{field: value})
    before = _contents(db_path)

    for command in (["list"], ["followups"], ["export", "--format", "ics"]):
        code, out, err = jobtui(*command)
        assert code == 0, (command, err)
        assert "jobtui check" in err, command
    code, out, err = jobtui("list")
    assert "Good Corp" in out
    code, out, err = jobtui("check")
    assert code == 1
    assert record_id[:8] in out and field.split("_minutes")[0] in out
    assert _contents(db_path) == before


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        (Application, {"company": "A", "role": "B", "applied_on": "9999-12-31"}, "applied_on"),
        (Application, {"company": "A", "role": "B", "salary_max": 1e400}, "salary_max"),
        (Application, {"company": "A", "role": "B", "salary_min": 10**30}, "salary_min"),
        (
            Application,
            {
                "company": "A",
                "role": "B",
                "status_history": [{"status": "applied", "at": "0001-01-01"}],
            },
            "status_history",
        ),
        (Interview, {"application_id": "a", "starts_at": "9999-12-31T23:59:59-12:00"}, "starts_at"),
        (
            Interview,
            {"application_id": "a", "starts_at": "2026-12-01T10:00", "duration_minutes": 10**12},
            "duration",
        ),
        (Contact, {"name": "Ana", "created_at": "2201-01-01T00:00:00+00:00"}, "created_at"),
        (SentFollowUp, {"application_id": "a", "kind": "other", "at": "1899-12-31"}, "at"),
    ],
)
def test_from_dict_refuses_values_out_of_bounds_naming_the_field(kind, data, field):
    with pytest.raises(ValidationError) as caught:
        kind.from_dict(data).validate()
    assert caught.value.field == field


# --------------------------------------------------------------------------
# CSV imports


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_date_outside_the_range_is_reported_by_line(jobtui, db_path, tmp_path):
    csv_file = _write(
        tmp_path / "jobs.csv",
        "Company,Role,Date Applied\nAcme,Dev,2026-11-02\nBeta,QA,9999-12-31\n"
        "Gamma,SRE,12/31/9999\nDelta,PM,Dec 31 9999\n",
    )
    code, out, err = jobtui("import", str(csv_file))
    assert code == 1
    for line in (3, 4, 5):
        assert f'line {line}: "Date Applied": ' in err and RANGE in err
    assert out.startswith("1 added")
    code, out, err = jobtui("list", "--json")
    assert [row["company"] for row in json.loads(out)] == ["Acme"]


def test_a_csv_follow_up_date_far_ahead_is_not_a_snooze(jobtui, db_path, tmp_path):
    csv_file = _write(tmp_path / "jobs.csv", "Company,Role,Follow Up\nAcme,Dev,9999-12-31\n")
    code, _out, err = jobtui("import", str(csv_file))
    assert code == 1
    assert '"Follow Up": "9999-12-31" is ' + RANGE in err
    assert not db_path.exists()


def test_a_csv_salary_above_the_bound_is_reported_by_line(jobtui, db_path, tmp_path):
    csv_file = _write(tmp_path / "jobs.csv", "Company,Role,Salary\nAcme,Dev,1" + "0" * 30 + "\n")
    code, _out, err = jobtui("import", str(csv_file))
    assert code == 1
    assert 'line 2: "Salary": ' in err and MONEY_LIMIT in err
    assert not db_path.exists()


def test_a_csv_with_a_million_columns_is_refused_naming_the_line(jobtui, db_path, tmp_path):
    columns = 1_000_000
    header = "Company,Role," + ",".join(f"c{i}" for i in range(columns - 2))
    row = "Acme,Dev," + ",".join("x" * (columns - 2))
    csv_file = _write(tmp_path / "wide.csv", f"{header}\n{row}\n")
    code, _out, err = jobtui("import", str(csv_file))
    assert code == 1
    assert "line 1: 1,000,000 columns" in err and "1,000 columns" in err
    assert not db_path.exists()


def test_a_csv_row_wider_than_the_cap_is_reported_and_the_others_imported(
    jobtui, db_path, tmp_path
):
    wide = "Beta,QA," + ",".join(["x"] * 5000)
    csv_file = _write(tmp_path / "jobs.csv", f"Company,Role\nAcme,Dev\n{wide}\nGamma,SRE\n")
    code, out, err = jobtui("import", str(csv_file))
    assert code == 1
    assert "line 3: 5,002 values, more than the 1,000 columns" in err
    code, out, err = jobtui("list", "--json")
    assert sorted(row["company"] for row in json.loads(out)) == ["Acme", "Gamma"]


def test_a_csv_row_whose_notes_exceed_the_limit_is_reported_by_line(jobtui, db_path, tmp_path):
    # 900 extra columns of 2,000 characters: each cell is fine, their notes are 1.8 MB.
    header = "Company,Role," + ",".join(f"c{i}" for i in range(900))
    big = "Beta,QA," + ",".join(["y" * 2000] * 900)
    csv_file = _write(tmp_path / "jobs.csv", f"{header}\nAcme,Dev\n{big}\n")
    code, out, err = jobtui("import", str(csv_file))
    assert code == 1
    assert "line 3: notes: is " in err and f"the limit is {MAX_TEXT:,}" in err
    code, out, err = jobtui("list", "--json")
    assert [row["company"] for row in json.loads(out)] == ["Acme"]


def test_a_long_csv_note_within_the_limit_is_imported(jobtui, db_path, tmp_path):
    # Longer than the csv module's own 128 KiB limit, shorter than jobtui's.
    note = "n" * 300_000
    csv_file = _write(tmp_path / "jobs.csv", f"Company,Role,Notes\nAcme,Dev,{note}\nBeta,QA,\n")
    code, out, err = jobtui("import", str(csv_file))
    assert code == 0, err
    code, out, err = jobtui("list", "--json")
    acme = next(row["id"] for row in json.loads(out) if row["company"] == "Acme")
    code, out, err = jobtui("show", acme, "--json")
    assert json.loads(out)["notes"] == note


def test_a_csv_cell_over_the_limit_is_reported_by_line(jobtui, db_path, tmp_path):
    note = "n" * (MAX_TEXT + 10)
    csv_file = _write(tmp_path / "jobs.csv", f"Company,Role,Notes\nAcme,Dev,\nBeta,QA,{note}\n")
    code, _out, err = jobtui("import", str(csv_file))
    assert code == 1
    assert f"line 3: not readable as CSV (a value is longer than {MAX_TEXT:,} characters)" in err


# --------------------------------------------------------------------------
# JSON imports


def _export(tmp_path: Path, applications: list | str, **more) -> Path:
    body = applications if isinstance(applications, str) else json.dumps(applications)
    extra = "".join(f', "{k}": {json.dumps(v)}' for k, v in more.items())
    return _write(
        tmp_path / "export.json", f'{{"jobtui_export": 1, "applications": {body}{extra}}}'
    )


def test_json_nested_thousands_deep_is_refused_with_the_line(jobtui, db_path, tmp_path):
    deep = "\n" + "[" * 100_000 + "]" * 100_000
    path = _export(tmp_path, deep)
    code, _out, err = jobtui("import", str(path))
    assert code == 1
    assert "line 2: nested more than 20 levels deep" in err
    assert "Recursion" not in err
    assert not db_path.exists()


def test_json_nesting_inside_strings_does_not_count(jobtui, db_path, tmp_path):
    path = _export(tmp_path, [{"company": "Acme", "role": "Dev", "notes": "[" * 100 + '\\"{'}])
    code, _out, err = jobtui("import", str(path))
    assert code == 0, err


def test_json_nested_within_a_record_field_is_refused(jobtui, db_path, tmp_path):
    nested: object = "x"
    for _ in range(30):
        nested = [nested]
    path = _export(tmp_path, [{"company": "Acme", "role": "Dev", "tags": nested}])
    code, _out, err = jobtui("import", str(path))
    assert code == 1
    assert "nested more than 20 levels deep" in err
    assert not db_path.exists()


def test_json_number_of_thousands_of_digits_is_a_message(jobtui, db_path, tmp_path):
    path = _export(tmp_path, '[{"company": "A", "role": "B", "salary_min": ' + "9" * 5000 + "}]")
    code, _out, err = jobtui("import", str(path))
    assert code == 1
    assert "holds a number too long to read" in err
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"applied_on": "9999-12-31"}, "application 1: applied_on: " + '"9999-12-31" is ' + RANGE),
        ({"salary_min": 1e400}, "application 1: salary_min: must be a number"),
        ({"salary_max": 10**30}, f"application 1: salary_max: {10**30:,} is more than"),
        ({"notes": "x" * (MAX_TEXT + 1)}, "application 1: notes: is 1,000,001 characters long"),
    ],
)
def test_json_record_out_of_bounds_is_reported_and_not_imported(
    jobtui, db_path, tmp_path, record, message
):
    path = _export(tmp_path, [{"company": "Acme", "role": "Dev", **record}])
    code, out, err = jobtui("import", str(path))
    assert code == 1
    assert message in err
    assert out.startswith("0 added")
    assert not db_path.exists() or "Acme" not in db_path.read_text(encoding="utf-8")


def test_json_interview_lasting_centuries_is_reported(jobtui, db_path, tmp_path):
    app = {"id": "app-1", "company": "Acme", "role": "Dev"}
    interview = {
        "id": "iv-1",
        "application_id": "app-1",
        "starts_at": "2026-12-01T10:00:00+01:00",
        "duration_minutes": 10**12,
    }
    path = _export(tmp_path, [app], interviews=[interview])
    code, _out, err = jobtui("import", str(path))
    assert code == 1
    assert (
        "interview 1: duration: " in err
        and "must be at most 31 days, not 1,000,000,000,000 minutes" in err
    )


# --------------------------------------------------------------------------
# No date arithmetic overflows at the ends of the range


def test_follow_ups_at_the_end_of_the_range_and_huge_rules_do_not_overflow():
    last = datetime(2200, 12, 31, 23, 59, tzinfo=dates.local_tz())
    first = datetime(1900, 1, 1, tzinfo=dates.local_tz())
    huge = FollowUpRules(
        thank_you_overdue_hours=10**15,
        check_in_business_days=10**15,
        after_decision_business_days=10**15,
        application_business_days=10**15,
        overdue_grace_business_days=10**15,
        upcoming_days=10**15,
    )
    for moment in (first, last):
        app = Application(company="Acme", role="Dev", applied_on=moment.date())
        app.set_status(Status.APPLIED, moment)
        app.snoozed_until = last
        interview = Interview(
            application_id=app.id,
            starts_at=moment,
            duration=dates.MAX_DURATION,
            decide_by=date(2200, 12, 31),
            snoozed_until=last,
        )
        sent = [SentFollowUp(kind=SentKind.CHECK_IN, at=moment, application_id=app.id)]
        for rules in (FollowUpRules(), huge):
            for now in (first, last):
                followup.followups_for(app, [interview], sent, now, rules)
                followup.followups_for(app, [], [], now, rules)


def test_business_days_at_the_ends_of_the_range():
    assert dates.add_business_days(date(2200, 12, 31), 5) == date(2201, 1, 7)
    assert dates.add_business_days(date(1900, 1, 1), -5) == date(1899, 12, 25)


def test_parse_value_refuses_huge_text_before_reading_it(now):
    spec = find_field(Application(company="A", role="B"), "applied")
    with pytest.raises(ValidationError) as caught:
        parse_value(spec, "tomorrow " * 200_000, now)
    assert caught.value.field == "applied_on" and f"{MAX_TEXT:,}" in caught.value.message


def test_dates_module_bounds():
    now = datetime(2026, 11, 26, 10, tzinfo=tz.gettz("Europe/Berlin"))
    assert dates.parse_day("2200-12-31", now) == date(2200, 12, 31)
    assert dates.parse_day("1900-01-01", now) == date(1900, 1, 1)
    for typed in (
        "2201-01-01",
        "1899-12-31",
        "in 175 years",
        "200 years ago",
        "+1" + "0" * 5000 + "d",
    ):
        with pytest.raises(dates.DateParseError) as caught:
            dates.parse_when(typed, now)
        assert RANGE in str(caught.value)
    assert dates.parse_duration("744h") == dates.MAX_DURATION == timedelta(days=31)
    with pytest.raises(dates.DateParseError, match="at most 31 days"):
        dates.parse_duration("745h")
