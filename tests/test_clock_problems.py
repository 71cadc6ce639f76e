"""Each problem kind of the legal clock, with its exact message, file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import AS_OF

from generator.check.whole import check_data

RECORD = Path("xa-a") / "giai-trinh" / "xa-a-2026-002.yaml"  # 10 lines; accepted_on 2026-10-05 on line 8


def problems(data: Path, code: str) -> list[str]:
    """The problems of one code, with paths relative to the data folder."""
    return [p.line_text().removeprefix(f"{data}/") for p in check_data(data, AS_OF).problems if p.code == code]


def append(data: Path, text: str) -> str:
    path = data / RECORD
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return f"{data / RECORD}"


RULES = """rules:
  - id: nd-59-2019
    effective_from: 2019-08-20
    accept_working_days: 5
    answer_days: 15
    answer_day_kind: calendar
    extension_max_days: 15
    max_extensions: {max_extensions}
"""


def test_extension_too_long(valid_copy: Path):
    append(valid_copy, "extended_on: 2026-10-15\nextension_days: 20\nextension_reason: Phức tạp\n")
    assert problems(valid_copy, "extension-too-long") == [
        f"{RECORD.as_posix()}:12: extension-too-long: Gia hạn 20 ngày, vượt mức tối đa 15 ngày của quy định "
        "“nd-59-2019”. Cách sửa: Ghi đúng số ngày trong văn bản gia hạn; quy định chỉ cho gia hạn tối đa 15 ngày."]


def test_extension_too_late(valid_copy: Path):
    # Accepted Mon 5/10/2026 + 15 = Tue 20/10: the extension of 21/10 comes a day late.
    append(valid_copy, "extended_on: 2026-10-21\nextension_days: 10\nextension_reason: Phức tạp\n")
    assert problems(valid_copy, "extension-too-late") == [
        f"{RECORD.as_posix()}:11: extension-too-late: Ngày gia hạn 2026-10-21 ở sau hạn giải trình ban đầu "
        "2026-10-20. Cách sửa: Quy tắc thực hành của cổng, không phải quy định của Nghị định: Điều 13 Nghị định "
        "59/2019/NĐ-CP cho gia hạn một lần và phải thông báo bằng văn bản, cổng chỉ ghi nhận gia hạn thông báo "
        "trước khi hết hạn ban đầu. Kiểm tra lại ngày gia hạn; nếu gia hạn sau khi đã hết hạn, xóa extended_on, "
        "extension_days."]


def test_extension_on_the_last_day_is_in_time(valid_copy: Path):
    append(valid_copy, "extended_on: 2026-10-20\nextension_days: 15\nextension_reason: Phức tạp\n")
    assert problems(valid_copy, "extension-too-late") == []
    assert problems(valid_copy, "extension-too-long") == []


def test_extension_not_allowed_when_the_rule_allows_none(valid_copy: Path):
    (valid_copy / "rules.yaml").write_text(RULES.format(max_extensions=0), encoding="utf-8")
    append(valid_copy, "extended_on: 2026-10-15\nextension_days: 5\nextension_reason: Phức tạp\n")
    assert problems(valid_copy, "extension-not-allowed") == [
        f"{RECORD.as_posix()}:11: extension-not-allowed: Hồ sơ có gia hạn nhưng quy định “nd-59-2019” không "
        "cho phép gia hạn (max_extensions: 0). Cách sửa: Xóa extended_on, extension_days, extension_reason; "
        "hoặc kiểm tra lại ngày nhận yêu cầu."]


def test_more_than_one_extension_cannot_be_configured(valid_copy: Path):
    (valid_copy / "rules.yaml").write_text(RULES.format(max_extensions=2), encoding="utf-8")
    assert problems(valid_copy, "config-invalid") == [
        "rules.yaml:8: config-invalid: Tệp cấu hình không hợp lệ ở trường “max_extensions”: mỗi hồ sơ chỉ ghi "
        "được một lần gia hạn: chỉ nhận 0 hoặc 1. Cách sửa: Sửa theo mẫu trong hướng dẫn; ngày viết dạng "
        "năm-tháng-ngày."]


def test_answer_before_acceptance(valid_copy: Path):
    append(valid_copy, "answered_on: 2026-10-02\nanswer: Trả lời\nanswered_by: Chủ tịch UBND xã\n")
    assert problems(valid_copy, "answer-before-acceptance") == [
        f"{RECORD.as_posix()}:11: answer-before-acceptance: Ngày giải trình 2026-10-02 sớm hơn ngày thông báo "
        "tiếp nhận 2026-10-05. Cách sửa: Giải trình chỉ ban hành sau khi đã thông báo tiếp nhận; kiểm tra lại "
        "hai ngày answered_on, accepted_on."]
    assert problems(valid_copy, "date-order") == []  # reported once, under its own code


def test_suspension_open_with_an_answer(valid_copy: Path):
    append(valid_copy, "suspended_on: 2026-10-08\nsuspension_reason: Chờ kết quả đo đạc\n"
                       "answered_on: 2026-10-20\nanswer: Trả lời\nanswered_by: Chủ tịch UBND xã\n")
    assert problems(valid_copy, "suspension-open") == [
        f"{RECORD.as_posix()}:13: suspension-open: Hồ sơ có “answered_on” (2026-10-20) nhưng việc tạm đình chỉ "
        "từ ngày 2026-10-08 chưa có ngày tiếp tục. Cách sửa: Thêm dòng “resumed_on: năm-tháng-ngày” là ngày "
        "tiếp tục giải trình."]


def test_suspension_after_the_deadline(valid_copy: Path):
    append(valid_copy, "suspended_on: 2026-10-21\nsuspension_reason: Chờ kết quả đo đạc\n")
    assert problems(valid_copy, "suspension-too-late") == [
        f"{RECORD.as_posix()}:11: suspension-too-late: Ngày tạm đình chỉ 2026-10-21 ở sau hạn giải trình "
        "2026-10-20: thời gian tạm đình chỉ không được trừ khi đã quá hạn. Cách sửa: Kiểm tra lại ngày tạm đình "
        "chỉ; nếu đúng là tạm đình chỉ sau khi quá hạn, xóa suspended_on, resumed_on và ghi việc này trong nội "
        "dung giải trình."]


def test_answered_and_terminated_contradict(valid_copy: Path):
    append(valid_copy, "terminated_on: 2026-10-12\ntermination_reason: Rút yêu cầu\n"
                       "answered_on: 2026-10-15\nanswer: Trả lời\nanswered_by: Chủ tịch UBND xã\n")
    assert problems(valid_copy, "inconsistent-status") == [
        f"{RECORD.as_posix()}:11: inconsistent-status: Các trường của hồ sơ mâu thuẫn nhau: vừa có ngày giải "
        "trình vừa có ngày đình chỉ. Cách sửa: Một yêu cầu hoặc được tiếp nhận, hoặc bị từ chối; đã giải trình "
        "thì phải có nội dung và người giải trình."]


def test_unconfirmed_calendar_year_is_a_warning_only(valid_copy: Path):
    cal = valid_copy / "calendar.yaml"
    cal.write_text(cal.read_text(encoding="utf-8").replace("[2025, 2026]", "[2025]"), encoding="utf-8")
    checked = check_data(valid_copy, AS_OF)
    found = [p for p in checked.problems if p.code == "calendar-unconfirmed"]
    assert found and all(not p.is_error for p in found)
    assert problems(valid_copy, "calendar-unconfirmed")[1] == (
        f"{RECORD.as_posix()}:3: calendar-unconfirmed: Ngày “received_on” (2026-10-01) thuộc năm 2026, năm chưa "
        "được xác nhận trong lịch ngày nghỉ data/calendar.yaml. Cách sửa: Khi có thông báo lịch nghỉ lễ, hoán đổi "
        "ngày làm việc năm 2026, bổ sung ngày nghỉ, ngày làm bù vào data/calendar.yaml rồi thêm 2026 vào "
        "confirmed_years. Đến lúc đó, thời hạn tính theo lịch mặc định.")


def test_deadline_in_an_unconfirmed_year_warns(valid_copy: Path):
    # Accepted 2026-12-28 + 15 = 2027-01-12: the deadline lies in 2027, which is not confirmed.
    path = valid_copy / RECORD
    text = path.read_text(encoding="utf-8").replace("2026-10-01", "2026-12-24").replace("2026-10-05", "2026-12-28")
    path.write_text(text, encoding="utf-8")
    checked = check_data(valid_copy, __import__("datetime").date(2026, 12, 31))
    assert [(p.field, p.value, p.line) for p in checked.problems if p.code == "calendar-unconfirmed"] == \
        [("answer_due_on", "2027-01-12", 3)]


def test_date_outside_the_calendar_is_an_error(valid_copy: Path):
    path = valid_copy / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace("received_on: 2026-10-01", "received_on: 1026-10-01"),
                    encoding="utf-8")
    assert problems(valid_copy, "date-outside-calendar") == [
        f"{RECORD.as_posix()}:3: date-outside-calendar: Ngày “received_on” (1026-10-01) nằm ngoài phạm vi của "
        "lịch ngày nghỉ (1990–2099). Cách sửa: Kiểm tra lỗi gõ năm; thời hạn không tính được cho ngày ngoài "
        "phạm vi lịch."]


BAD_RULES = """rules:
  - id: nd-59-2019
    effective_from: 2019-08-20
    accept_working_days: 5
    answer_days: 15
    answer_day_kind: lich
    extension_max_days: 15
    max_extensions: 1
  - id: nd-59-2019
    effective_from: 2019-08-20
    answer_dayz: 15
    accept_working_days: 5
    answer_day_kind: calendar
    extension_max_days: 15
    max_extensions: 1
"""


def test_bad_rules_file(valid_copy: Path):
    (valid_copy / "rules.yaml").write_text(BAD_RULES, encoding="utf-8")
    checked = check_data(valid_copy, AS_OF)
    lines = [p.line_text().removeprefix(f"{valid_copy}/") for p in
             sorted((p for p in checked.problems if p.path.endswith("rules.yaml")), key=lambda p: (p.line, p.code))]
    assert lines == [
        "rules.yaml:6: rules-bad-kind: Cách tính ngày “lich” ở trường “answer_day_kind” không hợp lệ. Cách sửa: "
        "Ghi calendar (ngày theo lịch, như Nghị định 59/2019/NĐ-CP) hoặc working (ngày làm việc).",
        "rules.yaml:9: rules-duplicate-id: Mã bộ quy định “nd-59-2019” được dùng hai lần (lần đầu ở dòng 2). "
        "Cách sửa: Đặt cho mỗi bộ quy định một mã riêng, ví dụ nd-59-2019, nd-moi-2026.",
        "rules.yaml:9: rules-missing-field: Bộ quy định thứ 2 thiếu trường bắt buộc “answer_days”. Cách sửa: Mỗi "
        "bộ quy định cần đủ: id, effective_from, accept_working_days, answer_days, answer_day_kind, "
        "extension_max_days, max_extensions (xem ví dụ ở đầu data/rules.yaml).",
        "rules.yaml:10: rules-overlap: Hai bộ quy định cùng có hiệu lực từ ngày 2019-08-20 (nd-59-2019 ở dòng 3 "
        "và nd-59-2019): không xác định được bộ nào áp dụng. Cách sửa: Mỗi bộ quy định bắt đầu từ một ngày khác "
        "nhau; bộ mới thay bộ cũ từ ngày effective_from của nó. Sửa ngày hoặc xóa bộ bị trùng.",
        "rules.yaml:11: rules-unknown-field: Bộ quy định thứ 2 có trường lạ “answer_dayz”. Cách sửa: Kiểm tra "
        "chính tả tên trường; các trường hợp lệ: id, effective_from, accept_working_days, answer_days, "
        "answer_day_kind, extension_max_days, max_extensions, title, basis, sources, note, verified.",
    ]
    # No rule survives, so no record can be judged: the build must not publish.
    assert any(p.is_error for p in checked.problems)


def test_a_working_day_swap_must_fall_on_a_weekend(valid_copy: Path):
    cal = valid_copy / "calendar.yaml"
    cal.write_text(cal.read_text(encoding="utf-8").replace(
        "working_days:\n", "working_days:\n  - {date: 2026-08-21, reason: Làm bù, source: tb-9441-2025}\n"),
        encoding="utf-8")
    lines = [x for x in problems(valid_copy, "config-invalid") if x.startswith("calendar.yaml")]
    assert lines == [
        "calendar.yaml:30: config-invalid: Tệp cấu hình không hợp lệ ở trường “working_days”: 2026-08-21 là ngày "
        "thường; chỉ ghi thứ Bảy, Chủ nhật phải làm việc bù. Cách sửa: Sửa theo mẫu trong hướng dẫn; ngày viết "
        "dạng năm-tháng-ngày."]


def test_extension_after_the_answer_contradicts_it(valid_copy: Path):
    append(valid_copy, "answered_on: 2026-10-12\nanswer: Trả lời\nanswered_by: Chủ tịch UBND xã\n"
                       "extended_on: 2026-10-15\nextension_days: 5\nextension_reason: Phức tạp\n")
    assert problems(valid_copy, "inconsistent-status") == [
        f"{RECORD.as_posix()}:14: inconsistent-status: Các trường của hồ sơ mâu thuẫn nhau: ngày gia hạn 2026-10-15 "
        "ở sau ngày giải trình 2026-10-12. Cách sửa: Một yêu cầu hoặc được tiếp nhận, hoặc bị từ chối; đã giải "
        "trình thì phải có nội dung và người giải trình."]


def test_unconfirmed_year_still_publishes_but_a_clock_error_does_not(valid_copy: Path, tmp_path: Path):
    from generator.build import build

    cal = valid_copy / "calendar.yaml"
    cal.write_text(cal.read_text(encoding="utf-8").replace("[2025, 2026]", "[2025]"), encoding="utf-8")
    result = build(valid_copy, tmp_path / "site", AS_OF)
    assert {p.code for p in result.problems} == {"calendar-unconfirmed"}
    assert (tmp_path / "site" / "thong-ke" / "lich" / "index.html").exists()
    page = (tmp_path / "site" / "thong-ke" / "lich" / "index.html").read_text(encoding="utf-8")
    assert "Lịch năm 2026 chưa được tỉnh xác nhận" in page
    append(valid_copy, "extended_on: 2026-10-15\nextension_days: 20\nextension_reason: Phức tạp\n")
    result = build(valid_copy, tmp_path / "site2", AS_OF)
    assert "extension-too-long" in {p.code for p in result.problems}
    assert not (tmp_path / "site2").exists()  # wrong figures are never published


@pytest.mark.parametrize(("line", "field"), [
    ("official_domains: true", "official_domains"),  # was a TypeError: the whole check stopped
    ("official_domains: gov.vn", "official_domains"),  # was read letter by letter: domains g, o, v…
    ("licence: CC-BY-4.0", "licence"),  # was a ValueError
    ("licence: {name: CC-BY-4.0}", "licence"),  # no path: the open-data page failed to render
])
def test_portal_settings_of_the_wrong_shape_are_named(valid_copy: Path, line: str, field: str):
    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8").replace("official_domains: [gov.vn]\n", "") + line + "\n",
                      encoding="utf-8")
    found = problems(valid_copy, "config-invalid")
    assert len(found) == 1 and found[0].startswith(f"portal.yaml:7: config-invalid: Tệp cấu hình không hợp lệ ở trường “{field}”")
