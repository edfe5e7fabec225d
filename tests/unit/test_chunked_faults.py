"""Saves in pieces under another writer's feet: a file emptied elsewhere, a merge whose write
fails, a sync tool replacing the file just after our save, a rollback of a new empty file.
Each checks what is on disk afterwards."""

from __future__ import annotations

import errno
import os

import orjson
import pytest

from jobtui.core.model import Application
from jobtui.db import datafile
from jobtui.db.datafile import StorageError
from jobtui.db.store import Store


def _companies(db_path) -> set[str]:
    return {a.company for a in Store(db_path, read_only=True).applications()}


def _store_with(db_path, count: int) -> Store:
    store = Store(db_path)
    with store.transaction():
        for n in range(count):
            store.save(Application(company=f"co-{n}", role="Dev"))
    return store


@pytest.mark.parametrize("emptied", [b"", b"\n", b"  \n\t"])
def test_a_file_emptied_elsewhere_is_not_merged_as_every_record_deleted(db_path, emptied):
    store = _store_with(db_path, 20)
    db_path.write_bytes(emptied)  # a sync tool or an editor truncates before writing
    store.save(Application(company="after", role="Dev"))
    assert _companies(db_path) == {f"co-{n}" for n in range(20)} | {"after"}
    assert not [w for w in store.take_warnings() if "merged" in w]


def _disk_full(monkeypatch) -> None:
    def full(fd, view):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)


def test_a_merge_whose_write_fails_is_merged_again_by_the_next_save(db_path, monkeypatch):
    ours = _store_with(db_path, 3)
    theirs = Store(db_path)
    theirs.save(Application(company="theirs", role="Ops"))
    ours.take_warnings()
    _disk_full(monkeypatch)
    with pytest.raises(StorageError, match="No space left on device"):
        ours.save(Application(company="lost to the full disk", role="Dev"))
    monkeypatch.undo()
    # Nothing was merged in: the failed save says nothing about a merge.
    assert not [w for w in ours.take_warnings() if "merged" in w]
    ours.save(Application(company="retry", role="Dev"))
    assert _companies(db_path) == {"co-0", "co-1", "co-2", "theirs", "retry"}
    assert [w for w in ours.take_warnings() if "merged" in w] == [
        "merged changes made elsewhere: 1 added"
    ]


def test_a_sync_tool_replacing_the_file_right_after_our_save_is_seen(db_path, monkeypatch):
    store = _store_with(db_path, 2)
    real_fsync_dir = datafile._fsync_dir
    armed = [True]

    def sync_tool_replaces(folder):
        real_fsync_dir(folder)
        if armed[0]:  # just after our os.replace, before save() returns
            armed[0] = False
            data = orjson.loads(db_path.read_bytes())
            first = next(iter(data["applications"].values()))
            data["applications"]["from-sync"] = {**first, "id": "from-sync", "company": "sync"}
            tmp = db_path.with_name("sync.tmp")
            tmp.write_bytes(orjson.dumps(data))
            os.replace(tmp, db_path)

    monkeypatch.setattr(datafile, "_fsync_dir", sync_tool_replaces)
    store.save(Application(company="ours", role="Dev"))
    monkeypatch.undo()
    assert store.reload_if_changed()  # the poll sees their file
    store.save(Application(company="ours again", role="Dev"))
    assert _companies(db_path) == {"co-0", "co-1", "ours", "sync", "ours again"}


def test_a_failed_first_save_into_a_new_empty_file_says_why(db_path, monkeypatch):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")  # `touch`ed: a new, empty database
    store = Store(db_path)
    _disk_full(monkeypatch)
    with pytest.raises(StorageError, match=r"No space left on device.*not changed"):
        store.save(Application(company="not saved", role="Dev"))
    monkeypatch.undo()
    assert store.applications() == []  # memory is what is on disk: nothing
    assert db_path.read_bytes() == b""


def test_a_file_touched_or_rewritten_with_the_same_bytes_is_not_reloaded(db_path):
    store = _store_with(db_path, 3)
    same = db_path.read_bytes()
    os.utime(db_path, ns=(1, 1))  # touched
    assert not store.reload_if_changed()
    tmp = db_path.with_name("sync.tmp")  # a sync tool replaces it with the same bytes
    tmp.write_bytes(same)
    os.replace(tmp, db_path)
    assert not store.reload_if_changed()
    assert not store.reload_if_changed()  # its identity is now the one seen
    # A real change is still picked up.
    Store(db_path).save(Application(company="elsewhere", role="Ops"))
    assert store.reload_if_changed()
    assert "elsewhere" in {a.company for a in store.applications()}
