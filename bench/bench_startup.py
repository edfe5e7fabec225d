"""Time from launch to the first application on screen, through a real pseudo-terminal.

    python bench/bench_startup.py [--sizes 100 1000 10000] [--repeat 5] [--data DIR]
    python bench/bench_startup.py --compare /tmp/old-jobtui   # another version, interleaved

Each run forks a child on a new pseudo-terminal (the ``pty`` module) whose window is
120x40 (TIOCSWINSZ, set in the child before it starts), with COLUMNS and LINES unset and a
temporary config folder, and execs ``jobtui --db FILE``. The parent reads the terminal's
output until an application's company ("Company N", as bench_store names them) appears in
it, notes the time since just before the fork, then types ``q`` and reaps the child. So the
figure is what a person sees: every import, the read of the file, the overview, the
layout and the first frames, down to the bytes written to the terminal.

The floors are started and timed the same way: bench/bare_app.py (one Static; timed to its
text) and bench/widgets_app.py (jobtui's widget set with 40 rows added in on_mount; timed
to its first row). Runs are interleaved (bare, widgets, each size, then again), so noise
falls on all alike, after one untimed round (disk cache). A benchmark reports; it never
fails. ``--compare DIR`` also times the jobtui found in DIR (its PYTHONPATH: a folder
holding another ``jobtui`` package) at each size, in the same rounds, so a before/after
pair shares the machine's load. See bench/README.md ("Issue 14").
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import time

import databases  # the shared builder and options (bench/databases.py)

COLUMNS, LINES = 120, 40
TIMEOUT_S = 60.0  # a child that shows nothing by then is killed and reported
QUIT_S = 10.0  # after q, the child gets this long to exit before it is killed
BARE_TEXT = re.compile(rb"Hello from a bare")
COMPANY = re.compile(rb"Company \d")  # a company name as the builder writes it

GOAL_RATIO_1000 = 1.5  # at 1,000: within 1.5x of the bare app
GOAL_S_10000 = 1.0  # at 10,000: under a second


def _winsize() -> bytes:
    return struct.pack("HHHH", LINES, COLUMNS, 0, 0)


def launch(argv: list[str], env: dict[str, str], wanted: re.Pattern[bytes]) -> float:
    """Seconds from just before the fork until ``wanted`` is in the child's output."""
    started = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: size its terminal, then become the program
        try:
            fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, _winsize())
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = bytearray()
    found: float | None = None
    try:
        deadline = started + TIMEOUT_S
        while found is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if wanted.search(seen):
                found = time.perf_counter() - started
            del seen[:-256]  # a match may straddle two reads; keep a tail
        _quit(pid, master)
    finally:
        os.close(master)
    if found is None:
        tail = bytes(seen[-400:]).decode(errors="replace")
        raise RuntimeError(f"{' '.join(argv)}: never showed {wanted.pattern!r}: {tail!r}")
    return found


def _quit(pid: int, master: int) -> None:
    """Type q, keep reading (a terminal must be read or the child blocks), then reap."""
    with contextlib.suppress(OSError):
        os.write(master, b"q")
    deadline = time.perf_counter() + QUIT_S
    while time.perf_counter() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            return
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
    done, _status = os.waitpid(pid, os.WNOHANG)
    if not done:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    databases.add_options(parser, repeat=5)
    parser.add_argument("--no-widgets", action="store_true", help="skip widgets_app.py")
    parser.add_argument(
        "--compare",
        metavar="DIR",
        help="also time the jobtui package in DIR (put first on PYTHONPATH), interleaved",
    )
    args = parser.parse_args(argv)
    begun = time.perf_counter()
    python = sys.executable
    with databases.workspace(args.data) as (data, scratch):
        dbs = {n: databases.database(data, n, args.seed) for n in args.sizes}
        env = databases.child_env(scratch)
        other = dict(env)
        if args.compare:
            other["PYTHONPATH"] = os.pathsep.join(
                p for p in (args.compare, env.get("PYTHONPATH")) if p
            )
        jobs: dict[str, tuple[list[str], re.Pattern[bytes], dict[str, str]]] = {
            "bare": ([python, str(databases.BENCH_DIR / "bare_app.py")], BARE_TEXT, env)
        }
        if not args.no_widgets:
            widgets = [python, str(databases.BENCH_DIR / "widgets_app.py")]
            jobs["widgets"] = (widgets, COMPANY, env)
        for n, db in dbs.items():
            command = [*databases.jobtui_command(), "--db", str(db)]
            jobs[f"{n:,}"] = (command, COMPANY, env)
            if args.compare:
                jobs[f"{n:,} compared"] = (command, COMPANY, other)
        print(
            f"jobtui startup benchmark: median of {args.repeat} runs; {databases.machine()}; "
            f"a pseudo-terminal of {COLUMNS}x{LINES}, timed from the fork to the first "
            "company name in the output\n",
            flush=True,
        )
        runs: dict[str, list[float]] = {label: [] for label in jobs}
        for round_ in range(args.repeat + 1):
            print(f"round {round_ or 'warm-up'} ...", file=sys.stderr, flush=True)
            for label, (command, wanted, child_env) in jobs.items():
                seconds = launch(command, child_env, wanted)
                if round_:
                    runs[label].append(seconds)
    medians = {label: statistics.median(times) for label, times in runs.items()}
    bare = medians["bare"]
    table = databases.Table()
    table.row("bare", "bare_app.py: its line drawn", bare)
    if "widgets" in medians:
        table.row("", "widgets_app.py: first row drawn", medians["widgets"], bare)
    table.gap()
    for n in args.sizes:
        label = f"{n:,}"
        times = runs[label]
        table.row(label, "jobtui: first application drawn", medians[label], bare)
        table.row("", "  fastest run", min(times), min(runs["bare"]))
        table.row("", "  slowest run", max(times), max(runs["bare"]))
        if "widgets" in medians:
            table.row("", "  beside the widget-set app", medians[label], medians["widgets"])
        if args.compare:
            compared = medians[f"{label} compared"]
            table.row("", "  --compare: first application drawn", compared, bare)
            table.row("", "  this jobtui beside --compare", medians[label], compared)
        table.gap()
    table.print()
    print()
    print("floor: bare_app.py (one Static) started the same way; ratio = jobtui / floor")
    if args.compare:
        print(f"--compare: the jobtui in {args.compare}")
    print()
    if 1000 in args.sizes:
        ratio = medians["1,000"] / bare
        verdict = "met" if ratio <= GOAL_RATIO_1000 else "NOT met"
        print(f"goal {verdict}: at 1,000 {ratio:.2f}x the bare app (goal {GOAL_RATIO_1000}x)")
    if 10_000 in args.sizes:
        seconds = medians["10,000"]
        verdict = "met" if seconds <= GOAL_S_10000 else "NOT met"
        print(
            f"goal {verdict}: at 10,000 {databases.duration(seconds)} "
            f"(goal {databases.duration(GOAL_S_10000)})"
        )
    print(f"(whole run {time.perf_counter() - begun:.0f} s)")


if __name__ == "__main__":
    main()
