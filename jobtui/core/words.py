"""Small pieces of English shared by every front end."""

from __future__ import annotations

import re
from collections.abc import Iterable


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 interview", "3 interviews"; ``many`` for a noun whose plural is not noun + "s"."""
    return f"{count} {noun}" if count == 1 else f"{count} {many or noun + 's'}"


_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_INNER_LIST = re.compile(r",|\band\b")


def natural_join(items: Iterable[object] | None, conjunction: str = "and") -> str:
    """["A"] -> "A"; ["A", "B"] -> "A and B"; ["A", "B", "C"] -> "A, B and C".

    Three or more items, one of which holds a comma or an "and" of its own (outside
    brackets), are set apart by semicolons: "A, B; C; and D"."""
    words = [str(i) for i in items or () if str(i)]
    if len(words) < 2:
        return "".join(words)
    if len(words) > 2 and any(_INNER_LIST.search(_BRACKETED.sub("", word)) for word in words):
        return f"{'; '.join(words[:-1])}; {conjunction} {words[-1]}"
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
