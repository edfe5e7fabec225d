"""Toasts: literal, shortened, and held while a dialog is typed in (they would cover it).

:class:`ToastingApp` is the App jobtui's app is built on: every ``notify`` goes through
:func:`toast_text`, and a screen with ``HOLDS_TOASTS = True`` (the forms, the composer)
holds them until it closes. The app subscribes :meth:`ToastingApp.screen_changed` to
Textual's screen-change signal.
"""

from __future__ import annotations

import threading
from typing import Any

from rich.text import Text
from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from jobtui.core.textsafe import ELLIPSIS, visible

# A toast says at most this much: a 2,000-character company name must not fill the screen.
TOAST_CHARS = 160
TOAST_LINES = 5
# A toast held while a dialog was typed in shows at least this long once it closes.
HELD_TOAST_SECONDS = 3.0


def toast_text(message: object, limit: int = TOAST_CHARS) -> str:
    """What a toast shows for ``message``: control characters visible, at most ``limit``
    characters and TOAST_LINES lines. A long one is cut in the middle ("Added ZZZ…ZZ — Dev"),
    where a long name sits, so that how the sentence ends ("u undoes it") stays."""
    plain = message.plain if isinstance(message, Text) else str(message)
    lines = visible(plain).split("\n")
    if len(lines) > TOAST_LINES:
        lines = [*lines[: TOAST_LINES - 1], ELLIPSIS]
    text = "\n".join(lines)
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    tail = limit - head - 1
    return text[:head].rstrip() + ELLIPSIS + text[len(text) - tail :].lstrip()


class ToastingApp(App[None]):
    """An App whose toasts are literal, shortened, and held while a dialog is typed in."""

    def __init__(self) -> None:
        super().__init__()
        # Toasts raised while a dialog is typed in wait until it closes (message, title,
        # severity, seconds).
        self._held_toasts: list[tuple[str, str, SeverityLevel, float]] = []

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast: literal text (never markup: user text is in most of them), control
        characters visible, shortened; held while a dialog is typed in (it would cover it).

        ``markup`` is accepted for Textual's signature and ignored.
        """
        del markup
        text = toast_text(message)
        heading = toast_text(title, limit=80)
        seconds = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        if threading.get_ident() == self._thread_id and self._holds_toasts(self._current()):
            self._held_toasts.append((text, heading, severity, seconds))
            return
        super().notify(text, title=heading, severity=severity, timeout=seconds, markup=False)

    def _current(self) -> Screen[Any] | None:
        try:
            return self.screen
        except Exception:  # no screen yet (starting) or any more (leaving)
            return None

    @staticmethod
    def _holds_toasts(screen: Screen[Any] | None) -> bool:
        return bool(getattr(screen, "HOLDS_TOASTS", False))

    def screen_changed(self, screen: Screen[Any]) -> None:
        if self._holds_toasts(screen):
            # A dialog to type in: the toasts on screen now wait until it closes.
            showing = [n for n in self._notifications if not n.has_expired]
            if showing:
                self.clear_notifications()
                self._held_toasts.extend(
                    (n.message, n.title, n.severity, n.time_left) for n in showing
                )
            return
        held, self._held_toasts = self._held_toasts, []
        for text, heading, severity, seconds in held:
            super().notify(
                text,
                title=heading,
                severity=severity,
                timeout=max(seconds, HELD_TOAST_SECONDS),
                markup=False,
            )
