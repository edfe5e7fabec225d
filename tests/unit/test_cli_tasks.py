"""`jobtui task`, `done` and `tasks`: what they print, what lands on disk, exit statuses."""

from __future__ import annotations

import orjson
import pytest

from tests.hostile import HOSTILE, HOSTILE_IDS, looks_like


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


def _tasks_on_disk(db_path, app_id):
    return orjson.loads(db_path.read_bytes())["applications"][app_id]["tasks"]


@pytest.fixture
def app_id(jobtui):
    return _ok(jobtui("add", "Acme", "Data Engineer"))


def test_task_prints_its_id_and_saves_it_with_its_due_time(jobtui, db_path, app_id):
    task_id = _ok(jobtui("task", app_id[:6], "Take-home: build the ETL", "--due", "fri 5pm"))
    [stored] = _tasks_on_disk(db_path, app_id)
    assert stored["id"] == task_id
    assert stored["text"] == "Take-home: build the ETL"
    # The frozen now is Thu 26 Nov 2026 10:00 Berlin: "fri 5pm" is the next day.
    assert stored["due"] == "2026-11-27T17:00:00+01:00"
    assert stored["done_at"] is None
    assert stored["created_at"] == "2026-11-26T10:00:00+01:00"


def test_done_completes_it_and_tasks_lists_only_open_ones(jobtui, db_path, app_id):
    first = _ok(jobtui("task", app_id, "Take-home", "--due", "fri 5pm"))
    _ok(jobtui("task", app_id, "Send references"))
    assert _ok(jobtui("done", first[:6])) == 'done: "Take-home" of Acme — Data Engineer'
    assert _tasks_on_disk(db_path, app_id)[0]["done_at"] == "2026-11-26T10:00:00+01:00"
    listed = _ok(jobtui("tasks"))
    assert "Send references" in listed
    assert "Take-home" not in listed
    everything = _ok(jobtui("tasks", "--all"))
    assert "Take-home" in everything and "done Thu 26 Nov 2026 10:00" in everything


def test_done_twice_says_so_and_undo_reopens(jobtui, db_path, app_id):
    task = _ok(jobtui("task", app_id, "Call back"))
    _ok(jobtui("done", task))
    before = db_path.read_bytes()
    assert "was already done" in _ok(jobtui("done", task))
    assert db_path.read_bytes() == before  # nothing changed, nothing written
    assert _ok(jobtui("done", task, "--undo")).startswith("reopened")
    assert _tasks_on_disk(db_path, app_id)[0]["done_at"] is None


def test_tasks_are_listed_soonest_due_first_then_undated(jobtui, app_id):
    _ok(jobtui("task", app_id, "no date"))
    _ok(jobtui("task", app_id, "later", "--due", "+5d"))
    _ok(jobtui("task", app_id, "sooner", "--due", "tomorrow 9am"))
    listed = [t["text"] for t in orjson.loads(_ok(jobtui("tasks", "--json")))]
    assert listed == ["sooner", "later", "no date"]


def test_tasks_json_has_the_application(jobtui, app_id):
    task = _ok(jobtui("task", app_id, "Sign the NDA", "--due", "mon 9am"))
    [item] = orjson.loads(_ok(jobtui("tasks", "--json")))
    assert item == {
        "id": task,
        "text": "Sign the NDA",
        "due": "2026-11-30T09:00:00+01:00",
        "done_at": None,
        "application_id": app_id,
        "company": "Acme",
        "role": "Data Engineer",
    }


def test_a_closed_applications_tasks_are_left_out_unless_all(jobtui, app_id):
    _ok(jobtui("task", app_id, "Prepare slides"))
    _ok(jobtui("status", app_id, "rejected"))
    assert "Prepare slides" not in _ok(jobtui("tasks"))
    assert "Prepare slides" in _ok(jobtui("tasks", "--all"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("task", "APP", "   "), "the task says nothing"),
        (("task", "APP", "x", "--due", "someday maybe"), "due"),
        (("task", "nope", "x"), 'no application with an id starting "nope"'),
        (("done", "zzz"), 'no task with an id starting "zzz"'),
    ],
)
def test_bad_input_is_one_line_naming_the_field_and_nothing_is_written(
    jobtui, db_path, app_id, args, message
):
    before = db_path.read_bytes()
    code, _out, err = jobtui(*[app_id if a == "APP" else a for a in args])
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert db_path.read_bytes() == before


def test_no_tasks_says_how_to_add_one(jobtui, app_id):
    assert "jobtui task ID" in _ok(jobtui("tasks"))


def test_no_database_lists_nothing(jobtui, db_path):
    assert _ok(jobtui("tasks", "--json")) == "[]"
    assert not db_path.exists()


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=HOSTILE_IDS)
def test_hostile_task_text_is_printed_as_data(jobtui, app_id, text):
    _ok(jobtui("task", app_id, text))
    listed = _ok(jobtui("tasks"))
    assert looks_like(text.strip())[:8].split()[0] in listed
    assert "\x1b" not in listed and "\x9b" not in listed and "\u202e" not in listed


def test_a_task_goes_to_the_trash_and_back_with_its_application(jobtui, db_path, app_id):
    _ok(jobtui("task", app_id, "Book travel"))
    _ok(jobtui("delete", app_id))
    assert _ok(jobtui("tasks", "--json")) == "[]"
    trash_id = orjson.loads(_ok(jobtui("trash", "--json")))[0]["id"]
    _ok(jobtui("undelete", trash_id))
    assert [t["text"] for t in orjson.loads(_ok(jobtui("tasks", "--json")))] == ["Book travel"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("yesterday", "Wed 25 Nov 2026"),  # a date alone: due all that day, no 00:00
        ("2026-12-02", "Wed 2 Dec 2026"),
        ("fri 5pm", "Fri 27 Nov 2026 17:00 CET"),
    ],
)
def test_a_due_date_alone_is_listed_as_its_day(jobtui, app_id, typed, shown):
    _ok(jobtui("task", app_id, "Send the take-home", "--due", typed))
    listed = _ok(jobtui("tasks"))
    assert f"{shown}  Send the take-home" in listed
    assert "00:00" not in listed


def test_all_is_every_task_done_ones_and_closed_applications_too(jobtui, app_id):
    _ok(jobtui("task", app_id, "Open, open application"))
    done_one = _ok(jobtui("task", app_id, "Done, open application"))
    _ok(jobtui("done", done_one))
    closed = _ok(jobtui("add", "Initech", "Analyst"))
    _ok(jobtui("task", closed, "Open, closed application"))
    done_closed = _ok(jobtui("task", closed, "Done, closed application"))
    _ok(jobtui("done", done_closed))
    _ok(jobtui("status", closed, "rejected"))

    def listed(*flags: str) -> list[str]:
        return [t["text"] for t in orjson.loads(_ok(jobtui("tasks", "--json", *flags)))]

    assert listed() == ["Open, open application"]
    assert sorted(listed("--all")) == sorted(
        [
            "Open, open application",
            "Done, open application",
            "Open, closed application",
            "Done, closed application",
        ]
    )
    _code, out, _err = jobtui("tasks", "--help")
    assert "every task: the done ones and closed applications' too" in " ".join(out.split())


def test_delete_task_removes_it_from_its_application(jobtui, db_path, app_id):
    from jobtui.db.store import Store
    from jobtui.ops import tasks as ops_tasks

    keep = _ok(jobtui("task", app_id, "Keep me"))
    gone = _ok(jobtui("task", app_id, "Typo'd task"))
    with Store(db_path) as store:
        removed = ops_tasks.delete_task(store, gone[:8])
    assert removed.task.text == "Typo'd task"
    assert [t["id"] for t in _tasks_on_disk(db_path, app_id)] == [keep]
