"""Deadlines in calendars (don-vi/<unit>/lich-han.ics, nguon-tin/lich-han.ics): valid iCalendar
as the icalendar library reads it, all-day events on Vietnam's dates, one stable UID per record
and kind of deadline whose SEQUENCE grows as the record moves on, and nothing from the clock."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import AS_OF, FIXTURES
from icalendar import Calendar

from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.cli import main
from generator.model import model
from generator.publish import calendars


def events(ics: bytes) -> list[tuple[str, dt.date, int, str]]:
    cal = Calendar.from_ical(ics)
    return [(str(e["UID"]), e.decoded("DTSTART"), int(e["SEQUENCE"]), str(e["SUMMARY"])) for e in cal.walk("VEVENT")]


def test_sample_calendars(sample_site: Path):
    portal = Calendar.from_ical((sample_site / "nguon-tin/lich-han.ics").read_bytes())
    assert str(portal["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    every = {}
    for e in portal.walk("VEVENT"):
        start, end = e.decoded("DTSTART"), e.decoded("DTEND")
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)  # all-day, one day
        assert e.decoded("DTSTAMP") == dt.datetime(2026, 11, 22, 17, 0, tzinfo=dt.UTC)  # the as-of date in Vietnam
        every[str(e["UID"])] = e
    assert len(every) == len(portal.walk("VEVENT"))  # one UID per record and kind of deadline
    units = sorted((sample_site / "don-vi").glob("*/lich-han.ics"))
    assert len(units) == len(list((sample_site / "api/v1/units").glob("*.json")))  # every unit has one
    in_units = [uid for path in units for uid, *_ in events(path.read_bytes())]
    assert sorted(in_units) == sorted(every)
    assert events((sample_site / "don-vi/xa-thien-tan/lich-han.ics").read_bytes()) == [
        ("giai-trinh-xa-thien-tan-2026-006-tiep-nhan@giaitrinh.langson.gov.vn", dt.date(2026, 11, 25), 0,
         "Hạn tiếp nhận yêu cầu giải trình: Giải trình việc chậm trả kết quả đăng ký khai sinh kết hợp cấp bảo hiểm "
         "y tế cho trẻ em"),
        ("giai-trinh-xa-thien-tan-2026-005-tra-loi@giaitrinh.langson.gov.vn", dt.date(2026, 11, 26), 1,
         "Hạn giải trình: Giải trình việc chậm thu gom rác thải sinh hoạt tại thôn Khuôn Lăn"),
        ("bao-cao-xa-thien-tan-2026-unit@giaitrinh.langson.gov.vn", dt.date(2026, 12, 5), 0,
         "Hạn gửi báo cáo của đơn vị kỳ Năm 2026"),
        ("theo-doi-xa-thien-tan-tt-2026-002-thuc-hien@giaitrinh.langson.gov.vn", dt.date(2026, 12, 31), 0,
         "Hạn thực hiện cam kết: Đẩy nhanh giải quyết hồ sơ đất đai tồn đọng theo kiến nghị của Ban Kinh tế - Xã hội "
         "HĐND…"),
    ]
    page = (sample_site / "don-vi/xa-thien-tan/index.html").read_text("utf-8")
    assert '<a href="lich-han.ics" type="text/calendar">Theo dõi hạn trên lịch điện thoại</a>' in page


def _unit_calendar(data: Path) -> list[tuple[str, dt.date, int, str]]:
    checked = check_data(data, AS_OF)
    assert [p.line_text() for p in checked.problems if p.is_error] == []
    m = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
    return [e[:3] for e in events(calendars.files(m)["don-vi/xa-a/lich-han.ics"]) if "giai-trinh" in e[0]]


def test_an_event_follows_its_record(valid_copy: Path):
    record = valid_copy / "xa-a/giai-trinh/xa-a-2026-002.yaml"
    text = record.read_text(encoding="utf-8")
    uid = "giai-trinh-xa-a-2026-002-{}@giaitrinh.mau.gov.vn"
    record.write_text(text.replace("accepted_on: 2026-10-05\n", ""), encoding="utf-8")
    assert _unit_calendar(valid_copy) == [(uid.format("tiep-nhan"), dt.date(2026, 10, 8), 0)]  # to accept
    record.write_text(text, encoding="utf-8")
    assert _unit_calendar(valid_copy) == [(uid.format("tra-loi"), dt.date(2026, 10, 20), 1)]  # accepted: to answer
    record.write_text(text + "extended_on: 2026-10-20\nextension_days: 15\nextension_reason: Cần xác minh thêm.\n",
                      encoding="utf-8")
    assert _unit_calendar(valid_copy) == [(uid.format("tra-loi"), dt.date(2026, 11, 4), 2)]  # same UID, moved, later
    record.write_text(text + "answered_on: 2026-10-25\nanswer: Đã trả lời.\nanswered_by: Chủ tịch UBND xã\n",
                      encoding="utf-8")
    assert _unit_calendar(valid_copy) == []  # met: gone


def test_calendars_do_not_depend_on_the_clock(tmp_path: Path):
    """Two builds of the same data a moment apart, through the command: the same bytes; only
    the as-of date moves DTSTAMP."""
    shutil.copytree(FIXTURES / "valid", tmp_path / "data")
    for out in ("a", "b"):
        assert main(["build", "--data", str(tmp_path / "data"), "--out", str(tmp_path / out),
                     "--as-of", AS_OF.isoformat()]) == 0
    a = (tmp_path / "a/don-vi/xa-a/lich-han.ics").read_bytes()
    assert a == (tmp_path / "b/don-vi/xa-a/lich-han.ics").read_bytes()
    assert b"DTSTAMP:20261122T170000Z" in a and b"LAST-MODIFIED:20261004T170000Z" in a
