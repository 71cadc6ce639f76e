"""`giaitrinh aggregate`: three synthetic provinces (different seeds and portals) built, then
merged into one Data Package (one read from a local web server), which the official
Frictionless validator accepts; and the refusals (another version of the standard, an address
that fails, one portal twice), each a Vietnamese message with nothing written."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import shutil
import threading
from pathlib import Path

import frictionless
import pytest

from generator.cli import main


@pytest.fixture(scope="module")
def provinces(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    work = tmp_path_factory.mktemp("tinh")
    sites = []
    for seed in (1, 2, 3):
        data = work / f"data{seed}"
        assert main(["synth", "--records", "120", "--seed", str(seed), "--out", str(data)]) == 0
        portal = data / "portal.yaml"
        portal.write_text(portal.read_text(encoding="utf-8").replace("giaitrinh.langson.gov.vn", f"giaitrinh.tinh{seed}.gov.vn"),
                          encoding="utf-8")
        assert main(["build", "--data", str(data), "--out", str(work / f"site{seed}"), "--as-of", "2026-11-23"]) == 0
        sites.append(work / f"site{seed}")
    return sites


@pytest.fixture
def server(provinces: list[Path]):
    """The third province's site on a local web server: its address."""
    handler = functools.partial(Quiet, directory=str(provinces[2]))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_three_provinces_make_one_valid_package(provinces: list[Path], server: str, tmp_path: Path, capsys):
    out = tmp_path / "tong-hop"
    url = server + "du-lieu-mo/datapackage.json"
    assert main(["aggregate", str(provinces[0]), str(provinces[1] / "du-lieu-mo" / "datapackage.json"), url,
                 "--out", str(out)]) == 0
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    merged = _rows(out / "explanations.csv")
    each = [_rows(site / "du-lieu-mo" / "explanations.csv") for site in provinces]
    assert len(merged) == sum(len(rows) for rows in each) > 200
    assert [r["province"] for r in merged] == [f"giaitrinh.tinh{i}.gov.vn" for i, rows in enumerate(each, 1) for _ in rows]
    assert {k: v for k, v in merged[0].items() if k != "province"} == each[0][0]
    assert len({(r["province"], r["id"]) for r in merged}) == len(merged)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    explanations = next(r for r in package["resources"] if r["name"] == "explanations")
    assert explanations["schema"]["primaryKey"] == ["province", "id"]
    assert explanations["schema"]["fields"][0]["name"] == "province"
    assert [s["path"] for s in package["sources"]] == [f"https://giaitrinh.tinh{i}.gov.vn/" for i in (1, 2, 3)]
    err = capsys.readouterr().err
    assert err.startswith(f"Đã gộp 3 gói dữ liệu vào {out}: units 600, ")


def _untouched(out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == ["cu.txt"]
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []


def test_another_schema_version_is_refused(provinces: list[Path], tmp_path: Path, capsys):
    other = tmp_path / "khac"
    shutil.copytree(provinces[1] / "du-lieu-mo", other)
    package = json.loads((other / "datapackage.json").read_text(encoding="utf-8"))
    package["schema_version"] = "0123456789abcdef"
    (other / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    out = tmp_path / "tong-hop"
    out.mkdir()
    (out / "cu.txt").write_text("bản cũ")
    assert main(["aggregate", str(provinces[0]), str(other), "--out", str(out)]) == 2
    ours = json.loads((provinces[0] / "du-lieu-mo" / "datapackage.json").read_text(encoding="utf-8"))["schema_version"]
    assert capsys.readouterr().err == (
        "Không gộp được: các gói dữ liệu theo các phiên bản chuẩn dữ liệu khác nhau (schema_version — "
        f"{provinces[0]}: {ours}; {other}: 0123456789abcdef). Gợi ý: xây dựng lại các cổng bằng cùng một phiên bản "
        f"Giải trình mở rồi gộp lại. Không ghi gì vào {out}.\n")
    _untouched(out)


def test_an_address_that_fails_is_named(provinces: list[Path], server: str, tmp_path: Path, capsys):
    out = tmp_path / "tong-hop"
    out.mkdir()
    (out / "cu.txt").write_text("bản cũ")
    url = server + "khong-co/datapackage.json"
    assert main(["aggregate", str(provinces[0]), url, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"Không tải được {url}: máy chủ trả lời lỗi 404 (File not found). Gợi ý: kiểm tra lại địa chỉ (phải trỏ "
        f"tới tệp datapackage.json của cổng). Không ghi gì vào {out}.\n")
    _untouched(out)


def test_a_missing_table_midway_writes_nothing(provinces: list[Path], tmp_path: Path, capsys):
    broken = tmp_path / "thieu"
    shutil.copytree(provinces[2] / "du-lieu-mo", broken)
    (broken / "meetings.csv").unlink()
    out = tmp_path / "tong-hop"
    out.mkdir()
    (out / "cu.txt").write_text("bản cũ")
    assert main(["aggregate", str(provinces[0]), str(broken), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"Không đọc được tệp “meetings.csv” của gói dữ liệu {broken}: No such file or directory. "
                   f"Gợi ý: xây dựng lại cổng đó (giaitrinh build) rồi chạy lại. Không ghi gì vào {out}.\n")
    _untouched(out)


def test_one_portal_twice_is_refused(provinces: list[Path], tmp_path: Path, capsys):
    out = tmp_path / "tong-hop"
    assert main(["aggregate", str(provinces[0]), str(provinces[0] / "du-lieu-mo"), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"Hai gói dữ liệu cùng của cổng giaitrinh.tinh1.gov.vn: {provinces[0]} và {provinces[0] / 'du-lieu-mo'}. "
        f"Gợi ý: mỗi cổng chỉ đưa vào một lần. Không ghi gì vào {out}.\n")
    assert not out.exists()
