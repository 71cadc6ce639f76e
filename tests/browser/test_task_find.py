"""Finding things (issue 19, items 3, 7 and 9), at 360 and 320 px with JavaScript on and off: with
it off every task is done by links and forms, never by editing the address; no page asks for a
file that does not exist."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .support import REQUESTS, axe_check
from .tasks import Citizen, task

CODE = "xa-thien-tan-2026-005"


def _published(site: Path) -> dict[str, dict]:
    text = (site / "du-lieu-mo" / "explanations.csv").read_text(encoding="utf-8")
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text))}


def _click(t, css: str = "", text: str = "") -> None:
    found = t.driver.find_element(By.PARTIAL_LINK_TEXT, text) if text else t.driver.find_element(By.CSS_SELECTOR, css)
    t.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", found)
    found.click()
    t.settle()


def _axe(t, label: str) -> None:
    """axe-core needs scripts (its timers never fire without them): the pages without JavaScript
    are checked in test_portal.py with their noscript text put in place."""
    if t.citizen.javascript:
        axe_check(t.driver, label)


def _on_record(t, record: dict) -> str:
    """The record's page is open; returns its verdict on time (the badge)."""
    assert t.driver.find_element(By.TAG_NAME, "h1").text == record["subject"]
    assert t.driver.current_url.rstrip("/").endswith(record["id"])
    _axe(t, "trang hồ sơ")
    return t.driver.find_element(By.CSS_SELECTOR, ".gt-badge").text


def _land_record_of_thien_tan(site: Path) -> dict:
    return next(r for r in _published(site).values() if r["unit"] == "xa-thien-tan" and r["field"] == "dat_dai")


def test_land_request_on_time_by_search(citizen: Citizen, site_url: str, sample_site: Path):
    record = _land_record_of_thien_tan(sample_site)
    with task(citizen, site_url, "tìm xem xã trả lời yêu cầu về đất đai có đúng hạn không (tìm kiếm)") as t:
        t.open("")
        box = t.driver.find_element(By.ID, "gt-home-q")
        box.send_keys("dat dai thien tan")
        box.submit()
        t.settle()
        assert "tim-kiem" in t.driver.current_url
        if citizen.javascript:
            WebDriverWait(t.driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-gt-search"))
            axe_check(t.driver, "kết quả tìm kiếm")
            named = t.driver.find_element(By.CSS_SELECTOR, "#gt-lists .gt-named").text
            assert named == "Danh sách phù hợp với từ khóa: Lĩnh vực Đất đai · Ủy ban nhân dân xã Thiên Tân"
            first = t.driver.find_elements(By.CSS_SELECTOR, "#gt-results .gt-results li")
            # Thiên Tân's requests about land come first, before its commitments on land
            assert "Yêu cầu giải trình · Ủy ban nhân dân xã Thiên Tân" in first[0].text
            _click(t, f"#gt-results a[href$='{record['id']}/']")
        else:
            # the typed words cannot be read without a script: the page offers the lists to choose
            assert "tắt phần tự động của trang" in t.driver.find_element(By.TAG_NAME, "article").text
            _click(t, text="Ủy ban nhân dân xã Thiên Tân")
            assert t.driver.find_element(By.TAG_NAME, "h1").text == "Yêu cầu giải trình gửi Ủy ban nhân dân xã Thiên Tân"
            _click(t, f"table.gt-list a[href$='{record['id']}/']")
        verdict = _on_record(t, record)
    assert verdict.split(" · ")[-1] in ("Đúng hạn", "Trễ hạn", "Quá hạn", "Đang trong hạn"), verdict


def test_land_request_on_time_by_browsing(citizen: Citizen, site_url: str, sample_site: Path):
    record = _land_record_of_thien_tan(sample_site)
    with task(citizen, site_url, "tìm xem xã trả lời yêu cầu về đất đai có đúng hạn không (duyệt)") as t:
        t.open("")
        _click(t, "details.gt-browse summary")
        _click(t, text="Đất đai")
        assert t.driver.find_element(By.TAG_NAME, "h1").text == "Lĩnh vực: Đất đai"
        _click(t, f"table.gt-list a[href$='{record['id']}/']")
        verdict = _on_record(t, record)
    assert verdict.strip(), "the record says whether it was answered on time"


def test_look_up_a_code_typed_with_spaces(citizen: Citizen, site_url: str, sample_site: Path):
    record = _published(sample_site)[CODE]
    with task(citizen, site_url, "tra cứu mã gõ có dấu cách") as t:
        t.open("")
        _click(t, text="Tra cứu yêu cầu của bạn bằng mã")
        box = t.driver.find_element(By.ID, "gt-code")
        box.send_keys("XA THIEN TAN 2026 005")
        box.submit()
        t.settle()
        if citizen.javascript:
            WebDriverWait(t.driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-gt-lookup"))
            card = t.driver.find_element(By.CSS_SELECTOR, "#gt-lookup-result .gt-lookup-card")
            assert f"Mã tra cứu: {CODE}" in card.text
            _click(t, text="Xem toàn bộ hồ sơ")
        else:
            # the form leads back to the lookup page, at the list of units and years (no address editing)
            assert t.driver.current_url.endswith("#ma-theo-don-vi")
            assert "chọn đơn vị và năm ghi trong mã" in t.driver.find_element(By.TAG_NAME, "article").text
            _click(t, "li[data-gt-unit='xa-thien-tan'] a[href$='/2026/']")
            assert t.driver.find_element(By.TAG_NAME, "h1").text == "Mã tra cứu của Ủy ban nhân dân xã Thiên Tân năm 2026"
            _axe(t, "danh sách mã")
            _click(t, text=CODE)
        _on_record(t, record)


def test_a_mistyped_code_gets_a_did_you_mean(browser, site_url: str):
    """Missing hyphens and dots are read as the code; one wrong digit is not found, with the close code offered."""
    for typed, card in (("xathientan2026005", True), ("Xa.Thien.Tan.2026.005", True), ("xa-thien-tan-2026-0055", False)):
        browser.get(site_url + "tra-cuu/")
        box = browser.find_element(By.ID, "gt-code")
        box.send_keys(typed)
        box.submit()
        WebDriverWait(browser, 30).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-gt-lookup"))
        result = browser.find_element(By.ID, "gt-lookup-result")
        if card:
            assert f"Mã tra cứu: {CODE}" in result.text, typed
        else:
            assert result.text.splitlines() == [
                f"Không tìm thấy yêu cầu có mã “{typed}”. Kiểm tra lại mã trên giấy biên nhận; hồ sơ chưa đến ngày "
                "công khai cũng chưa hiện trên cổng.",
                f"Có phải bạn muốn tìm: {CODE}?"]
            axe_check(browser, "tra cứu: có phải bạn muốn tìm")


def test_what_a_plan_promises(citizen: Citizen, site_url: str, sample_site: Path):
    with task(citizen, site_url, "xem kế hoạch hứa gì") as t:
        t.open("")
        _click(t, "nav a[href$='ke-hoach/']" if t.driver.find_elements(By.CSS_SELECTOR, "nav a[href$='ke-hoach/']")
               else "a[href$='ke-hoach/']")
        assert t.driver.find_element(By.TAG_NAME, "h1").text == "Kế hoạch triển khai"
        _click(t, "table.gt-list tbody tr td a")
        tasks = t.driver.find_elements(By.CSS_SELECTOR, "table.gt-list tbody tr")
        assert tasks, "the plan lists its tasks"
        verdict = t.driver.find_element(By.CSS_SELECTOR, ".gt-plan-verdict").text
        assert "nhiệm vụ đã hoàn thành" in verdict
        assert ("Đúng tiến độ" in verdict) != ("Chậm tiến độ" in verdict)
        _axe(t, "trang kế hoạch")


def _one_of_each(site: Path) -> list[str]:
    first = sorted(p.parent.name for p in (site / "ke-hoach").glob("*/index.html") if p.parent.name not in ("nam", "trang-2"))
    return ["", "giai-trinh/", f"giai-trinh/{CODE}/", "giai-trinh/linh-vuc/dat_dai/", "don-vi/", "don-vi/xa-thien-tan/",
            "don-vi/xa-thien-tan/giai-trinh/", "ke-hoach/", f"ke-hoach/{first[0]}/", "theo-doi/", "quy-che/",
            "bao-cao/", "thong-ke/", "tra-cuu/", "tra-cuu/xa-thien-tan/2026/", "tim-kiem/?q=dat+dai+thien+tan",
            "du-lieu-mo/", "nguon-tin/", "gioi-thieu/", "huong-dan/", "huong-dan/can-bo/", "so-do-trang/",
            "404.html"]


def test_no_page_asks_for_a_file_that_does_not_exist(browser, browser_nojs, site_url: str, sample_site: Path):
    """One page of every kind, with and without JavaScript (the 404 page's own styles and scripts
    included): every request answers."""
    for driver in (browser, browser_nojs):
        for path in _one_of_each(sample_site):
            start = len(REQUESTS)
            driver.get(site_url + path)
            WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
            if path.startswith("tim-kiem/") and driver is browser:
                WebDriverWait(driver, 30).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("data-gt-search"))
            time.sleep(0.4)  # scripts fetch after the page has loaded
            failed = [(p, s) for p, s, _ in REQUESTS[start:] if s >= 400]
            assert failed == [], f"{path}: {failed}"
            assert len(REQUESTS) > start, path
