"""`jobtui render --open` as a real process handing a message to a real program: a [mail]
command receives every argument unmangled (no shell in between) and a private body file
that is gone afterwards; without a command, the desktop opener (a fake xdg-open first on
PATH) gets the mailto: URL, which decodes back exactly; with no opener, one line, exit 1."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from jobtui import locations
from jobtui.core.outgoing import split_message

# Shell syntax, quotes, URL delimiters, a placeholder and unicode in the role: all of it in
# the subject and the body, none of it may be read by anything but the mail program.
ROLE = "Dev \"Lead\" & 'Ops' $(touch PWNED); `touch PWNED2` {to} {body_file} ?#%+ Ünï 🚀"

RECORDER = """\
import json, os, pathlib, stat, sys
args = sys.argv[1:]
body = pathlib.Path(args[2])
record = {
    "argv": args,
    "body": body.read_bytes().decode("utf-8"),
    "mode": stat.S_IMODE(body.stat().st_mode),
    "stdin_tty": os.isatty(0),
}
pathlib.Path(sys.argv[0]).with_name("argv.json").write_text(json.dumps(record))
"""

OPENER = """\
import json, pathlib, sys
pathlib.Path(sys.argv[0]).with_name("opened.json").write_text(json.dumps(sys.argv[1:]))
"""


def _ok(result) -> str:
    code, out, err = result
    assert code == 0, err
    return out.strip()


@pytest.fixture
def interview(jobtui) -> str:
    """An interview yesterday with two interviewers who have addresses, and a config."""
    config = locations.config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[me]\nname = "Jo Park"\nsignature = "Jo Park"\n', encoding="utf-8")
    app_id = _ok(jobtui("add", "Acme & Søn", ROLE, "--applied", "2026-11-02"))
    return _ok(
        jobtui(
            "interview",
            app_id,
            "yesterday 14:00",
            "--with",
            "Ana Lima <ana@acme.example>",
            "--with",
            "Bo Chen <bo+jobs@acme.example>",
            "--with",
            "Cy (no address)",
        )
    )


def _jobtui(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jobtui", *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def _message(jobtui, interview: str) -> tuple[str, str]:
    """(subject, body) of the thank-you as `jobtui render` prints it."""
    code, text, err = jobtui("render", "thank_you", interview)
    assert code == 0, err
    return split_message(text)


def _decoded(url: str) -> tuple[tuple[str, ...], str, str]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and not parts.fragment
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    to = tuple(unquote(a) for a in parts.path.split(",")) if parts.path else ()
    subject, body = (fields[name][0].replace("\r\n", "\n") for name in ("subject", "body"))
    return to, subject, body


def _write_mail_command(command: str) -> None:
    config = locations.config_file()
    text = config.read_text(encoding="utf-8")
    config.write_text(f"{text}\n[mail]\ncommand = {json.dumps(command)}\n", encoding="utf-8")


def test_a_mail_command_gets_every_argument_unmangled(jobtui, interview, tmp_path):
    script = tmp_path / "x" / "argv.py"
    script.parent.mkdir()
    script.write_text(RECORDER, encoding="utf-8")
    python = shlex.quote(sys.executable)
    _write_mail_command(
        f"{python} {shlex.quote(str(script))} {{to}} {{subject}} {{body_file}} {{mailto}}"
    )
    subject, body = _message(jobtui, interview)
    mailto = _ok(jobtui("render", "thank_you", interview, "--mailto"))

    done = _jobtui("render", "thank_you", interview, "--open", env={**os.environ})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"handed to {sys.executable}\n"
    record = json.loads((script.parent / "argv.json").read_text(encoding="utf-8"))
    to, got_subject, body_file, got_mailto = record["argv"]
    assert to == "ana@acme.example,bo+jobs@acme.example"
    assert got_subject == subject and "$(touch PWNED); `touch PWNED2` {to}" in subject
    assert got_mailto == mailto
    assert _decoded(got_mailto) == (("ana@acme.example", "bo+jobs@acme.example"), subject, body)
    assert record["body"] == body and ROLE in body
    assert record["mode"] == 0o600
    assert not Path(body_file).exists()
    assert not list(Path.cwd().glob("PWNED*")) and not list(tmp_path.rglob("PWNED*"))


def test_the_default_opener_gets_the_mailto_url(jobtui, interview, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    opener = bin_dir / "xdg-open"
    opener.write_text(f"#!{sys.executable}\n{OPENER}", encoding="utf-8")
    opener.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    subject, body = _message(jobtui, interview)

    printed = _jobtui("render", "thank_you", interview, "--mailto", env=env)
    assert (printed.returncode, printed.stderr) == (0, "")
    url = printed.stdout.removesuffix("\n")
    assert "\n" not in url and url.isascii() and url.isprintable()
    assert _decoded(url) == (("ana@acme.example", "bo+jobs@acme.example"), subject, body)

    done = _jobtui("render", "thank_you", interview, "--open", env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "handed to xdg-open, the desktop's opener of mailto: links\n"
    assert json.loads((bin_dir / "opened.json").read_text(encoding="utf-8")) == [url]


def test_no_opener_is_one_line_and_exit_1(interview, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _jobtui(
        "render", "thank_you", interview, "--open", env={**os.environ, "PATH": str(empty)}
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "jobtui: no program opens mailto: links here (xdg-open is not installed); "
        "set [mail] command in config.toml to your mail program\n"
    )


def test_a_mail_command_that_fails_is_one_line_and_exit_1(interview):
    _write_mail_command(f"{shlex.quote(sys.executable)} -c 'import sys; sys.exit(4)' {{body_file}}")
    done = _jobtui("render", "thank_you", interview, "--open")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"jobtui: {sys.executable} ended with exit status 4\n"
