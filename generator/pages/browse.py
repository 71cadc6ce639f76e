"""Browsing without typing and without JavaScript: links to every static list of requests by
field, status, timeliness and year that exists, with counts. Computed once per model (list pages
are many; counting the whole portal on each would cost the square of the records)."""

from __future__ import annotations

import unicodedata
from collections import Counter

from .. import schema as std
from ..catalogue.guess import slug
from ..model.model import Model
from ..model.stats import once
from .page import label

UNIT_REQUESTS = "don-vi/{}/giai-trinh/"  # a unit's list of requests (producers.explanation_lists makes it)

# The explanation lists by field, status and timeliness: (folder, field, heading). A status or a
# timeliness is named in the address by its Vietnamese label ("thoi-han/qua-han/", not the
# standard's "overdue"); the old addresses lead to the new ones (publish/redirects.py).
LISTS = (("thoi-han", "timeliness", "Thời hạn"), ("trang-thai", "status", "Trạng thái"),
         ("linh-vuc", "field", "Lĩnh vực"))
WORDED = frozenset({"status", "timeliness"})


def list_url(name: str, value: object) -> str:
    """The address of the list of requests with one value of a field: the label's slug for a
    status or a timeliness, the value itself for a field (already Vietnamese words)."""
    folder = next(f for f, n, _ in LISTS if n == name)
    key = slug(label("explanations", name, value)) if name in WORDED else str(value)
    return f"giai-trinh/{folder}/{key}/"


def moved_lists(model: Model) -> list[tuple[str, str]]:
    """(old address, new address) of the first page of every list whose address changed."""
    out = []
    for folder, name, _ in LISTS:
        if name in WORDED:
            values = sorted({str(r[name]) for r in model.explanations})
            out += [(f"giai-trinh/{folder}/{v}/", list_url(name, v)) for v in values]
    return out


# The order of units in a filter or a list: the province, its bodies, then communes and wards.
KIND_RANK = {"ubnd_tinh": 0, "ubnd_xa": 2, "ubnd_phuong": 2}
# Vietnamese alphabetical order of letters (a ă â b c d đ e ê … o ô ơ … u ư …), tone marks after.
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"


def name_key(name: str) -> tuple:
    """A key that sorts Vietnamese names as a dictionary does: by letter (đ after d, ơ after ô),
    then by tone mark."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", name.lower()):
        if unicodedata.combining(ch) and ch not in "\u0306\u0302\u031b":  # breve, circumflex, horn make letters
            tones.append(ord(ch))
            continue
        letters.append(ch)
    word = unicodedata.normalize("NFC", "".join(letters))
    return tuple(ALPHABET.index(c) if c in ALPHABET else 100 + ord(c) for c in word), tuple(tones)


def in_order(units: dict[str, dict]) -> list[str]:
    """The ids of the units, province first, then departments and other bodies, then communes and
    wards, each group by name."""
    return sorted(units, key=lambda uid: (KIND_RANK.get(units[uid]["kind"], 1), name_key(units[uid]["name"]), uid))


def facets(model: Model) -> dict[str, list[tuple[str, str, int]]]:
    """{heading: [(label, url, count)]} for the lists that exist, in the standard's order."""
    return once(model, "browse facets", _facets)


def _facets(model: Model) -> dict[str, list[tuple[str, str, int]]]:
    ex = model.explanations
    out: dict[str, list[tuple[str, str, int]]] = {}
    together = Counter((r["timeliness"], r["status"], r["field"], r["received_on"].year) for r in ex)  # one pass
    for i, (_, name, heading) in enumerate(LISTS):
        counts = _count(together, i)
        out[heading] = [(label("explanations", name, v), list_url(name, v), counts[v])
                        for v in std.load("explanations").by_name[name].enum if counts[v]]
    years = _count(together, 3)
    out["Năm nhận"] = [(str(y), f"giai-trinh/nam/{y}/", n) for y, n in sorted(years.items(), reverse=True)]
    return out


def field_lists(model: Model) -> dict[str, tuple[str, str]]:
    """{value: (label, address)} of the list of requests of every field that has some."""
    labels = {label("explanations", "field", v): v for v in std.load("explanations").by_name["field"].enum}
    return {labels[text]: (text, url) for text, url, _ in facets(model)["Lĩnh vực"]}


def unit_lists(model: Model) -> list[tuple[str, str, int]]:
    """(unit name, address of its list of requests, count) of every unit that has requests, by name."""
    return once(model, "browse units", _unit_lists)


def _unit_lists(model: Model) -> list[tuple[str, str, int]]:
    counts = Counter(r["unit"] for r in model.explanations)
    return sorted(((model.units[uid]["name"], UNIT_REQUESTS.format(uid), n) for uid, n in counts.items()),
                  key=lambda t: t[0])


def _count(together: Counter, i: int) -> Counter:
    out: Counter = Counter()
    for key, n in together.items():
        out[key[i]] += n
    return out
