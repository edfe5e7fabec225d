"""Bring applications in from another tracker's file or from jobtui's own JSON export.

Three steps, so a dry run shows exactly what a real import would do:

* :func:`read_rows` turns a file into :class:`ImportRow` records (plus one message per bad row);
* :func:`plan_import` compares them with what is stored: what to add, to update, to skip;
* :func:`apply_import` writes a plan in one store transaction: all of it lands, or nothing.

Calendar invites (``.ics``, format "ics") are read by :mod:`.ics` into interviews; the use
case that files them under their applications is :mod:`jobtui.ops.invites`.

Supported: jobtui's JSON export, LinkedIn's "Job Applications.csv" and "Saved Jobs.csv", Teal's
and Huntr's CSV exports, and any CSV with a header row naming at least a company and a role.
Nothing in a row is dropped: columns jobtui has no field for go into the notes.

No Textual and no TinyDB here; the store is only touched through :class:`~jobtui.db.store.Store`.

The package, in the order a file goes through it:

* ``reading``: bytes -> text, which format, and the reader for it;
* ``formats``: the formats, and the header names every CSV column may have;
* ``csvfile`` (a CSV file -> rows), ``csvrow`` (one row -> an application), ``cells`` (one
  cell: dates, statuses, salaries);
* ``jsonfile``: jobtui's own export;
* ``matching`` (is it stored already?), ``plan`` (add / update / skip), ``apply`` (write it).
"""

from jobtui.core.model import EXPORT_VERSION
from jobtui.io.importing.apply import apply_import
from jobtui.io.importing.cells import status_from_text
from jobtui.io.importing.csvfile import MAX_COLUMNS
from jobtui.io.importing.formats import FORMAT_NAMES, FORMATS, ICS_FORMAT
from jobtui.io.importing.jsonfile import MAX_JSON_DEPTH
from jobtui.io.importing.matching import normalize_url
from jobtui.io.importing.plan import ImportPlan, plan_import, plan_import_into
from jobtui.io.importing.reading import detect_format, is_calendar_file, read_rows
from jobtui.io.importing.rows import ImportFileError, ImportRow

__all__ = [
    "EXPORT_VERSION",
    "FORMATS",
    "FORMAT_NAMES",
    "ICS_FORMAT",
    "MAX_COLUMNS",
    "MAX_JSON_DEPTH",
    "ImportFileError",
    "ImportPlan",
    "ImportRow",
    "apply_import",
    "detect_format",
    "is_calendar_file",
    "normalize_url",
    "plan_import",
    "plan_import_into",
    "read_rows",
    "status_from_text",
]
