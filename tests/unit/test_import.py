"""Importing: every supported format from real-shaped files, dedupe, bad rows, encodings,
and the all-or-nothing write into a real store on disk."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from jobtui.core import dates
from jobtui.core.model import (
    Application,
    Contact,
    Interview,
    InterviewKind,
    Person,
    SentFollowUp,
    SentKind,
    Status,
)
from jobtui.db.datafile import DatabaseFile
from jobtui.db.store import Store
from jobtui.io.importing import (
    FORMATS,
    ImportFileError,
    apply_import,
    detect_format,
    normalize_url,
    plan_import,
    plan_import_into,
    read_rows,
    status_from_text,
)

DATA = Path(__file__).parent.parent / "data"
LINKEDIN = DATA / "linkedin_job_applications.csv"
LINKEDIN_SAVED = DATA / "linkedin_saved_jobs.csv"
TEAL = DATA / "teal.csv"
HUNTR = DATA / "huntr.csv"
GENERIC = DATA / "generic.csv"
MALFORMED = DATA / "malformed.csv"


@pytest.fixture
def store(db_path, now):
    s = Store(db_path, clock=lambda: now)
    yield s
    s.close()


def _local(*args: int) -> datetime:
    return datetime(*args, tzinfo=dates.local_tz())


def _import(store: Store, path: Path, now: datetime, **kwargs):
    return apply_import(store, plan_import_into(store, path, now, **kwargs))


def _by_company(store: Store) -> dict[str, Application]:
    return {(app.company, app.role): app for app in store.applications()}


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- detection -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (LINKEDIN, "linkedin-applications"),
        (LINKEDIN_SAVED, "linkedin-saved"),
        (TEAL, "teal"),
        (HUNTR, "huntr"),
        (GENERIC, "csv"),
        (MALFORMED, "csv"),
    ],
)
def test_each_sample_file_is_recognised_by_its_headers(path, expected):
    assert detect_format(path) == expected
    assert expected in FORMATS


# -- LinkedIn ------------------------------------------------------------------


def test_linkedin_job_applications_land_with_dates_times_and_answers(store, db_path, now):
    plan = _import(store, LINKEDIN, now)
    assert plan.format == "linkedin-applications"
    assert plan.summary(done=True) == "3 added, 0 updated, 0 already there, 0 bad rows"
    # The first row's answers span three physical lines, so the next row starts on line 5.
    assert [row.line for row in plan.add] == [2, 5, 6]

    apps = _by_company(store)
    nordwind = apps["Nordwind Logistics GmbH", "Senior Python Developer"]
    assert nordwind.status == Status.APPLIED
    assert nordwind.applied_on == date(2025, 11, 3)  # "11/3/25": US month/day/year
    assert [(c.status, c.at) for c in nordwind.status_history] == [
        (Status.APPLIED, _local(2025, 11, 3, 14, 15))
    ]
    assert nordwind.url == "https://www.linkedin.com/jobs/view/4012345678"
    assert nordwind.source == "LinkedIn"
    assert nordwind.created_at == now
    assert nordwind.notes == (
        "Imported fields:\n"
        "- Contact Email: ana.lima@example.com\n"
        "- Contact Phone Number: +49 151 23456789\n"
        "- Resume Name: Ana_Lima_CV_2025.pdf\n"
        "- Question And Answers: How many years of work experience do you have with Python?: 8\n"
        "  Are you legally authorized to work in Germany?: Yes\n"
        "  What is your expected salary, in EUR?: 75,000"
    )
    # LinkedIn's contact columns are the applicant's own details, not a recruiter.
    assert store.contacts() == []
    kraken = apps["Kraken Data, Inc.", "Backend Engineer (Go/Python)"]
    assert kraken.status_history[0].at == _local(2025, 10, 28, 9, 2)

    on_disk = orjson.loads(db_path.read_bytes())["applications"]
    assert {doc["company"] for doc in on_disk.values()} == {
        "Nordwind Logistics GmbH",
        "Kraken Data, Inc.",
        "Helio Energy",
    }


def test_linkedin_saved_jobs_are_wishlist_without_an_applied_date(store, now):
    _import(store, LINKEDIN_SAVED, now)
    apps = _by_company(store)
    saved = apps["Nordwind Logistics GmbH", "Senior Python Developer"]
    assert saved.status == Status.WISHLIST
    assert saved.applied_on is None
    assert [(c.status, c.at) for c in saved.status_history] == [
        (Status.WISHLIST, _local(2025, 11, 1, 9, 41))
    ]


def test_a_saved_job_later_applied_to_is_moved_forward_not_duplicated(store, now):
    _import(store, LINKEDIN_SAVED, now)
    saved = _by_company(store)["Nordwind Logistics GmbH", "Senior Python Developer"]

    plan = _import(store, LINKEDIN, now)
    assert plan.summary(done=True) == "2 added, 1 updated, 0 already there, 0 bad rows"
    _, before = plan.update[0]
    assert before.id == saved.id
    assert plan.report_lines()[2] == (
        "update  line 2: Nordwind Logistics GmbH — Senior Python Developer (wishlist -> applied)"
    )

    apps = store.applications()
    assert len(apps) == 4  # 2 saved + 3 applied - 1 that is the same job
    after = store.get_application(saved.id)
    assert after.status == Status.APPLIED
    assert after.applied_on == date(2025, 11, 3)
    assert [c.status for c in after.status_history] == [Status.WISHLIST, Status.APPLIED]
    assert "Question And Answers" in after.notes  # nothing from the row is lost

    again = plan_import_into(store, LINKEDIN, now)
    assert again.summary() == "0 to add, 0 to update, 3 already there, 0 bad rows"


# -- Teal and Huntr -------------------------------------------------------------


def test_teal_export_statuses_salaries_and_follow_ups(store, now):
    plan = _import(store, TEAL, now)
    assert plan.summary(done=True) == "6 added, 0 updated, 0 already there, 0 bad rows"
    apps = _by_company(store)

    lumen = apps["Lumen Health", "Data Engineer"]
    assert lumen.status == Status.APPLIED
    assert lumen.applied_on == date(2025, 11, 10)
    assert lumen.status_history[0].at == _local(2025, 11, 10, 14, 45)  # 13:45Z in Berlin
    assert (lumen.salary_min, lumen.salary_max, lumen.salary_currency) == (70000, 85000, "EUR")
    assert lumen.location == "Berlin, Germany"
    # A follow-up date still ahead becomes a snooze: no nagging before then.
    assert lumen.snoozed_until == _local(2026, 12, 1, 10, 0)
    assert lumen.notes.startswith("Referred by Tom (ex-colleague)\n\nImported fields:\n")
    assert "- excitement: 4" in lumen.notes

    quartz = apps["Quartz Analytics", "Senior Data Engineer"]
    assert quartz.status == Status.INTERVIEWING
    assert (quartz.salary_min, quartz.salary_max, quartz.salary_currency) == (95000, 110000, "EUR")

    fernweh = apps["Fernweh Travel", "Analytics Engineer"]
    assert fernweh.status == Status.WISHLIST
    assert fernweh.applied_on is None
    assert fernweh.status_history[0].at == _local(2025, 11, 21, 8, 30)  # when it was saved

    assert apps["Oakridge Bank", "Data Platform Engineer"].status == Status.REJECTED
    assert apps["Polaris AI", "ML Engineer"].status == Status.GHOSTED  # "No Response 🔕"
    archived = apps["Copperleaf", "Data Engineer II"]
    assert archived.status == Status.APPLIED
    assert "- statusName: Archived (not a jobtui status; imported as applied)" in archived.notes


def test_huntr_board_lists_and_a_multiline_description(store, now):
    plan = _import(store, HUNTR, now)
    assert plan.format == "huntr"
    assert [row.line for row in plan.add] == [2, 4, 5, 6, 7]
    apps = _by_company(store)
    zephyr = apps["Zephyr Mobility", "Senior Backend Engineer"]
    assert zephyr.status == Status.INTERVIEWING
    assert zephyr.applied_on == date(2025, 11, 4)
    assert (zephyr.salary_min, zephyr.salary_max, zephyr.salary_currency) == (140000, 160000, "USD")
    assert zephyr.notes == "Phone screen went well, tech round 12/1"
    # The job's description is its posting, kept as such (shown by p, searched by /).
    assert zephyr.description == (
        "We are looking for a backend engineer\nwith experience in Python and Postgres."
    )
    assert apps["Ironbark Software", "Python Developer"].applied_on == date(2025, 10, 21)
    assert apps["Marlin Games", "Tools Programmer"].status == Status.WISHLIST
    ridgeway = apps["Ridgeway Labs", "Platform Engineer"]
    assert (ridgeway.status, ridgeway.salary_min, ridgeway.salary_currency) == (
        Status.REJECTED,
        90000,
        "EUR",
    )
    assert apps["Sable & Co", "DevOps Engineer"].status == Status.OFFER


# -- generic CSV ---------------------------------------------------------------


def test_generic_csv_synonyms_unknown_columns_and_contacts(store, now):
    plan = _import(store, GENERIC, now)
    assert plan.format == "csv"
    assert plan.summary(done=True) == "6 added, 0 updated, 0 already there, 0 bad rows"
    apps = _by_company(store)

    sre = apps["Acme Corp", "Site Reliability Engineer"]
    assert sre.status == Status.SCREENING  # "Phone Screen"
    assert sre.applied_on == date(2025, 11, 12)
    assert sre.status_history[0].at == _local(2025, 11, 12, 9, 0)
    assert sre.url == "https://acme.example/jobs/sre-1?gh_jid=4411"
    assert (sre.location, sre.source) == ("Berlin", "Referral")
    assert (sre.salary_min, sre.salary_max, sre.salary_currency) == (80000, 95000, "EUR")
    assert sre.tags == ["sre", "oncall"]
    assert sre.notes == (
        "Met the team at PyCon\n\nImported fields:\n- Referral: Yes (Tom)\n- Priority: High"
    )

    contacts = {c.name: c for c in store.contacts()}
    assert set(contacts) == {"Jane Smith", "Bill Lumbergh"}  # one Jane for two Acme rows
    jane = contacts["Jane Smith"]
    assert (jane.email, jane.phone, jane.company) == (
        "jane.smith@acme.example",
        "+49 30 1234567",
        "Acme Corp",
    )
    assert sre.contact_ids == [jane.id]
    assert apps["Acme Corp", "Platform Engineer"].contact_ids == [jane.id]
    assert contacts["Bill Lumbergh"].email == "bill@initech.example"  # "Name <email>"

    assert apps["Initech", "Python Engineer"].status == Status.WITHDRAWN  # "Declined"
    assert apps["Umbrella", "Research Engineer"].status == Status.GHOSTED
    hooli = apps["Hooli", "Data Scientist"]
    assert hooli.status == Status.APPLIED
    assert hooli.applied_on is None  # the file gives no date, so none is made up
    assert "- Stage: Someday Maybe (not a jobtui status; imported as applied)" in hooli.notes


def test_a_contact_already_stored_is_linked_not_copied(store, now):
    jane = Contact(name="Jane Smith", email="Jane.Smith@acme.example", company="Acme")
    store.save(jane)
    _import(store, GENERIC, now)
    assert [c.name for c in store.contacts()].count("Jane Smith") == 1
    assert _by_company(store)["Acme Corp", "Site Reliability Engineer"].contact_ids == [jane.id]


def test_semicolon_csv_with_excel_sep_line_and_german_dates(tmp_path, now):
    path = _write(
        tmp_path,
        "bewerbungen.csv",
        "sep=;\nCompany;Role;Applied;Salary\n"
        "Nordwind;Entwickler;03.11.2025;60.000 €\n"
        "Südhafen;Architekt;04.11.2025;\n",
    )
    plan = plan_import(path, [], now)
    assert plan.errors == []
    first = plan.add[0]
    assert first.line == 3
    assert first.application.applied_on == date(2025, 11, 3)  # day.month.year
    assert (first.application.salary_min, first.application.salary_currency) == (60000, "EUR")
    assert any("day.month.year" in note for note in plan.notes)


def test_a_column_with_a_day_above_12_fixes_the_date_order(tmp_path, now):
    path = _write(
        tmp_path,
        "dates.csv",
        "Company,Role,Date Applied\nA,Dev,03/11/2025\nB,Dev,25/11/2025\n",
    )
    plan = plan_import(path, [], now)
    assert [r.application.applied_on for r in plan.add] == [date(2025, 11, 3), date(2025, 11, 25)]
    assert plan.notes == []


# -- bad rows ----------------------------------------------------------------------


def test_malformed_rows_are_reported_by_line_and_the_rest_import(store, db_path, now):
    plan = _import(store, MALFORMED, now)
    assert plan.errors == [
        'line 3: "Company" is empty (every row needs a company and a role)',
        'line 4: "Date Applied": cannot read "31/31/25" as a date',
        'line 6: "Title" is empty (every row needs a company and a role)',
    ]
    assert plan.summary(done=True) == "2 added, 0 updated, 0 already there, 3 bad rows"
    apps = _by_company(store)
    assert set(apps) == {("Good One", "Engineer"), ("Another Good", "Manager")}
    assert apps["Another Good", "Manager"].applied_on == date(2025, 11, 3)  # "Nov 3, 2025"
    assert len(orjson.loads(db_path.read_bytes())["applications"]) == 2


def test_an_unclosed_quote_is_reported_at_its_line(tmp_path, now):
    path = _write(
        tmp_path,
        "broken.csv",
        'Company,Role,Notes\nA,Dev,fine\nB,Dev,"never closed\nC,Dev,swallowed\n',
    )
    plan = plan_import(path, [], now)
    assert [r.application.company for r in plan.add] == ["A"]
    assert plan.errors[0].startswith("line 3: a quoted value starting here is never closed")


def test_a_bad_contact_email_is_a_bad_row(tmp_path, now):
    path = _write(tmp_path, "c.csv", "Company,Role,Contact Email\nA,Dev,n/a\nB,Dev,b@b.example\n")
    plan = plan_import(path, [], now)
    assert plan.errors == ['line 2: "Contact Email": "n/a" is not an email address']
    assert [r.application.company for r in plan.add] == ["B"]


def test_free_text_salary_is_kept_in_the_notes_not_guessed(tmp_path, now):
    path = _write(tmp_path, "s.csv", "Company,Role,Salary\nA,Dev,competitive\nB,Dev,$50/hr\n")
    plan = plan_import(path, [], now)
    assert plan.errors == []
    for row, text in zip(plan.add, ["competitive", "$50/hr"], strict=True):
        assert row.application.salary_min is None
        assert row.application.notes == f"Imported fields:\n- Salary: {text}"


# -- duplicates --------------------------------------------------------------------


@pytest.mark.parametrize("path", [LINKEDIN, LINKEDIN_SAVED, TEAL, HUNTR, GENERIC, MALFORMED])
def test_re_importing_the_same_file_adds_nothing(store, db_path, now, path):
    _import(store, path, now)
    before = db_path.read_bytes()
    counts = store.counts()

    plan = _import(store, path, now)
    assert plan.add == []
    assert plan.update == []
    assert all(why.startswith("already there: ") for _, why in plan.skip)
    assert store.counts() == counts
    assert db_path.read_bytes() == before  # not even rewritten


def test_rows_repeated_in_one_file_are_skipped(tmp_path, now):
    path = _write(
        tmp_path,
        "dupes.csv",
        "Company,Role,URL,Applied\n"
        "Acme,Dev,https://acme.example/jobs/1,2025-11-01\n"
        "Other,Dev,,2025-11-01\n"
        "ACME,  dev ,HTTPS://Acme.example/jobs/1/?utm_source=x,2025-11-02\n"
        "acme,dev,,2025-11-01\n",
    )
    plan = plan_import(path, [], now)
    assert [r.line for r in plan.add] == [2, 3]
    assert [(r.line, why) for r, why in plan.skip] == [
        (4, "duplicate of line 2 in this file"),
        (5, "duplicate of line 2 in this file"),
    ]


def test_matching_rules_url_then_company_role_and_date(tmp_path, now):
    stored = [
        Application(company="Acme", role="Dev", url="https://www.acme.example/jobs/1/"),
        Application(company="Globex", role="Dev", applied_on=date(2025, 11, 1)),
    ]
    path = _write(
        tmp_path,
        "m.csv",
        "Company,Role,URL,Applied\n"
        "Acme GmbH,Dev,http://acme.example/jobs/1?trk=feed,2025-10-01\n"
        "Globex,Dev,,2025-11-01\n"
        "Globex,Dev,,2026-02-01\n"
        "Acme,Designer,https://acme.example/jobs/1,\n",
    )
    plan = plan_import(path, stored, now)
    assert [(r.line, why) for r, why in plan.skip] == [
        (2, "already there: same URL"),
        (3, "already there: same company, role and date"),
    ]
    # Applied again months later, and a careers link shared by another role: both new.
    assert [r.line for r in plan.add] == [4, 5]


def test_normalize_url_keeps_the_parts_that_name_a_posting():
    assert normalize_url("HTTPS://WWW.Example.com/Jobs/1/?utm_source=li&trk=x#apply") == (
        "//example.com/Jobs/1"
    )
    assert normalize_url("https://de.indeed.com/viewjob?jk=abc&from=serp") != normalize_url(
        "https://de.indeed.com/viewjob?jk=def"
    )
    assert normalize_url("") == ""


def test_apply_rechecks_the_store_so_an_old_plan_adds_no_duplicate(store, now):
    plan = plan_import_into(store, GENERIC, now)
    _import(store, GENERIC, now)  # someone imported meanwhile
    applied = apply_import(store, plan)
    assert applied.add == []
    assert len(store.applications()) == 6


# -- encodings and unreadable files ---------------------------------------------------


def test_cp1252_file_is_read_and_the_plan_says_so(store, tmp_path, now):
    path = _write(
        tmp_path,
        "excel.csv",
        "Company;Role;Salary;Notes\nCafé Müller;Barista;€2.500;Straße 5, Köln\n",
        encoding="cp1252",
    )
    plan = _import(store, path, now)
    assert any("Windows-1252" in note for note in plan.notes)
    assert "Windows-1252" in plan.summary()
    [app] = store.applications()
    assert app.company == "Café Müller"
    assert (app.salary_min, app.salary_currency) == (2500, "EUR")
    assert app.notes == "Straße 5, Köln"


def test_utf8_bom_is_not_part_of_the_first_header(tmp_path, now):
    path = tmp_path / "bom.csv"
    path.write_bytes("Company,Role\nZürich Labs,Dev ☕\n".encode("utf-8-sig"))
    plan = plan_import(path, [], now)
    assert plan.notes == []
    assert plan.add[0].application.company == "Zürich Labs"
    assert plan.add[0].application.role == "Dev ☕"


def test_utf16_excel_unicode_text_is_read(tmp_path, now):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Company\tRole\nÅre AB\tDev\n".encode("utf-16"))
    assert plan_import(path, [], now).add[0].application.company == "Åre AB"


@pytest.mark.parametrize("content", [b"", b"   \n\r\n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_a_clear_error(tmp_path, now, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=r"empty\.csv is empty"):
        plan_import(path, [], now)


def test_a_header_without_rows_is_an_empty_plan_with_a_note(tmp_path, now):
    path = _write(tmp_path, "header.csv", "Company,Role,Status\n")
    plan = plan_import(path, [], now)
    assert plan.summary().startswith("0 to add, 0 to update, 0 already there, 0 bad rows")
    assert plan.notes == [f"{path} has a header row but no rows of data."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00", "save it as CSV first"),
        (b"\x00\x01\x02binary", "not a CSV or JSON file"),
        (b"Dear diary,\ntoday I applied nowhere.\n", "has no company column"),
        (b'{"applications": []}', "not a jobtui export"),
        (b'{"jobtui_export": 1, "applications": [', r"not valid JSON \(line 1"),
        (b'{"jobtui_export": 2}', "newer jobtui"),
    ],
)
def test_files_that_are_not_importable_say_why(tmp_path, now, content, message):
    path = tmp_path / "thing.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message) as info:
        plan_import(path, [], now)
    assert str(path) in str(info.value)


def test_a_missing_file_and_an_unknown_format_are_clear_errors(tmp_path, now):
    with pytest.raises(ImportFileError, match="does not exist"):
        plan_import(tmp_path / "nope.csv", [], now)
    with pytest.raises(ImportFileError, match='unknown import format "xlsx"'):
        plan_import(GENERIC, [], now, format="xlsx")


def test_format_can_be_forced(tmp_path, now):
    path = shutil.copy(HUNTR, tmp_path / "export.csv")
    fmt, rows, errors = read_rows(path, now, format="csv")
    assert (fmt, len(rows), errors) == ("csv", 5, [])


# -- jobtui's own JSON -----------------------------------------------------------


def _fill(store: Store, now: datetime) -> None:
    """A store with every kind of record and field worth round-tripping."""
    recruiter = Contact(name="Ana Lima", email="ana@nordwind.example", company="Nordwind")
    loner = Contact(name="Max Mentor", title="Mentor", notes="coffee monthly")
    store.save(recruiter)
    store.save(loner)
    app = Application(
        company="Nordwind",
        role="Senior Dev",
        url="https://nordwind.example/jobs/1",
        source="referral",
        salary_min=70000,
        salary_max=85000,
        salary_currency="EUR",
        tags=["python", "remote"],
        notes="Ask about the team\n**bold** [b]not markup[/b]",
        snoozed_until=now + timedelta(days=2),
        contact_ids=[recruiter.id],
    )
    app.set_status(Status.APPLIED, now - timedelta(days=20, minutes=7))
    app.set_status(Status.INTERVIEWING, now - timedelta(days=9))
    store.save(app)
    other = Application(company="Globex", role="Dev", status=Status.WISHLIST)
    other.set_status(Status.WISHLIST, now - timedelta(days=3))
    store.save(other)
    interview = Interview(
        application_id=app.id,
        starts_at=now - timedelta(days=2, hours=3),
        duration=timedelta(minutes=45),
        kind=InterviewKind.TECHNICAL,
        interviewers=[Person("Ana Lima", "ana@nordwind.example"), Person("Bo")],
        where="https://meet.example/abc",
        topics="graphs",
        decide_by=date(2026, 12, 4),
    )
    store.save(interview)
    store.log_sent(
        SentFollowUp(
            kind=SentKind.THANK_YOU,
            at=now - timedelta(days=1, hours=5),
            application_id=app.id,
            interview_id=interview.id,
            to="ana@nordwind.example",
        ),
        thank_you_interview=interview,
    )


def _export(store: Store, now: datetime) -> dict:
    return {
        "jobtui_export": 1,
        "exported_at": dates.to_iso(now),
        "applications": [a.to_dict() for a in store.applications()],
        "interviews": [i.to_dict() for i in store.interviews()],
        "contacts": [c.to_dict() for c in store.contacts()],
        "sent": [s.to_dict() for s in store.sent_log()],
    }


def _everything(store: Store) -> dict:
    return {
        "applications": sorted((a.to_dict() for a in store.applications()), key=str),
        "interviews": sorted((i.to_dict() for i in store.interviews()), key=str),
        "contacts": sorted((c.to_dict() for c in store.contacts()), key=str),
        "sent": sorted((s.to_dict() for s in store.sent_log()), key=str),
    }


@pytest.fixture
def exported(tmp_path, now):
    # Made at an earlier "now", so it is plain which timestamps the import keeps.
    made = now - timedelta(days=30)
    source = Store(None, clock=lambda: made)
    _fill(source, now)
    path = tmp_path / "jobtui-export.json"
    path.write_text(json.dumps(_export(source, now), indent=2, ensure_ascii=False))
    return path, _everything(source)


def test_jobtui_json_round_trips_exactly_into_an_empty_store(store, db_path, now, exported):
    path, original = exported
    assert detect_format(path) == "jobtui-json"
    plan = _import(store, path, now)
    assert plan.summary(done=True) == (
        "2 added, 0 updated, 0 already there, 0 bad rows, 1 other contact saved"
    )
    assert _everything(store) == original

    store.close()  # and it is what a fresh reader finds on disk
    with Store(db_path, read_only=True) as reread:
        assert _everything(reread) == original


def test_jobtui_json_reimport_adds_nothing(store, db_path, now, exported):
    path, _ = exported
    _import(store, path, now)
    before = db_path.read_bytes()
    assert plan_import(path, store.applications(), now).summary() == (
        "0 to add, 0 to update, 2 already there, 0 bad rows"
    )
    plan = _import(store, path, now)
    assert plan.summary(done=True) == "0 added, 0 updated, 2 already there, 0 bad rows"
    assert {why for _, why in plan.skip} == {"already there: same id"}
    assert db_path.read_bytes() == before


def test_jobtui_json_newer_record_or_new_interview_updates(store, tmp_path, now, exported):
    path, _ = exported
    _import(store, path, now)
    data = json.loads(path.read_text())
    nordwind = next(a for a in data["applications"] if a["company"] == "Nordwind")
    nordwind["notes"] = "edited elsewhere"
    nordwind["updated_at"] = dates.to_iso(now)
    globex = next(a for a in data["applications"] if a["company"] == "Globex")
    new_interview = Interview(application_id=globex["id"], starts_at=now + timedelta(days=3))
    new_interview.created_at = new_interview.updated_at = now
    data["interviews"].append(new_interview.to_dict())
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data))

    # Given only the applications, a plan sees the newer one but not the new interview;
    # against the whole store (and in apply_import, always) it sees both.
    partial = plan_import(newer, store.applications(), now)
    assert partial.summary() == "0 to add, 1 to update, 1 already there, 0 bad rows"
    plan = plan_import_into(store, newer, now)
    assert plan.summary() == "0 to add, 2 to update, 0 already there, 0 bad rows"
    apply_import(store, plan)
    assert store.get_application(nordwind["id"]).notes == "edited elsewhere"
    assert [i.id for i in store.interviews(globex["id"])] == [new_interview.id]
    assert len(store.interviews()) == 2

    # An older copy never overwrites a newer stored record.
    nordwind["notes"], nordwind["updated_at"] = "stale", dates.to_iso(now - timedelta(days=90))
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps(data))
    assert plan_import_into(store, stale, now).update == []
    assert store.get_application(nordwind["id"]).notes == "edited elsewhere"


def test_jobtui_json_bad_records_are_reported_and_the_rest_import(tmp_path, now):
    good = Application(company="Good", role="Dev")
    bad = Application(company="Bad", role="Dev").to_dict() | {"status": "sleeping"}
    orphan = Interview(application_id="not-in-file", starts_at=now).to_dict()
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps(
            {
                "jobtui_export": 1,
                "applications": [good.to_dict(), bad, "oops"],
                "interviews": [orphan],
            }
        )
    )
    plan = plan_import(path, [], now)
    assert [r.application.id for r in plan.add] == [good.id]
    assert plan.errors[0].startswith('application 2: status: unknown value "sleeping"')
    assert plan.errors[1] == "application 3: not a record but str"
    assert plan.errors[2].startswith('interview 1: its application "not-in-file" is not in')


# -- all or nothing ------------------------------------------------------------------


def test_apply_import_is_one_save(store, db_path, now, monkeypatch):
    store.save(Application(company="Already", role="Here"))
    saves = []
    real_save = DatabaseFile.save

    def counting_save(self, data, **kwargs):
        saves.append(len(data.get("applications", {})))
        return real_save(self, data, **kwargs)

    monkeypatch.setattr(DatabaseFile, "save", counting_save)
    plan = _import(store, GENERIC, now)
    assert len(plan.add) == 6
    assert saves == [7]  # one write, holding everything
    assert len(DatabaseFile(db_path, read_only=True).backups()) == 1


def test_a_failing_store_leaves_the_file_unchanged(store, db_path, now, monkeypatch):
    store.save(Application(company="Already", role="Here"))
    before = db_path.read_bytes()
    plan = plan_import_into(store, TEAL, now)
    real_save = store.save
    calls = []

    def failing_save(record, **options):
        calls.append(record)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(record, **options)

    monkeypatch.setattr(store, "save", failing_save)
    with pytest.raises(OSError, match="disk full"):
        apply_import(store, plan)
    assert db_path.read_bytes() == before
    assert [a.company for a in store.applications()] == ["Already"]  # memory rolled back too

    monkeypatch.setattr(store, "save", real_save)
    assert len(apply_import(store, plan).add) == 6
    assert len(store.applications()) == 7


# -- pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Applied", Status.APPLIED),
        ("interview", Status.INTERVIEWING),
        ("Interviewing", Status.INTERVIEWING),
        ("Phone screen", Status.SCREENING),
        ("phone_screen", Status.SCREENING),
        ("Offer", Status.OFFER),
        ("Negotiating", Status.OFFER),
        ("Rejected", Status.REJECTED),
        ("Not Selected", Status.REJECTED),
        ("Declined", Status.WITHDRAWN),
        ("I Withdrew", Status.WITHDRAWN),
        ("Bookmarked", Status.WISHLIST),
        ("Saved", Status.WISHLIST),
        ("Wishlist", Status.WISHLIST),
        ("Ghosted", Status.GHOSTED),
        ("No Response 🔕", Status.GHOSTED),
        ("Accepted", Status.ACCEPTED),
        ("Someday", None),
    ],
)
def test_status_words_from_other_trackers(text, expected):
    assert status_from_text(text) == expected


def test_a_future_applied_date_is_reported_by_line_unless_wishlist(tmp_path, store, now):
    path = tmp_path / "jobs.csv"
    path.write_text(
        "Company,Role,Date Applied,Status\n"
        "Acme,Dev,2027-03-01,applied\n"
        "Beta,Ops,2027-03-01,wishlist\n"
        "Gamma,QA,2026-11-20,applied\n",
        encoding="utf-8",
    )
    plan = _import(store, path, now)
    assert sorted(a.company for a in store.applications()) == ["Beta", "Gamma"]
    assert any("line 2" in e and "in the future" in e for e in plan.errors), plan.errors
