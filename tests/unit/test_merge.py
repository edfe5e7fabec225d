"""The three-way merge of whole databases (pure dicts)."""

from __future__ import annotations

import copy

from jobtui.db.datafile import empty_database
from jobtui.db.merge import merge_databases


def _db(**apps: dict) -> dict:
    data = empty_database()
    data["applications"] = {k: {"id": k, **v} for k, v in apps.items()}
    data["trash"] = {}
    return data


BASE = _db(
    a={"company": "Acme", "notes": "", "location": "", "updated_at": "2026-11-01T10:00:00+01:00"},
    b={"company": "Beta", "notes": "", "updated_at": "2026-11-01T10:00:00+01:00"},
)


def test_changes_on_one_side_are_taken_from_that_side():
    ours = copy.deepcopy(BASE)
    theirs = copy.deepcopy(BASE)
    ours["applications"]["c"] = {"id": "c", "company": "Ours"}
    theirs["applications"]["d"] = {"id": "d", "company": "Theirs"}
    del theirs["applications"]["b"]
    merged, report = merge_databases(BASE, ours, theirs)
    assert sorted(merged["applications"]) == ["a", "c", "d"]
    assert (report.added, report.removed, report.changed) == (1, 1, 0)
    assert report.summary() == "merged changes made elsewhere: 1 added, 1 deleted"


def test_both_sides_editing_one_record_merge_field_by_field():
    ours = copy.deepcopy(BASE)
    theirs = copy.deepcopy(BASE)
    ours["applications"]["a"].update(notes="typed here", updated_at="2026-11-02T09:00:00+01:00")
    theirs["applications"]["a"].update(location="Lisbon", updated_at="2026-11-02T08:00:00+01:00")
    merged, report = merge_databases(BASE, ours, theirs)
    record = merged["applications"]["a"]
    assert record["notes"] == "typed here" and record["location"] == "Lisbon"
    assert record["updated_at"] == "2026-11-02T09:00:00+01:00"
    assert report.conflicts == []


def test_a_field_changed_on_both_sides_goes_to_the_newer_record_and_is_reported():
    ours = copy.deepcopy(BASE)
    theirs = copy.deepcopy(BASE)
    ours["applications"]["a"].update(notes="older", updated_at="2026-11-02T08:00:00+01:00")
    theirs["applications"]["a"].update(notes="newer", updated_at="2026-11-02T09:00:00+01:00")
    merged, report = merge_databases(BASE, ours, theirs)
    assert merged["applications"]["a"]["notes"] == "newer"
    assert report.conflicts == [
        "the application Acme — : notes changed on both sides, kept the other side's newer version"
    ]


def test_deleted_there_changed_here_without_a_trash_entry_is_kept():
    ours = copy.deepcopy(BASE)
    theirs = copy.deepcopy(BASE)
    ours["applications"]["b"]["notes"] = "do not lose me"
    del theirs["applications"]["b"]  # deleted by hand: no trash entry
    merged, report = merge_databases(BASE, ours, theirs)
    assert merged["applications"]["b"]["notes"] == "do not lose me"
    assert "kept" in report.conflicts[0]


def test_deleted_there_changed_here_puts_the_change_in_the_trash_entry():
    ours = copy.deepcopy(BASE)
    theirs = copy.deepcopy(BASE)
    ours["applications"]["b"]["notes"] = "do not lose me"
    old = theirs["applications"].pop("b")
    theirs["trash"]["b"] = {"id": "b", "kind": "application", "record": old, "interviews": []}
    merged, _ = merge_databases(BASE, ours, theirs)
    assert "b" not in merged["applications"]
    assert merged["trash"]["b"]["record"]["notes"] == "do not lose me"


def test_newer_means_the_later_instant_whatever_the_utc_offset():
    ours = copy.deepcopy(BASE)
    theirs = copy.deepcopy(BASE)
    # 09:00 in Berlin is 08:00 UTC; the laptop in London wrote 08:30 UTC, which is later.
    ours["applications"]["a"].update(notes="Berlin", updated_at="2026-11-02T09:00:00+01:00")
    theirs["applications"]["a"].update(notes="London", updated_at="2026-11-02T08:30:00+00:00")
    merged, report = merge_databases(BASE, ours, theirs)
    assert merged["applications"]["a"]["notes"] == "London"
    assert merged["applications"]["a"]["updated_at"] == "2026-11-02T08:30:00+00:00"
    assert "kept the other side's newer version" in report.conflicts[0]
