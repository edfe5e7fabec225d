"""Saying why a save failed, in words for a toast."""

from __future__ import annotations


def failure_reason(exc: BaseException) -> str:
    """A short reason for the user: "No space left on device", not "[Errno 28] ..."."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return str(exc) or type(exc).__name__
