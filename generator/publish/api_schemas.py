"""The JSON Schemas of the static JSON API (api/v1/), made from the Table Schemas of the data
standard (generator/schemas/*.yaml, read through generator/schema.py) and from the scorecards'
table: the standard stays the one source of every field's name, type, title and allowed values.

A record object has every field of its Table Schema, computed ones included, always present:
an optional field is null when empty, so a client can rely on the keys. Nothing else is allowed
(`additionalProperties: false`), so a field the standard does not have cannot slip into the API.
tests/test_api.py keeps v1 stable against the committed snapshot tests/api_v1_schemas.json.
"""

from __future__ import annotations

from .. import schema as std
from ..model import stats

DIALECT = "https://json-schema.org/draft/2020-12/schema"
RECORDS = ("explanations", "plans", "follow_ups", "meetings", "reports", "regulations",
           "proactive_explanations")  # one JSON file per record
# The fields of a record listed in its unit's file (the whole record is in its own file).
SUMMARY = {
    "explanations": ("id", "received_on", "field", "subject", "status", "timeliness"),
    "plans": ("id", "number", "title", "issued_on"),
    "follow_ups": ("id", "commitment", "due_on", "status"),
    "meetings": ("id", "held_on", "kind"),
    "reports": ("id", "period", "level", "submitted_on"),
    "regulations": ("id", "number", "title", "status", "next_review_due"),
    "proactive_explanations": ("id", "explained_on", "occasion", "field", "subject"),
}
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean",
          "date": "string", "datetime": "string", "year": "integer", "list": "array"}


def field_schema(f: dict, nullable: bool | None = None) -> dict:
    """A Table Schema field as a JSON Schema (nullable unless the field is required)."""
    kind = f.get("type", "string")
    c = f.get("constraints", {})
    out: dict = {"title": f.get("title", f["name"])}
    if f.get("description"):
        out["description"] = f["description"]
    json_type = _TYPES[kind]
    if nullable if nullable is not None else not c.get("required"):
        out["type"] = [json_type, "null"]
    else:
        out["type"] = json_type
    if kind == "date":
        out["format"] = "date"
    if kind == "list":
        out["items"] = {"type": "string"}
    if "enum" in c:
        out["enum"] = list(c["enum"]) + ([None] if isinstance(out["type"], list) else [])
    if "pattern" in c:
        out["pattern"] = f"^(?:{c['pattern']})$"  # a Table Schema pattern matches the whole value
    for key, word in (("minimum", "minimum"), ("maximum", "maximum"), ("maxLength", "maxLength")):
        if key in c:
            out[word] = c[key]
    return out


def _object(fields: list[dict], title: str, extra: dict | None = None) -> dict:
    props = {f["name"]: field_schema(f) for f in fields}
    props.update(extra or {})
    return {"type": "object", "title": title, "properties": props, "required": list(props),
            "additionalProperties": False}


def _fields(name: str, only: tuple[str, ...] | None = None) -> list[dict]:
    fields = std.load(name).descriptor["fields"]
    return [f for f in fields if only is None or f["name"] in only]


def record(name: str) -> dict:
    """One record of a resource, as api/v1/<resource>/<id>.json holds it."""
    extra = None
    if name == "plans":
        extra = {"tasks": {"type": "array", "title": "Nhiệm vụ của kế hoạch",
                           "items": _object(_fields("plan_tasks"), std.load("plan_tasks").title)}}
    return _object(_fields(name), std.load(name).title, extra)


def _path(title: str) -> dict:
    return {"type": "string", "title": title, "pattern": r"^api/v1/[A-Za-z_/0-9-]+\.json$"}


def _meta() -> dict:
    return {"version": {"type": "string", "const": "v1", "title": "Phiên bản API"},
            "as_of": {"type": "string", "format": "date", "title": "Ngày tính số liệu"}}


def units_index() -> dict:
    unit = _object(_fields("units"), std.load("units").title,
                   {"path": _path("Tệp JSON của đơn vị và danh sách hồ sơ"),
                    "records": {"type": "integer", "minimum": 0, "title": "Số hồ sơ công khai"}})
    return _envelope("Danh sách đơn vị", {"units": {"type": "array", "items": unit}})


def unit_records() -> dict:
    """A unit and the summaries of its records (each with the path of the whole record)."""
    lists = {name: {"type": "array", "title": std.load(name).title,
                    "items": _object(_fields(name, SUMMARY[name]), std.load(name).title,
                                     {"path": _path("Tệp JSON của hồ sơ")})}
             for name in RECORDS}
    return _envelope("Đơn vị và các hồ sơ của đơn vị", {"unit": record("units"), **lists})


def scorecards() -> dict:
    """The scorecard lines of one period (the rows of du-lieu-mo/thong-ke/scorecards.csv)."""
    fields = [{"name": n, "title": t, "type": ty,
               "constraints": {"required": True} if n in ("period", "dimension", "key", "label") else {}}
              for n, t, ty in stats.CSV_FIELDS]
    line = _object(fields, "Một dòng số liệu")
    return _envelope("Số liệu thống kê của một kỳ", {
        "period": {"type": "string", "title": "Kỳ"},
        "method": {"type": "string", "title": "Cách tính"},
        "lines": {"type": "array", "items": line}})


def scorecards_index() -> dict:
    period = {"type": "object", "additionalProperties": False, "required": ["period", "path"],
              "properties": {"period": {"type": "string", "title": "Kỳ"}, "path": _path("Tệp JSON số liệu của kỳ")}}
    return _envelope("Các kỳ có số liệu thống kê", {"periods": {"type": "array", "items": period}})


def index() -> dict:
    endpoint = {"type": "object", "additionalProperties": False, "required": ["path", "schema", "title"],
                "properties": {"path": {"type": "string"}, "schema": _path("JSON Schema"),
                               "title": {"type": "string"}}}
    return _envelope("Mục lục API", {"portal": {"type": "string", "title": "Tên cổng"},
                                     "base_url": {"type": "string", "title": "Địa chỉ cổng (rỗng nếu chưa khai báo)"},
                                     "endpoints": {"type": "array", "items": endpoint}})


def _envelope(title: str, props: dict) -> dict:
    props = {**_meta(), **props}
    return {"type": "object", "title": title, "properties": props, "required": list(props),
            "additionalProperties": False}


def all_schemas() -> dict[str, dict]:
    """Every schema of v1 by name, as published at api/v1/schemas/<name>.json."""
    out = {"index": index(), "units": units_index(), "unit": unit_records(),
           "scorecards_index": scorecards_index(), "scorecards": scorecards()}
    out.update({name: record(name) for name in RECORDS})
    return {name: {"$schema": DIALECT, "$id": f"api/v1/schemas/{name}.json", **body} for name, body in out.items()}
