"""Lookup by code without JavaScript: the lookup page lists every unit with the years it received
requests in, and each unit and year has one page listing its codes, each a link to its record.

A static form can only go to a static address, so the citizen who reads `xa-thien-tan-2026-005`
off a receipt picks the unit and the year (both in the code) and then the code. The script of the
lookup page reads the same pages to find a code typed with spaces, dots or no hyphens and to say
"did you mean" (site_templates/assets/giaitrinh.js), so it never asks for an address that does not
exist. Weight at 100,000 records: 200 units × 2-3 years, about 600 pages of ~170 codes (~20 MB);
no page per code beyond the record's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..model.model import Model
from .page import Group, Page

FOLDER = "tra-cuu/"


def codes_url(uid: str, year: int) -> str:
    return f"{FOLDER}{uid}/{year}/"


def code_lists(model: Model) -> dict[str, dict[int, list[tuple[str, object, bool]]]]:
    """{unit: {year: [(code, date, withdrawn)]}}: published requests by the year received, withdrawn
    ones by the year withdrawn (their page says so), codes in order."""
    out: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for r in model.explanations:
        out[r["unit"]][r["received_on"].year].append((r["id"], r["received_on"], False))
    for r in model.withdrawn:
        out[r["unit"]][r["withdrawn_on"].year].append((r["id"], r["withdrawn_on"], True))
    return {uid: {y: sorted(rows) for y, rows in years.items()} for uid, years in out.items()}


def pages(model: Model) -> Iterator[Page | Group]:
    lists = code_lists(model)
    units = sorted(((u["name"], uid, [(y, codes_url(uid, y), len(lists[uid][y])) for y in sorted(lists[uid], reverse=True)])
                    for uid, u in model.units.items() if uid in lists))
    yield Page(FOLDER, "Tra cứu yêu cầu giải trình", "lookup.html", {"code_units": units})
    for uid, years in lists.items():
        yield Group(f"{FOLDER}{uid}/", _unit_code_pages, (uid, model.units[uid]["name"], years))


def _unit_code_pages(uid: str, name: str, years: dict[int, list]) -> Iterator[Page]:
    for year, rows in years.items():
        yield Page(codes_url(uid, year), f"Mã tra cứu của {name} năm {year}", "lookup_codes.html",
                   {"unit_id": uid, "unit_name": name, "year": year, "codes": rows},
                   description=f"Mã tra cứu các yêu cầu giải trình {name} nhận năm {year}")
