"""One desktop notification, the platform's own way.

* Linux and the BSDs: ``notify-send`` (libnotify), which talks to the freedesktop
  notification service; ``--urgency=critical`` for what is overdue, ``normal`` otherwise.
* macOS: ``osascript`` running ``display notification``; the text reaches AppleScript as
  the arguments of its ``on run argv`` handler, never pasted into the script.
* Windows: Windows PowerShell showing a toast; the text reaches the script through the
  environment, and goes into the toast's XML as text nodes, never spliced into either.

Every program gets its arguments as a list, never through a shell. The text is data: its
control characters are dropped, its whitespace folded to single spaces, and it is cut short.
"""

from __future__ import annotations

import base64
import html
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from jobtui.core.textsafe import shorten, strip_controls

__all__ = ["Notifier", "NotifyError", "find_notifier"]

APP_NAME = "jobtui"
TITLE_LIMIT = 80
BODY_LIMIT = 200
TIMEOUT_SECONDS = 15.0

# The environment variables the Windows script reads its text from.
_TITLE_ENV = "JOBTUI_NOTIFY_TITLE"
_BODY_ENV = "JOBTUI_NOTIFY_BODY"

_APPLESCRIPT = (
    "on run argv",
    "display notification (item 2 of argv) with title (item 1 of argv)",
    "end run",
)

# Windows PowerShell 5.1 (not pwsh: it cannot load the WinRT types). The app id is
# PowerShell's own, so Windows shows the toast without jobtui registering one.
_TOAST_SCRIPT = r"""
$ErrorActionPreference = 'Stop'
$null = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime]
$kind = [Windows.UI.Notifications.ToastTemplateType]::ToastText02
$xml = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent($kind)
$texts = $xml.GetElementsByTagName('text')
$null = $texts.Item(0).AppendChild($xml.CreateTextNode($env:JOBTUI_NOTIFY_TITLE))
$null = $texts.Item(1).AppendChild($xml.CreateTextNode($env:JOBTUI_NOTIFY_BODY))
$toast = [Windows.UI.Notifications.ToastNotification]::new($xml)
$app = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe'
[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($app).Show($toast)
"""  # noqa: E501 (the first line loads the WinRT type; PowerShell reads it whole)


class NotifyError(Exception):
    """No notifier here, or it failed: one line naming the program and what to do."""


def clean(text: str, limit: int) -> str:
    """``text`` fit for a notification: no control characters, one line, at most ``limit``
    characters."""
    return shorten(" ".join(strip_controls(text).split()), limit)


@dataclass(frozen=True)
class Notifier:
    """A program that shows a desktop notification: ``kind`` is "notify-send",
    "osascript" or "powershell", ``program`` its path."""

    kind: str
    program: str

    def command(self, title: str, body: str, *, urgent: bool = False) -> list[str]:
        """The argument list that shows ``title`` and ``body`` (already cleaned)."""
        if self.kind == "notify-send":
            urgency = "critical" if urgent else "normal"
            # The body may be read as markup by the notification service: escape it.
            # "--" ends the options, so a text starting with "-" is still text.
            body = html.escape(body, quote=False)
            options = [f"--app-name={APP_NAME}", f"--urgency={urgency}", "--"]
            return [self.program, *options, title, body]
        if self.kind == "osascript":
            script = [part for line in _APPLESCRIPT for part in ("-e", line)]
            return [self.program, *script, title, body]
        encoded = base64.b64encode(_TOAST_SCRIPT.encode("utf-16-le")).decode("ascii")
        return [self.program, "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded]

    def send(self, title: str, body: str, *, urgent: bool = False) -> None:
        """Show one notification; raise :class:`NotifyError` if the program fails."""
        title = clean(title, TITLE_LIMIT).lstrip("-") or APP_NAME
        body = clean(body, BODY_LIMIT)
        env = dict(os.environ)
        if self.kind == "powershell":
            env.update({_TITLE_ENV: title, _BODY_ENV: body})
        try:
            done = subprocess.run(
                self.command(title, body, urgent=urgent),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env=env,
            )
        except subprocess.TimeoutExpired:
            raise NotifyError(f"{self.kind} did not finish within {TIMEOUT_SECONDS:g} s") from None
        except OSError as exc:
            raise NotifyError(f"{self.kind} could not run: {exc.strerror or exc}") from None
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            why = f": {clean(said[-1], 160)}" if said else ""
            raise NotifyError(f"{self.kind} failed with exit status {done.returncode}{why}")


def _missing(platform: str) -> str:
    if platform == "darwin":
        return "osascript, which comes with macOS, is not on PATH"
    if platform == "win32":
        return "Windows PowerShell (powershell.exe) is not on PATH"
    return (
        "no desktop notifier found: install notify-send "
        "(libnotify-bin on Debian and Ubuntu, libnotify elsewhere)"
    )


def find_notifier(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    which: Callable[..., str | None] = shutil.which,
) -> Notifier:
    """This machine's notifier; :class:`NotifyError` saying what to install if none."""
    env = os.environ if env is None else env
    path = env.get("PATH", os.defpath)
    kind = {"darwin": "osascript", "win32": "powershell"}.get(platform, "notify-send")
    program = which(kind, path=path)
    if not program:
        raise NotifyError(_missing(platform))
    return Notifier(kind, program)
