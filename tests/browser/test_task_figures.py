"""Issue 19, items 1 and 2: a citizen on a phone (360 and 320 px, JavaScript on and off) reads the
statistics of a unit and says its on-time rate for the last half-year. Every number of the
statistics blocks (a unit's page, thong-ke/, a periodic report) shows its label beside it on the
screen, no caption runs down the edge one letter per line, and the home page's on-time figure for
this year is the one thong-ke/ gives for the same year."""

from __future__ import annotations

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from .support import axe_check
from .tasks import Citizen, task

HALF_YEAR = "6 tháng đầu năm 2026"  # the half-year before the sample data's date (23/11/2026)
RATE = "Tỷ lệ giải trình đúng hạn (%)"

# For every figure cell of the first scorecard: its label as shown (the ::before text on a phone),
# its value, whether it is on the screen's width, and its caption's box and line height.
CELLS = """
const table = document.querySelector('table.gt-scorecard');
const cap = table.querySelector('caption');
const line = parseFloat(getComputedStyle(cap).lineHeight) || 1.5 * parseFloat(getComputedStyle(cap).fontSize);
const cells = [...table.querySelectorAll('tbody td')].map(td => {
  const r = td.getBoundingClientRect();
  const before = getComputedStyle(td, '::before').content;
  return {label: before && before !== 'none' ? before.replace(/^"|"$/g, '') : '', value: td.innerText.trim(),
          inside: r.left >= 0 && r.right <= window.innerWidth + 1, height: r.height,
          line: parseFloat(getComputedStyle(td).lineHeight) || 20};
});
const c = cap.getBoundingClientRect();
return {cells, caption: {height: c.height, width: c.width, line, text: cap.innerText}, width: window.innerWidth};
"""


def _read_scorecard(t) -> dict:
    found = t.driver.execute_script(CELLS)
    cap = found["caption"]
    # A caption of a few words fits in a few lines; one letter per line made it 1,152 px tall.
    assert cap["width"] >= 0.6 * found["width"] - 40, cap
    assert cap["height"] <= 4 * cap["line"], cap
    for cell in found["cells"]:
        assert cell["label"] and cell["inside"], cell
        assert cell["height"] <= 4 * cell["line"], cell  # label and number on one or two lines
    return found


def _row(t, heading: str) -> dict[str, str]:
    """{label: value} of the scorecard row whose heading is `heading`, as shown on the screen."""
    return t.driver.execute_script(
        "const row = [...document.querySelectorAll('table.gt-scorecard tbody tr')]"
        ".find(tr => tr.querySelector('th').innerText.trim() === arguments[0]);"
        "return Object.fromEntries([...row.querySelectorAll('td')].map(td => [td.dataset.label, td.innerText.trim()]));",
        heading)


def _on_time(t) -> str:
    text = t.driver.execute_script("return document.querySelector('[data-gt-figure=\"on-time\"]').innerText")
    return re.search(r"(\d+/\d+)\s+giải trình đúng hạn", text).group(1)


def test_read_a_units_figures_and_say_its_last_half_year_on_time_rate(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "đọc thống kê của một đơn vị và nói tỷ lệ đúng hạn nửa năm trước") as t:
        t.open("don-vi/so-xay-dung/")
        assert len(_read_scorecard(t)["cells"]) >= 13
        row = _row(t, HALF_YEAR)
        rate = row[RATE]
        assert re.fullmatch(r"\d+(,\d)?|ít số liệu", rate), rate
        if rate == "ít số liệu":  # the citizen is told why there is no rate, in text on the screen
            note = t.driver.execute_script("return document.querySelector('.gt-small-note').innerText")
            assert "có dưới 5 yêu cầu đã giải trình" in note
        if citizen.javascript:  # axe-core runs as a script: not on a page whose scripts are off
            axe_check(t.driver, f"đơn vị {citizen.width}px")
        t.open("don-vi/xa-thien-tan/")
        _read_scorecard(t)
        assert _row(t, HALF_YEAR)[RATE] == "ít số liệu"
        assert t.driver.execute_script("return document.querySelector('.gt-small-note').offsetHeight") > 0


def test_statistics_and_report_pages_label_every_number(citizen: Citizen, site_url: str):
    with task(citizen, site_url, "đọc thống kê toàn tỉnh và báo cáo 6 tháng") as t:
        t.open("thong-ke/")
        found = _read_scorecard(t)
        assert found["cells"][0]["label"] == "Số yêu cầu nhận"
        stats_figure = _on_time(t)
        if citizen.javascript:  # axe-core runs as a script: not on a page whose scripts are off
            axe_check(t.driver, f"thống kê {citizen.width}px")
        t.open("bao-cao/2026-H1/")
        _read_scorecard(t)
        if citizen.javascript:  # axe-core runs as a script: not on a page whose scripts are off
            axe_check(t.driver, f"báo cáo {citizen.width}px")
        t.open("")
        assert _on_time(t) == stats_figure == "15/19"


def test_find_requests_on_land_and_read_when_each_was_received(citizen: Citizen, site_url: str):
    """A date in a list says what it is: in the search results (scripts on) and in the static list
    by field (scripts off, or the link a citizen follows from the browsing box)."""
    with task(citizen, site_url, "tìm yêu cầu về đất đai và đọc ngày nhận") as t:
        if citizen.javascript:
            t.open("tim-kiem/?q=dat+dai")
            WebDriverWait(t.driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#gt-results li .gt-meta"))
            metas = [m.text for m in t.driver.find_elements(By.CSS_SELECTOR, "#gt-results li .gt-meta")]
            assert metas and all(re.search(r"(Nhận ngày|Ban hành ngày|Hạn) \d\d/\d\d/\d{4}$", m) for m in metas), metas
        t.open("giai-trinh/linh-vuc/dat_dai/")
        dates = t.driver.execute_script(
            # a request row's cells carry no label of their own: the stylesheet writes it on a phone
            "return [...document.querySelectorAll('table.gt-requests tbody td:nth-child(1)')]"
            ".map(td => getComputedStyle(td, '::before').content + ' ' + td.innerText)")
        assert dates and all(re.fullmatch(r'"Ngày nhận: " \d\d/\d\d/\d{4}', d) for d in dates), dates
