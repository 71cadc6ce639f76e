"""“Có phải …?”: the nearest of the allowed names to a misspelt one (difflib), for messages."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Lower case, no accents, words joined by “_”: “Doanh nghiệp” and “doanh_nghiep” fold alike."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return "_".join(plain.replace("-", " ").replace("_", " ").split())


def closest(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str:
    """The allowed name nearest to `word`, or "" when none is near enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else ""


def closest_code(value: str, labels: dict[str, str]) -> str:
    """The code whose code or Vietnamese label is nearest to `value` (accents and case aside)."""
    folded = {fold(code): code for code in labels} | {fold(label): code for code, label in labels.items()}
    hit = closest(fold(value), folded, cutoff=0.7)
    return folded[hit] if hit else ""
