"""What a user can touch is documented: every command, option, setting and exit code appears in
the README (it would have caught a setting missing from the settings table)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from archive import errors
from crawler.cli import COMMANDS, main

REPO = Path(__file__).parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def settings_in_code() -> set[str]:
    """Every MORGUE_ setting name the crawler and pipelines read or define."""
    names: set[str] = set()
    for package in ("crawler", "pipelines"):
        for path in (REPO / package).rglob("*.py"):
            names.update(re.findall(r"\bMORGUE_[A-Z0-9_]*[A-Z0-9]\b", path.read_text("utf-8")))
    return names - {"MORGUE_EVALDATA"}  # the tests' own variable


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_its_options_are_in_the_readme(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert f"morgue {name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            longest = max(param.opts, key=len)
            assert longest in README, f"`morgue {name} {longest}` is not in the README"


@pytest.mark.parametrize("setting", sorted(settings_in_code()))
def test_every_morgue_setting_is_in_the_readme_settings_table(setting: str) -> None:
    assert re.search(rf"^\|\s*`{setting}`", README, re.M), f"{setting} has no row in README"


def test_every_exit_code_is_in_the_readme() -> None:
    codes = {
        v for name, v in vars(errors).items() if name.startswith("EXIT_") and isinstance(v, int)
    }
    assert codes == {*range(8), errors.EXIT_INTERRUPTED}
    section = README.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    for code in codes:
        assert re.search(rf"^\|\s*{code}\s*\|", section, re.M), f"exit code {code}"


def test_the_readme_layout_names_every_part_of_the_tree() -> None:
    layout = README.split("## Layout", 1)[1].split("\n## ", 1)[0]
    for package in ("archive", "crawler"):
        for path in (REPO / package).iterdir():
            if path.name.startswith(("_", ".")) or path.suffix not in {"", ".py"}:
                continue
            name = path.stem if path.suffix == ".py" else f"{path.name}/"
            assert name in layout, f"{package}/{name} is not in the README's layout"
