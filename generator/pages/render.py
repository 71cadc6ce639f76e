"""Stage 4: the generated pages, as HTML fragments rendered with Jinja2.

Every page is a Page value (its address, title, description, template and context). The
engine stage wraps each fragment in the portal's frame (Material's look and navigation), so
rendering never touches the disk and costs the same per page at 10 or 100,000 records.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import schema as std
from ..model.model import Model, Row
from ..problems import CATALOGUE
from . import insights

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "pages"
PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    url: str  # directory address relative to the site root: "" or "giai-trinh/abc/"
    title: str
    template: str
    context: dict = field(default_factory=dict, compare=False)
    description: str = ""

    @property
    def frame(self) -> tuple[str, int]:
        return frame_of(self.url)

    @property
    def path(self) -> str:
        return self.url + "index.html"


def frame_of(url: str) -> tuple[str, int]:
    """The frame (section, depth) a page at this address is poured into: its first folder, and
    how many folders deep it is."""
    return url.split("/", 1)[0], url.count("/")


@dataclass(frozen=True)
class Group:
    """Pages made by `make(*inputs)` from its inputs alone (`make` is a module-level function, not
    a closure, so it sees nothing else; its templates' reads of the model are tracked per page). A rebuild whose group inputs digest as they did in the last build takes its pages'
    addresses and keys from that build, without listing or keying them again: with one group per
    unit and per list, one changed record costs the pages of its unit and of its lists. `keyed`
    False: pages listed as they are (`inputs` holds them), keyed one by one."""

    name: str  # unique among the groups of a build
    make: Callable[..., Iterable[Page]]
    inputs: tuple
    keyed: bool = True

    def pages(self) -> list[Page]:
        return list(self.make(*self.inputs))


def vi_date(value: dt.date | None) -> str:
    return _vi_date(value) if value else ""


@functools.lru_cache(maxsize=8192)  # a decade has 3,653 days; 100,000 pages show them
def _vi_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def label(resource: str, name: str, value: object) -> str:
    if value is None or value == "":
        return ""
    return std.load(resource).by_name[name].label(value)


def title_of(resource: str, name: str) -> str:
    return std.load(resource).by_name[name].title


def count_by(rows: list[Row], key: str) -> dict[object, int]:
    """How many rows have each value of a field, counted once per list and run: a template that
    filtered the whole portal once per unit (selectattr) cost O(units × records)."""
    cached = _COUNTS.get((id(rows), key))
    if cached is None or cached[0] is not rows:
        counts: dict[object, int] = defaultdict(int)
        for r in rows:
            counts[r.get(key)] += 1
        cached = _COUNTS[(id(rows), key)] = (rows, dict(counts))
    return cached[1]


_COUNTS: dict[tuple[int, str], tuple[list[Row], dict[object, int]]] = {}
WINDOW = 2  # pages the pager shows on each side of the current one


def page_url(base: str, n: int) -> str:
    """The address of page n of a list: base/, base/trang-2/, …"""
    return base if n == 1 else f"{base}trang-{n}/"


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


_OPTIONS: dict[tuple[int, str, object], tuple[object, Markup]] = {}


def _options(key: object, facet_name: str, facet: tuple | None, choices: Callable[[], Iterator[tuple[str, str]]]
             ) -> Markup:
    """<option>s (value, text) with the facet's value selected, made once per build and selected
    value: a list's filter form repeats them on each of 7,000 list pages at 100,000 records."""
    selected = facet[1] if facet and facet[0] == facet_name else None
    hit = _OPTIONS.get((id(key), facet_name, selected))
    if hit is not None and hit[0] is key:
        return hit[1]
    html = Markup("".join(f'<option value="{escape(value)}"{" selected" if value == selected else ""}>'
                          f'{escape(text)}</option>' for value, text in choices()))
    _OPTIONS[(id(key), facet_name, selected)] = (key, html)
    return html


def unit_options(units: dict[str, Row], facet: tuple | None) -> Markup:
    """The <option> of every unit, for a list's filter form."""
    return _options(units, "unit", facet, lambda: ((uid, u["name"]) for uid, u in units.items()))


def enum_options(name: str, facet: tuple | None) -> Markup:
    """The <option> of every value of an explanations field (field, status…), with its label."""
    f = std.load("explanations").by_name[name]
    return _options(f, name, facet, lambda: ((v, f.label(v)) for v in f.enum))


def reset_caches() -> None:
    """Forget the per-build memos (a long-lived process, e.g. `serve`, builds many times)."""
    _COUNTS.clear()
    _OPTIONS.clear()


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per build: no need to stat every template per page
    )
    env.filters["vi_date"] = vi_date
    env.globals.update(label=label, title_of=title_of, std=std, count_by=count_by, pager_links=pager_links,
                       unit_options=unit_options, enum_options=enum_options)
    env.globals.update(insights=insights, stats=insights.stats)  # scorecards on unit, statistics, report pages
    return env


@functools.lru_cache(maxsize=4096)
def _parts(url: str) -> tuple[str, ...] | None:
    """The folders of an address, or None when it needs posixpath's normalisation (".", "..")."""
    parts = tuple(p for p in url.split("/") if p)
    return None if "." in parts or ".." in parts else parts


def relative(from_url: str, to_url: str) -> str:
    """A link from one page's directory to another address, relative so the site can live
    under any sub-path of the provincial portal."""
    if to_url.startswith(("http://", "https://", "#")):
        return to_url
    start, path = _parts(from_url), _parts(to_url)
    if start is None or path is None:  # the rare address with dots: let posixpath normalise it
        rel = posixpath.relpath("/" + to_url, "/" + from_url) if to_url else posixpath.relpath("/", "/" + from_url)
    else:  # posixpath.relpath's algorithm on pre-split parts: this runs millions of times
        i, n = 0, min(len(start), len(path))
        while i < n and start[i] == path[i]:
            i += 1
        rel = "/".join(("..",) * (len(start) - i) + path[i:]) or "."
    if to_url.endswith("/") or to_url == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def render(env: jinja2.Environment, page: Page, model: Model) -> str:
    def url(to: str) -> str:
        return relative(page.url, to)

    return env.get_template(page.template).render(page=page, model=model, url=url, **page.context)


def paginate(base: str, rows: list[Row], title: str, template: str, first: dict | None = None,
             **context: object) -> Group:
    """A long list split into pages of PAGE_SIZE: base/, base/trang-2/, … `first` is context
    for the first page only (what depends on the whole portal, such as counts, stays off the
    other pages, so a change elsewhere does not make every page of every list render again)."""
    return Group(base, _list_pages, (base, rows, title, template, first or {}, context))


def _list_pages(base: str, rows: list[Row], title: str, template: str, first: dict, context: dict) -> Iterator[Page]:
    count = max(1, -(-len(rows) // PAGE_SIZE))
    for n in range(1, count + 1):
        yield Page(page_url(base, n), title if n == 1 else f"{title} (trang {n})", template,
                   {"rows": rows[(n - 1) * PAGE_SIZE: n * PAGE_SIZE], "page_no": n, "page_count": count,
                    "total": len(rows), "list_base": base, **context, **(first if n == 1 else {})})


def paginate_by(rows: list, key: str | Callable[[Row], object], facet: str, base: str, title: str,
                template: str, first: dict | None = None, name: Callable[[object], str] = str,
                **context: object) -> Iterator[Group]:
    """A paginated list for every value of a field (or of what a function says): by unit, by
    year… `base` and `title` hold "{}" for the value (title: for its `name`); each page knows its
    `facet` (facet, value)."""
    for value, group in sorted(_by(rows, key).items(), key=lambda kv: str(kv[0])):
        yield paginate(base.format(value), group, title.format(name(value)), template, first,
                       facet=(facet, value), **context)


def _by(rows: list, key: str | Callable[[Row], object]) -> dict[object, list]:
    """Rows grouped by a field (or by what a function says), the rows themselves, in order."""
    get = key if callable(key) else (lambda r: r.get(key))
    out: dict[object, list] = defaultdict(list)
    for r in rows:
        out[get(r)].append(r)
    return out


def explanation_lists(model: Model) -> Iterator[Group]:
    from . import browse

    ex = model.explanations
    links = {"browse_facets": browse.facets(model)}
    yield paginate("giai-trinh/", ex, "Yêu cầu giải trình", "explanation_list.html", links, facet=None)
    facets = [("linh-vuc", "field", "Lĩnh vực"), ("trang-thai", "status", "Trạng thái"),
              ("thoi-han", "timeliness", "Thời hạn")]
    for slug, field_name, heading in facets:
        yield from paginate_by(ex, field_name, field_name, f"giai-trinh/{slug}/{{}}/", f"{heading}: {{}}",
                               "explanation_list.html", links, functools.partial(label, "explanations", field_name))
    yield from paginate_by(ex, lambda r: r["received_on"].year, "year", "giai-trinh/nam/{}/",
                           "Yêu cầu nhận trong năm {}", "explanation_list.html", links)
    yield from paginate_by(ex, "unit", "unit", "don-vi/{}/giai-trinh/", "Yêu cầu giải trình gửi {}",
                           "explanation_list.html", links, unit_name(model))


def unit_name(model: Model) -> Callable[[object], str]:
    return lambda uid: model.units[uid]["name"]


def plan_lists(model: Model) -> Iterator[Group]:
    """Implementation plans, newest first: all of them, by year of issue and by unit."""
    plans = model.plans
    years = {"years": sorted(Counter(p["issued_on"].year for p in plans).items(), reverse=True)}
    yield paginate("ke-hoach/", plans, "Kế hoạch triển khai", "plan_list.html", years, facet=None)
    yield from paginate_by(plans, lambda p: p["issued_on"].year, "year", "ke-hoach/nam/{}/",
                           "Kế hoạch triển khai ban hành năm {}", "plan_list.html", years)
    yield from paginate_by(plans, "unit", "unit", "don-vi/{}/ke-hoach/", "Kế hoạch triển khai của {}",
                           "plan_list.html", name=unit_name(model))


def record_pages(model: Model) -> Iterator[Group]:
    """A unit's page and the pages of its records, one group per unit: a changed record lists and
    keys again the pages of its unit only. Each group gets what its pages show and nothing else:
    the follow-ups that come from its explanations, which of its commitments' sources are
    published explanations, its scorecards (computed here once per build)."""
    by_unit = {name: _by(getattr(model, name), "unit")
               for name in ("explanations", "plans", "follow_ups", "meetings", "reports")}
    follow_ups_by_source = _by(model.follow_ups, "source_ref")
    published = {r["id"] for r in model.explanations}
    views = insights.unit_views(model)
    for uid, u in model.units.items():
        rows = {name: found.get(uid, []) for name, found in by_unit.items()}
        sources = {r["id"]: follow_ups_by_source[r["id"]] for r in rows["explanations"] if r["id"] in follow_ups_by_source}
        linked = {f["source_ref"] for f in rows["follow_ups"]} & published
        yield Group(f"don-vi/{uid}/", _unit_pages, (uid, u, rows, sources, linked, views[uid]))
    yield Group("giai-trinh/(rút)", _withdrawn_pages, (model.withdrawn,))


def _unit_pages(uid: str, u: Row, rows: dict[str, list[Row]], sources: dict[str, list[Row]], linked: set[str],
                sv: dict) -> Iterator[Page]:
    for r in rows["explanations"]:
        yield Page(f"giai-trinh/{r['id']}/", r["subject"], "explanation.html",
                   {"r": r, "unit": u, "follow_ups": sources.get(r["id"], [])},
                   description=f"{label('explanations', 'status', r['status'])} · "
                               f"{u['name']} · nhận ngày {vi_date(r['received_on'])}")
    for p in rows["plans"]:
        yield Page(f"ke-hoach/{p['id']}/", f"{p['number']}: {p['title']}", "plan.html",
                   {"p": p, "unit": u}, description=p["title"])
    for f in rows["follow_ups"]:
        yield Page(f"theo-doi/{f['id']}/", f["commitment"][:90], "follow_up.html",
                   {"f": f, "unit": u, "linked": linked}, description=f["commitment"][:160])
    yield Page(f"don-vi/{uid}/", u["name"], "unit.html",
               {"u": u, "sv": sv, **rows}, description=f"Trách nhiệm giải trình của {u['name']}")


def _withdrawn_pages(withdrawn: list[Row]) -> Iterator[Page]:
    for r in withdrawn:
        yield Page(f"giai-trinh/{r['id']}/", "Hồ sơ đã rút công khai", "withdrawn.html", {"r": r})


def section_pages(model: Model) -> Iterator[Page | Group]:
    from . import browse

    yield Page("", model.settings.portal.name, "home.html", {"browse_facets": browse.facets(model)},
               description=model.settings.portal.name)
    yield Page("don-vi/", "Đơn vị", "unit_list.html", {})
    yield paginate("theo-doi/", model.follow_ups, "Theo dõi cam kết, kiến nghị", "follow_up_list.html")
    yield from paginate_by(model.follow_ups, "unit", "unit", "don-vi/{}/theo-doi/", "Theo dõi cam kết, kiến nghị của {}",
                           "follow_up_list.html", name=unit_name(model))
    yield from paginate_by(model.meetings, "unit", "unit", "don-vi/{}/tiep-cong-dan/",
                           "Tiếp công dân, đối thoại của {}", "meeting_list.html", name=unit_name(model))
    yield Page("tim-kiem/", "Tìm kiếm", "search.html", {})
    yield Page("tra-cuu/", "Tra cứu yêu cầu giải trình", "lookup.html", {})
    yield Page("thong-ke/", "Thống kê", "statistics.html", {})
    yield Page("thong-ke/thuat-ngu/", "Giải thích trạng thái", "glossary.html", {})
    yield Page("bao-cao/", "Báo cáo định kỳ", "reports.html", {})
    yield Page("huong-dan/danh-muc-loi/", "Danh mục lỗi khi kiểm tra dữ liệu", "error_catalogue.html",
               {"catalogue": sorted(CATALOGUE.values(), key=lambda k: k.code)},
               description="Mọi mã lỗi mà bước kiểm tra dữ liệu có thể báo, ý nghĩa và cách sửa.")


# Every producer of pages, in the order they are listed; other stages (statistics, reports,
# open data) add their own producers here.
PRODUCERS = [section_pages, explanation_lists, plan_lists, record_pages, insights.pages]


def _portal_pages(model: Model) -> Iterator[Page]:
    from ..publish import feeds

    yield from feeds.pages(model)


PRODUCERS.append(_portal_pages)


def groups(model: Model) -> list[Group]:
    """Every page of the portal, in groups (see Group); the pages a producer yields on their own
    make one group, listed and keyed page by page."""
    out: list[Group] = []
    for producer in PRODUCERS:
        loose: list[Page] = []
        for item in producer(model):
            (out if isinstance(item, Group) else loose).append(item)
        if loose:
            out.append(Group(f"({producer.__module__}.{producer.__qualname__})", _given, (loose,), keyed=False))
    if len({g.name for g in out}) != len(out):
        raise RuntimeError("two page groups share a name")
    return out


def _given(pages: list[Page]) -> list[Page]:
    return pages


def pages(model: Model) -> list[Page]:
    return [p for g in groups(model) for p in g.pages()]
