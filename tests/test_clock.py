"""The legal clock checked by hand against the real calendar (data/calendar.yaml + holidays VN).

Every expected date below was counted on a paper calendar; the comment under each case shows
the count. Rule nd-59-2019: accept or refuse within 5 working days after receipt; explain
within 15 calendar days after the acceptance notice; one extension of at most 15 days.
"""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from conftest import AS_OF, ROOT
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from generator.check import settings
from generator.load import data_folder as load
from generator.rules import clock

D = dt.date


@functools.cache
def real_settings() -> settings.Settings:
    """The sample portal's rules and calendar, read once."""
    return settings.read(load.load(ROOT / "data"))


@pytest.fixture(scope="module")
def conf() -> settings.Settings:
    s = real_settings()
    assert s.problems == []
    return s


def run(conf: settings.Settings, as_of: dt.date = AS_OF, **dates: object) -> dict:
    r = {"id": "x", **dates}
    rule = clock.rule_for(conf.rules, r["received_on"])
    return clock.compute(r, rule, conf.calendar, as_of)


def test_received_the_last_working_day_before_tet_2026(conf):
    # Tết Bính Ngọ: Mon 16/2 (giao thừa) to Fri 20/2/2026 off. Received Fri 13/2.
    # 14 Sat, 15 Sun, 16–20 Tết, 21 Sat, 22 Sun; 23 Mon (1), 24 (2), 25 (3), 26 (4), Fri 27/2 (5).
    out = run(conf, received_on=D(2026, 2, 13))
    assert out["accept_due_on"] == D(2026, 2, 27)
    # The sample record xa-thien-tan-2026-002: accepted Tue 24/2, + 15 days = Wed 11/3 (working).
    out = run(conf, received_on=D(2026, 2, 13), accepted_on=D(2026, 2, 24), answered_on=D(2026, 3, 6))
    assert (out["answer_due_on"], out["status"], out["timeliness"], out["days_to_answer"]) == \
        (D(2026, 3, 11), "answered", "on_time", 21)


def test_received_on_new_years_eve_counts_from_the_next_day(conf):
    # Received on the eve itself (a day off): the day of the event is not counted either way.
    assert run(conf, received_on=D(2026, 2, 16))["accept_due_on"] == D(2026, 2, 27)


def test_answer_period_ending_in_tet_rolls_past_the_whole_break(conf):
    # Accepted Mon 2/2/2026 + 15 = Tue 17/2 (Tết); 18, 19, 20 Tết, 21 Sat, 22 Sun → Mon 23/2.
    out = run(conf, received_on=D(2026, 1, 30), accepted_on=D(2026, 2, 2))
    assert out["answer_due_on"] == D(2026, 2, 23)


def test_accept_period_spanning_30_4_and_1_5(conf):
    # Received Tue 28/4/2026 (sample so-nong-nghiep-moi-truong-2026-003): Wed 29/4 (1);
    # Thu 30/4, Fri 1/5 off; 2 Sat, 3 Sun; Mon 4/5 (2), 5 (3), 6 (4), Thu 7/5 (5).
    out = run(conf, received_on=D(2026, 4, 28), accepted_on=D(2026, 5, 6), answered_on=D(2026, 5, 20))
    assert out["accept_due_on"] == D(2026, 5, 7)
    # Accepted Wed 6/5 + 15 = Thu 21/5 (working).
    assert (out["answer_due_on"], out["timeliness"]) == (D(2026, 5, 21), "on_time")


def test_answer_period_ending_on_30_4_rolls_to_monday_4_5(conf):
    # Accepted Wed 15/4/2026 + 15 = Thu 30/4 (off); Fri 1/5 off, Sat 2, Sun 3 → Mon 4/5.
    out = run(conf, received_on=D(2026, 4, 13), accepted_on=D(2026, 4, 15), as_of=D(2026, 5, 4))
    assert (out["answer_due_on"], out["status"], out["timeliness"]) == (D(2026, 5, 4), "accepted", "pending")
    assert run(conf, received_on=D(2026, 4, 13), accepted_on=D(2026, 4, 15),
               as_of=D(2026, 5, 5))["timeliness"] == "overdue"


def test_accept_period_spanning_2_9(conf):
    # Received Fri 28/8/2026 (sample xa-thien-tan-2026-004). Off: Mon 31/8 (swapped with the
    # working Saturday 22/8), Tue 1/9, Wed 2/9. 29 Sat, 30 Sun, 31, 1, 2 off; Thu 3/9 (1),
    # Fri 4 (2), 5 Sat, 6 Sun, Mon 7 (3), 8 (4), Wed 9/9 (5).
    out = run(conf, received_on=D(2026, 8, 28), accepted_on=D(2026, 9, 8), answered_on=D(2026, 9, 21))
    assert out["accept_due_on"] == D(2026, 9, 9)
    # Accepted Tue 8/9 + 15 = Wed 23/9.
    assert (out["answer_due_on"], out["timeliness"], out["days_to_answer"]) == (D(2026, 9, 23), "on_time", 24)


def test_the_working_saturday_before_2_9_counts(conf):
    # Received Thu 20/8/2026: Fri 21 (1), Sat 22 is a working day (2), Sun 23, Mon 24 (3), 25 (4), Wed 26 (5).
    assert run(conf, received_on=D(2026, 8, 20))["accept_due_on"] == D(2026, 8, 26)


def test_answer_period_ending_on_a_saturday(conf):
    # Sample phuong-ky-lua-2026-001: accepted Fri 19/6/2026 + 15 = Sat 4/7 → Mon 6/7; answered Mon 6/7.
    out = run(conf, received_on=D(2026, 6, 16), accepted_on=D(2026, 6, 19), answered_on=D(2026, 7, 6))
    assert (out["answer_due_on"], out["timeliness"]) == (D(2026, 7, 6), "on_time")
    out = run(conf, received_on=D(2026, 6, 16), accepted_on=D(2026, 6, 19), answered_on=D(2026, 7, 7))
    assert out["timeliness"] == "late"


def test_extension(conf):
    # Sample so-nong-nghiep-moi-truong-2026-002: accepted Wed 11/3/2026 + 15 = Thu 26/3 (original
    # deadline; the extension of 20/3 came before it). Period lengthened by 15: 26/3 + 15 = Fri 10/4.
    r = dict(received_on=D(2026, 3, 9), accepted_on=D(2026, 3, 11), extended_on=D(2026, 3, 20),
             extension_days=15, answered_on=D(2026, 4, 8))
    out = run(conf, **r)
    assert (out["answer_due_on"], out["status"], out["timeliness"]) == (D(2026, 4, 10), "answered", "on_time")
    rule = clock.rule_for(conf.rules, r["received_on"])
    assert clock.original_due(r, rule, conf.calendar) == D(2026, 3, 26)


def test_extension_lengthens_the_period_and_rolls_forward_once(conf):
    # Accepted Fri 30/1/2026 + 15 = Sat 14/2. Without extension that rolls past Tết to Mon 23/2.
    # With 15 days' extension the PERIOD is 30 days: 14/2 + 15 = Sun 1/3 → Mon 2/3 (one roll at
    # the end), not 23/2 + 15 = 10/3 (which would count the Tết break twice in the body's favour).
    r = dict(received_on=D(2026, 1, 28), accepted_on=D(2026, 1, 30))
    assert run(conf, **r)["answer_due_on"] == D(2026, 2, 23)
    out = run(conf, **r, extended_on=D(2026, 2, 10), extension_days=15, as_of=D(2026, 2, 25))
    assert (out["answer_due_on"], out["status"], out["timeliness"]) == (D(2026, 3, 2), "extended", "pending")


def test_suspension_does_not_count(conf):
    # Sample xa-huu-lung-2026-002: accepted Wed 20/5/2026, + 15 = Thu 4/6. Suspended 28/5, resumed
    # 15/6: 18 days (29/5 … 15/6) do not count → 4/6 + 18 = Mon 22/6. Answered Fri 19/6: on time.
    r = dict(received_on=D(2026, 5, 18), accepted_on=D(2026, 5, 20), suspended_on=D(2026, 5, 28),
             resumed_on=D(2026, 6, 15), answered_on=D(2026, 6, 19))
    out = run(conf, **r)
    assert (out["answer_due_on"], out["status"], out["timeliness"]) == (D(2026, 6, 22), "answered", "on_time")


def test_open_suspension_stops_the_clock(conf):
    out = run(conf, received_on=D(2026, 5, 18), accepted_on=D(2026, 5, 20), suspended_on=D(2026, 5, 28))
    assert (out["answer_due_on"], out["status"], out["timeliness"]) == (None, "suspended", "pending")


def test_refusal(conf):
    # Sample phuong-dong-kinh-2026-002: received Mon 5/10/2026: 6 (1), 7 (2), 8 (3), Fri 9 (4), Mon 12/10 (5).
    out = run(conf, received_on=D(2026, 10, 5), refused_on=D(2026, 10, 9))
    assert (out["accept_due_on"], out["answer_due_on"], out["status"], out["timeliness"]) == \
        (D(2026, 10, 12), None, "refused", "on_time")
    assert run(conf, received_on=D(2026, 10, 5), refused_on=D(2026, 10, 13))["timeliness"] == "late"


def test_request_still_open_on_the_build_date(conf):
    # Sample xa-thien-tan-2026-006: received Wed 18/11/2026, nothing since. Thu 19 (1), Fri 20 (2),
    # Mon 23 (3), Tue 24/11 (4: Ngày Văn hóa Việt Nam is no day off, no document makes it one in
    # 2026; calendar.yaml removes the package's day), Wed 25/11 (5).
    out = run(conf, received_on=D(2026, 11, 18))
    assert (out["accept_due_on"], out["status"], out["timeliness"], out["days_to_answer"]) == \
        (D(2026, 11, 25), "received", "pending", None)
    assert run(conf, received_on=D(2026, 11, 18), as_of=D(2026, 11, 26))["timeliness"] == "overdue"
    # Sample so-nong-nghiep-moi-truong-2026-004: accepted Wed 19/8 + 15 = Thu 3/9: overdue on 23/11.
    out = run(conf, received_on=D(2026, 8, 17), accepted_on=D(2026, 8, 19))
    assert (out["answer_due_on"], out["status"], out["timeliness"]) == (D(2026, 9, 3), "accepted", "overdue")


def test_new_year_2026_swap_friday_off_saturday_worked(conf):
    # Công văn 12729/VPCP-KGVX: Fri 2/1/2026 off, Sat 10/1/2026 worked. Received Mon 29/12/2025:
    # Tue 30 (1), Wed 31 (2), Thu 1/1 and Fri 2/1 off, 3 Sat, 4 Sun, Mon 5 (3), Tue 6 (4), Wed 7/1 (5).
    assert run(conf, received_on=D(2025, 12, 29))["accept_due_on"] == D(2026, 1, 7)
    # Received Tue 6/1/2026: Wed 7 (1), Thu 8 (2), Fri 9 (3), Sat 10 is worked (4), Mon 12/1 (5).
    assert run(conf, received_on=D(2026, 1, 6))["accept_due_on"] == D(2026, 1, 12)


def test_a_package_day_counts_only_with_a_basis(conf):
    cal = conf.calendar
    assert cal.package_name(D(2026, 11, 24)) and cal.is_working(D(2026, 11, 24))  # removed, not counted
    assert [(d, status) for d, status, _, _ in cal.year_rows(2026) if d == D(2026, 11, 24)] == \
        [(D(2026, 11, 24), "removed")]
    for year in (2025, 2026):  # a confirmed year: every day off and every swap cites a source
        assert year in cal.confirmed_years and cal.unsourced(year) == []
        assert all(basis and basis.source for _, status, _, basis in cal.year_rows(year) if status != "unconfirmed")


def test_late_acceptance_makes_a_timely_answer_late(conf):
    # Received Mon 5/10/2026, accept due Mon 12/10; accepted Wed 14/10 (late), answered 20/10.
    out = run(conf, received_on=D(2026, 10, 5), accepted_on=D(2026, 10, 14), answered_on=D(2026, 10, 20))
    assert out["timeliness"] == "late"


def test_rules_per_period(conf):
    # Nghị định 59/2019/NĐ-CP (in force 15/8/2019) until 30/6/2026; from 01/7/2026 (Luật 132/2025/QH15)
    # the same numbers, kept while the amended law is being verified.
    first, later = conf.rules
    assert (first.id, first.effective_from, first.verified) == ("nd-59-2019", D(2019, 8, 15), True)
    assert (later.effective_from, later.verified) == (D(2026, 7, 1), False)
    assert [getattr(later, f) for f in ("accept_working_days", "answer_days", "answer_day_kind", "extension_max_days",
                                        "max_extensions")] == [5, 15, "calendar", 15, 1]
    assert clock.rule_for(conf.rules, D(2026, 6, 30)) is first and clock.rule_for(conf.rules, D(2026, 7, 1)) is later
    assert "khoản 4 Điều 11" in first.basis and "Nghị định 59/2019/NĐ-CP ngày 01/07/2019" in first.basis


def test_rule_in_force_on_the_day_received():
    old = clock.Rule("a", D(2019, 8, 20), "", "", 5, 15, "calendar", 15, 1)
    new = clock.Rule("b", D(2026, 7, 1), "", "", 3, 10, "working", 10, 1)
    assert clock.rule_for([old, new], D(2026, 6, 30)) is old
    assert clock.rule_for([old, new], D(2026, 7, 1)) is new
    assert clock.rule_for([old, new], D(2019, 8, 19)) is None


def test_every_sample_explanation_matches_the_hand_count(sample_site):
    """Every published sample record, counted by hand. Accept due = 5 working days after receipt;
    answer due = acceptance + 15 days (+ extension, + suspended days), rolled to a working day.
    A new sample record must be counted by hand and added here."""
    import csv

    rows = {r["id"]: r for r in csv.DictReader(
        (sample_site / "du-lieu-mo" / "explanations.csv").open(encoding="utf-8"))}
    expected = {  # id: (accept_due_on, answer_due_on, status, timeliness, days_to_answer)
        # the edge cases of the tests above
        "xa-thien-tan-2026-002": ("2026-02-27", "2026-03-11", "answered", "on_time", "21"),  # Tết
        "so-nong-nghiep-moi-truong-2026-003": ("2026-05-07", "2026-05-21", "answered", "on_time", "22"),  # 30/4
        "xa-thien-tan-2026-004": ("2026-09-09", "2026-09-23", "answered", "on_time", "24"),  # 2/9
        "phuong-ky-lua-2026-001": ("2026-06-23", "2026-07-06", "answered", "on_time", "20"),  # Sat 4/7 → Mon
        "so-nong-nghiep-moi-truong-2026-002": ("2026-03-16", "2026-04-10", "answered", "on_time", "30"),  # +15
        "xa-huu-lung-2026-002": ("2026-05-25", "2026-06-22", "answered", "on_time", "32"),  # +18 suspended
        "phuong-dong-kinh-2026-002": ("2026-10-12", "", "refused", "on_time", ""),
        # 18/11: 19, 20, 23, 24 (Ngày Văn hóa Việt Nam: no basis, a working day), 25/11 (5)
        "xa-thien-tan-2026-006": ("2026-11-25", "", "received", "pending", ""),
        # received Mon 17/8: 18, 19, 20, 21, and Sat 22/8 is a working day (5); 19/8 + 15 = 3/9
        "so-nong-nghiep-moi-truong-2026-004": ("2026-08-22", "2026-09-03", "accepted", "overdue", ""),
        # 28/10 + 15 = 12/11, + 15 extension = Fri 27/11
        "so-xay-dung-2026-003": ("2026-11-02", "2026-11-27", "extended", "pending", ""),
        # 12/8 + 15 = 27/8, + 10 = Sun 6/9 → Mon 7/9
        "ubnd-tinh-2026-002": ("2026-08-17", "2026-09-07", "answered", "on_time", "25"),
        # plain cases: received on a Monday → accept due the next Monday; accepted on a Wednesday →
        # answer due two weeks later on Thursday (no holiday in between)
        "so-tai-chinh-2026-002": ("2026-11-23", "2026-12-03", "accepted", "pending", ""),
        "xa-thien-tan-2026-005": ("2026-11-16", "2026-11-26", "accepted", "pending", ""),
        "thanh-tra-tinh-2026-002": ("2026-09-28", "2026-10-08", "answered", "on_time", "16"),
        "phuong-ky-lua-2026-003": ("2026-09-21", "2026-10-01", "answered", "late", "25"),
        "so-noi-vu-2026-002": ("2026-08-10", "", "refused", "on_time", ""),
        "phuong-ky-lua-2026-002": ("2026-07-27", "2026-08-06", "terminated", "on_time", ""),
        "xa-huu-lung-2026-004": ("2026-07-20", "2026-07-30", "answered", "late", "30"),
        "so-noi-vu-2026-001": ("2026-07-13", "2026-07-23", "answered", "on_time", "15"),
        "xa-huu-lung-2026-003": ("2026-06-29", "2026-07-09", "accepted", "overdue", ""),
        "so-tai-chinh-2026-001": ("2026-06-08", "2026-06-18", "answered", "on_time", "15"),
        "phuong-dong-kinh-2026-001": ("2026-05-18", "2026-05-28", "answered", "on_time", "16"),
        "so-xay-dung-2026-002": ("2026-05-11", "2026-05-21", "answered", "late", "25"),
        "xa-thien-tan-2026-003": ("2026-04-20", "", "refused", "on_time", ""),
        "ubnd-tinh-2026-001": ("2026-04-13", "2026-04-23", "answered", "on_time", "15"),
        "xa-huu-lung-2026-001": ("2026-03-23", "2026-04-01", "answered", "on_time", "9"),  # accepted Tue 17/3
        "so-xay-dung-2026-001": ("2026-03-09", "2026-03-19", "answered", "on_time", "15"),
        "so-nong-nghiep-moi-truong-2026-001": ("2026-01-26", "2026-02-05", "answered", "late", "38"),
        "xa-thien-tan-2026-001": ("2026-01-19", "2026-01-29", "answered", "on_time", "14"),
        "xa-thien-tan-2025-001": ("2025-11-10", "2025-11-20", "answered", "late", "29"),
        "phuong-dong-kinh-2025-001": ("2025-10-27", "2025-11-06", "answered", "on_time", "15"),
        "so-xay-dung-2025-001": ("2025-09-22", "2025-10-02", "answered", "on_time", "15"),
    }
    got = {k: (r["accept_due_on"], r["answer_due_on"], r["status"], r["timeliness"], r["days_to_answer"])
           for k, r in rows.items()}
    assert got == expected


def test_the_page_explains_each_count(conf):
    rule = conf.rules[0]
    steps = clock.explain({"received_on": D(2026, 2, 13), "accepted_on": D(2026, 1, 30) + 3 * clock.DAY},
                          rule, conf.calendar)
    assert steps == [
        "Hạn tiếp nhận: không tính ngày nhận (thứ Sáu 13/02/2026), đếm 5 ngày làm việc, trừ thứ Bảy, Chủ nhật "
        "và ngày nghỉ lễ → thứ Sáu 27/02/2026; ngày nghỉ không tính: 16/02, 17/02, 18/02, 19/02, 20/02 (Tết Âm "
        "lịch; căn cứ: Thông báo 9441/TB-BNV ngày 16/10/2025).",
        "Hạn giải trình: ngày thông báo tiếp nhận 02/02/2026 + 15 ngày = thứ Ba 17/02/2026, là ngày nghỉ nên hết "
        "hạn vào ngày làm việc tiếp theo, thứ Hai 23/02/2026; ngày nghỉ không tính: 17/02, 18/02, 19/02, 20/02 "
        "(Tết Âm lịch; căn cứ: Thông báo 9441/TB-BNV ngày 16/10/2025)."]
    steps = clock.explain({"received_on": D(2026, 8, 20)}, rule, conf.calendar)
    assert steps[0].endswith("→ thứ Tư 26/08/2026; ngày làm việc bù được tính: thứ Bảy 22/08 (Làm bù cho ngày "
                             "nghỉ thứ Hai 31/8/2026; căn cứ: Thông báo 9441/TB-BNV ngày 16/10/2025).")
    # A fixed holiday names its article of the Labour Code.
    steps = clock.explain({"received_on": D(2026, 4, 28)}, rule, conf.calendar)
    assert "30/04 (Ngày Chiến thắng; căn cứ: điểm c khoản 1 Điều 112 Bộ luật Lao động 45/2019/QH14)" in steps[0]


DAYS = st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 12, 31))


@hsettings(max_examples=300, deadline=None)
@given(received=DAYS, wait=st.integers(0, 10), ext=st.integers(0, 15), pause=st.integers(0, 40))
def test_deadlines_always_end_on_a_working_day_and_only_grow(received, wait, ext, pause):
    s = real_settings()
    cal, rule = s.calendar, s.rules[0]
    accepted = received + dt.timedelta(days=wait)
    base = {"received_on": received, "accepted_on": accepted}
    out = clock.compute(base, rule, cal, AS_OF)
    assert cal.is_working(out["accept_due_on"]) and out["accept_due_on"] > received
    assert cal.is_working(out["answer_due_on"]) and out["answer_due_on"] >= accepted + dt.timedelta(days=15)
    # the roll-forward never skips a working day: the day before the deadline (if later than the
    # raw end) is a day off
    raw = accepted + dt.timedelta(days=15)
    assert all(not cal.is_working(raw + dt.timedelta(days=i)) for i in range((out["answer_due_on"] - raw).days))
    longer = dict(base, extended_on=accepted + dt.timedelta(days=1), extension_days=ext or None,
                  suspended_on=accepted + dt.timedelta(days=1), resumed_on=accepted + dt.timedelta(days=1 + pause))
    assert clock.compute(longer, rule, cal, AS_OF)["answer_due_on"] >= out["answer_due_on"]
