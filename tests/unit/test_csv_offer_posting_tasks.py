"""The CSV export carries the offer, the open tasks and the captured posting, and the CSV
import reads a "Job Description" column back as the posting."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from dateutil import tz

from jobtui.core.model import Application, Status, Task
from jobtui.io.exporting import ExportData, export_csv

BERLIN = tz.gettz("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)


def _only_row(text: str) -> dict[str, str]:
    [row] = list(csv.DictReader(io.StringIO(text)))
    return row


def test_offer_tasks_and_posting_columns():
    app = Application(
        company="Acme",
        role="Dev",
        status=Status.OFFER,
        offer_base=92_000,
        offer_bonus=9_200,
        offer_equity=40_000,
        offer_vesting_years=4,
        offer_currency="EUR",
        offer_notes="=30 days' leave",
        description="## The role\n- Python",
        posting_fetched_at=datetime(2026, 11, 20, 8, 5, tzinfo=BERLIN),
        tasks=[
            Task("Sign the NDA", due=datetime(2026, 11, 27, 17, tzinfo=BERLIN)),
            Task("Call Rita"),
            Task("Done already", done_at=NOW),
        ],
    )
    row = _only_row(export_csv(ExportData([app], [], [], []), now=NOW))
    assert row["Offer Base"] == "92000" and row["Offer Bonus"] == "9200"
    assert row["Offer Sign-on"] == "" and row["Offer Equity"] == "40000"
    assert row["Offer Vesting Years"] == "4" and row["Offer Currency"] == "EUR"
    assert row["Offer Notes"] == "'=30 days' leave"  # never a formula
    assert row["Open Tasks"] == "Sign the NDA (due 2026-11-27 17:00); Call Rita"
    assert row["Job Description"] == "## The role\n- Python"
    assert row["Posting Fetched"] == "2026-11-20 08:05"


def test_no_offer_leaves_the_vesting_years_empty():
    row = _only_row(export_csv(ExportData([Application("Acme", "Dev")], [], [], []), now=NOW))
    assert row["Offer Vesting Years"] == "" and row["Open Tasks"] == ""


def test_a_job_description_column_is_imported_as_the_posting(jobtui, tmp_path):
    path = tmp_path / "jobs.csv"
    path.write_text(
        'Company,Job Title,Job Description\nAcme,Dev,"## The role\n- Python"\n', encoding="utf-8"
    )
    code, _out, err = jobtui("import", str(path))
    assert code == 0, err
    app_id = json.loads(jobtui("list", "--json")[1])[0]["id"]
    _code, out, _err = jobtui("show", app_id, "--json")
    shown = json.loads(out)
    assert shown["description"] == "## The role\n- Python"
    assert "Imported fields" not in shown["notes"]


def test_a_csv_export_read_back_keeps_text_that_looks_like_a_formula(jobtui, tmp_path):
    app_id = jobtui("add", "Acme", "Dev", "--notes", "+1 idea: ask about on-call")[1].strip()
    assert jobtui("set", app_id, "description=- Build things\n- Run them")[0] == 0
    out = tmp_path / "out.csv"
    assert jobtui("export", "--format", "csv", "-o", str(out))[0] == 0
    assert "'- Build things" in out.read_text(encoding="utf-8")  # guarded in the file
    assert jobtui("delete", app_id)[0] == 0
    code, _out, err = jobtui("import", str(out))
    assert code == 0, err
    [row] = json.loads(jobtui("list", "--json")[1])
    shown = json.loads(jobtui("show", row["id"], "--json")[1])
    assert shown["description"] == "- Build things\n- Run them"
    assert shown["notes"].startswith("+1 idea: ask about on-call")


def test_restore_formula_drops_only_the_guard():
    from jobtui.core.textsafe import neutralise_formula, restore_formula

    for text in ("=SUM(A1)", "+1", "-x", "@me", "plain", "'quoted", "''=x", ""):
        assert restore_formula(neutralise_formula(text)) == text
    assert restore_formula("'plain") == "'plain"
