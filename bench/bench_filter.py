"""What one keystroke in the `/` filter costs at scale, beside its floor.

    python bench/bench_filter.py [--sizes 100 1000 10000] [--repeat 10] [--words novak deploy]

For each size it opens the database with the store and builds the overview as the TUI's
data thread does (``jobtui.tui.data.snapshot``: ``build_overview`` over the store's
records; then ``gc.freeze()``, as the app does after a full load). Then, in-process, it
times ``jobtui.tui.view.visible_rows(overview, View(filter_text=needle))`` for a series of
growing needles (each prefix of each ``--words`` word: "n", "no", "nov", ...), each
``--repeat`` times: what the list must compute on a keystroke before anything is drawn.

The floor is a plain substring test, ``[s for s in texts if needle in s]``, over a list of
one prebuilt lower-case string per application holding all of its text (every string in
its stored record and in its interviews' records). The default words are an interviewer's
surname (``novak``) and a word that appears only in notes (``deploy``): whatever the
filter searches, the floor always searches everything.

Drawing the rows is not in this figure (see bench_tui.py for keystroke to frame). A
benchmark reports; it never fails. See bench/README.md ("Issue 14").
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import databases
import orjson

from jobtui.config import Config
from jobtui.db.store import Store
from jobtui.tui.data import snapshot
from jobtui.tui.view import View, visible_rows

WORDS = ["novak", "deploy"]
GOAL_MEDIAN_S = 0.050  # at 10,000: a keystroke redraws within 50 ms (median) ...
GOAL_WORST_S = 0.100  # ... and 100 ms (worst), of which this is the computing part


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def floor_texts(db: Path) -> list[str]:
    """One lower-case string per application: all of its text and its interviews'."""
    data = orjson.loads(db.read_bytes())
    by_app: dict[str, list[str]] = {}
    for interview in data.get("interviews", {}).values():
        by_app.setdefault(interview.get("application_id", ""), []).extend(_strings(interview))
    return [
        "\n".join([*_strings(app), *by_app.get(app.get("id", ""), [])]).lower()
        for app in data["applications"].values()
    ]


def needles(words: list[str]) -> list[str]:
    return [word[:n] for word in words for n in range(1, len(word) + 1)]


def timings(fn: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def bench_size(db: Path, words: list[str], repeat: int) -> dict[str, Any]:
    started = time.perf_counter()
    store = Store(db, read_only=True)
    try:
        overview = snapshot(store, datetime.now(UTC), Config())
    finally:
        store.close()
    built = time.perf_counter() - started
    gc.collect()
    gc.freeze()
    texts = floor_texts(db)
    result: dict[str, Any] = {"built": built, "rows": len(overview.rows), "per_needle": []}
    result["unfiltered"] = statistics.median(
        timings(lambda: visible_rows(overview, View()), repeat)
    )
    every, every_floor = [], []
    for needle in needles(words):
        view = View(filter_text=needle)
        shown = len(visible_rows(overview, view))
        matched = sum(1 for s in texts if needle in s)
        ours = timings(lambda view=view: visible_rows(overview, view), repeat)
        floor = timings(lambda needle=needle: [s for s in texts if needle in s], repeat)
        every += ours
        every_floor += floor
        result["per_needle"].append(
            (needle, shown, matched, statistics.median(ours), statistics.median(floor))
        )
    result["median"], result["worst"] = statistics.median(every), max(every)
    result["floor_median"], result["floor_worst"] = statistics.median(every_floor), max(every_floor)
    gc.unfreeze()
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    databases.add_options(parser, repeat=10)
    parser.add_argument("--words", nargs="+", default=WORDS, help="typed letter by letter")
    args = parser.parse_args(argv)
    begun = time.perf_counter()
    results: dict[int, dict[str, Any]] = {}
    with databases.workspace(args.data) as (data, _scratch):
        print(
            f"jobtui filter benchmark: {args.repeat} runs per needle; {databases.machine()}; "
            f"needles: every prefix of {' '.join(args.words)}\n",
            flush=True,
        )
        for n in args.sizes:
            db = databases.database(data, n, args.seed)
            print(f"timing at {n:,} ...", file=sys.stderr, flush=True)
            results[n] = bench_size(db, args.words, args.repeat)
    table = databases.Table()
    for n, res in results.items():
        label = f"{n:,}"
        table.row(label, "overview built (store + snapshot)", res["built"])
        table.row("", "visible_rows, no filter, median", res["unfiltered"])
        table.row("", "keystroke: visible_rows, median", res["median"], res["floor_median"])
        table.row("", "keystroke: visible_rows, worst", res["worst"], res["floor_worst"])
        for needle, shown, matched, ours, floor in res["per_needle"]:
            table.row("", f"  {needle!r}: {shown:,} shown, {matched:,} in floor", ours, floor)
        table.gap()
    table.print()
    print(
        "\nfloor: [s for s in texts if needle in s] over one prebuilt lower-case string per "
        "application (all its text and its interviews')\n'shown' = rows visible_rows returns "
        "(closed ones hidden, as the list starts); 'in floor' = strings holding the needle\n"
    )
    if 10_000 in results:
        res = results[10_000]
        met = res["median"] <= GOAL_MEDIAN_S and res["worst"] <= GOAL_WORST_S
        print(
            f"goal {'met' if met else 'NOT met'} (computing part only): a keystroke at 10,000 "
            f"takes {databases.duration(res['median'])} median, "
            f"{databases.duration(res['worst'])} worst (goal 50 ms / 100 ms to the redraw)"
        )
    print(f"(whole run {time.perf_counter() - begun:.0f} s)")


if __name__ == "__main__":
    main()
