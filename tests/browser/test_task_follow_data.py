"""Issue 19, items 4 and 5, as a citizen does them at 360 and 320 px, with JavaScript on and off:
follow a unit's news from its page, and open every explanation in a spreadsheet."""

from __future__ import annotations

import io
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import openpyxl
from selenium.webdriver.common.by import By

from .support import axe_check
from .tasks import Citizen, task

A = "{http://www.w3.org/2005/Atom}"
BASE = "https://giaitrinh.langson.gov.vn/"  # the sample portal's address (data/portal.yaml)
UNIT = "phuong-dong-kinh"


def _local(address: str, site_url: str) -> str:
    """The sample site's own copy of an address on the portal."""
    return site_url + address.removeprefix(BASE) if address.startswith(BASE) else address


def test_follow_a_units_news(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "theo dõi tin của một đơn vị") as t:
        t.open(f"don-vi/{UNIT}/")
        t.driver.find_element(By.PARTIAL_LINK_TEXT, "Theo dõi tin mới của đơn vị").click()
        t.settle()
        assert t.driver.current_url == f"{site_url}don-vi/{UNIT}/nhan-tin/"
        assert t.driver.find_element(By.TAG_NAME, "h1").text == "Theo dõi Ủy ban nhân dân phường Đông Kinh"
        field = t.driver.find_element(By.ID, "dia-chi-tin")
        address = field.get_attribute("value")
        assert address == f"{BASE}don-vi/{UNIT}/atom.xml" and field.get_attribute("readonly") is not None
        button = t.driver.find_element(By.CSS_SELECTOR, "button[data-gt-copy='dia-chi-tin']")
        if citizen.javascript:
            button.click()
            status = t.driver.find_element(By.CSS_SELECTOR, "#dia-chi-tin ~ .gt-copy-status").text
            assert status in ("Đã sao chép địa chỉ.", "Địa chỉ đã được chọn: bấm giữ để sao chép.")
            selected = t.driver.execute_script(
                "var i = document.getElementById('dia-chi-tin');"
                "return document.activeElement === i ? i.value.substring(i.selectionStart, i.selectionEnd) : '';")
            assert selected == address
        else:  # no button to press: the field holds the address, to select by hand
            assert not button.is_displayed()
        calendar = t.driver.find_element(By.ID, "dia-chi-lich").get_attribute("value")
        assert calendar == f"{BASE}don-vi/{UNIT}/lich-han.ics"
        news = t.driver.find_elements(By.CSS_SELECTOR, "#tin-moi + ul li a")
        assert news
        if citizen.javascript:  # axe runs as a script: the same page is checked with it on
            axe_check(t.driver, "theo dõi đơn vị")
        feed = ET.fromstring(urllib.request.urlopen(_local(address, site_url)).read())
        assert feed.findtext(f"{A}title") == "Ủy ban nhân dân phường Đông Kinh: giải trình mới"
        assert [e.findtext(f"{A}title") for e in feed.iter(f"{A}entry")][:1] == [news[0].text]
        assert urllib.request.urlopen(_local(calendar, site_url)).read().startswith(b"BEGIN:VCALENDAR")


def test_download_every_explanation_and_open_it_in_a_spreadsheet(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "tải mọi giải trình và mở bằng bảng tính") as t:
        t.open("")
        t.driver.find_element(By.LINK_TEXT, "Tải dữ liệu mở").click()
        t.settle()
        assert t.driver.current_url == f"{site_url}du-lieu-mo/"
        books = t.driver.find_elements(By.CSS_SELECTOR, "#so-excel a[download]")
        assert [b.text for b in books][-1] == "Sổ Excel năm 2026"
        href = books[-1].get_attribute("href")
        row = t.driver.find_element(By.ID, "explanations")
        assert row.find_element(By.TAG_NAME, "th").text == "Yêu cầu giải trình"
        meaning = row.find_element(By.LINK_TEXT, "Ý nghĩa các cột").get_attribute("href")
        if citizen.javascript:
            axe_check(t.driver, "dữ liệu mở")
        book = openpyxl.load_workbook(io.BytesIO(urllib.request.urlopen(href).read()), read_only=True)
        sheet = book.worksheets[0]
        assert sheet.title == "Yêu cầu giải trình"
        rows = list(sheet.iter_rows(values_only=True))
        headers = rows[0]
        assert headers[:4] == ("Mã yêu cầu", "Cơ quan giải trình", "Ngày nhận yêu cầu", "Hình thức yêu cầu")
        assert all(h and "_" not in h for h in headers)  # words, not field names
        col = {h: i for i, h in enumerate(headers)}
        assert {r[col["Lĩnh vực"]] for r in rows[1:]} <= {"Đất đai", "Xây dựng", "Thủ tục hành chính", "Quy hoạch",
                                                          "Đầu tư", "Tài chính", "Công tác cán bộ", "Môi trường",
                                                          "Chứng thực", "Khác"}
        assert "Ủy ban nhân dân phường Đông Kinh" in {r[col["Cơ quan giải trình"]] for r in rows[1:]}
        assert {r[col["Công khai"]] for r in rows[1:]} <= {"Có", "Không"}
        t.open(meaning)
        assert urljoin(site_url, "du-lieu-mo/tu-dien/") in t.driver.current_url
        assert t.driver.find_element(By.ID, "explanations").text.startswith("Yêu cầu giải trình")
