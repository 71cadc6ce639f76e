"""Which feeds the portal has (the whole portal, each unit, each field; each as Atom and as RSS
2.0), the events they announce, the "Theo dõi tin mới" page that lists them, one "Theo dõi
<đơn vị>" page per unit (don-vi/<unit>/nhan-tin/: the feed and calendar addresses to copy and
the latest news, readable in any browser, where a feed's XML is not: Chrome is removing XSLT)
and the <link rel=alternate> of the pages they match. The feeds' files are written by
generator/publish/feeds.py."""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import schema as std
from ..model.model import Model
from ..schema import Row
from .page import Page, label, relative, vi_date

PORTAL_FEED = "nguon-tin/atom.xml"
LATEST = 50  # events in a feed
SHOWN = 10  # events on a unit's follow page


@dataclass(frozen=True)
class Feed:
    path: str
    title: str
    rows: list[Row]


def unit_feed(unit: str) -> str:
    return f"don-vi/{unit}/atom.xml"


def rss_of(atom_path: str) -> str:
    """The RSS 2.0 twin of an Atom feed (same folder, same entries): what mailing systems'
    "RSS to email" campaigns read."""
    return atom_path.removesuffix("atom.xml") + "rss.xml"


def follow_page(unit: str) -> str:
    return f"don-vi/{unit}/nhan-tin/"


def field_feed(field: str) -> str:
    return f"giai-trinh/linh-vuc/{field}/atom.xml"


@dataclass(frozen=True)
class Event:
    on: dt.date  # the event's own date
    kind: str  # "moi" (published), "tra-loi" (answered or refused) or "chu-dong" (given unasked)
    row: Row
    updated: dt.date  # the later of `on` and the record's last change after publication

    @property
    def what(self) -> str:
        if self.kind == "tra-loi":
            return label("explanations", "status", self.row["status"])
        return "Yêu cầu giải trình mới" if self.kind == "moi" else "Giải trình chủ động"

    @property
    def path(self) -> str:
        """The address of the record's page."""
        return f"giai-trinh-chu-dong/{self.row['id']}/" if self.kind == "chu-dong" else f"giai-trinh/{self.row['id']}/"

    @property
    def anchor(self) -> str:
        """The event's place on that page ("#yeu-cau", "#giai-trinh"; none for a proactive one)."""
        return {"moi": "#yeu-cau", "tra-loi": "#giai-trinh"}.get(self.kind, "")


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


def feeds(model: Model) -> list[Feed]:
    ex = model.explanations + model.proactive_explanations  # a proactive one is announced once
    by_unit: dict[str, list[Row]] = defaultdict(list)
    by_field: dict[str, list[Row]] = defaultdict(list)
    for r in ex:  # one pass: 200 units x 100,000 records would otherwise be 20 million tests
        by_unit[r["unit"]].append(r)
        by_field[r["field"]].append(r)
    out = [Feed(PORTAL_FEED, f"{model.settings.portal.name}: giải trình mới", ex)]
    for uid, u in model.units.items():
        out.append(Feed(unit_feed(uid), f"{u['name']}: giải trình mới", by_unit.get(uid, [])))
    for field in std.load("explanations").by_name["field"].enum:
        out.append(Feed(field_feed(field), f"Lĩnh vực {label('explanations', 'field', field)}: giải trình mới",
                        by_field.get(field, [])))
    return out


def alternates(model: Model, page: Page, portal: bool = True) -> list[str]:
    """<link rel=alternate> tags for the feeds that match a page, and the portal's feed unless
    `portal` is false (a record's page: 180 bytes on 80,000 pages at 100,000 records, and a
    reader who wants to follow finds it from any list, unit or the home page)."""
    parts = page.url.split("/")
    found = [(PORTAL_FEED, f"{model.settings.portal.name}: giải trình mới")] if portal else []
    if parts[0] == "don-vi" and len(parts) > 2 and parts[1] in model.units:
        found.append((unit_feed(parts[1]), f"{model.units[parts[1]]['name']}: giải trình mới"))
    if parts[:2] == ["giai-trinh", "linh-vuc"] and len(parts) > 3:
        found.append((field_feed(parts[2]), f"Lĩnh vực {label('explanations', 'field', parts[2])}: giải trình mới"))
    return [f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
            f'href="{html.escape(relative(page.url, path))}">' for path, title in found]


def pages(model: Model) -> Iterator[Page]:
    yield Page("nguon-tin/", "Theo dõi tin mới", "feeds.html",
               {"portal_feed": PORTAL_FEED, "unit_feed": unit_feed, "field_feed": field_feed,
                "follow_page": follow_page, "rss_of": rss_of},
               description="Nguồn tin Atom: yêu cầu giải trình mới, đã giải trình và giải trình chủ động, theo toàn cổng, đơn vị, lĩnh vực")
    changed = last_changes(model)
    base = model.settings.portal.base_url
    for feed in feeds(model)[1:len(model.units) + 1]:  # the units' feeds, in the units' order
        uid = feed.path.split("/")[1]
        latest = [{"what": e.what, "on": vi_date(e.updated), "id": e.row["id"], "subject": e.row["subject"],
                   "path": e.path, "anchor": e.anchor} for e in events(feed.rows, changed)[:SHOWN]]
        yield Page(follow_page(uid), f"Theo dõi {model.units[uid]['name']}", "follow.html",
                   {"u": model.units[uid], "atom": feed.path, "rss": rss_of(feed.path),
                    "ics": f"don-vi/{uid}/lich-han.ics", "base": base, "latest": latest},
                   description=f"Nhận tin mới về yêu cầu giải trình của {model.units[uid]['name']}: "
                               "địa chỉ nguồn tin và lịch hạn để sao chép")
