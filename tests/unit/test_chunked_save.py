"""A save serialised in pieces: the file holds exactly ``orjson.dumps(data)``, and a save that
fails part of the way leaves the old file, no temp file and memory as it was on disk."""

from __future__ import annotations

import errno
import os

import orjson
import pytest
from hostile import HOSTILE_TEXTS  # tests/ is on sys.path (rootdir conftest)

from jobtui.core.model import Application
from jobtui.db import json_pieces
from jobtui.db.datafile import DatabaseFile, StorageError, empty_database
from jobtui.db.json_pieces import Encoded, encode_database, same_bytes
from jobtui.db.store import NotFoundError, Store

BIG_NOTE = "# Notes\n\n" + '- a line of notes, with ünïcödé and "quotes" \\ and \t tabs\n' * 20_000


def _nested(depth: int) -> object:
    value: object = "bottom"
    for level in range(depth):
        value = {"level": level, "inner": [value, None, True, 1.5]}
    return value


def _database(records: int = 50) -> dict:
    """A database of every shape a save meets: many records, hostile and huge text,
    nesting, empty tables."""
    data = empty_database()
    data["applications"] = {
        f"app-{n}": {
            "id": f"app-{n}",
            "company": HOSTILE_TEXTS[n % len(HOSTILE_TEXTS)],
            "role": "Dev",
            "tags": ["python", "🚀"],
            "notes": "short" if n % 7 else "x" * 5_000,
            "salary": n * 1_000,
            "score": n / 3,
            "remote": n % 2 == 0,
            "closed_at": None,
        }
        for n in range(records)
    }
    data["interviews"] = {}  # an empty table
    data["contacts"] = {"c": {"id": "c", "name": "株式会社テスト", "notes": BIG_NOTE}}
    data["trash"] = {"t": {"id": "t", "record": _nested(40), "interviews": [], "sent": []}}
    data["sent"] = {}
    return data


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces and batches of a few kB, so a small test database is made of hundreds."""
    monkeypatch.setattr(json_pieces, "_PIECE_BYTES", 2_000)
    monkeypatch.setattr(json_pieces, "_BATCH_BYTES", 8_000)


@pytest.mark.parametrize("records", [0, 1, 2, 17, 300])
def test_the_pieces_are_exactly_one_orjson_dump(records):
    data = _database(records)
    encoded = encode_database(data)
    assert bytes(encoded) == orjson.dumps(data)
    assert b"".join(encoded.batches()) == orjson.dumps(data)
    assert len(encoded) == len(orjson.dumps(data))


@pytest.mark.parametrize("records", [1, 300, 3_000])
def test_small_pieces_are_exactly_one_orjson_dump(small_pieces, records):
    data = _database(records)
    encoded = encode_database(data)
    assert len(encoded.pieces) > records // 20  # really in pieces
    assert bytes(encoded) == orjson.dumps(data)
    assert b"".join(encoded.batches()) == orjson.dumps(data)


@pytest.mark.parametrize(
    "data",
    [
        {},
        empty_database(),
        {"_meta": {}, "applications": {}},
        {"applications": {"a": {}}},
        {"applications": {"a": []}, "odd": [1, 2], "none": None, "n": 3},  # damaged tables
        {"ключ": {"ü": {"ß": "😀"}}, "": {"": ""}},
        {"applications": {HOSTILE_TEXTS[n]: {"x": t} for n, t in enumerate(HOSTILE_TEXTS)}},
    ],
)
def test_odd_shapes_give_the_same_bytes(small_pieces, data):
    assert bytes(encode_database(data)) == orjson.dumps(data)


@pytest.mark.parametrize(
    "data",
    [
        {1: {"a": {}}},  # a key that is not a string, at the top
        {"applications": {1: {}}},  # ... or in a table
        {"applications": {"a": {"when": object()}}},  # a value JSON cannot hold
        {"applications": {"a": {"n": 2**70}}},  # an int beyond 64 bits
    ],
)
def test_what_orjson_refuses_is_refused_the_same_way(data):
    with pytest.raises(orjson.JSONEncodeError) as whole:
        orjson.dumps(data)
    with pytest.raises(orjson.JSONEncodeError) as pieces:
        encode_database(data)
    assert str(pieces.value) == str(whole.value)


def test_batches_are_bounded_and_in_order(small_pieces):
    encoded = encode_database(_database(3_000))
    batches = list(encoded.batches())
    assert len(batches) > 10
    biggest_piece = max(map(len, encoded.pieces))
    assert all(len(b) < json_pieces._BATCH_BYTES + biggest_piece for b in batches)
    assert b"".join(batches) == bytes(encoded)


def test_same_as_compares_every_byte(small_pieces):
    data = _database(300)
    raw = orjson.dumps(data)
    encoded = encode_database(data)
    assert encoded.same_as(raw)
    assert same_bytes(encoded, raw)
    assert same_bytes(raw, raw)
    assert not same_bytes(None, raw)
    middle = len(raw) // 2
    flipped = raw[:middle] + bytes([raw[middle] ^ 1]) + raw[middle + 1 :]
    assert not encoded.same_as(flipped)
    assert not encoded.same_as(raw[:-1])
    assert not encoded.same_as(raw + b" ")
    assert not Encoded([b"ab", b"c"]).same_as(b"abd")


def test_a_save_writes_exactly_one_orjson_dump(db_path, small_pieces):
    data = _database(500)
    file = DatabaseFile(db_path)
    written, merged = file.save(data)
    assert merged is None
    assert db_path.read_bytes() == orjson.dumps(data) == bytes(written)
    loaded, _ = DatabaseFile(db_path, read_only=True).load()
    assert loaded == data


def test_short_writes_still_write_every_byte(db_path, small_pieces, monkeypatch):
    real_write = os.write

    def short_write(fd, view):
        return real_write(fd, bytes(view)[:777])  # the kernel may take less than asked

    monkeypatch.setattr(os, "write", short_write)
    data = _database(200)
    DatabaseFile(db_path).save(data)
    monkeypatch.undo()
    assert db_path.read_bytes() == orjson.dumps(data)


def _fail_on_write(monkeypatch, nth: int, code: int = errno.ENOSPC) -> list[int]:
    """os.write raises OSError(code) on its nth call from now (1-based); returns the count."""
    real_write = os.write
    calls = [0]

    def write(fd, view):
        calls[0] += 1
        if calls[0] == nth:
            raise OSError(code, os.strerror(code))
        return real_write(fd, view)

    monkeypatch.setattr(os, "write", write)
    return calls


def _temps(db_path) -> list[str]:
    return [p.name for p in db_path.parent.iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("nth", [1, 2, 7, 30])
def test_a_write_failing_part_way_leaves_the_old_file(db_path, small_pieces, monkeypatch, nth):
    file = DatabaseFile(db_path)
    file.save(_database(400))
    before = db_path.read_bytes()
    changed = _database(401)
    calls = _fail_on_write(monkeypatch, nth)
    with pytest.raises(StorageError, match=r"No space left on device.*not changed"):
        file.save(changed)
    monkeypatch.undo()
    assert calls[0] == nth  # it stopped at the failing batch
    assert db_path.read_bytes() == before
    assert _temps(db_path) == []
    # The file was not changed by anyone: the next save writes without a merge.
    assert file.save(changed)[1] is None
    assert db_path.read_bytes() == orjson.dumps(changed)


def _store_with(db_path, count: int) -> tuple[Store, list[Application]]:
    store = Store(db_path)
    apps = []
    with store.transaction():
        for n in range(count):
            apps.append(
                store.save(Application(company=f"co-{n}", role="Dev", notes=BIG_NOTE[:3000]))
            )
    return store, apps


@pytest.mark.parametrize("nth", [1, 5, 40])
def test_a_store_save_failing_part_way_rolls_memory_back(db_path, small_pieces, monkeypatch, nth):
    store, apps = _store_with(db_path, 150)
    apps[3].company = "Renamed"
    store.save(apps[3])  # a chunked save first: memory rolls back to its pieces
    before = db_path.read_bytes()
    _fail_on_write(monkeypatch, nth)
    with pytest.raises(StorageError, match="No space left on device"), store.change("add"):
        lost = store.save(Application(company="Lost", role="Dev"))
        apps[4].company = "Also lost"
        store.save(apps[4])
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert _temps(db_path) == []
    with pytest.raises(NotFoundError):
        store.get_application(lost.id)
    assert store.get_application(apps[4].id).company == "co-4"
    assert store.get_application(apps[3].id).company == "Renamed"
    assert store.undo() is None  # the failed change left nothing to take back
    store.close()


def test_a_full_disk_at_fsync_after_chunked_writes_keeps_the_old_file(
    db_path, small_pieces, monkeypatch
):
    store, _ = _store_with(db_path, 120)
    before = db_path.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="No space left on device"):
        store.save(Application(company="Lost", role="Dev"))
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert _temps(db_path) == []
    assert [a.company for a in store.applications()].count("Lost") == 0
    store.save(Application(company="Next", role="Dev"))
    assert "Next" in {a.company for a in Store(db_path, read_only=True).applications()}
    store.close()


def test_another_writers_change_is_merged_after_chunked_saves(db_path, small_pieces):
    ours, apps = _store_with(db_path, 200)
    apps[0].notes = "ours"
    ours.save(apps[0])  # what ours knows is on disk is now a set of pieces
    with Store(db_path) as theirs:
        other = theirs.get_application(apps[1].id)
        other.location = "Lisbon"
        theirs.save(other)
        theirs.save(Application(company="Theirs", role="Ops"))
    apps[2].notes = "ours again"
    ours.save(apps[2])
    warnings = ours.take_warnings()
    ours.close()
    assert any("merged changes made elsewhere: 1 added, 1 changed" in w for w in warnings)
    on_disk = {a.id: a for a in Store(db_path, read_only=True).applications()}
    assert on_disk[apps[0].id].notes == "ours"
    assert on_disk[apps[1].id].location == "Lisbon"
    assert on_disk[apps[2].id].notes == "ours again"
    assert "Theirs" in {a.company for a in on_disk.values()}
    assert len(on_disk) == 201


def test_a_file_touched_but_unchanged_is_no_merge(db_path, small_pieces):
    store, apps = _store_with(db_path, 100)
    apps[0].notes = "saved in pieces"
    store.save(apps[0])
    raw = db_path.read_bytes()
    # A sync tool rewrites the same bytes (a new inode and mtime): compared piece by piece.
    copy = db_path.with_name("incoming.json")
    copy.write_bytes(raw)
    os.replace(copy, db_path)
    apps[1].notes = "next"
    store.save(apps[1])
    assert store.take_warnings() == []
    assert store.take_reloaded() is False
    store.close()


def test_a_manual_backup_after_a_chunked_save_is_the_file(db_path, small_pieces, tmp_path):
    store, apps = _store_with(db_path, 100)
    apps[0].notes = "in pieces"
    store.save(apps[0])
    backup = store.backup_to(tmp_path / "copies")
    assert backup.read_bytes() == db_path.read_bytes()
    store.close()
