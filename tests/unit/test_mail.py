"""Handing a message to the mail program: the mailto: URL decodes back exactly, a [mail]
command gets each value as its own unmangled argument and never goes through a shell, the
body file is private and removed, and every failure is one line naming what failed."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from dateutil import tz
from hostile import HOSTILE, HOSTILE_IDS

from jobtui.core.model import Contact, Interview, Person
from jobtui.core.outgoing import Outgoing, split_message
from jobtui.io import mail

AT = datetime(2026, 11, 25, 14, tzinfo=tz.gettz("Europe/Berlin"))
PYTHON = sys.executable
TRICKY = "a & b ? c # d % e + f = g ; h , i / j : k @ l ' m \" n %20 o %0A p"


def decode(url: str) -> Outgoing:
    """A mailto: URL read back the RFC 6068 way: the addresses before "?", comma-separated;
    then name=value fields split on "&"; each part percent-decoded as UTF-8 (a "+" stays a
    "+"); line breaks in values are CRLF."""
    scheme, _, rest = url.partition(":")
    assert scheme == "mailto"
    to_part, _, query = rest.partition("?")
    fields = dict(field.split("=", 1) for field in query.split("&")) if query else {}
    assert set(fields) <= {"subject", "body"}, fields
    assert urlsplit(url).fragment == ""  # a "#" in a value would have cut the URL short

    def value(name: str) -> str:
        text = unquote(fields.get(name, ""), errors="strict")
        assert "\n" not in text.replace("\r\n", ""), "a bare LF: line breaks are CRLF"
        return text.replace("\r\n", "\n")

    to = tuple(unquote(a, errors="strict") for a in to_part.split(",")) if to_part else ()
    return Outgoing(to, value("subject"), value("body"))


def _which(found: dict[str, str]):
    return lambda name: found.get(name)


# --- the mailto: URL ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        Outgoing(("ana@acme.example",), "Thank you", "Hi Ana,\n\nThanks.\nJo"),
        Outgoing(
            ("bo+jobs@acme.example", "a&b?c#d%e@x.example", "josé@exämple.example"),
            f"Thank you — Café {TRICKY}",
            f"Hi Ana,\n\n{TRICKY}\n  indented\ttab\n\n\nÜnïcödé 株式会社 🚀 👩‍💻\n- x\n",
        ),
        Outgoing((), "Only a subject ?&#%+", ""),
        Outgoing(("x@y.example",), "", "only a body &subject=fake&body=fake"),
        Outgoing(("x@y.example",), "", ""),
        Outgoing((), "", ""),
    ],
    ids=["plain", "tricky", "no-to", "body-only", "address-only", "nothing"],
)
def test_the_mailto_url_decodes_back_to_the_exact_message(message):
    url = mail.mailto_url(message)
    assert url.isascii() and url.isprintable() and " " not in url
    assert decode(url) == message


def test_line_breaks_are_crlf_and_a_crlf_in_the_text_stays_one_line_break():
    url = mail.mailto_url(Outgoing(("a@b.example",), "S", "one\ntwo\r\nthree\rfour"))
    assert url == "mailto:a@b.example?subject=S&body=one%0D%0Atwo%0D%0Athree%0D%0Afour"
    assert decode(url).body == "one\ntwo\nthree\nfour"


def test_the_url_reads_as_the_rfc_writes_it():
    message = Outgoing(("ana@acme.example", "bo+x@acme.example"), "Hi & bye", "a+b=c 100%")
    assert mail.mailto_url(message) == (
        "mailto:ana@acme.example,bo%2Bx@acme.example?subject=Hi%20%26%20bye&body=a%2Bb%3Dc%20100%25"
    )
    assert mail.mailto_url(Outgoing((), "Thanks", "")) == "mailto:?subject=Thanks"
    assert mail.mailto_url(Outgoing((), "", "")) == "mailto:"


# --- a [mail] command ----------------------------------------------------------------------


MESSAGE = Outgoing(
    ("ana@acme.example", "bo@acme.example"),
    'Thank you — it\'s "great" $(touch PWNED); `touch PWNED` {to} & more\nand a second line',
    "Hi Ana,\n\nline two; $(touch PWNED)\n",
)


def test_placeholders_are_filled_in_inside_each_argument_and_stay_there():
    command = (
        "neomutt -s {subject} -i {body_file} --to={to} {mailto} 'two words' "
        '"{subject} again" x{{literal}}y'
    )
    handover = mail.prepare(MESSAGE, command, which=_which({"neomutt": "/usr/bin/neomutt"}))
    try:
        assert handover.foreground and handover.program == "neomutt"
        body_file = str(handover.body_file)
        assert handover.args == [
            "neomutt",
            "-s",
            MESSAGE.subject,
            "-i",
            body_file,
            "--to=ana@acme.example,bo@acme.example",
            mail.mailto_url(MESSAGE),
            "two words",
            f"{MESSAGE.subject} again",
            "x{literal}y",
        ]
    finally:
        handover.cleanup()


def test_a_value_holding_a_placeholder_is_not_filled_in_again():
    message = Outgoing(("a@b.example",), "{body_file} {to} {{x}}", "")
    handover = mail.prepare(message, "prog {subject}", which=_which({"prog": "/bin/prog"}))
    assert handover.args == ["prog", "{body_file} {to} {{x}}"]
    assert handover.body_file is None  # not asked for: no file written


@pytest.mark.parametrize(
    ("command", "says"),
    [
        ("neomutt -s {subjet}", "unknown placeholder {subjet} (known: {mailto}, {to}, "),
        ("neomutt {subject!r}", "unknown placeholder {subject!r}"),
        ("neomutt {to:>20}", "unknown placeholder {to:>20}"),
        ("neomutt {to.upper}", "unknown placeholder {to.upper}"),
        ("neomutt {}", "unknown placeholder {}"),
        ("neomutt {to", "unmatched brace"),
        ("neomutt to}", "unmatched brace"),
        ("neomutt -s '{subject}", "no closing quotation"),
        ('neomutt -s "{subject}', "no closing quotation"),
        ("neomutt x\\", "no escaped character"),
        ("{to} -s x", "the program to run cannot be a placeholder"),
        ("mutt{to}", "the program to run cannot be a placeholder"),
    ],
)
def test_a_setting_that_cannot_be_used_is_one_line_naming_it(command, says):
    found = _which({"neomutt": "/usr/bin/neomutt"})
    with pytest.raises(mail.MailError) as caught:
        mail.prepare(MESSAGE, command, which=found)
    message = str(caught.value)
    assert message.startswith("[mail] command in config.toml: ") and says in message
    assert "\n" not in message
    # jobtui check says it after the config file's path.
    problem = message.replace("[mail] command in config.toml: ", "[mail] command: ")
    assert mail.command_problems(command, which=found) == [problem]


def test_a_program_not_found_is_named():
    with pytest.raises(mail.MailError, match=r"^\[mail\] command in config.toml: program "):
        mail.prepare(MESSAGE, "nomutt -s {subject}", which=_which({}))
    assert mail.command_problems("nomutt {to}", which=_which({})) == [
        "[mail] command: program 'nomutt' not found"
    ]
    assert mail.command_problems("neomutt {to}", which=_which({"neomutt": "/x"})) == []
    # Empty: the desktop opener, looked for only when a message is opened.
    assert mail.command_problems("", which=_which({})) == []


def test_an_address_a_program_would_take_for_an_option_is_refused():
    message = Outgoing(("ana@acme.example", "-e`touch PWNED`@x.example"), "S", "B")
    with pytest.raises(mail.MailError, match="starts with '-', which neomutt would read as an"):
        mail.prepare(message, "neomutt {to}", which=_which({"neomutt": "/usr/bin/neomutt"}))
    # A command that takes the link, not the addresses, has nothing to misread.
    handover = mail.prepare(message, "aerc {mailto}", which=_which({"aerc": "/usr/bin/aerc"}))
    assert handover.args[1].startswith("mailto:ana@acme.example,-e%60touch")


def test_a_program_in_the_home_folder_is_found_without_a_shell(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    program = tmp_path / "bin" / "mail-it"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o700)
    handover = mail.prepare(MESSAGE, "~/bin/mail-it {subject}")
    assert handover.args[0] == str(program)
    assert mail.command_problems("~/bin/mail-it {to}") == []


def _recorder(tmp_path: Path) -> Path:
    """A program that writes its arguments, and the body file's content and mode when given
    one with --body, to argv.json beside it."""
    script = tmp_path / "record.py"
    script.write_text(
        "import json, os, pathlib, stat, sys\n"
        "args = sys.argv[1:]\n"
        "out = {'argv': args}\n"
        "if '--body' in args:\n"
        "    body = pathlib.Path(args[args.index('--body') + 1])\n"
        "    out['body'] = body.read_bytes().decode('utf-8')\n"
        "    out['mode'] = stat.S_IMODE(body.stat().st_mode)\n"
        "out['cwd_files'] = sorted(os.listdir('.'))\n"
        "pathlib.Path(sys.argv[0]).with_name('argv.json').write_text(json.dumps(out))\n"
        "sys.exit(int(os.environ.get('RECORD_EXIT', '0')))\n",
        encoding="utf-8",
    )
    return script


def test_no_shell_runs_the_command(tmp_path, monkeypatch):
    """A subject and a body full of shell syntax reach the program as typed; nothing runs."""
    monkeypatch.chdir(tmp_path)
    script = _recorder(tmp_path)
    handover = mail.prepare(
        MESSAGE, f"'{PYTHON}' '{script}' {{subject}} --body {{body_file}} {{to}} ; touch PWNED"
    )
    mail.run(handover)
    recorded = json.loads((tmp_path / "argv.json").read_text())
    assert recorded["argv"] == [
        MESSAGE.subject,
        "--body",
        recorded["argv"][2],
        "ana@acme.example,bo@acme.example",
        ";",
        "touch",
        "PWNED",
    ]
    assert recorded["body"] == MESSAGE.body
    assert not list(tmp_path.glob("PWNED*"))
    assert recorded["cwd_files"] == ["record.py"]  # nothing else appeared


def test_the_body_file_is_private_exact_and_removed_after(tmp_path):
    script = _recorder(tmp_path)
    body = "Hi Ana,\r\nmixed\nline ends\n\nÜnïcödé 🚀\n  trailing  "
    message = Outgoing(("a@b.example",), "S", body)
    handover = mail.prepare(message, f"'{PYTHON}' '{script}' --body {{body_file}}")
    body_file = handover.body_file
    assert body_file is not None and body_file.exists()
    assert stat.S_IMODE(body_file.stat().st_mode) == 0o600
    assert body_file.read_bytes() == body.encode("utf-8")
    mail.run(handover)
    recorded = json.loads((tmp_path / "argv.json").read_text())
    assert recorded["body"] == body and recorded["mode"] == 0o600
    assert recorded["argv"] == ["--body", str(body_file)]
    assert not body_file.exists()


def test_cleanup_removes_the_body_file_of_a_handover_never_run():
    handover = mail.prepare(MESSAGE, "prog {body_file}", which=_which({"prog": "/bin/prog"}))
    body_file = handover.body_file
    assert body_file is not None and body_file.exists()
    handover.cleanup()
    handover.cleanup()
    assert not body_file.exists()


def test_a_command_that_fails_is_named_and_its_body_file_still_removed(tmp_path, monkeypatch):
    script = _recorder(tmp_path)
    monkeypatch.setenv("RECORD_EXIT", "3")
    handover = mail.prepare(MESSAGE, f"'{PYTHON}' '{script}' --body {{body_file}}")
    body_file = handover.body_file
    with pytest.raises(mail.MailError) as caught:
        mail.run(handover)
    assert str(caught.value) == f"{PYTHON} ended with exit status 3"
    assert body_file is not None and not body_file.exists()


def test_a_command_stopped_by_a_signal_says_so(tmp_path):
    script = tmp_path / "die.py"
    script.write_text("import os, signal\nos.kill(os.getpid(), signal.SIGTERM)\n")
    with pytest.raises(mail.MailError, match=r"was stopped by SIGTERM$"):
        mail.run(mail.prepare(MESSAGE, f"'{PYTHON}' '{script}'"))


def test_a_program_that_cannot_run_is_named(tmp_path):
    script = tmp_path / "not-executable"
    script.write_text("#!/bin/sh\n")
    handover = mail.Handover([str(script)], foreground=True, program="not-executable")
    with pytest.raises(mail.MailError, match=r"^not-executable could not run: Permission denied"):
        mail.run(handover)


# --- the desktop opener --------------------------------------------------------------------


def test_the_opener_per_platform():
    url = mail.mailto_url(MESSAGE)
    linux = mail.prepare(MESSAGE, "", platform="linux", which=_which({"xdg-open": "/u/xdg-open"}))
    assert (linux.args, linux.foreground, linux.program) == (
        ["/u/xdg-open", url],
        False,
        "xdg-open",
    )
    bsd = mail.prepare(MESSAGE, " ", platform="freebsd14", which=_which({"xdg-open": "/x"}))
    assert bsd.args == ["/x", url]
    mac = mail.prepare(MESSAGE, "", platform="darwin", which=_which({"open": "/usr/bin/open"}))
    assert (mac.args, mac.foreground, mac.program) == (["/usr/bin/open", url], False, "open")
    windows = mail.prepare(MESSAGE, "", platform="win32", which=_which({}))
    assert (windows.args, windows.foreground, windows.startfile) == ([url], False, True)


def test_no_opener_is_one_line_pointing_at_the_setting():
    with pytest.raises(mail.MailError) as caught:
        mail.prepare(MESSAGE, "", platform="linux", which=_which({}))
    assert str(caught.value) == (
        "no program opens mailto: links here (xdg-open is not installed); "
        "set [mail] command in config.toml to your mail program"
    )


def _fake_opener(folder: Path, status: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    opener = folder / "xdg-open"
    opener.write_text(
        f"#!{PYTHON}\n"
        "import json, os, sys\n"
        "record = {'argv': sys.argv[1:], 'session_leader': os.getsid(0) == os.getpid(),\n"
        "          'stdin_tty': os.isatty(0), 'stdout_tty': os.isatty(1)}\n"
        f"open({str(folder / 'opened.json')!r}, 'w').write(json.dumps(record))\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    opener.chmod(0o755)
    return opener


def test_the_opener_runs_detached_with_the_url(tmp_path, monkeypatch):
    _fake_opener(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    handover = mail.prepare(MESSAGE, "", platform="linux")
    mail.run(handover)
    recorded = json.loads((tmp_path / "bin" / "opened.json").read_text())
    assert recorded == {
        "argv": [mail.mailto_url(MESSAGE)],
        "session_leader": True,  # its own session: no controlling terminal to draw on
        "stdin_tty": False,
        "stdout_tty": False,
    }
    assert decode(recorded["argv"][0]) == MESSAGE


def test_an_opener_that_fails_at_once_is_one_line(tmp_path, monkeypatch):
    _fake_opener(tmp_path / "bin", status=3)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(mail.MailError) as caught:
        mail.run(mail.prepare(MESSAGE, "", platform="linux"))
    assert str(caught.value).startswith(
        "xdg-open ended with exit status 3: it could not open the mailto: link"
    )
    assert "[mail] command" in str(caught.value) and "\n" not in str(caught.value)


# --- who is missing ----------------------------------------------------------------------------


def test_who_lacks_an_address_is_named():
    iv = Interview(application_id="a", starts_at=AT, interviewers=[Person("Ana Lima")])
    both = mail.missing_recipients(iv, [Contact("Rita Moreno")], "Acme — Backend")
    assert both == "no email address for Ana Lima or Rita Moreno"
    alone = mail.missing_recipients(iv, [], "Acme — Backend")
    assert alone == "no email address for Ana Lima, and Acme — Backend has no contacts"
    two = [Contact("Rita Moreno"), Contact("Tom Hu")]
    assert (
        mail.missing_recipients(None, two, "X — Y") == "no email address for Rita Moreno or Tom Hu"
    )
    nobody = mail.missing_recipients(None, [], "Acme — Backend")
    assert nobody == "no interviewer or contact of Acme — Backend is on record"


# --- hostile text through `jobtui render --mailto` ---------------------------------------------


@pytest.mark.parametrize("text", [text for _, text in HOSTILE], ids=HOSTILE_IDS)
@pytest.mark.parametrize("field", ["company", "role"])
def test_hostile_text_through_render_mailto_decodes_back_exactly(jobtui, text, field):
    company, role = (text, "Dev") if field == "company" else ("Acme", text)
    code, app_id, err = jobtui("add", company, role)
    assert code == 0, err
    code, iv_id, err = jobtui("interview", app_id.strip(), "yesterday 14:00", "--with", "Ana")
    assert code == 0, err
    code, printed, _ = jobtui("render", "thank_you", iv_id.strip())
    assert code == 0
    code, out, err = jobtui("render", "thank_you", iv_id.strip(), "--mailto")
    assert code == 0, err
    assert out.endswith("\n") and out.count("\n") == 1
    url = out[:-1]
    assert url.isascii() and url.isprintable()
    subject, body = split_message(printed)
    assert decode(url) == Outgoing((), subject, body)
    assert "no email address for Ana" in err
