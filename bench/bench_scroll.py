"""What one key costs in the applications list at scale, beside its floor; and show_rows.

    python bench/bench_scroll.py [--sizes 1000 10000] [--repeat 30] [--data DIR]

For each size it opens the database (bench_store's realistic records, shared with the other
issue-14 benches through ``--data``; the run works on a copy) in the real app under
``App.run_test()`` (headless, 120x40, frames encoded as the terminal driver would), waits for
the data, then times three keys in the applications list, each ``--repeat`` times: ``j``
(one row down), ``pagedown`` (a page) and ``end`` (the last row; ``home`` in between, not
timed). A key is timed from the key event being posted (what the terminal driver does) to the
first frame painted after the list's cursor moved ("list": its ``move_cursor`` returned), and
to the first frame after the panes that follow the selection were redrawn ("+ panes": the
timeline, the details and the notes; MainPanes._after_cursor_move returned).

The floor is the same move (its keys: down, pagedown, ctrl+end) in a bare Textual app
holding one DataTable of 40 rows (the widget the list used to be), timed the same way (to
the frame after its cursor moved).

It also times ``ApplicationsTable.show_rows`` with every visible row (what a redraw of the
main screen costs the list), ``--repeat`` times. Before the virtual list, the DataTable
showed at most 200 rows and filling it took about 45 ms.

A benchmark reports; it never fails. See bench/README.md ("Issue 14").
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import databases
from bench_tui import BenchTUI, FrameClock, _loaded
from textual import events
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Static

from jobtui.db.store import Store
from jobtui.tui.widgets.applications import ApplicationsTable

SIZE = (120, 40)
KEYS = ("j", "pagedown", "end")
# The floor's DataTable has no j (the same move is its down arrow), and its end goes to the
# last column: ctrl+end is its key for the last row.
FLOOR_KEY = {"j": "down", "end": "ctrl+end"}
FLOOR_ROWS = 40
FRAME = 1 / 60
SETTLE_S = 0.5


def _post_key(app: App, key: str) -> float:
    """Post one key event as the terminal driver does; return when it was posted."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    started = time.perf_counter()
    app._driver.send_message(event)  # type: ignore[union-attr]
    return started


async def _time_key(app: Any, key: str, marks: dict[str, list[float]]) -> dict[str, float]:
    """Key posted -> first frame painted after each mark (``marks``: what -> when it
    happened; every kind of mark must come after every key)."""
    for times in marks.values():
        del times[:]
    started = _post_key(app, key)
    found = {}
    for what, times in marks.items():
        await app.frame_after(
            lambda times=times: times[-1] if times and times[-1] >= started else None
        )
        found[what] = app.frames[bisect.bisect_left(app.frames, times[-1])] - started
    return found


async def _time_keys(
    app: Any,
    pilot,
    table: Any,
    marks: dict[str, list[float]],
    repeat: int,
    keys: dict[str, str] | None = None,
) -> dict[tuple[str, str], list[float]]:
    """Each of KEYS (or the key ``keys`` has for it) ``repeat`` times, from the first row:
    (key, mark) -> latencies."""
    found: dict[tuple[str, str], list[float]] = {}
    for _ in range(repeat):
        table.move_cursor(row=0, animate=False)  # (DataTable's home only scrolls)
        await pilot.pause(SETTLE_S)  # what follows the move is drawn before the next key
        for key in KEYS:
            pressed = (keys or {}).get(key, key)
            for what, latency in (await _time_key(app, pressed, marks)).items():
                found.setdefault((key, what), []).append(latency)
            await pilot.pause(FRAME)  # as between a person's keystrokes
    return found


class FloorTable(DataTable):
    """DataTable noting when its cursor moved."""

    moved: list[float]

    def watch_cursor_coordinate(self, old, new) -> None:
        super().watch_cursor_coordinate(old, new)
        self.moved.append(time.perf_counter())


class BareTable(FrameClock, App[None]):
    """The floor: a bare Textual app with a DataTable of 40 rows, 20 lines high (about the
    list's height at 120x40), so a page is not the whole table."""

    CSS = "FloorTable { height: 20; }"

    def __init__(self) -> None:
        super().__init__()
        self.frames = []

    def compose(self) -> ComposeResult:
        yield Static("floor")
        yield FloorTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(FloorTable)
        table.moved = []
        table.add_columns("Company", "Role", "Status", "Applied", "Next action")
        for n in range(FLOOR_ROWS):
            table.add_row(f"Company {n}", "Engineer", "applied", "26 Nov 3d", "Follow up")
        table.focus()


async def floor(repeat: int) -> dict[str, list[float]]:
    app = BareTable()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(FloorTable)
        return await _time_keys(app, pilot, table, {"list": table.moved}, repeat, FLOOR_KEY)


async def bench_size(db: Path, repeat: int) -> dict[str, Any]:
    store = Store(db)
    app = BenchTUI(store)
    result: dict[str, Any] = {}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _loaded(app, pilot)
            main = app.main
            table = main.query_one(ApplicationsTable)
            table.focus()
            await pilot.pause()
            # (Run against jobtui before the virtual list, a DataTable: one frame for both.)
            virtual = hasattr(table, "page_rows")
            marks: dict[str, list[float]] = {"list": [], "panes": []} if virtual else {"panes": []}
            move_cursor, follow = table.move_cursor, main._after_cursor_move

            def timed_move_cursor(**kwargs: Any) -> None:
                move_cursor(**kwargs)
                marks["list"].append(time.perf_counter())

            def timed_follow() -> None:
                follow()
                marks["panes"].append(time.perf_counter())

            if virtual:
                table.move_cursor = timed_move_cursor  # type: ignore[method-assign]
            main._after_cursor_move = timed_follow  # type: ignore[method-assign]
            result["rows"] = table.row_count
            keys = None if virtual else FLOOR_KEY  # (its end went to the last column)
            result["keys"] = await _time_keys(app, pilot, table, marks, repeat, keys)
            rows = main.visible_rows()
            overview, view = main.overview, main.view
            assert overview is not None
            shows = []
            for _ in range(repeat):
                started = time.perf_counter()
                table.show_rows(rows, overview.now, view)
                shows.append(time.perf_counter() - started)
                await pilot.pause(FRAME)
            result["show_rows"] = shows
    finally:
        app.data.close()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    databases.add_options(parser, repeat=30)
    parser.set_defaults(sizes=[1000, 10_000])
    args = parser.parse_args(argv)
    begun = time.perf_counter()
    results: dict[int, dict[str, Any]] = {}
    with databases.workspace(args.data) as (data, scratch):
        print(
            f"jobtui scroll benchmark: {args.repeat} runs per key; {databases.machine()}\n",
            flush=True,
        )
        print("timing the floor ...", file=sys.stderr, flush=True)
        floors = asyncio.run(floor(args.repeat))
        for n in args.sizes:
            source = databases.database(data, n, args.seed)
            db = scratch / source.name  # a copy: nothing is saved, but the app may write
            shutil.copyfile(source, db)
            print(f"timing at {n:,} ...", file=sys.stderr, flush=True)
            results[n] = asyncio.run(bench_size(db, args.repeat))
    table = databases.Table()
    for n, res in results.items():
        label = f"{n:,}"
        for key in KEYS:
            base = floors[key, "list"]
            for what, figure in (("list", "list"), ("panes", "+ panes")):
                ours = res["keys"].get((key, what))
                if ours is None:
                    continue
                median, floor_median = statistics.median(ours), statistics.median(base)
                table.row(label, f"{key}: key -> {figure} frame, median", median, floor_median)
                table.row("", f"{key}: key -> {figure} frame, worst", max(ours), max(base))
                label = ""
        shows = res["show_rows"]
        table.row("", "show_rows (every row), median", statistics.median(shows))
        table.row("", "show_rows (every row), worst", max(shows))
        table.gap()
    table.print()
    listed = ", ".join(f"{res['rows']:,} of {n:,}" for n, res in results.items())
    print(f"\nrows in the list (closed ones hidden, as it starts): {listed}")
    print(
        f"floor: the same key in a bare Textual app with one DataTable of {FLOOR_ROWS} rows "
        "(key posted -> first frame painted after its cursor moved)"
    )
    print(f"(whole run {time.perf_counter() - begun:.0f} s)")


if __name__ == "__main__":
    main()
