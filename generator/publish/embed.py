"""The embeddable block for the provincial portal's CMS: per unit and for the whole portal, a
small HTML fragment, the same facts as JSON, and a page made to be shown in an iframe (khung.html:
not an index.html, so not a page of the portal's sitemap).

  nhung/khoi.html, nhung/khoi.json, nhung/khung.html                         the whole portal
  nhung/<unit>/khoi.html, nhung/<unit>/khoi.json, nhung/<unit>/khung.html    one unit

The block holds the latest published requests, the on-time figure of the current year and a
link to the portal. No script. It is styled to sit in a page we do not control: one <style>
whose every selector starts with the block's own class (`.gtm-khoi`), and the block's root
resets what it would inherit (`all: initial`), so it neither takes nor gives page styles.

The on-time figure is the statistics pages' own (model/stats.py, `card`): of the requests
received this year and answered, how many were answered on time, as a count "17/22 giải trình
đúng hạn" named in words; the percentage only when at least stats.SMALL stand behind it.
Links are absolute when the portal's address (base_url) is known; without it they are relative
to the block's folder, which works for the iframe page but not for a fragment pasted elsewhere.
"""

from __future__ import annotations

import html
import json

from ..model import stats
from ..model.model import Model, Row
from ..pages.page import label, vi_date
from ..rules.periods import parse_period

LATEST = 5
STYLE = (
    ".gtm-khoi{all:initial;display:block;box-sizing:border-box;max-width:100%;padding:12px 14px;"
    "border:1px solid #b8c4d0;border-radius:6px;background:#fff;color:#1b1b1b;"
    "font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;text-align:left}"
    ".gtm-khoi *{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;list-style:none}"
    ".gtm-khoi a{color:#0b4f8a;text-decoration:underline}"
    ".gtm-khoi .gtm-tieu-de{font-weight:700;font-size:15px;margin-bottom:6px}"
    ".gtm-khoi .gtm-so{font-weight:700;font-size:18px}"
    ".gtm-khoi .gtm-ds{margin:8px 0}"
    ".gtm-khoi .gtm-ds li{padding:4px 0;border-top:1px solid #e3e8ee}"
    ".gtm-khoi .gtm-phu{display:block;color:#4a5560;font-size:12px}"
    ".gtm-khoi .gtm-chan{font-size:12px;color:#4a5560}"
)


def folder(unit: str | None) -> str:
    return f"nhung/{unit}/" if unit else "nhung/"


def _href(model: Model, here: str, path: str) -> str:
    base = model.settings.portal.base_url
    if base:
        return base + path
    return "../" * here.count("/") + path


def _year_line(model: Model, unit: str | None) -> dict[str, object]:
    """The current year's figures of the unit (or the portal), as the statistics pages have them."""
    year = str(model.as_of.year)
    cards = stats.all_scorecards(model).get(year) or stats.scorecards(model, parse_period(year))
    if unit is None:
        return cards["portal"][0].figures
    return next(line.figures for line in cards["unit"] if line.key == unit)


def facts(model: Model, unit: str | None, rows: list[Row]) -> dict[str, object]:
    """What the block shows, as its JSON file holds it (`rows`: the unit's requests, newest first)."""
    here = folder(unit)
    figures = _year_line(model, unit)
    answered, on_time, rate = figures["answered"], figures["answered_on_time"], figures["on_time_rate"]
    year = model.as_of.year
    name = model.settings.portal.name if unit is None else model.units[unit]["name"]
    page = "" if unit is None else f"don-vi/{unit}/"
    return {
        "as_of": model.as_of.isoformat(),
        "unit": None if unit is None else {"id": unit, "name": name},
        "title": name,
        "year": year,
        "answered": answered,
        "answered_on_time": on_time,
        "on_time_rate": rate,
        "on_time_text": f"{on_time}/{answered} giải trình đúng hạn",
        "definition": f"Trong số yêu cầu nhận năm {year} đã được giải trình, số được giải trình đúng hạn "
                      f"(cách tính như trang Thống kê), tính đến ngày {vi_date(model.as_of)}.",
        "latest": [{"id": r["id"], "subject": r["subject"], "received_on": r["received_on"].isoformat(),
                    "status": r["status"], "status_label": label("explanations", "status", r["status"]),
                    "url": _href(model, here, f"giai-trinh/{r['id']}/")} for r in rows[:LATEST]],
        "url": _href(model, here, page),
    }


def fragment(f: dict) -> str:
    """The block as HTML, every text escaped."""
    e = html.escape
    if f["answered"]:
        rate = f" ({stats.fmt(f['on_time_rate'])} %)" if f["on_time_rate"] is not None else ""
        figure = (f'<p><span class="gtm-so">{f["answered_on_time"]}/{f["answered"]}</span> giải trình đúng hạn'
                  f'{rate}</p><p class="gtm-phu">{e(f["definition"])}</p>')
    else:
        figure = f'<p class="gtm-phu">Chưa có yêu cầu nhận năm {f["year"]} được giải trình.</p>'
    items = "".join(
        f'<li><a href="{e(r["url"])}">{e(r["subject"])}</a><span class="gtm-phu">'
        f'Nhận ngày {vi_date_text(r["received_on"])} · {e(r["status_label"])}</span></li>' for r in f["latest"])
    latest = f'<ul class="gtm-ds">{items}</ul>' if items else '<p class="gtm-phu">Chưa có yêu cầu được công khai.</p>'
    return (f'<div class="gtm-khoi" lang="vi"><style>{STYLE}</style>'
            f'<p class="gtm-tieu-de">Trách nhiệm giải trình: <a href="{e(f["url"])}">{e(f["title"])}</a></p>'
            f'{figure}{latest}'
            f'<p class="gtm-chan"><a href="{e(f["url"])}">Xem đầy đủ trên Cổng Giải trình mở</a></p></div>\n')


def vi_date_text(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def iframe_page(f: dict, block: str) -> str:
    """A whole page holding only the block, for <iframe src=…>; its links open in the top window."""
    return ('<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<meta name="robots" content="noindex"><title>{html.escape(f["title"])}</title>'
            '<base target="_top"><style>body{margin:0;background:transparent}</style></head>'
            f'<body>{block}</body></html>\n')


def files(model: Model) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    latest: dict[str, list[Row]] = {uid: [] for uid in model.units}
    for r in model.explanations:  # newest first: the first LATEST of each unit are its latest
        if len(latest[r["unit"]]) < LATEST:
            latest[r["unit"]].append(r)
    for unit in (None, *model.units):
        f = facts(model, unit, model.explanations[:LATEST] if unit is None else latest[unit])
        block = fragment(f)
        here = folder(unit)
        out[here + "khoi.html"] = block.encode("utf-8")
        out[here + "khoi.json"] = json.dumps(f, ensure_ascii=False, indent=1).encode("utf-8")
        out[here + "khung.html"] = iframe_page(f, block).encode("utf-8")
    return out
