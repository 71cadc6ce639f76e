"""Docs are part of the product: a command or option that the README does not mention fails here."""

from __future__ import annotations

import argparse

from conftest import ROOT

from generator.cli import parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for name, sub in subcommands().items():
        if f"giaitrinh {name}" not in README:
            missing.append(name)
        for action in sub._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help" and opt not in README:
                    missing.append(f"{name} {opt}")
    assert missing == []


def test_staff_guide_and_legal_pages_exist_in_vietnamese():
    for page in ("huong-dan/index.md", "can-cu-phap-ly.md", "cach-yeu-cau-giai-trinh.md", "quyen-rieng-tu.md",
                 "gioi-thieu.md"):
        text = (ROOT / "content" / page).read_text(encoding="utf-8")
        assert text.startswith("# "), page
        assert "giải trình" in text.lower(), page
