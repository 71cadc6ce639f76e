"""`giaitrinh release`: cut a citable release of the open data.

A release is state kept between builds, in the data folder and so in git, where every change is
reviewed and nothing is lost: `data/phat-hanh/<id>.zip`, the zipped Data Package of that day
(datapackage.json with `version` = the release id, and its CSV files), and `data/phat-hanh/<id>.json`,
its manifest: the previous release, the portal, the version of the standard, the zip's size and
SHA-256, the rows of each table, the digest of every record and the records added, changed and
withdrawn since the previous release. `build` only renders the releases that exist (their pages,
changelogs, citation files, and the zips at stable addresses du-lieu-mo/phat-hanh/<id>.zip): a
build is still a pure function of the data folder, and the zip of an old release is the bytes
committed then, whatever the code has become since. Cutting a release is a deliberate act (a
commit a reviewer sees), not a side effect of a build.

The id is the as-of date and the sequence of that day (2026-12-03.1, .2, …). A release dated
before the latest one, an id given that does not come after it, a latest release of another
portal, data with errors, or nothing changed since the latest: a Vietnamese message and nothing
written. The zip is written first and the manifest last, each through a temporary file: a release
cut halfway leaves at most a zip without a manifest, which no build publishes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import build as pipeline
from . import schema as std
from .check.releases import Release, order
from .load.releases import FOLDER
from .problems import Problem, has_errors
from .publish import export

ID = re.compile(r"^(\d{4}-\d{2}-\d{2})\.([1-9]\d{0,3})$")


class ReleaseError(Exception):
    """Why no release was cut (Vietnamese, with how to fix it)."""


@dataclass
class Cut:
    id: str
    zip_path: Path
    changes: dict[str, list[list[str]]]
    problems: list[Problem]


def next_id(as_of: dt.date, wanted: str | None, prior: tuple[Release, ...]) -> str:
    last = prior[-1] if prior else None
    if wanted is not None:
        m = ID.match(wanted)
        if not m or not _is_date(m.group(1)):
            raise ReleaseError(f"Mã bản phát hành “{wanted}” không đúng dạng năm-tháng-ngày.số thứ tự (ví dụ "
                               f"{as_of.isoformat()}.1).")
        if last is not None and order(wanted) <= order(last.id):
            raise ReleaseError(f"Mã bản phát hành “{wanted}” đi lùi: bản mới nhất đã có là {last.id}. Gợi ý: bỏ --id "
                               "để lấy mã tiếp theo, hoặc chọn mã sau bản đó.")
        return wanted
    day = as_of.isoformat()
    if last is not None and last.date > day:
        raise ReleaseError(f"Ngày phát hành {day} đi lùi: bản mới nhất {last.id} có ngày {last.date}. Gợi ý: chạy với "
                           f"--as-of {last.date} hoặc muộn hơn (mặc định là hôm nay).")
    same_day = [order(r.id)[1] for r in prior if r.date == day]
    return f"{day}.{max(same_day, default=0) + 1}"


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def record_digests(tabs: dict) -> dict[str, dict[str, str]]:
    """Every published record of the data standard's tables by its key ("unit-2026-001",
    "plan/1"), with a digest of the fields written by the unit (not the computed ones: a status
    that turns "overdue" as days pass is not an edit of the record)."""
    out = {}
    for name in std.RESOURCES:
        names = [f.name for f in std.load(name).input_fields]
        _, rows = tabs[name]
        key = std.load(name).frictionless(computed=True).get("primaryKey") or ["id"]
        key = [key] if isinstance(key, str) else key
        out[name] = {"/".join(str(r.get(k)) for k in key): hashlib.sha256(export._csv_body(names, [r])).hexdigest()[:16]
                     for r in rows}
    return out


def changes_between(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> dict[str, list[list[str]]]:
    """Records added, changed and withdrawn (published before, not now), as [table, key] pairs."""
    out: dict[str, list[list[str]]] = {"added": [], "changed": [], "withdrawn": []}
    for name in std.RESOURCES:
        old, new = before.get(name, {}), after.get(name, {})
        out["added"] += [[name, k] for k in sorted(new.keys() - old.keys())]
        out["changed"] += [[name, k] for k in sorted(new.keys() & old.keys()) if new[k] != old[k]]
        out["withdrawn"] += [[name, k] for k in sorted(old.keys() - new.keys())]
    return out


def package_zip(files: dict[str, bytes], release_id: str) -> bytes:
    """The Data Package of the release: datapackage.json (version: the release id) and every CSV."""
    package = json.loads(files[export.OUT + "datapackage.json"])
    package["version"] = release_id
    members = {p.removeprefix(export.OUT): data for p, data in files.items() if p.endswith(".csv")}
    members["datapackage.json"] = json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")
    return export.to_zip({name: (data, export._deflate(data)) for name, data in members.items()})


def _check_portal(prior: tuple[Release, ...], name: str, base_url: str) -> None:
    last = prior[-1] if prior else None
    if last is not None and (last.base_url or last.portal) != (base_url or name):
        raise ReleaseError(f"Bản phát hành trước ({last.id}) thuộc cổng khác: “{last.portal}” ({last.base_url or 'không có địa chỉ'}), "
                           f"còn cổng này là “{name}” ({base_url or 'không có địa chỉ'}). Gợi ý: thư mục {FOLDER}/ "
                           "chỉ giữ bản phát hành của chính cổng này; xóa các tệp chép từ cổng khác hoặc sửa base_url "
                           "trong portal.yaml.")


def cut(data_dir: Path, as_of: dt.date, wanted: str | None = None) -> Cut:
    checked = pipeline.checked(data_dir, as_of)
    if has_errors(checked.problems):
        return Cut("", Path(), {}, checked.problems)
    portal, prior = checked.settings.portal, checked.settings.releases
    _check_portal(prior, portal.name, portal.base_url)
    release_id = next_id(as_of, wanted, prior)
    model = pipeline.model_of(checked, as_of)
    tabs = export.tables(model)
    records = record_digests(tabs)
    before = json.loads((data_dir / FOLDER / f"{prior[-1].id}.json").read_text(encoding="utf-8"))["records"] if prior else {}
    changes = changes_between(before, records)
    if prior and not any(changes.values()):
        raise ReleaseError(f"Không có hồ sơ nào thêm, sửa hay rút kể từ bản phát hành {prior[-1].id}: không tạo bản mới.")
    files = export.export(model)
    data = package_zip(files, release_id)
    manifest = {"id": release_id, "date": as_of.isoformat(), "previous": prior[-1].id if prior else None,
                "portal": portal.name, "base_url": portal.base_url, "publisher": portal.publisher,
                "licence": portal.licence, "schema_version": json.loads(files[export.OUT + "datapackage.json"])["schema_version"],
                "zip_sha256": hashlib.sha256(data).hexdigest(), "zip_size": len(data),
                "counts": {name: len(rows) for name, (_, rows) in tabs.items() if name in std.RESOURCES},
                "changes": changes, "records": records}
    folder = data_dir / FOLDER
    folder.mkdir(exist_ok=True)
    _write(folder / f"{release_id}.zip", data)
    _write(folder / f"{release_id}.json", json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))
    return Cut(release_id, folder / f"{release_id}.zip", changes, checked.problems)


def _write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes it private: it is committed and published
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
