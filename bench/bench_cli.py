"""Wall time of the command line at scale, each beside its floor.

    python bench/bench_cli.py [--sizes 100 1000 10000] [--repeat 5] [--data DIR]

Each figure is a fresh process started with ``subprocess`` (the installed ``jobtui``
script, COLUMNS/LINES unset, a temporary config folder, its output read through a pipe),
timed from just before the spawn to its exit:

- ``jobtui list --db FILE`` and ``jobtui followups --json --db FILE``, beside the read
  floor: ``python -c "import orjson; orjson.loads(open(F, 'rb').read())"`` started the
  same way (the least any command that reads the whole file must spend);
- ``jobtui add --db COPY COMPANY ROLE`` (on a copy of the database, so the shared one is
  left alone), beside the save floor: a ``python -c`` that reads and parses the file, then
  ``orjson.dumps`` it, writes a new file in the same folder and fsyncs it. The adds start
  after a few untimed ones, so the backups folder is in its steady state (see the store
  benchmark).

Runs are interleaved (each command, then its floor), after one untimed round, and the
median is printed: the wall time, then the CPU time (user + system) of the same runs, which
other work on the machine sways much less. ``--phases`` adds where the time of `list` and
`followups --json` goes at the largest size, measured in this process (CPU time, the
collector paused as the commands pause it): reading the file into the store, the model
objects, the follow-up rules and the rows, the sort, the output.
A benchmark reports; it never fails. See bench/README.md ("Issue 14").
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import bench_store
import databases

GOAL_S = 0.3  # at 10,000: list and followups --json
GOAL_ADD_RATIO = 1.3  # add: within 1.3x of the save floor
ADD_WARMUP = bench_store.WARMUP  # untimed adds first: the backups folder fills up

READ_FLOOR = "import orjson, sys; orjson.loads(open(sys.argv[1], 'rb').read())"
SAVE_FLOOR = """
import orjson, os, sys
data = orjson.loads(open(sys.argv[1], "rb").read())
path = sys.argv[1] + ".floor"
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
view = memoryview(orjson.dumps(data))
while view:
    view = view[os.write(fd, view):]
os.fsync(fd)
os.close(fd)
os.unlink(path)
"""


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from just before the spawn to the exit, and the CPU seconds the child used;
    the output is read and dropped."""
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, timeout=300)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        error = done.stderr.decode(errors="replace")[-600:]
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {error}")
    return seconds, _children_cpu() - cpu


def bench_size(db: Path, scratch: Path, env: dict, repeat: int) -> dict[str, list[float]]:
    jobtui = databases.jobtui_command()
    python = sys.executable
    copy = scratch / f"add-{db.name}"
    shutil.copyfile(db, copy)
    pairs = {
        "list": ([*jobtui, "list", "--db", str(db)], [python, "-c", READ_FLOOR, str(db)]),
        "followups --json": (
            [*jobtui, "followups", "--json", "--db", str(db)],
            [python, "-c", READ_FLOOR, str(db)],
        ),
        "add": (
            [*jobtui, "add", "--db", str(copy), "Bench Company", "Engineer"],
            [python, "-c", SAVE_FLOOR, str(copy)],
        ),
    }
    times: dict[str, list[float]] = {}
    for _ in range(ADD_WARMUP):
        timed(pairs["add"][0], env)
    for round_ in range(repeat + 1):
        for name, (command, floor) in pairs.items():
            (value, cpu), (floor_value, floor_cpu) = timed(command, env), timed(floor, env)
            if round_:
                times.setdefault(name, []).append(value)
                times.setdefault(name + " floor", []).append(floor_value)
                times.setdefault(name + " cpu", []).append(cpu)
                times.setdefault(name + " floor cpu", []).append(floor_cpu)
    copy.unlink()
    return times


def phases(db: Path, repeat: int) -> dict[str, float]:
    """CPU seconds of each step of `list` and `followups --json` (the median of ``repeat``
    runs), in this process, with the clock and zone the benchmark's children see."""
    from jobtui.cli import render
    from jobtui.config import FollowUpRules
    from jobtui.core import dates
    from jobtui.core.followup import all_followups
    from jobtui.core.overview import build_overview, sort_rows
    from jobtui.db.store import Store

    try:
        from jobtui.core.overview import build_rows
    except ImportError:  # an older jobtui (PYTHONPATH): its list built the whole overview

        def build_rows(*records):  # type: ignore[no-redef]
            return build_overview(*records).rows

    rules, now = FollowUpRules(), dates.now()
    steps: dict[str, list[float]] = {}

    def step(name: str, started: float) -> float:
        ended = time.process_time()
        steps.setdefault(name, []).append(ended - started)
        return ended

    for _ in range(repeat):
        gc.collect()
        gc.disable()
        at = time.process_time()
        store = Store(db, read_only=True)
        at = step("read and parse the file (Store)", at)
        apps = store.applications()
        at = step("applications: from_dict", at)
        interviews, sent = store.interviews_by_application(), store.sent_by_application()
        at = step("interviews and sent: from_dict", at)
        rows = build_rows(apps, interviews, sent, [], now, rules)
        at = step("list: follow-up rules, next action", at)
        rows = sort_rows(rows, "urgency", now)
        at = step("list: sort by urgency", at)
        render.application_table(rows, now)
        at = step("list: the table", at)
        items = all_followups(apps, interviews, sent, now, rules)
        at = step("followups: the rules, sorted", at)
        render.json_text([item.to_json(now) for item in items])
        step("followups: the JSON", at)
        store.close()
        del store, apps, interviews, sent, rows, items
        gc.enable()
    return {name: statistics.median(values) for name, values in steps.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    databases.add_options(parser, repeat=5)
    parser.add_argument(
        "--phases", action="store_true", help="also time each step in-process at the largest size"
    )
    args = parser.parse_args(argv)
    begun = time.perf_counter()
    results: dict[int, dict[str, float]] = {}
    with databases.workspace(args.data) as (data, scratch):
        env = databases.child_env(scratch)
        print(
            f"jobtui CLI benchmark: median of {args.repeat} runs; {databases.machine()}; "
            "each figure a fresh process, spawn to exit\n",
            flush=True,
        )
        for n in args.sizes:
            db = databases.database(data, n, args.seed)
            print(f"timing at {n:,} ...", file=sys.stderr, flush=True)
            times = bench_size(db, scratch, env, args.repeat)
            results[n] = {name: statistics.median(values) for name, values in times.items()}
        steps = {}
        if args.phases:
            largest = max(args.sizes)
            print(f"timing the steps at {largest:,} ...", file=sys.stderr, flush=True)
            os.environ["JOBTUI_CONFIG_DIR"] = env["JOBTUI_CONFIG_DIR"]
            steps = phases(databases.database(data, largest, args.seed), args.repeat)
    for suffix, title in (("", "wall time"), (" cpu", "CPU time (user + system) of the same runs")):
        print(title)
        table = databases.Table()
        for n, figures in results.items():
            label = f"{n:,}"
            for name, floor_name in (
                ("list", "read floor"),
                ("followups --json", "read floor"),
                ("add", "save floor"),
            ):
                table.row(
                    label,
                    f"jobtui {name} (vs {floor_name})",
                    figures[name + suffix],
                    figures[name + " floor" + suffix],
                )
                label = ""
            table.gap()
        table.print()
        print()
    if steps:
        print(f"where the time goes at {max(args.sizes):,} (in-process, CPU time, median):")
        for name, seconds in steps.items():
            print(f"  {name:<44} {databases.duration(seconds):>11}")
    print(
        "\nread floor: python -c 'import orjson; orjson.loads(open(F, \"rb\").read())'; save "
        "floor: the same read, then orjson.dumps + write + fsync of a new file\n"
    )
    if 10_000 in results:
        figures = results[10_000]
        for name in ("list", "followups --json"):
            verdict = "met" if figures[name] <= GOAL_S else "NOT met"
            print(
                f"goal {verdict}: jobtui {name} at 10,000 takes "
                f"{databases.duration(figures[name])} (goal {databases.duration(GOAL_S)})"
            )
        ratio = figures["add"] / figures["add floor"]
        verdict = "met" if ratio <= GOAL_ADD_RATIO else "NOT met"
        print(f"goal {verdict}: jobtui add at 10,000 is {ratio:.2f}x the save floor (goal 1.3x)")
    print(f"(whole run {time.perf_counter() - begun:.0f} s)")


if __name__ == "__main__":
    main()
