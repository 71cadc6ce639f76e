"""The portal's settings files in data/: portal.yaml (name, licence, schedule), legal-sources.yaml
(the registry of the documents everything else cites), rules.yaml (the dated legal clock) and
calendar.yaml (the days off and the weekend days worked, each with its legal basis).

The hand-written pages in content/ cite the registry too; their citations are checked here, with
the settings, so that every path that validates data (build, validate, --changed) reports them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..load.data_folder import Loaded
from ..problems import Problem
from ..rules.calendar import Calendar, Day
from ..rules.clock import Rule
from . import legal, releases
from .legal import Registry
from .releases import Release

DEFAULT_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Ghi công 4.0 Quốc tế",
                   "path": "https://creativecommons.org/licenses/by/4.0/deed.vi"}


@dataclass(frozen=True)
class Portal:
    name: str
    short_name: str
    sample: bool
    base_url: str
    licence: dict
    official_domains: tuple[str, ...]
    publisher: str
    contact_email: str
    reporting_schedule: tuple[dict, ...]
    strip_pdf_metadata: bool = True  # publish PDF attachments without their metadata (author, title…)
    reporting_basis: str = ""  # where the schedule comes from, shown beside it
    area: str = ""  # the place the records cover ("tỉnh Lạng Sơn"): the open data's spatial coverage
    precompress: bool = False  # a .gz beside every file worth it, for gzip_static (publish/compress.py)
    request_intake_url: str = ""  # the province's own intake of explanation requests: the request form goes there


@dataclass
class Settings:
    portal: Portal
    rules: list[Rule]
    calendar: Calendar
    problems: list[Problem] = field(default_factory=list)
    registry: Registry = field(default_factory=dict)
    releases: tuple[Release, ...] = ()  # the open data's releases cut so far, oldest first


class _Reader:
    """Reads typed values out of a settings mapping, collecting problems instead of raising."""

    def __init__(self, path: str, lines: dict[str, int], problems: list[Problem]):
        self.path, self.lines, self.problems = path, lines, problems

    def bad(self, name: str, detail: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or self.lines.get(name, 1), "config-invalid",
                                     field=name, detail=detail))

    def date(self, data: dict, name: str, line: int | None = None) -> dt.date | None:
        value = data.get(name)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.bad(name, f"“{value}” không phải ngày năm-tháng-ngày", line)
            return None

    def int(self, data: dict, name: str, line: int | None = None) -> int | None:
        value = data.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        self.bad(name, f"“{value}” phải là số nguyên không âm", line)
        return None


def _mapping(loaded: Loaded, name: str, problems: list[Problem]) -> tuple[str, dict, dict[str, int]]:
    path, data, lines = loaded.settings.get(name, (f"data/{name}.yaml", {}, {}))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.append(Problem(path, 1, "config-invalid", field=name, detail="phải là các cặp “tên: giá trị”"))
        data = {}
    return path, data, lines


def read_portal(loaded: Loaded, problems: list[Problem]) -> Portal:
    path, d, lines = _mapping(loaded, "portal", problems)
    r = _Reader(path, lines, problems)
    if not d.get("name"):
        r.bad("name", "thiếu tên cổng")
    base_url = _base_url(r, d.get("base_url"))
    schedule = d.get("reporting_schedule") or []
    if not isinstance(schedule, list) or not all(isinstance(s, dict) for s in schedule):
        r.bad("reporting_schedule", "phải là danh sách {level, period, due}")
        schedule = []
    for item in schedule:
        if item.get("level") not in ("unit", "consolidated") or item.get("period") not in ("H1", "H2", "year") \
                or not _month_day(str(item.get("due", ""))):
            r.bad("reporting_schedule", f"mục {item} cần level unit|consolidated, period H1|H2|year, due MM-DD")
    domains = d.get("official_domains") or ["gov.vn"]
    if not isinstance(domains, list) or not all(isinstance(x, str) and x.strip(".") for x in domains):
        r.bad("official_domains", f"“{domains}” phải là danh sách tên miền, ví dụ [gov.vn]")
        domains = ["gov.vn"]
    licence = d.get("licence") or DEFAULT_LICENCE
    if not isinstance(licence, dict) or not all(isinstance(licence.get(k), str) and licence[k] for k in ("name", "path")) \
            or not isinstance(licence.get("title", ""), str):
        r.bad("licence", "phải có name (tên giấy phép), path (đường dẫn https://) và title (tên đầy đủ, tùy chọn)")
        licence = DEFAULT_LICENCE
    strip = d.get("strip_pdf_metadata", True)
    if not isinstance(strip, bool):
        r.bad("strip_pdf_metadata", f"“{strip}” phải là true (xóa thuộc tính tệp PDF ở bản đăng) hoặc false")
        strip = True
    precompress = d.get("precompress", False)
    if not isinstance(precompress, bool):
        r.bad("precompress", f"“{precompress}” phải là true (ghi thêm bản nén .gz cạnh mỗi tệp) hoặc false")
        precompress = False
    return Portal(
        name=str(d.get("name") or "Cổng công khai trách nhiệm giải trình"),
        short_name=str(d.get("short_name") or "Giải trình mở"),
        sample=bool(d.get("sample", False)),
        base_url=base_url,
        licence={"name": licence["name"], "title": licence.get("title") or licence["name"], "path": licence["path"]},
        official_domains=tuple(x.lower() for x in domains),
        publisher=str(d.get("publisher") or ""),
        contact_email=str(d.get("contact_email") or ""),
        reporting_schedule=tuple(schedule),
        strip_pdf_metadata=strip,
        reporting_basis=str(d.get("reporting_basis") or ""),
        area=str(d.get("area") or ""),
        precompress=precompress,
        request_intake_url=_intake_url(r, d.get("request_intake_url")),
    )


def _url_flaw(text: str, schemes: tuple[str, ...]) -> str | None:
    """What makes an address unusable as a setting (in Vietnamese), or None when it is fine."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in schemes or not parts.netloc:
        if parts is not None and not parts.scheme:
            return "thiếu https:// ở đầu"
        return "không phải địa chỉ web https" if schemes == ("https",) else "không phải địa chỉ web http(s)"
    if parts.query or text.endswith("?"):
        return "có phần truy vấn “?…”"
    if parts.fragment or "#" in text:
        return "có phần neo “#…”"
    return None


def _base_url(r: _Reader, value: object) -> str:
    """The portal's address, the one setting of where it is hosted (a sub-path such as
    https://langson.gov.vn/giai-trinh/ included): canonical addresses, feeds, the sitemap and the
    engine's site_url all come from it. Returned ending in "/"; "" when not set or unusable."""
    text = str(value or "").strip()
    if not text:
        return ""
    detail = _url_flaw(text, ("http", "https"))
    if detail is None:
        return text.rstrip("/") + "/"
    r.problems.append(Problem(r.path, r.lines.get("base_url", 1), "base-url-invalid", field="base_url",
                              value=text, detail=detail))
    return ""


def _intake_url(r: _Reader, value: object) -> str:
    """Where the province's electronic portal takes explanation requests in, when it has such an
    intake: the request form of every unit posts there instead of offering an email. https only
    (a request carries the citizen's name and address), no query (the form's fields make it).
    "" when not set or unusable: the form then falls back to the letter and the email."""
    text = str(value or "").strip()
    if not text:
        return ""
    detail = _url_flaw(text, ("https",))
    if detail is None:
        return text
    r.problems.append(Problem(r.path, r.lines.get("request_intake_url", 1), "request-intake-url-invalid",
                              field="request_intake_url", value=text, detail=detail))
    return ""


def _month_day(text: str) -> tuple[int, int] | None:
    try:
        month, day = (int(x) for x in text.split("-"))
        dt.date(2024, month, day)
        return month, day
    except ValueError:
        return None


RULE_FIELDS = ("accept_working_days", "answer_days", "extension_max_days", "max_extensions")
RULE_REQUIRED = ("id", "effective_from", "accept_working_days", "answer_days", "answer_day_kind",
                 "extension_max_days", "max_extensions")
RULE_KNOWN = (*RULE_REQUIRED, "title", "basis", "sources", "note", "verified")
DAY_KINDS = ("calendar", "working")


def _citations(value: object, where: str, line: int, registry: Registry, path: str,
               problems: list[Problem]) -> tuple[tuple[str, str], ...]:
    """A list of {source: id, article: …} (the form rules.yaml uses), checked against the registry."""
    if value in (None, ""):
        return ()
    if not isinstance(value, list) or not all(isinstance(c, dict) and c.get("source") for c in value):
        problems.append(Problem(path, line, "config-invalid", field=where,
                                detail="phải là danh sách {source: mã văn bản, article: điều, khoản}"))
        return ()
    out = tuple((str(c["source"]), str(c.get("article") or "")) for c in value)
    for source, _ in out:
        problems += legal.check_cite(registry, path, line, where, source)
    return out


def read_rules(loaded: Loaded, problems: list[Problem], registry: Registry) -> list[Rule]:
    """The dated rules. Every number is required (no silent default for a legal number);
    `max_extensions` can be 0 or 1: a record holds a single extension (extended_on,
    extension_days), so 1 is the most the data can express, and 0 forbids any extension. A rule
    cites its basis in `sources` (ids in legal-sources.yaml, with the article); `verified: false`
    marks a rule kept while the law that replaced it is being verified."""
    path, d, lines = _mapping(loaded, "rules", problems)
    r = _Reader(path, lines, problems)
    items = d.get("rules")
    if not isinstance(items, list) or not items:
        r.bad("rules", "cần ít nhất một bộ quy định về thời hạn")
        return []
    rules: list[Rule] = []
    first_line: dict[str, int] = {}
    starts: dict[dt.date, tuple[str, int]] = {}
    for i, item in enumerate(items):
        key = f"rules[{i}]"
        line = lines.get(key, lines.get("rules", 1))
        at = {name: lines.get(f"{key}.{name}", line) for name in RULE_KNOWN}
        if not isinstance(item, dict):
            r.bad("rules", "mỗi bộ quy định là các cặp “tên: giá trị”", line)
            continue
        before = len(problems)
        for name in item:
            if name not in RULE_KNOWN:
                problems.append(Problem(path, lines.get(f"{key}.{name}", line), "rules-unknown-field",
                                        field=str(name), value=str(i + 1), detail=", ".join(RULE_KNOWN)))
        for name in RULE_REQUIRED:
            if item.get(name) in (None, ""):
                problems.append(Problem(path, line, "rules-missing-field", field=name, value=str(i + 1)))
        start = r.date(item, "effective_from", at["effective_from"]) if item.get("effective_from") else None
        numbers = {k: r.int(item, k, at[k]) for k in RULE_FIELDS if item.get(k) is not None}
        if numbers.get("max_extensions") is not None and numbers["max_extensions"] > 1:
            r.bad("max_extensions", "mỗi hồ sơ chỉ ghi được một lần gia hạn: chỉ nhận 0 hoặc 1",
                  at["max_extensions"])
        kind = item.get("answer_day_kind")
        if kind is not None and kind not in DAY_KINDS:
            problems.append(Problem(path, at["answer_day_kind"], "rules-bad-kind", field="answer_day_kind",
                                    value=str(kind)))
        rid = str(item.get("id") or "")
        if rid and rid in first_line:
            problems.append(Problem(path, at["id"], "rules-duplicate-id", field="id", value=rid,
                                    detail=str(first_line[rid])))
        first_line.setdefault(rid, at["id"])
        if start is not None and start in starts:
            other, other_line = starts[start]
            problems.append(Problem(path, at["effective_from"], "rules-overlap", field="effective_from",
                                    value=start.isoformat(), detail=f"{other} ở dòng {other_line} và {rid or '?'}"))
        elif start is not None:
            starts[start] = (rid or "?", at["effective_from"])
        sources = _citations(item.get("sources"), "sources", at["sources"], registry, path, problems)
        for name in ("title", "basis", "note"):
            problems += legal.check_text(registry, path, at[name], name, str(item.get(name) or ""))
        verified = item.get("verified", True)
        if not isinstance(verified, bool):
            r.bad("verified", "ghi true (đã xác minh) hoặc false (đang được xác minh)", at["verified"])
        if len(problems) > before:
            continue
        basis = "; ".join(registry[s].cite(a) for s, a in sources) or str(item.get("basis", "")).strip()
        rules.append(Rule(id=rid, effective_from=start, title=str(item.get("title", "")), basis=basis,
                          answer_day_kind=kind, sources=sources, note=str(item.get("note") or "").strip(),
                          verified=verified, **numbers))
    rules.sort(key=lambda x: x.effective_from)
    return rules


DAY_LISTS = ("days_off", "working_days", "removed")


def read_calendar(loaded: Loaded, problems: list[Problem], registry: Registry) -> Calendar:
    """calendar.yaml: the fixed days off of every year (`standing`, by law), and for each date a
    day off, a weekend day worked or a package day removed, each {date, reason, source, article}.
    A year listed in confirmed_years must give every one of its days a source."""
    path, d, lines = _mapping(loaded, "calendar", problems)
    r = _Reader(path, lines, problems)
    cal = Calendar(source=str(d.get("base", "holidays-vn")))

    def entry(item: dict, name: str, line: int, package: str | None) -> Day:
        source = str(item.get("source") or "")
        if source:
            problems.extend(legal.check_cite(registry, path, line, f"{name}.source", source))
        reason = str(item.get("reason") or package or "")
        problems.extend(legal.check_text(registry, path, line, f"{name}.reason", reason))
        article = str(item.get("article") or "")
        cite = registry[source].cite(article) if source in registry else ""
        return Day(reason, source, article, cite, line)

    def items(name: str) -> list[tuple[dict, int]]:
        found = d.get(name) or []
        if not isinstance(found, list):
            r.bad(name, "phải là danh sách {date, reason, source, article}")
            return []
        out = []
        for i, item in enumerate(found):
            line = lines.get(f"{name}[{i}]", lines.get(name))
            if isinstance(item, dict):
                out.append((item, line))
            else:
                r.bad(name, "mỗi mục là {date: năm-tháng-ngày, reason: lý do, source: mã văn bản, article: điều}", line)
        return out

    for name in DAY_LISTS:
        table = getattr(cal, name)
        for item, line in items(name):
            day = r.date(item, "date", line)
            if day and name == "working_days" and day.weekday() < 5:
                r.bad(name, f"{day.isoformat()} là ngày thường; chỉ ghi thứ Bảy, Chủ nhật phải làm việc bù", line)
            elif day and name == "removed" and not cal.package_name(day):
                r.bad(name, f"{day.isoformat()} không phải ngày nghỉ trong lịch mặc định; chỉ bỏ được ngày của lịch mặc định", line)
            elif day:
                last = r.date(item, "until", line) if name == "days_off" and item.get("until") else day
                while last and day <= last:  # a break written once: {date: first day, until: last day}
                    table[day] = entry(item, name, line, cal.package_name(day) if name == "days_off" else None)
                    day += dt.timedelta(days=1)
    for item, line in items("standing"):
        month_day = _month_day(str(item.get("month_day", "")))
        if not month_day or not item.get("source"):
            r.bad("standing", "mỗi mục là {month_day: MM-DD, reason: tên ngày lễ, source: mã văn bản, article: điều}", line)
            continue
        cal.standing[month_day] = entry(item, "standing", line, None)

    years = d.get("confirmed_years") or []
    if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        r.bad("confirmed_years", "phải là danh sách năm, ví dụ [2025, 2026]")
        years = []
    for year in years:
        for day, name, line in cal.unsourced(year):
            problems.append(Problem(path, line or lines.get("confirmed_years", 1), "calendar-day-unsourced",
                                    field="confirmed_years", value=day.isoformat(), detail=name or "?"))
    cal.confirmed_years = frozenset(years)
    return cal


def read(loaded: Loaded) -> Settings:
    problems: list[Problem] = []
    portal = read_portal(loaded, problems)
    registry = legal.read(loaded, problems)
    rules = read_rules(loaded, problems, registry)
    calendar = read_calendar(loaded, problems, registry)
    problems += legal.content_problems(registry)
    return Settings(portal, rules, calendar, problems, registry, releases.read(loaded, problems))
