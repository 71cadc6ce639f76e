"""The releases of the open data cut so far (generator/release.py), published: each release's
zip at a stable address (du-lieu-mo/phat-hanh/<id>.zip, the bytes committed when it was cut),
its changelog as CSV (<id>-thay-doi.csv) and as a page, a CITATION.cff-style citation file
(<id>.cff), and the list of releases."""

from __future__ import annotations

from pathlib import Path

from ..check.releases import Release
from ..model.model import Model
from ..pages.page import Page
from .tables import _csv_lines

OUT = "du-lieu-mo/phat-hanh/"
KINDS = {"added": "thêm", "changed": "sửa", "withdrawn": "rút"}


def changelog_csv(release: Release) -> bytes:
    rows = [["release", "change", "resource", "record"]]
    for change in KINDS:
        rows += [[release.id, change, table, key] for table, key in release.changes.get(change, [])]
    return _csv_lines(rows)


def _url(model: Model, path: str) -> str:
    base = model.settings.portal.base_url
    return (base if base.endswith("/") else base + "/") + path if base else path


def citation(model: Model, release: Release) -> str:
    """How to cite a release, in the words of a reference list."""
    return (f"{model.settings.portal.publisher} ({release.date[:4]}). {release.portal}: dữ liệu mở trách nhiệm giải "
            f"trình, bản phát hành {release.id} [Bộ dữ liệu]. {_url(model, OUT + release.id + '.zip')} "
            f"(SHA-256 {release.zip_sha256}).")


def cff(model: Model, release: Release) -> bytes:
    """A CITATION.cff (Citation File Format 1.2.0) for the release, values quoted as YAML strings."""
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    portal = model.settings.portal
    lines = [
        "cff-version: 1.2.0",
        f"message: {q('Nếu dùng dữ liệu này, xin trích dẫn bản phát hành như sau.')}",
        "type: dataset",
        f"title: {q(release.portal + ': dữ liệu mở trách nhiệm giải trình')}",
        f"version: {q(release.id)}",
        f"date-released: {q(release.date)}",
        "authors:",
        f"  - name: {q(portal.publisher or portal.name)}",
        f"license: {q(portal.licence['name'])}",
        f"url: {q(_url(model, OUT + release.id + '.zip'))}",
        "identifiers:",
        "  - type: other",
        f"    value: {q('sha256:' + release.zip_sha256)}",
        f"    description: {q('SHA-256 của tệp zip của bản phát hành')}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def files(model: Model) -> dict[str, bytes]:
    out = {}
    for release in model.settings.releases:
        out[OUT + release.id + ".zip"] = Path(release.zip_path).read_bytes()  # checked against its SHA-256 on load
        out[OUT + release.id + "-thay-doi.csv"] = changelog_csv(release)
        out[OUT + release.id + ".cff"] = cff(model, release)
    return out


def pages(model: Model) -> list[Page]:
    releases = list(reversed(model.settings.releases))  # newest first
    listed = [{"release": r, "citation": citation(model, r),
               "counts": {k: len(r.changes.get(k, [])) for k in KINDS}} for r in releases]
    made = [Page(OUT, "Các bản phát hành dữ liệu mở", "releases.html", {"releases": listed},
                 description="Các bản phát hành dữ liệu mở có mã để trích dẫn, kèm danh sách thay đổi và mã SHA-256.")]
    for item in listed:
        r = item["release"]
        groups = {k: _by_table(r.changes.get(k, [])) for k in KINDS}
        made.append(Page(f"{OUT}{r.id}/", f"Bản phát hành {r.id}", "release.html",
                         {**item, "groups": groups, "kinds": KINDS},
                         description=f"Những hồ sơ thêm, sửa và rút trong bản phát hành dữ liệu mở {r.id}."))
    return made


def _by_table(pairs: list[list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, key in pairs:
        out.setdefault(table, []).append(key)
    return out

