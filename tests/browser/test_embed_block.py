"""The embeddable block in a browser: the iframe page passes axe, and the fragment pasted into a
foreign page with its own global styles keeps its look and gives the page none of its own."""

from __future__ import annotations

from pathlib import Path

from .support import axe_check

HOSTILE = ("<style>* {color: rgb(200, 0, 0); font-size: 30px; margin: 40px; font-family: serif}"
           " p {padding: 20px} a {color: rgb(0, 200, 0)} ul li {list-style: square}</style>")


def test_the_block_keeps_its_look_in_a_foreign_page(browser, site_url: str, sample_site: Path):
    browser.get(site_url + "nhung/xa-thien-tan/khung.html")
    axe_check(browser, "khối nhúng (trang cho iframe)")
    block = (sample_site / "nhung/xa-thien-tan/khoi.html").read_text(encoding="utf-8")
    browser.execute_script("document.head.insertAdjacentHTML('beforeend', arguments[0]);"
                           "document.body.innerHTML = '<p id=\"host\">Trang của tỉnh</p>' + arguments[1];",
                           HOSTILE, block)

    def style(selector: str, prop: str) -> str:
        return browser.execute_script("return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]",
                                      selector, prop)

    assert (style("#host", "color"), style("#host", "padding-top")) == ("rgb(200, 0, 0)", "20px")  # the page's own
    assert style(".gtm-khoi", "font-size") == "14px"
    assert style(".gtm-khoi .gtm-so", "color") == "rgb(27, 27, 27)"
    assert (style(".gtm-khoi p", "margin-top"), style(".gtm-khoi p", "padding-top")) == ("0px", "0px")
    assert style(".gtm-khoi a", "color") == "rgb(11, 79, 138)"
    assert style(".gtm-khoi li", "list-style-type") == "none"
    axe_check(browser, "khối nhúng trong một trang lạ")
