"""`giaitrinh aggregate SITE_OR_URL… --out DIR`: the published Data Packages of several portals
(provinces) merged into one Data Package, for the national level.

Each source is a built site (its du-lieu-mo/datapackage.json), a folder or a datapackage.json
file, or an http(s) address of a datapackage.json (read with urllib; its CSV files are read
beside it). Every table gets a first column `province`, the host name of the portal that
published the row (the package's `homepage`), and it leads every primary and foreign key, so
that ids stay unique across provinces. Packages whose `schema_version` (export.schema_version:
names, types and keys of every table) differ are refused: their columns would not line up.
Everything is read and checked before anything is written; the package is written into a
folder beside --out and swapped in at the end, so a failure leaves --out as it was."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .publish.export import schema_version

PROVINCE = {"name": "province", "type": "string", "title": "Cổng công bố",
            "description": "Tên miền của cổng (tỉnh) đã công bố hồ sơ; cùng với mã hồ sơ xác định một hồ sơ "
                           "trong dữ liệu tổng hợp.", "constraints": {"required": True}}
TIMEOUT = 60  # seconds for each file read from an address


class AggregateError(Exception):
    """A source that cannot be merged: the message says which and how to fix it (Vietnamese)."""


@dataclass
class Source:
    where: str  # as the user gave it
    package: dict
    base: str  # folder path or URL the resource paths are relative to

    @property
    def province(self) -> str:
        return urllib.parse.urlsplit(self.package.get("homepage") or "").hostname or ""

    @contextlib.contextmanager
    def rows(self, path: str) -> Iterator[Iterator[list[str]]]:
        """The rows of one of the package's CSV files, read as a stream (a province's table is
        never held whole); a failure while reading names the file."""
        url = urllib.parse.urljoin(self.base, path) if self.base.startswith(("http://", "https://")) else None
        try:
            with (_open_url(url) if url else (Path(self.base) / path).open("rb")) as raw:
                yield csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        except urllib.error.HTTPError as exc:
            raise AggregateError(_http_message(url or path, exc)) from None
        except (urllib.error.URLError, OSError, UnicodeDecodeError, csv.Error) as exc:
            reason = getattr(exc, "strerror", None) or getattr(exc, "reason", None) or exc
            raise AggregateError(f"Không đọc được tệp “{path}” của gói dữ liệu {self.where}: {reason}. "
                                 "Gợi ý: xây dựng lại cổng đó (giaitrinh build) rồi chạy lại.") from None


def _open_url(url: str):
    return urllib.request.urlopen(url, timeout=TIMEOUT)


def _http_message(url: str, exc: urllib.error.HTTPError) -> str:
    return (f"Không tải được {url}: máy chủ trả lời lỗi {exc.code} ({exc.reason}). "
            "Gợi ý: kiểm tra lại địa chỉ (phải trỏ tới tệp datapackage.json của cổng).")


def _fetch(url: str) -> bytes:
    try:
        with _open_url(url) as response:
            return response.read()
    except urllib.error.HTTPError as exc:
        raise AggregateError(_http_message(url, exc)) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise AggregateError(f"Không tải được {url}: {reason}. Gợi ý: kiểm tra địa chỉ và kết nối mạng, "
                             "rồi chạy lại.") from None


def open_source(where: str) -> Source:
    """The package a source names, read and parsed (not yet its tables)."""
    if where.startswith(("http://", "https://")):
        url = where if where.endswith(".json") else where.rstrip("/") + "/du-lieu-mo/datapackage.json"
        raw, base = _fetch(url), url
    else:
        path = Path(where)
        candidates = [path, path / "datapackage.json", path / "du-lieu-mo" / "datapackage.json"]
        found = next((p for p in candidates if p.is_file()), None)
        if found is None:
            raise AggregateError(f"Không tìm thấy datapackage.json trong “{where}”. Gợi ý: chỉ tới thư mục cổng "
                                 "đã xây dựng (có du-lieu-mo/datapackage.json) hoặc tới chính tệp datapackage.json.")
        raw, base = found.read_bytes(), str(found.parent)
    try:
        package = json.loads(raw)
        assert isinstance(package, dict) and isinstance(package.get("resources"), list)
    except (ValueError, AssertionError):
        raise AggregateError(f"“{where}” không phải tệp datapackage.json hợp lệ (JSON có danh sách resources).") from None
    return Source(where, package, base)


def _declared_version(src: Source) -> str:
    return src.package.get("schema_version") or schema_version(src.package["resources"])


def check_sources(sources: list[Source]) -> None:
    """Refuse what cannot be merged: different versions of the standard, or two packages of one
    portal (or of none that says which)."""
    versions = {_declared_version(s) for s in sources}
    if len(versions) > 1:
        lines = "; ".join(f"{s.where}: {_declared_version(s)}" for s in sources)
        raise AggregateError("Không gộp được: các gói dữ liệu theo các phiên bản chuẩn dữ liệu khác nhau "
                             f"(schema_version — {lines}). Gợi ý: xây dựng lại các cổng bằng cùng một phiên bản "
                             "Giải trình mở rồi gộp lại.")
    seen: dict[str, str] = {}
    for s in sources:
        if not s.province:
            raise AggregateError(f"Gói dữ liệu {s.where} không ghi địa chỉ cổng (homepage), nên không biết hồ sơ "
                                 "thuộc tỉnh nào. Gợi ý: ghi base_url trong data/portal.yaml của cổng đó rồi xây dựng lại.")
        if s.province in seen:
            raise AggregateError(f"Hai gói dữ liệu cùng của cổng {s.province}: {seen[s.province]} và {s.where}. "
                                 "Gợi ý: mỗi cổng chỉ đưa vào một lần.")
        seen[s.province] = s.where


def merged_schema(schema: dict) -> dict:
    out = dict(schema)
    out["fields"] = [PROVINCE, *schema["fields"]]
    if schema.get("primaryKey"):
        key = schema["primaryKey"]
        out["primaryKey"] = ["province", *([key] if isinstance(key, str) else key)]
    if schema.get("foreignKeys"):
        required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
        out["foreignKeys"] = [_with_province(fk) if set(fk["fields"]) <= required else fk for fk in schema["foreignKeys"]]
    return out


def _with_province(fk: dict) -> dict:
    """A foreign key within the row's own province. Only for required fields: Frictionless skips
    a key only when all its values are empty, and the province never is, so a key on an optional
    field (a unit's `parent`) stays as published (the value exists in some province)."""
    return {"fields": ["province", *fk["fields"]],
            "reference": {**fk["reference"], "fields": ["province", *fk["reference"]["fields"]]}}


def merged_table(sources: list[Source], path: str, target: Path) -> int:
    """One resource's CSV from every source, each row led by its province, written to `target`
    one source at a time (34 provinces' explanations do not fit in memory at once); its rows."""
    header, count = None, 0
    with target.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        for src in sources:
            with src.rows(path) as rows:
                head = next(rows, [])
                if header is None:
                    header = head
                    writer.writerow(["province", *head])
                elif head != header:
                    raise AggregateError(f"Bảng {path} của {src.where} có các cột khác với của {sources[0].where}. "
                                         "Gợi ý: xây dựng lại các cổng bằng cùng một phiên bản Giải trình mở.")
                province = src.province
                for row in rows:
                    writer.writerow([province, *row])
                    count += 1
    return count


def package_of(sources: list[Source]) -> dict:
    first = sources[0].package
    licences = []
    for s in sources:
        licences += [lic for lic in s.package.get("licenses", []) if lic not in licences]
    resources = [{**r, "schema": merged_schema(r["schema"])} for r in first["resources"]]
    return {
        "name": "giai-trinh-mo-tong-hop",
        "title": f"Dữ liệu mở trách nhiệm giải trình tổng hợp từ {len(sources)} cổng",
        "description": "Gộp các gói dữ liệu mở đã công bố của: "
                       + "; ".join(f"{s.package.get('title', s.province)} ({s.province}, tính đến "
                                   f"{s.package.get('version', '?')})" for s in sources) + ".",
        "licenses": licences,
        "sources": [{"title": s.package.get("title", s.province), "path": s.package.get("homepage")} for s in sources],
        "version": max(str(s.package.get("version", "")) for s in sources),
        "schema_version": schema_version(resources),
        "resources": resources,
    }


def aggregate(wheres: list[str], out: Path) -> dict[str, int]:
    """Merge the packages into `out`; the number of rows of each table."""
    sources = [open_source(w) for w in wheres]
    check_sources(sources)
    package = package_of(sources)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.gop-", dir=out.parent))
    counts = {}
    try:
        for res in package["resources"]:
            target = work / res["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            counts[res["name"]] = merged_table(sources, res["path"], target)
            res["bytes"] = target.stat().st_size
        (work / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), encoding="utf-8")
        _swap(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return counts


def _swap(work: Path, out: Path) -> None:
    """Put the new folder where `out` is, in one rename each (the old one is removed after)."""
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.cu-{os.getpid()}"
        out.rename(old)
    work.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
