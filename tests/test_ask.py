"""The request page of each unit (issue 19, item 6; generator/pages/ask.py), the calendar it
counts deadlines with (publish/request_calendar.py) and the setting that sends the form to the
province's own intake (request_intake_url in portal.yaml). The form itself is exercised in a
browser by tests/browser/test_task_ask.py."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF, FIXTURES

from generator.build import checked, model_of
from generator.cli import main
from generator.publish import request_calendar

PAGE = "don-vi/xa-a/yeu-cau-giai-trinh/index.html"
INTAKE = "https://mau.gov.vn/tiep-nhan-giai-trinh"


def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit=None) -> Path:
    monkeypatch.setenv("GIAITRINH_CACHE", "off")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    if edit:
        edit(data)
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "site"), "--as-of", AS_OF.isoformat()]) == 0
    return tmp_path / "site"


def test_the_calendar_the_browser_counts_with_is_the_builds_day_for_day(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_CACHE", "off")
    model = model_of(checked(FIXTURES / "valid", AS_OF), AS_OF)
    data = json.loads(request_calendar.files(model)[request_calendar.PATH])
    cal = model.settings.calendar
    assert (data["from"], data["to"]) == ("2026-01-01", "2028-12-31")
    day = dt.date(2026, 1, 1)
    while day <= dt.date(2028, 12, 31):  # what yeu-cau.js does with the file
        key = day.isoformat()
        browser = key in data["worked"] or (day.weekday() < 5 and key not in data["off"])
        assert browser == cal.is_working(day), key
        day += dt.timedelta(days=1)
    assert data["off"]["2026-02-16"] == "Tết Âm lịch" and data["worked"]["2026-01-10"].startswith("Làm bù")
    assert [r["id"] for r in data["rules"]] == [r.id for r in model.settings.rules]
    assert data["rules"][0]["accept_working_days"] == 5 and data["rules"][0]["answer_days"] == 15


def test_each_unit_has_a_request_page_linked_from_its_page_and_from_how_to_ask(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    site = built(tmp_path, monkeypatch)
    page = (site / PAGE).read_text(encoding="utf-8")
    assert '<h1>Yêu cầu giải trình gửi <span id="yc-ten-don-vi">UBND xã An Bình</span></h1>' in page
    assert 'data-lich="../../../yeu-cau-giai-trinh/lich-lam-viec.json"' in page
    assert '<a id="yc-mailto" class="gt-button" href="mailto:ubnd@anbinh.mau.gov.vn">' in page
    assert 'data-email="ubnd@anbinh.mau.gov.vn" hidden>' in page  # the form waits for the script; the blank letter does not
    assert "Cổng không nhận, không gửi đi và không lưu lại" in page
    assert "trong 5 ngày làm việc kể từ ngày cơ quan nhận được yêu cầu (khoản 4 Điều 11" in page
    assert '<script src="../../../assets/yeu-cau.js" defer></script>' in page
    assert (site / "assets" / "yeu-cau.js").is_file() and (site / "assets" / "yeu-cau.css").is_file()
    assert (site / "yeu-cau-giai-trinh" / "lich-lam-viec.json").is_file()
    unit = (site / "don-vi" / "xa-a" / "index.html").read_text(encoding="utf-8")
    assert '<a href="yeu-cau-giai-trinh/">Viết yêu cầu giải trình gửi đơn vị này</a>' in unit
    listing = (site / "yeu-cau-giai-trinh" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../don-vi/xa-a/yeu-cau-giai-trinh/">UBND xã An Bình</a>' in listing
    how = (site / "cach-yeu-cau-giai-trinh" / "index.html").read_text(encoding="utf-8")
    assert 'href="../yeu-cau-giai-trinh/">Viết yêu cầu giải trình</a>' in how
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="yeu-cau-giai-trinh/">Viết yêu cầu giải trình</a>' in home


def _no_email(data: Path) -> None:
    units = data / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("ubnd@anbinh.mau.gov.vn", ""), encoding="utf-8")


def test_a_unit_without_an_email_gets_the_postal_letter_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    page = (built(tmp_path, monkeypatch, _no_email) / PAGE).read_text(encoding="utf-8")
    assert "mailto:" not in page and 'data-email=""' in page
    assert "Cơ quan chưa công bố địa chỉ thư điện tử chính thức: hãy gửi thư đã ký qua bưu điện" in page


def _intake(data: Path) -> None:
    portal = data / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8") + f"request_intake_url: {INTAKE}\n", encoding="utf-8")


def test_the_intake_setting_sends_the_form_to_the_provinces_portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    page = (built(tmp_path, monkeypatch, _intake) / PAGE).read_text(encoding="utf-8")
    assert f'data-email="ubnd@anbinh.mau.gov.vn" action="{INTAKE}" method="post">' in page  # shown, usable without JavaScript
    assert page.count(" required aria-describedby=") == 6  # without the script the browser checks the six parts
    assert "mailto:ubnd@anbinh.mau.gov.vn?" not in page and 'id="yc-mailto"' not in page
    assert f"trang tiếp nhận yêu cầu giải trình trên cổng thông tin điện tử của tỉnh (<span class=\"gt-address\">{INTAKE}</span>)" in page
    assert ">Gửi tới hệ thống tiếp nhận của tỉnh</button>" in page


@pytest.mark.parametrize("value, detail", [
    ("http://mau.gov.vn/tiep-nhan", "không phải địa chỉ web https"),
    ("mau.gov.vn/tiep-nhan", "thiếu https:// ở đầu"),
    ("https://mau.gov.vn/tiep-nhan#mau", "có phần neo “#…”"),
])
def test_an_unusable_intake_address_is_a_problem(value: str, detail: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture):
    monkeypatch.setenv("GIAITRINH_CACHE", "off")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", data)
    (data / "portal.yaml").write_text((data / "portal.yaml").read_text(encoding="utf-8")
                                      + f"request_intake_url: {value}\n", encoding="utf-8")
    found = [p for p in checked(data, AS_OF).problems if p.code == "request-intake-url-invalid"]
    assert [(p.line, p.field, p.message().split(" Cách sửa: ")[0]) for p in found] == [
        (8, "request_intake_url", f"Địa chỉ tiếp nhận yêu cầu giải trình “{value}” ở trường “request_intake_url” "
                                  f"không dùng được: {detail}.")]
    assert main(["validate", "--data", str(data), "--as-of", AS_OF.isoformat()]) == 1
    assert "request-intake-url-invalid" in capsys.readouterr().out
