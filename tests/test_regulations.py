"""A unit's internal regulations (data/<unit>/quy-che/): exact messages of their checks, the
personal-data scan of their text, their pages with the overdue review said in words, the
scorecard and periodic-report columns, the open data, and incremental rebuilds."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF, FIXTURES, ROOT
from test_incremental import rebuild_matches_full

from generator import cli
from generator.build import build
from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.model import model, stats
from generator.publish import search
from generator.synth import synthesise

REG = "xa-a/quy-che/xa-a-qc-2026-001.yaml"
NEW = "xa-a/quy-che/xa-a-qc-2026-002.yaml"
SECOND = (b"id: xa-a-qc-2026-002\nunit: xa-a\nnumber: 40/QD-UBND\ntitle: Quy che sua doi\nkind: quy_che\n"
          b"topic: giai_trinh\nissued_on: 2026-08-03\nissued_by: Chu tich UBND xa\nstatus: in_force\n"
          b"replaces: xa-a-qc-2026-009\npublic: true\n")


def lines_after(data: Path, rel: str, old: str, new: str) -> list[str]:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p.line_text() for p in check_data(data, AS_OF).problems]


def test_the_valid_fixture_regulation_is_valid(valid_copy: Path):
    assert [p.line_text() for p in check_data(valid_copy, AS_OF).problems] == []


@pytest.mark.parametrize("old, new, expected", [
    ("status: in_force", "status: repealed",
     f"data/{REG}:10: regulation-ended-without-successor: Văn bản có hiệu lực “Hết hiệu lực” nhưng không ghi văn bản "
     "thay thế (replaced_by) hay ngày sửa đổi, hết hiệu lực (ended_on). Cách sửa: Ghi replaced_by là mã văn bản "
     "sửa đổi, thay thế, hoặc ended_on là ngày hết hiệu lực; nếu văn bản vẫn đang áp dụng thì ghi status: in_force."),
    ("status: in_force", "status: in_force\nended_on: 2026-09-01",
     f"data/{REG}:11: regulation-in-force-ended: Văn bản ghi hiệu lực “Còn hiệu lực” nhưng lại có “ended_on” "
     "(2026-09-01). Cách sửa: Nếu văn bản đã được sửa đổi thì ghi status: amended, đã bị bãi bỏ thì ghi status: "
     "repealed; nếu vẫn còn hiệu lực thì xóa dòng “ended_on”."),
    ("status: in_force", "status: in_force\nreplaces: xa-a-qc-2026-001",
     f"data/{REG}:11: regulation-link-mismatch: Trường “replaces” ghi “xa-a-qc-2026-001” nhưng đó là mã của chính "
     "văn bản này. Cách sửa: Hai văn bản phải trỏ tới nhau: văn bản mới ghi replaces là mã văn bản cũ, văn bản cũ "
     "ghi replaced_by là mã văn bản mới; một văn bản không thay thế chính nó."),
    ("status: in_force", "status: in_force\nreplaces: Quyết định 12/QĐ-UBND",
     f"data/{REG}:11: regulation-unknown-link: Trường “replaces” trỏ tới văn bản “Quyết định 12/QĐ-UBND” nhưng đơn "
     "vị xa-a không có quy chế, quy định nào mang mã này. Cách sửa: Ghi đúng mã của văn bản cùng đơn vị (tên tệp "
     "trong data/xa-a/quy-che/, bỏ đuôi .yaml), hoặc thêm hồ sơ văn bản đó trước."),
    ("next_review_due: 2027-03-02", "next_review_due: 2026-03-02",
     f"data/{REG}:9: review-due-not-after: Hạn rà soát tiếp theo next_review_due (2026-03-02) không ở sau ngày ban "
     "hành issued_on (2026-03-02). Cách sửa: Hạn rà soát tiếp theo phải sau ngày rà soát gần nhất (hoặc sau ngày "
     "ban hành nếu chưa rà soát); sau mỗi lần rà soát, ghi ngày rà soát vào last_reviewed_on và đặt hạn mới."),
    ("next_review_due: 2027-03-02", "last_reviewed_on: 2026-09-10\nnext_review_due: 2026-09-01",
     f"data/{REG}:10: review-due-not-after: Hạn rà soát tiếp theo next_review_due (2026-09-01) không ở sau ngày rà "
     "soát gần nhất last_reviewed_on (2026-09-10). Cách sửa: Hạn rà soát tiếp theo phải sau ngày rà soát gần nhất "
     "(hoặc sau ngày ban hành nếu chưa rà soát); sau mỗi lần rà soát, ghi ngày rà soát vào last_reviewed_on và đặt "
     "hạn mới."),
    ("next_review_due: 2027-03-02", "last_reviewed_on: 2026-01-10\nnext_review_due: 2027-03-02",
     f"data/{REG}:9: date-order: Ngày “last_reviewed_on” (2026-01-10) sớm hơn “issued_on (2026-03-02)”. Cách sửa: "
     "Kiểm tra lại hai ngày; thứ tự đúng là nhận → tiếp nhận → (gia hạn) → giải trình."),
    ("kind: quy_che", "kind: cong_van",
     f"data/{REG}:5: not-in-list: Giá trị “cong_van” của trường “kind” không thuộc danh mục cho phép. Cách sửa: "
     "Chọn một trong các giá trị: quy_che (Quy chế), quy_trinh (Quy trình), quy_dinh (Quy định), noi_quy (Nội quy), "
     "khac (Khác)."),
])
def test_exact_message(old: str, new: str, expected: str, valid_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(valid_copy.parent)
    lines = lines_after(Path("data"), REG, old, new)
    assert lines == [expected]


def test_replaces_must_name_an_existing_regulation_of_the_same_unit(valid_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(valid_copy.parent)
    (valid_copy / NEW).write_bytes(SECOND)
    hint = ("Cách sửa: Ghi đúng mã của văn bản cùng đơn vị (tên tệp trong data/xa-a/quy-che/, bỏ đuôi .yaml), "
            "hoặc thêm hồ sơ văn bản đó trước.")
    lines = [p.line_text() for p in check_data(Path("data"), AS_OF).problems]
    assert lines == [f"data/{NEW}:10: regulation-unknown-link: Trường “replaces” trỏ tới văn bản “xa-a-qc-2026-009” "
                     f"nhưng đơn vị xa-a không có quy chế, quy định nào mang mã này. {hint}"]
    # the same id under another unit's code (units.csv has xa-b): not a regulation of xa-a
    units = valid_copy / "units.csv"
    row = next(line for line in units.read_text(encoding="utf-8").splitlines() if line.startswith("xa-a,"))
    units.write_text(units.read_text(encoding="utf-8") + row.replace("xa-a", "xa-b", 1) + "\n", encoding="utf-8")
    (valid_copy / "xa-b" / "quy-che").mkdir(parents=True)
    (valid_copy / "xa-b" / "quy-che" / "xa-b-qc-2026-009.yaml").write_bytes(
        (valid_copy / REG).read_bytes().replace(b"xa-a", b"xa-b").replace(b"2026-001", b"2026-009"))
    (valid_copy / NEW).write_bytes(SECOND.replace(b"xa-a-qc-2026-009", b"xa-b-qc-2026-009"))
    lines = [p.line_text() for p in check_data(Path("data"), AS_OF).problems]
    assert lines == [f"data/{NEW}:10: regulation-unknown-link: Trường “replaces” trỏ tới văn bản “xa-b-qc-2026-009” "
                     f"nhưng đơn vị xa-a không có quy chế, quy định nào mang mã này. {hint}"]
    (valid_copy / NEW).write_bytes(SECOND.replace(b"xa-a-qc-2026-009", b"xa-a-qc-2026-001"))
    assert [p.line_text() for p in check_data(Path("data"), AS_OF).problems] == []


def test_the_personal_data_guard_scans_a_regulation(valid_copy: Path):
    lines = lines_after(valid_copy, REG, "status: in_force",
                        "summary: Giao bà Lê Thị Hoa ở thôn Đồng Tâm theo dõi.\nstatus: in_force")
    assert [line.split(": ")[1] for line in lines] == ["personal-name"]
    assert f"{REG}:10:" in lines[0] and "“summary”" in lines[0]


def sample_model(as_of: dt.date) -> model.Model:
    checked = check_data(ROOT / "data", as_of)
    return model.build(validate.typed_rows(checked.loaded), checked.settings, as_of)


def test_a_review_is_overdue_once_its_due_date_has_passed():
    before = {r["id"]: r["review_overdue"] for r in sample_model(dt.date(2026, 10, 20)).regulations}
    after = {r["id"]: r["review_overdue"] for r in sample_model(AS_OF).regulations}
    assert before["xa-thien-tan-qc-2026-001"] is False  # due 20/10/2026: not yet overdue on that day
    assert after["xa-thien-tan-qc-2026-001"] is True
    assert [k for k, v in after.items() if v] == ["xa-thien-tan-qc-2026-001"]  # amended or repealed: never


def text_of(page: Path) -> str:
    import html
    import re
    body = page.read_text(encoding="utf-8")
    body = body[body.index("<article"):body.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_pages(sample_site: Path):
    listing = text_of(sample_site / "quy-che" / "index.html")
    assert listing.startswith("Quy chế, quy định nội bộ 7 quy chế, quy trình, quy định, nội quy nội bộ")
    assert "Trên trang này có 1 văn bản quá hạn rà soát" in listing
    assert ("61/QĐ-UBND: Quy định thực hiện trách nhiệm giải trình trong hoạt động công vụ của UBND xã Thiên Tân "
            "Ủy ban nhân dân xã Thiên Tân Quy định 20/04/2026 Còn hiệu lực 20/10/2026 Quá hạn rà soát") in listing
    assert listing.count("Quá hạn rà soát") == 1
    unit = text_of(sample_site / "don-vi" / "xa-thien-tan" / "index.html")
    assert "Quy chế, quy định nội bộ (3) 1 văn bản quá hạn rà soát" in unit
    assert 'href="quy-che/"' in (sample_site / "don-vi" / "xa-thien-tan" / "index.html").read_text(encoding="utf-8")
    own = text_of(sample_site / "don-vi" / "phuong-dong-kinh" / "quy-che" / "index.html")
    assert own.startswith("Quy chế, quy định nội bộ của Ủy ban nhân dân phường Đông Kinh 2 quy chế")
    assert "Quá hạn rà soát" not in own
    page = sample_site / "quy-che" / "xa-thien-tan-qc-2026-002" / "index.html"
    text = text_of(page)
    assert ("Các phiên bản Từ bản đầu tiên đến bản mới nhất: 38/QĐ-UBND: Quy chế tiếp công dân của Ủy ban nhân dân "
            "xã Thiên Tân , ban hành ngày 15/08/2025, đã sửa đổi 96/QĐ-UBND: Quy chế tiếp công dân của Ủy ban nhân "
            "dân xã Thiên Tân (sửa đổi, bổ sung năm 2026) (văn bản đang xem), ban hành ngày 15/07/2026, còn hiệu "
            "lực") in text
    assert 'href="../../tep/xa-thien-tan/qc-2026-002.pdf"' in page.read_text(encoding="utf-8")
    assert (sample_site / "tep" / "xa-thien-tan" / "qc-2026-002.pdf").read_bytes().startswith(b"%PDF-")
    old = text_of(sample_site / "quy-che" / "xa-thien-tan-qc-2025-001" / "index.html")
    assert "Hiệu lực Đã sửa đổi Ngày sửa đổi, hết hiệu lực 15/07/2026" in old
    overdue = text_of(sample_site / "quy-che" / "xa-thien-tan-qc-2026-001" / "index.html")
    assert overdue.startswith("61/QĐ-UBND: Quy định thực hiện trách nhiệm giải trình trong hoạt động công vụ của "
                              "UBND xã Thiên Tân Quá hạn rà soát : văn bản còn hiệu lực nhưng hạn rà soát tiếp "
                              "theo (20/10/2026) đã qua, tính đến ngày 23/11/2026.")
    hidden = text_of(sample_site / "quy-che" / "phuong-ky-lua-qc-2026-001" / "index.html")
    assert ("Các phiên bản Từ bản đầu tiên đến bản mới nhất: Văn bản không công khai 131/QĐ-UBND: Quy chế tiếp "
            "nhận, xử lý yêu cầu giải trình của Ủy ban nhân dân phường Kỳ Lừa (văn bản đang xem)") in hidden
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="quy-che/"' in home  # the navigation


def test_search_finds_a_regulation_without_diacritics():
    docs = search.documents(sample_model(AS_OF))
    found = [d for d in docs if d.kind == "q" and {"tiep", "cong", "dan", "quy", "che"} <= d.terms()]
    assert sorted(d.id for d in found) == ["xa-thien-tan-qc-2025-001",
                                           "xa-thien-tan-qc-2026-002"]
    overdue = next(d for d in docs if d.id == "xa-thien-tan-qc-2026-001")
    assert overdue.status == "Còn hiệu lực · Quá hạn rà soát"


def test_scorecards_and_the_periodic_report(tmp_path: Path):
    portal = sample_model(AS_OF)
    cards = stats.all_scorecards(portal)
    unit = {line.key: line.figures for line in cards["2026-H1"]["unit"]}
    assert (unit["xa-thien-tan"]["regulations_in_force"], unit["xa-thien-tan"]["regulations_review_overdue"]) == (2, 0)
    year = {line.key: line.figures for line in cards["2026"]["unit"]}  # not ended: counted on the as-of date
    assert (year["xa-thien-tan"]["regulations_in_force"], year["xa-thien-tan"]["regulations_review_overdue"]) == (2, 1)
    assert year["so-xay-dung"]["regulations_in_force"] == 0  # repealed on 01/03/2025
    assert cards["2026"]["portal"][0].figures["regulations_in_force"] == 5
    assert cards["2026"]["field"][0].figures["regulations_in_force"] is None

    out = tmp_path / "bc"
    assert cli.main(["report", "--period", "2026-H1", "--data", str(ROOT / "data"), "--out", str(out),
                     "--as-of", AS_OF.isoformat()]) == 0
    rows = list(csv.reader((out / "bao-cao-giai-trinh-2026-H1.csv").read_text(encoding="utf-8-sig").splitlines()))
    header = rows[0]
    col = header.index("Quy chế, quy định nội bộ còn hiệu lực")
    assert header[col + 1] == "Quy chế, quy định quá hạn rà soát"
    by_unit = {r[0]: r for r in rows[1:]}
    assert by_unit["xa-thien-tan"][col:col + 2] == ["2", "0"]
    assert by_unit["phuong-dong-kinh"][col:col + 2] == ["2", "0"]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][col] == "4"  # so-xay-dung's was repealed in 2025
    sheet = openpyxl.load_workbook(out / "bao-cao-giai-trinh-2026-H1.xlsx")["Theo đơn vị"]
    assert [c.value for c in sheet[5]][col] == "Quy chế, quy định nội bộ còn hiệu lực"


def test_open_data(sample_site: Path):
    folder = sample_site / "du-lieu-mo"
    rows = list(csv.DictReader((folder / "regulations.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 7  # phuong-ky-lua-qc-2025-001 is not public: its successor does not name it
    assert {r["id"]: r["replaces"] for r in rows}["phuong-ky-lua-qc-2026-001"] == "(hồ sơ không công khai)"
    assert {r["id"]: r["review_overdue"] for r in rows}["xa-thien-tan-qc-2026-001"] == "true"
    assert {r["id"]: r["document_sha256"] for r in rows}["xa-thien-tan-qc-2026-002"]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "regulations")
    assert resource["title"] == "Quy chế, quy định nội bộ" and resource["path"] == "regulations.csv"
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", str(folder / "datapackage.json")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert any(t["name"] == "regulations" and t["valid"] for t in report["tasks"]), proc.stdout[-2000:]


def test_synth_makes_regulations_and_a_rebuild_after_one_changed_matches_a_full_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GIAITRINH_REMOVE_NOW", "1")
    counts = synthesise(400, tmp_path / "data", seed=3)
    regs = sorted((tmp_path / "data").glob("*/quy-che/*.yaml"))
    assert counts["regulations"] == len(regs) == 4
    first = build(tmp_path / "data", tmp_path / "site", AS_OF)
    assert not [p for p in first.problems if p.is_error]
    lone = next(r for r in regs if "replace" not in r.read_text(encoding="utf-8"))
    text = lone.read_text(encoding="utf-8")
    lone.write_text("\n".join(line for line in text.splitlines() if not line.startswith(("next_review_due", "last_reviewed")))
                    + "\nlast_reviewed_on: 2026-11-02\nnext_review_due: 2026-11-20\n", encoding="utf-8")
    assert 0 < rebuild_matches_full(tmp_path) < first.pages / 4
    assert "Quá hạn rà soát" in (tmp_path / "site" / "quy-che" / lone.stem / "index.html").read_text(encoding="utf-8")
    lone.unlink()
    rebuild_matches_full(tmp_path)
    assert not (tmp_path / "site" / "quy-che" / lone.stem).exists()
    rebuild_matches_full(tmp_path, AS_OF + dt.timedelta(days=400))  # reviews fall due with the date


def test_the_valid_fixture_builds_its_regulation(tmp_path: Path):
    shutil.copytree(FIXTURES / "valid", tmp_path / "data")
    result = build(tmp_path / "data", tmp_path / "site", AS_OF, incremental=False)
    assert not [p for p in result.problems if p.is_error]
    assert "Quy chế thực hiện trách nhiệm giải trình của UBND xã A" in text_of(tmp_path / "site" / "quy-che" / "index.html")
