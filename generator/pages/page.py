"""A page of the portal as a value (its address, title, description, template and context),
the groups pages are made in, and the addresses and labels every producer shares."""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .. import schema as std
from ..model.model import Model
from ..schema import Row

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


def page_url(base: str, n: int) -> str:
    """The address of page n of a list: base/, base/trang-2/, …"""
    return base if n == 1 else f"{base}trang-{n}/"


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


def unit_name(model: Model) -> Callable[[object], str]:
    return lambda uid: model.units[uid]["name"]
