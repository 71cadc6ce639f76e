"""Scorecards, compliance and the periodic report add up to the records they summarise.

The figures are recomputed here independently, from the published downloads only (the
CSV files anyone can fetch), and compared with the published statistics.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF, ROOT

from generator.model import stats


def read(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "du-lieu-mo" / name).read_text(encoding="utf-8-sig"))))


def bounds(label: str) -> tuple[str, str]:
    year = label[:4]
    return {"H1": (f"{year}-01-01", f"{year}-06-30"), "H2": (f"{year}-07-01", f"{year}-12-31")}.get(
        label[5:], (f"{year}-01-01", f"{year}-12-31"))


def expected(ex: list[dict], fu: list[dict] | None, mt: list[dict] | None, label: str) -> dict[str, str]:
    """The figures of one group, recomputed from CSV rows with ISO dates compared as text."""
    lo, hi = bounds(label)
    rows = [r for r in ex if lo <= r["received_on"] <= hi]
    answered = [r for r in rows if r["status"] == "answered"]
    days = sorted(int(r["days_to_answer"]) for r in answered)
    small = len(answered) < 5
    on_time = sum(r["timeliness"] == "on_time" for r in answered)
    out = {
        "received": len(rows),
        "accepted": sum(r["accepted_on"] != "" for r in rows),
        "refused": sum(r["status"] == "refused" for r in rows),
        "answered": len(answered),
        "answered_on_time": on_time,
        "on_time_rate": "" if small else round(100 * on_time / len(answered), 1),
        "median_days": "" if small else (days[len(days) // 2] if len(days) % 2 else
                                         (days[len(days) // 2 - 1] + days[len(days) // 2]) / 2),
        "p90_days": "" if small else days[math.ceil(0.9 * len(days)) - 1],
        "overdue_now": sum(r["timeliness"] == "overdue" for r in rows),
        "follow_ups_due": "", "follow_ups_completed": "", "follow_ups_overdue": "", "meetings_held": "",
        "small_count": "true" if small else "false",
    }
    if fu is not None:
        due = [f for f in fu if f["due_on"] and lo <= f["due_on"] <= hi]
        out["follow_ups_due"] = len(due)
        out["follow_ups_completed"] = sum(f["status"] == "done" for f in due)
        out["follow_ups_overdue"] = sum(f["status"] not in ("done", "cancelled") and f["due_on"] < AS_OF.isoformat()
                                        for f in due)
    if mt is not None:
        out["meetings_held"] = sum(lo <= m["held_on"] <= hi for m in mt)
    return {k: _num(v) for k, v in out.items()}


def _num(v: object) -> str:
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else str(v)
    return str(v)


def _published(row: dict[str, str]) -> dict[str, str]:
    return {k: _num(float(v)) if k in ("on_time_rate", "median_days") and v else v for k, v in row.items()}


def test_scorecards_add_up_to_the_downloaded_records(sample_site: Path):
    ex, fu, mt = read(sample_site, "explanations.csv"), read(sample_site, "follow_ups.csv"), read(sample_site, "meetings.csv")
    units = read(sample_site, "units.csv")
    published = read(sample_site, "thong-ke/scorecards.csv")
    assert published, "no scorecards published"
    labels = sorted({r["period"] for r in published})
    assert labels == ["2025", "2025-H2", "2026", "2026-H1", "2026-H2"]
    checked = 0
    for row in published:
        label, dim, key = row["period"], row["dimension"], row["key"]
        if dim == "portal":
            want = expected(ex, fu, mt, label)
        elif dim == "unit":
            assert key in {u["id"] for u in units}
            want = expected([r for r in ex if r["unit"] == key], [f for f in fu if f["unit"] == key],
                            [m for m in mt if m["unit"] == key], label)
        else:
            want = expected([r for r in ex if r[dim] == key], None, None, label)
        got = {k: v for k, v in _published(row).items() if k in want}
        assert got == want, (label, dim, key)
        checked += 1
    # every unit, field and requester type appears once per period, plus the portal line
    per_period = 1 + len(units) + len(stats.std.load("explanations").by_name["field"].enum) \
        + len(stats.std.load("explanations").by_name["requester_type"].enum)
    assert checked == per_period * len(labels)


def test_unit_lines_sum_to_the_portal_line(sample_site: Path):
    published = read(sample_site, "thong-ke/scorecards.csv")
    counts = ("received", "accepted", "refused", "answered", "answered_on_time", "overdue_now",
              "follow_ups_due", "follow_ups_completed", "follow_ups_overdue", "meetings_held")
    for label in {r["period"] for r in published}:
        portal = next(r for r in published if r["period"] == label and r["dimension"] == "portal")
        units = [r for r in published if r["period"] == label and r["dimension"] == "unit"]
        for name in counts:
            assert sum(int(r[name]) for r in units) == int(portal[name]), (label, name)
        for dim in ("field", "requester_type"):
            lines = [r for r in published if r["period"] == label and r["dimension"] == dim]
            assert sum(int(r["received"]) for r in lines) == int(portal["received"]), (label, dim)


def test_sample_portal_2026_figures_by_hand(sample_site: Path):
    """The 2026 line of the sample portal, counted from the record files (published ones only)."""
    row = next(r for r in read(sample_site, "thong-ke/scorecards.csv")
               if r["period"] == "2026" and r["dimension"] == "portal")
    # 31 explanation files received in 2026; 2 are private (so-noi-vu-2026-003, thanh-tra-tinh-2026-001)
    # and one is published only from 2027 (ubnd-tinh-2026-003): 29 published. Refused: 3
    # (phuong-dong-kinh-2026-002, so-noi-vu-2026-002, xa-thien-tan-2026-003). Overdue on 23/11/2026: 2
    # (so-nong-nghiep-moi-truong-2026-004, xa-huu-lung-2026-003).
    assert (row["received"], row["refused"], row["overdue_now"], row["small_count"]) == ("29", "3", "2", "false")
    assert (row["answered"], row["answered_on_time"], row["on_time_rate"]) == ("19", "15", "78.9")


def test_small_counts_are_flagged_not_shown_as_rates(sample_site: Path):
    row = next(r for r in read(sample_site, "thong-ke/scorecards.csv")
               if r["period"] == "2026" and r["key"] == "xa-thien-tan")
    assert (row["answered"], row["on_time_rate"], row["median_days"], row["small_count"]) == ("3", "", "", "true")
    page = (sample_site / "don-vi" / "xa-thien-tan" / "index.html").read_text(encoding="utf-8")
    assert "ít số liệu" in page and "Kết quả thực hiện" in page


def test_percentiles():
    assert stats.percentile_90([5]) == 5
    assert stats.percentile_90(list(range(1, 11))) == 9  # ceil(0.9 × 10) = 9th value
    assert stats.percentile_90(list(range(1, 12))) == 10  # ceil(0.9 × 11) = 10th value
    assert stats.median([1, 2, 3, 10]) == 2.5
    assert stats.percentile_90([]) is None


def test_period_labels():
    assert stats.parse_period("2026-H1") == stats.Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30), "2026-H1")
    assert stats.parse_period("2026").end == dt.date(2026, 12, 31)
    assert stats.parse_period("2026-H2").title == "6 tháng cuối năm 2026"
    for bad in ("2026-H3", "26", "2026-h1", "2026-Q1", "", "1800"):
        with pytest.raises(stats.PeriodError) as err:
            stats.parse_period(bad)
        assert str(err.value) == (
            f"Kỳ báo cáo “{bad}” không đúng dạng. Cách sửa: Ghi năm (2026) cho báo cáo năm, hoặc năm-H1 "
            "(2026-H1) cho báo cáo 6 tháng đầu năm.")


def test_report_compliance_as_of_the_build_date(sample_site: Path):
    rows = {(r["unit"], r["period"], r["level"]): r["state"] for r in read(sample_site, "thong-ke/reports.csv")}
    # due 05/06/2026: submitted 05/06 on time, 12/06 late, none missing; the annual 2026 reports are not yet due.
    assert rows[("phuong-dong-kinh", "2026-H1", "unit")] == "on_time"
    assert rows[("phuong-ky-lua", "2026-H1", "unit")] == "late"
    assert rows[("xa-huu-lung", "2026-H1", "unit")] == "missing"
    assert rows[("ubnd-tinh", "2026-H1", "consolidated")] == "on_time"  # due 10/06, sent 10/06
    assert rows[("xa-thien-tan", "2026", "unit")] == "not_due"
    assert ("ubnd-tinh", "2026-H1", "unit") not in rows  # the top unit consolidates, it has no one to report to
    assert not any(p.startswith("2025-H1") for _, p, _ in rows)  # before the first reported period


def test_plan_compliance(sample_site: Path):
    rows = {r["unit"]: r for r in read(sample_site, "thong-ke/plans.csv")}
    assert (rows["xa-huu-lung"]["state"], rows["xa-huu-lung"]["issued_on"], rows["xa-huu-lung"]["due_on"]) == \
        ("late", "2026-04-14", "2026-03-31")
    assert rows["xa-thien-tan"]["state"] == "on_time"
    assert rows["so-tai-chinh"]["state"] == "missing"
    tasks = read(sample_site, "plan_tasks.csv")
    for unit, row in rows.items():
        led = [t for t in tasks if t["lead_unit"] == unit]
        assert int(row["led_tasks"]) == len(led), unit
        assert int(row["led_done"]) == sum(t["status"] == "done" for t in led), unit


def test_published_periodic_report_matches_the_scorecards(sample_site: Path):
    text = (sample_site / "du-lieu-mo" / "bao-cao" / "bao-cao-giai-trinh-2026-H1.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    cards = {r["key"]: r for r in read(sample_site, "thong-ke/scorecards.csv")
             if r["period"] == "2026-H1" and r["dimension"] in ("unit", "portal")}
    assert rows[0][:4] == ["Mã đơn vị", "Đơn vị", "Số yêu cầu nhận", "Đã tiếp nhận"]
    for row in rows[1:]:
        card = cards[row[0] or "all"]
        assert row[2:7] == [card[n] for n in ("received", "accepted", "refused", "answered", "answered_on_time")]
    assert rows[-1][1] == "Tổng cộng"
    assert (sample_site / "bao-cao" / "2026-H1" / "index.html").exists()
    assert (sample_site / "bao-cao" / "2025" / "index.html").exists()
    assert not (sample_site / "bao-cao" / "2026" / "index.html").exists()  # the year has not ended


def test_calendar_page_lists_the_days_off_used(sample_site: Path):
    page = (sample_site / "thong-ke" / "lich" / "index.html").read_text(encoding="utf-8")
    assert "Tết Âm lịch" in page and "17/02/2026" in page and "24/11/2026" in page
    assert "22/08/2026" in page and "Ngày làm việc bù: có tính" in page
    footer = (sample_site / "giai-trinh" / "index.html").read_text(encoding="utf-8")
    assert 'href="../thong-ke/lich/"' in footer


def test_charts_have_a_title_and_a_table(sample_site: Path):
    page = (sample_site / "thong-ke" / "2026" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="gt-chart" role="img"' in page
    assert "<title>Số yêu cầu nhận và số giải trình đúng hạn theo đơn vị</title>" in page
    assert page.count('<table class="gt-list gt-scorecard">') == 3  # units, fields, requester types
    assert page.count('<table class="gt-facts gt-scorecard-facts">') == 1  # the whole portal
    chart = page.split('<svg class="gt-chart"', 1)[1].split("</svg>", 1)[0]
    assert "http" not in chart and "<rect" in chart  # nothing fetched, drawn inline


def run_report(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "report", *args], capture_output=True, text=True, cwd=cwd)


def test_report_command_writes_xlsx_and_csv(tmp_path: Path, sample_site: Path):
    proc = run_report("--period", "2026-H1", "--as-of", AS_OF.isoformat(), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == (
        "Đã lập báo cáo tổng hợp kỳ 2026-H1 (6 tháng đầu năm 2026), số liệu tính đến 2026-11-23.")
    csv_bytes = (tmp_path / "bao-cao-giai-trinh-2026-H1.csv").read_bytes()
    assert csv_bytes == (sample_site / "du-lieu-mo" / "bao-cao" / "bao-cao-giai-trinh-2026-H1.csv").read_bytes()
    wb = openpyxl.load_workbook(tmp_path / "bao-cao-giai-trinh-2026-H1.xlsx")
    assert wb.sheetnames == ["Theo đơn vị", "Nộp báo cáo", "Phương pháp"]
    ws = wb["Theo đơn vị"]
    total = next(row for row in ws.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total[2:7] == (15, 14, 1, 13, 11)


def test_report_command_annual_period_not_yet_ended(tmp_path: Path):
    proc = run_report("--period", "2026", "--as-of", AS_OF.isoformat(), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "(kỳ chưa kết thúc: số liệu tạm tính)" in proc.stderr
    assert (tmp_path / "bao-cao-giai-trinh-2026.xlsx").exists()


def test_report_command_rejects_a_bad_period(tmp_path: Path):
    proc = run_report("--period", "2026-H3", "--out", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr == ("Kỳ báo cáo “2026-H3” không đúng dạng. Cách sửa: Ghi năm (2026) cho báo cáo năm, "
                           "hoặc năm-H1 (2026-H1) cho báo cáo 6 tháng đầu năm.\n")
    assert list(tmp_path.iterdir()) == []


def test_report_command_refuses_invalid_data(valid_copy: Path, tmp_path: Path):
    bad = valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "extended_on: 2026-10-15\nextension_days: 30\n"
                   "extension_reason: Phức tạp\n", encoding="utf-8")
    proc = run_report("--data", str(valid_copy), "--period", "2026-H2", "--as-of", AS_OF.isoformat(),
                      "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "extension-too-long" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == "Không lập báo cáo: dữ liệu còn lỗi, sửa các lỗi trên rồi chạy lại."
    assert not (tmp_path / "out").exists()


def test_reporting_period_of_a_report_record_must_parse(valid_copy: Path):
    from generator.check.whole import check_data

    folder = valid_copy / "xa-a" / "bao-cao"
    folder.mkdir()
    (folder / "xa-a-bc-1800.yaml").write_text(
        "id: xa-a-bc-1800\nunit: xa-a\nperiod: \"1800\"\nlevel: unit\npublic: true\n", encoding="utf-8")
    lines = [p.line_text().removeprefix(f"{valid_copy}/") for p in check_data(valid_copy, AS_OF).problems
             if p.code == "reporting-period"]
    assert lines == ["xa-a/bao-cao/xa-a-bc-1800.yaml:3: reporting-period: Kỳ báo cáo “1800” không đúng dạng. "
                     "Cách sửa: Ghi năm (2026) cho báo cáo năm, hoặc năm-H1 (2026-H1) cho báo cáo 6 tháng đầu năm."]
