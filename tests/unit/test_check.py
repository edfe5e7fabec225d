"""`jobtui check [--fix]` and damaged records: one bad record never takes the others down.

Each database here is written to disk by hand, as a sync conflict, a hand edit or an older
bug would leave it: jobtui's _meta marker plus records, some of them damaged.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from jobtui.core.model import Application, Interview, Status
from jobtui.db.datafile import empty_database

SKIPPED = (
    "jobtui: warning: {n} records were skipped because they are damaged; "
    "run 'jobtui check' for details"
)
ONE_SKIPPED = (
    "jobtui: warning: 1 record was skipped because it is damaged; run 'jobtui check' for details"
)


def _write(db_path: Path, tables: dict[str, dict[str, dict]]) -> None:
    data = empty_database()
    data.update(tables)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _app(now, company: str, role: str, *, days_ago: int = 3) -> dict:
    app = Application(company=company, role=role)
    at = now - timedelta(days=days_ago)
    app.set_status(Status.APPLIED, at)
    app.created_at = app.updated_at = at
    return app.to_dict()


def _interview(now, app: dict) -> dict:
    interview = Interview(application_id=app["id"], starts_at=now + timedelta(days=1))
    interview.created_at = interview.updated_at = now - timedelta(days=1)
    return interview.to_dict()


@pytest.fixture
def damaged(db_path, now):
    """Two good applications (one with a good interview) and three damaged records:
    a company that is a number, an unknown status, an interview whose start is no date."""
    good = _app(now, "Good Corp", "Backend Engineer")
    other = _app(now, "Fine Ltd", "SRE", days_ago=5)
    number = _app(now, "Acme", "Dev")
    number["company"] = 5
    nonsense = _app(now, "Beta", "QA")
    nonsense["status"] = "nonsense"
    good_iv = _interview(now, good)
    bad_iv = _interview(now, good)
    bad_iv["starts_at"] = "next blursday"
    _write(
        db_path,
        {
            "applications": {a["id"]: a for a in (good, other, number, nonsense)},
            "interviews": {i["id"]: i for i in (good_iv, bad_iv)},
        },
    )
    return {
        "good": good,
        "other": other,
        "number": number,
        "nonsense": nonsense,
        "good_iv": good_iv,
        "bad_iv": bad_iv,
    }


def _line_for(out: str, record_id: str) -> str:
    lines = [line for line in out.splitlines() if record_id in line]
    assert len(lines) == 1, out
    return lines[0]


# -- the reproduction: before, `list` failed naming no record ----------------------------


def test_list_shows_the_good_records_and_warns_once(jobtui, damaged):
    code, out, err = jobtui("list")
    assert code == 0, err
    assert "Good Corp" in out
    assert "Fine Ltd" in out
    assert "Beta" not in out
    # the two records that do not load: the unknown status and the interview's start
    assert err.splitlines() == [SKIPPED.format(n=2)]


def test_followups_shows_the_good_records_and_warns_once(jobtui, damaged):
    code, out, err = jobtui("followups", "--json")
    assert code == 0, err
    items = json.loads(out)  # stdout stays valid JSON: the warning went to stderr
    assert {item["application_id"] for item in items} <= {
        damaged["good"]["id"],
        damaged["other"]["id"],
    }
    assert err.splitlines() == [SKIPPED.format(n=2)]


@pytest.mark.parametrize(
    "argv",
    [
        ("list", "--json"),
        ("followups",),
        ("stats",),
        ("stats", "--json"),
        ("export",),
        ("export", "--format", "csv"),
        ("export", "--format", "ics"),
    ],
)
def test_reading_commands_work_beside_damaged_records(jobtui, damaged, argv):
    code, out, err = jobtui(*argv)
    assert code == 0, err
    assert err.splitlines() == [SKIPPED.format(n=2)]
    if "--json" in argv or argv == ("export",):
        json.loads(out)


@pytest.mark.parametrize("argv", [("trash",), ("trash", "--json")])
def test_the_trash_lists_beside_damaged_records(jobtui, damaged, argv):
    # it reads no live record, so nothing is skipped and nothing is said
    code, _, err = jobtui(*argv)
    assert (code, err) == (0, "")


def test_show_a_good_record_beside_damaged_ones(jobtui, damaged):
    code, out, err = jobtui("show", damaged["good"]["id"][:8])
    assert code == 0, err
    assert "Good Corp" in out
    assert "next blursday" not in out
    assert err.splitlines() == [ONE_SKIPPED]


def test_show_a_damaged_record_points_at_check(jobtui, damaged):
    code, out, err = jobtui("show", damaged["nonsense"]["id"][:8])
    assert code == 1
    assert out == ""
    error = err.splitlines()[-1]
    assert damaged["nonsense"]["id"] in error
    assert "status" in error
    assert "jobtui check" in error


def test_one_damaged_record_is_named_in_the_singular(jobtui, db_path, now):
    good, bad = _app(now, "Good Corp", "Dev"), _app(now, "Bad", "Dev")
    bad["applied_on"] = "someday"
    _write(db_path, {"applications": {good["id"]: good, bad["id"]: bad}})
    code, out, err = jobtui("list")
    assert code == 0, err
    assert "Good Corp" in out
    assert err.splitlines() == [ONE_SKIPPED]


def test_a_clean_database_prints_no_warning(jobtui):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    code, _, err = jobtui("list")
    assert code == 0
    assert err == ""


# -- jobtui check ---------------------------------------------------------------------


def test_check_names_each_damaged_record_and_exits_1(jobtui, damaged, db_path):
    before = db_path.read_bytes()
    code, out, err = jobtui("check")
    assert code == 1
    assert err == ""
    number = _line_for(out, damaged["number"]["id"])
    assert number.split()[:3] == ["applications", damaged["number"]["id"], "company"]
    nonsense = _line_for(out, damaged["nonsense"]["id"])
    assert nonsense.split()[:3] == ["applications", damaged["nonsense"]["id"], "status"]
    assert "nonsense" in nonsense
    bad_iv = _line_for(out, damaged["bad_iv"]["id"])
    assert bad_iv.split()[:3] == ["interviews", damaged["bad_iv"]["id"], "starts_at"]
    for name in ("good", "other", "good_iv"):
        assert damaged[name]["id"] not in out
    assert out.splitlines()[-1] == (
        "3 of 6 records are damaged; "
        "'jobtui check --fix' takes a backup and moves them into the trash"
    )
    # check only reads: the file, its folder and its backups are as they were
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["jobtui.json"]


def test_check_json(jobtui, damaged):
    code, out, err = jobtui("check", "--json")
    assert code == 1
    assert err == ""
    report = json.loads(out)
    assert report["records"] == 6
    assert report["backup"] is None
    assert report["moved_to_trash"] == 0
    found = {(p["table"], p["record_id"], p["field"]) for p in report["problems"]}
    assert found == {
        ("applications", damaged["number"]["id"], "company"),
        ("applications", damaged["nonsense"]["id"], "status"),
        ("interviews", damaged["bad_iv"]["id"], "starts_at"),
    }
    assert all(p["reason"] for p in report["problems"])


def test_check_a_clean_database(jobtui):
    app_id = jobtui("add", "Acme", "Dev")[1].strip()
    assert jobtui("interview", app_id, "tomorrow 10am")[0] == 0
    assert jobtui("check") == (0, "2 records, all good\n", "")
    code, out, _ = jobtui("check", "--json")
    assert code == 0
    assert json.loads(out) == {
        "records": 2,
        "problems": [],
        "config_problems": [],
        "backup": None,
        "moved_to_trash": 0,
    }


def test_check_without_a_database_creates_nothing(jobtui, db_path):
    said = f"jobtui: no database at {db_path} yet ('jobtui add COMPANY ROLE' starts one)\n"
    assert jobtui("check") == (0, "", said)
    assert not db_path.parent.exists()


def test_check_never_sends_control_characters_to_the_terminal(jobtui, db_path, now):
    bad = _app(now, "Acme", "Dev")
    bad["status"] = "\x1b]0;pwned\x07"
    _write(db_path, {"applications": {bad["id"]: bad}})
    code, out, _ = jobtui("check")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "␛]0;pwned␇" in out  # shown, harmlessly


# -- jobtui check --fix ---------------------------------------------------------------


def test_fix_takes_a_backup_then_moves_the_damaged_records_into_the_trash(jobtui, damaged, db_path):
    before = db_path.read_bytes()
    code, out, err = jobtui("check", "--fix")
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    # the problems it found are still listed, so the user knows what moved
    for name in ("number", "nonsense", "bad_iv"):
        _line_for(out, damaged[name]["id"])
    backup_line = next(line for line in lines if line.startswith("backup written to "))
    backup = Path(backup_line.removeprefix("backup written to "))
    assert backup.is_file()
    assert orjson.loads(backup.read_bytes()) == orjson.loads(before)
    assert lines[-1] == (
        "moved 3 damaged records into the trash; "
        "'jobtui trash' lists them, 'jobtui undelete ID' brings one back"
    )

    # on disk: the good records exactly as they were, the damaged ones only in the trash
    data = orjson.loads(db_path.read_bytes())
    assert data["applications"] == {
        damaged["good"]["id"]: damaged["good"],
        damaged["other"]["id"]: damaged["other"],
    }
    assert data["interviews"] == {damaged["good_iv"]["id"]: damaged["good_iv"]}

    # the trash shows them; check and list are clean again
    code, out, err = jobtui("trash", "--json")
    assert code == 0, err
    assert err == ""
    trashed = {entry["id"] for entry in json.loads(out)}
    assert trashed == {damaged[name]["id"] for name in ("number", "nonsense", "bad_iv")}
    code, out, err = jobtui("trash")
    assert code == 0 and err == ""
    assert len(out.splitlines()) == 3
    assert jobtui("check") == (0, "3 records, all good\n", "")
    code, out, err = jobtui("list")
    assert (code, err) == (0, "")
    assert "Good Corp" in out


def test_fix_json(jobtui, damaged):
    code, out, err = jobtui("check", "--fix", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["moved_to_trash"] == 3
    assert len(report["problems"]) == 3
    assert Path(report["backup"]).is_file()


def test_fix_on_a_clean_database_changes_nothing(jobtui, db_path):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    before = db_path.read_bytes()
    backups = db_path.with_name(db_path.name + ".backups")
    kept = sorted(backups.iterdir()) if backups.exists() else []
    assert jobtui("check", "--fix") == (0, "1 record, all good\n", "")
    assert db_path.read_bytes() == before
    assert (sorted(backups.iterdir()) if backups.exists() else []) == kept


def test_a_moved_record_comes_back_with_undelete(jobtui, damaged, db_path):
    assert jobtui("check", "--fix")[0] == 0
    nonsense_id = damaged["nonsense"]["id"]
    code, out, err = jobtui("undelete", nonsense_id[:8])
    assert code == 0, err
    data = orjson.loads(db_path.read_bytes())
    assert data["applications"][nonsense_id] == damaged["nonsense"]
    # still damaged, so check names it again and the others skip it again
    code, out, _ = jobtui("check")
    assert code == 1
    _line_for(out, nonsense_id)


# -- the data layer's warnings reach stderr ---------------------------------------------


def test_data_layer_warnings_are_printed_after_the_command(jobtui, monkeypatch):
    from jobtui.db import store as store_module

    said = ["the backups folder /x cannot be written (Permission denied): saved without a backup"]

    def take_warnings(self):
        taken, said[:] = list(said), []
        return taken

    monkeypatch.setattr(store_module.Store, "take_warnings", take_warnings)
    code, out, err = jobtui("add", "Acme", "Dev")
    assert code == 0
    assert out.strip()
    assert err.splitlines() == [
        "jobtui: warning: the backups folder /x cannot be written (Permission denied): "
        "saved without a backup"
    ]
    # each only once
    assert jobtui("list")[2] == ""


def test_warnings_are_printed_when_the_command_fails_too(jobtui, monkeypatch):
    from jobtui.db import store as store_module

    monkeypatch.setattr(store_module.Store, "take_warnings", lambda self: ["merged 1 change"])
    code, _, err = jobtui("show", "feedface")
    assert code == 1
    assert err.splitlines()[0] == "jobtui: warning: merged 1 change"
    assert "feedface" in err.splitlines()[1]


def test_a_backups_folder_that_cannot_be_written_is_a_warning(jobtui, db_path):
    assert jobtui("add", "Acme", "Dev")[0] == 0
    backups = db_path.with_name(db_path.name + ".backups")
    assert not backups.exists()  # the first save had no older file to keep
    backups.write_text("not a folder")
    code, out, err = jobtui("add", "Beta", "QA")
    assert code == 0, err
    assert out.strip()
    assert err.splitlines() == [
        f"jobtui: warning: the backups folder {backups} cannot be written (Not a directory): "
        "saved without a backup"
    ]
    assert len(orjson.loads(db_path.read_bytes())["applications"]) == 2


def test_fix_moves_an_application_with_what_belongs_to_it(jobtui, db_path, now):
    good, bad = _app(now, "Good Corp", "Dev"), _app(now, "Beta", "QA")
    bad["status"] = "nonsense"
    its_interview = _interview(now, bad)
    _write(
        db_path,
        {
            "applications": {good["id"]: good, bad["id"]: bad},
            "interviews": {its_interview["id"]: its_interview},
        },
    )
    code, out, _ = jobtui("check")
    assert code == 1
    assert "no usable application" in _line_for(out, its_interview["id"])
    code, out, err = jobtui("check", "--fix")
    assert code == 0, err
    assert "moved 2 damaged records into the trash" in out
    data = orjson.loads(db_path.read_bytes())
    assert list(data["applications"]) == [good["id"]]
    assert data["interviews"] == {}
    # one trash entry: the application, carrying its interview
    code, out, _ = jobtui("trash", "--json")
    assert [entry["id"] for entry in json.loads(out)] == [bad["id"]]
    assert data["trash"][bad["id"]]["interviews"] == [its_interview]
