"""The registry of legal sources (data/legal-sources.yaml) and the citations that point into it.

Rules, calendar days and the hand-written pages in content/ cite a document by its id. The
registry says what each document is (number, title, issuer, dates, status, public link, how far
it was verified), so a page can print "Điều 14 Nghị định 59/2019/NĐ-CP ngày 01/07/2019" instead
of an id, and a check can refuse a citation of an id that does not exist, or a document number
that nobody registered.

In content/*.md a citation is written `[[nd-59-2019, Điều 14]]` (or `[[nd-59-2019]]`) and a line
holding only `[[danh-muc-van-ban]]` is the table of every registered document. The generator
turns both into plain Markdown before the site engine runs (engine.run_engine), so any engine
that reads Markdown builds the same pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from .. import schema as std
from ..load.data_folder import Loaded, Record
from ..problems import Problem
from .against_schema import table_problems

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PATH = "legal-sources"  # the settings name of data/legal-sources.yaml
LIST_MARK = "danh-muc-van-ban"

# A citation marker in a content page: [[id]] or [[id, article]].
MARK = re.compile(r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,\s*([^\]]+?))?\s*\]\]")
# Document numbers as Vietnamese documents write them: 59/2019/NĐ-CP, 36/2018/QH14 (with a year),
# 12729/VPCP-KGVX, 80/KH-UBND (without), 53-CT/TW (party documents).
CODE = re.compile(r"(`[^`]*`)")  # inline code: markers there are examples, shown as written
NUMBER = re.compile(r"(?<![\w/.-])(?:\d{1,5}(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-Za-zĐđ0-9]+)*"
                    r"|\d{1,4}-[A-ZĐ]{2,4}/TW)(?![\w/])")


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    number: str
    title: str
    issuer: str
    status: str
    verified: str
    signed_on: dt.date | None = None
    effective_from: dt.date | None = None
    amends: str = ""
    repealed_by: str = ""
    repealed_on: dt.date | None = None
    link: str = ""
    note: str = ""
    short_name: str = ""

    @property
    def name(self) -> str:
        """The short name a reader knows: "Nghị định 59/2019/NĐ-CP"."""
        return f"{self.short_name or _label('kind', self.kind)} {self.number}"

    def cite(self, article: str = "") -> str:
        """The citation in plain text: article, short name, date, and a warning if unverified."""
        text = f"{article} {self.name}" if article else self.name
        if self.signed_on:
            text += f" ngày {self.signed_on:%d/%m/%Y}"
        return text + (" (đang được xác minh)" if self.verified == "pending" else "")

    def label(self, field: str) -> str:
        return _label(field, getattr(self, field))


Registry = dict[str, Source]


def _label(field: str, value: str) -> str:
    return std.load("legal_sources").by_name[field].label(value)


def read(loaded: Loaded, problems: list[Problem]) -> Registry:
    """The registry, with every problem of data/legal-sources.yaml: the schema's (required fields,
    lists of values, ids and references to other documents) and the dates' order."""
    path, data, lines = loaded.settings.get(PATH, (f"data/{PATH}.yaml", {}, {}))
    items = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(items, list):
        problems.append(Problem(path, 1, "config-invalid", field="sources",
                                detail="cần danh sách “sources:” gồm các văn bản, mỗi văn bản là các cặp “tên: giá trị”"))
        return {}
    records = []
    for i, item in enumerate(items):
        line = lines.get(f"sources[{i}]", 1)
        if not isinstance(item, dict):
            problems.append(Problem(path, line, "config-invalid", field="sources",
                                    detail="mỗi văn bản là các cặp “tên: giá trị”"))
            continue
        records.append(Record("legal_sources", path, line, item,
                              {k: lines.get(f"sources[{i}].{k}", line) for k in item}))
    found = table_problems(records, std.load("legal_sources"))
    problems += found
    bad = {p.line for p in found}
    registry: Registry = {}
    for rec in records:
        if rec.line in bad or any(rec.line_of(k) in bad for k in rec.values):
            continue
        v = rec.values
        src = Source(**{k: (_day(v.get(k)) if k.endswith(("_on", "_from")) else str(v.get(k) or ""))
                        for k in Source.__dataclass_fields__})
        problems += _date_problems(rec, src)
        registry[src.id] = src
    return registry


def _day(value: object) -> dt.date | None:
    """A date as the schema let it through (a YAML timestamp with a time is cut to its day)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None  # the schema check has reported it
    return value if isinstance(value, dt.date) else None


def _date_problems(rec: Record, src: Source) -> list[Problem]:
    def bad(name: str, detail: str) -> Problem:
        return Problem(rec.path, rec.line_of(name), "legal-source-dates", field=name, value=src.id, detail=detail)

    out = []
    if src.signed_on and src.effective_from and src.effective_from < src.signed_on:
        out.append(bad("effective_from", f"có hiệu lực ({src.effective_from}) trước ngày ban hành ({src.signed_on})"))
    if src.repealed_on and src.effective_from and src.effective_from >= src.repealed_on:
        out.append(bad("repealed_on", f"có hiệu lực từ {src.effective_from}, không thể hết hiệu lực ngày {src.repealed_on}"))
    if src.status == "repealed" and not src.repealed_on:
        out.append(bad("status", "tình trạng “repealed” (hết hiệu lực) nhưng thiếu repealed_on"))
    if src.repealed_on and src.status != "repealed":
        out.append(bad("repealed_on", f"có ngày hết hiệu lực nhưng tình trạng là “{src.status}”"))
    return out


def check_cite(registry: Registry, path: str, line: int, field: str, source: str) -> list[Problem]:
    """A citation by id in rules.yaml or calendar.yaml: the id must be registered."""
    if source in registry:
        return []
    return [Problem(path, line, "legal-source-unknown", field=field, value=source)]


def check_text(registry: Registry, path: str, line: int, field: str, text: str) -> list[Problem]:
    """Free text that names a document by its number: the number must be registered."""
    known = {s.number for s in registry.values()}
    return [Problem(path, line, "legal-document-unknown", field=field, value=number)
            for number in dict.fromkeys(NUMBER.findall(text)) if number not in known]


def content_problems(registry: Registry, folder: Path = CONTENT) -> list[Problem]:
    """Every citation marker and document number in the hand-written pages, checked."""
    out = []
    for page in sorted(folder.rglob("*.md")):
        rel = page.relative_to(folder.parent).as_posix()
        for no, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            text = CODE.sub("", line)
            for m in MARK.finditer(text):
                if m.group(1) != LIST_MARK:
                    out += check_cite(registry, rel, no, "trích dẫn", m.group(1))
            out += check_text(registry, rel, no, "văn bản", MARK.sub("", text))
    return out


def expand(text: str, registry: Registry) -> str:
    """A content page with its markers turned into Markdown: a citation links the document's
    short name to its public text; the list marker becomes the registry's table."""
    def one(m: re.Match) -> str:
        src = registry.get(m.group(1))
        if src is None:  # reported by content_problems; the build does not get this far
            return m.group(0)
        name = f"[{src.name}]({src.link})" if src.link else src.name
        text = f"{m.group(2)} {name}" if m.group(2) else name
        if src.signed_on:
            text += f" ngày {src.signed_on:%d/%m/%Y}"
        return text + (" (đang được xác minh)" if src.verified == "pending" else "")

    def outside_code(line: str) -> str:
        return "".join(part if part.startswith("`") else MARK.sub(one, part) for part in CODE.split(line))

    lines = [table(registry) if line.strip() == f"[[{LIST_MARK}]]" else outside_code(line)
             for line in text.split("\n")]
    return "\n".join(lines)


def table(registry: Registry) -> str:
    """Every registered document as a Markdown list, in the registry's order: one item each, every
    fact named in words (a table of seven columns ran off a 320 px screen)."""
    def cell(value: object) -> str:
        return str(value).replace("\n", " ") if value else "—"

    def day(value: dt.date | None) -> str:
        return f"{value:%d/%m/%Y}" if value else "chưa xác minh"

    amended_by: dict[str, list[str]] = {}
    for s in registry.values():
        if s.amends:
            amended_by.setdefault(s.amends, []).append(s.name)
    rows = []
    for s in registry.values():
        name = f"[{s.name}]({s.link})" if s.link else s.name
        status = s.label("status")
        if s.id in amended_by:
            status += ": sửa đổi bởi " + ", ".join(amended_by[s.id])
        if s.repealed_by and s.repealed_by in registry:
            status += f": thay thế bởi {registry[s.repealed_by].name}"
        title = s.title + (f" ({s.note})" if s.note else "")
        rows.append(f"- **{name}**: {cell(title)}. Cơ quan ban hành: {cell(s.issuer)}; ngày ban hành: {day(s.signed_on)}; "
                    f"ngày có hiệu lực: {day(s.effective_from)}. Tình trạng: {cell(status)}. "
                    f"Xác minh: {cell(s.label('verified'))}.")
    return "\n".join(rows)
