"""The database's JSON in pieces: the same bytes as one ``orjson.dumps``, the same value as
one ``orjson.loads``, made or read a record at a time.

One orjson call over tens of MB holds the interpreter lock for its whole length (at 10,000
applications, about 65 ms to write and 0.5 s to read), and the TUI's UI thread cannot run
meanwhile. Here each call covers a slice of records, and the lock is offered to other
threads between calls. Nothing here knows about files: :mod:`jobtui.db.datafile` writes
the pieces (:class:`Encoded`) batch by batch and keeps them as the bytes known on disk.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator
from typing import Any

import orjson


class _NotInPieces(Exception):
    """The file is not shaped as decode_database expects: parse it whole."""


_WS = rb"[ \t\n\r]*"  # JSON's whitespace
# A key whose inside reads as it is (no escapes, no control characters), and the colon.
_PLAIN_KEY = re.compile(_WS + rb'"([^"\\\x00-\x1f]*)"' + _WS + rb":" + _WS)
_COLON = re.compile(_WS + rb":" + _WS)
_OPEN = re.compile(_WS + rb"\{")
_CLOSE = re.compile(_WS + rb"\}")
_NEXT = re.compile(_WS + rb"([,}])")  # after a value: another one, or the end
_END = re.compile(_WS)
# Where a record most likely ends: "}" then the next key, or the table's end.
_RECORD_END = re.compile(rb"\}" + _WS + rb"(?:," + _WS + rb'"|\})')
_GUESSES = 4  # ends tried so, before orjson is asked where the record ends
_AFTER_VALUE = "unexpected content after document"  # orjson: a value ended, more follows


def decode_database(raw: bytes) -> Any:
    """``orjson.loads(raw)``, the same value, parsed one record at a time.

    One orjson call over tens of MB holds the interpreter lock for hundreds of ms (the
    TUI's UI thread could not run). Here each record is parsed by orjson on its own; the
    tables and keys around the records are read here, and the lock is offered to other
    threads every _PIECE_BYTES. Any file not shaped as ``{"table": {"id": value, ...},
    ...}``, or not valid JSON, is parsed whole: exactly what one call gives, or its error.
    (Within orjson's nesting limit, which moves by the two levels a record sits under.)
    """
    try:
        return _Decoder(raw).database()
    except _NotInPieces:
        return orjson.loads(raw)


class _Decoder:
    """A cursor over a database file's bytes (see decode_database)."""

    def __init__(self, raw: bytes) -> None:
        self.raw = bytes(raw)
        self.view = memoryview(self.raw)
        self.pos = 0
        self.window = 4096  # bytes handed to orjson to find a value's end (adapts)
        self.offered = 0  # where the lock was last offered to other threads

    def database(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        self._match(_OPEN)
        if not self._at(_CLOSE):
            while True:
                name = self._key()
                data[name] = self._table() if self._at(_OPEN) else self._value()
                if self._match(_NEXT).group(1) == b"}":
                    break
        self._match(_END)
        if self.pos != len(self.raw):
            raise _NotInPieces
        return data

    def _table(self) -> dict[str, Any]:
        table: dict[str, Any] = {}
        if self._at(_CLOSE):
            return table
        while True:
            key = self._key()
            table[key] = self._value()
            if self._match(_NEXT).group(1) == b"}":
                return table
            if self.pos - self.offered > _PIECE_BYTES:
                # Hand the lock to a waiting thread (the UI's), as encode_database does.
                time.sleep(0)
                self.offered = self.pos

    def _key(self) -> str:
        found = _PLAIN_KEY.match(self.raw, self.pos)
        if found is not None:
            try:
                key = found.group(1).decode("utf-8")
            except UnicodeDecodeError:
                raise _NotInPieces from None
            self.pos = found.end()
            return key
        # Escapes or control characters: orjson reads the key (or refuses it).
        self._match(_END)
        if self.raw[self.pos : self.pos + 1] != b'"':
            raise _NotInPieces
        key = self._value()
        if not isinstance(key, str):
            raise _NotInPieces
        self._match(_COLON)
        return key

    def _value(self) -> Any:
        start = self.pos
        if self.raw[start : start + 1] == b"{":
            # A slice that parses is exactly one whole value (a shorter one leaves a brace
            # or a string open), so the first likely end that parses is the record's.
            search = start
            for _ in range(_GUESSES):
                found = _RECORD_END.search(self.raw, search)
                if found is None:
                    break
                search = found.start() + 1
                try:
                    value = orjson.loads(self.view[start:search])
                except orjson.JSONDecodeError:
                    continue
                self.pos = search
                return value
        end = self._end_of_value(start)
        self.pos = end
        return orjson.loads(self.view[start:end])

    def _end_of_value(self, start: int) -> int:
        """Where the JSON value at ``start`` ends: orjson parses a window of the file from
        there and says where content follows the value; a window that ends inside the
        value is doubled (the last try covers the whole rest of the file)."""
        size = len(self.raw)
        while True:
            stop = min(size, start + self.window)
            while stop < size and self.raw[stop] & 0xC0 == 0x80:
                stop -= 1  # never cut a UTF-8 character in two
            try:
                orjson.loads(self.view[start:stop])
            except orjson.JSONDecodeError as exc:
                if exc.msg == _AFTER_VALUE and exc.pos > 0 and isinstance(exc.doc, str):
                    # pos counts the characters of the window as decoded (exc.doc)
                    end = start + len(exc.doc[: exc.pos].encode("utf-8"))
                    while self.raw[end - 1 : end] in (b" ", b"\t", b"\n", b"\r"):
                        end -= 1
                    self.window = max(4096, 2 * (end - start))
                    return end
                if stop >= size:
                    raise _NotInPieces from None  # not valid JSON: let one call say why
                self.window *= 2
            else:
                raise _NotInPieces  # the value runs to the end of the file: not a database

    def _at(self, pattern: re.Pattern[bytes]) -> bool:
        """Step over ``pattern`` if it is next; True if it was."""
        found = pattern.match(self.raw, self.pos)
        if found is None:
            return False
        self.pos = found.end()
        return True

    def _match(self, pattern: re.Pattern[bytes]) -> re.Match[bytes]:
        found = pattern.match(self.raw, self.pos)
        if found is None:
            raise _NotInPieces
        self.pos = found.end()
        return found


# How much JSON one orjson call makes, roughly. Each call holds the interpreter lock (the
# TUI's UI thread cannot run meanwhile); between calls Python switches threads as usual.
_PIECE_BYTES = 512 * 1024
# How much is handed to one os.write (which releases the lock while the kernel copies).
_BATCH_BYTES = 1 << 20


class Encoded:
    """A database serialised as pieces whose concatenation is ``orjson.dumps(data)``.

    The pieces are written one batch at a time and compared with a file piece by piece;
    they are joined into one ``bytes`` (a long copy, holding the lock) only when asked, on
    rare paths (a merge base, a rollback).
    """

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces = pieces
        self.size = sum(map(len, pieces))

    def __len__(self) -> int:
        return self.size

    def __bytes__(self) -> bytes:
        # Joined each time, not kept: a merge base or a rollback needs it once, and keeping
        # it would hold the file twice in memory until the next save.
        return b"".join(self.pieces)

    def batches(self) -> Iterator[bytes]:
        """The bytes in order, in batches of about _BATCH_BYTES (a piece is never split)."""
        batch: list[bytes] = []
        size = 0
        for piece in self.pieces:
            batch.append(piece)
            size += len(piece)
            if size >= _BATCH_BYTES:
                yield batch[0] if len(batch) == 1 else b"".join(batch)
                batch, size = [], 0
        if batch:
            yield b"".join(batch)

    def same_as(self, raw: bytes) -> bool:
        """True if ``raw`` is exactly these bytes (compared piece by piece, without a copy)."""
        if len(raw) != self.size:
            return False
        position = 0
        for piece in self.pieces:
            if not raw.startswith(piece, position):
                return False
            position += len(piece)
        return True


Payload = bytes | Encoded


def as_bytes(payload: Payload) -> bytes:
    """The bytes of a payload (an :class:`Encoded` is joined: only for rare paths)."""
    return payload if isinstance(payload, bytes) else bytes(payload)


def same_bytes(payload: Payload | None, raw: bytes) -> bool:
    """True if ``raw`` is exactly ``payload``'s bytes."""
    if payload is None:
        return False
    if isinstance(payload, Encoded):
        return payload.same_as(raw)
    return payload == raw


def encode_database(data: dict[str, Any]) -> Encoded:
    """``orjson.dumps(data)`` made in pieces of about _PIECE_BYTES each, byte for byte.

    Each table's records are serialised a slice at a time (a dict of a few records dumps to
    ``{...}``; its inside is one piece), so no single call holds the interpreter lock for
    long, and the lock is offered to other threads between slices. Anything unusual (not
    a dict of dicts with string keys) is dumped whole: the same bytes, or the same error, as
    one call gives (within orjson's nesting limit, which moves by the two levels a record
    sits under).
    """
    if not isinstance(data, dict) or not all(isinstance(name, str) for name in data):
        return Encoded([orjson.dumps(data)])
    pieces = [b"{"]
    for number, (name, table) in enumerate(data.items()):
        if number:
            pieces.append(b",")
        if not isinstance(table, dict) or not table:
            pieces.append(orjson.dumps(name) + b":" + orjson.dumps(table))
            continue
        pieces.append(orjson.dumps(name) + b":{")
        rows = iter(table.items())
        count, first = 16, True
        while part := orjson.dumps(dict(itertools.islice(rows, count))):
            if part == b"{}":
                break
            if not first:
                pieces.append(b",")
            first = False
            pieces.append(part[1:-1])
            # Aim the next slice at _PIECE_BYTES, from this one's size per record.
            count = max(1, min(count * 4, count * _PIECE_BYTES // len(part)))
            # Hand the lock to a thread that waits for it (the UI's, redrawing): a save on
            # the data thread then takes longer while the UI is busy, not the UI.
            time.sleep(0)
        pieces.append(b"}")
    pieces.append(b"}")
    return Encoded(pieces)
