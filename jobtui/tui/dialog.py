"""The one base class of jobtui's modal dialogs, and the frame they all draw in.

A dialog subclasses :class:`Dialog` (``Dialog[bool]``, ``Dialog[Path | None]``...) and composes
its content inside ``Vertical(classes="dialog")``: a ``.dialog-title`` on top, ``.dialog-keys``
at the bottom, ``.dialog-detail`` lines and form hints between. The frame's look lives here, in
``DEFAULT_CSS``; a dialog's own ``DEFAULT_CSS`` (beside its ``BINDINGS``) only says what
differs, such as its width. Textual matches ``Dialog`` in CSS for every subclass.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A modal screen centred over a dimmed background, its content in a framed box.

    Set ``HOLDS_TOASTS = True`` in a dialog that is typed in: the app then holds toasts
    until it closes (they would cover the field being typed in).
    """

    HOLDS_TOASTS = False

    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;

        /* The framed box every dialog draws in. */
        & .dialog {
            width: 78;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }

        & .dialog-title {
            dock: top;
            width: 1fr;
            text-style: bold;
            color: $text-primary;
            padding-bottom: 1;
        }

        & .dialog-keys {
            dock: bottom;
            width: 1fr;
            color: $text-muted;
            padding-top: 1;
        }

        & .dialog-detail {
            width: 1fr;
            color: $text-muted;
        }

        /* What a typed value reads as, and why it was refused. */
        & .form-hint {
            width: 1fr;
            padding: 0 1;
            color: $text-muted;
        }

        & .form-hint.-ok {
            color: $text-success;
        }

        & .form-hint.-bad, & .form-error {
            color: $text-error;
        }

        & .form-error {
            width: 1fr;
            padding: 0 1;
            text-style: bold;
        }
    }
    """
