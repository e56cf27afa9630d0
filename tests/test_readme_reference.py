"""What a user can set or see at exit is in the README: every MORGUE_ setting, every exit code."""

from __future__ import annotations

import re

from archive import errors
from crawler import settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_morgue_setting_has_a_row_in_the_settings_table() -> None:
    names = [name for name in dir(settings) if name.startswith("MORGUE_")]
    assert names
    missing = [name for name in names if f"| `{name}` |" not in README]
    assert missing == []


def test_every_exit_code_is_in_the_readme_and_the_help() -> None:
    codes = {
        getattr(errors, n) for n in dir(errors) if n.startswith("EXIT_") and n != "EXIT_CODES_HELP"
    }
    for code in codes:
        assert re.search(rf"^\| {code} \|", README, re.MULTILINE), code
        assert re.search(rf"^  {code}  ", errors.EXIT_CODES_HELP, re.MULTILINE), code
