"""The open data for a citizen with a spreadsheet (issue 19, item 5): the yearly workbooks in
Vietnamese with their codes one sheet away, and an open-data page that names, describes and
counts every table."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl

from generator.cli import main
from generator.publish import export
from generator.publish.spreadsheet import CODES_SHEET, sheet_names


def _book(site: Path, year: int) -> openpyxl.Workbook:
    return openpyxl.load_workbook(site / "du-lieu-mo" / f"giai-trinh-mo-{year}.xlsx", read_only=True)


def test_workbook_sheets_headers_and_values_are_vietnamese(valid_copy: Path, tmp_path: Path, capsys):
    site = tmp_path / "site"
    assert main(["build", "--data", str(valid_copy), "--out", str(site), "--as-of", "2026-11-23"]) == 0
    capsys.readouterr()
    codes = list(csv.DictReader(io.StringIO((site / "du-lieu-mo" / "explanations.csv").read_text(encoding="utf-8"))))
    units = {r["id"]: r["name"] for r in csv.DictReader(io.StringIO(
        (site / "du-lieu-mo" / "units.csv").read_text(encoding="utf-8")))}
    year = int(codes[0]["received_on"][:4])
    book = _book(site, year)
    assert book.sheetnames[:2] == ["Yêu cầu giải trình", "Đơn vị"] and book.sheetnames[-1] == CODES_SHEET
    assert "Các lần sửa hồ sơ đã công bố" in book.sheetnames
    rows = list(book["Yêu cầu giải trình"].iter_rows(values_only=True))
    head = {h: i for i, h in enumerate(rows[0])}
    assert list(head)[:4] == ["Mã yêu cầu", "Cơ quan giải trình", "Ngày nhận yêu cầu", "Hình thức yêu cầu"]
    shown = {r[head["Mã yêu cầu"]]: r for r in rows[1:]}
    for c in (c for c in codes if c["received_on"].startswith(str(year))):
        r = shown[c["id"]]
        assert r[head["Cơ quan giải trình"]] == units[c["unit"]]
        assert r[head["Lĩnh vực"]] == export.std.load("explanations").by_name["field"].label(c["field"])
        assert r[head["Công khai"]] == {"true": "Có", "false": "Không"}[c["public"]]
        assert r[head["Ngày nhận yêu cầu"]].date().isoformat() == c["received_on"]
    mapped = {(r[0], r[2], r[3]): r[4] for r in book[CODES_SHEET].iter_rows(min_row=2, values_only=True)}
    assert mapped[("Yêu cầu giải trình", "field", "Đất đai")] == "dat_dai"
    assert mapped[("Yêu cầu giải trình", "public", "Có")] == "true"
    assert mapped[("Đơn vị", "kind", "UBND xã")] == "ubnd_xa"


def test_sheet_names_fit_excel_and_stay_unique():
    names = sheet_names({"a": "Bảng [thử]: một/hai?", "b": "x" * 40, "c": "x" * 40, "d": "Bảng mã", "e": ""})
    assert names["a"] == "Bảng  thử   một hai"
    assert names["b"] == "x" * 31 and names["c"] == "x" * 28 + " 2"
    assert names["d"] == "Bảng mã 2" and names["e"] == "e"
    assert all(len(n) <= 31 for n in names.values())


def test_open_data_page_names_describes_and_counts_each_table(sample_site: Path):
    page = (sample_site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")
    ex = (sample_site / "du-lieu-mo" / "explanations.csv").read_text(encoding="utf-8")
    rows = len(list(csv.reader(io.StringIO(ex)))) - 1
    row = re.search(r'<tr id="explanations">(.*?)</tr>', page, re.S).group(1)
    assert '<th scope="row">Yêu cầu giải trình</th>' in row and '<a href="tu-dien/#explanations">Ý nghĩa các cột</a>' in row
    assert f'<td data-label="Số dòng">{rows}</td>' in row and "computed" not in row
    assert re.search(r'<a href="explanations.csv" download>CSV</a> \(\d+,\d KB\)', row)
    assert re.search(r'<tr id="scorecards"><th scope="row">Thống kê trách nhiệm giải trình</th>.*?<td data-label="Số dòng">\d+</td>', page, re.S)
    assert "<summary>Dung lượng chính xác và mã kiểm tra SHA-256 của từng tệp</summary>" in page
    assert page.index("<details>") < page.index('<code class="gt-hash">')
    assert "65001: Unicode (UTF-8)" in page


def test_sizes_read_as_vietnamese_numbers():
    assert [export.size_text(n) for n in (950, 28_570, 1_300_000, 3 << 30)] == ["950 byte", "27,9 KB", "1,2 MB", "3,0 GB"]
