"""jobtui: a keyboard-first terminal organizer for a job search."""

__version__ = "0.1.0"
