"""Following the portal: Atom feeds, the "Theo dõi tin mới" page and the sitemap.

Feeds announce three kinds of events: a request for explanation published on the portal, a
request answered (or refused), and an explanation a unit gave on its own initiative. Dates come from the records and from the date of the last commit
that changed a record after it was published (model/history.py), never from the clock of the
build, so the same data and history always give byte-identical feeds. An entry's <updated> is
the latest of its own date and that change: an edit is a new update, and backdating a date in a
record cannot move the feed back in time.

  nguon-tin/atom.xml                     the whole portal
  don-vi/<unit>/atom.xml                 one unit
  giai-trinh/linh-vuc/<field>/atom.xml   one field (every field of the standard, even empty)
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model.model import Model, Row
from ..pages.feed_list import PORTAL_FEED, Feed, feeds
from ..pages.page import label, relative, vi_date

LATEST = 50
ATOM = "http://www.w3.org/2005/Atom"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


@dataclass(frozen=True)
class Event:
    on: dt.date  # the event's own date
    kind: str  # "moi" (published), "tra-loi" (answered or refused) or "chu-dong" (given unasked)
    row: Row
    updated: dt.date  # the later of `on` and the record's last change after publication


def _announced(r: Row) -> dt.date:
    day = r.get("received_on") or r["explained_on"]  # a request, or an explanation given unasked
    return max(day, r.get("published_on") or day)


def events(rows: Iterable[Row], changed: dict[str, dt.date] | None = None) -> list[Event]:
    """The LATEST most recently updated events of the rows, latest first (`changed`: the date of
    each record's last change after publication)."""
    rows, changed = list(rows), changed or {}
    if len(rows) > LATEST:
        # Every row is announced once, so the LATEST-th newest announcement date is a floor below
        # which no event can make the list: skip the older rows (most of them at 100,000 records).
        floor = sorted((_announced(r) for r in rows), reverse=True)[LATEST - 1]
        rows = [r for r in rows if max(_announced(r), r.get("answered_on") or r.get("refused_on") or dt.date.min,
                                       changed.get(r["id"], dt.date.min)) >= floor]
    out = []
    for r in rows:
        edit = changed.get(r["id"], dt.date.min)
        kind = "moi" if "received_on" in r else "chu-dong"
        out.append(Event(_announced(r), kind, r, max(_announced(r), edit)))
        replied = r.get("answered_on") or r.get("refused_on")
        if replied:
            out.append(Event(replied, "tra-loi", r, max(replied, edit)))
    out.sort(key=lambda e: (e.updated, e.on, e.kind == "tra-loi", e.row["id"]), reverse=True)
    return out[:LATEST]


def last_changes(model: Model) -> dict[str, dt.date]:
    """The date of each explanation's (asked for or not) last change after it was published."""
    return {rid: h.changes[-1].on for (resource, rid), h in model.history.records.items()
            if resource in ("explanations", "proactive_explanations") and h.changes}


def _clean(text: object) -> str:
    return _CONTROL.sub("", str(text))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"  # Vietnam's time zone; records carry dates only


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        e.text = _clean(text)
    return e


def atom(model: Model, feed: Feed, changed: dict[str, dt.date]) -> bytes:
    """One Atom 1.0 document; ElementTree escapes every text and attribute."""
    base = model.settings.portal.base_url
    feed_dir = feed.path.rsplit("/", 1)[0] + "/"

    def href(url: str) -> str:  # absolute with the portal's address, else relative to the feed
        return base + url if base else relative(feed_dir, url)

    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    happened = events(feed.rows, changed)
    _sub(root, "id", href(feed.path))
    _sub(root, "title", feed.title)
    _sub(root, "updated", _stamp(happened[0].updated if happened else model.as_of))
    _sub(root, "link", rel="self", type="application/atom+xml", href=href(feed.path))
    _sub(root, "link", rel="alternate", type="text/html", href=href(feed_dir if feed.path != PORTAL_FEED else ""))
    author = _sub(root, "author")
    _sub(author, "name", model.settings.portal.publisher or model.settings.portal.name)
    for e in happened:
        if e.kind == "chu-dong":
            _proactive_entry(root, e, model.units[e.row["unit"]]["name"], href)
            continue
        r = e.row
        unit = model.units[r["unit"]]["name"]
        anchor = "yeu-cau" if e.kind == "moi" else "giai-trinh"
        entry = _sub(root, "entry")
        what = "Yêu cầu giải trình mới" if e.kind == "moi" else label("explanations", "status", r["status"])
        _sub(entry, "id", href(f"giai-trinh/{r['id']}/") + f"#{anchor}")
        _sub(entry, "title", f"{what}: {r['subject']}")
        _sub(entry, "updated", _stamp(e.updated))
        _sub(entry, "link", rel="alternate", type="text/html", href=href(f"giai-trinh/{r['id']}/") + f"#{anchor}")
        _sub(entry, "category", term=r["field"], label=label("explanations", "field", r["field"]))
        if e.kind == "moi":
            summary = f"{unit} nhận ngày {vi_date(r['received_on'])}. Lĩnh vực: {label('explanations', 'field', r['field'])}. " \
                      f"Mã tra cứu: {r['id']}."
        else:
            summary = f"{unit}, ngày {vi_date(e.on)}: {label('explanations', 'status', r['status'])} " \
                      f"({label('explanations', 'timeliness', r['timeliness']).lower()}). Mã tra cứu: {r['id']}."
        _sub(entry, "summary", summary, type="text")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _proactive_entry(root: ET.Element, e: Event, unit: str, href: Callable[[str], str]) -> None:
    r = e.row
    link = href(f"giai-trinh-chu-dong/{r['id']}/")
    entry = _sub(root, "entry")
    _sub(entry, "id", link)
    _sub(entry, "title", f"Giải trình chủ động: {r['subject']}")
    _sub(entry, "updated", _stamp(e.updated))
    _sub(entry, "link", rel="alternate", type="text/html", href=link)
    _sub(entry, "category", term=r["field"], label=label("proactive_explanations", "field", r["field"]))
    _sub(entry, "summary", f"{unit}, ngày {vi_date(r['explained_on'])}: "
                           f"{label('proactive_explanations', 'occasion', r['occasion']).lower()}. {r['policy']}", type="text")


def files(model: Model) -> dict[str, bytes]:
    changed = last_changes(model)
    return {f.path: atom(model, f, changed) for f in feeds(model)}


def sitemap(model: Model, paths: Iterable[str]) -> bytes | None:
    """sitemap.xml of every page (paths of index.html files); needs the portal's address."""
    base = model.settings.portal.base_url
    if not base:
        return None
    urls = sorted({p[: -len("index.html")] for p in paths if p.endswith("index.html")})
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"<url><loc>{html.escape(base + u)}</loc></url>" for u in urls]
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
