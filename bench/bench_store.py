"""How fast the store loads, saves and answers queries, each beside its floor.

    python bench/bench_store.py [--sizes 1000 10000] [--repeat 5] [--dir DIR] [--seed N]

For each size it builds a database of that many applications (3 interviews each, with
a few paragraphs of Markdown notes) in a temporary folder, then prints the median of
``--repeat`` runs of each figure next to its *floor*: the least any JSON-file store
could do for the same job (orjson on the same bytes, a plain dict access, one
write + fsync). The ratio says how much the store adds on top. TinyDB's own
JSONStorage doing the same one-record save is shown for comparison.

A benchmark reports; it never fails. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import timeit
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import tinydb
from tinydb import TinyDB

from jobtui.core.model import Application, Interview, InterviewKind, Person, Status
from jobtui.db.datafile import BackupPolicy
from jobtui.db.store import Store

GOAL_SIZE = 10_000
GOAL_RATIO = 1.3
WARMUP = BackupPolicy().recent + 2  # untimed saves first; see bench_size

# -- realistic, deterministic data ------------------------------------------------

# Word lists as text, split once (one word per line after formatting would be 100 lines).
_TEXT = {
    "words": "team product roadmap python postgres latency on-call migration customer review "
    "design system api service backend frontend mobile release hiring manager recruiter "
    "onsite take-home budget growth ownership mentoring remote office equity salary band "
    "benefits culture pairing testing deploy incident metrics dashboard queue cache "
    "database schema rollout feature flag experiment stakeholder quarter planning scope",
    "first": "Ana Ben Chloé Dmitri Emma Farid Grace Hiro Ines Jonas Kemi Lars Mei Noor Omar",
    "last": "Lima Okafor Novak Tanaka Müller Haddad Berg Silva Kowalski Andersen Rossi Chen",
    "tags": "python remote hybrid fintech health climate b2b startup series-b public",
}
_WORDS, _FIRST, _LAST, _TAGS = (_TEXT[k].split() for k in ("words", "first", "last", "tags"))
_ROLES = ("Backend engineer", "Staff engineer", "Platform engineer", "Data engineer", "SRE")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: tuple[int, int]) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _markdown_notes(rng: random.Random) -> str:
    """A few paragraphs of Markdown: a heading, prose, a bullet list, maybe a link."""
    parts = [f"## {rng.choice(_WORDS).capitalize()} and {rng.choice(_WORDS)}"]
    parts += [_paragraph(rng, (2, 4)) for _ in range(rng.randint(2, 3))]
    parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5))))
    if rng.random() < 0.5:
        parts.append(f"[posting](https://jobs.example.com/{rng.getrandbits(32):08x})")
    return "\n\n".join(parts)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _person(rng: random.Random) -> Person:
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    return Person(first + " " + last, f"{first.lower()}.{last.lower()}@example.com")


def make_records(size: int, seed: int) -> list[tuple[Application, list[Interview]]]:
    """``size`` applications with 3 interviews each; the same records for the same seed."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    records = []
    for n in range(size):
        applied = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
        app = Application(
            id=_uuid(rng),
            company=f"Company {n}",
            role=rng.choice(_ROLES),
            status=rng.choice(list(Status)),
            location=rng.choice(["Berlin", "Remote (EU)", "Lisbon", "London", "NYC"]),
            url=f"https://jobs.example.com/{n}",
            source=rng.choice(["referral", "linkedin", "company site", "recruiter"]),
            salary_min=rng.randrange(60, 120) * 1000,
            salary_max=rng.randrange(120, 180) * 1000,
            salary_currency="EUR",
            tags=rng.sample(_TAGS, k=rng.randint(1, 4)),
            applied_on=applied,
            notes=_markdown_notes(rng),
        )
        interviews = []
        for k in range(3):
            interviews.append(
                Interview(
                    id=_uuid(rng),
                    application_id=app.id,
                    starts_at=start + timedelta(days=rng.randint(0, 300), hours=k),
                    duration=timedelta(minutes=rng.choice([30, 45, 60, 90])),
                    kind=rng.choice(list(InterviewKind)),
                    interviewers=[_person(rng) for _ in range(rng.randint(1, 3))],
                    where=rng.choice(["Zoom", "Google Meet", "Office, 3rd floor", "phone"]),
                    notes=_paragraph(rng, (2, 5)),
                    topics=_paragraph(rng, (1, 2)),
                    concerns=_paragraph(rng, (1, 2)),
                    strengths=_paragraph(rng, (1, 2)),
                    liked=_sentence(rng),
                )
            )
        records.append((app, interviews))
    return records


def _wall_clock() -> datetime:
    # A real, moving clock: backups are named by time, and a frozen one would collide.
    return datetime.now(UTC)


def build(path: Path, records: list[tuple[Application, list[Interview]]]) -> float:
    """Save every record through the store in one transaction; return the seconds taken."""
    started = time.perf_counter()
    with Store(path, clock=_wall_clock) as store, store.transaction():
        for app, interviews in records:
            store.save(app)
            for interview in interviews:
                store.save(interview)
    return time.perf_counter() - started


# -- timing -------------------------------------------------------------------------


def once(fn: Callable[[], Any]) -> float:
    gc.collect()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def per_call(fn: Callable[[], Any], repeat: int) -> float:
    """Median seconds per call of a fast function, over ``repeat`` runs of many calls."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()  # enough calls for one run to take >= 0.2 s
    number = max(1, number // 4)
    return statistics.median(t / number for t in timer.repeat(repeat=repeat, number=number))


def fsync_write(path: Path, payload: bytes) -> None:
    """The floor of a durable save: one new file in the folder, written and fsynced."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


# -- one size -------------------------------------------------------------------


class Row:
    def __init__(self, figure: str, value: float, floor: float | None = None, unit: str = "s"):
        self.figure, self.value, self.floor, self.unit = figure, value, floor, unit


def bench_size(size: int, folder: Path, repeat: int, seed: int) -> tuple[list[Row], float]:
    """Return the rows for one size and the save ratio to the floor."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "jobtui.json"
    records = make_records(size, seed)
    rows: list[Row] = []

    build_seconds = build(db, records)
    raw = db.read_bytes()
    data = orjson.loads(raw)
    floor_file = folder / "floor.json"
    rows.append(Row("file size", len(raw), unit="bytes"))

    # Load: open (read + parse + check + lock) vs read + orjson.loads, alternating.
    def load() -> None:
        Store(db, clock=_wall_clock).close()

    load_times, load_floors = [], []
    for _ in range(repeat):
        load_times.append(once(load))
        load_floors.append(once(lambda: orjson.loads(db.read_bytes())))
    load_t, load_floor = statistics.median(load_times), statistics.median(load_floors)
    rows.append(Row("load: Store(path)", load_t, load_floor))

    # One save: change one application's notes and save it (full rewrite, fsync, backup
    # link, replace, folder fsync) vs orjson.dumps of the same data + write + fsync of a
    # new file in the same folder. The two alternate, so that disk noise falls on both.
    # The first WARMUP rounds are not timed: until the backup folder is full, every save
    # keeps the replaced file alive (hard link), so its writes get fresh page-cache pages,
    # which on some machines (VMs) costs more than the write itself; once pruning starts,
    # each save frees one old version, which is the steady state of a long session.
    store = Store(db, clock=_wall_clock)
    app = store.get_application(records[size // 2][0].id)
    save_times, floor_times = [], []
    for i in range(WARMUP + repeat):
        app.notes += f"\n\nEdited ({i})."
        save_times.append(once(lambda: store.save(app)))
        floor_times.append(once(lambda: fsync_write(floor_file, orjson.dumps(data))))
        floor_file.unlink()
    del save_times[:WARMUP], floor_times[:WARMUP]
    save_t, save_floor = statistics.median(save_times), statistics.median(floor_times)
    rows.append(Row("save one application", save_t, save_floor))
    rows.append(Row("build: 1 transaction, all records", build_seconds, save_floor))

    # Queries, each beside the same answer read straight from the parsed dict.
    app_id = app.id
    apps_raw, interviews_raw = data["applications"], data["interviews"]
    rows.append(
        Row(
            "query: get_application(id)",
            per_call(lambda: store.get_application(app_id), repeat),
            per_call(lambda: apps_raw[app_id], repeat),
        )
    )
    rows.append(
        Row(
            "query: interviews(app_id)",
            per_call(lambda: store.interviews(app_id), repeat),
            per_call(
                lambda: [d for d in interviews_raw.values() if d["application_id"] == app_id],
                repeat,
            ),
        )
    )
    rows.append(
        Row(
            "query: applications() (all)",
            per_call(store.applications, repeat),
            per_call(lambda: list(apps_raw.values()), repeat),
        )
    )
    store.close()

    # TinyDB's default JSONStorage (json module, rewrite in place + fsync, reads the whole
    # file back before every operation): the same documents, the same one-record change.
    tiny_path = folder / "tinydb.json"
    tiny = TinyDB(tiny_path)
    tiny.table("applications").insert_multiple(apps_raw.values())
    tiny.table("interviews").insert_multiple(interviews_raw.values())
    table = tiny.table("applications")
    tiny_id = size // 2 + 1
    tiny_times = []
    for i in range(repeat):
        fields = {"notes": f"{app.notes}\n\nTinyDB edit ({i})."}
        tiny_times.append(once(lambda fields=fields: table.update(fields, doc_ids=[tiny_id])))
    tiny.close()
    rows.append(Row("TinyDB JSONStorage: save one", statistics.median(tiny_times), save_floor))

    return rows, save_t / save_floor


# -- output ---------------------------------------------------------------------


def _duration(seconds: float) -> str:
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB"


def _filesystem(folder: Path) -> str:
    """The mount point and type holding ``folder`` (fsync cost depends on it), if known."""
    resolved = folder.resolve()
    best: tuple[str, str] = ("", "?")
    try:
        with open("/proc/mounts") as mounts:
            for line in mounts:
                _device, mount, kind, *_ = line.split()
                if resolved.is_relative_to(mount) and len(mount) > len(best[0]):
                    best = (mount, kind)
    except OSError:
        return "?"
    return f"{best[0]} ({best[1]})"


def print_table(results: list[tuple[int, list[Row]]]) -> None:
    header = f"{'size':>7}  {'figure':<36} {'jobtui':>10} {'floor':>10} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for size, rows in results:
        label = f"{size:,}"
        for row in rows:
            if row.unit == "bytes":
                value, floor, ratio = _size(row.value), "", ""
            else:
                value = _duration(row.value)
                floor = _duration(row.floor) if row.floor else ""
                ratio = f"{row.value / row.floor:.2f}x" if row.floor else ""
            print(f"{label:>7}  {row.figure:<36} {value:>10} {floor:>10} {ratio:>7}")
            label = ""
        print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--dir", type=Path, help="where to build (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="jobtui-bench-", dir=args.dir) as tmp:
        root = Path(tmp)
        print(
            f"jobtui store benchmark: median of {args.repeat} runs; Python "
            f"{platform.python_version()}, orjson {orjson.__version__}, tinydb "
            f"{tinydb.__version__}, {platform.system()} {platform.machine()}, "
            f"{os.cpu_count()} CPUs; files in {root} on {_filesystem(root)}"
        )
        print(
            f"goal: one save at {GOAL_SIZE:,} applications within {GOAL_RATIO}x of the floor "
            "(orjson.dumps + write + fsync)\n",
            flush=True,
        )
        results, ratios = [], {}
        for size in args.sizes:
            print(f"building {size:,} applications ...", file=sys.stderr, flush=True)
            rows, ratios[size] = bench_size(size, root / str(size), args.repeat, args.seed)
            results.append((size, rows))
        print_table(results)

    if GOAL_SIZE in ratios:
        ratio = ratios[GOAL_SIZE]
        verdict = "met" if ratio <= GOAL_RATIO else "NOT met"
        print(f"goal {verdict}: a save at {GOAL_SIZE:,} is {ratio:.2f}x the floor")
    else:
        print(f"goal not measured: add {GOAL_SIZE} to --sizes")


if __name__ == "__main__":
    main()
