"""Use cases that move data in and out: import, export, backup, the backups list, restore.

The importer and exporter load only when called, so the other commands never pay for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from jobtui.config import FollowUpRules
from jobtui.core import dates
from jobtui.db.datafile import DatabaseFile, parse_database
from jobtui.db.store import Store
from jobtui.ops.views import followups

if TYPE_CHECKING:
    from jobtui.io.importing import ImportPlan

EXPORT_FORMATS = ("json", "csv", "ics")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when it was saved (local time), how many applications it holds
    (None if it cannot be read) and, then, why not."""

    path: Path
    saved_at: datetime
    applications: int | None
    problem: str = ""


@dataclass(frozen=True)
class Restored:
    """A database replaced by ``backup``, now holding ``applications``; ``kept`` is the
    backup of the file as it was before (None if none could be kept)."""

    backup: Path
    applications: int
    kept: Path | None


def plan_import(
    store: Store, path: Path, *, now: datetime, format: str | None = None
) -> ImportPlan:
    """What importing ``path`` would add, update and skip against ``store`` (nothing is
    written). ``format`` is one of the importer's formats (default: detected). Raises
    ``ImportFileError`` for a file that cannot be read as one."""
    from jobtui.io import importing

    return importing.plan_import_into(store, path, now, format=format)


def apply_import(store: Store, plan: ImportPlan) -> ImportPlan:
    """Write a plan from :func:`plan_import` in one save; returns what was done."""
    from jobtui.io import importing

    return importing.apply_import(store, plan)


def import_file(
    store: Store, path: Path, *, now: datetime, format: str | None = None, dry_run: bool = False
) -> ImportPlan:
    """Plan importing ``path`` and, unless ``dry_run``, apply it; returns the plan (applied:
    what was done)."""
    plan = plan_import(store, path, now=now, format=format)
    return plan if dry_run else apply_import(store, plan)


def export(
    store: Store, format: str, *, now: datetime, rules: FollowUpRules, excel: bool = False
) -> bytes:
    """Everything in ``store`` as ``format``: "json" (the importer reads it back), "csv" (one
    row per application; ``excel`` adds a byte-order mark) or "ics" (interviews and the
    follow-ups owed)."""
    from jobtui.io import exporting

    data = exporting.ExportData.from_store(store)
    if format == "ics":
        return exporting.export_ics(data, followups(store, now=now, rules=rules), now)
    if format == "csv":
        return exporting.export_csv(data, excel=excel, now=now).encode("utf-8")
    if format == "json":
        return exporting.export_json(data, now)
    raise ValueError(f"unknown export format {format!r}")


def backup(store: Store, folder: Path | None = None) -> Path:
    """Copy the database as it is on disk into ``folder`` (default: the backups folder);
    returns the copy's path."""
    return store.backup_to(folder)


def backups_folder(db_path: Path) -> Path:
    """Where the backups of the database at ``db_path`` are kept."""
    return DatabaseFile(db_path, read_only=True).backups_dir


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup kept beside the database at ``db_path`` (rolling and manual ones),
    newest first, each read to count its applications."""
    folder = backups_folder(db_path)
    try:
        found = [p for p in folder.iterdir() if p.suffix == ".json"]
    except FileNotFoundError:
        return []
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return [_backup_info(path) for path in found]


def _backup_info(path: Path) -> BackupInfo:
    stamp = datetime.fromtimestamp(path.stat().st_mtime, tz=dates.local_tz())
    try:
        data = parse_database(path.read_bytes())
    except (OSError, ValueError) as exc:
        return BackupInfo(path, stamp, None, str(exc))
    return BackupInfo(path, stamp, len(data.get("applications", {})))


def restore_backup(store: Store, backup: Path) -> Restored:
    """Replace the whole database with ``backup`` (checked first); the file as it was is
    kept as a backup."""
    kept = store.restore_from(backup)
    return Restored(backup, len(store.applications()), kept)
