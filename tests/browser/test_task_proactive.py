"""Citizen task (issue 19 item 8): from the home page to what a unit explained on its own
initiative, reading which document it explains and where else it was posted; by the unit's page
and by the home page's block, at 360 and 320 px with JavaScript on and off."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from .support import axe_check
from .tasks import Citizen, task

UNIT = "Ủy ban nhân dân xã Thiên Tân"
SUBJECT = "UBND xã giải thích cách thực hiện trách nhiệm giải trình theo Kế hoạch của UBND tỉnh"


def follow(t, text: str) -> None:
    """Clicks the first visible link whose words are exactly `text`, and waits for the page."""
    links = [a for a in t.driver.find_elements(By.LINK_TEXT, text) if a.is_displayed()]
    assert links, f"{t.driver.current_url}: không thấy liên kết “{text}”"
    t.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", links[0])
    links[0].click()
    t.settle()


def axe(t, label: str) -> None:
    """axe-core cannot run where scripts are off (its timers never fire); these pages have no
    noscript part, so the check with JavaScript on covers what a reader without it gets."""
    if t.citizen.javascript:
        axe_check(t.driver, label)


def no_sideways_scroll(driver) -> None:
    width = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{driver.current_url}: trang rộng hơn màn hình {width}px"


def read_the_record(t) -> None:
    d = t.driver
    assert d.find_element(By.TAG_NAME, "h1").text == SUBJECT
    document = d.find_element(By.XPATH, "//h2[@id='van-ban']/following-sibling::p[2]").text
    assert document.startswith("Văn bản: Kế hoạch 80/KH-UBND ngày 09/03/2026")
    assert "(UBND tỉnh Lạng Sơn)" in document
    posted = [li.text for li in d.find_elements(By.XPATH, "//h2[@id='kenh']/following-sibling::ul[1]/li")]
    assert posted == ["Trang thông tin điện tử xã", "Trang Zalo chính thức của UBND xã", "Đài truyền thanh xã",
                      "https://thientan.langson.gov.vn/tin-tuc/thuc-hien-trach-nhiem-giai-trinh-2026"]
    no_sideways_scroll(d)
    axe(t, "giải trình chủ động")


def test_from_the_home_page_through_the_units_page(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "giải trình chủ động của một xã, qua trang đơn vị") as t:
        t.open("")
        follow(t, "Đơn vị")
        follow(t, UNIT)
        assert t.driver.find_element(By.TAG_NAME, "h1").text == UNIT
        no_sideways_scroll(t.driver)
        axe(t, "trang đơn vị")
        follow(t, SUBJECT)
        read_the_record(t)


def test_from_the_home_pages_latest_block(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "giải trình chủ động mới nhất, từ trang chủ") as t:
        t.open("")
        axe(t, "trang chủ")
        follow(t, SUBJECT)
        read_the_record(t)
        follow(t, f"Giải trình chủ động của {UNIT}")
        assert t.driver.find_element(By.TAG_NAME, "h1").text == f"Giải trình chủ động của {UNIT}"
        no_sideways_scroll(t.driver)
        axe(t, "danh sách giải trình chủ động của đơn vị")
