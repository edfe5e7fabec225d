"""The database file on disk: atomic durable saves, a lock, rolling backups, refusal of bad files.

This layer knows bytes and dicts only (no TinyDB, no Textual). Every save, under the lock:
check that the file is still the one we read (if someone else replaced it, read theirs and
let the caller merge), write a temp file in the same folder, fsync it, hard-link the old file
into the backups folder, ``os.replace`` the temp over the database, fsync the folder. A kill
at any point leaves either the old file or the new one, never a mix.

The lock is held only for the moment of a save, so a CLI command, a second TUI or a sync
tool can work beside an open TUI; a writer waits a few seconds for a save in progress.
A symlinked path is followed: the file it names is the database (the link stays a link).

A save serialises the database in pieces (:mod:`jobtui.db.json_pieces`, exactly the bytes of
``orjson.dumps(data)``) and writes them batch by batch: one orjson call over tens of MB
would hold the interpreter lock for as long, freezing the TUI, whose saves run on a thread.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from jobtui import locations
from jobtui.db.json_pieces import (
    Encoded,
    Payload,
    decode_database,
    encode_database,
    same_bytes,
)

APP_MARK = "jobtui"
META_TABLE = "_meta"
SCHEMA_VERSION = 1

# Migrations from schema N to N+1, keyed by N. Each takes and returns the whole
# database dict. Schema 1 is the first released layout, so nothing is here yet;
# tests install a fake one to prove the machinery (see tests/unit/test_storage.py).
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
    """Another jobtui kept the write lock for longer than we were willing to wait."""

    def __init__(self, path: Path, holder: str, waited: float = 0.0) -> None:
        self.path = path
        self.holder = holder
        who = f" (pid {holder})" if holder else ""
        super().__init__(
            f"{path} is being saved by another jobtui{who} and it did not finish within "
            f"{waited:g} s; nothing was saved, try again"
        )


class ReadOnlyError(StorageError):
    """A write was attempted on a database opened read-only."""


class ChangedOnDiskError(StorageError):
    """The file was replaced by someone else since it was read, and no merge was offered."""


def describe_os_error(exc: OSError) -> str:
    """The reason of an OSError in words ("No space left on device")."""
    if exc.strerror:
        return exc.strerror
    if exc.errno:
        return os.strerror(exc.errno)
    return str(exc) or type(exc).__name__


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


def parse_database(raw: bytes, *, blank_ok: bool = True, in_pieces: bool = False) -> dict[str, Any]:
    """Parse and check the bytes of a database file; raise ValueError saying what is wrong.

    Returns the data migrated to the current schema. ``blank_ok`` accepts a file with no
    data at all (empty, or ``{}``) as a new database; without it such a file is refused.
    ``in_pieces`` parses it a record at a time (:func:`decode_database`: slower, but it
    never holds the interpreter lock for long), for a read while the TUI is running.
    """
    if not raw or raw.isspace():  # (strip() would copy the whole file)
        if not blank_ok:
            raise ValueError("it is empty")
        return empty_database()
    try:
        data = decode_database(raw) if in_pieces else orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        line, column = _position(raw, exc.pos)
        raise ValueError(
            f"it is not valid JSON (line {line}, column {column}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise ValueError(f"it holds a JSON {type(data).__name__}, not a jobtui database")
    if not data:
        if not blank_ok:
            raise ValueError("it holds no jobtui data ({}), but it held data before")
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


def _write_all(fd: int, payload: Payload) -> None:
    # os.write releases the interpreter lock; a batch at a time keeps each copy short.
    for batch in payload.batches() if isinstance(payload, Encoded) else (payload,):
        view = memoryview(batch)
        while view:
            view = view[os.write(fd, view) :]


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


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each 0700 (mkdir(parents=True) would give
    the parents the default mode)."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)


def write_file_atomically(
    target: Path, payload: Payload, *, before_replace: Callable[[], None] | None = None
) -> tuple[int, int, int]:
    """Write ``payload`` to ``target`` (mode 0600) so that it is whole or absent, and durable.

    ``payload`` is bytes or an :class:`Encoded` database (written batch by batch).

    ``before_replace`` runs once the new bytes are safely on disk, just before they take
    the target's place (the database keeps its previous file as a backup there).
    Returns the identity (inode, mtime, size) of the file written.
    """
    import secrets  # with hashlib: only when a file is written, not at start

    folder = target.parent
    make_private_folder(folder)
    tmp = folder / f"{_TMP_PREFIX}{target.name}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        _write_all(fd, payload)
        os.fsync(fd)
        written = os.fstat(fd)  # a rename keeps its inode, mtime and size
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
    return (written.st_ino, written.st_mtime_ns, written.st_size)


# How long a writer waits for another jobtui's save before giving up (config: lock_wait_seconds).
DEFAULT_LOCK_WAIT = 5.0
_LOCK_POLL = 0.02
_PID_WIDTH = 20  # the pid is written padded, so the lock file is never truncated


class _Lock:
    """An exclusive OS lock on ``<db>.lock``, taken for the moment of a save.

    The lock file is opened without following symlinks (a planted link is refused, its
    target never touched) and never truncated: the holder's pid is written over the start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextlib.contextmanager
    def held(self, db_path: Path, wait: float) -> Any:
        fd = self._open()
        try:
            self._acquire(fd, db_path, wait)
            with contextlib.suppress(OSError):
                os.pwrite(fd, f"{os.getpid():<{_PID_WIDTH}}".encode(), 0)
            yield
        finally:
            os.close(fd)  # closing drops the lock

    def holder(self) -> str:
        """The pid written by the last holder (for messages), or ""."""
        try:
            fd = os.open(self.path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
        except OSError:
            return ""
        try:
            return os.read(fd, _PID_WIDTH).decode("ascii", "replace").strip()
        finally:
            os.close(fd)

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP or self.path.is_symlink():
                raise StorageError(
                    f"the lock file {self.path} is a symbolic link; jobtui will not follow it. "
                    "Remove it and try again"
                ) from None
            raise StorageError(
                f"cannot open the lock file {self.path}: {describe_os_error(exc)}"
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StorageError(f"the lock file {self.path} is not a regular file; remove it")
        return fd

    def _acquire(self, fd: int, db_path: Path, wait: float) -> None:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                _lock_fd(fd)
                return
            except OSError:
                if time.monotonic() >= deadline:
                    raise DatabaseLockedError(db_path, self.holder(), wait) from None
                time.sleep(_LOCK_POLL)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _lock_fd(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def resolve_database_path(path: Path) -> Path:
    """The file a database path names: a symlink is followed to its target.

    A dangling link is refused naming its target (it would otherwise become a new, empty
    database beside the one the user meant).
    """
    path = Path(path)
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists() and not target.is_symlink():
        raise StorageError(
            f"{path} is a symbolic link to {target}, which does not exist; "
            "fix the link (or point --db at the real file)"
        )
    return target


def _user_can_write(st: os.stat_result) -> bool:
    # os.access is the truth for most users; root passes it whatever the mode, so the
    # owner's write bit is checked too (a 0400 file means "do not write this").
    return not (st.st_uid == os.geteuid() and not st.st_mode & stat.S_IWUSR)


class DatabaseFile:
    """One jobtui database file: load it, save it atomically under a short lock, keep backups.

    Nothing is locked or written at open. ``read_only=True`` never writes anything, not even
    the lock; a file or folder that cannot be written opens read-only by itself, with
    ``read_only_reason`` saying why.
    """

    def __init__(
        self,
        path: Path,
        *,
        read_only: bool = False,
        backups: BackupPolicy | None = None,
        clock: Callable[[], datetime] | None = None,
        lock_wait: float = DEFAULT_LOCK_WAIT,
    ) -> None:
        self.path = Path(path)  # as the user named it, for messages
        self.real = resolve_database_path(self.path)  # the file that is read and written
        self.policy = backups or BackupPolicy()
        self.backups_dir = locations.backups_dir(self.real)
        self.lock_wait = lock_wait
        # Naive UTC, for backup names and the one-per-day rule (tests pass their own).
        self._clock = clock or (lambda: datetime.now(UTC).replace(tzinfo=None))
        self._lock = _Lock(locations.lock_file(self.real))
        self._identity: tuple[int, int, int] | None = None
        self._known: Payload | None = None  # the bytes last read or written
        self._check_kind()
        self.read_only_reason: str | None = None if read_only else self._why_not_writable()
        self.read_only = read_only or self.read_only_reason is not None
        self.warnings: list[str] = []
        self._backup_warned = False

    # -- what is at the path --------------------------------------------------

    def _check_kind(self) -> None:
        try:
            mode = self.real.stat().st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StorageError(f"cannot open {self.path}: {describe_os_error(exc)}") from None
        kind = _kind_of(mode)
        if kind is not None:
            raise CorruptDatabaseError(
                self.path, f"it is {kind}, not a database file", self.newest_good_backup()
            )

    def _why_not_writable(self) -> str | None:
        folder = self.real.parent
        try:
            self._make_folder(folder)
        except OSError as exc:
            return f"the folder {folder} cannot be created ({describe_os_error(exc)})"
        try:
            vfs = os.statvfs(folder)
            if vfs.f_flag & getattr(os, "ST_RDONLY", 1):
                return f"{folder} is on a read-only file system"
        except (OSError, AttributeError):
            pass
        try:
            st = self.real.stat()
        except FileNotFoundError:
            st = None
        if st is not None and (not os.access(self.real, os.W_OK) or not _user_can_write(st)):
            return f"the file {self.path} is read-only (mode {stat.S_IMODE(st.st_mode):04o})"
        folder_st = folder.stat()
        if not os.access(folder, os.W_OK | os.X_OK) or not _user_can_write(folder_st):
            return f"the folder {folder} cannot be written"
        return None

    # -- reading -----------------------------------------------------------

    def load(self, *, in_pieces: bool = False) -> tuple[dict[str, Any], bytes | None]:
        """Read and check the file; return (data, the raw bytes or None if there is no file).

        ``in_pieces``: parse it a record at a time (see parse_database).
        """
        raw = self._read()
        if raw is None:
            self._known = None
            return empty_database(), None
        has_backups = bool(self.backups())
        if not raw and has_backups:
            # Our saves never leave an empty file; something else emptied it. Do not
            # start afresh over it: point at the backups.
            raise CorruptDatabaseError(
                self.path, "it is empty, but it held data before", self.newest_good_backup()
            )
        try:
            data = parse_database(raw, blank_ok=not has_backups, in_pieces=in_pieces)
        except ValueError as exc:
            raise CorruptDatabaseError(self.path, str(exc), self.newest_good_backup()) from None
        self._known = raw
        return data, raw

    def _read(self) -> bytes | None:
        """The file's bytes (None if there is none), remembering the identity of what was read."""
        try:
            # O_NONBLOCK: a FIFO put at the path must never hang us (it is refused below).
            fd = os.open(self.real, os.O_RDONLY | _CLOEXEC | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            self._identity = None
            return None
        except OSError as exc:
            raise StorageError(f"cannot read {self.path}: {describe_os_error(exc)}") from None
        try:
            st = os.fstat(fd)
            kind = _kind_of(st.st_mode)
            if kind is not None:
                raise CorruptDatabaseError(
                    self.path, f"it is {kind}, not a database file", self.newest_good_backup()
                )
            # The whole file in one read (which releases the interpreter lock while the
            # kernel copies); more reads only if it grew meanwhile. Joining tens of MB
            # would hold the lock.
            chunks = []
            want = max(st.st_size, 1 << 20)
            while chunk := os.read(fd, want):
                chunks.append(chunk)
                want = 1 << 20
        except OSError as exc:
            raise StorageError(f"cannot read {self.path}: {describe_os_error(exc)}") from None
        finally:
            os.close(fd)
        self._identity = (st.st_ino, st.st_mtime_ns, st.st_size)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)

    def changed_on_disk(self) -> bool:
        """True if someone else replaced or rewrote the file since we last read or wrote it."""
        try:
            return self._stat_identity() != self._identity
        except FileNotFoundError:
            return self._identity is not None
        except OSError:
            return False

    def same_as_known(self) -> bool:
        """Read the file again: True (its identity now taken as seen) if its bytes are the
        ones we last read or wrote: a ``touch``, or a sync tool rewriting the same bytes.
        Comparing costs a read; reloading would parse it all and rebuild every view."""
        raw = self._read()
        return raw is not None and self._known is not None and same_bytes(self._known, raw)

    def _stat_identity(self) -> tuple[int, int, int]:
        # Every save is a new inode (os.replace), so the inode alone would do; mtime and size
        # also catch an editor or a sync tool that rewrote the file in place.
        st = self.real.stat()
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    # -- writing -----------------------------------------------------------

    def save(
        self,
        data: dict[str, Any],
        *,
        merge: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> tuple[Encoded, dict[str, Any] | None]:
        """Atomically and durably replace the file with ``data``.

        Under the lock, the file is first checked: if someone else changed it since it was
        read, their version is parsed and ``merge(theirs)`` gives what to write (without a
        merge, :class:`ChangedOnDiskError`). Returns (the bytes written, in pieces, and the
        merged data or None). Every OSError becomes one StorageError naming the path; the
        old file stays.
        """
        if self.read_only:
            why = self.read_only_reason or "it is open read-only"
            raise ReadOnlyError(f"{self.path} cannot be changed: {why}; nothing was saved")
        merged: dict[str, Any] | None = None
        with self._lock.held(self.path, self.lock_wait):
            self._remove_stale_temps()  # we hold the lock: no writer is mid-save
            seen = self._identity  # the file we last read or wrote
            try:
                theirs = self._changed_bytes()  # (reading theirs moves _identity to it)
                if theirs is not None:
                    if merge is None:
                        raise ChangedOnDiskError(
                            f"{self.path} was changed by another program since it was read; "
                            "nothing was saved"
                        )
                    try:
                        other = parse_database(theirs, in_pieces=True)
                    except ValueError as exc:
                        raise StorageError(
                            f"{self.path} was changed by another program and is no longer a "
                            f"jobtui database ({exc}); nothing was saved and the file was left "
                            "as it is"
                        ) from None
                    merged = data = merge(other)
                payload = encode_database(data)
                try:
                    written = write_file_atomically(
                        self.real, payload, before_replace=self._backup_current
                    )
                except OSError as exc:
                    raise StorageError(
                        f"cannot save {self.path}: {describe_os_error(exc)}; "
                        "the file on disk was not changed"
                    ) from None
            except BaseException:
                self._identity = seen  # their change (if read) is still to be merged
                raise
            # From here on the save has happened: nothing below may report it as failed.
            self._known = payload
            self._identity = written  # what we wrote, whatever replaced it since
        with contextlib.suppress(Exception):  # a stray file in backups/ must not fail a save
            self._prune_backups()
        return payload, merged

    def _changed_bytes(self) -> bytes | None:
        """The file's bytes if they differ from what we last read or wrote, else None."""
        if not self.changed_on_disk():
            return None
        current = self._read()
        if current is None or not current or current.isspace() or same_bytes(self._known, current):
            # Gone (we write ours: nothing on disk to lose), touched but the same, or
            # emptied by something else (its content is in the backups).
            return None
        return current

    def close(self) -> None:
        """Nothing is held between saves; kept so callers can close a file uniformly."""

    def take_warnings(self) -> list[str]:
        """Sentences for the user since the last call (e.g. a backup that could not be made)."""
        taken, self.warnings = self.warnings, []
        return taken

    # -- backups -----------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backup files, newest first."""
        try:
            entries = list(self.backups_dir.iterdir())
        except OSError:
            return []
        keyed = [(key, p) for p in entries if (key := _backup_key(p)) is not None]
        keyed.sort(reverse=True)
        return [p for _, p in keyed]

    def newest_good_backup(self) -> Path | None:
        """The newest backup that parses as a jobtui database, if any."""
        for candidate in self.backups():
            try:
                parse_database(candidate.read_bytes(), blank_ok=False)
            except (OSError, ValueError):
                continue
            return candidate
        return None

    def _backup_current(self) -> None:
        # A backup that cannot be made never blocks a save: warn once, save anyway.
        try:
            self._link_backup()
        except OSError as exc:
            if not self._backup_warned:
                self._backup_warned = True
                self.warnings.append(
                    f"the backups folder {self.backups_dir} cannot be written "
                    f"({describe_os_error(exc)}): saved without a backup"
                )

    def _link_backup(self) -> None:
        # A hard link costs nothing and keeps the old inode (already fsynced) alive.
        if not self.real.exists():
            return
        self._make_folder(self.backups_dir)
        newest = self.backups()
        sequence = _backup_key(newest[0])[0] + 1 if newest else 1  # type: ignore[index]
        stamp = self._clock().strftime("%Y%m%dT%H%M%S%f")
        target = self.backups_dir / f"save-{stamp}Z-{sequence:06d}.json"
        try:
            os.link(self.real, target)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EDQUOT):
                raise
            # No hard links here (some network or FAT file systems): copy.
            shutil.copyfile(self.real, target)
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
        prefix = f"{_TMP_PREFIX}{self.real.name}."
        try:
            entries = list(self.real.parent.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith(prefix):
                with contextlib.suppress(OSError):
                    entry.unlink()

    @staticmethod
    def _make_folder(folder: Path) -> None:
        make_private_folder(folder)
