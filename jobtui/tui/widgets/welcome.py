"""What an empty database shows instead of the panes: how to begin."""

from __future__ import annotations

from rich.text import Text


def first_run_text() -> Text:
    """The welcome: the keys to begin with, the demo, import and the CLI."""
    text = Text()
    text.append("Welcome to jobtui\n\n", style="bold")
    text.append("Your job search is empty. To begin:\n\n")
    text.append("  a", style="bold")
    text.append("        add an application (company, role, when you applied)\n")
    text.append("  i", style="bold")
    text.append("        add an interview to the selected application\n")
    text.append("  ?", style="bold")
    text.append("        every key\n")
    text.append("  q", style="bold")
    text.append("        quit\n\n")
    text.append("To look around first, run  ")
    text.append("jobtui --demo", style="bold")
    text.append("  for a throwaway copy of demo data.\n")
    text.append("Coming from LinkedIn, Teal, Huntr or a spreadsheet:  ")
    text.append("ctrl+p", style="bold")
    text.append(", then Import a file.\n")
    text.append("From a shell:  ")
    text.append('jobtui add "Acme" "Backend Engineer"', style="bold")
    return text
