"""Small pieces of English shared by every front end."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 interview", "3 interviews"; ``many`` for a noun whose plural is not noun + "s"."""
    return f"{count} {noun}" if count == 1 else f"{count} {many or noun + 's'}"
