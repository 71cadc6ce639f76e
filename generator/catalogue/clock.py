"""Problem kinds: the accountability clock: rules.yaml, calendar.yaml and the dates of a request."""

from __future__ import annotations

from .kind import Kind

KINDS = [
    Kind("rules-missing-field", "error",
          "Bộ quy định thứ {value} thiếu trường bắt buộc “{field}”.",
          "Rule number {value} is missing the required field “{field}”.",
          "Mỗi bộ quy định cần đủ: id, effective_from, accept_working_days, answer_days, answer_day_kind, "
          "extension_max_days, max_extensions (xem ví dụ ở đầu data/rules.yaml).",
          "Each rule needs id, effective_from, accept_working_days, answer_days, answer_day_kind, "
          "extension_max_days and max_extensions (see the example at the top of data/rules.yaml)."),
    Kind("rules-unknown-field", "error",
          "Bộ quy định thứ {value} có trường lạ “{field}”.",
          "Rule number {value} has an unknown field “{field}”.",
          "Kiểm tra chính tả tên trường; các trường hợp lệ: {detail}.",
          "Check the spelling; the valid fields are: {detail}."),
    Kind("rules-bad-kind", "error",
          "Cách tính ngày “{value}” ở trường “{field}” không hợp lệ.",
          "Day kind “{value}” in field “{field}” is not valid.",
          "Ghi calendar (ngày theo lịch, như Nghị định 59/2019/NĐ-CP) hoặc working (ngày làm việc).",
          "Write calendar (calendar days, as in Decree 59/2019) or working (working days)."),
    Kind("rules-overlap", "error",
          "Hai bộ quy định cùng có hiệu lực từ ngày {value} ({detail}): không xác định được bộ nào áp dụng.",
          "Two rules take effect on the same day {value} ({detail}): it is unclear which one applies.",
          "Mỗi bộ quy định bắt đầu từ một ngày khác nhau; bộ mới thay bộ cũ từ ngày effective_from của nó. "
          "Sửa ngày hoặc xóa bộ bị trùng.",
          "Each rule starts on its own day; a newer rule replaces the older one from its effective_from. "
          "Correct the date or delete the duplicate."),
    Kind("rules-duplicate-id", "error",
          "Mã bộ quy định “{value}” được dùng hai lần (lần đầu ở dòng {detail}).",
          "Rule id “{value}” is used twice (first on line {detail}).",
          "Đặt cho mỗi bộ quy định một mã riêng, ví dụ nd-59-2019, nd-moi-2026.",
          "Give each rule its own id, e.g. nd-59-2019, nd-new-2026."),
    Kind("calendar-unconfirmed", "warning",
          "Ngày “{field}” ({value}) thuộc năm {detail}, năm chưa được xác nhận trong lịch ngày nghỉ data/calendar.yaml.",
          "Date “{field}” ({value}) falls in {detail}, a year data/calendar.yaml has not confirmed.",
          "Khi có thông báo lịch nghỉ lễ, hoán đổi ngày làm việc năm {detail}, bổ sung ngày nghỉ, ngày làm bù "
          "vào data/calendar.yaml rồi thêm {detail} vào confirmed_years. Đến lúc đó, thời hạn tính theo lịch mặc định.",
          "When the holiday schedule and day swaps of {detail} are announced, add them to data/calendar.yaml and "
          "add {detail} to confirmed_years. Until then deadlines use the default calendar."),
    Kind("calendar-day-unsourced", "error",
          "Ngày {value} ({detail}) thuộc năm đã xác nhận trong confirmed_years nhưng chưa có căn cứ pháp lý.",
          "Day {value} ({detail}) falls in a confirmed year but has no legal basis.",
          "Ghi ngày này trong data/calendar.yaml với source (mã văn bản trong data/legal-sources.yaml) và article "
          "(điều, khoản); nếu ngày đó không phải ngày nghỉ, ghi nó vào removed kèm lý do; hoặc bỏ năm này khỏi "
          "confirmed_years cho đến khi xác minh xong.",
          "Add this day to data/calendar.yaml with source (an id in data/legal-sources.yaml) and article; if it is not "
          "a day off, list it under removed with the reason; or take the year out of confirmed_years until it is verified."),
    Kind("date-outside-calendar", "error",
          "Ngày “{field}” ({value}) nằm ngoài phạm vi của lịch ngày nghỉ ({detail}).",
          "Date “{field}” ({value}) is outside the range of the holiday calendar ({detail}).",
          "Kiểm tra lỗi gõ năm; thời hạn không tính được cho ngày ngoài phạm vi lịch.",
          "Check the year for a typo; deadlines cannot be computed outside the calendar's range."),
    Kind("non-working-day", "warning",
          "Ngày “{field}” ({value}) là {detail}, không phải ngày làm việc theo lịch.",
          "Date “{field}” ({value}) is {detail_en}, not a working day in the calendar.",
          "Kiểm tra lại ngày, thường là gõ nhầm ngày hoặc tháng. Nếu cơ quan thật sự làm việc hôm đó (ngày làm bù "
          "theo thông báo), ghi ngày đó vào working_days trong data/calendar.yaml; nếu không, sửa lại ngày.",
          "Check the date, usually a mistyped day or month. If the office did work that day (a swapped working day), "
          "list it under working_days in data/calendar.yaml; otherwise correct the date.",
          example="answered_on: 2026-10-18 (Chủ nhật)  →  answered_on: 2026-10-19"),
    Kind("extension-too-long", "error",
          "Gia hạn {value} ngày, vượt mức tối đa {detail} ngày của quy định “{rule}”.",
          "The extension of {value} days exceeds the {detail} days allowed by rule “{rule}”.",
          "Ghi đúng số ngày trong văn bản gia hạn; quy định chỉ cho gia hạn tối đa {detail} ngày.",
          "Write the number of days in the extension notice; the rule allows at most {detail} days."),
    Kind("extension-too-late", "error",
          "Ngày gia hạn {value} ở sau hạn giải trình ban đầu {detail}.",
          "The extension on {value} comes after the original answer deadline {detail}.",
          "Quy tắc thực hành của cổng, không phải quy định của Nghị định: Điều 13 Nghị định 59/2019/NĐ-CP cho gia hạn "
          "một lần và phải thông báo bằng văn bản, cổng chỉ ghi nhận gia hạn thông báo trước khi hết hạn ban đầu. "
          "Kiểm tra lại ngày gia hạn; nếu gia hạn sau khi đã hết hạn, xóa extended_on, extension_days.",
          "The portal's practice, not a rule of the decree: Art. 13 of Decree 59/2019 allows one extension notified in "
          "writing; the portal records an extension only if notified before the original deadline. Check extended_on; "
          "if it came after the deadline, remove extended_on and extension_days."),
    Kind("extension-not-allowed", "error",
          "Hồ sơ có gia hạn nhưng quy định “{rule}” không cho phép gia hạn (max_extensions: 0).",
          "The record has an extension but rule “{rule}” allows none (max_extensions: 0).",
          "Xóa extended_on, extension_days, extension_reason; hoặc kiểm tra lại ngày nhận yêu cầu.",
          "Remove extended_on, extension_days and extension_reason, or check the date received."),
    Kind("answer-before-acceptance", "error",
          "Ngày giải trình {value} sớm hơn ngày thông báo tiếp nhận {detail}.",
          "The answer on {value} is dated before the acceptance notice on {detail}.",
          "Giải trình chỉ ban hành sau khi đã thông báo tiếp nhận; kiểm tra lại hai ngày answered_on, accepted_on.",
          "An answer follows the acceptance notice; check answered_on and accepted_on."),
    Kind("suspension-open", "error",
          "Hồ sơ có “{field}” ({value}) nhưng việc tạm đình chỉ từ ngày {detail} chưa có ngày tiếp tục.",
          "The record has “{field}” ({value}) but the suspension from {detail} has no resumption date.",
          "Thêm dòng “resumed_on: năm-tháng-ngày” là ngày tiếp tục giải trình.",
          "Add a line “resumed_on: year-month-day” with the day the process resumed."),
    Kind("suspension-too-late", "error",
          "Ngày tạm đình chỉ {value} ở sau hạn giải trình {detail}: thời gian tạm đình chỉ không được trừ khi đã quá hạn.",
          "The suspension on {value} comes after the answer deadline {detail}: a suspension cannot stop a clock that has run out.",
          "Kiểm tra lại ngày tạm đình chỉ; nếu đúng là tạm đình chỉ sau khi quá hạn, xóa suspended_on, resumed_on "
          "và ghi việc này trong nội dung giải trình.",
          "Check suspended_on; if the suspension really came after the deadline, remove suspended_on and resumed_on "
          "and mention it in the answer."),
    Kind("reporting-period", "error",
          "Kỳ báo cáo “{value}” không đúng dạng.",
          "The reporting period “{value}” does not parse.",
          "Ghi năm (2026) cho báo cáo năm, hoặc năm-H1 (2026-H1) cho báo cáo 6 tháng đầu năm.",
          "Write a year (2026) for the annual report or year-H1 (2026-H1) for the first half."),
]
