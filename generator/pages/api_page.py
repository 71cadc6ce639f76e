"""The page that documents the static JSON API (du-lieu-mo/api/): its versioned URLs, their JSON
Schemas and examples from this portal's own data, with the deadline calendars and the
embeddable blocks that other systems take from the portal too. The files themselves are made
by generator/publish/api.py, calendars.py and embed.py."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.model import Model
from .page import Page

URL = "du-lieu-mo/api/"
# (URL pattern, schema, Vietnamese title): the URLs of v1, kept by tests/test_api.py's snapshot.
ENDPOINTS = (
    ("api/v1/index.json", "index", "Mục lục API: các địa chỉ và lược đồ"),
    ("api/v1/units.json", "units", "Danh sách đơn vị"),
    ("api/v1/units/{unit}.json", "unit", "Một đơn vị và danh sách hồ sơ công khai của đơn vị"),
    ("api/v1/explanations/{id}.json", "explanations", "Một yêu cầu giải trình"),
    ("api/v1/plans/{id}.json", "plans", "Một kế hoạch triển khai (kèm các nhiệm vụ)"),
    ("api/v1/follow_ups/{id}.json", "follow_ups", "Một cam kết, kiến nghị theo dõi"),
    ("api/v1/meetings/{id}.json", "meetings", "Một buổi tiếp công dân, đối thoại"),
    ("api/v1/reports/{id}.json", "reports", "Một báo cáo định kỳ"),
    ("api/v1/regulations/{id}.json", "regulations", "Một quy chế, quy định nội bộ (kèm các phiên bản)"),
    ("api/v1/proactive_explanations/{id}.json", "proactive_explanations", "Một nội dung giải trình chủ động"),
    ("api/v1/scorecards.json", "scorecards_index", "Các kỳ có số liệu thống kê"),
    ("api/v1/scorecards/{period}.json", "scorecards", "Số liệu thống kê của một kỳ"),
)


def examples(model: Model) -> dict[str, str]:
    """An address of this portal for each pattern: the first unit, the newest record of each
    kind, this year's scorecards (none for a kind without records)."""
    out = {}
    for pattern, schema, _ in ENDPOINTS:
        if "{id}" in pattern:
            rows = model.resource(schema)
            value = rows[0]["id"] if rows else None
        elif "{unit}" in pattern:
            value = next(iter(model.units), None)
        else:
            value = str(model.as_of.year)  # {period}, or no placeholder at all
        if value is not None:
            out[pattern] = pattern.format(id=value, unit=value, period=value)
    return out


def pages(model: Model) -> Iterator[Page]:
    first = next(iter(model.units), "")
    yield Page(URL, "API dữ liệu JSON", "api.html",
               {"endpoints": ENDPOINTS, "examples": examples(model), "first_unit": first,
                "first_unit_name": model.units[first]["name"] if first else ""},
               description="Địa chỉ cố định (phiên bản v1) của dữ liệu công khai dạng JSON, lược đồ JSON Schema, "
                           "lịch hạn xử lý (iCal) và khối thông tin để nhúng vào trang web khác.")
