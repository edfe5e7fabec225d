"""Stored text never drives the terminal: every CLI text command shows control characters
visibly, ``--json`` stays exact JSON, ``render`` drops them; markup is printed as typed."""

from __future__ import annotations

import json

import pytest
from hostile import HOSTILE, looks_like

from jobtui.core.textsafe import has_controls, strip_controls, visible

# Escape sequences that wrote the clipboard (OSC 52), retitled the window, cleared the screen;
# a one-character CSI (C1), DEL, bidi overrides; markup; emoji and CJK; a very long string.
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
MIXED = [
    f"Acme{CLIPBOARD}{TITLE}{CLEAR}",
    "Dev\x9b31m [bold red]x[/] [link=file:///etc/passwd]click[/link]",
    "\u202eevil\u202c \u2066iso\u2069 del\x7f bell\x07 back\x08 cr\r ff\x0c nul\x00",
    "🎉 求职 Ünïcödé",
]
LONG = "L" * 10_000 + "\x1b[31m"


def _clean(stream: str) -> None:
    """No control character but newline and tab reached the terminal."""
    assert not has_controls(stream), repr([c for c in stream if has_controls(c)][:5])


@pytest.fixture
def hostile_db(jobtui, tmp_path):
    """An application, interview, contact, sent log and deleted record full of hostile text."""

    def ok(*args: str) -> str:
        code, out, err = jobtui(*args)
        assert code == 0, err
        _clean(out)
        _clean(err)
        return out.strip().splitlines()[0]

    company, role, notes, tag = MIXED
    app_id = ok(
        "add",
        company,
        role,
        "--notes",
        f"{notes}\nline two {LONG}",
        "--tag",
        tag,
        "--location",
        CLEAR,
        "--source",
        TITLE,
        "--url",
        f"https://x/{CLIPBOARD}",
    )
    iv_id = ok(
        "interview",
        app_id,
        "yesterday 14:00",
        "--with",
        f"Ana {TITLE} <ana@acme.com>",
        "--where",
        CLIPBOARD,
    )
    contact_id = ok("contact", f"Bo {CLEAR}", "--title", TITLE, "--for", app_id)
    ok("contact", f"Gone {TITLE}", "--for", app_id)
    gone = json.loads(jobtui("show", app_id, "--json")[1])["contacts"]
    ok("delete", next(c["id"] for c in gone if c["name"].startswith("Gone")))
    ok("sent", app_id, "--to", f"Cy {TITLE}", "--channel", CLEAR)
    return {"app": app_id, "interview": iv_id, "contact": contact_id, "tmp": tmp_path}


COMMANDS = [
    ("list",),
    ("list", "--sort", "company"),
    ("show", "{app}"),
    ("show", "{interview}"),
    ("show", "{contact}"),
    ("followups",),
    ("stats",),
    ("trash",),
    ("backups",),
    ("templates",),
    ("render", "thank_you", "{interview}"),
    ("check",),
    ("set", "{app}", f"location={TITLE}"),
    ("status", "{app}", "screening"),
    ("snooze", "{app}", "tomorrow"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a)[:30])
def test_no_command_sends_a_control_character_to_the_terminal(jobtui, hostile_db, args):
    code, out, err = jobtui(*[a.format(**hostile_db) for a in args])
    assert code in (0, 1), err
    _clean(out)
    _clean(err)


def test_show_prints_the_text_as_typed_with_controls_visible(jobtui, hostile_db):
    _, out, _ = jobtui("show", hostile_db["app"])
    company, role, _notes, tag = MIXED
    for text in (company, role, tag, visible(CLEAR)):
        assert visible(text) in out
    assert "␛]52;c;cHduZWQ=␇" in out  # the clipboard write, harmless and readable
    assert "[bold red]x[/] [link=file:///etc/passwd]click[/link]" in out  # not markup
    assert "\\x9b31m" in out and "\\u202eevil" in out
    assert "🎉 求职 Ünïcödé" in out
    assert "L" * 10_000 in out
    assert "line two" in out  # newlines in notes still break lines
    _, out, _ = jobtui("show", hostile_db["interview"])
    assert visible(f"Ana {TITLE}") in out and visible(CLIPBOARD) in out


def test_list_shows_company_and_role_visibly(jobtui, hostile_db):
    _, out, _ = jobtui("list")
    assert "Acme␛]52;c;cHd" in out  # shortened to the column, but literal
    assert "Dev\\x9b31m" in out


def test_json_output_is_exact_json_and_escapes_every_control(jobtui, hostile_db):
    company, role, notes, tag = MIXED
    for args in (("list", "--json"), ("show", hostile_db["app"], "--json"), ("trash", "--json")):
        code, out, _ = jobtui(*args)
        assert code == 0
        _clean(out)  # DEL, C1 and bidi controls are \\u escapes too, not raw
        json.loads(out)
    shown = json.loads(jobtui("show", hostile_db["app"], "--json")[1])
    assert (shown["company"], shown["role"], shown["tags"]) == (company, role, [tag])
    assert shown["notes"] == f"{notes}\nline two {LONG}"
    listed = json.loads(jobtui("list", "--json")[1])
    assert listed[0]["company"] == company


def test_render_drops_control_characters(jobtui, hostile_db):
    code, out, _ = jobtui("render", "thank_you", hostile_db["interview"])
    assert code == 0
    _clean(out)
    assert "␛" not in out  # dropped, not shown: this text is pasted into an email
    assert strip_controls("Acme") in out and "[bold red]x[/]" in out


def test_an_error_quoting_typed_text_shows_it_visibly(jobtui, hostile_db):
    code, out, err = jobtui("show", f"zz{TITLE}")
    assert code == 1 and out == ""
    _clean(err)
    assert visible(TITLE) in err
    code, _, err = jobtui("set", hostile_db["app"], f"salary_min={CLEAR}")
    assert code == 1
    _clean(err)
    assert visible(CLEAR) in err


def test_import_reports_show_controls_visibly(jobtui, tmp_path):
    csv = tmp_path / "jobs.csv"
    csv.write_text(
        f'company,role,status\n"Evil{TITLE}","Dev{CLEAR}",applied\n"Bad{CLIPBOARD}",,nope\n',
        encoding="utf-8",
    )
    for args in (("import", str(csv), "--dry-run"), ("import", str(csv))):
        _code, out, err = jobtui(*args)
        _clean(out)
        _clean(err)
    _, out, _ = jobtui("list")
    assert visible(f"Evil{TITLE}")[:20] in out


def test_import_of_a_json_export_with_controls_shows_them_visibly(jobtui, tmp_path):
    company = MIXED[0]
    source = tmp_path / "a.json"
    assert jobtui("--db", str(source), "add", company, "Dev")[0] == 0
    export = tmp_path / "export.json"
    assert jobtui("--db", str(source), "export", "-o", str(export))[0] == 0
    code, out, err = jobtui("import", str(export))
    assert code == 0, err
    _clean(out)
    _clean(err)
    _, out, _ = jobtui("followups")
    _clean(out)
    _, out, _ = jobtui("list", "--json")
    assert json.loads(out)[0]["company"] == company


def test_export_to_a_terminal_shows_controls_but_a_file_keeps_them(
    jobtui, hostile_db, monkeypatch, capsys
):
    import sys

    out_file = hostile_db["tmp"] / "out.csv"
    assert jobtui("export", "--format", "csv", "-o", str(out_file))[0] == 0
    assert CLIPBOARD in out_file.read_text(encoding="utf-8-sig")  # the data, exactly
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    for kind in ("csv", "ics", "json"):
        _, out, _ = jobtui("export", "--format", kind)
        _clean(out)
        assert "␛]52" in out or "\\u001b]52" in out  # shown, or JSON's own escape


# -- the shared hostile corpus, through add and import, then every CLI text command


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[n for n, _ in HOSTILE])
def test_hostile_text_through_every_cli_text_command(jobtui, tmp_path, text):
    def run(*args: str) -> str:
        code, out, err = jobtui(*args)
        assert code in (0, 1), err
        _clean(out)
        _clean(err)
        return out

    app_id = run("add", text, text, "--notes", text, "--tag", text[:50], "--source", text)
    app_id = app_id.strip()
    iv_id = run("interview", app_id, "yesterday 14:00", "--with", text, "--where", text).strip()
    run("contact", text, "--title", text, "--for", app_id)
    # The same text imported from a CSV.
    csv = tmp_path / "in.csv"
    quoted = text.replace('"', '""')
    csv.write_text(f'company,role\n"{quoted}","{quoted} 2"\n', encoding="utf-8")
    run("import", str(csv), "--dry-run")
    run("import", str(csv))

    for out in (run("list"), run("followups"), run("show", app_id), run("show", iv_id)):
        assert looks_like(text) in out
    shown = run("show", app_id)
    assert visible(text) in shown  # whole, in show
    run("stats")
    run("templates")
    run("backups")
    run("check")
    assert strip_controls(text)[:8] in run("render", "thank_you", iv_id)
    run("delete", iv_id)
    assert looks_like(text, 4) in run("trash") or "interview" in run("trash")
    run("set", app_id, f"location={text}")
    run("status", app_id, "offer")
    assert json.loads(run("show", app_id, "--json"))["company"] == text
    assert {row["company"] for row in json.loads(run("list", "--json"))} == {text}
    run("show", f"zz{text}")  # an error quoting it
