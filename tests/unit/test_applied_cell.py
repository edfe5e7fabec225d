"""The Applied column is wide enough for every cell it can show."""

from datetime import date, timedelta

from jobtui.tui.widgets.applications import APPLIED_MAX_WIDTH, applied_text


def test_every_applied_cell_of_the_last_three_years_fits_the_column():
    today = date(2026, 12, 1)
    cells = [applied_text(today - timedelta(days=n), today) for n in range(0, 3 * 366)]
    longest = max(cells, key=len)
    assert len(longest) <= APPLIED_MAX_WIDTH, longest
    assert "26 Sep 2025 14mo" in cells  # the widest kind: another year, an age in months
    assert applied_text(None, today) == ""
