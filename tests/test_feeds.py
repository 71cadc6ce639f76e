"""Atom feeds and the sitemap: valid XML whatever the records say, dates from the records only,
the latest 50 events, links on the portal's address."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import AS_OF

from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.model import model
from generator.pages import feed_list
from generator.pages.page import Page
from generator.publish import feeds

A = "{http://www.w3.org/2005/Atom}"


def portal(data: Path, as_of=AS_OF) -> model.Model:
    checked = check_data(data, as_of)
    assert not [p for p in checked.problems if p.is_error]
    return model.build(validate.typed_rows(checked.loaded), checked.settings, as_of)


def test_hostile_text_is_escaped_and_control_characters_dropped(valid_copy: Path):
    m = portal(valid_copy)
    m.explanations[0]["subject"] = 'Đất <script>alert("x")</script> & \x07 ]]> \'đai\''
    feed = ET.fromstring(feeds.files(m)["nguon-tin/atom.xml"])
    titles = [e.findtext(f"{A}title") for e in feed.iter(f"{A}entry")]
    assert 'Yêu cầu giải trình mới: Đất <script>alert("x")</script> &  ]]> \'đai\'' in titles


def test_feeds_are_deterministic_and_dated_by_the_records(valid_copy: Path):
    m = portal(valid_copy)
    later = dataclasses.replace(m, as_of=AS_OF.replace(day=AS_OF.day + 1))
    assert feeds.files(m) == feeds.files(m)
    assert feeds.files(m)["nguon-tin/atom.xml"] == feeds.files(later)["nguon-tin/atom.xml"]
    feed = ET.fromstring(feeds.files(m)["nguon-tin/atom.xml"])
    stamps = [e.findtext(f"{A}updated") for e in feed.iter(f"{A}entry")]
    assert stamps == sorted(stamps, reverse=True) and feed.findtext(f"{A}updated") == stamps[0]
    assert all(s.endswith("T00:00:00+07:00") for s in stamps)


def test_one_feed_per_unit_and_per_field(valid_copy: Path):
    m = portal(valid_copy)
    paths = set(feeds.files(m))
    assert {f"don-vi/{u}/atom.xml" for u in m.units} <= paths
    assert "giai-trinh/linh-vuc/dat_dai/atom.xml" in paths and "nguon-tin/atom.xml" in paths
    feed = ET.fromstring(feeds.files(m)[f"don-vi/{m.explanations[0]['unit']}/atom.xml"])
    assert feed.find(f"{A}link[@rel='self']").get("href") == \
        f"https://giaitrinh.mau.gov.vn/don-vi/{m.explanations[0]['unit']}/atom.xml"


def test_at_most_50_events_newest_first_even_for_old_requests_answered_lately(valid_copy: Path):
    import datetime as dt

    m = portal(valid_copy)
    base = {**m.explanations[0], "answered_on": None, "refused_on": None, "published_on": None}
    rows = [{**base, "id": f"xa-a-2026-{i:03d}", "received_on": dt.date(2026, 1, 1) + dt.timedelta(days=i)}
            for i in range(80)]
    rows[0] = {**rows[0], "answered_on": dt.date(2026, 11, 1)}  # the oldest request, answered last
    rows[1] = {**rows[1], "published_on": dt.date(2026, 10, 1)}  # an old request published late
    happened = feeds.events(rows)
    assert len(happened) == 50
    assert [(e.on, e.kind, e.row["id"]) for e in happened[:2]] == [
        (dt.date(2026, 11, 1), "tra-loi", "xa-a-2026-000"), (dt.date(2026, 10, 1), "moi", "xa-a-2026-001")]
    everything = sorted(((e.on, e.kind == "tra-loi", e.row["id"]) for r in rows for e in feeds.events([r])), reverse=True)
    assert [(e.on, e.kind == "tra-loi", e.row["id"]) for e in happened] == everything[:50]


def test_pages_announce_their_feeds(valid_copy: Path):
    m = portal(valid_copy)
    unit = next(iter(m.units))
    tags = feed_list.alternates(m, Page(f"don-vi/{unit}/giai-trinh/", "x", "x.html"))
    portal_feed = (f'<link rel="alternate" type="application/atom+xml" title="{m.settings.portal.name}: giải trình mới" '
                   'href="../../../nguon-tin/atom.xml">')
    assert tags == [portal_feed, f'<link rel="alternate" type="application/atom+xml" title="{m.units[unit]["name"]}: '
                    'giải trình mới" href="../atom.xml">']
    assert 'href="atom.xml"' in feed_list.alternates(m, Page("giai-trinh/linh-vuc/dat_dai/", "x", "x.html"))[1]
    assert feed_list.alternates(m, Page("thong-ke/", "x", "x.html")) == [portal_feed.replace("../../../", "../")]
    # a record's page announces no feed: the 180 bytes would be on every one of 80,000 pages
    assert feed_list.alternates(m, Page(f"giai-trinh/{m.explanations[0]['id']}/", "x", "x.html"), portal=False) == []


def test_sitemap_is_sorted_absolute_and_needs_the_portal_address(valid_copy: Path):
    m = portal(valid_copy)
    text = feeds.sitemap(m, ["index.html", "giai-trinh/a/index.html", "404.html", "don-vi/index.html"]).decode()
    assert text.splitlines()[2:5] == ["<url><loc>https://giaitrinh.mau.gov.vn/</loc></url>",
                                      "<url><loc>https://giaitrinh.mau.gov.vn/don-vi/</loc></url>",
                                      "<url><loc>https://giaitrinh.mau.gov.vn/giai-trinh/a/</loc></url>"]
    no_address = dataclasses.replace(m, settings=dataclasses.replace(
        m.settings, portal=dataclasses.replace(m.settings.portal, base_url="")))
    assert feeds.sitemap(no_address, ["index.html"]) is None


def test_each_feed_has_an_rss_twin_with_the_same_entries_for_email_digests(valid_copy: Path):
    m = portal(valid_copy)
    files = feeds.files(m)
    unit = m.explanations[0]["unit"]
    atom = ET.fromstring(files[f"don-vi/{unit}/atom.xml"])
    rss = ET.fromstring(files[f"don-vi/{unit}/rss.xml"])
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    items = rss.findall("channel/item")
    assert [i.findtext("title") for i in items] == [e.findtext(f"{A}title") for e in atom.iter(f"{A}entry")]
    assert [i.findtext("guid") for i in items] == [e.findtext(f"{A}id") for e in atom.iter(f"{A}entry")]
    assert all(i.findtext("pubDate").endswith(" 00:00:00 +0700") for i in items)
    assert rss.find(f"channel/{A}link").get("href") == f"https://giaitrinh.mau.gov.vn/don-vi/{unit}/rss.xml"
    assert {p.replace("atom.xml", "rss.xml") for p in files if p.endswith("atom.xml")} <= set(files)


def test_each_unit_has_a_follow_page_with_its_addresses_and_latest_news(valid_copy: Path):
    m = portal(valid_copy)
    unit = m.explanations[0]["unit"]
    pages = {p.url: p for p in feed_list.pages(m)}
    assert {f"don-vi/{u}/nhan-tin/" for u in m.units} <= set(pages)
    page = pages[f"don-vi/{unit}/nhan-tin/"]
    assert page.title == f"Theo dõi {m.units[unit]['name']}"
    assert (page.context["atom"], page.context["rss"], page.context["ics"]) == \
        (f"don-vi/{unit}/atom.xml", f"don-vi/{unit}/rss.xml", f"don-vi/{unit}/lich-han.ics")
    latest = page.context["latest"]
    assert latest and len(latest) <= feed_list.SHOWN
    assert [e["id"] for e in latest] == [e.row["id"] for e in feeds.events(
        [r for r in m.explanations if r["unit"] == unit], feeds.last_changes(m))[:feed_list.SHOWN]]
