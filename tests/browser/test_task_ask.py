"""Issue 19, item 6: "tìm cách yêu cầu giải trình và viết một yêu cầu": from the home page to a
unit's request page, at 360 and 320 px. With JavaScript: a missing field is named next to it, the
letter is filled, the deadlines counted from today are the ones generator/rules counts, and the
email link carries subject and body. Without it: the checklist, the blank letter to print, the
unit's addresses and how deadlines run. Every page of the task is checked with axe-core (with
JavaScript on: axe is a script)."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import AS_OF, FIXTURES, ROOT
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from generator.build import build, checked
from generator.rules import clock

from .support import GzipHandler, axe_check
from .tasks import Citizen, task

UNIT = "Ủy ban nhân dân xã Thiên Tân"
EMAIL = "vanphong@thientan.langson.gov.vn"
FILLED = {"ho_ten": "Nguyễn Thị Lan", "dia_chi": "Thôn Đồng Tâm, xã Thiên Tân",
          "lien_he": "0205 3000 000", "quyet_dinh": "Quyết định 12/QĐ-UBND ngày 01/10/2026 thu hồi đất",
          "tac_dong": "Thửa đất của gia đình tôi bị thu hồi một phần"}


def axe(citizen: Citizen, label: str) -> None:
    """axe-core is a script: it runs in the JavaScript sessions only (the same pages, the form shown)."""
    if citizen.javascript:
        axe_check(citizen.driver, label)


def follow(t, driver, ending: str, text: str | None = None) -> None:
    """Opens the link of the current page whose address ends with `ending` (and whose text is `text`)."""
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, f'a[href$="{ending}"]')
             if text is None or a.get_attribute("textContent").strip() == text]
    assert links, f"không thấy liên kết tới {ending} trên {driver.current_url}"
    t.open(links[0].get_attribute("href"))


def expected_deadlines(today: dt.date) -> dict[str, dt.date]:
    settings = checked(ROOT / "data", AS_OF).settings
    rule, cal = clock.rule_for(settings.rules, today), settings.calendar
    accept = cal.add_working_days(today, rule.accept_working_days)
    return {"yc-han-tiep-nhan": accept,
            "yc-han-giai-trinh": clock.answer_due({"accepted_on": accept}, rule, cal),
            "yc-han-gia-han": clock.answer_due({"accepted_on": accept, "extended_on": accept,
                                                "extension_days": rule.extension_max_days}, rule, cal)}


def test_find_how_to_ask_and_write_a_request(citizen: Citizen, site_url: str):
    d = citizen.driver
    with task(citizen, site_url, "tìm cách yêu cầu giải trình và viết một yêu cầu") as t:
        t.open("")
        follow(t, d, "yeu-cau-giai-trinh/", "Viết yêu cầu giải trình")
        axe(citizen, "danh sách cơ quan nhận yêu cầu")
        # The list points to the how-to page (tests/test_ask.py checks that page's link back here).
        # Not opened with JavaScript on: on a hand-written page the theme's script asks for
        # nguon-tin/sitemap.xml (the Atom <link rel="alternate"> of overrides/main.html): a 404 not of this task.
        assert d.find_elements(By.CSS_SELECTOR, 'article a[href$="cach-yeu-cau-giai-trinh/"]')
        follow(t, d, "don-vi/xa-thien-tan/yeu-cau-giai-trinh/", UNIT)
        assert d.find_element(By.TAG_NAME, "h1").text == f"Yêu cầu giải trình gửi {UNIT}"
        checklist = [li.text for li in d.find_elements(By.CSS_SELECTOR, ".gt-checklist li")]
        assert len(checklist) == 4 and "chữ ký hoặc điểm chỉ" in checklist[3]
        assert EMAIL in d.find_element(By.CSS_SELECTOR, ".gt-facts").text
        assert "Cổng không nhận, không gửi đi và không lưu lại" in d.find_element(By.ID, "yc-rieng-tu").text
        if citizen.javascript:
            write_with_the_form(d)
        else:
            read_without_javascript(d)
        axe(citizen, "trang yêu cầu giải trình của đơn vị")
        sideways = d.execute_script("return document.documentElement.scrollWidth - window.innerWidth") \
            if citizen.javascript else 0
        assert sideways <= 0, f"trang rộng hơn màn hình {sideways}px"


def write_with_the_form(d) -> None:
    form = d.find_element(By.ID, "yc-form")
    assert form.is_displayed()
    for name, text in FILLED.items():
        d.find_element(By.ID, f"yc-{name}").send_keys(text)
    d.find_element(By.ID, "yc-xem").click()
    assert d.find_element(By.ID, "yc-noi_dung-loi").text == \
        "Chưa điền: Ghi điều bạn muốn cơ quan giải thích: căn cứ, lý do, cách tính…"
    assert d.find_element(By.ID, "yc-noi_dung").get_attribute("aria-invalid") == "true"
    assert d.find_element(By.ID, "yc-ho_ten-loi").text == ""
    assert d.find_element(By.ID, "yc-tom-tat").text == \
        "Văn bản còn thiếu 1 nội dung bắt buộc: xem các dòng báo đỏ ở trên."
    d.find_element(By.ID, "yc-noi_dung").send_keys("Căn cứ và cách tính diện tích thu hồi")
    d.find_element(By.ID, "yc-xem").click()
    assert d.find_element(By.ID, "yc-noi_dung-loi").text == ""
    assert d.find_element(By.ID, "yc-tom-tat").text.startswith("Đã đủ nội dung bắt buộc.")
    letter = d.find_element(By.ID, "yc-thu").text
    for text in (*FILLED.values(), "Căn cứ và cách tính diện tích thu hồi", f"Kính gửi: {UNIT}"):
        assert text in letter
    today = dt.date.today()
    assert f"ngày {today:%d} tháng {today:%m} năm {today.year}" in letter
    WebDriverWait(d, 10).until(lambda d: d.find_element(By.ID, "yc-han").is_displayed())
    for element_id, due in expected_deadlines(today).items():
        shown = d.find_element(By.ID, element_id)
        assert shown.get_attribute("data-date") == due.isoformat()
        assert shown.text == f"{clock.WEEKDAYS_VI[due.weekday()]}, {due:%d/%m/%Y}"
    href = d.find_element(By.ID, "yc-mailto").get_attribute("href")
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    assert parts.scheme == "mailto" and unquote(parts.path) == EMAIL
    assert query["subject"] == [f"Yêu cầu giải trình: {FILLED['quyet_dinh']}"]
    assert FILLED["ho_ten"] in query["body"][0] and "VĂN BẢN YÊU CẦU GIẢI TRÌNH" in query["body"][0]
    assert d.find_element(By.ID, "yc-in").is_displayed()


def read_without_javascript(d) -> None:
    assert not d.find_element(By.ID, "yc-form").is_displayed()
    letter = d.find_element(By.ID, "yc-thu")
    assert letter.is_displayed()
    assert "VĂN BẢN YÊU CẦU GIẢI TRÌNH" in letter.text and f"Kính gửi: {UNIT}" in letter.text
    assert "Họ và tên người yêu cầu: ……" in letter.text
    deadlines = d.find_element(By.ID, "yc-thoi-han").find_element(By.XPATH, "following-sibling::ul").text
    assert "trong 5 ngày làm việc kể từ ngày cơ quan nhận được yêu cầu" in deadlines
    assert "không quá 15 ngày kể từ ngày ra thông báo tiếp nhận" in deadlines


INTAKE = "https://mau.gov.vn/tiep-nhan-giai-trinh"


@pytest.fixture(scope="module")
def intake_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The valid fixture with request_intake_url set, built and served (address of its root)."""
    work = tmp_path_factory.mktemp("intake")
    shutil.copytree(FIXTURES / "valid", work / "data")
    with (work / "data" / "portal.yaml").open("a", encoding="utf-8") as portal:
        portal.write(f"request_intake_url: {INTAKE}\n")
    assert build(work / "data", work / "site", AS_OF).problems == []
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(work / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_with_an_intake_the_complete_form_goes_there_and_an_incomplete_one_does_not(browser, intake_site: str):
    """The page's script lets a complete form go to the province's intake (POST) and holds back an
    incomplete one; the test's own listener, added after the page's, records which and stops the
    navigation (the intake is not reachable from here)."""
    d = browser
    d.get(intake_site + "don-vi/xa-a/yeu-cau-giai-trinh/")
    WebDriverWait(d, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    form = d.find_element(By.ID, "yc-form")
    assert (form.get_attribute("action"), form.get_attribute("method")) == (INTAKE, "post")
    assert d.find_elements(By.ID, "yc-mailto") == []
    d.execute_script("window.gtSent = []; document.getElementById('yc-form').addEventListener('submit', function (e) {"
                     " window.gtSent.push(!e.defaultPrevented); e.preventDefault(); });")
    for name, text in FILLED.items():
        d.find_element(By.ID, f"yc-{name}").send_keys(text)
    d.find_element(By.ID, "yc-xem").click()
    assert d.find_element(By.ID, "yc-noi_dung-loi").text.startswith("Chưa điền:")
    d.find_element(By.ID, "yc-noi_dung").send_keys("Căn cứ tính diện tích")
    d.find_element(By.ID, "yc-xem").click()
    assert d.execute_script("return window.gtSent") == [False, True]
    assert d.find_element(By.ID, "yc-tom-tat").text == "Đang gửi tới hệ thống tiếp nhận của tỉnh."
    axe_check(d, "trang yêu cầu giải trình, gửi tới trang tiếp nhận của tỉnh")
