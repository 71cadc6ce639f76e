"""Data problems as values, and the catalogue of every problem kind.

Each kind has a stable code, a Vietnamese and an English message template and a hint
that says how to fix it. Validation stages *yield* Problem values; only the CLI decides
the exit code. The error catalogue page in the docs is generated from CATALOGUE.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    severity: str  # "error" stops publication, "warning" does not
    vi: str
    en: str
    hint_vi: str
    hint_en: str

    def generic(self) -> tuple[str, str]:
        """The Vietnamese message and hint with placeholders named, for the error catalogue."""
        return self.vi.format_map(PLACEHOLDERS), self.hint_vi.format_map(PLACEHOLDERS)


# What each placeholder of a template stands for, as the error catalogue shows it. A template
# with a placeholder missing here fails test_catalogue_names_every_placeholder.
PLACEHOLDERS = {
    "field": "‹trường›", "value": "‹giá trị›", "detail": "‹chi tiết›", "resource": "‹loại hồ sơ›",
    "limit": "‹giới hạn›", "rule": "‹mã quy định›", "property": "‹thuộc tính›", "allowed": "‹các loại tệp cho phép›",
    "domains": "‹tên miền chính thức, ví dụ .gov.vn›",
    "fix": "‹cách sửa theo lỗi cụ thể, ví dụ: thay Tab bằng dấu cách ở dòng 5; đặt giá trị có dấu hai chấm "
           "trong dấu nháy kép›",
}


CATALOGUE: dict[str, Kind] = {}


def _kind(code: str, severity: str, vi: str, en: str, hint_vi: str, hint_en: str) -> None:
    CATALOGUE[code] = Kind(code, severity, vi, en, hint_vi, hint_en)


# --- reading files -----------------------------------------------------------------------
_kind("file-encoding", "error",
      "Tệp không phải văn bản UTF-8 ({detail}).",
      "The file is not UTF-8 text ({detail}).",
      "Mở tệp và lưu lại với bảng mã UTF-8 (Excel: Lưu thành “CSV UTF-8”).",
      "Save the file again as UTF-8 (Excel: “CSV UTF-8”).")
_kind("file-too-large", "error",
      "Tệp quá lớn ({detail} byte, tối đa {limit} byte).",
      "The file is too large ({detail} bytes, at most {limit}).",
      "Tách nội dung dài thành tệp đính kèm PDF, hoặc rút gọn nội dung.",
      "Move long text to a PDF attachment or shorten it.")
_kind("control-character", "error",
      "Trường “{field}” chứa ký tự điều khiển không hiển thị được ({detail}).",
      "Field “{field}” contains a control character ({detail}).",
      "Gõ lại đoạn văn bản đó; thường do sao chép từ Word hoặc PDF.",
      "Retype that text; it usually comes from copying out of Word or a PDF.")
_kind("yaml-syntax", "error",
      "Tệp YAML sai cú pháp: {detail}.",
      "YAML syntax error: {detail_en}.",
      "{fix}.",
      "{fix_en}")
_kind("yaml-tag", "error",
      "Tệp YAML dùng thẻ không được phép ({detail}).",
      "The YAML file uses a tag that is not allowed ({detail}).",
      "Bỏ thẻ bắt đầu bằng “!” khỏi tệp; hồ sơ chỉ gồm văn bản, số, ngày và true/false.",
      "Remove tags starting with “!”; records hold only text, numbers, dates and true/false.")
_kind("yaml-aliases", "error",
      "Tệp YAML dùng tham chiếu (&, *) mở rộng quá lớn ({detail} nút).",
      "The YAML file's aliases expand too far ({detail} nodes).",
      "Không dùng neo (&) và tham chiếu (*); viết trực tiếp giá trị.",
      "Do not use anchors (&) and aliases (*); write the values out.")
_kind("duplicate-key", "error",
      "Trường “{field}” được khai báo hai lần trong cùng hồ sơ (lần đầu ở dòng {detail}).",
      "Field “{field}” appears twice in the same record (first on line {detail}).",
      "Xóa một trong hai dòng, giữ lại giá trị đúng.",
      "Delete one of the two lines and keep the right value.")
_kind("not-a-record", "error",
      "Tệp không chứa một hồ sơ dạng “tên trường: giá trị” ({detail}).",
      "The file does not hold a “field: value” record ({detail}).",
      "Sao chép một tệp mẫu cùng loại và sửa các giá trị.",
      "Copy an example file of the same kind and edit its values.")
_kind("csv-syntax", "error",
      "Tệp CSV sai cấu trúc: {detail}.",
      "CSV structure error: {detail}.",
      "Mở bằng Excel, kiểm tra dấu phẩy và dấu nháy kép, rồi lưu lại dạng “CSV UTF-8”.",
      "Open in a spreadsheet, check commas and double quotes, save as “CSV UTF-8”.")
_kind("unknown-field", "error",
      "Trường “{field}” không có trong chuẩn dữ liệu của {resource}.",
      "Field “{field}” is not in the {resource} data standard.",
      "Kiểm tra chính tả tên trường theo Từ điển dữ liệu; trường do hệ thống tính thì không nhập.",
      "Check the spelling against the data dictionary; computed fields must not be written.")
_kind("misplaced-file", "error",
      "Tệp đặt sai chỗ: {detail}.",
      "The file is in the wrong place: {detail}.",
      "Đặt hồ sơ vào data/<mã đơn vị>/<loại hồ sơ>/<mã hồ sơ>.yaml.",
      "Put records at data/<unit id>/<kind>/<record id>.yaml.")
_kind("config-invalid", "error",
      "Tệp cấu hình không hợp lệ ở trường “{field}”: {detail}.",
      "Invalid settings in field “{field}”: {detail}.",
      "Sửa theo mẫu trong hướng dẫn; ngày viết dạng năm-tháng-ngày.",
      "Fix it as in the guide; dates are written year-month-day.")

# --- the schema (Frictionless) ------------------------------------------------------------
_kind("missing-value", "error",
      "Thiếu trường bắt buộc “{field}”.",
      "Required field “{field}” is missing.",
      "Thêm dòng “{field}: …” với giá trị phù hợp (xem Từ điển dữ liệu).",
      "Add a line “{field}: …” with a suitable value (see the data dictionary).")
_kind("wrong-type", "error",
      "Giá trị “{value}” của trường “{field}” không đúng kiểu {detail}.",
      "Value “{value}” of field “{field}” is not a valid {type_en}.",
      "Ngày viết dạng năm-tháng-ngày (2026-03-31); số viết không có dấu chấm, dấu phẩy; true/false cho có/không.",
      "Dates are year-month-day (2026-03-31); numbers without separators; true/false for yes/no.")
_kind("not-in-list", "error",
      "Giá trị “{value}” của trường “{field}” không thuộc danh mục cho phép.",
      "Value “{value}” of field “{field}” is not one of the allowed values.",
      "Chọn một trong các giá trị: {detail}.",
      "Use one of: {detail}.")
_kind("bad-format", "error",
      "Giá trị “{value}” của trường “{field}” không đúng định dạng ({detail}).",
      "Value “{value}” of field “{field}” does not match the format ({detail}).",
      "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ xa-thien-tan-2026-001.",
      "Ids use lower-case letters without accents, digits and hyphens, e.g. xa-thien-tan-2026-001.")
_kind("out-of-range", "error",
      "Giá trị “{value}” của trường “{field}” vượt giới hạn ({detail}).",
      "Value “{value}” of field “{field}” is out of range ({limit_en}).",
      "Kiểm tra lại giá trị; văn bản dài thì tóm tắt hoặc đính kèm tệp PDF.",
      "Check the value; summarise long text or attach a PDF.")
_kind("duplicate-id", "error",
      "Mã “{value}” đã được dùng cho hồ sơ khác ({detail}).",
      "Id “{value}” is already used by another record ({detail}).",
      "Mỗi mã chỉ dùng cho một hồ sơ: giữ mã cho hồ sơ đã công bố trước, đặt cho hồ sơ mới một mã chưa dùng "
      "(thường tăng số thứ tự cuối) và đổi tên tệp theo mã đó.",
      "An id belongs to one record: keep it on the record published first, give the new record an unused id "
      "(usually the next number) and rename its file after it.")
_kind("id-unit-prefix", "error",
      "Mã hồ sơ “{value}” không bắt đầu bằng mã đơn vị “{detail}-” của thư mục chứa nó.",
      "Record id “{value}” does not start with the code “{detail}-” of the unit folder holding it.",
      "Đặt mã dạng {detail}-<năm>-<số thứ tự>, ví dụ {detail}-2026-001 (hồ sơ chép từ đơn vị khác phải đổi mã), "
      "rồi đổi tên tệp theo mã mới.",
      "Use an id of the form {detail}-<year>-<number>, e.g. {detail}-2026-001 (a record copied from another unit "
      "needs a new id), and rename the file after it.")
_kind("unknown-reference", "error",
      "Trường “{field}” trỏ tới “{value}” nhưng không có {detail} nào mang mã này.",
      "Field “{field}” points to “{value}” but no {detail} has that id.",
      "Sửa lại mã cho đúng (xem danh sách trên cổng), hoặc thêm hồ sơ đó trước.",
      "Correct the id (see the lists on the portal) or add that record first.")

# --- rules a schema cannot express ---------------------------------------------------------
_kind("date-order", "error",
      "Ngày “{field}” ({value}) sớm hơn “{detail}”.",
      "Date “{field}” ({value}) is before “{detail}”.",
      "Kiểm tra lại hai ngày; thứ tự đúng là nhận → tiếp nhận → (gia hạn) → giải trình.",
      "Check both dates; the order is received → accepted → (extended) → answered.")
_kind("date-in-future", "error",
      "Ngày “{field}” ({value}) ở sau ngày tính số liệu {detail}.",
      "Date “{field}” ({value}) is after the as-of date {detail}.",
      "Sự việc chưa xảy ra thì chưa ghi ngày; sửa lỗi gõ năm hoặc tháng.",
      "Do not record events that have not happened; check the year and month.")
_kind("inconsistent-status", "error",
      "Các trường của hồ sơ mâu thuẫn nhau: {detail}.",
      "The record's fields contradict each other: {detail}.",
      "Một yêu cầu hoặc được tiếp nhận, hoặc bị từ chối; đã giải trình thì phải có nội dung và người giải trình.",
      "A request is either accepted or refused; an answer needs its text and who gave it.")
_kind("missing-companion", "error",
      "Có “{field}” nhưng thiếu “{detail}”.",
      "“{field}” is given but “{detail}” is missing.",
      "Điền trường còn thiếu, ví dụ lý do từ chối, lý do gia hạn, nội dung giải trình.",
      "Fill in the missing field, e.g. the reason or the answer text.")
_kind("wrong-unit-folder", "error",
      "Hồ sơ của đơn vị “{value}” lại nằm trong thư mục “{detail}”.",
      "The record of unit “{value}” is in folder “{detail}”.",
      "Chuyển tệp vào thư mục data/{value}/ hoặc sửa trường unit.",
      "Move the file to data/{value}/ or correct the unit field.")
_kind("id-not-filename", "error",
      "Mã hồ sơ “{value}” khác tên tệp “{detail}”.",
      "Record id “{value}” differs from the file name “{detail}”.",
      "Đổi tên tệp thành {value}.yaml, hoặc sửa trường id cho trùng tên tệp.",
      "Rename the file to {value}.yaml or correct the id.")


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the data: where (path, line, field), what (code) and the facts."""

    path: str
    line: int
    code: str
    field: str = ""
    value: str = ""
    detail: str = ""
    resource: str = ""
    extra: tuple[tuple[str, str], ...] = dataclasses.field(default=(), compare=False)

    @property
    def kind(self) -> Kind:
        return CATALOGUE[self.code]

    @property
    def is_error(self) -> bool:
        return self.kind.severity == "error"

    def message(self, lang: str = "vi") -> str:
        kind = self.kind
        facts = {"field": self.field, "value": _short(self.value), "detail": self.detail,
                 "resource": self.resource, **dict(self.extra)}
        text = (kind.vi if lang == "vi" else kind.en).format_map(_Blank(facts))
        hint = (kind.hint_vi if lang == "vi" else kind.hint_en).format_map(_Blank(facts))
        return f"{text} {'Cách sửa' if lang == 'vi' else 'Fix'}: {hint}"

    def line_text(self, lang: str = "vi") -> str:
        return f"{self.path}:{self.line}: {self.code}: {self.message(lang)}"

    def as_dict(self, lang: str = "vi") -> dict[str, object]:
        return {"path": self.path, "line": self.line, "code": self.code,
                "severity": self.kind.severity, "field": self.field, "value": self.value,
                "message": self.message(lang)}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)

_kind("no-rule", "error",
      "Không có quy định về thời hạn nào có hiệu lực vào ngày {value}.",
      "No deadline rule is in force on {value}.",
      "Kiểm tra ngày nhận, hoặc bổ sung bộ quy định có effective_from phù hợp trong data/rules.yaml.",
      "Check the date received, or add a rule with a suitable effective_from to data/rules.yaml.")

# --- the accountability clock: rules.yaml, calendar.yaml and the dates of a request ----------
# (generator/settings.py reads the rules and the calendar; generator/checks.py, section
# "the legal clock", checks each explanation's dates against them.)
_kind("rules-missing-field", "error",
      "Bộ quy định thứ {value} thiếu trường bắt buộc “{field}”.",
      "Rule number {value} is missing the required field “{field}”.",
      "Mỗi bộ quy định cần đủ: id, effective_from, accept_working_days, answer_days, answer_day_kind, "
      "extension_max_days, max_extensions (xem ví dụ ở đầu data/rules.yaml).",
      "Each rule needs id, effective_from, accept_working_days, answer_days, answer_day_kind, "
      "extension_max_days and max_extensions (see the example at the top of data/rules.yaml).")
_kind("rules-unknown-field", "error",
      "Bộ quy định thứ {value} có trường lạ “{field}”.",
      "Rule number {value} has an unknown field “{field}”.",
      "Kiểm tra chính tả tên trường; các trường hợp lệ: {detail}.",
      "Check the spelling; the valid fields are: {detail}.")
_kind("rules-bad-kind", "error",
      "Cách tính ngày “{value}” ở trường “{field}” không hợp lệ.",
      "Day kind “{value}” in field “{field}” is not valid.",
      "Ghi calendar (ngày theo lịch, như Nghị định 59/2019/NĐ-CP) hoặc working (ngày làm việc).",
      "Write calendar (calendar days, as in Decree 59/2019) or working (working days).")
_kind("rules-overlap", "error",
      "Hai bộ quy định cùng có hiệu lực từ ngày {value} ({detail}): không xác định được bộ nào áp dụng.",
      "Two rules take effect on the same day {value} ({detail}): it is unclear which one applies.",
      "Mỗi bộ quy định bắt đầu từ một ngày khác nhau; bộ mới thay bộ cũ từ ngày effective_from của nó. "
      "Sửa ngày hoặc xóa bộ bị trùng.",
      "Each rule starts on its own day; a newer rule replaces the older one from its effective_from. "
      "Correct the date or delete the duplicate.")
_kind("rules-duplicate-id", "error",
      "Mã bộ quy định “{value}” được dùng hai lần (lần đầu ở dòng {detail}).",
      "Rule id “{value}” is used twice (first on line {detail}).",
      "Đặt cho mỗi bộ quy định một mã riêng, ví dụ nd-59-2019, nd-moi-2026.",
      "Give each rule its own id, e.g. nd-59-2019, nd-new-2026.")
_kind("calendar-unconfirmed", "warning",
      "Ngày “{field}” ({value}) thuộc năm {detail}, năm chưa được xác nhận trong lịch ngày nghỉ data/calendar.yaml.",
      "Date “{field}” ({value}) falls in {detail}, a year data/calendar.yaml has not confirmed.",
      "Khi có thông báo lịch nghỉ lễ, hoán đổi ngày làm việc năm {detail}, bổ sung ngày nghỉ, ngày làm bù "
      "vào data/calendar.yaml rồi thêm {detail} vào confirmed_years. Đến lúc đó, thời hạn tính theo lịch mặc định.",
      "When the holiday schedule and day swaps of {detail} are announced, add them to data/calendar.yaml and "
      "add {detail} to confirmed_years. Until then deadlines use the default calendar.")
_kind("calendar-day-unsourced", "error",
      "Ngày {value} ({detail}) thuộc năm đã xác nhận trong confirmed_years nhưng chưa có căn cứ pháp lý.",
      "Day {value} ({detail}) falls in a confirmed year but has no legal basis.",
      "Ghi ngày này trong data/calendar.yaml với source (mã văn bản trong data/legal-sources.yaml) và article "
      "(điều, khoản); nếu ngày đó không phải ngày nghỉ, ghi nó vào removed kèm lý do; hoặc bỏ năm này khỏi "
      "confirmed_years cho đến khi xác minh xong.",
      "Add this day to data/calendar.yaml with source (an id in data/legal-sources.yaml) and article; if it is not "
      "a day off, list it under removed with the reason; or take the year out of confirmed_years until it is verified.")
_kind("date-outside-calendar", "error",
      "Ngày “{field}” ({value}) nằm ngoài phạm vi của lịch ngày nghỉ ({detail}).",
      "Date “{field}” ({value}) is outside the range of the holiday calendar ({detail}).",
      "Kiểm tra lỗi gõ năm; thời hạn không tính được cho ngày ngoài phạm vi lịch.",
      "Check the year for a typo; deadlines cannot be computed outside the calendar's range.")
_kind("extension-too-long", "error",
      "Gia hạn {value} ngày, vượt mức tối đa {detail} ngày của quy định “{rule}”.",
      "The extension of {value} days exceeds the {detail} days allowed by rule “{rule}”.",
      "Ghi đúng số ngày trong văn bản gia hạn; quy định chỉ cho gia hạn tối đa {detail} ngày.",
      "Write the number of days in the extension notice; the rule allows at most {detail} days.")
_kind("extension-too-late", "error",
      "Ngày gia hạn {value} ở sau hạn giải trình ban đầu {detail}.",
      "The extension on {value} comes after the original answer deadline {detail}.",
      "Quy tắc thực hành của cổng, không phải quy định của Nghị định: Điều 13 Nghị định 59/2019/NĐ-CP cho gia hạn "
      "một lần và phải thông báo bằng văn bản, cổng chỉ ghi nhận gia hạn thông báo trước khi hết hạn ban đầu. "
      "Kiểm tra lại ngày gia hạn; nếu gia hạn sau khi đã hết hạn, xóa extended_on, extension_days.",
      "The portal's practice, not a rule of the decree: Art. 13 of Decree 59/2019 allows one extension notified in "
      "writing; the portal records an extension only if notified before the original deadline. Check extended_on; "
      "if it came after the deadline, remove extended_on and extension_days.")
_kind("extension-not-allowed", "error",
      "Hồ sơ có gia hạn nhưng quy định “{rule}” không cho phép gia hạn (max_extensions: 0).",
      "The record has an extension but rule “{rule}” allows none (max_extensions: 0).",
      "Xóa extended_on, extension_days, extension_reason; hoặc kiểm tra lại ngày nhận yêu cầu.",
      "Remove extended_on, extension_days and extension_reason, or check the date received.")
_kind("answer-before-acceptance", "error",
      "Ngày giải trình {value} sớm hơn ngày thông báo tiếp nhận {detail}.",
      "The answer on {value} is dated before the acceptance notice on {detail}.",
      "Giải trình chỉ ban hành sau khi đã thông báo tiếp nhận; kiểm tra lại hai ngày answered_on, accepted_on.",
      "An answer follows the acceptance notice; check answered_on and accepted_on.")
_kind("suspension-open", "error",
      "Hồ sơ có “{field}” ({value}) nhưng việc tạm đình chỉ từ ngày {detail} chưa có ngày tiếp tục.",
      "The record has “{field}” ({value}) but the suspension from {detail} has no resumption date.",
      "Thêm dòng “resumed_on: năm-tháng-ngày” là ngày tiếp tục giải trình.",
      "Add a line “resumed_on: year-month-day” with the day the process resumed.")
_kind("suspension-too-late", "error",
      "Ngày tạm đình chỉ {value} ở sau hạn giải trình {detail}: thời gian tạm đình chỉ không được trừ khi đã quá hạn.",
      "The suspension on {value} comes after the answer deadline {detail}: a suspension cannot stop a clock that has run out.",
      "Kiểm tra lại ngày tạm đình chỉ; nếu đúng là tạm đình chỉ sau khi quá hạn, xóa suspended_on, resumed_on "
      "và ghi việc này trong nội dung giải trình.",
      "Check suspended_on; if the suspension really came after the deadline, remove suspended_on and resumed_on "
      "and mention it in the answer.")
_kind("reporting-period", "error",
      "Kỳ báo cáo “{value}” không đúng dạng.",
      "The reporting period “{value}” does not parse.",
      "Ghi năm (2026) cho báo cáo năm, hoặc năm-H1 (2026-H1) cho báo cáo 6 tháng đầu năm.",
      "Write a year (2026) for the annual report or year-H1 (2026-H1) for the first half.")

# --- safety: personal data, links, attachments (generator/privacy.py, generator/attachments.py) ---
_kind("personal-id", "error",
      "Trường “{field}” chứa số giống số định danh cá nhân/CCCD, CMND hoặc hộ chiếu ({value}).",
      "Field “{field}” holds what looks like a personal ID, old ID card or passport number ({value}).",
      "Xóa số giấy tờ tùy thân khỏi hồ sơ công khai (thay bằng “[đã lược bỏ]”); không công bố số định danh của cá nhân.",
      "Remove the identity-document number from the public record (write “[đã lược bỏ]” instead).")
_kind("personal-phone", "error",
      "Trường “{field}” chứa số điện thoại không phải số chính thức của đơn vị ({value}).",
      "Field “{field}” holds a phone number that is not a unit's official number ({value}).",
      "Xóa số điện thoại cá nhân (thay bằng “[đã lược bỏ]”); số đường dây nóng của đơn vị phải có trong data/units.csv.",
      "Remove the private phone number (write “[đã lược bỏ]”); a unit's hotline must be listed in data/units.csv.")
_kind("personal-email", "error",
      "Trường “{field}” chứa địa chỉ thư điện tử không thuộc tên miền chính thức ({value}).",
      "Field “{field}” holds an e-mail address outside the official domains ({value}).",
      "Xóa địa chỉ thư điện tử cá nhân (thay bằng “[đã lược bỏ]”); chỉ ghi địa chỉ của đơn vị (có trong units.csv hoặc đuôi {domains}).",
      "Remove the private e-mail address (write “[đã lược bỏ]”); only a unit's address (in units.csv or under {domains}) may appear.")
_kind("requester-not-masked", "error",
      "Tên viết tắt người yêu cầu “{value}” không ở dạng đã che (ví dụ “Ông N.V.A.”).",
      "Requester initials “{value}” are not masked (e.g. “Ông N.V.A.”).",
      "Chỉ ghi danh xưng và chữ cái đầu có dấu chấm: “Ông N.V.A.”, “Bà T.T.B.”, “Anh H.”, “Chị L.T.”; hoặc bỏ trường này.",
      "Write only a form of address and initials with dots: “Ông N.V.A.”, “Bà T.T.B.”, “Anh H.”, “Chị L.T.”; or drop the field.")
_kind("personal-name", "error",
      "Trường “{field}” chứa họ tên của một cá nhân ({value}).",
      "Field “{field}” holds the name of a private person ({value}).",
      "Ghi danh xưng và chữ cái đầu, ví dụ “Ông {value}”, thay cho họ tên. Nếu là cán bộ được nêu tên theo "
      "chức vụ công, khai báo trong trường named_officials của hồ sơ: “Họ và tên (chức vụ)”, các người cách nhau bằng dấu “;”.",
      "Write a form of address and initials, e.g. “Ông {value}”, instead of the name. If this is an official named "
      "in a public role, declare it in the record's named_officials field: “Full name (position)”, separated by “;”.")
_kind("personal-birth", "error",
      "Trường “{field}” chứa ngày hoặc năm sinh của một cá nhân ({value}).",
      "Field “{field}” holds the birth date or year of a person ({value}).",
      "Xóa ngày, năm sinh (thay bằng “[đã lược bỏ]”); nếu tuổi có ý nghĩa cho nội dung, ghi chung như “người cao tuổi”.",
      "Remove the birth date or year (write “[đã lược bỏ]”); if age matters, write a group such as “người cao tuổi”.")
_kind("personal-address", "error",
      "Trường “{field}” chứa địa chỉ nơi ở của một cá nhân ({value}).",
      "Field “{field}” holds the home address of a person ({value}).",
      "Xóa nơi ở, số nhà, tên đường của người dân (thay bằng “[đã lược bỏ]”); nếu cần nêu nơi phát sinh sự việc, "
      "chỉ ghi địa bàn (thôn, tổ dân phố, xã) mà không gắn với người.",
      "Remove the person's residence, house number and street (write “[đã lược bỏ]”); to say where the matter arose, "
      "name the area (village, ward) without tying it to the person.")
_kind("personal-bank", "error",
      "Trường “{field}” chứa số tài khoản ngân hàng của cá nhân ({value}).",
      "Field “{field}” holds a personal bank account number ({value}).",
      "Xóa số tài khoản (thay bằng “[đã lược bỏ]”). Tài khoản của cơ quan nhà nước mở tại Kho bạc Nhà nước "
      "thì ghi kèm “Kho bạc Nhà nước” hoặc “của UBND …”.",
      "Remove the account number (write “[đã lược bỏ]”). A public body's account at the State Treasury is written "
      "with “Kho bạc Nhà nước” or “của UBND …” beside it.")
_kind("personal-plate", "error",
      "Trường “{field}” chứa biển số xe gắn với một cá nhân ({value}).",
      "Field “{field}” holds a vehicle plate tied to a person ({value}).",
      "Xóa biển số (thay bằng “[đã lược bỏ]”) hoặc chỉ ghi loại phương tiện (xe máy, xe ô tô); biển số xe công "
      "thì ghi rõ “xe công” hoặc “xe của UBND …”.",
      "Remove the plate (write “[đã lược bỏ]”) or name only the kind of vehicle; for a public vehicle write "
      "“xe công” or “xe của UBND …”.")
_kind("sensitive-data", "warning",
      "Trường “{field}” có thể chứa dữ liệu cá nhân nhạy cảm về {detail} (“{value}”).",
      "Field “{field}” may hold sensitive personal data about {detail} (“{value}”).",
      "Dữ liệu về sức khỏe, tôn giáo, dân tộc, tiền án, tiền sự của một người là dữ liệu nhạy cảm (Nghị định "
      "356/2025/NĐ-CP): xóa nếu câu này nói về người yêu cầu hoặc một cá nhân; giữ nếu chỉ nói về chính sách chung.",
      "Health, religion, ethnicity and criminal records of a person are sensitive data (Decree 356/2025): remove "
      "them if the sentence is about the requester or another person; keep them if it is about a general policy.")
_kind("named-official-format", "error",
      "Mục “{value}” của trường “{field}” không ở dạng “Họ và tên (chức vụ)”.",
      "Item “{value}” of field “{field}” is not written “Full name (position)”.",
      "Mỗi cán bộ một mục, cách nhau bằng dấu “;”, ví dụ “Nguyễn Văn A (Chủ tịch UBND xã); Trần Thị B (Phó Chủ tịch "
      "UBND xã)”. Chỉ khai báo người được nêu tên theo chức vụ công, không khai báo người dân.",
      "One official per item, separated by “;”, e.g. “Nguyễn Văn A (Chủ tịch UBND xã); Trần Thị B (Phó Chủ tịch "
      "UBND xã)”. Declare only people named in a public role, never citizens.")
_kind("unsafe-link", "error",
      "Trường “{field}” chứa liên kết không được phép “{value}”.",
      "Field “{field}” holds a link that is not allowed “{value}”.",
      "Liên kết chỉ được bắt đầu bằng https:// hoặc http:// và không chứa dấu cách, dấu nháy, dấu < >.",
      "Links may only start with https:// or http:// and hold no spaces, quotes or < >.")
_kind("attachment-path", "error",
      "Tệp đính kèm “{value}” không hợp lệ: {detail}.",
      "Attachment “{value}” is not valid: {detail}.",
      "Ghi dạng tep/<tên tệp>.pdf; tên tệp chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới; tệp đặt trong data/<mã đơn vị>/tep/.",
      "Write tep/<file name>.pdf; the name uses letters without accents, digits, dots, hyphens, underscores; the file lives in data/<unit>/tep/.")
_kind("attachment-missing", "error",
      "Không tìm thấy tệp đính kèm “{value}” (cần có tệp {detail}).",
      "Attachment “{value}” not found (expected the file {detail}).",
      "Thêm tệp vào đúng thư mục hoặc sửa tên tệp trong hồ sơ cho khớp (phân biệt chữ hoa, chữ thường).",
      "Add the file in that folder or correct its name in the record (case matters).")
_kind("attachment-type", "error",
      "Tệp đính kèm “{value}” không đúng loại cho phép ({detail}).",
      "Attachment “{value}” is not an allowed type ({detail}).",
      "Chỉ đính kèm tệp {allowed}; xuất văn bản đã ký ra PDF rồi đính kèm lại.",
      "Only {allowed} files are allowed; export the signed document to PDF and attach it again.")
_kind("attachment-too-large", "error",
      "Tệp đính kèm “{value}” quá lớn ({detail} byte, tối đa {limit} byte).",
      "Attachment “{value}” is too large ({detail} bytes, at most {limit}).",
      "Nén hoặc quét lại văn bản với độ phân giải thấp hơn (150 dpi, đen trắng).",
      "Compress it or rescan at a lower resolution (150 dpi, black and white).")
_kind("attachment-unreadable", "error",
      "Không đọc được tệp đính kèm “{value}” như một tệp PDF: {detail}.",
      "Attachment “{value}” cannot be read as a PDF: {detail}.",
      "Mở thử tệp trên máy. Tệp hỏng hoặc tải lên dở dang: xuất lại PDF từ văn bản gốc (hoặc quét lại bản giấy) rồi "
      "đính kèm lại. Tệp có mật khẩu mở: lưu lại bản không đặt mật khẩu; văn bản công khai không cần mật khẩu.",
      "Open the file on your computer. If it is damaged or was uploaded halfway, export the PDF again from the "
      "original (or rescan the paper) and attach it again; if it needs a password to open, save a copy without one.")
_kind("attachment-active-content", "error",
      "Tệp đính kèm “{value}” chứa thành phần không phải văn bản, có thể chạy mã hoặc gửi dữ liệu ra ngoài: {detail}.",
      "Attachment “{value}” carries more than a document, content that can run code or send data out: {detail}.",
      "In lại văn bản ra PDF (Windows: Tệp → In → chọn máy in “Microsoft Print to PDF”; hoặc mở trong trình duyệt "
      "và chọn In → Lưu dưới dạng PDF), hoặc xuất lại từ Word bằng Tệp → Lưu thành → PDF; ký số lại nếu cần rồi "
      "đính kèm tệp mới. Không đính kèm biểu mẫu điền được, tệp có tệp khác gói bên trong hay nút bấm, mã lệnh.",
      "Print the document to PDF again (Windows: File → Print → “Microsoft Print to PDF”, or a browser's Print → "
      "Save as PDF), or export it again from Word (File → Save As → PDF); sign it again if needed and attach the "
      "new file. Do not attach fillable forms, files with other files inside, buttons or scripts.")
_kind("attachment-metadata-personal", "error",
      "Thuộc tính “{property}” của tệp đính kèm “{value}” chứa {detail}.",
      "Property “{property}” of attachment “{value}” holds personal data: {detail}.",
      "Xóa thông tin cá nhân khỏi thuộc tính của tệp gốc rồi xuất lại PDF: trong Word chọn Tệp → Thông tin → "
      "Kiểm tra vấn đề → Kiểm tra tài liệu → “Xóa tất cả” ở mục Thuộc tính tài liệu và thông tin cá nhân; hoặc in "
      "lại ra PDF (Microsoft Print to PDF). Tệp gốc nằm trong kho dữ liệu công khai, nên phải sửa cả khi cổng xóa "
      "thuộc tính ở bản đăng.",
      "Remove the personal data from the original file's properties and export the PDF again (Word: File → Info → "
      "Check for Issues → Inspect Document → Remove All under Document Properties and Personal Information), or "
      "print it to PDF again. The original is in the public data repository: fix it even when the portal strips "
      "the published copy.")
_kind("attachment-metadata-sensitive", "warning",
      "Thuộc tính “{property}” của tệp đính kèm “{value}” có thể chứa thông tin nhạy cảm: {detail}.",
      "Property “{property}” of attachment “{value}” may hold sensitive data: {detail}.",
      "Kiểm tra thuộc tính của tệp (trong trình đọc PDF: Tệp → Thuộc tính); nếu đúng là thông tin của một người, "
      "xóa khỏi tệp gốc rồi xuất lại PDF.",
      "Check the file's properties (in a PDF reader: File → Properties); if it is about a person, remove it from "
      "the original and export the PDF again.")
_kind("attachment-metadata-author", "warning",
      "Tác giả ghi trong thuộc tính “{property}” của tệp đính kèm “{value}” có vẻ là tên một cá nhân ({detail}).",
      "The author in property “{property}” of attachment “{value}” looks like a private person's name ({detail}).",
      "Trước khi xuất PDF, ghi tên đơn vị làm tác giả hoặc xóa tác giả (Word: Tệp → Thông tin → Thuộc tính → "
      "Tác giả). Cổng tự xóa thuộc tính ở bản đăng khi data/portal.yaml có strip_pdf_metadata: true, trừ tệp có "
      "chữ ký số (xóa sẽ làm hỏng chữ ký).",
      "Before exporting the PDF, write the unit's name as author or remove it (Word: File → Info → Properties → "
      "Author). The portal strips the published copy when data/portal.yaml has strip_pdf_metadata: true, except "
      "for signed files (stripping would break the signature).")

# --- legal sources: data/legal-sources.yaml and the citations of it (generator/legal.py) -----------
_kind("legal-source-unknown", "error",
      "Trường “{field}” trích dẫn văn bản mã “{value}” nhưng danh mục data/legal-sources.yaml không có mã này.",
      "Field “{field}” cites the document “{value}”, which data/legal-sources.yaml does not list.",
      "Sửa mã cho đúng với một mã (id) trong data/legal-sources.yaml, hoặc thêm văn bản đó vào danh mục kèm số hiệu, "
      "ngày ban hành, ngày có hiệu lực và đường dẫn công khai.",
      "Correct the id to one in data/legal-sources.yaml, or add that document to the registry with its number, "
      "dates and public link.")
_kind("legal-document-unknown", "error",
      "Trường “{field}” nhắc tới văn bản số “{value}” nhưng văn bản này chưa có trong danh mục data/legal-sources.yaml.",
      "Field “{field}” names the document “{value}”, which data/legal-sources.yaml does not list.",
      "Thêm văn bản vào data/legal-sources.yaml (số hiệu đúng như trên văn bản), hoặc sửa số hiệu cho khớp với danh mục. "
      "Trên trang nội dung, nên trích dẫn bằng mã: [[mã-văn-bản, Điều …]].",
      "Add the document to data/legal-sources.yaml (its number exactly as printed) or correct the number. On a "
      "content page, cite it by id: [[document-id, Điều …]].")
_kind("legal-source-dates", "error",
      "Ngày của văn bản “{value}” không hợp lý ở trường “{field}”: {detail}.",
      "The dates of document “{value}” do not fit at field “{field}”: {detail}.",
      "Đối chiếu lại với văn bản: ngày ban hành ≤ ngày có hiệu lực < ngày hết hiệu lực; văn bản hết hiệu lực ghi "
      "status: repealed, repealed_on và repealed_by.",
      "Check against the document: signed ≤ in force < repealed; a repealed document has status: repealed, "
      "repealed_on and repealed_by.")
