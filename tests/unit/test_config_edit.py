"""config_edit.save_me: [me] written into config.toml, everything else kept byte for byte."""

from __future__ import annotations

import os
import stat
import tomllib

import pytest
from hostile import HOSTILE

from jobtui import locations
from jobtui.config import EXAMPLE, ConfigError, Me, load_config
from jobtui.config_edit import save_me, toml_string
from jobtui.core.textsafe import has_controls

ANA = Me("Ana Lima", "ana@example.com", "Ana Lima\nStaff Engineer")
ANA_LINES = (
    'name = "Ana Lima"\nemail = "ana@example.com"\nsignature = "Ana Lima\\nStaff Engineer"\n'
)


@pytest.fixture
def config_path(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir(mode=0o700)
    return folder / "config.toml"


def _names_of_files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_no_me_table_appends_one_and_keeps_the_rest_byte_for_byte(config_path):
    before = (
        "# my settings\n"
        'theme = "nord"   # the one I like\n'
        "\n"
        "[followup]\n"
        "# a week is too long\n"
        "check_in_business_days = 3 # was 5\n"
        "\n"
        "[keys]\n"
        '# add_application = "n"\n'
    )
    config_path.write_text(before)
    config = save_me(ANA, config_path)
    assert config_path.read_text() == before + "\n[me]\n" + ANA_LINES
    assert config.me == ANA
    assert config.followup.check_in_business_days == 3
    assert config.theme == "nord"


def test_no_trailing_newline_gets_a_blank_line_before_the_table(config_path):
    config_path.write_text('theme = "nord" # last line, no newline')
    save_me(ANA, config_path)
    assert config_path.read_text() == (
        'theme = "nord" # last line, no newline\n\n[me]\n' + ANA_LINES
    )


def test_existing_me_table_values_replaced_in_place_missing_keys_added(config_path):
    before = (
        "[me]\n"
        "# who signs the letters\n"
        '  email = "old@example.com"   # work address\n'
        "\n"
        "# the next table\n"
        "[followup]\n"
        "max_unanswered = 4\n"
    )
    config_path.write_text(before)
    config = save_me(ANA, config_path)
    assert config_path.read_text() == (
        "[me]\n"
        "# who signs the letters\n"
        '  email = "ana@example.com"   # work address\n'
        '  name = "Ana Lima"\n'
        '  signature = "Ana Lima\\nStaff Engineer"\n'
        "\n"
        "# the next table\n"
        "[followup]\n"
        "max_unanswered = 4\n"
    )
    assert config.me == ANA
    assert config.followup.max_unanswered == 4


def test_every_key_there_multi_line_signature_replaced_comments_kept(config_path):
    before = (
        '[ "me" ]  # quoted, spaced\n'
        "name = 'Old Name'\n"
        'email = ""\n'
        'signature = """Old\n'
        "Name [followup]\n"
        'x = 1"""  # two lines\n'
        "[mail]\n"
        'command = "aerc {mailto}"\n'
    )
    config_path.write_text(before)
    config = save_me(ANA, config_path)
    assert config_path.read_text() == (
        '[ "me" ]  # quoted, spaced\n'
        'name = "Ana Lima"\n'
        'email = "ana@example.com"\n'
        'signature = "Ana Lima\\nStaff Engineer"  # two lines\n'
        "[mail]\n"
        'command = "aerc {mailto}"\n'
    )
    assert config.mail.command == "aerc {mailto}"


def test_me_header_with_no_keys_gets_them_under_it(config_path):
    before = '[me]\n# name = "Your Name"\n\n[followup]\nupcoming_days = 2\n'
    config_path.write_text(before)
    save_me(ANA, config_path)
    assert config_path.read_text() == (
        "[me]\n" + ANA_LINES + '# name = "Your Name"\n\n[followup]\nupcoming_days = 2\n'
    )


def test_look_alikes_in_strings_arrays_and_comments_are_left_alone(config_path):
    """Text that looks like a [me] table inside a multi-line string, an array spanning lines
    or a comment is not where the scanner edits."""
    before = (
        "[mail]\n"
        "command = '''\n"
        "[me]\n"
        'name = "not this"\n'
        "'''\n"
        "[messages]\n"
        "other_roles = [\n"
        '  "keep_in_touch",  # [me]\n'
        "  # name = 'nor this'\n"
        '  "check_in", "]["\n'
        "]\n"
        "# [me]\n"
    )
    config_path.write_text(before)
    config = save_me(ANA, config_path)
    assert config_path.read_text() == before + "\n[me]\n" + ANA_LINES
    assert config.messages.other_roles == ["keep_in_touch", "check_in", "]["]
    assert config.mail.command == '[me]\nname = "not this"\n'


def test_the_packaged_example_keeps_everything_but_the_three_values(config_path):
    config_path.write_text(EXAMPLE)
    save_me(ANA, config_path)
    after = config_path.read_text()
    expected = (
        EXAMPLE.replace('name = "Your Name"', 'name = "Ana Lima"')
        .replace('email = "you@example.com"', 'email = "ana@example.com"')
        .replace('"Your Name\\nyou@example.com"', '"Ana Lima\\nStaff Engineer"')
    )
    assert after == expected


def test_windows_line_endings_kept_and_used_for_new_lines(config_path):
    before = b'# mine\r\n[me]\r\nname = "Old"\r\n\r\n[followup]\r\nupcoming_days = 1\r\n'
    config_path.write_bytes(before)
    save_me(ANA, config_path)
    assert config_path.read_bytes() == (
        b'# mine\r\n[me]\r\nname = "Ana Lima"\r\nemail = "ana@example.com"\r\n'
        b'signature = "Ana Lima\\nStaff Engineer"\r\n\r\n[followup]\r\nupcoming_days = 1\r\n'
    )


def test_no_file_creates_it_and_its_folders_private(tmp_path, monkeypatch):
    folder = tmp_path / "deep" / "config"
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(folder))
    config = save_me(ANA)
    path = folder / "config.toml"
    text = path.read_text()
    assert text.startswith("# jobtui configuration.")
    assert text.endswith("[me]\n" + ANA_LINES)
    assert config.me == ANA
    assert config.path == path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_config(path).me == ANA


ROUND_TRIPS = [
    ("quotes", 'Ana "the" O\'Neil'),
    ("backslashes", "C:\\Users\\ana \\n not a newline \\u0041"),
    ("newlines", "Ana\n\nLima\n"),
    ("crlf-and-tab", "a\r\nb\tc"),
    ("unicode", "Zoë Ñúñez 株式会社 🚀 👩‍💻"),
    ("every-c0-and-del", "".join(chr(c) for c in (*range(0x20), 0x7F))),
    ("c1-and-bidi", "x\x85\x9b2J\u202eevil\u2066y"),
    ("triple-quotes", '"""\'\'\'"""'),
    ("empty", ""),
    *HOSTILE,
]


@pytest.mark.parametrize("text", [t for _, t in ROUND_TRIPS], ids=[n for n, _ in ROUND_TRIPS])
def test_values_round_trip_exactly_and_no_raw_control_character_is_written(config_path, text):
    config_path.write_text("[followup]\nupcoming_days = 2\n")
    me = Me(name=text, email=text, signature=text)
    config = save_me(me, config_path)
    assert config.me == me
    raw = config_path.read_bytes().decode("utf-8")
    assert tomllib.loads(raw)["me"] == {"name": text, "email": text, "signature": text}
    assert not has_controls(raw.replace("\n", "")), "a raw control character was written"
    assert "\t" not in raw
    # And the editor can edit what it wrote.
    assert save_me(ANA, config_path).me == ANA


def test_toml_string_escapes():
    assert toml_string('a"b\\c\nd\te\x1bf\x7f\u202e🚀') == (
        '"a\\"b\\\\c\\nd\\te\\u001Bf\\u007F\\u202E🚀"'
    )


REFUSED = [
    ("inline", 'me = { name = "x" }\n\n[followup]\nupcoming_days = 2\n', "me = {...}"),
    ("dotted", '# top\nme.email = "x@example.com"\n', "me.email = ..."),
    ("quoted-dotted", '"me" . "name" = "x"\n', "me.name = ..."),
    ("does-not-parse", '[me]\nname = "unclosed\n', "line 2"),
    ("unknown-setting", '[me]\nnickname = "x"\n', "me.nickname"),
    ("not-utf8", b"[me]\nname = '\xff'\n", "UTF-8"),
    ("array-of-tables", '[[me]]\nname = "x"\n', "[me] must be a table"),
]


@pytest.mark.parametrize(
    ("content", "said"), [(c, s) for _, c, s in REFUSED], ids=[n for n, _, _ in REFUSED]
)
def test_forms_it_cannot_edit_are_refused_and_nothing_is_written(config_path, content, said):
    raw = content if isinstance(content, bytes) else content.encode()
    config_path.write_bytes(raw)
    with pytest.raises(ConfigError) as caught:
        save_me(ANA, config_path)
    assert str(config_path) in str(caught.value)
    assert said in str(caught.value)
    assert config_path.read_bytes() == raw
    assert _names_of_files(config_path.parent) == ["config.toml"]  # no temp file left


def test_read_only_folder_is_refused_and_the_file_unchanged(config_path):
    before = "[followup]\nupcoming_days = 2\n"
    config_path.write_text(before)
    os.chmod(config_path.parent, 0o500)
    try:
        with pytest.raises(ConfigError) as caught:
            save_me(ANA, config_path)
    finally:
        os.chmod(config_path.parent, 0o700)
    assert str(config_path) in str(caught.value)
    assert "cannot be written" in str(caught.value)
    assert config_path.read_text() == before
    assert _names_of_files(config_path.parent) == ["config.toml"]


def test_read_only_folder_with_no_file_yet_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    folder.mkdir(mode=0o500)
    monkeypatch.setenv(locations.CONFIG_DIR_ENV, str(folder))
    try:
        with pytest.raises(ConfigError, match="cannot be written"):
            save_me(ANA)
    finally:
        os.chmod(folder, 0o700)
    assert list(folder.iterdir()) == []


def test_read_only_file_is_refused(config_path):
    config_path.write_text("[me]\n")
    os.chmod(config_path, 0o400)
    with pytest.raises(ConfigError, match="read-only"):
        save_me(ANA, config_path)
    assert config_path.read_text() == "[me]\n"


def test_file_mode_is_kept(config_path):
    config_path.write_text("[me]\n")
    os.chmod(config_path, 0o644)
    save_me(ANA, config_path)
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o644


def test_a_symlinked_config_is_written_through_and_stays_a_link(config_path, tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "jobtui.toml"
    target.write_text("# in my dotfiles\n[followup]\nupcoming_days = 5\n")
    config_path.symlink_to(target)
    config = save_me(ANA, config_path)
    assert config_path.is_symlink()
    assert os.readlink(config_path) == str(target)
    assert target.read_text() == (
        "# in my dotfiles\n[followup]\nupcoming_days = 5\n\n[me]\n" + ANA_LINES
    )
    assert config.me == ANA
    assert config.followup.upcoming_days == 5
    assert _names_of_files(dotfiles) == ["jobtui.toml"]


def test_a_dangling_symlink_is_refused(config_path, tmp_path):
    config_path.symlink_to(tmp_path / "missing" / "jobtui.toml")
    with pytest.raises(ConfigError, match="does not exist"):
        save_me(ANA, config_path)
    assert not (tmp_path / "missing").exists()


def test_a_change_made_while_saving_is_kept_not_overwritten(config_path, monkeypatch):
    """Another program saving config.toml between the read and the replace wins."""
    from jobtui import config_edit

    config_path.write_text("[me]\n")
    real_write = config_edit.write_file_atomically

    def write_after_someone_else(target, payload, *, before_replace):
        config_path.write_text('[me]\nname = "Theirs"\n')
        real_write(target, payload, before_replace=before_replace)

    monkeypatch.setattr(config_edit, "write_file_atomically", write_after_someone_else)
    with pytest.raises(ConfigError, match="changed while"):
        save_me(ANA, config_path)
    assert config_path.read_text() == '[me]\nname = "Theirs"\n'
    assert _names_of_files(config_path.parent) == ["config.toml"]
