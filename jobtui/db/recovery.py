"""Recovery files: note text that could not be saved in the database, kept as plain files.

When a note cannot be saved (a full disk, a file that cannot be written) and jobtui is
leaving, its text is written here instead of being dropped::

    <database folder>/jobtui-recovery/<time>-<record>.md

The folder is 0700, the file 0600, written atomically. If that folder cannot be written
either, the user's data folder and then the temp folder are tried (a full disk may be
only the database's). No UI here: the TUI calls :func:`write_recovery` and names the path.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from jobtui import locations
from jobtui.core import dates
from jobtui.db.datafile import write_file_atomically

RECOVERY_FOLDER = "jobtui-recovery"


class RecoveryError(OSError):
    """No recovery file could be written anywhere (the message says where it was tried)."""


@dataclass(frozen=True)
class UnsavedNote:
    """Note text not (yet) on disk: whose it is (``kind`` "application" | "interview", id)."""

    kind: str
    record_id: str
    label: str
    text: str


def recovery_folder(db_path: Path | None) -> Path:
    """Where recovery files go first: beside the database (else in the data folder)."""
    base = db_path.parent if db_path is not None else locations.data_dir()
    return base / RECOVERY_FOLDER


def _candidates(db_path: Path | None) -> list[Path]:
    folders = [recovery_folder(db_path), locations.data_dir() / RECOVERY_FOLDER]
    folders.append(Path(tempfile.gettempdir()) / f"{RECOVERY_FOLDER}-{os.getuid()}")
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def _slug(label: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
    return words[:40].rstrip("-") or "note"


def _file_name(note: UnsavedNote, when: datetime) -> str:
    local = when.astimezone(dates.local_tz())
    return f"{local:%Y%m%d-%H%M%S}-{_slug(note.label)}-{note.kind}-{note.record_id[:8]}"


def _own_private_folder(folder: Path) -> None:
    """Make ``folder`` (0700) or check an existing one is a real folder of ours."""
    try:
        folder.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        pass
    else:
        os.chmod(folder, 0o700)  # whatever the umask
        return
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(f"{folder} is not a folder")
    if info.st_uid != os.getuid():
        raise PermissionError(f"{folder} belongs to another user")


def _content(note: UnsavedNote, db_path: Path | None, when: datetime, reason: str) -> bytes:
    label = note.label.replace("-->", "-- >")
    where = f" of {db_path}" if db_path is not None else ""
    header = (
        f"<!-- jobtui: notes of the {note.kind} {label} (id {note.record_id}){where},\n"
        f"     not saved on {dates.format_when(when)} ({reason.replace('-->', '-- >')}).\n"
        "     Paste the text below back into jobtui's note editor. -->\n\n"
    )
    return (header + note.text).encode("utf-8", "surrogatepass")


def write_recovery(
    note: UnsavedNote, db_path: Path | None, when: datetime, reason: str = "not saved"
) -> Path:
    """Write ``note`` to a new recovery file; return its path.

    Never overwrites an earlier recovery file. Raises :class:`RecoveryError` (naming every
    folder tried and why) if none could be written.
    """
    payload = _content(note, db_path, when, reason)
    failures: list[str] = []
    for folder in _candidates(db_path):
        try:
            _own_private_folder(folder)
            stem = _file_name(note, when)
            path = folder / f"{stem}.md"
            number = 2
            while path.exists() or path.is_symlink():
                path = folder / f"{stem}-{number}.md"
                number += 1
            write_file_atomically(path, payload)
            return path
        except OSError as exc:
            failures.append(f"{folder}: {exc.strerror or exc}")
    raise RecoveryError("could not write a recovery file (" + "; ".join(failures) + ")")
