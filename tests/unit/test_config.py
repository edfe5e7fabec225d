"""Tests for jobtui.config: loading config.toml, defaults, and errors that name the problem."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from jobtui import locations
from jobtui.config import (
    EXAMPLE,
    Config,
    ConfigError,
    FollowUpRules,
    Me,
    load_config,
)
from jobtui.keys import check_keys, key_problems


@pytest.fixture(autouse=True)
def _berlin(monkeypatch, tmp_path):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    # Never read the real user's config.
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(tmp_path / "config-home"))


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# Defaults


def test_missing_file_gives_defaults(tmp_path):
    path = tmp_path / "nope" / "config.toml"
    config = load_config(path)
    assert config == Config(path=path)
    assert config.me == Me()
    assert config.followup == FollowUpRules()
    assert (config.keys, config.theme) == ({}, "")


def test_default_rules_are_the_documented_ones():
    assert FollowUpRules() == FollowUpRules(
        thank_you_overdue_hours=24,
        check_in_business_days=5,
        after_decision_business_days=1,
        application_business_days=7,
        max_unanswered=2,
        overdue_grace_business_days=2,
        upcoming_days=3,
    )


def test_default_path_is_the_config_folder(tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(folder))
    folder.mkdir()
    (folder / "config.toml").write_text('theme = "nord"\n', encoding="utf-8")
    config = load_config()
    assert config.theme == "nord"
    assert config.path == folder / "config.toml"


def test_empty_file_gives_defaults(tmp_path):
    path = write(tmp_path, "")
    assert load_config(path) == Config(path=path)


def test_empty_sections_give_defaults(tmp_path):
    path = write(tmp_path, "[me]\n[followup]\n[keys]\n")
    assert load_config(path) == Config(path=path)


# ---------------------------------------------------------------------------
# A full valid file


FULL = """\
theme = "gruvbox"

[me]
name = "Zoë Ølsen"
email = "zoe@example.com"
signature = "Zoë\\n[bold]Engineer[/] 🚀"

[followup]
thank_you_overdue_hours = 48
check_in_business_days = 4
after_decision_business_days = 2
application_business_days = 10
max_unanswered = 3
overdue_grace_business_days = 0
upcoming_days = 5

[keys]
add_application = "a"
quit = "ctrl+q"
"""


def test_full_valid_file(tmp_path):
    path = write(tmp_path, FULL)
    config = load_config(path)
    assert config == Config(
        me=Me(name="Zoë Ølsen", email="zoe@example.com", signature="Zoë\n[bold]Engineer[/] 🚀"),
        followup=FollowUpRules(
            thank_you_overdue_hours=48,
            check_in_business_days=4,
            after_decision_business_days=2,
            application_business_days=10,
            max_unanswered=3,
            overdue_grace_business_days=0,
            upcoming_days=5,
        ),
        keys={"add_application": "a", "quit": "ctrl+q"},
        theme="gruvbox",
        path=path,
    )


def test_partial_section_keeps_other_defaults(tmp_path):
    path = write(tmp_path, "[followup]\nmax_unanswered = 4\n")
    config = load_config(path)
    assert config.followup == FollowUpRules(max_unanswered=4)
    assert config.me == Me()


def test_example_parses_to_the_defaults(tmp_path):
    path = write(tmp_path, EXAMPLE)
    config = load_config(path)
    assert config.followup == FollowUpRules()
    assert config.me == Me(
        name="Your Name", email="you@example.com", signature="Your Name\nyou@example.com"
    )
    assert (config.keys, config.theme) == ({}, "")


def test_example_mentions_every_follow_up_setting():
    for f in fields(FollowUpRules):
        assert f"{f.name} = {f.default}" in EXAMPLE


# ---------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[me]\nname = "x"\nfoo bar\n', 3),
        ("[followup]\nmax_unanswered = \n", 2),
        ('theme = "unterminated\n', 1),
        ("[me]\n[me]\n", 2),  # a table defined twice
    ],
)
def test_toml_syntax_error_names_the_file_and_line(tmp_path, text, line):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert f"line {line}" in message


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff\xfe"\n')
    with pytest.raises(ConfigError, match="is not UTF-8") as caught:
        load_config(path)
    assert str(path) in str(caught.value)


def test_unreadable_path(tmp_path):
    path = tmp_path / "config.toml"
    path.mkdir()  # a folder where the file should be
    with pytest.raises(ConfigError, match="cannot read it") as caught:
        load_config(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize(
    ("text", "setting"),
    [
        ('[followup]\ncheck_in_business_days = "five"\n', "followup.check_in_business_days"),
        ("[followup]\ncheck_in_business_days = 5.0\n", "followup.check_in_business_days"),
        ("[followup]\nmax_unanswered = true\n", "followup.max_unanswered"),
        ("[followup]\nupcoming_days = -1\n", "followup.upcoming_days"),
        ("[followup]\nthank_you_overdue_hours = [24]\n", "followup.thank_you_overdue_hours"),
        ("[me]\nname = 42\n", "me.name"),
        ("[me]\nsignature = false\n", "me.signature"),
        ("[me]\nemail = { a = 1 }\n", "me.email"),
    ],
)
def test_wrong_type_names_the_setting(tmp_path, text, setting):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert f"{setting} must be" in message


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("[followup]\ncheck_in_days = 5\n", "unknown setting followup.check_in_days"),
        ('[me]\nphone = "123"\n', "unknown setting me.phone"),
        ('colour = "red"\n', "'colour'"),
        ("[follow_up]\nmax_unanswered = 2\n", "'follow_up'"),
    ],
)
def test_unknown_setting_is_named(tmp_path, text, named):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert named in message


def test_unknown_setting_lists_the_known_ones(tmp_path):
    path = write(tmp_path, "[followup]\ncheck_in_days = 5\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    for f in fields(FollowUpRules):
        assert f.name in str(caught.value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('me = "Ana"\n', "[me] must be a table"),
        ("followup = 3\n", "[followup] must be a table"),
        ("theme = 3\n", "theme must be text"),
        ("[keys]\nquit = 1\n", "[keys] maps binding ids to keys"),
        ('keys = "q"\n', "[keys] maps binding ids to keys"),
    ],
)
def test_wrong_shape_is_named(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert words in str(caught.value)


def test_zero_is_an_allowed_number(tmp_path):
    path = write(tmp_path, "[followup]\nupcoming_days = 0\noverdue_grace_business_days = 0\n")
    rules = load_config(path).followup
    assert (rules.upcoming_days, rules.overdue_grace_business_days) == (0, 0)


def test_a_follow_up_rule_beyond_ten_years_is_refused(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[followup]\ncheck_in_business_days = 99999999\n")
    with pytest.raises(ConfigError, match="check_in_business_days must be at most 3650"):
        load_config(path)


def test_lock_wait_seconds_is_read_and_checked(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("lock_wait_seconds = 0.5\n")
    assert load_config(path).lock_wait_seconds == 0.5
    path.write_text('lock_wait_seconds = "soon"\n')
    with pytest.raises(ConfigError, match="lock_wait_seconds must be a number"):
        load_config(path)


def test_key_problems_name_each_bad_setting():
    problems = key_problems(
        {
            "quitt": "x",
            "quit": "",
            "edit": "a,",
            "redo": "hyperr+x",
            "cycle_sort": "ctrl+",
            "filter": "tab",
        }
    )
    assert problems == [
        "[keys] quitt: no such binding id (the help, ?, lists them)",
        '[keys] quit = "": the key is empty',
        '[keys] edit = "a,": one of its keys is empty',
        '[keys] redo = "hyperr+x": "hyperr+x" is not a key '
        "(modifiers: ctrl, shift, alt, meta, super, hyper)",
        '[keys] cycle_sort = "ctrl+": "ctrl+" is not a key '
        "(modifiers: ctrl, shift, alt, meta, super, hyper)",
        '[keys] filter = "tab": tab is kept for moving between panes on the main screen',
    ]


def test_one_key_for_two_actions_of_a_screen_is_an_error_and_keeps_the_defaults():
    usable, problems = check_keys({"quit": "w", "undo": "w", "help": "?"})
    assert usable == {"help": "question_mark"}
    assert problems == [
        '[keys] undo = "w": w would do two things on the main screen (undo and quit)',
        '[keys] quit = "w": w would do two things on the main screen (undo and quit)',
    ]
    # Against a default key too.
    assert check_keys({"edit": "a"})[1] == [
        '[keys] edit = "a": a would do two things on the main screen (add_application and edit)'
    ]


def test_swapped_keys_and_the_same_key_on_two_screens_are_fine():
    assert check_keys({"edit": "a", "add_application": "e"}) == (
        {"edit": "a", "add_application": "e"},
        [],
    )
    # ctrl+s saves a form and a draft: different screens.
    assert key_problems({"composer.save": "ctrl+s", "quit": "ctrl+q"}) == []
    assert check_keys({"help": "?, F1"})[0] == {"help": "question_mark,F1"}


def test_key_problems_read_no_file_and_take_the_table_to_check():
    table = {"one": {"go": "g", "stop": "s"}}
    assert key_problems({"go": "s"}, table) == [
        '[keys] go = "s": s would do two things on the one (go and stop)'
    ]
    assert key_problems({"edit": "x"}, table) == [
        "[keys] edit: no such binding id (the help, ?, lists them)"
    ]


def test_a_bad_key_setting_still_loads(tmp_path):
    path = write(tmp_path, '[keys]\nquit = ""\nnope = "x"\n')
    config = load_config(path)  # the TUI starts and says what is wrong
    assert config.keys == {"quit": "", "nope": "x"}
    assert len(key_problems(config.keys)) == 2
