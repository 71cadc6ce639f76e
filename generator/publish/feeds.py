"""Following the portal: Atom feeds, their RSS 2.0 twins and the sitemap (which feeds there are,
their events and the pages that list them: pages/feed_list.py).

Feeds announce three kinds of events: a request for explanation published on the portal, a
request answered (or refused), and an explanation a unit gave on its own initiative. Dates come
from the records and from the date of the last commit that changed a record after it was
published (model/history.py), never from the clock of the build, so the same data and history
always give byte-identical feeds. An entry's <updated> is the latest of its own date and that
change: an edit is a new update, and backdating a date in a record cannot move the feed back in
time.

  nguon-tin/atom.xml                     the whole portal
  don-vi/<unit>/atom.xml                 one unit
  giai-trinh/linh-vuc/<field>/atom.xml   one field (every field of the standard, even empty)

Each has an RSS 2.0 twin, rss.xml beside it, with the same entries: the format mailing systems
read for "RSS to email" digests (Mailchimp's RSS campaigns take an item's <pubDate> to send only what
is newer than the last digest; English day and month names, as email.utils writes them), each item
with a <guid>. Atom stays the feed readers' address (content/huong-dan/quan-tri.md, section 12).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from ..model.model import Model
from ..pages.feed_list import LATEST, PORTAL_FEED, Event, Feed, events, feeds, last_changes, rss_of  # noqa: F401
from ..pages.page import label, relative, vi_date

ATOM = "http://www.w3.org/2005/Atom"
VIETNAM = dt.timezone(dt.timedelta(hours=7))  # records carry dates only
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


def _clean(text: object) -> str:
    return _CONTROL.sub("", str(text))


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00+07:00"  # Vietnam's time zone; records carry dates only


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        e.text = _clean(text)
    return e


def _entry(model: Model, e: Event, href: Callable[[str], str]) -> tuple[str, str, str]:
    """An event's link, title and summary, the same in Atom and RSS."""
    r = e.row
    unit = model.units[r["unit"]]["name"]
    if e.kind == "chu-dong":
        summary = f"{unit}, ngày {vi_date(r['explained_on'])}: " \
                  f"{label('proactive_explanations', 'occasion', r['occasion']).lower()}. {r['policy']}"
    elif e.kind == "moi":
        summary = f"{unit} nhận ngày {vi_date(r['received_on'])}. Lĩnh vực: {label('explanations', 'field', r['field'])}. " \
                  f"Mã tra cứu: {r['id']}."
    else:
        summary = f"{unit}, ngày {vi_date(e.on)}: {label('explanations', 'status', r['status'])} " \
                  f"({label('explanations', 'timeliness', r['timeliness']).lower()}). Mã tra cứu: {r['id']}."
    return href(e.path) + e.anchor, f"{e.what}: {r['subject']}", summary


def _linker(model: Model, feed_path: str) -> Callable[[str], str]:
    """Addresses absolute with the portal's address, else relative to the feed."""
    base, feed_dir = model.settings.portal.base_url, feed_path.rsplit("/", 1)[0] + "/"
    return (lambda url: base + url) if base else (lambda url: relative(feed_dir, url))


def atom(model: Model, feed: Feed, changed: dict[str, dt.date]) -> bytes:
    """One Atom 1.0 document; ElementTree escapes every text and attribute."""
    href, feed_dir = _linker(model, feed.path), feed.path.rsplit("/", 1)[0] + "/"
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
        link, title, summary = _entry(model, e, href)
        entry = _sub(root, "entry")
        _sub(entry, "id", link)
        _sub(entry, "title", title)
        _sub(entry, "updated", _stamp(e.updated))
        _sub(entry, "link", rel="alternate", type="text/html", href=link)
        _sub(entry, "category", term=e.row["field"], label=label("explanations", "field", e.row["field"]))
        _sub(entry, "summary", summary, type="text")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def _rfc822(day: dt.date) -> str:
    return email.utils.format_datetime(dt.datetime.combine(day, dt.time(), VIETNAM))


def rss(model: Model, feed: Feed, changed: dict[str, dt.date]) -> bytes:
    """The RSS 2.0 twin of a feed: the same entries, each with a <guid> (its Atom id, a permanent
    address) and a <pubDate>, which RSS-to-email campaigns use to send only what is new."""
    href = _linker(model, feed.path)
    home = href(feed.path.rsplit("/", 1)[0] + "/" if feed.path != PORTAL_FEED else "")
    happened = events(feed.rows, changed)
    # the atom: prefix written as is (not ET.register_namespace: the Atom feeds map it to no prefix)
    root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM})
    channel = ET.SubElement(root, "channel")
    for tag, text in (("title", feed.title), ("link", home),
                      ("description", f"Yêu cầu giải trình mới và đã giải trình, {LATEST} tin mới nhất."),
                      ("language", "vi"), ("lastBuildDate", _rfc822(happened[0].updated if happened else model.as_of))):
        ET.SubElement(channel, tag).text = _clean(text)
    ET.SubElement(channel, "atom:link", {"rel": "self", "type": "application/rss+xml", "href": href(rss_of(feed.path))})
    for e in happened:
        link, title, summary = _entry(model, e, href)
        item = ET.SubElement(channel, "item")
        for tag, text in (("title", title), ("link", link), ("description", summary),
                          ("category", label("explanations", "field", e.row["field"])), ("pubDate", _rfc822(e.updated))):
            ET.SubElement(item, tag).text = _clean(text)
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = _clean(link)
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def files(model: Model) -> dict[str, bytes]:
    changed = last_changes(model)
    out = {}
    for f in feeds(model):
        out[f.path], out[rss_of(f.path)] = atom(model, f, changed), rss(model, f, changed)
    return out


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
