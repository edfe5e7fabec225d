"""Run something once the next frame is on screen, even when Textual drops the request."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump


def after_next_frame(owner: MessagePump, callback: Callable[[], None], *, at_most: float) -> None:
    """Call ``callback`` once: after the next frame is drawn, or ``at_most`` seconds from now,
    whichever comes first.

    ``owner.call_after_refresh`` alone is not enough: its callback waits on the screen shown
    at the time, and a dialog opened and closed at once takes it along, so it may never run.
    """
    called = False

    def once() -> None:
        nonlocal called
        if not called:
            called = True
            callback()

    owner.call_after_refresh(once)
    owner.set_timer(at_most, once)
