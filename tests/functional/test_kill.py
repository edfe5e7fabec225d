"""Kill tests: a writer SIGKILLed at random points never leaves a bad file or loses a write.

Each trial starts ``tests/kill_writer.py`` (a real process, so the kill is real: no
``finally``, no flush, no unlock), lets it run for a random moment, kills it with SIGKILL
and then checks the file: it parses, it opens, it holds every write the writer confirmed,
and its applications are exactly ``co-0 .. co-<k>`` with no hole and no duplicate.

The trial count comes from JOBTUI_KILL_TRIALS: 30 by default (a few seconds, for everyday
runs), 300 in CI (.ci/run sets it); each trial is the same whatever the count. The kill
trials are marked ``slow``: ``pytest -m "not slow"`` leaves them out of a quick loop.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from kill_writer import make_application  # tests/ is on sys.path (rootdir conftest)

from jobtui.db.datafile import DatabaseLockedError, parse_database
from jobtui.db.store import Store

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="needs SIGKILL and POSIX file locks"
)

WRITER = Path(__file__).parent.parent / "kill_writer.py"

SEED = 20261126
TRIALS = int(os.environ.get("JOBTUI_KILL_TRIALS", "30"))
SEEDED_APPS = 200  # bulk, so that a save takes long enough for kills to land inside it
# A quarter of the kills land at a random time after the start (mostly during start-up:
# imports, taking the lock, removing stale temps, loading); the rest wait for the first
# confirmed save and then land within the next 15 ms (a few to ~10 saves). Waiting for the first
# confirmation makes the mid-save kills independent of how slow the machine starts Python.
EARLY_SHARE = 0.25
EARLY_WINDOW = (0.0, 0.12)
AFTER_FIRST_SAVE_WINDOW = (0.0, 0.015)


def _spawn(db: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _temps(db: Path) -> list[str]:
    return [p.name for p in db.parent.iterdir() if p.name.startswith(f".tmp-{db.name}.")]


def _companies(raw: bytes) -> list[str]:
    data = parse_database(raw)  # raises ValueError on a torn or foreign file
    return [doc["company"] for doc in data.get("applications", {}).values()]


def _seed(db: Path, count: int) -> None:
    with Store(db) as store, store.transaction():
        for n in range(count):
            store.save(make_application(n))


def _kill_one(db: Path, rng: random.Random) -> list[int]:
    """Run the writer, SIGKILL it at a random moment, return the numbers it confirmed."""
    writer = _spawn(db)
    try:
        if rng.random() < EARLY_SHARE:
            time.sleep(rng.uniform(*EARLY_WINDOW))
        else:
            writer.stdout.peek()  # blocks until the first confirmed save is on the pipe
            time.sleep(rng.uniform(*AFTER_FIRST_SAVE_WINDOW))
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    # Read through the same buffered file objects (communicate() would read the raw pipe
    # and miss what peek() buffered). The writer is dead, so these reach EOF at once.
    out, err = writer.stdout.read().decode(), writer.stderr.read().decode()
    writer.stdout.close()
    writer.stderr.close()
    assert writer.returncode == -signal.SIGKILL, f"writer died by itself:\n{err}"
    # A number counts only once its whole line is out; a write(2) of a short line is atomic
    # on a pipe anyway, so a torn last line would itself be a surprise.
    return [int(line) for line in out.splitlines(keepends=True) if line.endswith("\n")]


@pytest.mark.slow
def test_sigkill_never_corrupts_or_loses_a_confirmed_write(tmp_path):
    db = tmp_path / "data" / "jobtui.json"
    _seed(db, SEEDED_APPS)
    rng = random.Random(SEED)
    count = SEEDED_APPS
    stats = {"confirmed": 0, "unconfirmed_landed": 0, "temp_left": 0, "no_save": 0}
    started = time.perf_counter()
    for trial in range(TRIALS):
        confirmed = _kill_one(db, rng)
        where = f"trial {trial} (count before {count}, confirmed {confirmed[:1]}..{confirmed[-1:]})"

        # Every confirmed number is the next one in order: the writer continued where the
        # file left off, so nothing it read at start-up was lost either.
        assert confirmed == list(range(count, count + len(confirmed))), where

        # The file parses and holds exactly co-0 .. co-<k-1>: no confirmed write lost, no
        # duplicate, no hole. At most one write beyond the confirmed ones may have landed
        # (killed after os.replace but before it printed).
        companies = _companies(db.read_bytes())
        new_count = len(companies)
        assert sorted(companies) == sorted(f"co-{n}" for n in range(new_count)), where
        landed_unconfirmed = new_count - count - len(confirmed)
        assert landed_unconfirmed in (0, 1), where

        # The dead writer's lock is gone with it, the store opens and saves, and its save
        # removes any temp file the kill left behind.
        left = _temps(db)
        with Store(db) as store:
            assert store.counts()["applications"] == new_count, where
            store.save(make_application(new_count))
        assert _temps(db) == [], where
        new_count += 1

        stats["confirmed"] += len(confirmed)
        stats["unconfirmed_landed"] += landed_unconfirmed
        stats["temp_left"] += bool(left)
        stats["no_save"] += not confirmed
        count = new_count

    elapsed = time.perf_counter() - started
    print(f"\n{TRIALS} kills in {elapsed:.1f}s, final count {count}: {stats}")
    # The kills must actually have hit saves in progress, or the test proves nothing.
    assert stats["temp_left"] > 0, stats
    assert stats["confirmed"] > TRIALS, stats


def test_a_save_stuck_in_another_process_makes_a_writer_wait_then_fail(tmp_path):
    db = tmp_path / "data" / "jobtui.json"
    _seed(db, 3)
    holder = _spawn(db, "--hold")
    try:
        assert holder.stdout.readline() == b"ready\n"

        store = Store(db, lock_wait=0.3)  # opening never waits: only a save takes the lock
        assert not store.read_only  # and a lock held elsewhere never makes it read-only
        with pytest.raises(DatabaseLockedError) as caught:
            store.save(make_application(3))
        message = str(caught.value)
        assert str(db) in message
        assert f"pid {holder.pid}" in message
        assert caught.value.holder == str(holder.pid)

        with Store(db, read_only=True) as reader:
            assert sorted(a.company for a in reader.applications()) == ["co-0", "co-1", "co-2"]
    finally:
        holder.kill()
        holder.communicate()

    # The OS drops the lock of a dead process: the next writer gets in.
    with Store(db) as store:
        store.save(make_application(3))
        assert store.counts()["applications"] == 4
