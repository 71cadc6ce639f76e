"""Citable releases: `giaitrinh release` keeps each release in data/phat-hanh/ (a zipped Data
Package and its manifest), `build` publishes them at stable addresses with a changelog (page
and CSV) and a citation; two successive releases give the right changelog; a release id that
goes backwards, a previous release of another portal, a damaged zip: a Vietnamese message and
nothing written or published."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import frictionless
import pyshacl
from rdflib import Graph, Literal, Namespace, URIRef
from test_pull_request import base, git  # noqa: F401 (the fixture)

from generator.cli import main

EX = "xa-a/giai-trinh/"


def _release(data: Path, day: str, *extra: str) -> int:
    return main(["release", "--data", str(data), "--as-of", day, *extra])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.is_dir() else {}


def test_two_releases_give_the_changelog(valid_copy: Path, tmp_path: Path, capsys):
    assert _release(valid_copy, "2026-11-30") == 0
    first = json.loads((valid_copy / "phat-hanh" / "2026-11-30.1.json").read_text(encoding="utf-8"))
    assert first["previous"] is None and first["changes"]["changed"] == first["changes"]["withdrawn"] == []
    assert ["explanations", "xa-a-2026-001"] in first["changes"]["added"]
    one = valid_copy / EX / "xa-a-2026-001.yaml"
    one.write_text(one.read_text(encoding="utf-8").replace("Chậm cấp giấy", "Chậm cấp lại giấy"), encoding="utf-8")
    two = (valid_copy / EX / "xa-a-2026-002.yaml").read_text(encoding="utf-8")
    (valid_copy / EX / "xa-a-2026-004.yaml").write_text(two.replace("xa-a-2026-002", "xa-a-2026-004"), encoding="utf-8")
    (valid_copy / "xa-a" / "theo-doi" / "xa-a-td-001.yaml").unlink()
    capsys.readouterr()
    assert _release(valid_copy, "2026-12-01") == 0
    assert capsys.readouterr().err == (
        f"Đã tạo bản phát hành 2026-12-01.1: {valid_copy / 'phat-hanh' / '2026-12-01.1.zip'} và tệp kê khai cạnh nó "
        "(1 hồ sơ thêm, 1 sửa, 1 rút). Commit thư mục phat-hanh/ rồi xây dựng lại cổng để công bố.\n")
    second = json.loads((valid_copy / "phat-hanh" / "2026-12-01.1.json").read_text(encoding="utf-8"))
    assert second["previous"] == "2026-11-30.1"
    assert second["changes"] == {"added": [["explanations", "xa-a-2026-004"]], "changed": [["explanations", "xa-a-2026-001"]],
                                 "withdrawn": [["follow_ups", "xa-a-td-001"]]}

    site = tmp_path / "site"
    assert main(["build", "--data", str(valid_copy), "--out", str(site), "--as-of", "2026-12-01"]) == 0
    published = site / "du-lieu-mo" / "phat-hanh"
    for rid in ("2026-11-30.1", "2026-12-01.1"):  # the zips are the bytes kept in the data folder
        assert (published / f"{rid}.zip").read_bytes() == (valid_copy / "phat-hanh" / f"{rid}.zip").read_bytes()
    rows = list(csv.reader(io.StringIO((published / "2026-12-01.1-thay-doi.csv").read_text(encoding="utf-8"))))
    assert rows == [["release", "change", "resource", "record"], ["2026-12-01.1", "added", "explanations", "xa-a-2026-004"],
                    ["2026-12-01.1", "changed", "explanations", "xa-a-2026-001"],
                    ["2026-12-01.1", "withdrawn", "follow_ups", "xa-a-td-001"]]
    page = (published / "2026-12-01.1" / "index.html").read_text(encoding="utf-8")
    assert "1 hồ sơ thêm, 1 hồ sơ sửa, 1 hồ sơ rút (không còn công bố)" in page
    assert "<h3>Hồ sơ rút</h3>\n<ul><li><code>follow_ups</code> (1): <code>xa-a-td-001</code></li></ul>" in page
    assert "bản phát hành 2026-12-01.1 [Bộ dữ liệu]. https://giaitrinh.mau.gov.vn/du-lieu-mo/phat-hanh/2026-12-01.1.zip" in page
    cff = (published / "2026-12-01.1.cff").read_text(encoding="utf-8")
    assert 'version: "2026-12-01.1"\n' in cff and f'value: "sha256:{second["zip_sha256"]}"' in cff
    index = (published / "index.html").read_text(encoding="utf-8")
    assert index.index("2026-12-01.1.zip") < index.index("2026-11-30.1.zip")  # newest first


def test_a_release_zip_is_a_valid_data_package(valid_copy: Path, tmp_path: Path):
    assert _release(valid_copy, "2026-11-30", "--id", "2026-11-30.3") == 0
    with zipfile.ZipFile(valid_copy / "phat-hanh" / "2026-11-30.3.zip") as z:
        z.extractall(tmp_path / "goi")
    package = json.loads((tmp_path / "goi" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == "2026-11-30.3"
    assert frictionless.validate(tmp_path / "goi" / "datapackage.json").valid


def test_a_release_that_goes_backwards_writes_nothing(valid_copy: Path, capsys):
    assert _release(valid_copy, "2026-12-01") == 0
    before = _files(valid_copy / "phat-hanh")
    capsys.readouterr()
    assert _release(valid_copy, "2026-11-30") == 2
    assert capsys.readouterr().err == (
        "Ngày phát hành 2026-11-30 đi lùi: bản mới nhất 2026-12-01.1 có ngày 2026-12-01. Gợi ý: chạy với --as-of "
        "2026-12-01 hoặc muộn hơn (mặc định là hôm nay). Không ghi gì.\n")
    assert _release(valid_copy, "2026-12-01", "--id", "2026-12-01.1") == 2
    assert capsys.readouterr().err == (
        "Mã bản phát hành “2026-12-01.1” đi lùi: bản mới nhất đã có là 2026-12-01.1. Gợi ý: bỏ --id để lấy mã tiếp "
        "theo, hoặc chọn mã sau bản đó. Không ghi gì.\n")
    assert _release(valid_copy, "2026-12-01") == 2  # nothing changed since
    assert capsys.readouterr().err == ("Không có hồ sơ nào thêm, sửa hay rút kể từ bản phát hành 2026-12-01.1: không "
                                       "tạo bản mới. Không ghi gì.\n")
    assert _files(valid_copy / "phat-hanh") == before


def test_a_release_of_another_portal_is_refused(valid_copy: Path, capsys):
    assert _release(valid_copy, "2026-11-30") == 0
    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("giaitrinh.mau.gov.vn", "giaitrinh.khac.gov.vn"),
                      encoding="utf-8")
    before = _files(valid_copy / "phat-hanh")
    capsys.readouterr()
    assert _release(valid_copy, "2026-12-01") == 2
    assert capsys.readouterr().err == (
        "Bản phát hành trước (2026-11-30.1) thuộc cổng khác: “Cổng thử nghiệm” (https://giaitrinh.mau.gov.vn/), "
        "còn cổng này là “Cổng thử nghiệm” (https://giaitrinh.khac.gov.vn/). Gợi ý: thư mục phat-hanh/ chỉ giữ bản "
        "phát hành của chính cổng này; xóa các tệp chép từ cổng khác hoặc sửa base_url trong portal.yaml. Không ghi gì.\n")
    assert _files(valid_copy / "phat-hanh") == before


def test_a_damaged_release_is_not_published(valid_copy: Path, tmp_path: Path, capsys):
    assert _release(valid_copy, "2026-11-30") == 0
    (valid_copy / "phat-hanh" / "2026-11-30.1.zip").write_bytes(b"PK")
    capsys.readouterr()
    assert main(["build", "--data", str(valid_copy), "--out", str(tmp_path / "site"), "--as-of", "2026-11-30"]) == 1
    err = capsys.readouterr().err
    assert (f"{valid_copy}/phat-hanh/2026-11-30.1.json:1: config-invalid: Tệp cấu hình không hợp lệ ở trường "
            "“zip_sha256”: tệp 2026-11-30.1.zip khác mã SHA-256 ghi ở đây: bản phát hành không được công bố; lấy lại "
            "tệp .zip của bản này trong git.") in err
    assert not (tmp_path / "site").exists()


def test_a_build_without_a_new_release_is_the_same(valid_copy: Path, tmp_path: Path):
    assert _release(valid_copy, "2026-11-30") == 0
    for name in ("a", "b"):
        assert main(["build", "--data", str(valid_copy), "--out", str(tmp_path / name), "--as-of", "2026-11-30"]) == 0
    snap = [{p.relative_to(tmp_path / n).as_posix(): p.read_bytes() for p in (tmp_path / n).rglob("*") if p.is_file()}
            for n in ("a", "b")]
    assert snap[0] == snap[1]
    assert "du-lieu-mo/phat-hanh/2026-11-30.1.zip" in snap[0]


def test_a_rebuild_after_a_release_publishes_it(valid_copy: Path, tmp_path: Path):
    site = tmp_path / "site"
    assert main(["build", "--data", str(valid_copy), "--out", str(site), "--as-of", "2026-11-30"]) == 0
    assert "Cổng chưa có bản phát hành nào." in (site / "du-lieu-mo" / "phat-hanh" / "index.html").read_text(encoding="utf-8")
    assert _release(valid_copy, "2026-11-30") == 0
    assert main(["build", "--data", str(valid_copy), "--out", str(site), "--as-of", "2026-11-30"]) == 0
    assert (site / "du-lieu-mo" / "phat-hanh" / "2026-11-30.1.zip").is_file()
    assert "2026-11-30.1.zip" in (site / "du-lieu-mo" / "phat-hanh" / "index.html").read_text(encoding="utf-8")


def test_a_pull_request_that_alters_a_release_is_red(base: Path, capsys):  # noqa: F811 (the fixture)
    """validate --changed-from checks the whole set when a file under phat-hanh/ changed."""
    assert _release(base, "2026-11-30") == 0
    git(base.parent, "add", "-A")
    git(base.parent, "commit", "-q", "-m", "release")
    (base / "phat-hanh" / "2026-11-30.1.zip").write_bytes(b"PK")
    capsys.readouterr()
    assert main(["validate", "--data", str(base), "--as-of", "2026-11-30", "--changed-from", "HEAD"]) == 1
    assert "config-invalid" in capsys.readouterr().out


def test_the_dcat_catalogue_lists_each_release(valid_copy: Path, tmp_path: Path):
    assert _release(valid_copy, "2026-11-30") == 0
    site = tmp_path / "site"
    assert main(["build", "--data", str(valid_copy), "--out", str(site), "--as-of", "2026-11-30"]) == 0
    g = Graph().parse(site / "du-lieu-mo" / "dcat.ttl", format="turtle")
    dcat, spdx = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://spdx.org/rdf/terms#")
    release = URIRef("https://giaitrinh.mau.gov.vn/du-lieu-mo/phat-hanh/2026-11-30.1/#ban-phat-hanh")
    assert (URIRef("https://giaitrinh.mau.gov.vn/du-lieu-mo/#giai-trinh-mo"), dcat.hasVersion, release) in g
    assert g.value(release, dcat.version) == Literal("2026-11-30.1")
    zipped = URIRef("https://giaitrinh.mau.gov.vn/du-lieu-mo/phat-hanh/2026-11-30.1.zip#phan-phoi")
    assert zipped in set(g.objects(release, dcat.distribution))
    manifest = json.loads((valid_copy / "phat-hanh" / "2026-11-30.1.json").read_text(encoding="utf-8"))
    assert str(g.value(g.value(zipped, spdx.checksum), spdx.checksumValue)) == manifest["zip_sha256"]
    conforms, _, text = pyshacl.validate(g, shacl_graph=str(Path(__file__).parent / "shapes" / "dcat-ap-3-mandatory.ttl"))
    assert conforms, text
