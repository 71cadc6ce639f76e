"""End to end: the sample data builds, its open data is valid Frictionless, counts add up."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.model import model


def test_sample_data_is_valid():
    checked = check_data(ROOT / "data", AS_OF)
    assert [p.line_text() for p in checked.problems if p.is_error] == []


def test_frictionless_accepts_the_published_datapackage(sample_site: Path):
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                           str(sample_site / "du-lieu-mo" / "datapackage.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert '"valid": true' in proc.stdout


def test_downloads_hold_exactly_the_published_records(sample_site: Path):
    checked = check_data(ROOT / "data", AS_OF)
    portal = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
    for name in ("units", "plans", "plan_tasks", "explanations", "follow_ups", "meetings", "reports", "regulations"):
        text = (sample_site / "du-lieu-mo" / f"{name}.csv").read_text(encoding="utf-8")
        ids = [row.get("id") for row in csv.DictReader(io.StringIO(text))]
        assert len(ids) == len(portal.resource(name)), name
        assert len(ids) == len(set(zip(ids, range(len(ids))))), name
    published = {r["id"] for r in portal.explanations}
    all_ids = {str(r.values["id"]) for r in checked.loaded.records["explanations"]}
    assert published < all_ids  # some sample records are private or not yet due for publication


def test_every_published_explanation_has_its_page(sample_site: Path):
    text = (sample_site / "du-lieu-mo" / "explanations.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        page = sample_site / "giai-trinh" / row["id"] / "index.html"
        assert page.exists(), row["id"]
        assert row["subject"].replace("&", "&amp;") in page.read_text(encoding="utf-8")


def test_cli_build_refuses_invalid_data_and_keeps_the_previous_site(valid_copy: Path, tmp_path: Path):
    out = tmp_path / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--data", str(valid_copy), "--out", str(out),
           "--as-of", AS_OF.isoformat()]
    assert subprocess.run(cmd, capture_output=True, cwd=ROOT).returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    bad = valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("field: xay_dung", "field: nha_o"), encoding="utf-8")
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "xa-a-2026-002.yaml:6: not-in-list" in proc.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_the_zip_is_the_data_package_and_frictionless_accepts_it(sample_site: Path, tmp_path: Path):
    import zipfile

    site = sample_site / "du-lieu-mo"
    with zipfile.ZipFile(site / "giai-trinh-mo.zip") as z:
        assert z.testzip() is None
        names = z.namelist()
        assert "datapackage.json" in names and all(n == "datapackage.json" or n.endswith(".csv") for n in names)
        for n in names:
            assert z.read(n) == (site / n).read_bytes(), n
        z.extractall(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(tmp_path / "datapackage.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_each_years_workbook_holds_that_years_rows(sample_site: Path):
    import openpyxl

    site = sample_site / "du-lieu-mo"
    ids = [row["id"] for row in csv.DictReader(io.StringIO((site / "explanations.csv").read_text(encoding="utf-8")))]
    received = {row["id"]: row["received_on"][:4]
                for row in csv.DictReader(io.StringIO((site / "explanations.csv").read_text(encoding="utf-8")))}
    seen = []
    books = sorted(site.glob("giai-trinh-mo-*.xlsx"))
    assert len(books) >= 2
    for book in books:
        year = book.stem.rsplit("-", 1)[1]
        ws = openpyxl.load_workbook(book, read_only=True)["Yêu cầu giải trình"]
        rows = list(ws.iter_rows(min_row=2, max_col=1, values_only=True))
        assert {received[r[0]] for r in rows} <= {year}, book.name
        seen += [r[0] for r in rows]
    assert sorted(seen) == sorted(ids)


def test_a_portal_without_records_yet_still_has_a_workbook_of_its_units():
    import dataclasses

    import openpyxl

    from generator.publish import export

    checked = check_data(ROOT / "data", AS_OF)
    portal = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
    empty = dataclasses.replace(portal, plans=[], explanations=[], follow_ups=[], meetings=[], reports=[],
                                regulations=[], withdrawn=[])
    files = export.export(empty)
    books = [n for n in files if n.endswith(".xlsx") and "/bao-cao/" not in n]
    assert books == [f"du-lieu-mo/giai-trinh-mo-{AS_OF.year}.xlsx"]
    ws = openpyxl.load_workbook(io.BytesIO(files[books[0]]), read_only=True)["Đơn vị"]
    assert len(list(ws.iter_rows(min_row=2))) == len(portal.units)


def test_the_open_data_page_lists_each_files_size_and_sha256(sample_site: Path):
    import hashlib
    import re

    page = (sample_site / "du-lieu-mo" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'download>([^<]+)</a></td><td[^>]*>([\d.]+)</td><td[^>]*><code class="gt-hash">(\w+)</code>', page)
    assert len(listed) > 10
    for name, size, sha in listed:
        data = (sample_site / "du-lieu-mo" / name).read_bytes()
        assert (int(size.replace(".", "")), sha) == (len(data), hashlib.sha256(data).hexdigest()), name


@pytest.mark.parametrize("command", ["validate", "build", "report"])
def test_a_missing_data_folder_is_named_with_a_hint(tmp_path: Path, command: str, capsys: pytest.CaptureFixture):
    from generator.cli import main

    extra = ["--period", "2026"] if command == "report" else []
    assert main([command, "--data", str(tmp_path / "khong-co"), "--as-of", "2026-11-23", *extra]) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy thư mục dữ liệu" in err and "khong-co" in err and "Gợi ý" in err
    assert not (tmp_path / "site").exists()


def test_every_meeting_of_a_unit_is_published_on_its_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A unit page shows its 20 latest meetings and links to the list of all of them."""
    import re
    import shutil

    from generator.build import build

    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    folder = data / "xa-thien-tan" / "tiep-cong-dan"
    source = (folder / "xa-thien-tan-dt-2026-07-09.yaml").read_text(encoding="utf-8")
    for day in range(1, 24):
        rid = f"xa-thien-tan-dt-2026-05-{day:02d}"
        (folder / f"{rid}.yaml").write_text(
            source.replace("xa-thien-tan-dt-2026-07-09", rid).replace("held_on: 2026-07-09", f"held_on: 2026-05-{day:02d}"),
            encoding="utf-8")
    total = len(list(folder.glob("*.yaml")))
    assert not [p for p in build(data, tmp_path / "site", AS_OF).problems if p.is_error]
    unit = (tmp_path / "site" / "don-vi" / "xa-thien-tan" / "index.html").read_text(encoding="utf-8")
    assert f"Xem tất cả {total} buổi tiếp công dân" in unit and 'href="tiep-cong-dan/"' in unit
    listing = (tmp_path / "site" / "don-vi" / "xa-thien-tan" / "tiep-cong-dan" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<tr><td data-label=\"Ngày\">\d\d/\d\d/2026</td>", listing)) == total
    assert "01/05/2026" in listing and "09/07/2026" in listing
