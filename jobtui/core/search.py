"""Search over all of an application's text: one definition for the TUI's `/` and the CLI's
``list --search``. No Textual.

Text is compared :func:`normalized` (case folded, accents dropped: "José" is found by
"jose"). Each row's text is normalized once into a :class:`Searchable` (one string, its
fields joined), so a keystroke costs one substring test per row; where it matched (the
first field, and a short excerpt around the match) is worked out only for the rows shown.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jobtui.core.model import Application, Contact, Interview

# Line breaks and tabs read as spaces (one for one, so that positions in plain ASCII text
# stay those of the original): "data engineer" finds "data\nengineer".
_SPACES = ("\n", "\r", "\t", "\x0b", "\x0c")
# Between two fields in a row's joined text: not white space (it stays as it is when
# normalized) and not something one types, so no match runs from one field into the next.
_SEPARATOR = "\x00"

# Fields shown in a column of the list: a match there needs no "where".
SHOWN_IN_COLUMNS = frozenset({"company", "role"})


def normalized(text: str) -> str:
    """``text`` for matching: case folded, accents (combining marks) dropped after NFKD,
    line breaks and tabs as spaces. The needle and the text go through this same function."""
    return _spaced(_folded(text))


def _folded(text: str) -> str:
    if text.isascii():
        return text.lower()  # casefold is lower for ASCII, and NFKD changes nothing
    decomposed = unicodedata.normalize("NFKD", text)
    return _NON_ASCII.sub(_without_marks, decomposed).casefold()


def _spaced(text: str) -> str:
    for space in _SPACES:
        if space in text:
            text = text.replace(space, " ")
    return text


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    # Only the non-ASCII runs are looked at one character at a time.
    return "".join([ch for ch in run.group() if not unicodedata.combining(ch)])


def fields_of(
    app: Application, interviews: Sequence[Interview], contacts: Iterable[Contact] = ()
) -> list[tuple[str, str]]:
    """What search looks in, as (where, text) pairs in the order a match is reported:
    the application's own fields, its posting, interviewers, linked contacts, then what was
    written about its interviews. Empty texts are left out."""
    pairs: list[tuple[str, str]] = [
        ("company", app.company),
        ("role", app.role),
        ("location", app.location),
        *(("tag", tag) for tag in app.tags),
        ("source", app.source),
        ("notes", app.notes),
        ("posting", app.description),
    ]
    for interview in interviews:
        for person in interview.interviewers:
            where = f"interviewer {person.name}" if person.name else "interviewer"
            pairs += [(where, person.name), (where, person.email)]
    for contact in contacts:
        where = f"contact {contact.name}" if contact.name else "contact"
        pairs += [
            (where, contact.name),
            (where, contact.email),
            (where, contact.title),
            (where, contact.company),
        ]
    for interview in interviews:
        pairs += [
            ("interview notes", interview.notes),
            ("interview topics", interview.topics),
            ("interview concerns", interview.concerns),
            ("interview strengths", interview.strengths),
            ("what you liked", interview.liked),
        ]
    pairs += [("task", task.text) for task in app.tasks]
    pairs.append(("offer notes", app.offer_notes))
    return [(where, text) for where, text in pairs if text]


def linked(app: Application, contacts: Mapping[str, Contact]) -> tuple[Contact, ...]:
    """The application's contacts found in ``contacts`` (by id), in its order."""
    return tuple(contacts[i] for i in app.contact_ids if i in contacts)


@dataclass(frozen=True)
class Match:
    """Where a needle was found: the field (``where``, e.g. "notes", "contact Rita Lopez")
    and, in that field's original text, the matched span ``text[start:end]``."""

    where: str
    text: str
    start: int
    end: int

    @property
    def in_column(self) -> bool:
        """The match is in a field the list shows in a column (company, role)."""
        return self.where in SHOWN_IN_COLUMNS

    def excerpt(self, before: int = 12, after: int = 60) -> tuple[str, str, str]:
        """A one-line excerpt around the match as (before, matched, after), white space
        runs as one space, "…" where the field's text is cut. Empty when ``where`` already
        says it all (a contact or interviewer found by name)."""
        if normalized(self.text) in normalized(self.where):
            return "", "", ""
        start = max(0, self.start - before)
        if start > 0 and not self.text[start - 1].isspace():  # begin at a word
            space = _WHITE.search(self.text, start, self.start)
            start = space.end() if space else start
        end = min(len(self.text), self.end + after)
        head = _one_line(self.text[start : self.start]).lstrip()
        tail = _one_line(self.text[self.end : end]).rstrip()
        return (
            ("…" if start > 0 else "") + head,
            _one_line(self.text[self.start : self.end]),
            tail + ("…" if end < len(self.text) else ""),
        )

    def hint(self) -> str:
        """ "notes: …the matching words…" (plain text; the user's)."""
        head, hit, tail = self.excerpt()
        return f"{self.where}: {head}{hit}{tail}" if hit else self.where


_WHITE = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _WHITE.sub(" ", text)


class Searchable:
    """One row's fields, normalized once and joined: ``needle in searchable.text`` is the
    per-keystroke test, :meth:`find` says where (only for the rows that match)."""

    __slots__ = ("_fields", "text")

    def __init__(self, fields: Sequence[tuple[str, str]]) -> None:
        self._fields = fields
        texts = [text for _, text in fields]
        joined = _SEPARATOR.join(texts)
        if joined.isascii():  # the common case: one pass over the whole row
            self.text = normalized(joined)
        else:  # only the fields that are not ASCII take the slow way
            self.text = _spaced(_SEPARATOR.join([_folded(text) for text in texts]))

    def __contains__(self, needle: str) -> bool:
        """``needle`` (already :func:`normalized`) is in some field."""
        return needle in self.text

    def find(self, needle: str) -> Match | None:
        """The first field holding ``needle`` (already :func:`normalized`), or None."""
        pos = self.text.find(needle)
        if pos < 0 or not needle:
            return None
        # Where each field starts in ``text`` (ASCII keeps its length when normalized).
        starts, at = [], 0
        for _, text in self._fields:
            starts.append(at)
            at += (len(text) if text.isascii() else len(normalized(text))) + 1
        index = bisect_right(starts, pos) - 1
        where, original = self._fields[index]
        start, end = _original_span(original, pos - starts[index], len(needle))
        return Match(where, original, start, end)


def _original_span(text: str, pos: int, length: int) -> tuple[int, int]:
    """The span of ``text`` whose normalized form is normalized(text)[pos:pos + length]."""
    if text.isascii():  # normalizing ASCII keeps every position
        return pos, pos + length
    start, end, at = -1, len(text), 0
    for i, ch in enumerate(text):
        size = len(normalized(ch))
        if start < 0 and at + size > pos:
            start = i
        at += size
        if start >= 0 and at >= pos + length:
            end = i + 1
            while end < len(text) and not normalized(text[end]):  # its accents too
                end += 1
            break
    return max(start, 0), end


def matches(searchable: Searchable, needle: str) -> Match | None:
    """Where the typed ``needle`` (as typed: it is normalized here) is found, or None."""
    return searchable.find(normalized(needle))
