"""A citizen on a phone: searches, filters, looks up a request, follows a feed, with and without
JavaScript. Every page visited is checked with axe-core (serious or critical violations fail)."""

from __future__ import annotations

import csv
import io
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from .support import AXE_LOG, axe_check

ATOM = "{http://www.w3.org/2005/Atom}"


def visit(driver, url: str, label: str = "") -> None:
    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    # Material fades the header's title in when a page opens scrolled to an anchor: axe measured
    # the contrast of the half-faded text. Check the page as a reader sees it, once it has settled.
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "return document.getAnimations().every(a => a.playState !== 'running')"))
    axe_check(driver, label)


def wait_for(driver, attribute: str) -> str:
    """The attribute's value on <html> once a script has set it. A page being left (a form just
    submitted) may go stale under us: look again at the page that replaced it."""
    from selenium.common.exceptions import StaleElementReferenceException

    return WebDriverWait(driver, 30, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: d.find_element(By.TAG_NAME, "html").get_attribute(attribute))


def no_sideways_scroll(driver) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{driver.current_url}: trang rộng hơn màn hình {width}px"


def published(site: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "du-lieu-mo" / "explanations.csv").read_text(encoding="utf-8"))))


def test_search_dat_dai_without_diacritics_opens_a_result_about_dat_dai(browser, site_url: str):
    visit(browser, site_url, "trang chủ")
    box = browser.find_element(By.ID, "gt-home-q")
    box.send_keys("dat dai")
    box.submit()
    assert wait_for(browser, "data-gt-search") == "done"
    axe_check(browser, "kết quả tìm kiếm")
    assert browser.find_element(By.ID, "gt-q" if browser.find_elements(By.ID, "gt-q") else "gt-search") is not None
    count = browser.find_element(By.CSS_SELECTOR, "#gt-results .gt-count").text
    assert count.startswith("Tìm thấy ") and count.endswith(" kết quả.")
    results = browser.find_elements(By.CSS_SELECTOR, "#gt-results .gt-results li")
    assert 0 < len(results) <= 20
    for li in results:  # every result shows its kind, unit, status and date
        assert li.find_element(By.CSS_SELECTOR, ".gt-meta").text.count(" · ") >= 2
    about = [li.find_element(By.TAG_NAME, "a") for li in results if "đất đai" in li.text.lower()]
    assert about, [li.text for li in results]
    title = about[0].text
    about[0].click()
    WebDriverWait(browser, 30).until(EC.title_contains(title[:30]))
    axe_check(browser, "hồ sơ từ kết quả tìm kiếm")
    assert "đất đai" in browser.find_element(By.TAG_NAME, "h1").text.lower()
    timing = browser.execute_script("return null")  # the script time is measured in test_search_script_time
    assert timing is None


def test_search_script_time_and_download(browser, site_url: str):
    browser.execute_cdp_cmd("Network.clearBrowserCache", {})
    browser.get(site_url + "tim-kiem/?q=uy+ban+nhan+dan")
    assert wait_for(browser, "data-gt-search") == "done"
    measured = browser.execute_script("return window.gtLastSearch")
    assert measured["total"] > 0 and measured["scriptMs"] < 300, measured
    index_bytes = browser.execute_script(
        "return performance.getEntriesByType('resource').filter(r => r.name.includes('/tim-kiem/'))"
        ".reduce((s, r) => s + r.transferSize, 0)")
    assert 0 < index_bytes <= 300_000


def test_filter_a_list_by_unit_and_status(browser, site_url: str, sample_site: Path):
    visit(browser, site_url + "giai-trinh/", "danh sách giải trình")
    form = browser.find_element(By.CSS_SELECTOR, "form.gt-filter")
    form.find_element(By.TAG_NAME, "summary").click()  # the filters fold away on a phone
    Select(form.find_element(By.NAME, "don_vi")).select_by_value("xa-thien-tan")
    Select(form.find_element(By.NAME, "trang_thai")).select_by_value("answered")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: "tim-kiem" in d.current_url)  # the results page, not the list
    assert wait_for(browser, "data-gt-search") == "done"
    axe_check(browser, "danh sách đã lọc")
    assert "don_vi=xa-thien-tan" in browser.current_url and "trang_thai=answered" in browser.current_url
    expected = [r for r in published(sample_site) if r["unit"] == "xa-thien-tan" and r["status"] == "answered"]
    links = browser.find_elements(By.CSS_SELECTOR, "#gt-results .gt-results li a")
    assert sorted(a.get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for a in links) == sorted(r["id"] for r in expected)
    for li in browser.find_elements(By.CSS_SELECTOR, "#gt-results .gt-results li"):
        assert "Ủy ban nhân dân xã Thiên Tân" in li.text and "Đã giải trình" in li.text
    # the form on the results page keeps the chosen filters
    assert Select(browser.find_element(By.NAME, "don_vi")).first_selected_option.get_attribute("value") == "xa-thien-tan"


def test_look_up_a_request_by_its_code(browser, site_url: str, sample_site: Path):
    record = next(r for r in published(sample_site) if r["answered_on"])
    visit(browser, site_url + "tra-cuu/", "tra cứu")
    box = browser.find_element(By.ID, "gt-code")
    box.send_keys(f"  {record['id'].upper()} ")
    box.submit()
    wait_for(browser, "data-gt-lookup")
    card = browser.find_element(By.CSS_SELECTOR, "#gt-lookup-result .gt-lookup-card")
    axe_check(browser, "kết quả tra cứu")
    assert record["subject"] in card.text
    assert "Đã giải trình" in card.find_element(By.CSS_SELECTOR, ".gt-badge").text
    timeline = card.find_element(By.CSS_SELECTOR, ".gt-timeline").text
    assert "Hạn thông báo tiếp nhận" in timeline and "Hạn giải trình" in timeline
    assert card.find_element(By.CSS_SELECTOR, ".gt-text").text.strip()[:40] in " ".join(record["answer"].split())
    # an unknown code says so, and so does the address of a list or a folder under giai-trinh/
    for code in ("khong-co-ma-nay", "linh-vuc", "nam", "Đất đai"):
        browser.get(site_url + "tra-cuu/?ma=" + code)
        WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "gt-lookup-result").text.startswith(("Không", "Mã")))
        assert not browser.find_elements(By.CSS_SELECTOR, ".gt-lookup-card"), code


def test_follow_a_feed_link_and_parse_the_feed(browser, site_url: str):
    visit(browser, site_url + "don-vi/xa-thien-tan/", "trang đơn vị")
    alternates = browser.find_elements(By.CSS_SELECTOR, 'link[rel=alternate][type="application/atom+xml"]')
    hrefs = [a.get_attribute("href") for a in alternates]
    assert site_url + "don-vi/xa-thien-tan/atom.xml" in hrefs and site_url + "nguon-tin/atom.xml" in hrefs
    # the unit page leads to its follow page ("Theo dõi <đơn vị>"), which links the feed itself
    visit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Theo dõi tin mới của đơn vị").get_attribute("href"),
          "trang theo dõi đơn vị")
    link = browser.find_element(By.CSS_SELECTOR, 'a[type="application/atom+xml"]')
    with urllib.request.urlopen(link.get_attribute("href")) as response:
        feed = ET.fromstring(response.read())
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert entries and all(e.find(f"{ATOM}title").text for e in entries)
    first = entries[0].find(f"{ATOM}link").get("href")
    record = first.split("/giai-trinh/", 1)[1]  # absolute on the portal's address: open it here
    visit(browser, site_url + "giai-trinh/" + record, "hồ sơ từ nguồn tin")
    assert browser.find_element(By.TAG_NAME, "h1").text in entries[0].find(f"{ATOM}title").text
    visit(browser, site_url + "nguon-tin/", "trang theo dõi")


def phone(driver, width: int) -> None:
    """A phone's viewport (headless windows cannot be narrower than 500 px)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})


def test_pages_fit_a_320px_screen(browser, site_url: str, sample_site: Path):
    record = published(sample_site)[0]["id"]
    phone(browser, 320)
    try:
        for path in ("", "giai-trinh/", f"giai-trinh/{record}/", "don-vi/xa-thien-tan/", "ke-hoach/",
                     "ke-hoach/ubnd-tinh-kh-2026/", "du-lieu-mo/", "du-lieu-mo/tu-dien/", "thong-ke/thuat-ngu/",
                     "theo-doi/", "tim-kiem/?q=dat+dai", "tra-cuu/", "nguon-tin/", "bao-cao/", "don-vi/",
                     "giai-trinh/linh-vuc/dat_dai/", "don-vi/xa-thien-tan/giai-trinh/", "thong-ke/", "gioi-thieu/",
                     "can-cu-phap-ly/", "cach-yeu-cau-giai-trinh/", "quyen-rieng-tu/", "huong-dan/",
                     "quy-che/", "quy-che/xa-thien-tan-qc-2026-002/", "don-vi/xa-thien-tan/quy-che/"):
            visit(browser, site_url + path, f"320px {path}")
            if path.startswith("tim-kiem/"):
                wait_for(browser, "data-gt-search")
            no_sideways_scroll(browser)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_screenshots_at_360px(browser, site_url: str, sample_site: Path, tmp_path_factory):
    """Screenshots of the home page and a record page on a 360 px phone, kept for a human to look at."""
    import os

    out = Path(os.environ.get("GIAITRINH_SCREENSHOTS", tmp_path_factory.mktemp("screenshots")))
    out.mkdir(parents=True, exist_ok=True)
    record = next(r for r in published(sample_site) if r["answered_on"])["id"]
    phone(browser, 360)
    try:
        for name, path in (("trang-chu", ""), ("ho-so", f"giai-trinh/{record}/")):
            browser.get(site_url + path)
            no_sideways_scroll(browser)
            assert browser.save_screenshot(str(out / f"{name}-360.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_axe_check_fails_on_a_serious_violation(browser, site_url: str):
    import pytest

    browser.get(site_url)
    browser.execute_script("document.querySelector('article').insertAdjacentHTML('beforeend',"
                           " '<img src=\"x.png\"><p style=\"color:#aaa;background:#fff\">chữ mờ</p>')")
    with pytest.raises(AssertionError, match="image-alt") as failed:
        axe_check(browser, "tự kiểm tra axe (cố ý có lỗi)")
    assert "color-contrast" in str(failed.value)  # contrast is really checked
    AXE_LOG.pop()  # not a page of the portal


def test_without_javascript_reading_and_browsing_work(browser_nojs, site_url: str, sample_site: Path):
    d = browser_nojs
    d.get(site_url)
    assert d.execute_script("return 1") == 1 or True  # WebDriver scripts still run; the page's own do not
    d.find_element(By.LINK_TEXT, "Xem tất cả").click()
    assert d.find_element(By.TAG_NAME, "h1").text == "Yêu cầu giải trình"
    d.find_element(By.CSS_SELECTOR, "details.gt-browse summary").click()  # native <details>: no script needed
    d.find_element(By.LINK_TEXT, "Quá hạn").click()
    rows = d.find_elements(By.CSS_SELECTOR, "table.gt-list tbody tr")
    overdue = [r for r in published(sample_site) if r["timeliness"] == "overdue"]
    assert len(rows) == len(overdue) > 0
    rows[0].find_element(By.CSS_SELECTOR, "td a").click()
    assert d.find_element(By.TAG_NAME, "h1").text == overdue[0]["subject"]
    assert "Quá hạn" in d.find_element(By.CSS_SELECTOR, ".gt-badge").text
    d.find_element(By.CSS_SELECTOR, "a.gt-badge").click()  # the badge explains itself
    assert "Giải thích trạng thái" in d.find_element(By.TAG_NAME, "h1").text
    d.get(site_url + "giai-trinh/")
    d.find_element(By.CSS_SELECTOR, "details.gt-browse summary").click()
    d.find_element(By.LINK_TEXT, "Đất đai").click()
    land = [r for r in published(sample_site) if r["field"] == "dat_dai"]
    assert d.find_element(By.TAG_NAME, "h1").text == "Lĩnh vực: Đất đai"
    assert len(d.find_elements(By.CSS_SELECTOR, "table.gt-list tbody tr")) == len(land)
    d.find_element(By.CSS_SELECTOR, "details.gt-browse summary").click()
    d.find_element(By.LINK_TEXT, "2025").click()
    assert d.find_element(By.TAG_NAME, "h1").text == "Yêu cầu nhận trong năm 2025"
    d.get(site_url + "don-vi/")
    d.find_element(By.LINK_TEXT, "Ủy ban nhân dân xã Thiên Tân").click()
    assert d.find_element(By.TAG_NAME, "h1").text == "Ủy ban nhân dân xã Thiên Tân"
    d.get(site_url + "tim-kiem/?q=dat+dai")
    assert "đang tắt phần tự động của trang" in d.find_element(By.TAG_NAME, "body").text  # the noscript text is shown
    assert d.find_elements(By.CSS_SELECTOR, "#gt-results li") == []
    d.get(site_url + "tra-cuu/")
    assert "chọn đơn vị và năm ghi trong mã" in d.find_element(By.TAG_NAME, "body").text
    d.find_element(By.CSS_SELECTOR, "li[data-gt-unit='xa-thien-tan'] a[href$='/2026/']").click()
    d.find_element(By.LINK_TEXT, "xa-thien-tan-2026-001").click()
    assert d.current_url.endswith("/giai-trinh/xa-thien-tan-2026-001/")


def test_pages_without_javascript_pass_axe(browser, site_url: str):
    """axe-core cannot run where scripts are off (its timers never fire), so the pages that differ
    without JavaScript (noscript text) are checked with their noscript content put in place."""
    for path in ("tim-kiem/", "tra-cuu/"):
        browser.get(site_url + path)
        browser.execute_script("document.querySelectorAll('noscript').forEach(n => {"
                               " const div = document.createElement('div'); div.innerHTML = n.textContent;"
                               " n.replaceWith(div); });")
        assert "tắt phần tự động của trang" in browser.find_element(By.TAG_NAME, "article").text
        axe_check(browser, f"như khi tắt JavaScript: {path}")


WEIGHT_PAGES = ("", "giai-trinh/", "giai-trinh/{record}/", "don-vi/xa-thien-tan/", "tim-kiem/?q=dat+dai", "tra-cuu/",
                "du-lieu-mo/", "du-lieu-mo/tu-dien/", "ke-hoach/")
WEIGHTS: dict[str, int] = {}


def test_first_visit_weighs_at_most_100_kb_compressed(browser, site_url: str, sample_site: Path):
    """Bytes transferred (compressed, headers included) for a first visit with an empty cache,
    from the Resource Timing API: the page, its styles, scripts, icons and, for a search, the index."""
    record = published(sample_site)[0]["id"]
    for path in WEIGHT_PAGES:
        path = path.format(record=record)
        browser.execute_cdp_cmd("Network.clearBrowserCache", {})
        browser.get(site_url + path)
        if path.startswith("tim-kiem/"):
            wait_for(browser, "data-gt-search")
        entries = browser.execute_script(
            "return [performance.getEntriesByType('navigation')[0]].concat(performance.getEntriesByType('resource'))"
            ".map(e => [e.name, e.transferSize, e.encodedBodySize])")
        assert all(size > 0 for _, size, _ in entries), entries  # nothing came from a cache
        assert all(name.startswith(site_url) for name, _, _ in entries), entries  # nothing from outside the site
        WEIGHTS[path or "/"] = total = sum(size for _, size, _ in entries)
        assert total <= 100_000, (path, total, entries)
    print("\nTrọng lượng lần truy cập đầu (byte nén):", WEIGHTS)


def test_print_shows_only_the_content_and_link_addresses(browser, site_url: str, sample_site: Path):
    record = next(r for r in published(sample_site) if r["answered_on"])["id"]
    browser.get(site_url + f"giai-trinh/{record}/")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return ['.md-header', '.md-tabs', '.md-footer', '.md-sidebar--primary']"
            ".map(s => document.querySelector(s)).filter(e => e).map(e => getComputedStyle(e).display)")
        assert hidden and set(hidden) == {"none"}
        after = browser.execute_script(
            "const a = [...document.querySelectorAll('article a[href]')].find(a => a.getAttribute('href').startsWith('../../don-vi/'));"
            "return getComputedStyle(a, '::after').content")
        assert "don-vi/" in after
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_more_results_load_the_next_twenty(browser, site_url: str):
    visit(browser, site_url + "tim-kiem/?q=uy+ban", "tìm kiếm nhiều kết quả")
    assert wait_for(browser, "data-gt-search") == "done"
    total = int(browser.find_element(By.CSS_SELECTOR, ".gt-count").text.split()[2])
    assert total > 20
    assert len(browser.find_elements(By.CSS_SELECTOR, ".gt-results li")) == 20
    browser.find_element(By.XPATH, "//button[text()='Xem thêm kết quả']").click()
    WebDriverWait(browser, 30).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".gt-results li")) == min(40, total))
    focused = browser.switch_to.active_element
    assert focused.text == browser.find_elements(By.CSS_SELECTOR, ".gt-results li a")[20].text
    axe_check(browser, "tìm kiếm, trang kết quả thứ hai")


def test_desktop_layout_passes_axe(browser, site_url: str, sample_site: Path):
    """Material's wide layout (tabs, sidebars, table of contents) has elements the phone layout hides."""
    record = published(sample_site)[0]["id"]
    browser.set_window_size(1280, 900)
    try:
        for path in ("", "giai-trinh/", f"giai-trinh/{record}/", "don-vi/xa-thien-tan/", "huong-dan/",
                     "can-cu-phap-ly/", "tim-kiem/?q=dat+dai", "du-lieu-mo/tu-dien/", "nguon-tin/"):
            visit(browser, site_url + path, f"1280px {path}")
            no_sideways_scroll(browser)
    finally:
        browser.set_window_size(390, 900)


def test_keyboard_reaches_the_search_and_shows_focus(browser, site_url: str):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    def press(*keys: str) -> None:  # to whatever has the focus, as a keyboard does
        ActionChains(browser).send_keys(*keys).perform()

    browser.get(site_url)
    press(Keys.TAB)
    for _ in range(40):
        try:
            focused = browser.switch_to.active_element
            if focused.get_attribute("id") == "gt-home-q":
                break
            if focused.tag_name == "a" and focused.is_displayed():
                style = browser.execute_script("const s = getComputedStyle(arguments[0]);"
                                               "return [s.outlineStyle, s.outlineWidth, s.boxShadow]", focused)
                assert style[0] != "none" or style[2] != "none", (focused.get_attribute("outerHTML")[:120], style)
        except StaleElementReferenceException:
            continue  # a script replaced the element while we looked at it: look at the focus again
        press(Keys.TAB)
    else:
        raise AssertionError("the search box is not reachable with the Tab key")
    press("dat dai", Keys.ENTER)
    assert wait_for(browser, "data-gt-search") == "done"
