"""Which Atom feeds the portal has (the whole portal, each unit, each field), the "Theo dõi tin
mới" page that lists them and the <link rel=alternate> of the pages they match. The feeds'
files are written by generator/publish/feeds.py."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .. import schema as std
from ..model.model import Model
from ..schema import Row
from .page import Page, label, relative

PORTAL_FEED = "nguon-tin/atom.xml"


@dataclass(frozen=True)
class Feed:
    path: str
    title: str
    rows: list[Row]


def unit_feed(unit: str) -> str:
    return f"don-vi/{unit}/atom.xml"


def field_feed(field: str) -> str:
    return f"giai-trinh/linh-vuc/{field}/atom.xml"


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


def alternates(model: Model, page: Page) -> list[str]:
    """<link rel=alternate> tags for the feeds that match a page (the portal feed is in every frame)."""
    parts = page.url.split("/")
    found = []
    if parts[0] == "don-vi" and len(parts) > 2 and parts[1] in model.units:
        found.append((unit_feed(parts[1]), f"{model.units[parts[1]]['name']}: giải trình mới"))
    if parts[:2] == ["giai-trinh", "linh-vuc"] and len(parts) > 3:
        found.append((field_feed(parts[2]), f"Lĩnh vực {label('explanations', 'field', parts[2])}: giải trình mới"))
    return [f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
            f'href="{html.escape(relative(page.url, path))}">' for path, title in found]


def pages(model: Model) -> Iterator[Page]:
    yield Page("nguon-tin/", "Theo dõi tin mới", "feeds.html",
               {"portal_feed": PORTAL_FEED, "unit_feed": unit_feed, "field_feed": field_feed},
               description="Nguồn tin Atom: yêu cầu giải trình mới, đã giải trình và giải trình chủ động, theo toàn cổng, đơn vị, lĩnh vực")
