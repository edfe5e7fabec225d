"""Colours for urgency, taken from the active theme so every theme reads right."""

from __future__ import annotations

from rich.style import Style
from textual.app import App

from jobtui.core.followup import Urgency


def urgency_style(app: App, urgency: Urgency | None, *, done: bool = False) -> Style:
    """Overdue in the theme's error colour, due in its warning colour, done in success."""
    theme = app.current_theme
    if done:
        return Style(color=theme.success or "green")
    if urgency == Urgency.OVERDUE:
        return Style(color=theme.error or "red", bold=True)
    if urgency == Urgency.DUE:
        return Style(color=theme.warning or "yellow", bold=True)
    if urgency == Urgency.UPCOMING:
        return Style(color=theme.accent or theme.primary or "cyan")
    return Style()


URGENCY_MARK = {Urgency.OVERDUE: "!!", Urgency.DUE: "! ", Urgency.UPCOMING: "· "}
