"""Stage 6: the open data. Every published resource as CSV (UTF-8), one XLSX workbook per year
in Vietnamese (publish/spreadsheet.py), a Frictionless datapackage.json whose schemas come from
generator/schemas/, the data package (datapackage.json and its CSV files) as a zip, and the
pages that list the files and explain the fields. JSON is the API's (publish/api.py: a file per record and per unit): a JSON copy
of each whole table repeated every field name on every row (the requests' was 112 MB at 100,000
records, beside their 71 MB CSV) and was dropped with every reference to it.

The open data is the largest output (see bench/README.md), so a rebuild after one change redoes
only what it touches: the tables are made of pieces of CHUNK rows, each kept in
the cache under the digest of its rows (its CSV text and that text compressed for the zip),
and each year's workbook under a hash of that year's rows. The files are the same bytes either
way (tests/test_incremental.py)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zlib
from collections.abc import Callable

from .. import schema as std
from ..model.model import Model, Row
from ..model.reuse import MakeAgain, Reuse
from ..pages.insights import PACKAGE_RESOURCES
from ..pages.page import Page
from . import releases
from .report import downloads
from .spreadsheet import to_xlsx
from .tables import FIXED_TIME, _csv_body, _csv_lines

OUT = "du-lieu-mo/"
WITHDRAWALS_SCHEMA = std.table("withdrawals")
CHANGES_SCHEMA = std.table("record_changes")
# Tables the generator computes: (title, description, Table Schema) in datapackage.json
COMPUTED = {
    "withdrawals": ("Hồ sơ đã rút công khai", "Các yêu cầu giải trình đã công khai rồi rút xuống.", WITHDRAWALS_SCHEMA),
    "record_changes": ("Các lần sửa hồ sơ đã công bố",
                       "Mỗi trường của một hồ sơ đã công bố bị sửa sau đó: ngày và mã lần cập nhật kho dữ liệu, "
                       "giá trị trước và sau (chỉ với ngày tháng, danh mục, số), và đánh giá đúng hạn trước và "
                       "sau nếu lần sửa làm nó thay đổi. Lấy từ lịch sử git của kho dữ liệu; rỗng khi bản dựng "
                       "không kèm lịch sử.", CHANGES_SCHEMA),
}


def field_names(name: str) -> list[str]:
    return [f.name for f in std.load(name).fields]


def tables(model: Model) -> dict[str, tuple[list[str], list[Row]]]:
    """Each published table: its field names and rows, in a stable order."""
    out = {name: (field_names(name), model.resource(name)) for name in std.RESOURCES}
    out["withdrawals"] = ([f["name"] for f in WITHDRAWALS_SCHEMA["fields"]], model.withdrawn)
    out["record_changes"] = ([f["name"] for f in CHANGES_SCHEMA["fields"]], model.changes)
    return out




def schema_version(resources: list[dict]) -> str:
    """What a consumer merging packages relies on: each resource's name, path, fields (name and
    type), primary and foreign keys, hashed (titles and descriptions may be reworded freely).
    `giaitrinh aggregate` refuses packages whose versions differ."""
    shape = [(r["name"], r["path"], [(f["name"], f.get("type", "string")) for f in r["schema"]["fields"]],
              r["schema"].get("primaryKey"), r["schema"].get("foreignKeys")) for r in resources]
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]


def described(name: str) -> tuple[str, str, dict]:
    """A published table's Vietnamese title, description and Table Schema: from its schema in
    generator/schemas/ (a new kind of record brings its own), or from COMPUTED."""
    if name in COMPUTED:
        return COMPUTED[name]
    sch = std.load(name)
    return sch.title, sch.description, sch.frictionless(computed=True)


def datapackage(model: Model, tabs: dict[str, tuple[list[str], list[Row]]]) -> bytes:
    portal = model.settings.portal
    resources = []
    for name in tabs:
        title, desc, schema = described(name)
        resources.append({"name": name, "path": f"{name}.csv", "title": title, "description": desc,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    for name, path, title, desc, schema in PACKAGE_RESOURCES:
        resources.append({"name": name, "path": path, "title": title, "description": desc,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
    package = {
        "name": "giai-trinh-mo",
        "title": portal.name,
        "description": f"Dữ liệu mở về trách nhiệm giải trình, tính đến ngày {model.as_of.isoformat()}.",
        "licenses": [portal.licence],
        "version": model.as_of.isoformat(),
        "schema_version": schema_version(resources),
        "resources": resources,
    }
    if portal.base_url:  # where the package comes from: `giaitrinh aggregate` tells portals apart by it
        package["homepage"] = portal.base_url
    if portal.sample:
        package["description"] += " Dữ liệu mẫu để minh họa."
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")


CHUNK = 2000  # rows per cached piece of a table
_END = zlib.compressobj(6, zlib.DEFLATED, -15).flush()  # the last, empty block of a deflate stream
_DOS_TIME = (0, ((FIXED_TIME.year - 1980) << 9) | (FIXED_TIME.month << 5) | FIXED_TIME.day)


def _deflate(data: bytes, last: bool = True) -> bytes:
    """Raw deflate; with last=False, a run of whole blocks that other runs may follow (as pigz
    does): the compressed file is its pieces' runs one after the other, then _END."""
    z = zlib.compressobj(6, zlib.DEFLATED, -15)
    return z.compress(data) + z.flush(zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH)


def to_zip(members: dict[str, tuple[bytes, bytes]]) -> bytes:
    """A zip of (data, its raw deflate) per name, in name order, dated FIXED_TIME. Written here
    because zipfile can only compress what it is given, and the deflate of a 100 MB table is
    assembled from cached pieces."""
    import struct

    local, central, offset = [], [], 0
    for name in sorted(members):
        data, packed = members[name]
        if len(packed) >= 0xFFFFFFFF or len(data) >= 0xFFFFFFFF or len(members) >= 0xFFFF:
            raise ValueError("the open data has outgrown a zip without Zip64")
        raw, crc = name.encode(), zlib.crc32(data)
        head = struct.pack("<4s2H3H3I2H", b"PK\3\4", 20, 0, 8, *_DOS_TIME, crc, len(packed), len(data), len(raw), 0)
        central.append(struct.pack("<4s6H3I5H2I", b"PK\1\2", 0x0314, 20, 0, 8, *_DOS_TIME, crc, len(packed),
                                   len(data), len(raw), 0, 0, 0, 0, 0o100644 << 16, offset) + raw)
        local += [head, raw, packed]
        offset += len(head) + len(raw) + len(packed)
    directory = b"".join(central)
    end = struct.pack("<4s4H2IH", b"PK\5\6", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(local) + directory + end


def _table_piece(names: list[str], rows: list[Row]) -> tuple[bytes, bytes]:
    """CHUNK rows of a table: their CSV lines and those lines deflated."""
    text = _csv_body(names, rows)
    return text, _deflate(text, last=False)


def _table_files(pieces: Reuse, names: list[str], rows: list[Row]) -> tuple[bytes, bytes]:
    """A table's CSV and its raw deflate, from pieces of CHUNK rows."""
    header = _csv_lines([names])
    parts = [pieces.get(("table", names, rows[i:i + CHUNK]), lambda i=i: _table_piece(names, rows[i:i + CHUNK]))
             for i in range(0, len(rows), CHUNK)]
    # Each file joined in one allocation (a + b"".join(…) copies the table a second time).
    return (b"".join([header, *(p[0] for p in parts)]),
            b"".join([_deflate(header, last=False), *(p[1] for p in parts), _END]))


def year_of(model: Model) -> dict[str, Callable[[Row], int]]:
    """The year each table's rows are filed under in the yearly workbooks: when a request was
    received, a plan or a regulation issued (a plan's tasks with it), a meeting held, the period
    reported on, a commitment fell due (or was done; else the year of what it came from, else this
    year), a record withdrawn, a record changed."""
    plan_year = {p["id"]: p["issued_on"].year for p in model.plans}
    source_year = {**{r["id"]: r["received_on"].year for r in model.explanations},
                   **{m["id"]: m["held_on"].year for m in model.meetings}}

    def follow_up(r: Row) -> int:
        when = r.get("due_on") or r.get("completed_on")
        return when.year if when else source_year.get(r["source_ref"], model.as_of.year)

    return {"explanations": lambda r: r["received_on"].year, "plans": lambda r: r["issued_on"].year,
            "plan_tasks": lambda r: plan_year[r["plan"]], "meetings": lambda r: r["held_on"].year,
            "reports": lambda r: int(r["period"][:4]), "follow_ups": follow_up,
            "regulations": lambda r: r["issued_on"].year,
            "proactive_explanations": lambda r: r["explained_on"].year, "withdrawals": lambda r: r["withdrawn_on"].year,
            "record_changes": lambda r: r["changed_on"].year}


def by_year(model: Model, tabs: dict[str, tuple[list[str], list[Row]]]) -> dict[int, dict[str, tuple[list[str], list[Row]]]]:
    """The tables split by year (every year's workbook also holds the whole units table); a
    portal without records yet has this year's, with its units."""
    years = year_of(model)
    split: dict[int, dict[str, list[Row]]] = {}
    for name, (_, rows) in tabs.items():
        if name in years:
            for r in rows:
                split.setdefault(years[name](r), {}).setdefault(name, []).append(r)
    return {year: {name: (names, rows if name not in years else split.get(year, {}).get(name, []))
                   for name, (names, rows) in tabs.items()}
            for year in sorted(split) or [model.as_of.year]}


def export(model: Model, pieces: Reuse | None = None) -> dict[str, bytes]:
    """Every open-data file, keyed by its path in the site; made of the pieces kept by `pieces`
    if given."""
    pieces = pieces or MakeAgain()
    tabs = tables(model)
    files: dict[str, bytes] = {}
    packed: dict[str, bytes] = {}
    for name, (names, rows) in tabs.items():
        files[f"{name}.csv"], packed[f"{name}.csv"] = _table_files(pieces, names, rows)
    files.update(downloads(model, pieces))  # statistics, compliance and the periodic reports
    files["datapackage.json"] = datapackage(model, tabs)
    for year, year_tabs in by_year(model, tabs).items():
        files[f"giai-trinh-mo-{year}.xlsx"] = pieces.get(("xlsx-vi", year, year_tabs),
                                                         lambda t=year_tabs: to_xlsx(t, {n: described(n) for n in t}))
    package = [n for n in files if n.endswith(".csv") or n == "datapackage.json"]
    files["giai-trinh-mo.zip"] = to_zip({n: (files[n], packed.get(n) or _deflate(files[n])) for n in package})
    pieces.forget_unused()
    return {OUT + name: data for name, data in files.items()}


def listing(files: dict[str, bytes], sha256: dict[str, str]) -> list[dict]:
    """Name, size and SHA-256 (given, hex) of each download, as the open-data page lists them;
    the number of rows of the CSV files in sub-folders (statistics, reports: small), the tables'
    own being counted from the model."""
    return [{"name": (name := path.removeprefix(OUT)), "size": len(data), "sha256": sha256[path],
             **({"rows": _rows(data)} if name.endswith(".csv") and "/" in name else {})}
            for path, data in sorted(files.items())]


def _rows(data: bytes) -> int:
    return max(sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) - 1, 0)


def size_text(size: int) -> str:
    """A file's size for a citizen, in Vietnamese notation: 950 byte, 27,9 KB, 1,2 MB."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    return f"{size} byte"


def catalogue(model: Model, listing: list[dict]) -> dict[str, list[dict]]:
    """The open-data page's sections: each table (its Vietnamese title, description, rows, and
    files), the yearly workbooks, the reports' files and the rest (the package, its catalogue)."""
    files = {f["name"]: {**f, "size_text": size_text(f["size"])} for f in listing}
    counts = {name: len(rows) for name, (_, rows) in tables(model).items()}
    resources = [(name, f"{name}.csv", *described(name)[:2]) for name in counts] + \
                [(name, path, title, desc) for name, path, title, desc, _ in PACKAGE_RESOURCES]
    out: dict[str, list[dict]] = {"tables": [], "workbooks": [], "reports": [], "others": []}
    for name, path, title, desc in resources:
        formats = [files.pop(p) for p in (path, path.removesuffix(".csv") + ".json") if p in files]
        rows = counts.get(name, formats[0].get("rows") if formats else None)
        out["tables"].append({"name": name, "title": title, "description": _first_sentence(desc), "rows": rows,
                              "files": formats,
                              "dictionary": name in std.RESOURCES})
    for name, f in files.items():
        key = ("workbooks" if name.startswith("giai-trinh-mo-") and name.endswith(".xlsx")
               else "reports" if name.startswith("bao-cao/") else "others")
        out[key].append(f)
    return out


def _first_sentence(text: str) -> str:
    """What a table holds, for a citizen: the rest of a schema's description speaks to clerks."""
    return text.split(". ", 1)[0].rstrip(".") + "."


def pages(model: Model, listing: list[dict]) -> list[Page]:
    return [
        Page(OUT, "Dữ liệu mở", "open_data.html", {"files": listing, "sections": catalogue(model, listing), "jsonld": ""},
             description="Tải toàn bộ dữ liệu trách nhiệm giải trình dạng CSV, XLSX và Frictionless Data Package."),
        Page(OUT + "tu-dien/", "Từ điển dữ liệu", "dictionary.html", {"schemas": std.all_schemas()},
             description="Ý nghĩa từng trường dữ liệu, sinh tự động từ chuẩn dữ liệu."),
        *releases.pages(model),
    ]
