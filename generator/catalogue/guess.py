"""“Có phải …?”: the nearest of the allowed names to a misspelt one (difflib), for messages."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable


def unaccented(text: str) -> str:
    """Lower case, no tone or vowel marks, đ as d: “Tân Thành” → “tan thanh”."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def fold(text: str) -> str:
    """Lower case, no accents, words joined by “_”: “Doanh nghiệp” and “doanh_nghiep” fold alike."""
    return "_".join(unaccented(text).replace("-", " ").replace("_", " ").split())


def slug(text: str) -> str:
    """Vietnamese words as an address or an id: “Tân Thành” → “tan-thanh”."""
    return re.sub(r"[^a-z0-9]+", "-", unaccented(text)).strip("-")


def closest(word: str, choices: Iterable[str], cutoff: float = 0.75) -> str:
    """The allowed name nearest to `word`, or "" when none is near enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else ""


def closest_code(value: str, labels: dict[str, str]) -> str:
    """The code whose code or Vietnamese label is nearest to `value` (accents and case aside)."""
    folded = {fold(code): code for code in labels} | {fold(label): code for code, label in labels.items()}
    hit = closest(fold(value), folded, cutoff=0.7)
    return folded[hit] if hit else ""
