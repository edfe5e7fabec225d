"""The database file: atomic saves, permissions, backups, refusal of bad files, lock, migrations."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta

import orjson
import pytest

from jobtui.db import datafile
from jobtui.db.datafile import (
    SCHEMA_VERSION,
    BackupPolicy,
    CorruptDatabaseError,
    DatabaseFile,
    DatabaseLockedError,
    ReadOnlyError,
    StorageError,
    empty_database,
    parse_database,
)


def _data(n: int) -> dict:
    data = empty_database()
    data["applications"] = {str(i): {"id": str(i), "company": f"co-{i}"} for i in range(n)}
    return data


class _Clock:
    """A settable naive clock for backup names."""

    def __init__(self) -> None:
        self.t = datetime(2026, 11, 26, 10, 0)

    def __call__(self) -> datetime:
        return self.t


def test_save_then_load_round_trips(db_path):
    file = DatabaseFile(db_path)
    file.save(_data(3))
    file.close()
    data, raw = DatabaseFile(db_path, read_only=True).load()
    assert data == _data(3)
    assert raw == db_path.read_bytes()


def test_file_is_private_and_folder_is_0700(db_path):
    file = DatabaseFile(db_path)
    file.save(_data(1))
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(datafile.locations.lock_file(db_path).stat().st_mode) == 0o600


def test_unicode_is_stored_as_utf8(db_path):
    data = empty_database()
    data["applications"] = {"x": {"id": "x", "company": "Zürich ☕ שלום"}}
    DatabaseFile(db_path).save(data)
    assert "Zürich ☕ שלום".encode() in db_path.read_bytes()


def test_failed_write_leaves_the_old_file_and_no_temp(db_path, monkeypatch):
    file = DatabaseFile(db_path)
    file.save(_data(1))
    before = db_path.read_bytes()

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(StorageError, match=r"cannot save .*jobtui\.json: No space left on device"):
        file.save(_data(2))
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".tmp-")] == []


def test_stale_temp_files_are_removed_by_the_next_save(db_path):
    db_path.parent.mkdir(parents=True)
    stale = db_path.parent / f".tmp-{db_path.name}.999.deadbeef"
    stale.write_bytes(b'{"half": ')
    unrelated = db_path.parent / ".tmp-other.json.1.aa"
    unrelated.write_bytes(b"x")
    file = DatabaseFile(db_path)
    assert stale.exists()  # opening writes nothing: another writer may be mid-save
    file.save(_data(1))
    assert not stale.exists()
    assert unrelated.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"applications": {', "not valid JSON (line 1, column 19"),
        (b"[1, 2]", "holds a JSON list"),
        (b'{"foo": {"1": {}}}', "not a jobtui database"),
        (b'{"_meta": {"1": {"app": "jobtui", "schema": 99}}}', "newer jobtui (schema 99"),
        (b'{"_meta": {"1": {"app": "jobtui", "schema": 1}}, "applications": [1]}', "damaged"),
        (b"\xff\xfe garbage", "not valid JSON"),
    ],
)
def test_bad_files_are_refused_and_never_overwritten(db_path, content, reason):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    with pytest.raises(CorruptDatabaseError) as info:
        DatabaseFile(db_path).load()
    message = str(info.value)
    assert str(db_path) in message
    assert reason in message
    assert "no good backup" in message
    assert db_path.read_bytes() == content


def test_corrupt_file_error_names_the_line(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(
        b'{\n  "_meta": {"1": {"app": "jobtui", "schema": 1}},\n  "applications": {,}\n}'
    )
    with pytest.raises(CorruptDatabaseError, match=r"line 3, column 20"):
        DatabaseFile(db_path).load()


def test_corrupt_file_message_names_newest_good_backup(db_path):
    clock = _Clock()
    file = DatabaseFile(db_path, clock=clock)
    for n in range(3):
        clock.t += timedelta(seconds=1)
        file.save(_data(n))
    # Damage the newest backup too: the message must skip it.
    newest = file.backups()[0]
    good = file.backups()[1]
    newest.unlink()  # it is a hard link: replace, don't write through, or the db changes too
    newest.write_bytes(b"{broken")
    file.close()
    db_path.write_bytes(b"\x00\x00 truncated")
    with pytest.raises(CorruptDatabaseError) as info:
        DatabaseFile(db_path).load()
    assert info.value.backup == good
    assert str(good) in str(info.value)
    assert parse_database(good.read_bytes()) == _data(0)


def test_every_save_keeps_the_previous_file_as_a_backup(db_path):
    clock = _Clock()
    file = DatabaseFile(db_path, clock=clock)
    for n in range(1, 4):
        clock.t += timedelta(seconds=1)
        file.save(_data(n))
    backups = file.backups()
    assert [parse_database(b.read_bytes()) for b in backups] == [_data(2), _data(1)]
    assert all(stat.S_IMODE(b.stat().st_mode) == 0o600 for b in backups)


def test_backups_keep_last_ten_saves_and_one_per_day_for_a_week(db_path):
    clock = _Clock()
    file = DatabaseFile(db_path, clock=clock, backups=BackupPolicy(recent=10, daily=7))
    # 12 days, 5 saves a day.
    start = clock.t - timedelta(days=11)
    for day in range(12):
        for save in range(5):
            clock.t = start + timedelta(days=day, minutes=save)
            file.save(_data(day * 10 + save))
    names = [b.name for b in file.backups()]
    days = sorted({n[5:13] for n in names})
    # The last 10 saves (days 11 and 10 of the run) plus one per day for the last 7 days.
    assert len(names) == 10 + 5
    assert days == [(start + timedelta(days=d)).strftime("%Y%m%d") for d in range(5, 12)]


def test_a_writer_waits_for_a_save_in_progress_then_names_the_holder(db_path):
    first = DatabaseFile(db_path)
    second = DatabaseFile(db_path, lock_wait=0.2)
    second.load()
    with first._lock.held(db_path, 0), pytest.raises(DatabaseLockedError) as info:
        second.save(_data(1))  # the other "save" never ends: give up after lock_wait
    assert str(db_path) in str(info.value)
    assert f"pid {os.getpid()}" in str(info.value)
    assert "0.2 s" in str(info.value)
    assert not db_path.exists()
    second.save(_data(1))  # free again once the first is done
    assert parse_database(db_path.read_bytes()) == _data(1)


def test_read_only_never_writes(db_path):
    writer = DatabaseFile(db_path)
    writer.save(_data(1))
    reader = DatabaseFile(db_path, read_only=True)
    assert reader.load()[0] == _data(1)
    with pytest.raises(ReadOnlyError):
        reader.save(_data(2))
    assert parse_database(db_path.read_bytes()) == _data(1)


def test_read_only_sees_changes_on_disk(db_path):
    writer = DatabaseFile(db_path)
    writer.save(_data(1))
    reader = DatabaseFile(db_path, read_only=True)
    reader.load()
    assert not reader.changed_on_disk()
    writer.save(_data(2))
    assert reader.changed_on_disk()


def test_empty_file_is_a_new_database(db_path):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    assert DatabaseFile(db_path).load()[0] == empty_database()


def test_migrations_run_in_order_from_every_earlier_version(monkeypatch):
    # Pretend we are at schema 3 with two migrations; a schema-1 file goes through both.
    monkeypatch.setattr(datafile, "SCHEMA_VERSION", 3)

    def v1_to_v2(data):
        for app in data.get("applications", {}).values():
            app["tags"] = app.pop("labels", [])
        return data

    def v2_to_v3(data):
        for app in data.get("applications", {}).values():
            app["status"] = app.get("status") or "applied"
        return data

    monkeypatch.setattr(datafile, "MIGRATIONS", {1: v1_to_v2, 2: v2_to_v3})
    old = {
        "_meta": {"1": {"app": "jobtui", "schema": 1}},
        "applications": {"a": {"id": "a", "labels": ["x"]}},
    }
    data = parse_database(orjson.dumps(old))
    assert data["_meta"]["1"]["schema"] == 3
    assert data["applications"]["a"] == {"id": "a", "tags": ["x"], "status": "applied"}
    from_v2 = parse_database(
        orjson.dumps({"_meta": {"1": {"app": "jobtui", "schema": 2}}, "applications": {"a": {}}})
    )
    assert from_v2["applications"]["a"] == {"status": "applied"}


def test_a_missing_migration_is_refused(monkeypatch):
    monkeypatch.setattr(datafile, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(datafile, "MIGRATIONS", {})
    with pytest.raises(ValueError, match="no migration from schema 1"):
        parse_database(b'{"_meta": {"1": {"app": "jobtui", "schema": 1}}}')


def test_current_schema_is_written():
    assert empty_database()["_meta"]["1"] == {"app": "jobtui", "schema": SCHEMA_VERSION}


def test_backups_stay_in_order_when_the_clock_stands_still(db_path):
    # A frozen (or backwards-running) clock must not confuse which backup is newest.
    file = DatabaseFile(db_path, clock=_Clock())
    for n in range(14):
        file.save(_data(n))
    backups = file.backups()
    assert len(backups) == 10
    assert [len(parse_database(b.read_bytes())["applications"]) for b in backups] == list(
        range(12, 2, -1)
    )
    assert file.newest_good_backup() == backups[0]


def test_a_stray_file_in_the_backups_folder_does_not_fail_a_save(db_path):
    file = DatabaseFile(db_path)
    file.save(_data(1))
    file.save(_data(2))
    (file.backups_dir / "save-20261399T000000000000Z-000099.json").write_bytes(b"{}")
    (file.backups_dir / "notes.txt").write_text("mine")
    file.save(_data(3))
    assert parse_database(db_path.read_bytes()) == _data(3)
    assert (file.backups_dir / "notes.txt").exists()


def test_an_emptied_file_with_backups_is_refused(db_path):
    file = DatabaseFile(db_path)
    file.save(_data(1))
    file.save(_data(2))
    file.close()
    db_path.write_bytes(b"")
    with pytest.raises(CorruptDatabaseError, match="it is empty, but it held data before") as info:
        DatabaseFile(db_path).load()
    assert info.value.backup is not None
    assert parse_database(info.value.backup.read_bytes()) == _data(1)
