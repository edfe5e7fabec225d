"""Databases for the issue-14 benchmarks, built once with bench_store's builder.

``bench_startup.py``, ``bench_cli.py`` and ``bench_filter.py`` share this: the same
realistic records as the store benchmark (3 interviews each, a few kB of Markdown notes,
same seed), one file per size. With ``--data DIR`` the files are kept in DIR and reused
by the next run (building 10,000 applications takes a while); without it they go into a
temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

import bench_store  # noqa: E402  (the builder: same records as the store bench)

SIZES = [100, 1000, 10_000]


def add_options(parser: argparse.ArgumentParser, repeat: int) -> None:
    """The options every issue-14 benchmark takes."""
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--repeat", type=int, default=repeat, help="runs per figure (median)")
    parser.add_argument(
        "--data", type=Path, help="keep the built databases here and reuse them next time"
    )
    parser.add_argument("--seed", type=int, default=2026)


@contextlib.contextmanager
def workspace(data: Path | None) -> Iterator[tuple[Path, Path]]:
    """(folder for databases, scratch folder); the scratch folder is always temporary."""
    with tempfile.TemporaryDirectory(prefix="jobtui-bench-") as tmp:
        scratch = Path(tmp)
        if data is None:
            (scratch / "data").mkdir()
            yield scratch / "data", scratch
        else:
            data.mkdir(parents=True, exist_ok=True)
            yield data, scratch


def database(folder: Path, size: int, seed: int) -> Path:
    """The database of ``size`` applications in ``folder``, built if it is not there."""
    path = folder / f"jobtui-{size}-seed{seed}.json"
    if not path.exists():
        print(f"building {size:,} applications ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        partial = folder / f"building-{size}-seed{seed}" / "jobtui.json"
        partial.parent.mkdir(exist_ok=True)
        bench_store.build(partial, bench_store.make_records(size, seed))
        os.replace(partial, path)
        shutil.rmtree(partial.parent)
        print(f"  built in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return path


def child_env(scratch: Path) -> dict[str, str]:
    """The environment a child jobtui runs in: no user config, no $JOBTUI_DB, no
    COLUMNS/LINES (so the terminal's own size counts), and bytecode written and read as an
    installed jobtui's is (PYTHONDONTWRITEBYTECODE, set in some shells, would make every
    start recompile jobtui: 130-170 ms no user pays)."""
    env = dict(os.environ)
    for name in ("COLUMNS", "LINES", "JOBTUI_DB", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    config = scratch / "config"
    config.mkdir(exist_ok=True)
    env["JOBTUI_CONFIG_DIR"] = str(config)
    env.setdefault("TERM", "xterm-256color")
    return env


def jobtui_command() -> list[str]:
    """The installed ``jobtui`` console script beside this Python, else ``python -m``."""
    script = Path(sys.executable).parent / "jobtui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "jobtui"]


def machine() -> str:
    """Python, OS, CPUs, the load average (other work skews every figure) and which jobtui
    (a PYTHONPATH in front of the installed one is how to measure another version)."""
    import jobtui

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, load average {load}; jobtui from "
        f"{Path(jobtui.__file__).parent}"
    )


def duration(seconds: float) -> str:
    if seconds >= 10:
        return f"{seconds:,.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:,.1f} ms"
    return f"{seconds * 1e6:,.1f} µs"


class Table:
    """Rows of figure / jobtui / floor / ratio, printed at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.header = f"{'size':>7}  {'figure':<40} {'jobtui':>11} {'floor':>11} {'ratio':>8}"

    def row(self, label: str, figure: str, value: float, floor: float | None = None) -> None:
        ratio = f"{value / floor:.2f}x" if floor else ""
        floor_text = duration(floor) if floor is not None else ""
        self.lines.append(
            f"{label:>7}  {figure:<40} {duration(value):>11} {floor_text:>11} {ratio:>8}"
        )

    def gap(self) -> None:
        self.lines.append("")

    def print(self) -> None:
        print(self.header)
        print("-" * len(self.header))
        print("\n".join(self.lines).rstrip("\n"))
