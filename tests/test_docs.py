"""Docs are part of the product: a command or option that the README does not mention fails here."""

from __future__ import annotations

import argparse

import pytest
from conftest import ROOT

from generator.cli import parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def command_rows() -> dict[str, str]:
    """The README's table of commands: command name -> its row."""
    rows = {}
    for line in README.splitlines():
        if line.startswith("| `giaitrinh "):
            rows[line.split()[2].rstrip("`")] = line
    return rows


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_command_and_its_options_are_in_the_readme_table(name: str):
    """Each command has its row, and the row names that command's own options (an option named
    only in another command's row does not count)."""
    row = command_rows().get(name)
    assert row is not None, f"giaitrinh {name} has no row in the README's table of commands"
    options = [opt for action in subcommands()[name]._actions for opt in action.option_strings
               if opt.startswith("--") and opt != "--help"]
    assert [opt for opt in options if opt not in row] == []


def test_staff_guide_and_legal_pages_exist_in_vietnamese():
    for page in ("huong-dan/index.md", "huong-dan/can-bo.md", "huong-dan/quan-tri.md", "can-cu-phap-ly.md", "cach-yeu-cau-giai-trinh.md", "quyen-rieng-tu.md",
                 "gioi-thieu.md"):
        text = (ROOT / "content" / page).read_text(encoding="utf-8")
        assert text.startswith("# "), page
        assert "giải trình" in text.lower(), page
