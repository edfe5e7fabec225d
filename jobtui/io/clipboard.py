"""Copying text to the system clipboard, and saying truthfully where it went.

A clipboard tool on this machine (wl-copy, xclip, xsel, pbcopy, clip.exe) is used when one
is there and can work: wl-copy needs a Wayland session, xclip and xsel an X display, and over
SSH only a forwarded display counts (pbcopy or clip.exe there would fill the remote machine's
clipboard, not the user's). Otherwise the caller falls back to OSC 52, asking the terminal to
set its clipboard, which only works if the terminal allows it: the message says so.

No Textual here: the OSC 52 fallback is the caller's (``App.copy_to_clipboard``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["OSC52_MESSAGE", "ClipboardTool", "CopyResult", "copy_with_tool", "find_tool"]

TIMEOUT_SECONDS = 3.0
OSC52_MESSAGE = "sent to the terminal's clipboard: your terminal must allow OSC 52"


@dataclass(frozen=True)
class ClipboardTool:
    """A program that puts its standard input on the clipboard."""

    name: str
    argv: tuple[str, ...]


# In order of preference; each with what it needs to work.
_WAYLAND = ClipboardTool("wl-copy", ("wl-copy",))
_X11 = (
    ClipboardTool("xclip", ("xclip", "-selection", "clipboard")),
    ClipboardTool("xsel", ("xsel", "--clipboard", "--input")),
)
_LOCAL = (
    ClipboardTool("pbcopy", ("pbcopy",)),
    ClipboardTool("clip.exe", ("clip.exe",)),
)


@dataclass(frozen=True)
class CopyResult:
    """Where the text went: ``tool`` names the program, or is None (use OSC 52)."""

    tool: str | None
    problem: str = ""  # why a tool that was there did not work

    @property
    def message(self) -> str:
        """What to tell the user, e.g. "copied to the clipboard (wl-copy)"."""
        if self.tool is not None:
            return f"copied to the clipboard ({self.tool})"
        if self.problem:
            return f"{OSC52_MESSAGE} ({self.problem})"
        return OSC52_MESSAGE


def _candidates(env: Mapping[str, str]) -> list[ClipboardTool]:
    found: list[ClipboardTool] = []
    if env.get("WAYLAND_DISPLAY"):
        found.append(_WAYLAND)
    if env.get("DISPLAY"):
        found.extend(_X11)
    remote = bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))
    if not remote:
        found.extend(_LOCAL)
    return found


def find_tool(
    env: Mapping[str, str] | None = None,
    which: Callable[..., str | None] = shutil.which,
) -> ClipboardTool | None:
    """The clipboard tool to use here, or None (then OSC 52 is the only way)."""
    env = os.environ if env is None else env
    path = env.get("PATH", os.defpath)
    for tool in _candidates(env):
        program = which(tool.argv[0], path=path)
        if program:
            return ClipboardTool(tool.name, (program, *tool.argv[1:]))
    return None


def copy_with_tool(
    text: str,
    env: Mapping[str, str] | None = None,
    which: Callable[..., str | None] = shutil.which,
    *,
    tool: ClipboardTool | None = None,
) -> CopyResult:
    """Put ``text`` on the clipboard with ``tool`` (default: :func:`find_tool`'s) if it works.

    Returns where it went; ``tool`` None means the caller should use OSC 52 (and
    ``problem`` says why a tool that was found failed).
    """
    tool = tool or find_tool(env, which)
    if tool is None:
        return CopyResult(None)
    # clip.exe reads the console code page; UTF-16 is what it reads reliably.
    encoding = "utf-16-le" if tool.name == "clip.exe" else "utf-8"
    try:
        # No pipes kept open: xclip and wl-copy stay behind to serve the clipboard, and a
        # captured stdout would make this wait for them to exit.
        done = subprocess.run(
            tool.argv,
            input=text.encode(encoding),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TIMEOUT_SECONDS,
            check=False,
            env=dict(env) if env is not None else None,
            close_fds=True,
            start_new_session=sys.platform != "win32",
        )
    except subprocess.TimeoutExpired:
        return CopyResult(None, f"{tool.name} did not finish")
    except OSError as exc:
        return CopyResult(None, f"{tool.name} could not run: {exc.strerror or exc}")
    if done.returncode != 0:
        return CopyResult(None, f"{tool.name} failed with exit status {done.returncode}")
    return CopyResult(tool.name)
