"""Browsing without typing and without JavaScript: links to every static list of requests by
field, status, timeliness and year that exists, with counts. Computed once per model (list pages
are many; counting the whole portal on each would cost the square of the records)."""

from __future__ import annotations

from collections import Counter

from .. import schema as std
from ..model.model import Model
from ..model.stats import once
from .page import label

UNIT_REQUESTS = "don-vi/{}/giai-trinh/"  # a unit's list of requests (producers.explanation_lists makes it)


def facets(model: Model) -> dict[str, list[tuple[str, str, int]]]:
    """{heading: [(label, url, count)]} for the lists that exist, in the standard's order."""
    return once(model, "browse facets", _facets)


def _facets(model: Model) -> dict[str, list[tuple[str, str, int]]]:
    ex = model.explanations
    out: dict[str, list[tuple[str, str, int]]] = {}
    together = Counter((r["timeliness"], r["status"], r["field"], r["received_on"].year) for r in ex)  # one pass
    for i, (slug, name, heading) in enumerate((("thoi-han", "timeliness", "Thời hạn"),
                                               ("trang-thai", "status", "Trạng thái"), ("linh-vuc", "field", "Lĩnh vực"))):
        counts = _count(together, i)
        out[heading] = [(label("explanations", name, v), f"giai-trinh/{slug}/{v}/", counts[v])
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
