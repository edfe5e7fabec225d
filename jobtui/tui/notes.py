"""Saving a note (on the data thread) and saying why a save failed."""

from __future__ import annotations

from jobtui.db.store import Store


def failure_reason(exc: BaseException) -> str:
    """A short reason for the user: "No space left on device", not "[Errno 28] ..."."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc) or type(exc).__name__


def save_note(store: Store, kind: str, record_id: str, text: str) -> bool:
    """Store ``text`` as the notes of an application or interview; False if already so."""
    record = (
        store.get_application(record_id)
        if kind == "application"
        else store.get_interview(record_id)
    )
    if record.notes == text:
        return False
    record.notes = text
    store.save(record)
    return True
