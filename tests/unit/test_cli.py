"""The scriptable CLI end to end: what it prints, what lands on disk, exit statuses."""

from __future__ import annotations

import json
import re

import orjson
import pytest


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


def test_add_prints_the_id_and_saves(jobtui, db_path):
    app_id = _ok(jobtui("add", "Acme", "Backend Engineer", "--tag", "python", "--url", "https://x"))
    doc = orjson.loads(db_path.read_bytes())["applications"][app_id]
    assert doc["company"] == "Acme"
    assert doc["status"] == "applied"
    assert doc["applied_on"] == "2026-11-26"
    assert doc["tags"] == ["python"]


def test_add_with_human_date_and_status(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev", "--applied", "last monday", "--status", "screening"))
    shown = json.loads(_ok(jobtui("show", app_id[:6], "--json")))
    assert shown["applied_on"] == "2026-11-23"
    assert shown["status"] == "screening"


def test_interview_by_prefix_and_followups(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(
        jobtui(
            "interview",
            app_id[:5],
            "yesterday 14:00",
            "--kind",
            "technical",
            "--with",
            "Ana Lima <ana@acme.com>",
            "--with",
            "Bo",
            "--duration",
            "45m",
            "--where",
            "https://meet/x",
        )
    )
    shown = json.loads(_ok(jobtui("show", iv_id, "--json")))
    assert shown["starts_at"] == "2026-11-25T14:00:00+01:00"
    assert shown["duration_minutes"] == 45
    assert shown["interviewers"] == [
        {"name": "Ana Lima", "email": "ana@acme.com"},
        {"name": "Bo", "email": ""},
    ]
    items = json.loads(_ok(jobtui("followups", "--json")))
    assert items == [
        {
            "kind": "thank_you",
            "application_id": app_id,
            "interview_id": iv_id,
            "company": "Acme",
            "role": "Dev",
            "due": "2026-11-25T14:45:00+01:00",
            "overdue_at": "2026-11-26T14:45:00+01:00",
            "urgency": "due",
            "summary": "Thank-you due, 4h left",
        }
    ]
    text = _ok(jobtui("followups"))
    assert "DUE" in text and "Acme — Dev" in text and "Thank-you due, 4h left" in text


def test_sent_clears_the_thank_you(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(jobtui("interview", app_id, "2 days ago 10:00"))
    assert json.loads(_ok(jobtui("followups", "--json")))[0]["urgency"] == "overdue"
    out = _ok(jobtui("sent", iv_id[:6], "--to", "Ana"))
    assert out.startswith("logged thank you for Acme — Dev")
    assert json.loads(_ok(jobtui("followups", "--json"))) == []
    shown = json.loads(_ok(jobtui("show", app_id, "--json")))
    assert shown["interviews"][0]["thank_you_sent_at"] == "2026-11-26T10:00:00+01:00"
    assert shown["sent"][0]["kind"] == "thank_you"
    assert shown["sent"][0]["to"] == "Ana"


def test_followups_format_line_is_one_line_for_a_status_bar(jobtui):
    assert jobtui("followups", "--format", "line")[:2] == (0, "")  # no database yet
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    assert jobtui("followups", "--format", "line") == (0, "", "")  # nothing due: no output
    _ok(jobtui("interview", app_id, "today 8:00", "--duration", "30m"))  # thank-you due
    assert jobtui("followups", "--format", "line") == (0, "1 due\n", "")
    for company in ("Quiet Co", "Silent Ltd"):  # follow-ups after applying, overdue
        _ok(jobtui("add", company, "Dev", "--applied", "2026-10-01"))
    assert jobtui("followups", "--format", "line") == (0, "2 overdue, 1 due\n", "")


def test_sent_with_nothing_owed_exits_1_and_logs_nothing(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(jobtui("interview", app_id, "next friday 10:00"))  # still to come
    for target in (app_id, iv_id):
        code, out, err = jobtui("sent", target[:6])
        assert (code, out) == (1, "")
        assert "no thank-you or follow-up is owed" in err and "nothing was logged" in err
    assert json.loads(_ok(jobtui("show", app_id, "--json")))["sent"] == []
    # On purpose, with its kind, it is logged.
    assert _ok(jobtui("sent", iv_id[:6], "--kind", "check_in")).startswith("logged check in")
    assert [s["kind"] for s in json.loads(_ok(jobtui("show", app_id, "--json")))["sent"]] == [
        "check_in"
    ]


def test_application_follow_up_and_ghosted_cycle(jobtui):
    app_id = _ok(jobtui("add", "Quiet Co", "Dev", "--applied", "2026-11-05"))
    [item] = json.loads(_ok(jobtui("followups", "--json")))
    assert (item["kind"], item["urgency"]) == ("application_follow_up", "overdue")
    _ok(jobtui("sent", app_id, "--at", "2026-11-16 09:00"))
    _ok(jobtui("sent", app_id, "--at", "2026-11-17 09:00"))
    [item] = json.loads(_ok(jobtui("followups", "--json")))
    assert item["kind"] == "ghosted"
    _ok(jobtui("status", app_id, "ghosted"))
    assert json.loads(_ok(jobtui("followups", "--json"))) == []


def test_list_json_and_text(jobtui):
    a = _ok(jobtui("add", "Acme", "Dev", "--applied", "2026-11-01"))
    _ok(jobtui("add", "Beta", "Ops", "--status", "rejected"))
    rows = json.loads(_ok(jobtui("list", "--json")))
    assert {r["company"] for r in rows} == {"Acme", "Beta"}
    acme = next(r for r in rows if r["id"] == a)
    assert set(acme) == {"id", "company", "role", "status", "applied_on", "next_action"}
    assert acme["next_action"].startswith("Follow up:")
    only = json.loads(_ok(jobtui("list", "--status", "rejected", "--json")))
    assert [r["company"] for r in only] == ["Beta"]
    assert [r["company"] for r in json.loads(_ok(jobtui("list", "--open", "--json")))] == ["Acme"]
    text = _ok(jobtui("list"))
    assert text.splitlines()[0].split() == ["ID", "COMPANY", "ROLE", "STATUS", "APPLIED", "NEXT"]
    assert "2026-11-01 (25d)" in text


def test_set_fields_validated_like_the_tui(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(jobtui("interview", app_id, "tomorrow 10am"))
    _ok(
        jobtui(
            "set",
            iv_id[:4],
            "strengths=Led the billing migration",
            "decide_by=next friday",
            "with=Ana, Bo",
            "kind=panel",
        )
    )
    shown = json.loads(_ok(jobtui("show", iv_id, "--json")))
    assert shown["strengths"] == "Led the billing migration"
    assert shown["decide_by"] == "2026-11-27"
    assert [p["name"] for p in shown["interviewers"]] == ["Ana", "Bo"]
    assert shown["kind"] == "panel"
    _ok(jobtui("set", app_id, "salary_min=120k", "salary_max=150,000", "tags=remote, python"))
    app = json.loads(_ok(jobtui("show", app_id, "--json")))
    assert (app["salary_min"], app["salary_max"], app["tags"]) == (
        120000,
        150000,
        ["remote", "python"],
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("set", "{app}", "ends_at=yesterday"), "ends_at"),
        (("set", "{app}", "salary_min=lots"), "salary_min: cannot read"),
        (("set", "{app}", "company="), "company: must not be empty"),
        (("set", "{app}", "nonsense=1"), "nonsense: no such field"),
        (("interview", "{app}", "next blursday"), "when: "),
        (("interview", "zzzz", "tomorrow"), 'no application with an id starting "zzzz"'),
        (("add", "", "Dev"), "company: must not be empty"),
        (("show", "0000"), 'with an id starting "0000"'),
    ],
)
def test_user_errors_are_one_line_exit_1_and_change_nothing(jobtui, db_path, args, message):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(jobtui("interview", app_id, "tomorrow 10am"))
    before = db_path.read_bytes()
    target = iv_id if args[0] == "set" and "ends_at" in args[2] else app_id
    code, out, err = jobtui(*[a.format(app=target) for a in args])
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("jobtui: ")
    assert message in err
    assert db_path.read_bytes() == before


def test_ambiguous_prefix_is_explained(jobtui):
    # 17 ids over 16 hex digits: at least two share a first character (pigeonhole).
    ids = [_ok(jobtui("add", f"Co{i}", "Dev")) for i in range(17)]
    first = max("0123456789abcdef", key=lambda c: sum(i.startswith(c) for i in ids))
    code, _, err = jobtui("show", first)
    assert code == 1
    assert "is ambiguous" in err and "type more of it" in err


def test_usage_errors_exit_2(jobtui):
    code, _, err = jobtui("bogus")
    assert code == 2 and "invalid choice" in err and err.count("\n") == 1
    code, _, err = jobtui("add", "OnlyCompany")
    assert code == 2 and "give COMPANY ROLE, or the posting's http(s) URL alone" in err
    code, _, err = jobtui("set", "abc", "no-equals-sign")
    assert code == 2 and "is not FIELD=VALUE" in err


def test_db_option_works_before_and_after_the_command(jobtui, tmp_path):
    other = tmp_path / "other.json"
    app_id = _ok(jobtui("--db", str(other), "add", "Acme", "Dev"))
    assert app_id in other.read_text()
    app2 = _ok(jobtui("add", "Beta", "Dev", "--db", str(other)))
    assert app2 in other.read_text()


def test_corrupt_database_is_refused_with_a_clear_message(jobtui, db_path):
    _ok(jobtui("add", "Acme", "Dev"))
    _ok(jobtui("add", "Beta", "Dev"))
    db_path.write_bytes(b'{"_meta": oops')
    code, _, err = jobtui("list")
    assert code == 1
    assert str(db_path) in err and "not valid JSON (line 1, column 11" in err
    assert "newest good backup is" in err
    assert db_path.read_bytes() == b'{"_meta": oops'
    code, _, err = jobtui("add", "Gamma", "Dev")
    assert code == 1 and db_path.read_bytes() == b'{"_meta": oops'


def test_contact_delete_restore_and_trash(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    contact_id = _ok(
        jobtui("contact", "Rita Recruiter", "--email", "rita@acme.com", "--for", app_id)
    )
    shown = json.loads(_ok(jobtui("show", app_id, "--json")))
    assert shown["contact_ids"] == [contact_id]
    assert shown["contacts"][0]["company"] == "Acme"
    assert "moved Acme — Dev to the trash" in _ok(jobtui("delete", app_id))
    assert json.loads(_ok(jobtui("list", "--json"))) == []
    assert "Acme — Dev" in _ok(jobtui("trash"))  # the data layer's label (core)
    assert _ok(jobtui("undelete", app_id[:6])) == "restored Acme — Dev"
    assert [r["id"] for r in json.loads(_ok(jobtui("list", "--json")))] == [app_id]


def test_snooze_hides_a_follow_up_until_then(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev"))
    iv_id = _ok(jobtui("interview", app_id, "2 days ago 10:00"))
    _ok(jobtui("snooze", iv_id, "+5d"))
    assert json.loads(_ok(jobtui("followups", "--json"))) == []
    _ok(jobtui("snooze", iv_id, "off"))
    assert len(json.loads(_ok(jobtui("followups", "--json")))) == 1


def test_markup_like_text_is_printed_exactly(jobtui):
    app_id = _ok(jobtui("add", "[bold]Acme[/]", "[/]"))
    assert "[bold]Acme[/]" in _ok(jobtui("list"))
    assert re.search(r"^role +\[/\]$", _ok(jobtui("show", app_id)), re.M)


def test_backup_backups_and_restore(jobtui, db_path, tmp_path):
    _ok(jobtui("add", "Acme", "Dev"))
    copy_path = _ok(jobtui("backup", str(tmp_path / "safe")))
    assert copy_path.startswith(str(tmp_path / "safe"))
    _ok(jobtui("add", "Beta", "Dev"))
    listing = _ok(jobtui("backups"))
    assert "1 application " in listing
    [entry] = json.loads(_ok(jobtui("backups", "--json")))
    assert entry["applications"] == 1 and entry["problem"] is None
    out = _ok(jobtui("restore", copy_path))
    assert out.splitlines()[0] == f"restored 1 applications from {copy_path}"
    assert "is kept as" in out
    assert [r["company"] for r in json.loads(_ok(jobtui("list", "--json")))] == ["Acme"]
    # The file as it was (with Beta) is among the backups now.
    counts = [b["applications"] for b in json.loads(_ok(jobtui("backups", "--json")))]
    assert 2 in counts


def test_restore_refuses_a_file_that_is_not_a_database(jobtui, db_path, tmp_path):
    _ok(jobtui("add", "Acme", "Dev"))
    before = db_path.read_bytes()
    bad = tmp_path / "notes.json"
    bad.write_text("[1, 2, 3]")
    code, out, err = jobtui("restore", str(bad))
    assert code == 1 and out == ""
    assert "cannot be restored: it holds a JSON list" in err
    assert db_path.read_bytes() == before


def test_export_json_csv_ics_and_stats(jobtui, tmp_path):
    app_id = _ok(jobtui("add", "Acme", "Dev", "--source", "Referral"))
    _ok(jobtui("interview", app_id, "yesterday 14:00", "--with", "Ana"))
    data = json.loads(_ok(jobtui("export")))
    assert data["jobtui_export"] == 1 and data["applications"][0]["id"] == app_id
    out = tmp_path / "apps.csv"
    assert _ok(jobtui("export", "--format", "csv", "--excel", "-o", str(out))).startswith("wrote")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfCompany,Role")
    ics = _ok(jobtui("export", "--format", "ics"))
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Interview: Acme — Dev" in ics
    assert "BEGIN:VTODO" in ics  # the thank-you that is due
    stats = json.loads(_ok(jobtui("stats", "--json")))
    assert stats["total"] == 1
    assert "Funnel" in _ok(jobtui("stats"))


DATA = __import__("pathlib").Path(__file__).parent.parent / "data"


def test_import_dry_run_then_import_then_nothing_twice(jobtui, db_path):
    source = str(DATA / "linkedin_job_applications.csv")
    preview = _ok(jobtui("import", source, "--dry-run"))
    assert preview.splitlines()[-1].startswith("4 to add") or "to add" in preview
    assert not db_path.exists()  # a dry run writes nothing
    done = _ok(jobtui("import", source))
    added = int(done.split()[0])
    assert added > 0
    assert len(json.loads(_ok(jobtui("list", "--json")))) == added
    again = _ok(jobtui("import", source))
    assert again.startswith("0 added")


def test_import_reports_bad_rows_and_keeps_the_rest(jobtui):
    code, out, err = jobtui("import", str(DATA / "malformed.csv"))
    assert code == 1
    assert 'line 4: "Date Applied": cannot read "31/31/25" as a date' in err
    assert "2 added" in out
    assert len(json.loads(_ok(jobtui("list", "--json")))) == 2


def test_import_of_a_missing_file_is_one_line(jobtui, tmp_path):
    code, _, err = jobtui("import", str(tmp_path / "nope.csv"))
    assert code == 1 and err.count("\n") == 1 and "nope.csv" in err


# -- issue 9, item 15: list sorts like the TUI; a missing database is named; bad values are usage


def test_list_sorts_by_urgency_by_default_like_the_tui(jobtui):
    calm = _ok(jobtui("add", "Aardvark", "Dev"))  # applied today: nothing to do
    old = _ok(jobtui("add", "Zebra", "Dev", "--applied", "2026-11-02"))  # follow-up overdue
    iv_app = _ok(jobtui("add", "Middle", "Dev"))
    _ok(jobtui("interview", iv_app, "yesterday 14:00"))  # thank-you due
    ids = [line.split()[0] for line in _ok(jobtui("list")).splitlines()[1:]]
    assert ids == [old[:8], iv_app[:8], calm[:8]]  # overdue, then due, then nothing
    listed = json.loads(_ok(jobtui("list", "--json")))
    assert [row["id"] for row in listed] == [old, iv_app, calm]
    by_company = [line.split()[1] for line in _ok(jobtui("list", "--sort", "company")).splitlines()]
    assert by_company[1:] == ["Aardvark", "Middle", "Zebra"]
    by_applied = [
        row["company"] for row in json.loads(_ok(jobtui("list", "--sort", "applied", "--json")))
    ]
    assert by_applied[-1] == "Zebra"


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--json"),
        ("followups",),
        ("trash",),
        ("stats",),
        ("backups",),
        ("check",),
        ("export",),
    ],
)
def test_a_read_command_on_a_missing_database_says_so(jobtui, tmp_path, args):
    missing = tmp_path / "typo" / "jobs.json"
    code, out, err = jobtui(*args, "--db", str(missing))
    assert code == 0
    assert err == f"jobtui: no database at {missing} yet ('jobtui add COMPANY ROLE' starts one)\n"
    assert out in ("", "[]\n")
    assert not missing.parent.exists()


def test_show_on_a_missing_database_names_it(jobtui, tmp_path):
    missing = tmp_path / "jobs.json"
    code, out, err = jobtui("show", "abc", "--db", str(missing))
    assert code == 1 and out == ""
    assert f"no database at {missing} yet" in err and '"abc"' in err


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("list", "--status", "nope"), "--status"),
        (("list", "--sort", "nope"), "--sort"),
        (("add", "Acme", "Dev", "--status", "nope"), "--status"),
        (("interview", "abc", "tomorrow", "--kind", "nope"), "--kind"),
        (("sent", "abc", "--kind", "nope"), "--kind"),
        (("status", "abc", "bogus"), "STATUS"),
        (("import", "x.csv", "--format", "nope"), "--format"),
    ],
)
def test_an_unknown_option_value_is_a_usage_error(jobtui, db_path, args, where):
    code, out, err = jobtui(*args)
    assert code == 2 and out == ""
    assert err.startswith(f"jobtui: argument {where}: ") and err.count("\n") == 1
    assert "nope" in err or "bogus" in err
    assert not db_path.exists()


def test_option_values_are_read_loosely_like_forms(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev", "--status", "Screen"))
    assert json.loads(_ok(jobtui("list", "--status", "SCREENING", "--json")))[0]["id"] == app_id


def test_the_import_formats_the_parser_offers_are_the_importers():
    from jobtui.cli.parser import IMPORT_FORMATS
    from jobtui.io import importing

    assert IMPORT_FORMATS == importing.FORMATS


# -- issue 9, item 11: dates typed and shown


def test_a_future_applied_date_is_refused_except_for_wishlist(jobtui, db_path):
    code, out, err = jobtui("add", "Acme", "Dev", "--applied", "next week")
    assert code == 1 and out == ""
    assert "applied_on: Mon 30 Nov 2026 is in the future" in err
    assert not db_path.exists()
    wish = _ok(jobtui("add", "Acme", "Dev", "--status", "wishlist", "--applied", "next week"))
    assert json.loads(_ok(jobtui("show", wish, "--json")))["applied_on"] == "2026-11-30"
    app_id = _ok(jobtui("add", "Beta", "Dev"))
    code, _, err = jobtui("set", app_id, "applied=tomorrow")
    assert code == 1 and "is in the future" in err
    _ok(jobtui("set", app_id, "applied=yesterday"))


def test_list_ages_of_100_days_or_more_read_in_weeks_or_months(jobtui):
    _ok(jobtui("add", "Recent", "Dev", "--applied", "2026-08-19"))  # 99 days
    _ok(jobtui("add", "Weeks", "Dev", "--applied", "2026-08-18"))  # 100 days
    _ok(jobtui("add", "Months", "Dev", "--applied", "2026-01-05"))  # 325 days
    out = _ok(jobtui("list"))
    assert "2026-08-19 (99d)" in out
    assert "2026-08-18 (14w)" in out
    assert "2026-01-05 (10mo)" in out


# -- issue 9, item 11: an interview moves applied/screening to interviewing


def test_an_interview_moves_the_application_to_interviewing_and_says_so(jobtui):
    app_id = _ok(jobtui("add", "Acme", "Dev", "--applied", "2026-11-20"))
    code, out, err = jobtui("interview", app_id, "tomorrow 10am")
    assert code == 0 and len(out.split()) == 1  # stdout is still just the id
    assert err == "jobtui: Acme — Dev moved from applied to interviewing\n"
    assert json.loads(_ok(jobtui("show", app_id, "--json")))["status"] == "interviewing"
    code, _, err = jobtui("interview", app_id, "2026-11-19 10:00")
    assert code == 0 and "moved" not in err
    assert "warning: the interview" in err and "before the applied date" in err


# -- issue 9, item 6: check reports config problems


def test_check_reports_key_problems_in_the_config(jobtui, tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[keys]\nnonsense = "x"\nquit = ""\n', encoding="utf-8")
    _ok(jobtui("add", "Acme", "Dev"))
    code, out, _ = jobtui("check")
    assert code == 1
    assert "1 record, all good" in out
    assert "config problems:" in out
    assert f"{config}: [keys] nonsense: no such binding id" in out
    assert f'{config}: [keys] quit = ""' in out
    code, out, _ = jobtui("check", "--json")
    assert code == 1 and len(json.loads(out)["config_problems"]) == 2
    config.write_text("[keys\n", encoding="utf-8")
    code, out, _ = jobtui("check")
    assert code == 1 and f"{config}:" in out and "1 record, all good" in out
    config.write_text('[keys]\nquit = "ctrl+q"\n', encoding="utf-8")
    assert jobtui("check") == (0, "1 record, all good\n", "")


def test_check_reports_a_mail_command_that_cannot_run(jobtui, tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    _ok(jobtui("add", "Acme", "Dev"))
    config.write_text('[mail]\ncommand = "no-such-mailer-here {to}"\n', encoding="utf-8")
    code, out, _ = jobtui("check")
    assert code == 1
    assert f"{config}: [mail] command: program 'no-such-mailer-here' not found" in out
    config.write_text('[mail]\ncommand = "python3 -c pass {nope}"\n', encoding="utf-8")
    code, out, _ = jobtui("check")
    assert code == 1 and "[mail] command" in out and "nope" in out
    config.write_text(
        '[mail]\ncommand = "python3 -c pass {subject} {body_file}"\n', encoding="utf-8"
    )
    assert jobtui("check") == (0, "1 record, all good\n", "")


def test_check_reports_other_roles_naming_no_template(jobtui, tmp_path):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    _ok(jobtui("add", "Acme", "Dev"))
    config.write_text('[messages]\nother_roles = ["keep-in-touch", "thank_you"]\n', "utf-8")
    code, out, _ = jobtui("check")
    assert code == 1
    assert "[messages] other_roles: no template named 'keep-in-touch' (there are " in out
    assert "'thank_you'" not in out
    config.write_text('[messages]\nother_roles = ["keep_in_touch", "check_in"]\n', "utf-8")
    assert jobtui("check") == (0, "1 record, all good\n", "")
