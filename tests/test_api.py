"""The static JSON API (api/v1/): every file validates against its published JSON Schema, only
what the open data publishes is in it, v1 stays stable against the committed snapshot
tests/api_v1_schemas.json, and an incremental rebuild keeps its files right."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import jsonschema
from conftest import AS_OF, ROOT
from test_incremental import project, rebuild_matches_full  # noqa: F401  (the fixture is used by name)

from generator import schema as std
from generator.build import build
from generator.pages.api_page import ENDPOINTS
from generator.publish import api_schemas

SNAPSHOT = Path(__file__).parent / "api_v1_schemas.json"


def schema_for(path: str) -> str:
    """The schema of an API file, from the URL patterns of v1."""
    for pattern, schema, _ in ENDPOINTS:
        if re.fullmatch(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(pattern)), path):
            return schema
    raise AssertionError(f"{path} matches no URL of v1")


def api_files(site: Path) -> dict[str, object]:
    root = site / "api" / "v1"
    return {p.relative_to(site).as_posix(): json.loads(p.read_bytes())
            for p in sorted(root.rglob("*.json")) if "schemas" not in p.parts}


def test_every_file_validates_against_its_schema(sample_site: Path):
    schemas = {name: json.loads((sample_site / "api/v1/schemas" / f"{name}.json").read_bytes())
               for name in api_schemas.all_schemas()}
    assert schemas == json.loads(json.dumps(api_schemas.all_schemas()))  # the published ones are the generated ones
    files = api_files(sample_site)
    seen = set()
    for path, body in files.items():
        name = schema_for(path)
        seen.add(name)
        validator = jsonschema.Draft202012Validator(schemas[name], format_checker=jsonschema.FormatChecker())
        errors = [f"{path}: {e.json_path}: {e.message}" for e in validator.iter_errors(body)]
        assert errors == []
    assert seen == {schema for _, schema, _ in ENDPOINTS}  # every URL of v1 has a file on the sample portal
    # Compact: no indentation in the 100,000 record files.
    assert b"\n" not in (sample_site / "api/v1/explanations/xa-thien-tan-2026-006.json").read_bytes()


def open_data(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "du-lieu-mo" / f"{name}.csv").read_text("utf-8"), newline="")))


def as_api(resource: str, row: dict[str, str]) -> dict:
    """A row of the open data's CSV with its list fields (one text, items separated by the
    field's delimiter) as the arrays the API's schema promises (an empty one is null there)."""
    lists = {f["name"]: f.get("delimiter", ",") for f in std.load(resource).descriptor["fields"] if f.get("type") == "list"}
    return {k: [item.strip() for item in v.split(lists[k]) if item.strip()] if k in lists and v else v
            for k, v in row.items()}


def test_only_what_the_open_data_publishes(sample_site: Path):
    """One file per published record, exactly the open data's rows (its CSV, the same values):
    nothing private or withdrawn."""
    files = api_files(sample_site)
    for resource in api_schemas.RECORDS:
        published = open_data(sample_site, resource)
        in_api = {p.rsplit("/", 1)[1][:-5]: body for p, body in files.items() if p.startswith(f"api/v1/{resource}/")}
        assert sorted(in_api) == sorted(r["id"] for r in published) and published
        for r in published:
            assert {k: v if isinstance(v, list) else std.cell(v) for k, v in in_api[r["id"]].items()
                    if k != "tasks"} == as_api(resource, r)
    withdrawn = [r["id"] for r in open_data(sample_site, "withdrawals")]
    private = [p.stem for p in sorted((ROOT / "data").glob("*/*/*.yaml")) if "\npublic: false" in p.read_text("utf-8")]
    assert withdrawn and private
    text = "\n".join(p.read_text("utf-8") for p in (sample_site / "api").rglob("*.json") if "schemas" not in p.parts)
    assert [rid for rid in withdrawn + private if rid in text] == []
    unit = files["api/v1/units/xa-thien-tan.json"]
    assert [r["id"] for r in unit["explanations"]] == [r["id"] for r in open_data(sample_site, "explanations")
                                                       if r["unit"] == "xa-thien-tan"]
    assert unit["explanations"][0] == {
        "id": "xa-thien-tan-2026-006", "received_on": "2026-11-18", "field": "thu_tuc_hanh_chinh",
        "subject": "Giải trình việc chậm trả kết quả đăng ký khai sinh kết hợp cấp bảo hiểm y tế cho trẻ em",
        "status": "received", "timeliness": "pending", "path": "api/v1/explanations/xa-thien-tan-2026-006.json"}


def breaking(old: dict, new: dict) -> list[str]:
    """What a new v1 takes away from the old: a URL, a schema, a field or a field's type (a
    nullable field made non-null counts as retyped). Adding a field or a URL is not breaking."""
    out = [f"địa chỉ {u} bị bỏ" for u in old["urls"] if u not in new["urls"]]
    for name, schema in old["schemas"].items():
        if name not in new["schemas"]:
            out.append(f"lược đồ {name} bị bỏ")
            continue
        out += _fields_lost(name, schema, new["schemas"][name])
    return out


def _fields_lost(where: str, old: dict, new: dict) -> list[str]:
    out = []
    if old.get("type") != new.get("type") or old.get("format") != new.get("format"):
        out.append(f"{where}: kiểu đổi từ {old.get('type')} sang {new.get('type')}")
    props_old, props_new = old.get("properties", {}), new.get("properties", {})
    for key, sub in props_old.items():
        if key not in props_new:
            out.append(f"{where}.{key}: trường bị bỏ")
        else:
            out += _fields_lost(f"{where}.{key}", sub, props_new[key])
    if "items" in old and "items" in new:
        out += _fields_lost(f"{where}[]", old["items"], new["items"])
    return out


def current() -> dict:
    return {"urls": [pattern for pattern, _, _ in ENDPOINTS], "schemas": api_schemas.all_schemas()}


def test_v1_is_stable():
    """Compared with the committed snapshot; GIAITRINH_REFRESH_API_SNAPSHOT=1 records an additive change."""
    old = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    lost = breaking(old, current())
    assert lost == [], ("API v1 phải giữ nguyên: " + "; ".join(lost) + ". Một thay đổi bỏ hoặc đổi kiểu trường, "
                        "hay bỏ một địa chỉ, phải là phiên bản mới: làm api/v2/ bên cạnh v1, đừng sửa v1.")
    if os.environ.get("GIAITRINH_REFRESH_API_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(current(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_the_stability_check_can_fail():
    old = current()
    new = json.loads(json.dumps(old))
    assert breaking(old, new) == []
    added = json.loads(json.dumps(old))
    added["schemas"]["explanations"]["properties"]["new_field"] = {"type": ["string", "null"]}
    added["urls"].append("api/v1/new.json")
    assert breaking(old, added) == []  # adding is allowed
    del new["schemas"]["explanations"]["properties"]["subject"]
    new["schemas"]["meetings"]["properties"]["participants"]["type"] = ["string", "null"]
    new["urls"].remove("api/v1/units/{unit}.json")
    assert breaking(old, new) == [
        "địa chỉ api/v1/units/{unit}.json bị bỏ",
        "explanations.subject: trường bị bỏ",
        "meetings.participants: kiểu đổi từ ['integer', 'null'] sang ['string', 'null']",
    ]


def _edit(record: Path, field: str, value: str) -> None:
    text = record.read_text(encoding="utf-8")
    assert f"\n{field}:" in text
    record.write_text("\n".join(f"{field}: {value}" if line.startswith(f"{field}:") else line
                                for line in text.splitlines()) + "\n", encoding="utf-8")


def test_changed_records_change_their_files_after_a_rebuild(project: Path):  # noqa: F811
    """A commitment with an open deadline and its unit's newest request are edited: their API
    files, their unit's file, block and calendar and the portal's calendar change, and the
    rebuild is byte for byte a full build."""
    build(project / "data", project / "site", AS_OF)
    cal = (project / "site/nguon-tin/lich-han.ics").read_text("utf-8").replace("\r\n ", "")
    for fid in re.findall(r"UID:theo-doi-(.+?)-thuc-hien@", cal):  # the first whose unit has requests too
        follow_up = next((project / "data").glob(f"*/theo-doi/{fid}.yaml"))
        unit = follow_up.parent.parent.name
        requests = json.loads((project / "site/api/v1/units" / f"{unit}.json").read_bytes())["explanations"]
        if requests:
            break
    rid = requests[0]["id"]
    watched = [f"api/v1/follow_ups/{fid}.json", f"api/v1/explanations/{rid}.json", f"api/v1/units/{unit}.json",
               f"don-vi/{unit}/lich-han.ics", "nguon-tin/lich-han.ics", f"nhung/{unit}/khoi.json",
               f"nhung/{unit}/khoi.html"]
    before = {p: (project / "site" / p).read_bytes() for p in watched}
    _edit(follow_up, "commitment", "Cam kết mới đã sửa")
    _edit(next((project / "data").glob(f"*/giai-trinh/{rid}.yaml")), "subject", "Yêu cầu mới đã sửa")
    rebuild_matches_full(project)  # byte for byte what a full build writes
    after = {p: (project / "site" / p).read_bytes() for p in watched}
    assert [p for p in watched if before[p] == after[p]] == []
    assert json.loads(after[watched[0]])["commitment"] == "Cam kết mới đã sửa"
    assert json.loads(after[watched[1]])["subject"] == "Yêu cầu mới đã sửa"
    assert "Hạn thực hiện cam kết: Cam kết mới đã sửa" in after[watched[3]].decode("utf-8").replace("\r\n ", "")
    assert json.loads(after[watched[5]])["latest"][0]["subject"] == "Yêu cầu mới đã sửa"
