"""How fast the TUI starts, filters and saves, each figure beside its floor.

    python bench/bench_tui.py [--sizes 1000 10000] [--repeat 5] [--terminal pty|headless]
                              [--data DIR] [--parts startup filter save reload]

For each size it builds a database with bench_store's builder (the same realistic records)
in a temporary folder (or reuses the one kept in ``--data DIR``, as the other issue-14
benches do; the in-process runs work on a copy, since a save writes), then measures the
``--parts`` asked for (all four by default):

1. startup: a fresh ``python`` process running the real ``jobtui --db DB`` (the CLI entry
   point, so exactly what open_tui.py does), timed from just before the spawn to the first
   frame painted and to the first frame painted after the data is shown (``app.loaded``).
   The floor is bench/bare_app.py (one Static) started and timed the same way. By default
   the child runs on a pseudo-terminal (120x40) with Textual's real driver, so the frame is
   really encoded and written; ``--terminal headless`` runs it headless instead (the frame
   is still encoded, only not written).
2. filter: in-process under ``App.run_test()`` (headless, 120x40): after the load, "/" and
   then one key at a time; each keystroke timed from the key event being posted (what the
   terminal driver does) to the first frame painted after MainScreen has redrawn with the
   new filter, and to the moment the UI is free again (a 60 Hz ticker on the UI event loop
   runs on time again: work queued behind the frame delays the next keystroke). The floor
   is the same keystroke into an Input of a bare Textual app.
3. save: also under run_test, with the same ticker, "s" then a digit changes the selected
   application's status (a store job on the data thread, then a full redraw on the UI
   thread). The longest gap between ticks, from the key until the UI is free again, is how
   long the UI was frozen; it is split by phase, beside the longest garbage collection.
   The floor is the longest gap of the same ticker while the app is idle.
4. reload: the same ticker while another program's change is read in: a changed copy of
   the database (made beside it, untimed) replaces it with os.replace; the TUI's poll
   (every second) reads it, the overview is rebuilt in full and redrawn. The longest gap
   from the replace until the UI is free again, split by phase like a save's.

A benchmark reports; it never fails. See bench/README.md ("TUI: startup and filter latency").
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import gc
import inspect
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import bench_store  # noqa: E402  (the database builder: same records as the store bench)
import databases  # noqa: E402  (the issue-14 benches' shared databases)
import textual  # noqa: E402
from textual import events  # noqa: E402
from textual._compositor import CompositorUpdate  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Input, Static  # noqa: E402

from jobtui.config import Config  # noqa: E402
from jobtui.core.model import Status  # noqa: E402
from jobtui.db.store import Store  # noqa: E402
from jobtui.tui.app import JobTUI  # noqa: E402
from jobtui.tui.screens.main import MainScreen  # noqa: E402
from jobtui.tui.screens.status_picker import STATUSES  # noqa: E402

FRAME = 1 / 60  # Textual paints at most 60 times a second (TEXTUAL_FPS)
STARTUP_RATIO_GOAL = 1.5  # at 1,000: data drawn within 1.5x of the bare app's first paint
STARTUP_GOAL_S = 1.0  # at 10,000: data drawn in under a second
FILTER_GOAL_S = 0.050  # at 10,000: keystroke to filtered frame
SAVE_GAP_GOAL_S = 2 * FRAME  # a save may delay the UI by one frame: one tick late at most
FILTER_BUDGET_S = 60.0  # per size: type the word --repeat times, or fewer past this
SAVE_BUDGET_S = 30.0  # per size: --repeat saves, or fewer past this
QUIET_TICKS = 3  # on-time ticks in a row that mean "the UI is free again"
LATE = 2 * FRAME  # a tick this long after the previous one means a frame was missed
TIMEOUT_S = 120.0  # per child process / per wait; a hang is reported, not waited out
WORD = "novak"  # an interviewer's surname: n, no, nov... narrow the rows step by step
PARTS = ("startup", "filter", "save", "reload")

# -- 1. startup, in a child process -------------------------------------------------

# Runs as ``python -c RUNNER OUT MODE KIND TARGET COLS ROWS``. It patches two App methods
# (nothing in jobtui) before anything of jobtui is imported, then starts the app the
# normal way: jobtui through its CLI entry point, the bare app through its __main__.
RUNNER = r"""
import time
marks = {"interpreter": time.monotonic()}
import json, runpy, sys
out, mode, kind, target, cols, rows = sys.argv[1:7]
from textual.app import App
from textual._compositor import CompositorUpdate

display, run = App._display, App.run

def timed_display(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is None or self._batch_count:
        return
    if self.is_headless and isinstance(renderable, CompositorUpdate):
        renderable.render_segments(self.console)  # encode the frame as the real driver does
    now = time.monotonic()
    marks.setdefault("first_paint", now)
    marks.setdefault("first_screen", type(screen).__name__)
    if getattr(self, "loaded", True) and "data_drawn" not in marks:
        marks["data_drawn"] = now
        self.call_later(self.exit)

def headless_run(self, *args, **kwargs):
    kwargs.update(headless=True, size=(int(cols), int(rows)))
    return run(self, *args, **kwargs)

App._display = timed_display
if mode == "headless":
    App.run = headless_run
try:
    if kind == "jobtui":
        from jobtui.__main__ import main
        marks["status"] = main(["--db", target])
    else:
        runpy.run_path(target, run_name="__main__")
        marks["status"] = 0
finally:
    with open(out, "w") as f:
        json.dump(marks, f)
"""


def _drain(fd: int, sink: bytearray) -> None:
    """Read a pty master until the child closes it (a terminal must be read, or it blocks)."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        sink.extend(chunk)
        del sink[:-8192]  # keep the tail for error reports


def start_once(kind: str, target: Path, mode: str, size: tuple[int, int], env: dict) -> dict:
    """Start one child and return its marks, as seconds since just before the spawn."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    cmd = [sys.executable, "-c", RUNNER, str(out), mode, kind, str(target), *map(str, size)]
    output = bytearray()
    try:
        if mode == "pty":
            import fcntl
            import struct
            import termios

            master, slave = os.openpty()
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
            spawned = time.monotonic()
            proc = subprocess.Popen(
                cmd, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=REPO, close_fds=True
            )
            os.close(slave)
            reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
            reader.start()
            try:
                proc.wait(timeout=TIMEOUT_S)
            finally:
                reader.join(timeout=5)
                os.close(master)
        else:
            spawned = time.monotonic()
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=REPO,
            )
            output.extend(proc.communicate(timeout=TIMEOUT_S)[0][-8192:])
        marks = json.loads(out.read_text()) if out.stat().st_size else {}
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        marks = {}
    finally:
        out.unlink(missing_ok=True)
    if proc.returncode != 0 or marks.get("status") != 0 or "data_drawn" not in marks:
        tail = output.decode(errors="replace")[-2000:]
        raise RuntimeError(f"{kind} child failed (exit {proc.returncode}): {tail}")
    return {
        key: (value - spawned if isinstance(value, float) else value)
        for key, value in marks.items()
    }


def bench_startup(
    dbs: dict[int, Path], repeat: int, mode: str, size: tuple[int, int], home: Path
) -> dict[str, dict[str, float]]:
    """Median marks per kind ("bare" and each size). One untimed round first (disk cache)."""
    env = dict(os.environ)
    env["JOBTUI_CONFIG_DIR"] = str(home / "config")  # no user config.toml, no user keys
    env.pop("JOBTUI_DB", None)
    env.setdefault("TERM", "xterm-256color")
    runs: dict[str, list[dict]] = {"bare": [], **{str(n): [] for n in dbs}}
    jobs: list[tuple[str, str, Path]] = [("bare", "bare", BENCH_DIR / "bare_app.py")]
    jobs += [(str(n), "jobtui", path) for n, path in dbs.items()]
    for round_ in range(repeat + 1):
        for label, kind, target in jobs:  # interleaved, so noise falls on all alike
            marks = start_once(kind, target, mode, size, env)
            if round_:
                runs[label].append(marks)
    keys = ("interpreter", "first_paint", "data_drawn")
    return {
        label: {k: statistics.median(m[k] for m in marks) for k in keys}
        for label, marks in runs.items()
    }


# -- 2 and 3. in-process, under run_test ---------------------------------------------


class TimedMain(MainScreen):
    """MainScreen that notes when each redraw ends and with which filter."""

    shown_at: float | None = None
    show_seconds: list[float]

    def show(self, overview) -> None:
        started = time.perf_counter()
        super().show(overview)
        self.shown_at = time.perf_counter()
        self.show_seconds.append(self.shown_at - started)


class FrameClock:
    """Mixed into an App: records each painted frame; wakes whoever waits for one.

    ``start_ticker`` also runs a 60 Hz timer on the UI event loop; a late tick means the
    loop was busy (a handler, a redraw, a garbage collection, the GIL held elsewhere).
    """

    frames: list[float]
    ticks: list[float]
    _want_after: float | None = None
    _woken: asyncio.Event | None = None

    def _display(self, screen, renderable) -> None:
        super()._display(screen, renderable)  # type: ignore[misc]
        if renderable is None or self._batch_count:  # type: ignore[attr-defined]
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(self.console)  # type: ignore[attr-defined]
        now = time.perf_counter()
        self.frames.append(now)
        after = self._want_after
        if after is not None and now >= after and self._woken is not None:
            self._woken.set()

    async def frame_after(self, ready: Callable[[], float | None]) -> float:
        """Wait until ``ready()`` gives a time and a frame has been painted after it."""
        self._woken = asyncio.Event()
        deadline = time.perf_counter() + TIMEOUT_S
        while True:
            after = ready()
            if after is not None:
                self._want_after = after
                if self.frames and self.frames[-1] >= after:
                    break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), 0.005)
            self._woken.clear()
            if time.perf_counter() > deadline:
                raise TimeoutError("no frame painted")
        self._want_after = None
        return self.frames[-1]

    def start_ticker(self) -> None:
        self.ticks = []
        self.set_interval(FRAME, lambda: self.ticks.append(time.perf_counter()))  # type: ignore[attr-defined]

    async def free_after(self, moment: float) -> float:
        """When the UI loop ran freely again after ``moment``: the first tick after it that
        is followed by QUIET_TICKS on-time ticks (a busy loop fires its tick late, then on
        time again)."""
        deadline = time.perf_counter() + TIMEOUT_S
        while time.perf_counter() < deadline:
            ticks = self.ticks[bisect.bisect_left(self.ticks, moment) :]
            for n in range(len(ticks) - QUIET_TICKS):
                if all(
                    b - a <= LATE for a, b in itertools.pairwise(ticks[n : n + QUIET_TICKS + 1])
                ):
                    return ticks[n]
            await asyncio.sleep(FRAME)
        raise TimeoutError("the UI never became free")


class BenchTUI(FrameClock, JobTUI):
    """JobTUI as launched, plus timing: its main screen notes redraws, its data jobs phases."""

    CSS_PATH = Path(inspect.getfile(JobTUI)).parent / str(JobTUI.CSS_PATH)  # not bench/

    def __init__(self, store: Store) -> None:
        super().__init__(store, Config())
        self.frames = []
        self.main = TimedMain()  # replaced before mount: on_mount pushes self.main
        self.main.show_seconds = []
        self.jobs: list[dict[str, float]] = []
        submit = self.data.submit

        def timed_submit(job, on_done=None, on_error=None, **options):
            # refresh: a change's job (the overview brought up to date); the 1 s poll for
            # changes made elsewhere submits jobs too, with refresh=False
            record: dict[str, float] = {"refresh": options.get("refresh", True)}
            self.jobs.append(record)

            def timed_job(store: Store) -> Any:
                record["job_start"] = time.perf_counter()
                try:
                    return job(store)
                finally:
                    record["job_end"] = time.perf_counter()

            def timed_done(result: Any, overview: Any) -> None:
                record["ui_start"] = time.perf_counter()
                try:
                    if on_done is not None:
                        on_done(result, overview)
                finally:
                    record["ui_end"] = time.perf_counter()

            return submit(timed_job, timed_done, on_error, **options)

        self.data.submit = timed_submit  # type: ignore[method-assign]
        self.file_saves: list[tuple[float, float]] = []  # DatabaseFile.save, start and end
        file = store._storage.file
        if file is not None:
            save = file.save

            def timed_save(*args: Any, **kwargs: Any) -> Any:
                begun = time.perf_counter()
                try:
                    return save(*args, **kwargs)
                finally:
                    self.file_saves.append((begun, time.perf_counter()))

            file.save = timed_save  # type: ignore[method-assign]


class BareInput(FrameClock, App[None]):
    """The filter floor: a bare Textual app with one Input, noting when it changes."""

    changed_at: float | None = None

    def __init__(self) -> None:
        super().__init__()
        self.frames = []

    def compose(self) -> ComposeResult:
        yield Static("floor")
        yield Input()

    def on_input_changed(self) -> None:
        self.changed_at = time.perf_counter()


async def _one_save(app: BenchTUI, pilot, pauses: list) -> dict:
    """Change the selected application's status; time the phases and the ticker's gaps."""
    main = app.main
    assert isinstance(main, TimedMain)
    row = main.selected_row()
    assert row is not None
    # a real change that keeps the row among the open applications
    pick = Status.SCREENING if row.app.status != Status.SCREENING else Status.OFFER
    await pilot.press("s")
    await pilot.pause()
    del app.jobs[:]
    del app.file_saves[:]
    started = _key(app, str(STATUSES.index(pick) + 1))

    def change_done() -> float | None:
        job = next((j for j in app.jobs if j["refresh"]), None)
        return job.get("ui_end") if job else None

    painted = await app.frame_after(change_done)
    free = await app.free_after(painted)
    job = next(j for j in app.jobs if j["refresh"])
    return _phases(app, job, started, painted, free, pauses)


def _phases(app: BenchTUI, job: dict, started: float, painted: float, free: float, pauses: list):
    """The ticker's longest gaps from ``started`` until the UI is free, split by phase."""
    gaps = [(a, b) for a, b in itertools.pairwise(app.ticks) if b > started and a < free]

    def longest(low: float, high: float) -> float:
        """The longest gap that ended in (low, high]: the UI was held up in that phase."""
        return max((b - a for a, b in gaps if low < b <= high), default=0.0)

    return {
        "total": painted - started,
        "free": free - started,
        "max_gap": max(b - a for a, b in gaps),
        "job_gap": longest(started, job["job_end"]),
        "overview_gap": longest(job["job_end"], job["ui_start"]),
        "ui_gap": longest(job["ui_start"], free),
        "file_gap": max((longest(a, b) for a, b in app.file_saves), default=0.0),
        "file_save": sum(b - a for a, b in app.file_saves),
        "gc": max((b - a for a, b in pauses if b > started and a < free), default=0.0),
        "save": job["job_end"] - job["job_start"],
        "overview": job["ui_start"] - job["job_end"],
        "show": job["ui_end"] - job["ui_start"],
    }


def _other_writer(db: Path, scratch: Path, n: int) -> Path:
    """The database as another program would leave it after changing one application:
    written beside it (not timed), to be moved over it with os.replace."""
    copy = scratch / f"other-{n}" / db.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, copy)
    with Store(copy, clock=bench_store._wall_clock) as other:
        app = other.applications()[-1 - n]
        app.location = f"Moved elsewhere {n}"
        other.save(app)
    return copy


async def _one_reload(app: BenchTUI, pilot, db: Path, scratch: Path, n: int, pauses: list):
    """Another program replaces the file; the TUI's poll (every second) reads it in and
    redraws. The ticker's gaps from the replace until the UI is free again."""
    main = app.main
    assert isinstance(main, TimedMain)
    changed = _other_writer(db, scratch, n)
    await pilot.pause(0.3)  # the ticker settles after that work in this process
    del app.jobs[:]
    main.shown_at = None
    started = time.perf_counter()
    os.replace(changed, db)
    painted = await app.frame_after(lambda: main.shown_at)
    free = await app.free_after(painted)
    shown = main.shown_at
    # the poll job whose result was being shown (its done callback redrew)
    job = next(j for j in app.jobs if j.get("ui_start", shown) < shown <= j.get("ui_end", 0))
    return _phases(app, job, started, painted, free, pauses)


def _bounded(repeat: int, deadline: float):
    """range(repeat), cut short (after the first) once perf_counter() passes ``deadline``."""
    for n in range(repeat):
        if n and time.perf_counter() > deadline:
            return
        yield n


def _key(app: App, char: str) -> float:
    """Post one key event the way the terminal driver does; return when it was posted."""
    event = events.Key(char, char)
    event.set_sender(app)
    started = time.perf_counter()
    app._driver.send_message(event)  # type: ignore[union-attr]
    return started


async def _loaded(app: BenchTUI, pilot) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not app.loaded:
        if time.perf_counter() > deadline:
            raise TimeoutError("the data never loaded")
        await pilot.pause(0.05)
    await pilot.pause()


async def _type_word(
    app: FrameClock, pilot, word: str, ready: Callable[[str], Any]
) -> list[tuple[float, float]]:
    """(keystroke -> frame, keystroke -> UI free again) for each letter of ``word``."""
    latencies = []
    for n in range(1, len(word) + 1):
        started = _key(app, word[n - 1])  # type: ignore[arg-type]
        painted = await app.frame_after(lambda n=n: ready(word[:n]))
        free = await app.free_after(painted)
        latencies.append((painted - started, free - started))
        await pilot.pause()  # as between a person's keystrokes
    return latencies


async def filter_floor(word: str, repeat: int, size: tuple[int, int]) -> list:
    app = BareInput()
    latencies: list[tuple[float, float]] = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.start_ticker()
        box = app.query_one(Input)
        for _ in range(repeat):
            box.value = ""
            box.focus()
            await pilot.pause()
            app.changed_at = None

            def ready(typed: str) -> float | None:
                return app.changed_at if box.value == typed else None

            latencies += await _type_word(app, pilot, word, ready)
    return latencies


async def bench_in_process(
    db: Path, word: str, repeat: int, size: tuple[int, int], parts: list[str], scratch: Path
) -> dict[str, Any]:
    """Filter latencies and the save's UI stalls on one database (the ``parts`` asked for)."""
    store = Store(db, clock=bench_store._wall_clock)
    app = BenchTUI(store)
    main = app.main
    assert isinstance(main, TimedMain)
    result: dict[str, Any] = {"filter": [], "show": [], "words": 0, "saves": [], "reloads": []}
    try:
        async with app.run_test(size=size) as pilot:
            await _loaded(app, pilot)
            app.start_ticker()
            await asyncio.sleep(1.0)
            result["idle_gap"] = max(b - a for a, b in itertools.pairwise(app.ticks))
            result["rows"] = len(main.overview.rows) if main.overview else 0
            result["visible"] = len(main.visible_rows())

            # -- filter: "/" then the word, one key at a time; escape clears it again
            budget = time.perf_counter() + FILTER_BUDGET_S
            for _ in _bounded(repeat if "filter" in parts else 0, budget):
                await pilot.press("slash")
                await pilot.pause()
                del main.show_seconds[:]
                main.shown_at = None

                def ready(typed: str) -> float | None:
                    return main.shown_at if main.filter_text == typed else None

                result["filter"] += await _type_word(app, pilot, word, ready)
                result["show"] += main.show_seconds
                await pilot.press("escape")  # clears the filter, hides the box
                await pilot.pause()
            result["words"] = len(result["filter"]) // len(word)

            # -- save: status changes while the ticker runs
            saves = []
            pauses: list[tuple[float, float]] = []  # garbage collections, any thread
            collecting: dict[str, float] = {}

            def on_gc(phase: str, info: dict) -> None:
                if phase == "start":
                    collecting[threading.current_thread().name] = time.perf_counter()
                else:
                    begun = collecting.pop(threading.current_thread().name, None)
                    if begun is not None:
                        pauses.append((begun, time.perf_counter()))

            gc.callbacks.append(on_gc)
            budget = time.perf_counter() + SAVE_BUDGET_S
            reloads = []
            try:
                for _ in _bounded(repeat if "save" in parts else 0, budget):
                    saves.append(await _one_save(app, pilot, pauses))
                budget = time.perf_counter() + SAVE_BUDGET_S
                for n in _bounded(repeat if "reload" in parts else 0, budget):
                    reloads.append(await _one_reload(app, pilot, db, scratch, n, pauses))
            finally:
                gc.callbacks.remove(on_gc)
            result["saves"] = saves
            result["reloads"] = reloads
    finally:
        app.data.close()
    return result


# -- output -----------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms" if seconds < 10 else f"{seconds:,.2f} s"


class Table:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.header = f"{'size':>7}  {'figure':<44} {'jobtui':>11} {'floor':>11} {'ratio':>8}"

    def row(self, label: str, figure: str, value: float, floor: float | None = None) -> None:
        ratio = f"{value / floor:.2f}x" if floor else ""
        floor_text = _ms(floor) if floor is not None else ""
        self.lines.append(f"{label:>7}  {figure:<44} {_ms(value):>11} {floor_text:>11} {ratio:>8}")

    def gap(self) -> None:
        self.lines.append("")

    def print(self) -> None:
        print(self.header)
        print("-" * len(self.header))
        print("\n".join(self.lines))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument(
        "--terminal",
        choices=["pty", "headless"],
        default="pty",
        help="startup children: a pseudo-terminal with the real driver (default) or headless",
    )
    parser.add_argument("--word", default=WORD, help=f"what to type into the filter ({WORD!r})")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--dir", type=Path, help="where to build (default: a temp folder)")
    parser.add_argument(
        "--data", type=Path, help="reuse (or build and keep) the databases in this folder"
    )
    parser.add_argument(
        "--parts",
        nargs="+",
        choices=PARTS,
        default=list(PARTS),
        help="what to measure (default: all)",
    )
    args = parser.parse_args(argv)
    size = (120, 40)
    begun = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="jobtui-bench-tui-", dir=args.dir) as tmp:
        root = Path(tmp)
        (root / "config").mkdir()
        print(
            f"jobtui TUI benchmark: median of {args.repeat} runs (filter and save: fewer "
            f"once {FILTER_BUDGET_S:.0f} s / {SAVE_BUDGET_S:.0f} s are spent per size); Python "
            f"{platform.python_version()}, Textual {textual.__version__}, {platform.system()} "
            f"{platform.machine()}, {os.cpu_count()} CPUs; terminal {size[0]}x{size[1]}"
        )
        startup_how = (
            "on a pseudo-terminal with Textual's real driver"
            if args.terminal == "pty"
            else "run HEADLESS (App.run(headless=True); frames encoded, not written)"
        )
        print(f"startup: fresh process per run, `jobtui --db DB` {startup_how}")
        print(
            "filter and save: in-process under App.run_test() (HEADLESS; frames encoded, "
            f"not written); filter word {args.word!r}\n",
            flush=True,
        )
        dbs: dict[int, Path] = {}
        for n in args.sizes:
            folder = root / str(n)
            folder.mkdir()
            dbs[n] = folder / "jobtui.json"
            if args.data is not None:  # kept between runs; never written: copied here
                args.data.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(databases.database(args.data, n, args.seed), dbs[n])
            else:
                print(f"building {n:,} applications ...", file=sys.stderr, flush=True)
                bench_store.build(dbs[n], bench_store.make_records(n, args.seed))

        startup: dict[str, dict[str, float]] = {}
        if "startup" in args.parts:
            print("startup ...", file=sys.stderr, flush=True)
            startup = bench_startup(dbs, args.repeat, args.terminal, size, root)
        floor_keys: list[tuple[float, float]] = []
        if "filter" in args.parts:
            print("filter floor ...", file=sys.stderr, flush=True)
            floor_keys = asyncio.run(filter_floor(args.word, args.repeat, size))
        in_process = {}
        if {"filter", "save", "reload"} & set(args.parts):
            for n, db in dbs.items():
                print(f"filter, save and reload at {n:,} ...", file=sys.stderr, flush=True)
                in_process[n] = asyncio.run(
                    bench_in_process(db, args.word, args.repeat, size, args.parts, root)
                )

    idle_floor = statistics.median(r["idle_gap"] for r in in_process.values()) if in_process else 0
    floor_frame = [frame for frame, _ in floor_keys]
    floor_free = [free for _, free in floor_keys]
    table = Table()
    if startup:
        bare = startup["bare"]
        table.row("bare", "startup: interpreter running", bare["interpreter"])
        table.row("", "startup: first paint", bare["first_paint"])
    if floor_keys:
        table.row(
            "bare" if not startup else "",
            "filter: keystroke -> frame, median",
            statistics.median(floor_frame),
        )
        table.row("", "filter: keystroke -> frame, max", max(floor_frame))
        table.row("", "filter: keystroke -> UI free, median", statistics.median(floor_free))
        table.row("", "filter: keystroke -> UI free, max", max(floor_free))
    if startup or floor_keys:
        table.gap()
    for n in args.sizes:
        label = f"{n:,}"
        if startup:
            marks, bare = startup[str(n)], startup["bare"]
            table.row(label, "startup: first paint", marks["first_paint"], bare["first_paint"])
            table.row(
                "", "startup: data drawn (app.loaded)", marks["data_drawn"], bare["first_paint"]
            )
            label = ""
        res = in_process.get(n)
        if res is not None and res["filter"]:
            frame = [f for f, _ in res["filter"]]
            free = [f for _, f in res["filter"]]
            for figure, values, floors in (
                ("frame", frame, floor_frame),
                ("UI free", free, floor_free),
            ):
                table.row(
                    label,
                    f"filter: keystroke -> {figure}, median",
                    statistics.median(values),
                    statistics.median(floors),
                )
                label = ""
                table.row("", f"filter: keystroke -> {figure}, max", max(values), max(floors))
            show = statistics.median(res["show"])
            table.row("", "  MainScreen.show() per keystroke, median", show)
        if res is not None and res["saves"]:
            saves = res["saves"]
            stall = _med(saves, "max_gap")
            table.row(label, "save: longest UI stall (60 Hz ticker gap)", stall, idle_floor)
            table.row("", "  the longest of all saves", _top(saves, "max_gap"), idle_floor)
            table.row("", "  while the data thread saves", _med(saves, "job_gap"), idle_floor)
            table.row("", "    of which in DatabaseFile.save", _med(saves, "file_gap"), idle_floor)
            table.row(
                "", "  while the data thread rebuilds", _med(saves, "overview_gap"), idle_floor
            )
            table.row("", "  after, on the UI thread (redraw)", _med(saves, "ui_gap"), idle_floor)
            table.row("", "  longest garbage collection pause", _med(saves, "gc"))
            table.row("", "  data thread: store job (set_status+save)", _med(saves, "save"))
            table.row("", "    of which DatabaseFile.save", _med(saves, "file_save"))
            table.row("", "  data thread: overview rebuilt", _med(saves, "overview"))
            table.row("", "  UI thread: MainScreen.show", _med(saves, "show"))
            table.row("", "  key -> frame with the new status", _med(saves, "total"))
            table.row("", "  key -> UI free again", _med(saves, "free"))
        if res is not None and res["reloads"]:
            runs = res["reloads"]
            stall = _med(runs, "max_gap")
            table.row(label, "reload: longest UI stall (ticker gap)", stall, idle_floor)
            table.row("", "  the longest of all reloads", _top(runs, "max_gap"), idle_floor)
            table.row("", "  while the data thread reads", _med(runs, "job_gap"), idle_floor)
            table.row(
                "", "  while the data thread rebuilds", _med(runs, "overview_gap"), idle_floor
            )
            table.row("", "  after, on the UI thread (redraw)", _med(runs, "ui_gap"), idle_floor)
            table.row("", "  longest garbage collection pause", _med(runs, "gc"))
            table.row("", "  data thread: poll job (stat+read+parse)", _med(runs, "save"))
            table.row("", "  data thread: overview rebuilt", _med(runs, "overview"))
            table.row("", "  UI thread: MainScreen.show", _med(runs, "show"))
            table.row("", "  file replaced -> UI free again", _med(runs, "free"))
        table.gap()
    table.print()
    print(
        "floors: startup = bare_app.py's first paint; filter = the same keystroke into a bare "
        "app's Input;\n        save = the same 60 Hz ticker's longest gap while idle "
        f"({_ms(idle_floor)}); one frame = {_ms(FRAME)}\n"
        f"UI free = the first tick after the frame followed by {QUIET_TICKS} on-time ticks "
        "(the UI could take the next key)"
    )
    for n, res in in_process.items():
        print(
            f"at {n:,}: {res['visible']:,} of {res['rows']:,} applications shown (closed "
            f"hidden); filter: word typed {res['words']}x; {len(res['saves'])} saves, "
            f"{len(res['reloads'])} reloads"
        )
    print()
    _goals(startup, in_process)
    print(f"\n(whole run {time.perf_counter() - begun:.0f} s)")


def _med(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def _top(rows: list[dict[str, float]], key: str) -> float:
    return max(r[key] for r in rows)


def _goals(startup: dict[str, dict[str, float]], in_process: dict[int, dict]) -> None:
    def say(met: bool, text: str) -> None:
        print(f"goal {'met' if met else 'NOT met'}: {text}")

    if not startup:
        pass
    elif "1000" in startup:
        ratio = startup["1000"]["data_drawn"] / startup["bare"]["first_paint"]
        say(
            ratio <= STARTUP_RATIO_GOAL,
            f"startup at 1,000 (data drawn) is {ratio:.2f}x the bare app's first paint "
            f"(goal {STARTUP_RATIO_GOAL}x)",
        )
    else:
        print("goal not measured: startup at 1,000 (add 1000 to --sizes)")
    if "10000" in startup:
        seconds = startup["10000"]["data_drawn"]
        say(
            seconds < STARTUP_GOAL_S,
            f"startup at 10,000 (data drawn) takes {_ms(seconds)} (goal < {_ms(STARTUP_GOAL_S)})",
        )
    if 10_000 in in_process and in_process[10_000]["filter"]:
        frames = [frame for frame, _ in in_process[10_000]["filter"]]
        median, top = statistics.median(frames), max(frames)
        say(
            top <= FILTER_GOAL_S,
            f"filter keystroke at 10,000 takes {_ms(median)} median, {_ms(top)} max "
            f"(goal {_ms(FILTER_GOAL_S)})",
        )
    elif 10_000 not in in_process:
        print("goals not measured at 10,000 (add 10000 to --sizes)")
    for n, res in in_process.items():
        if res["reloads"]:
            stall = _med(res["reloads"], "max_gap")
            say(
                stall <= SAVE_GAP_GOAL_S,
                f"while another program's change was read in at {n:,}, the longest gap was "
                f"{_ms(stall)} (median of runs; goal <= {_ms(SAVE_GAP_GOAL_S)})",
            )
        if not res["saves"]:
            continue
        stall = _med(res["saves"], "max_gap")
        say(
            stall <= SAVE_GAP_GOAL_S,
            f"during a save at {n:,} the 60 Hz ticker's longest gap was {_ms(stall)} (median "
            f"of runs; goal <= {_ms(SAVE_GAP_GOAL_S)}: at most one frame missed)",
        )


if __name__ == "__main__":
    main()
