"""The static JSON API, version 1: the same published rows as the open data (public, published,
not withdrawn: the model holds nothing else), one small file per resource, at URLs that stay as
long as v1 does. A change that removes or retypes a field or moves a URL is v2, beside v1
(tests/test_api.py fails otherwise); adding an optional field is allowed.

  api/v1/index.json                      the endpoints and their schemas
  api/v1/units.json                      every unit
  api/v1/units/<unit>.json               a unit and the summaries of its records
  api/v1/<resource>/<id>.json            one record (explanations, plans, follow_ups, meetings, reports,
                                         regulations, proactive_explanations)
  api/v1/scorecards.json                 the periods with statistics
  api/v1/scorecards/<period>.json        the scorecards of a period (the statistics pages' figures)
  api/v1/schemas/<name>.json             the JSON Schema of each kind of file

One file per record is what a client asks for ("give me request X"); at 100,000 records that
is 100,000 small files, so they are written without indentation. Measured at 20,000 synthetic
records (bench/api_outputs.py): 19,473 files, 32 MB (about 1.6 KB a record, 90 MB on disk in
4 KB blocks), made and hashed in about 2.5 s in the open data's process, beside the pages.
"""

from __future__ import annotations

import datetime as dt
import json

from .. import schema as std
from ..model import stats
from ..model.model import Model, Row
from ..pages.api_page import ENDPOINTS
from .api_schemas import RECORDS, SUMMARY, all_schemas

BASE = "api/v1/"
def dumps(value: object) -> bytes:
    """Compact JSON (no indentation: 100,000 record files), UTF-8, dates as ISO 8601."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_iso).encode("utf-8")


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def record_path(resource: str, rid: str) -> str:
    return f"{BASE}{resource}/{rid}.json"


def _row(names: list[str], r: Row) -> dict[str, object]:
    return {n: r.get(n) for n in names}


def record(resource: str, r: Row) -> dict[str, object]:
    """A record as its file holds it: every field of the standard, in the schema's order."""
    out = _row(_names(resource), r)
    for f in std.load(resource).descriptor["fields"]:  # a list (named_officials, channels) is an array, as its schema says
        if f.get("type") == "list" and isinstance(out.get(f["name"]), str):
            out[f["name"]] = [item.strip() for item in out[f["name"]].split(f.get("delimiter", ",")) if item.strip()]
    if resource == "plans":
        out["tasks"] = [_row(_names("plan_tasks"), t) for t in r["tasks"]]
    return out


def _names(resource: str) -> list[str]:
    return [f.name for f in std.load(resource).fields]


def _meta(model: Model) -> dict[str, object]:
    return {"version": "v1", "as_of": model.as_of}


def files(model: Model) -> dict[str, bytes]:
    """Every file of the API, keyed by its path in the site."""
    out: dict[str, bytes] = {}
    by_unit: dict[str, dict[str, list[dict]]] = {uid: {name: [] for name in RECORDS} for uid in model.units}
    for resource in RECORDS:
        summary = list(SUMMARY[resource])
        for r in model.resource(resource):
            path = record_path(resource, r["id"])
            out[path] = dumps(record(resource, r))
            by_unit[r["unit"]][resource].append({**_row(summary, r), "path": path})
    units = []
    for uid, u in model.units.items():
        path = f"{BASE}units/{uid}.json"
        out[path] = dumps({**_meta(model), "unit": _row(_names("units"), u), **by_unit[uid]})
        units.append({**_row(_names("units"), u), "path": path,
                      "records": sum(len(rows) for rows in by_unit[uid].values())})
    out[BASE + "units.json"] = dumps({**_meta(model), "units": units})
    periods = []
    for label, dims in stats.all_scorecards(model).items():
        path = f"{BASE}scorecards/{label}.json"
        lines = [line.row() for lines in dims.values() for line in lines]
        out[path] = dumps({**_meta(model), "period": label, "method": stats.METHOD, "lines": lines})
        periods.append({"period": label, "path": path})
    out[BASE + "scorecards.json"] = dumps({**_meta(model), "periods": periods})
    out[BASE + "index.json"] = dumps({
        **_meta(model), "portal": model.settings.portal.name, "base_url": model.settings.portal.base_url,
        "endpoints": [{"path": p, "schema": f"{BASE}schemas/{s}.json", "title": t} for p, s, t in ENDPOINTS]})
    for name, body in all_schemas().items():
        out[f"{BASE}schemas/{name}.json"] = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")
    return out
