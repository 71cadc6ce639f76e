"""What every detector of the guard shares: a hit, Vietnamese letter classes, masking."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vietnamese letters, lower and upper case, as regex class contents. Python's \w knows them, but
# a name is told from other words by its capital, which \w cannot say.
_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
LOWER = _LOWER
UPPER = _LOWER.upper()
# One syllable of a name written with its capital (Bình, Đức).
SYLLABLE = rf"[{UPPER}][{LOWER}]+"
# The last syllable of a name may be a single capital (Nguyễn Văn A), never one followed by a
# dot: "N.V.A." is the masked form the guard asks for.
LETTER = rf"[{UPPER}](?![\w.])"


@dataclass(frozen=True)
class Hit:
    code: str  # a code of problems.CATALOGUE: personal-id, personal-name, sensitive-data, …
    start: int
    end: int
    text: str
    detail: str = ""  # for sensitive-data: the category (sức khỏe, tôn giáo, …)


def blank(text: str, start: int, end: int) -> str:
    """The text with a found span replaced by spaces (same length, so later offsets hold), so
    that the next detector does not report it again."""
    return text[:start] + " " * (end - start) + text[end:]


def clause_before(text: str, start: int, width: int = 60) -> str:
    """The words before `start` in the same clause (up to a comma, full stop, semicolon,
    bracket or line break), lower case: where a cue that ties a value to a person must be."""
    window = text[max(0, start - width): start]
    cut = max(window.rfind(c) for c in ",;()\n") + 1
    return window[cut:].lower()


def mask(value: str) -> str:
    """Enough of a hit to find it in the file, not enough to republish it in a CI log."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}…@{domain}"
    compact = re.sub(r"[\s.\-()]", "", value)
    return f"{compact[:3]}…{compact[-2:]}" if len(compact) > 5 else "…"


def initials(name: str) -> str:
    """A name as the masked form the guard asks for: Nguyễn Văn Bình → N.V.B."""
    return "".join(w[0].upper() + "." for w in re.findall(r"[^\W\d_]+", name))


def mask_words(value: str, keep: int) -> str:
    """The first `keep` words of a hit (its cue: “trú tại”, “sinh năm”), then only the first
    character of each other word: trú tại số 12 đường Trần Phú → trú tại s… 1… đ… T… P…"""
    words = value.split()
    return " ".join(words[:keep] + [w[0] + "…" for w in words[keep:]]) or "…"


def any_of(cues: list[tuple[str, str]]) -> str:
    """One regex for many literal cues, each with an optional pattern after it: the cues share
    their prefixes (a trie), so the regex engine tries one alternative per position instead of
    every cue. Used as the cheap first pass that says whether a text needs a detector at all
    (most texts need none, and the detectors' own patterns cost ten times more)."""
    root: dict = {}
    for literal, after in cues:
        node = root
        for ch in literal:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(after)

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        alts += sorted(node.get("", ()), key=lambda a: a == "")  # an empty tail is tried last
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root)
