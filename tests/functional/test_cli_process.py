"""The CLI as a real process: the installed entry point, exit statuses and stderr with no
traceback, and what a fresh interpreter imports for a command (Textual and Jinja2 load only
where they are needed). Everything else about the CLI runs in-process in tests/unit."""

from __future__ import annotations

import os
import subprocess
import sys

from jobtui import locations


def _python(code: str, tmp_path) -> str:
    env = {**os.environ, "JOBTUI_DB": str(tmp_path / "x.json")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return out.stdout.strip().splitlines()[-1]


def _imports_after(command: str, module: str, tmp_path) -> bool:
    code = (
        f"import sys; from jobtui.__main__ import main; main([{command!r}]); "
        f"print({module!r} in sys.modules)"
    )
    return _python(code, tmp_path) == "True"


def test_real_entry_point_version_and_no_traceback(tmp_path):
    env = {**os.environ, "JOBTUI_DB": str(tmp_path / "x.json")}
    version = subprocess.run(
        [sys.executable, "-m", "jobtui", "--version"], capture_output=True, text=True, env=env
    )
    assert version.returncode == 0 and version.stdout.startswith("jobtui 0.")
    bad = subprocess.run(
        [sys.executable, "-m", "jobtui", "status", "nope", "applied"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stderr
    assert bad.stderr.strip() == 'jobtui: no application with an id starting "nope"'


def test_a_broken_template_prints_no_traceback_from_the_real_entry_point(jobtui):
    code, app_id, _ = jobtui("add", "Acme", "Backend Engineer")
    assert code == 0
    code, iv_id, _ = jobtui("interview", app_id.strip(), "yesterday 14:00")
    assert code == 0
    user_dir = locations.user_templates_dir()
    user_dir.mkdir(parents=True)
    (user_dir / "oops.txt.j2").write_text("Subject: x\n{{ 1 // 0 }}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jobtui", "render", "oops", iv_id.strip()],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        'jobtui: template "oops" line 2: ZeroDivisionError: integer division or modulo by zero\n'
    )


def test_list_does_not_import_textual(tmp_path):
    assert not _imports_after("list", "textual", tmp_path)


def test_render_and_templates_do_not_import_textual(tmp_path):
    assert not _imports_after("templates", "textual", tmp_path)


def test_other_commands_do_not_import_jinja(tmp_path):
    assert not _imports_after("list", "jinja2", tmp_path)
