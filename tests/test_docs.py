"""The README keeps up with the code: every command a user can run is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from lagebild.cli import app

README = Path(__file__).resolve().parent.parent / "README.md"


def command_names(group, prefix: str = "") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            names.extend(command_names(command, f"{prefix}{name} "))
        else:
            names.append(prefix + name)
    return names


def test_every_command_is_in_the_readme():
    commands = command_names(typer.main.get_command(app))
    assert {"extract", "ingest", "serve", "gazetteer import"} <= set(commands)
    text = README.read_text(encoding="utf-8")
    missing = [name for name in commands if f"`lagebild {name}" not in text]
    assert missing == []


def test_the_readme_opens_with_the_two_set_up_commands():
    first_screen = README.read_text(encoding="utf-8").splitlines()[:25]
    commands = [line.split("#")[0].strip() for line in first_screen if line.startswith("make ")]
    assert commands == ["make demo", "make test"]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci  # CI runs the README's test command
