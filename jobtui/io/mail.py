"""Handing a message to the user's mail program: a ``mailto:`` link, or their own command.

With no ``[mail] command`` the message becomes a ``mailto:`` URL (RFC 6068) given to the
desktop's opener, which starts whatever program handles mailto: links: ``xdg-open`` on
Linux and the BSDs, ``open`` on macOS, ``os.startfile`` on Windows. The opener is started
detached (no terminal, its own session), so nothing it prints can draw over the TUI.

With a command (a terminal client such as aerc, neomutt or mutt, or a script) the command is
split like a shell would split it, but no shell ever runs it: the placeholders ``{mailto}``,
``{to}``, ``{subject}`` and ``{body_file}`` are filled in inside each argument, and a value
never leaves the argument it was put in, whatever quotes, ``$(...)``, ``;`` or newlines it
holds. The command runs in the foreground with the terminal (the TUI suspends itself around
it, as for $EDITOR), and the body file, private to the user, is removed once it has ended.

No Textual here.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from jobtui.core.model import Contact, Interview
from jobtui.core.outgoing import Outgoing
from jobtui.core.words import natural_join

__all__ = [
    "PLACEHOLDERS",
    "Handover",
    "MailError",
    "SettingError",
    "command_problems",
    "mailto_url",
    "missing_recipients",
    "prepare",
    "run",
]

SETTING = "[mail] command"
PLACEHOLDERS = ("mailto", "to", "subject", "body_file")
# How long a detached opener is given to say it failed (xdg-open with no mailto: handler
# exits at once with status 3 or 4). One still running after that is left to run: some
# openers stay in the foreground until the mail program they started closes.
OPENER_WAIT_SECONDS = 3.0
_NO_OPENER = (
    "no program opens mailto: links here ({opener} is not installed); "
    f"set {SETTING} in config.toml to your mail program"
)


# An argument of the command as (literal text, placeholder or None) pieces.
Pieces = list[tuple[str, str | None]]


class MailError(Exception):
    """The hand-over failed; ``str()`` is one line naming the program or setting and why."""


class SettingError(MailError):
    """The ``[mail] command`` setting cannot be used; ``problem`` says why (without naming
    the setting: ``str()`` does, "[mail] command in config.toml: ...")."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"{SETTING} in config.toml: {problem}")
        self.problem = problem


@dataclass
class Handover:
    """A prepared hand-over: what runs, and how.

    ``foreground`` is True for a ``[mail] command``: it may be a terminal client, so it runs
    with the terminal and :func:`run` waits for it (a TUI suspends itself around it). False
    for the desktop opener, started detached. ``program`` names it in messages.
    ``cleanup()`` removes the body file, if one was written (:func:`run` does it for a
    command once it has ended; call it yourself when you prepare and then do not run).
    """

    args: list[str]
    foreground: bool
    program: str
    body_file: Path | None = None
    # Windows: args[0] is the URL, given to os.startfile (see _opener).
    startfile: bool = field(default=False, repr=False)

    def cleanup(self) -> None:
        """Remove the body file, if any (again is harmless)."""
        if self.body_file is not None:
            with contextlib.suppress(FileNotFoundError):
                self.body_file.unlink()
            self.body_file = None


def _crlf(text: str) -> str:
    # RFC 6068: a line break in a header value or the body is written as %0D%0A.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def mailto_url(message: Outgoing) -> str:
    """``message`` as a ``mailto:`` URL (RFC 6068): the addresses, comma-separated, then
    ``?subject=...&body=...`` (each left out when empty).

    Every character but the unreserved ones (letters, digits, ``-._~``) is percent-encoded
    as UTF-8 (``@`` too is kept in an address), so ``&``, ``?``, ``#``, ``%``, ``+``, ``,``
    and spaces in a value read back as themselves, and line breaks become ``%0D%0A``.
    ``+`` is encoded on purpose: some programs read a bare ``+`` in a URL as a space.
    """
    to = ",".join(quote(address, safe="@") for address in message.to)
    fields = [
        f"{name}={quote(_crlf(value), safe='')}"
        for name, value in (("subject", message.subject), ("body", message.body))
        if value
    ]
    return f"mailto:{to}" + (f"?{'&'.join(fields)}" if fields else "")


def missing_recipients(interview: Interview | None, contacts: Sequence[Contact], label: str) -> str:
    """What to say when a message has nobody to go to (``core.outgoing.addresses`` found no
    address), e.g. "no email address for Ana Lima or Rita Moreno"; ``label`` is the
    application's ("Acme — Backend"). The caller says what happens next."""
    people = [p.name for p in interview.interviewers] if interview is not None else []
    people += [c.name for c in contacts]
    people = [name for name in dict.fromkeys(people) if name]
    if not people:
        return f"no interviewer or contact of {label} is on record"
    names = natural_join(people, "or")
    if not contacts:
        return f"no email address for {names}, and {label} has no contacts"
    return f"no email address for {names}"


def _split(command: str) -> list[str]:
    """The command's arguments, split like a shell would; MailError naming the setting."""
    try:
        args = shlex.split(command)
    except ValueError as exc:  # "No closing quotation", "No escaped character"
        raise SettingError(f"{str(exc).lower()} in {command!r}") from None
    return args


def _pieces(arg: str) -> Pieces:
    """``arg`` as (literal, placeholder or None) pairs; ``{{`` and ``}}`` are literal braces.
    A placeholder other than the four, or a format spec, is a MailError naming the setting."""
    try:
        parsed = list(string.Formatter().parse(arg))
    except ValueError:  # a lone "{" or "}"
        raise SettingError(
            f"unmatched brace in {arg!r} (write {{{{ or }}}} for a literal one)"
        ) from None
    pieces: Pieces = []
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    for literal, name, spec, conversion in parsed:
        if name is not None and (name not in PLACEHOLDERS or spec or conversion):
            written = "{" + name + (f"!{conversion}" if conversion else "")
            written += (f":{spec}" if spec else "") + "}"
            raise SettingError(f"unknown placeholder {written} (known: {known})")
        pieces.append((literal, name))
    return pieces


def _parse(command: str) -> list[Pieces]:
    """The command, checked: each argument as pieces. MailError naming the setting."""
    args = _split(command)
    parsed = [_pieces(arg) for arg in args]
    if any(name is not None for _, name in parsed[0]):
        raise SettingError(
            f"the program to run cannot be a placeholder ({args[0]!r}); name the program first"
        )
    return parsed


def command_problems(
    command: str, *, which: Callable[[str], str | None] = shutil.which
) -> list[str]:
    """What is wrong with a ``[mail] command`` setting for ``jobtui check``, one sentence
    each naming the setting ("[mail] command: program 'nomutt' not found"); [] if nothing,
    or if it is empty (the desktop opener is only looked for when a message is opened)."""
    if not command.strip():
        return []
    try:
        _program(_parse(command), which)
    except SettingError as exc:
        return [f"{SETTING}: {exc.problem}"]
    return []


def _program(parsed: list[Pieces], which: Callable[[str], str | None]) -> str:
    """The program the command runs, as written; SettingError when it is not found."""
    program = "".join(literal for literal, _ in parsed[0])
    if which(os.path.expanduser(program)) is None:
        raise SettingError(f"program {program!r} not found")
    return program


def _opener(url: str, platform: str, which: Callable[[str], str | None]) -> Handover:
    if platform == "win32":
        # os.startfile hands the URL straight to the registered mailto: handler
        # (ShellExecute) and returns. "cmd /c start" would pass it through cmd.exe, where
        # the "&" of every mailto: URL with a subject and a body separates commands and
        # "%...%" expands variables: a letter could run a command.
        return Handover([url], foreground=False, program="the mailto: handler", startfile=True)
    opener = "open" if platform == "darwin" else "xdg-open"
    found = which(opener)
    if found is None:
        raise MailError(_NO_OPENER.format(opener=opener))
    return Handover([found, url], foreground=False, program=opener)


def prepare(
    message: Outgoing,
    command: str,
    *,
    platform: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> Handover:
    """How ``message`` goes to the mail program: the desktop opener with its ``mailto:`` URL
    when ``command`` is empty, else ``command`` with its placeholders filled in (writing the
    body file, mode 0600, when ``{body_file}`` is used). Raises MailError: a setting that
    cannot be used, a program or opener not found, an address a program would take for an
    option. ``platform`` (default ``sys.platform``) and ``which`` are for tests."""
    if not command.strip():
        return _opener(mailto_url(message), platform or sys.platform, which)
    parsed = _parse(command)
    program = _program(parsed, which)
    used = {name for pieces in parsed for _, name in pieces if name is not None}
    for address in message.to if "to" in used else ():
        if address.startswith("-"):
            raise MailError(
                f"the address {address!r} starts with '-', which {program} would read as an "
                "option; correct it with jobtui set or the form"
            )
    handover = Handover([], foreground=True, program=program)
    values = {
        "mailto": mailto_url(message),
        "to": ",".join(message.to),
        "subject": message.subject,
        "body_file": "",
    }
    if "body_file" in used:
        handover.body_file = _write_body(message.body)
        values["body_file"] = str(handover.body_file)
    # No argument of a process can hold NUL; everything else reaches the program as it is.
    safe = {name: value.replace("\0", "") for name, value in values.items()}
    handover.args = [
        "".join(literal + (safe[name] if name is not None else "") for literal, name in pieces)
        for pieces in parsed
    ]
    # "~/bin/mail-it": no shell expands the ~, so we do (the program is never a placeholder).
    handover.args[0] = os.path.expanduser(handover.args[0])
    return handover


def _write_body(body: str) -> Path:
    """A new file holding ``body`` (UTF-8), readable by the user only (mkstemp's 0600)."""
    descriptor, name = tempfile.mkstemp(prefix="jobtui-mail-", suffix=".txt")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(body)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _ended(program: str, status: int) -> str:
    if status < 0:
        with contextlib.suppress(ValueError):
            return f"{program} was stopped by {signal.Signals(-status).name}"
        return f"{program} was stopped by signal {-status}"
    return f"{program} ended with exit status {status}"


def run(handover: Handover, *, env: Mapping[str, str] | None = None) -> None:
    """Run a prepared hand-over; raise MailError if it could not start or failed.

    A command (``foreground``) runs with the terminal and is waited for; its body file is
    removed afterwards whatever happened. The opener is started detached, with no terminal,
    and given up to OPENER_WAIT_SECONDS to fail (most return at once; one still running
    then is left to run), so a TUI calls this off its event loop.
    """
    try:
        if handover.startfile:
            _start_file(handover)
        elif handover.foreground:
            _run_foreground(handover, env)
        else:
            _run_detached(handover, env)
    finally:
        handover.cleanup()


def _start_file(handover: Handover) -> None:
    try:
        os.startfile(handover.args[0])  # type: ignore[attr-defined]  # Windows only
    except OSError as exc:
        raise MailError(
            f"{handover.program} could not open the mailto: link ({exc.strerror or exc}); "
            f"set {SETTING} in config.toml to your mail program"
        ) from None


def _run_foreground(handover: Handover, env: Mapping[str, str] | None) -> None:
    try:
        done = subprocess.run(handover.args, check=False, env=env)
    except OSError as exc:
        raise MailError(f"{handover.program} could not run: {exc.strerror or exc}") from None
    if done.returncode != 0:
        raise MailError(_ended(handover.program, done.returncode))


def _run_detached(handover: Handover, env: Mapping[str, str] | None) -> None:
    try:
        process = subprocess.Popen(
            handover.args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,
            env=env,
        )
    except OSError as exc:
        raise MailError(f"{handover.program} could not run: {exc.strerror or exc}") from None
    try:
        status = process.wait(OPENER_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        # Still opening, or it stays until the mail program closes: fine. A thread waits
        # for it so it leaves no zombie behind in a long-running TUI.
        threading.Thread(target=process.wait, name="mail-opener", daemon=True).start()
        return
    if status != 0:
        raise MailError(
            f"{_ended(handover.program, status)}: it could not open the mailto: link; is a "
            f"mail program set to open mailto: links? Or set {SETTING} in config.toml"
        )
