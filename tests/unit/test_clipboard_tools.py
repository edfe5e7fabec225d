"""Copy uses the system clipboard tool when one can work, OSC 52 otherwise, and says which.

The tools are fakes (tests/fake_clipboard.py): scripts on a PATH each test builds, writing what
they were given to a file. The composer's copy is tested in tests/tui/test_clipboard.py.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from fake_clipboard import fake_tool

from jobtui.io import clipboard

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake tools are shell scripts")


def _env(folder: Path, **extra: str) -> dict[str, str]:
    return {"PATH": str(folder), **extra}


@pytest.mark.parametrize(
    ("tools", "env", "expected"),
    [
        (
            ["wl-copy", "xclip", "pbcopy"],
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
            "wl-copy",
        ),
        (["wl-copy", "xclip", "pbcopy"], {"DISPLAY": ":0"}, "xclip"),  # no Wayland session
        (["xsel"], {"DISPLAY": ":0"}, "xsel"),
        (["xclip", "xsel"], {}, None),  # no display: they cannot work
        (["pbcopy"], {}, "pbcopy"),
        (["clip.exe"], {}, "clip.exe"),  # WSL
        (["pbcopy", "clip.exe"], {"SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"}, None),  # remote
        (["xclip"], {"SSH_TTY": "/dev/pts/1", "DISPLAY": "localhost:10.0"}, "xclip"),  # -X
        ([], {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, None),
    ],
)
def test_find_tool_picks_one_that_can_work_here(tmp_path, tools, env, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in tools:
        fake_tool(bin_dir, name)
    found = clipboard.find_tool(_env(bin_dir, **env))
    assert (found.name if found else None) == expected
    if found:
        assert found.argv[0] == str(bin_dir / expected)


def test_copy_with_a_tool_hands_it_the_text(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_tool(bin_dir, "xclip")
    result = clipboard.copy_with_tool("Dear Ana,\nthanks — 谢谢 🎉", _env(bin_dir, DISPLAY=":0"))
    assert result == clipboard.CopyResult("xclip")
    assert result.message == "copied to the clipboard (xclip)"
    assert (bin_dir / "xclip.out").read_text(encoding="utf-8") == "Dear Ana,\nthanks — 谢谢 🎉"
    assert (bin_dir / "xclip.args").read_text().split() == ["-selection", "clipboard"]


def test_clip_exe_gets_utf16(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_tool(bin_dir, "clip.exe")
    assert clipboard.copy_with_tool("héllo", _env(bin_dir)).tool == "clip.exe"
    assert (bin_dir / "clip.exe.out").read_bytes().decode("utf-16-le") == "héllo"


def test_no_tool_means_osc52_and_the_message_says_what_that_needs(tmp_path):
    result = clipboard.copy_with_tool("x", _env(tmp_path))
    assert result.tool is None
    assert result.message == ("sent to the terminal's clipboard: your terminal must allow OSC 52")


def test_a_failing_tool_falls_back_to_osc52_and_says_why(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_tool(bin_dir, "wl-copy", status=1)
    result = clipboard.copy_with_tool("x", _env(bin_dir, WAYLAND_DISPLAY="wayland-0"))
    assert result.tool is None
    assert result.message == (
        "sent to the terminal's clipboard: your terminal must allow OSC 52 "
        "(wl-copy failed with exit status 1)"
    )


def test_a_tool_that_hangs_is_given_up_on(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "pbcopy"
    script.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(clipboard, "TIMEOUT_SECONDS", 0.3)
    result = clipboard.copy_with_tool("x", _env(bin_dir))
    assert result.tool is None and "pbcopy did not finish" in result.message


def test_fake_tools_never_reach_a_real_clipboard(tmp_path):
    # The tests above build their own PATH: the real tools are never found.
    assert clipboard.find_tool({"PATH": str(tmp_path), "DISPLAY": ":0"}) is None
    assert os.pathsep not in str(tmp_path)
