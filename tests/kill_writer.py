"""A writer for tests/functional/test_kill.py: saves applications until it is killed.

    python tests/kill_writer.py DB          # save co-<n>, co-<n+1>, ... forever
    python tests/kill_writer.py DB --hold   # take DB's save lock, print "ready", sleep

In the first form ``n`` starts at the number of applications the database already holds,
and each number is printed (and flushed) only after ``Store.save`` has returned: a printed
number is a write the store confirmed, which no kill may lose afterwards.

Imports are kept to what a save needs, because the test starts this script hundreds of times.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from jobtui.core.model import Application
from jobtui.db.store import Store

# A few hundred characters per record, like real notes, so that the file has bulk.
NOTES = (
    "## Why this one\n\nSmall team, real product, remote-friendly. The posting asks for "
    "Python, Postgres and *some* frontend; the recruiter said the loop is a screen, a "
    "take-home and an onsite.\n\n- ask about on-call\n- ask about the roadmap for the "
    "mobile app\n- salary band was not in the ad\n"
)


def make_application(n: int) -> Application:
    return Application(
        company=f"co-{n}",
        role="Backend engineer",
        tags=["python", "remote"],
        notes=f"{NOTES}\nrecord {n}\n",
    )


def write_forever(path: str) -> None:
    store = Store(path)
    n = store.counts()["applications"]
    out = sys.stdout
    while True:
        store.save(make_application(n))
        out.write(f"{n}\n")  # confirmed: save() returned
        out.flush()
        n += 1


def hold(path: str) -> None:
    # A save that never ends: hold the lock a save takes, as a hung writer would.
    from jobtui.db.datafile import DatabaseFile

    file = DatabaseFile(Path(path))
    with file._lock.held(file.path, 0):
        print("ready", flush=True)
        time.sleep(600)


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[1] == "--hold":
        hold(argv[0])
    elif len(argv) == 1:
        write_forever(argv[0])
    else:
        sys.exit("usage: kill_writer.py DB [--hold]")


if __name__ == "__main__":
    main(sys.argv[1:])
