"""Kill -9 during a big save written in pieces: the file is the old one or the new one, whole.

A real writer process saves a database of a few MB over and over, with pieces and batches
made small (a few kB) so that every save is hundreds of orjson calls and os.write calls,
each write slowed down a little as on a slow disk: a SIGKILL lands between two of them.
After each kill the file must parse, hold every save the writer confirmed and nothing torn,
and be byte for byte one whole orjson dump of a database.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from jobtui.core.model import Application
from jobtui.db.datafile import parse_database
from jobtui.db.store import Store

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="needs SIGKILL and POSIX file locks"
)

SEED = 20261201
TRIALS = 12
SEEDED = 600
NOTES = "## Notes\n\n" + "- a line of notes about the role, the team and the pay\n" * 60

# Saves applications co-<n>, co-<n+1>, ... until killed; prints n once save() returned.
WRITER = r"""
import os, sys, time
from jobtui.core.model import Application
from jobtui.db import json_pieces
from jobtui.db.store import Store

json_pieces._PIECE_BYTES = 4_000  # hundreds of pieces and batches per save
json_pieces._BATCH_BYTES = 16_000
real_write = os.write

def slow_write(fd, data):  # a slow disk: most of a save is spent writing batches
    time.sleep(0.0005)
    return real_write(fd, data)

os.write = slow_write
store = Store(sys.argv[1])
notes = sys.argv[2]
n = store.counts()["applications"]
while True:
    store.save(Application(company=f"co-{n}", role="Dev", notes=notes))
    sys.stdout.write(f"{n}\n")
    sys.stdout.flush()
    n += 1
"""


def _temps(db: Path) -> list[Path]:
    return [p for p in db.parent.iterdir() if p.name.startswith(f".tmp-{db.name}.")]


def _companies(raw: bytes) -> list[str]:
    data = parse_database(raw)  # raises ValueError on a torn file
    assert orjson.dumps(data) == raw  # exactly one whole dump, nothing spliced
    return [doc["company"] for doc in data["applications"].values()]


@pytest.mark.slow
def test_sigkill_during_a_save_in_pieces_leaves_the_old_or_the_new_file(tmp_path):
    db = tmp_path / "data" / "jobtui.json"
    with Store(db) as store, store.transaction():
        for n in range(SEEDED):
            store.save(Application(company=f"co-{n}", role="Dev", notes=NOTES))
    rng = random.Random(SEED)
    count = SEEDED
    partial_temps = 0
    for trial in range(TRIALS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), NOTES],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            writer.stdout.peek()  # the first save is confirmed: the next ones are under way
            time.sleep(rng.uniform(0.0, 0.2))
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
        out, err = writer.stdout.read().decode(), writer.stderr.read().decode()
        writer.stdout.close()
        writer.stderr.close()
        assert writer.returncode == -signal.SIGKILL, err
        confirmed = [int(line) for line in out.splitlines(keepends=True) if line.endswith("\n")]
        where = f"trial {trial}: {count} before, confirmed {confirmed}"
        assert confirmed == list(range(count, count + len(confirmed))), where

        companies = _companies(db.read_bytes())
        assert sorted(companies) == sorted(f"co-{n}" for n in range(len(companies))), where
        assert len(companies) - count - len(confirmed) in (0, 1), where  # one unconfirmed

        size = db.stat().st_size
        partial_temps += any(t.stat().st_size < size for t in _temps(db))
        with Store(db) as store:  # opens, saves, and that save clears the dead one's temp
            store.save(Application(company=f"co-{len(companies)}", role="Dev"))
        assert _temps(db) == [], where
        count = len(companies) + 1
    # Some kills must have landed part of the way through writing a temp file.
    assert partial_temps > 0
