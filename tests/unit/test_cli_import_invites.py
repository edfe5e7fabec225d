"""`jobtui import FILE.ics`: what it prints, what lands on disk, exit statuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from hostile import HOSTILE_IDS, HOSTILE_TEXTS, looks_like

DATA = Path(__file__).parent.parent / "data"
ME = "jess.jobseeker@mail.example"


@pytest.fixture(autouse=True)
def _me(tmp_path):
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    (config / "config.toml").write_text(f'[me]\nemail = "{ME}"\n', encoding="utf-8")


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


def _disk(db_path) -> dict:
    return orjson.loads(db_path.read_bytes())


def _interviews(db_path) -> list[dict]:
    return list(_disk(db_path).get("interviews", {}).values())


def _ics(tmp_path: Path, *events: str, name: str = "in.ics") -> Path:
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    path = tmp_path / name
    path.write_bytes((head + body + "END:VCALENDAR\r\n").encode("utf-8"))
    return path


def test_google_invite_is_added_to_the_application_its_domain_names(jobtui, db_path):
    acme = _ok(jobtui("add", "Acme", "Dev", "--url", "https://www.acme.example/jobs/1"))
    _ok(jobtui("add", "Globex", "Dev"))
    out = _ok(jobtui("import", str(DATA / "invite_google_meet.ics")))
    [interview] = _interviews(db_path)
    assert out.splitlines() == [
        f"added interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (id {interview['id'][:8]})",
        "  added contact Rita Recruiter <rita@acme.example> to Acme — Dev",
    ]
    assert interview["application_id"] == acme
    assert interview["starts_at"] == "2026-12-03T14:00:00+01:00"
    assert interview["kind"] == "technical"
    assert interview["uid"] == "5v1b2c3d4e5f6g7h8i9j0k@google.com"
    [rita] = _disk(db_path)["contacts"].values()
    assert _disk(db_path)["applications"][acme]["contact_ids"] == [rita["id"]]


def test_an_outlook_invite_by_a_contacts_email(jobtui, db_path):
    globex = _ok(jobtui("add", "Globex", "Backend Engineer"))
    _ok(jobtui("contact", "Gert Hiring", "--email", "gert.hiring@globex.example", "--for", globex))
    out = _ok(jobtui("import", str(DATA / "invite_outlook_teams.ics")))
    assert out.startswith("added interview Tue 8 Dec 2026 14:00 CET for Globex — Backend Engineer")
    assert "contact" not in out  # Gert is already its contact
    assert len(_disk(db_path)["contacts"]) == 1


def test_a_zoom_invite_by_the_company_in_its_summary(jobtui, db_path):
    initech = _ok(jobtui("add", "Initech", "QA"))
    out = _ok(jobtui("import", str(DATA / "invite_zoom.ics")))
    assert out == (
        "added interview Wed 2 Dec 2026 15:30 CET (09:30 EST) for Initech — QA "
        f"(id {_interviews(db_path)[0]['id'][:8]})"
    )
    assert _interviews(db_path)[0]["application_id"] == initech


def test_for_names_the_application(jobtui, db_path):
    other = _ok(jobtui("add", "Other", "Dev"))
    _ok(jobtui("import", str(DATA / "invite_zoom.ics"), "--for", other[:6]))
    assert _interviews(db_path)[0]["application_id"] == other
    code, _, err = jobtui("import", str(DATA / "invite_utc.ics"), "--for", "zzzz")
    assert code == 1 and 'no application with an id starting "zzzz"' in err


def test_no_match_exits_1_listing_the_applications_and_the_file_is_unchanged(jobtui, db_path):
    globex = _ok(jobtui("add", "Globex", "Dev"))
    before = db_path.read_bytes()
    path = str(DATA / "invite_google_meet.ics")
    code, out, err = jobtui("import", path)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        'jobtui: invite_google_meet.ics: "Technical interview: Acme / Jess Jobseeker" '
        "(Thu 3 Dec 2026 14:00 CET) matches no application",
        "the applications:",
        f"    {globex[:8]}  Globex — Dev",
        "jobtui: nothing imported: say which application with --for "
        f"(jobtui import {path} --for {globex[:8]})",
    ]
    assert db_path.read_bytes() == before


def test_the_no_match_hint_names_an_id_only_when_one_application_is_listed(jobtui, db_path):
    _ok(jobtui("add", "Globex", "Dev"))
    _ok(jobtui("add", "Initech", "QA"))
    path = str(DATA / "invite_google_meet.ics")  # Acme's: neither of them
    code, _, err = jobtui("import", path)
    assert code == 1
    assert err.splitlines()[-1] == (
        f"jobtui: nothing imported: say which application with --for (jobtui import {path} "
        "--for ID)"
    )


def test_several_matches_exit_1_listing_them(jobtui, db_path):
    one = _ok(jobtui("add", "Acme", "Dev", "--url", "https://acme.example/1"))
    two = _ok(jobtui("add", "Acme", "Ops", "--url", "https://acme.example/2"))
    _ok(jobtui("add", "Globex", "Dev"))
    before = db_path.read_bytes()
    code, out, err = jobtui("import", str(DATA / "invite_google_meet.ics"))
    assert code == 1 and out == ""
    assert "matches 2 applications" in err and "it could be for:" in err
    assert f"{one[:8]}  Acme — Dev" in err and f"{two[:8]}  Acme — Ops" in err
    assert "Globex" not in err
    assert err.splitlines()[-1].endswith("--for ID)")
    assert db_path.read_bytes() == before


def test_no_applications_at_all(jobtui, db_path):
    code, out, err = jobtui("import", str(DATA / "invite_zoom.ics"))
    assert (code, out) == (1, "") and "there are no applications yet" in err
    assert not db_path.exists()


def test_an_update_moves_an_older_copy_is_skipped_a_cancellation_cancels(jobtui, db_path):
    _ok(jobtui("add", "Acme", "Dev", "--url", "https://acme.example"))
    _ok(jobtui("import", str(DATA / "invite_google_meet.ics")))
    short = _interviews(db_path)[0]["id"][:8]
    out = _ok(jobtui("import", str(DATA / "invite_google_update.ics")))
    assert out == (
        f"updated interview for Acme — Dev (id {short}): "
        "moved from Thu 3 Dec 2026 14:00 CET to Fri 4 Dec 2026 16:00 CET"
    )
    out = _ok(jobtui("import", str(DATA / "invite_google_meet.ics")))
    assert out == (
        f"skipped interview Fri 4 Dec 2026 16:00 CET for Acme — Dev (id {short}): "
        "an older copy of the invite (sequence 0; the interview has 1)"
    )
    out = _ok(jobtui("import", str(DATA / "invite_google_cancel.ics")))
    assert out == f"cancelled interview Fri 4 Dec 2026 16:00 CET for Acme — Dev (id {short})"
    [interview] = _interviews(db_path)
    assert interview["cancelled"] is True and interview["sequence"] == 2
    assert interview["starts_at"] == "2026-12-04T16:00:00+01:00"


def test_a_cancellation_for_an_unknown_invite_is_a_line_not_an_error(jobtui, db_path):
    _ok(jobtui("add", "Acme", "Dev"))
    before = db_path.read_bytes()
    out = _ok(jobtui("import", str(DATA / "invite_google_cancel.ics")))
    assert out.startswith('skipped "Technical interview: Acme / Jess Jobseeker"')
    assert out.endswith(": a cancellation of an interview not in jobtui")
    assert db_path.read_bytes() == before


def test_several_events_one_without_its_application_imports_nothing(jobtui, db_path, tmp_path):
    _ok(jobtui("add", "Umbrella", "Dev", "--url", "https://umbrella.example"))
    both = _ok(jobtui("import", str(DATA / "invite_two_events.ics"), "--dry-run"))
    assert [line.split(" ")[:2] for line in both.splitlines() if not line.startswith(" ")] == [
        ["would", "add"],
        ["would", "add"],
    ]
    path = _ics(
        tmp_path,
        "UID:a@x\r\nDTSTART:20261210T090000Z\r\nSUMMARY:Umbrella panel",
        "UID:b@x\r\nDTSTART:20261211T090000Z\r\nSUMMARY:Interview at Nowhere",
    )
    before = db_path.read_bytes()
    code, out, err = jobtui("import", str(path))
    assert code == 1 and out == ""
    assert '"Interview at Nowhere"' in err and "Umbrella panel" not in err
    assert db_path.read_bytes() == before
    out = _ok(jobtui("import", str(DATA / "invite_two_events.ics")))
    assert len(_interviews(db_path)) == 2 and out.count("added interview") == 2


def test_dry_run_writes_nothing(jobtui, db_path):
    _ok(jobtui("add", "Acme", "Dev", "--url", "https://acme.example"))
    before = db_path.read_bytes()
    out = _ok(jobtui("import", str(DATA / "invite_google_meet.ics"), "--dry-run"))
    assert (
        out.splitlines()[0] == "would add interview Thu 3 Dec 2026 14:00 CET for Acme — Dev (new)"
    )
    assert out.splitlines()[1] == (
        "  would add contact Rita Recruiter <rita@acme.example> to Acme — Dev"
    )
    assert db_path.read_bytes() == before


def test_without_me_email_a_warning_says_so_once_and_how_to_set_it(jobtui, db_path, tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.write_text('[me]\nname = "Jess"\n', encoding="utf-8")
    _ok(jobtui("add", "Umbrella", "Dev", "--url", "https://umbrella.example"))
    code, out, err = jobtui("import", str(DATA / "invite_two_events.ics"))  # two events
    assert code == 0 and out.count("added interview") == 2
    assert err.splitlines() == [
        "jobtui: warning: [me] email is not set: your own address counts as an interviewer, "
        f"its domain for matching (set email under [me] in {config})"
    ]
    config.write_text(f'[me]\nemail = "{ME}"\n', encoding="utf-8")
    code, _, err = jobtui("import", str(DATA / "invite_two_events.ics"), "--dry-run")
    assert (code, err) == (0, "")


def test_detected_by_content_or_forced_with_format(jobtui, db_path, tmp_path):
    _ok(jobtui("add", "Initech", "QA"))
    renamed = tmp_path / "invite.txt"
    shutil.copy(DATA / "invite_zoom.ics", renamed)
    assert _ok(jobtui("import", str(renamed), "--dry-run")).startswith("would add interview")
    assert _ok(jobtui("import", str(renamed), "--format", "ics", "--dry-run")).startswith(
        "would add"
    )


def test_files_that_cannot_be_read_are_one_line_naming_them(jobtui, db_path, tmp_path):
    _ok(jobtui("add", "Acme", "Dev"))
    before = db_path.read_bytes()
    csv = tmp_path / "apps.csv"
    csv.write_text("company,role\nAcme,Dev\n", encoding="utf-8")
    code, out, err = jobtui("import", str(csv), "--format", "ics")
    assert (code, out, err) == (1, "", f"jobtui: {csv}: not an iCalendar file\n")
    broken = _ics(tmp_path, "UID:ok@x\r\nDTSTART:20261210T090000Z", "UID:bad@x\r\nSUMMARY:x")
    code, out, err = jobtui("import", str(broken))
    assert (code, out) == (1, "")
    assert err == f"jobtui: {broken}, line 8: VEVENT 2 (uid bad@x): no DTSTART (when it starts)\n"
    code, _, err = jobtui("import", str(tmp_path / "missing.ics"))
    assert code == 1 and err == f"jobtui: {tmp_path / 'missing.ics'} does not exist\n"
    assert db_path.read_bytes() == before


def test_for_with_a_csv_is_refused(jobtui, tmp_path):
    csv = tmp_path / "apps.csv"
    csv.write_text("company,role\nAcme,Dev\n", encoding="utf-8")
    code, _, err = jobtui("import", str(csv), "--for", "abc")
    assert code == 1 and "--for is only for calendar invites (.ics)" in err


def test_a_csv_importer_given_an_ics_says_what_it_is(tmp_path):
    from jobtui.io.importing import ImportFileError, detect_format, read_rows

    path = DATA / "invite_google_meet.ics"
    assert detect_format(path) == "ics"
    with pytest.raises(ImportFileError, match="holds calendar invites"):
        read_rows(path, now=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=HOSTILE_IDS)
def test_hostile_summary_location_and_name_are_printed_as_text(jobtui, db_path, tmp_path, text):
    def escaped(value: str) -> str:  # iCalendar TEXT escaping, lines folded by nobody
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")

    app = _ok(jobtui("add", "Zeta", "Dev"))  # a name no hostile text holds
    cn = text.replace('"', "'")
    event = (
        f"UID:h@x\r\nDTSTART:20261210T090000Z\r\nSUMMARY:{escaped(text)}\r\n"
        f"LOCATION:{escaped(text)}\r\n"
        f'ORGANIZER;CN="{cn}":mailto:boss@nowhere.example\r\n'
        f'ATTENDEE;CN="{cn}":mailto:boss@nowhere.example'
    )
    path = _ics(tmp_path, event)
    code, out, err = jobtui("import", str(path))  # matches nothing: the summary is quoted
    assert code == 1 and looks_like(" ".join(text.split())) in err
    code, out, err = jobtui("import", str(path), "--for", app)
    assert code == 0, err
    for output in (out, err):
        assert "\x1b" not in output and "\x9b" not in output and "\x07" not in output
    [interview] = _interviews(db_path)
    assert interview["where"] == text
    if "\x1b" not in text and "\x9b" not in text:  # icalendar drops a CN with controls
        assert looks_like(" ".join(cn.split())) in out
        assert interview["interviewers"][0]["name"] == cn
    moved = path.read_text(encoding="utf-8").replace("20261210T09", "20261211T09")
    moved = moved.replace("LOCATION:", "LOCATION:Room 2 ").replace(
        "UID:h@x", "UID:h@x\r\nSEQUENCE:1"
    )
    path.write_text(moved, encoding="utf-8")
    out = _ok(jobtui("import", str(path)))
    assert out.startswith("updated interview for Zeta — Dev") and "where: Room 2 " in out
    assert "\x1b" not in out and "\x9b" not in out
