"""Write who the user is (``[me]`` name, email, signature) into config.toml, keeping the rest.

config.toml is the user's file: every comment, blank line and other setting stays byte for
byte. Only the values of ``name``, ``email`` and ``signature`` in the ``[me]`` table change;
a key the table lacks is added after its last setting, and a file with no ``[me]`` table
gets one at the end. A missing file is created (its folder 0700) with a line saying what it
is.

Why a small editor and not a TOML library that keeps formatting: the edit is three string
values in one table, and the result is checked before anything is written. The new text is
parsed with :mod:`tomllib` and must read back as the old settings with exactly these three
values changed; anything the scanner below does not understand fails that check and is
refused, never written. A form it will not edit (``me = {...}`` inline, ``me.name = ...``
dotted at the top) is refused with a message naming the file. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobtui import locations
from jobtui.config import Config, ConfigError, Me, load_config
from jobtui.core.textsafe import has_controls
from jobtui.db.datafile import _user_can_write, describe_os_error, write_file_atomically

# The keys of [me] this module writes, in the order a new table lists them.
ME_KEYS = ("name", "email", "signature")

NEW_FILE_HEAD = (
    "# jobtui configuration. Every setting is optional; the README lists them all.\n"
    "# jobtui wrote [me] when you told it who is writing; edit it freely.\n"
)

_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: quotes and backslashes escaped, a newline as ``\\n``,
    a tab as ``\\t``, and every other control character (C0, DEL, C1, bidi overrides) as
    ``\\uXXXX``, so the file shows no raw control character when printed. Other Unicode is
    kept as it is."""
    out = ['"']
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif has_controls(char):
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def save_me(me: Me, path: Path | None = None) -> Config:
    """Set ``[me]`` name, email and signature in config.toml (default: the user's) and
    return the config read back from it.

    Raises :class:`ConfigError` naming the file, with nothing written, when the file
    cannot be used (it does not parse, holds a setting jobtui refuses, writes ``me`` in a
    form this cannot edit), is read-only, or its folder cannot be written. A symlinked
    config.toml is written through to the file it names; the link stays.
    """
    path = path or locations.config_file()
    real = _real_file(path)
    values = {"name": me.name, "email": me.email, "signature": me.signature}
    for key, value in values.items():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ConfigError(f"{path}: the {key} cannot be written as text") from None
    old = _read(real, path)
    if old is None:
        new_text = NEW_FILE_HEAD + "\n" + _me_table(values, "\n")
        _check(new_text, {}, values, path)
    else:
        load_config(path)  # a file jobtui cannot use is refused as it is, not edited
        old_text = old.decode("utf-8")  # load_config checked it is UTF-8 TOML
        try:
            new_text = edit_me(old_text, values, path)
        except (IndexError, ValueError) as exc:  # a file the scanner misreads: never a crash
            if isinstance(exc, ConfigError):
                raise
            new_text = ""  # refused by the check below
        _check(new_text, tomllib.loads(old_text), values, path)
    _write(path, real, old, new_text.encode("utf-8"))
    return load_config(path)


def edit_me(text: str, values: dict[str, str], path: Path) -> str:
    """``text`` (a config.toml that parses) with ``[me]``'s keys set to ``values``.

    The value of a key already there is replaced in place (its comment kept); missing keys
    go after the table's last setting, indented like it; no ``[me]`` table: one is added at
    the end. Raises ConfigError for ``me`` written in another form.
    """
    statements = _scan(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    table: tuple[str, ...] = ()
    header: _Statement | None = None
    last: _Statement | None = None  # the [me] header or its last setting
    found: dict[str, _Statement] = {}
    for statement in statements:
        if statement.header:
            table = statement.path
            if statement.path == ("me",) and not statement.array:
                header = last = statement
            elif statement.path[0] == "me":
                raise ConfigError(f"{path}: [me] holds a table or list ({_line(text, statement)})")
            continue
        full = table + statement.path
        if table == ("me",):
            last = statement
        if full[0] != "me":
            continue
        if table != ("me",):
            form = "me = {...}" if full == ("me",) else "me." + ".".join(full[1:]) + " = ..."
            raise ConfigError(
                f"{path}: {form} ({_line(text, statement)}) is a form jobtui does not edit; "
                "write it as a [me] table (name, email and signature under it)"
            )
        if len(statement.path) != 1:
            raise ConfigError(f"{path}: me.{'.'.join(statement.path)} is not a setting")
        found[statement.path[0]] = statement

    edits: list[tuple[int, int, str]] = []
    for key in ME_KEYS:
        if key in found:
            statement = found[key]
            edits.append((statement.value_start, statement.value_end, toml_string(values[key])))
    missing = [key for key in ME_KEYS if key not in found]
    if header is not None and last is not None:
        if missing:
            indent = _indent(text, last) if not last.header else ""
            at = last.line_end
            lead = "" if at == 0 or text[at - 1] == "\n" else newline
            lines = "".join(
                f"{indent}{key} = {toml_string(values[key])}{newline}" for key in missing
            )
            edits.append((at, at, lead + lines))
    else:
        at = len(text)
        # One blank line between the last line there and the new table.
        if not text.strip() or text.endswith(("\n\n", "\n\r\n")):
            lead = ""
        elif text.endswith("\n"):
            lead = newline
        else:
            lead = newline * 2
        edits.append((at, at, lead + _me_table(values, newline)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _me_table(values: dict[str, str], newline: str) -> str:
    lines = [f"{key} = {toml_string(values[key])}" for key in ME_KEYS]
    return newline.join(["[me]", *lines]) + newline


def _check(new_text: str, before: dict[str, Any], values: dict[str, str], path: Path) -> None:
    """The edited text must read back as ``before`` with [me]'s keys set to ``values``."""
    expected = dict(before)
    expected["me"] = {**before.get("me", {}), **values}
    try:
        after = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        after = None
    if after != expected:
        raise ConfigError(
            f"{path}: jobtui could not set [me] here without changing other settings; "
            "nothing was written. Add name, email and signature under [me] yourself"
        )


# ---------------------------------------------------------------------- the file


def _real_file(path: Path) -> Path:
    """The file ``path`` names: a symlink is followed (a dangling one is refused)."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise ConfigError(f"{path}: is a symbolic link to {target}, which does not exist")
    return target


def _read(real: Path, path: Path) -> bytes | None:
    try:
        return real.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({describe_os_error(exc)})") from None


def _writable(where: Path) -> bool:
    # The database's rule: a file or folder without its owner's write bit means "do not
    # write this", even for root (whom os.access lets through).
    return os.access(where, os.W_OK) and _user_can_write(where.stat())


def _write(path: Path, real: Path, old: bytes | None, payload: bytes) -> None:
    """Replace ``real`` with ``payload`` atomically and durably, keeping its mode."""
    folder = real.parent
    if old is not None and not _writable(real):
        raise ConfigError(f"{path}: the file is read-only; nothing was written")
    if folder.exists() and not _writable(folder):
        raise ConfigError(f"{path}: its folder cannot be written; nothing was written")
    mode = stat.S_IMODE(real.stat().st_mode) if old is not None else None

    def unchanged_meanwhile() -> None:
        # Another program (an editor, a second jobtui) saved the file since it was read:
        # keep theirs rather than overwrite it with an edit of the old text.
        if _read(real, path) != old:
            raise ConfigError(f"{path}: changed while jobtui was saving it; nothing was written")

    try:
        write_file_atomically(real, payload, before_replace=unchanged_meanwhile)
        if mode is not None and mode != 0o600:
            os.chmod(real, mode)  # the new file is 0600 until here: never looser than meant
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write it ({describe_os_error(exc)})") from None


# ---------------------------------------------------------------------- the scanner


@dataclass(frozen=True)
class _Statement:
    """A table header or a key = value line of a TOML text, with where it lies.

    ``path`` is the key as TOML reads it (dotted, quoted keys decoded); for a setting,
    ``value_start:value_end`` is its value and ``line_end`` is just past the line that
    ends the statement (after its comment and newline).
    """

    header: bool
    array: bool
    path: tuple[str, ...]
    start: int
    value_start: int
    value_end: int
    line_end: int


def _scan(text: str) -> list[_Statement]:
    """The statements of a TOML text that parses (tomllib has read it), in order."""
    statements: list[_Statement] = []
    n = len(text)
    pos = 0
    while pos < n:
        pos = _skip_blanks(text, pos)
        if pos >= n:
            break
        char = text[pos]
        if char in "\r\n":
            pos += 1
            continue
        if char == "#":
            pos = _line_end(text, pos)
            continue
        start = pos
        if char == "[":
            array = text.startswith("[[", pos)
            key_start = pos + (2 if array else 1)
            key_end = _key_end(text, key_start, "]")
            closing = key_end + (2 if array else 1)
            path = _header_path(text[key_start:key_end], array)
            statements.append(
                _Statement(True, array, path, start, closing, closing, _line_end(text, closing))
            )
            pos = statements[-1].line_end
            continue
        key_end = _key_end(text, pos, "=")
        path = _key_path(text[pos:key_end])
        value_start = _skip_blanks(text, key_end + 1)
        value_end = _value_end(text, value_start)
        statements.append(
            _Statement(
                False, False, path, start, value_start, value_end, _line_end(text, value_end)
            )
        )
        pos = statements[-1].line_end
    return statements


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _line_end(text: str, pos: int) -> int:
    """Just past the newline ending the line ``pos`` is on (or the end of the text)."""
    found = text.find("\n", pos)
    return len(text) if found < 0 else found + 1


def _string_end(text: str, pos: int) -> int:
    """Just past the string starting at ``pos`` (any of TOML's four kinds)."""
    quote = text[pos]
    escapes = quote == '"'
    if text.startswith(quote * 3, pos):
        i = pos + 3
        while True:
            if escapes and text[i] == "\\":
                i += 2
                continue
            if text.startswith(quote * 3, i):
                run = 3
                while run < 5 and i + run < len(text) and text[i + run] == quote:
                    run += 1  # up to two quotes just before the closing three are content
                return i + run
            i += 1
    i = pos + 1
    while text[i] != quote:
        i += 2 if escapes and text[i] == "\\" else 1
    return i + 1


def _key_end(text: str, pos: int, stop: str) -> int:
    """Where a (possibly dotted, quoted) key starting at ``pos`` is followed by ``stop``."""
    while text[pos] != stop:
        pos = _string_end(text, pos) if text[pos] in "\"'" else pos + 1
    return pos


def _value_end(text: str, pos: int) -> int:
    """Just past the value starting at ``pos``: arrays and multi-line strings may span
    lines; the value ends where a newline or comment comes outside them."""
    depth = 0
    end = pos
    while pos < len(text):
        char = text[pos]
        if char in "\"'":
            pos = end = _string_end(text, pos)
            continue
        if char == "#":
            if depth == 0:
                break
            pos = _line_end(text, pos)
            continue
        if char in "\r\n" and depth == 0:
            break
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        pos += 1
        if char not in " \t\r\n":
            end = pos
    return end


def _key_path(key: str) -> tuple[str, ...]:
    """A key as TOML reads it: ``a."b.c"`` -> ("a", "b.c")."""
    return _path_of(tomllib.loads(f"{key} = 0"))


def _header_path(key: str, array: bool) -> tuple[str, ...]:
    return _path_of(tomllib.loads(f"[[{key}]]" if array else f"[{key}]"))


def _path_of(parsed: Any) -> tuple[str, ...]:
    path: list[str] = []
    while True:
        if isinstance(parsed, list):
            parsed = parsed[0]
        if not isinstance(parsed, dict) or not parsed:
            return tuple(path)
        (key, parsed), *_ = parsed.items()
        path.append(key)


def _indent(text: str, statement: _Statement) -> str:
    line_start = text.rfind("\n", 0, statement.start) + 1
    before = text[line_start : statement.start]
    return before if not before.strip() else ""


def _line(text: str, statement: _Statement) -> str:
    return f"line {text.count(chr(10), 0, statement.start) + 1}"
