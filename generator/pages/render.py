"""Stage 4: the generated pages, as HTML fragments rendered with Jinja2.

Rendering never touches the disk and costs the same per page at 10 or 100,000 records; the
publish stage pours each fragment into the portal's frame (generator/publish/engine.py).
Templates receive data and small functions of data, never a module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .. import schema as std
from ..model import compliance, stats
from ..schema import Row
from . import insights
from .browse import in_order
from .page import Page, label, page_url, relative, title_of, vi_date

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "pages"
WINDOW = 2  # pages the pager shows on each side of the current one


def pager_links(base: str, count: int, page_no: int, from_url: str) -> Markup:
    """Previous, first, the pages around the current one, last and next, with "…" for two or more
    pages left out: at most 2 × WINDOW + 7 links however long the list (one link per page made
    the pager of a 1,440-page list heavier than its rows)."""
    def link(n: int, text: str, attrs: str) -> str:
        return f'<a href="{escape(relative(from_url, page_url(base, n)))}"{attrs}>{text}</a>'

    shown = sorted({1, count, *range(max(1, page_no - WINDOW), min(count, page_no + WINDOW) + 1)})
    items = [link(page_no - 1, "‹ Trang trước", ' rel="prev"')] if page_no > 1 else []
    last = 0
    for n in shown:
        if n - last > 2:
            items.append('<span class="gt-gap" aria-hidden="true">…</span>')
        elif n - last == 2:  # "…" for a single page would be no shorter than the page itself
            items.append(link(n - 1, str(n - 1), f' aria-label="Trang {n - 1}"'))
        items.append(f'<span aria-current="page">{n}</span>' if n == page_no
                     else link(n, str(n), f' aria-label="Trang {n}"'))
        last = n
    if page_no < count:
        items.append(link(page_no + 1, "Trang sau ›", ' rel="next"'))
    return Markup("\n".join(items))


class Memos:
    """What templates ask again and again within one environment (one per build, or per worker's
    share of the pages): counts by field, and <option> lists."""

    def __init__(self) -> None:
        self.counts: dict[tuple[int, str], tuple[list[Row], dict[object, int]]] = {}
        self.options: dict[tuple[int, str, object], tuple[object, Markup]] = {}

    def count_by(self, rows: list[Row], key: str) -> dict[object, int]:
        """How many rows have each value of a field, counted once per list: a template that
        filtered the whole portal once per unit (selectattr) cost O(units × records)."""
        cached = self.counts.get((id(rows), key))
        if cached is None or cached[0] is not rows:
            counts: dict[object, int] = defaultdict(int)
            for r in rows:
                counts[r.get(key)] += 1
            cached = self.counts[(id(rows), key)] = (rows, dict(counts))
        return cached[1]

    def _options(self, key: object, facet_name: str, facet: tuple | None,
                 choices: Callable[[], Iterator[tuple[str, str]]]) -> Markup:
        """<option>s (value, text) with the facet's value selected, made once per selected value:
        a list's filter form repeats them on each of 7,000 list pages at 100,000 records."""
        selected = facet[1] if facet and facet[0] == facet_name else None
        hit = self.options.get((id(key), facet_name, selected))
        if hit is not None and hit[0] is key:
            return hit[1]
        html = Markup("".join(f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
                              f'{escape(text)}</option>' for value, text in choices()))
        self.options[(id(key), facet_name, selected)] = (key, html)
        return html

    def unit_options(self, units: dict[str, Row], facet: tuple | None) -> Markup:
        """The <option> of every unit, for a list's filter form: the province first, then its departments, then communes and wards, each by name."""
        return self._options(units, "unit", facet, lambda: ((uid, units[uid]["name"]) for uid in in_order(units)))

    def enum_options(self, name: str, facet: tuple | None) -> Markup:
        """The <option> of every value of an explanations field (field, status…), with its label."""
        f = std.load("explanations").by_name[name]
        return self._options(f, name, facet, lambda: ((v, f.label(v)) for v in f.enum))


def environment() -> jinja2.Environment:
    import jinja2  # here: `validate` never renders, and importing Jinja2 costs every command

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per build: no need to stat every template per page
    )
    memos = Memos()
    env.filters["vi_date"] = vi_date
    env.globals.update(label=label, title_of=title_of, std=std, count_by=memos.count_by, pager_links=pager_links,
                       unit_options=memos.unit_options, enum_options=memos.enum_options,
                       units_in_order=in_order)
    # scorecards on unit, statistics and report pages; deadlines on a request's page
    env.globals.update(
        statistics_view=insights.statistics_view, headline=insights.headline, reports_view=insights.reports_view,
        received_chart=insights.received_chart, rule_of=insights.rule_of, clock_steps=insights.clock_steps,
        PACKAGE_RESOURCES=insights.PACKAGE_RESOURCES, fmt=stats.fmt, FIGURES=stats.FIGURES, SMALL=stats.SMALL,
        METHOD=stats.METHOD, task_rollup=compliance.task_rollup, plan_filed=compliance.plan_filed,
        PLAN_STATES=compliance.PLAN_STATES, REPORT_STATES=compliance.REPORT_STATES)
    return env


def render(env: jinja2.Environment, page: Page, model: object) -> str:
    def url(to: str) -> str:
        return relative(page.url, to)

    return env.get_template(page.template).render(page=page, model=model, url=url, **page.context)
