"""The database file on disk: atomic durable saves, a lock, rolling backups, refusal of bad files.

This layer knows bytes and dicts only (no TinyDB, no Textual). Every save:
write a temp file in the same folder, fsync it, hard-link the old file into the backups
folder, ``os.replace`` the temp over the database, fsync the folder. A kill at any point
leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from jobtui import locations

APP_MARK = "jobtui"
META_TABLE = "_meta"
SCHEMA_VERSION = 1

# Migrations from schema N to N+1, keyed by N. Each takes and returns the whole
# database dict. Schema 1 is the first released layout, so nothing is here yet;
# tests install a fake one to prove the machinery (see tests/test_storage.py).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_TMP_PREFIX = ".tmp-"
# save-<UTC time>-<sequence>.json; the sequence orders them even when the clock does not.
_BACKUP_RE = re.compile(r"^save-(\d{8}T\d{12})Z-(\d{6,})\.json$")


def _backup_key(path: Path) -> tuple[int, datetime] | None:
    """(sequence, UTC time) of a backup file name, or None if it is not one of ours."""
    match = _BACKUP_RE.match(path.name)
    if match is None:
        return None
    try:
        stamp = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%f")
    except ValueError:
        return None
    return int(match.group(2)), stamp


class StorageError(Exception):
    """A problem with the database file, worded for the user."""


class CorruptDatabaseError(StorageError):
    """The file does not parse or is not a jobtui database. It is never overwritten."""

    def __init__(self, path: Path, reason: str, backup: Path | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        hint = (
            f"; the newest good backup is {backup} (copy it over the file to restore it)"
            if backup
            else "; no good backup was found"
        )
        super().__init__(f"cannot open {path}: {reason}. The file was left untouched{hint}")


class DatabaseLockedError(StorageError):
    """Another jobtui holds the write lock on this file."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        who = f" (pid {holder})" if holder else ""
        super().__init__(
            f"{path} is in use by another jobtui{who}; close it first, or open this one read-only"
        )


class ReadOnlyError(StorageError):
    """A write was attempted on a database opened read-only."""


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups to keep: the last ``recent`` saves and one per day for ``daily`` days."""

    recent: int = 10
    daily: int = 7


def empty_database() -> dict[str, Any]:
    """A new database: just the marker that says it is ours, and its schema version."""
    return {META_TABLE: {"1": {"app": APP_MARK, "schema": SCHEMA_VERSION}}}


def _position(data: bytes, char_index: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, for error messages."""
    head = data[:char_index]
    line = head.count(b"\n") + 1
    column = char_index - (head.rfind(b"\n") + 1) + 1
    return line, column


def parse_database(raw: bytes) -> dict[str, Any]:
    """Parse and check the bytes of a database file; raise ValueError saying what is wrong.

    Returns the data migrated to the current schema.
    """
    if not raw.strip():
        return empty_database()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        line, column = _position(raw, exc.pos)
        raise ValueError(
            f"it is not valid JSON (line {line}, column {column}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"it holds a JSON {type(data).__name__}, not a jobtui database")
    if not data:
        return empty_database()
    meta = data.get(META_TABLE)
    record = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(record, dict) or record.get("app") != APP_MARK:
        raise ValueError("it is JSON but not a jobtui database (no jobtui marker in _meta)")
    schema = record.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise ValueError(f"its schema version {schema!r} is not valid")
    if schema > SCHEMA_VERSION:
        raise ValueError(
            f"it was written by a newer jobtui (schema {schema}; this one reads up to "
            f"{SCHEMA_VERSION}); upgrade jobtui"
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise ValueError(f'its table "{name}" is damaged (not a mapping of records)')
    return migrate(data, schema)


def migrate(data: dict[str, Any], schema: int) -> dict[str, Any]:
    """Bring data from ``schema`` up to SCHEMA_VERSION, one step at a time."""
    while schema < SCHEMA_VERSION:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise ValueError(f"no migration from schema {schema}")
        data = step(data)
        schema += 1
        data[META_TABLE]["1"]["schema"] = schema
    return data


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not possible (nor needed) on every platform.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_file_atomically(
    target: Path, payload: bytes, *, before_replace: Callable[[], None] | None = None
) -> None:
    """Write ``payload`` to ``target`` (mode 0600) so that it is whole or absent, and durable.

    ``before_replace`` runs once the new bytes are safely on disk, just before they take
    the target's place (the database keeps its previous file as a backup there).
    """
    folder = target.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    tmp = folder / f"{_TMP_PREFIX}{target.name}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    os.close(fd)
    try:
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)


class _Lock:
    """An exclusive, non-blocking OS lock on ``<db>.lock`` holding the owner's pid."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, db_path: Path) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock_fd(fd)
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise DatabaseLockedError(db_path, holder) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the lock
            self._fd = None


def _lock_fd(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


class DatabaseFile:
    """One jobtui database file: load it once, save it atomically, keep backups.

    ``read_only=False`` takes the lock (raising DatabaseLockedError if another jobtui
    has it); ``read_only=True`` never writes anything, not even the lock.
    """

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        backups: BackupPolicy | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.policy = backups or BackupPolicy()
        self.backups_dir = locations.backups_dir(self.path)
        # Naive UTC, for backup names and the one-per-day rule (tests pass their own).
        self._clock = clock or (lambda: datetime.now(UTC).replace(tzinfo=None))
        self._lock = _Lock(locations.lock_file(self.path))
        self._identity: tuple[int, int, int] | None = None
        if not read_only:
            self._make_folder(self.path.parent)
            self._lock.acquire(self.path)
            self._remove_stale_temps()

    # -- reading -----------------------------------------------------------

    def load(self) -> tuple[dict[str, Any], bytes | None]:
        """Read and check the file; return (data, the raw bytes or None if there is no file)."""
        try:
            raw = self.path.read_bytes()
            self._identity = self._stat_identity()
        except FileNotFoundError:
            return empty_database(), None
        except IsADirectoryError:
            raise CorruptDatabaseError(self.path, "it is a folder", None) from None
        except OSError as exc:
            raise StorageError(f"cannot read {self.path}: {exc.strerror}") from None
        if not raw.strip() and self.backups():
            # Our saves never leave an empty file; something else emptied it. Do not
            # start afresh over it: point at the backups.
            raise CorruptDatabaseError(
                self.path, "it is empty, but it held data before", self.newest_good_backup()
            )
        try:
            data = parse_database(raw)
        except ValueError as exc:
            raise CorruptDatabaseError(self.path, str(exc), self.newest_good_backup()) from None
        return data, raw

    def changed_on_disk(self) -> bool:
        """True if someone else replaced the file since we last read or wrote it."""
        try:
            return self._stat_identity() != self._identity
        except FileNotFoundError:
            return self._identity is not None

    def _stat_identity(self) -> tuple[int, int, int]:
        # Every save is a new inode (os.replace), so the inode alone would do; mtime and size
        # also catch an editor that rewrote the file in place.
        st = self.path.stat()
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    # -- writing -----------------------------------------------------------

    def save(self, data: dict[str, Any]) -> bytes:
        """Atomically and durably replace the file with ``data``; return the bytes written."""
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is open read-only; nothing was saved")
        payload = orjson.dumps(data)
        write_file_atomically(self.path, payload, before_replace=self._backup_current)
        # From here on the save has happened: nothing below may report it as failed.
        try:
            self._identity = self._stat_identity()
        except OSError:
            self._identity = None
        with contextlib.suppress(Exception):  # a stray file in backups/ must not fail a save
            self._prune_backups()
        return payload

    def close(self) -> None:
        """Release the lock."""
        self._lock.release()

    # -- backups -----------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        try:
            entries = list(self.backups_dir.iterdir())
        except FileNotFoundError:
            return []
        keyed = [(key, p) for p in entries if (key := _backup_key(p)) is not None]
        keyed.sort(reverse=True)
        return [p for _, p in keyed]

    def newest_good_backup(self) -> Path | None:
        """The newest backup that parses as a jobtui database, if any."""
        for candidate in self.backups():
            try:
                parse_database(candidate.read_bytes())
            except (OSError, ValueError):
                continue
            return candidate
        return None

    def _backup_current(self) -> None:
        # A hard link costs nothing and keeps the old inode (already fsynced) alive.
        if not self.path.exists():
            return
        self._make_folder(self.backups_dir)
        newest = self.backups()
        sequence = _backup_key(newest[0])[0] + 1 if newest else 1  # type: ignore[index]
        stamp = self._clock().strftime("%Y%m%dT%H%M%S%f")
        target = self.backups_dir / f"save-{stamp}Z-{sequence:06d}.json"
        try:
            os.link(self.path, target)
        except OSError:  # no hard links here (some network or FAT file systems): copy
            shutil.copy2(self.path, target)
            os.chmod(target, 0o600)

    def _prune_backups(self) -> None:
        """Keep the last ``recent`` saves and the last save of each of the last ``daily`` days."""
        all_backups = self.backups()
        keep: set[Path] = set(all_backups[: self.policy.recent])
        seen_days: set[object] = set()
        today = self._clock().date()
        for backup in all_backups:  # newest first: the first of each day is that day's last save
            key = _backup_key(backup)
            assert key is not None
            day = key[1].date()
            if day in seen_days:
                continue
            seen_days.add(day)
            if 0 <= (today - day).days < self.policy.daily:
                keep.add(backup)
        for backup in all_backups:
            if backup not in keep:
                with contextlib.suppress(OSError):
                    backup.unlink()

    # -- housekeeping ------------------------------------------------------

    def _remove_stale_temps(self) -> None:
        # Only safe while holding the lock: no other writer can be mid-save.
        prefix = f"{_TMP_PREFIX}{self.path.name}."
        try:
            entries = list(self.path.parent.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(prefix):
                with contextlib.suppress(OSError):
                    entry.unlink()

    @staticmethod
    def _make_folder(folder: Path) -> None:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700, exist_ok=True)
