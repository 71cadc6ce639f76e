"""`giaitrinh validate --explain CODE`: one entry of the error catalogue, as the clerk reads it,
with a realistic example in place of each placeholder (or the placeholder said in words);
`--explain all` lists every code."""

from __future__ import annotations

import difflib

from .catalogue import CATALOGUE, PLACEHOLDERS

SEVERITY = {"error": ("lỗi: chặn xuất bản", "error: stops publication"),
            "warning": ("cảnh báo: vẫn xuất bản", "warning: publication goes ahead")}
ALL = "all"
# A realistic value where one fits every message that uses the placeholder; the others are said
# in words (PLACEHOLDERS without the ‹ › marks).
EXAMPLES = {"field": "received_on", "resource": "Yêu cầu giải trình", "rule": "nd-59-2019",
            "sheet": "Yêu cầu giải trình", "row": "12", "column": "Ngày nhận yêu cầu", "domains": ".gov.vn",
            "allowed": ".pdf", "property": "Author", "value": "giá trị đang ghi",
            "detail": "chi tiết của trường hợp cụ thể", "limit": "giới hạn cho phép"}
TEXT = {"field": "answer"}  # the privacy codes find things in free text
SAMPLES = {
    "control-character": TEXT, "unknown-field": {"field": "recieved_on", "guess": "received_on"},
    "missing-value": {"guess": "recieved_on"},
    "wrong-type": {"value": "15 ngày", "field": "extension_days", "detail": "số nguyên"},
    "not-in-list": {"value": "Doanh nghiệp", "field": "requester_type", "guess": "business", "guess_label": "Doanh nghiệp",
                    "detail": "citizen, organisation, business, press, elected_body"},
    "bad-format": {"value": "2026-11-31"}, "date-order": {"value": "01/11/2026"}, "date-in-future": {"value": "02/12/2027"},
    "non-working-day": {"field": "accepted_on", "value": "22/11/2026"}, "no-rule": {"value": "01/01/2019"},
    "extension-too-long": {"value": "20"}, "duplicate-id": {"value": "xa-thien-tan-2026-006"},
    "id-unit-prefix": {"value": "xa-huu-lung-2026-004"}, "id-not-filename": {"value": "xa-thien-tan-2026-006"},
    "wrong-unit-folder": {"value": "xa-huu-lung"}, "reporting-period": {"value": "Quý 4/2026"},
    "personal-id": {**TEXT, "value": "001085012345"}, "personal-phone": {**TEXT, "value": "0912 345 678"},
    "personal-email": {**TEXT, "value": "nguyenvana@gmail.com"}, "personal-name": {**TEXT, "value": "Nguyễn Văn An"},
    "personal-birth": {**TEXT, "value": "sinh năm 1975"}, "personal-address": {**TEXT, "value": "số 12 ngõ 5 thôn Đông"},
    "personal-bank": {**TEXT, "value": "0123456789012"}, "personal-plate": {**TEXT, "value": "12A-345.67"},
    "sensitive-data": TEXT, "requester-not-masked": {"value": "Nguyễn Văn An"},
    "named-official-format": {"field": "answered_by", "value": "Ông Hùng"},
    "unsafe-link": {**TEXT, "value": "javascript:alert(1)"},
    "legal-source-unknown": {"field": "sources", "value": "nd-59-2091"},
    "legal-document-unknown": {**TEXT, "value": "59/2019/NĐ-CP"},
    "attachment-path": {"value": "../tep/giai-trinh.pdf"}, "attachment-missing": {"value": "tep/giai-trinh-006.pdf"},
    "attachment-type": {"value": "tep/giai-trinh-006.docx"}, "attachment-too-large": {"value": "tep/giai-trinh-006.pdf"},
    "attachment-unreadable": {"value": "tep/giai-trinh-006.pdf"},
    "attachment-active-content": {"value": "tep/giai-trinh-006.pdf"},
    "attachment-metadata-personal": {"value": "tep/giai-trinh-006.pdf"},
    "attachment-metadata-sensitive": {"value": "tep/giai-trinh-006.pdf"},
    "attachment-metadata-author": {"value": "tep/giai-trinh-006.pdf"},
    "sheet-not-workbook": {"value": "nhap-lieu.docx"}, "sheet-empty": {"value": "nhap-lieu.xlsx"},
    "sheet-date": {"value": "31/11/2026"}, "sheet-date-ambiguous": {"value": "03/12/26"},
    "sheet-number": {"value": "mười lăm"}, "sheet-label": {"value": "Doanh nghiep", "column": "Người yêu cầu", "detail": ""},
    "sheet-merged": {"value": "B12:D12"}, "sheet-duplicate-id": {"value": "xa-thien-tan-2026-007"},
}


def explain(code: str, lang: str = "vi") -> tuple[bool, str]:
    """(found, text): the catalogue entry of `code`; for an unknown code the nearest codes and
    how to list them all; for `all` the list of every code."""
    wanted = code.strip().lower()
    vi = lang == "vi"
    if wanted == ALL:
        return True, _all(vi)
    kind = CATALOGUE.get(wanted)
    if kind is None:
        guesses = difflib.get_close_matches(wanted, list(CATALOGUE), n=3, cutoff=0.6)
        lines = [f"Không có mã lỗi “{code}”." if vi else f"There is no problem code “{code}”."]
        if guesses:
            named = ", ".join(f"“{g}”" for g in guesses)
            lines.append(f"Có phải {named}?" if vi else f"Did you mean {named}?")
        lines.append("Xem mọi mã lỗi: giaitrinh validate --explain all, hoặc trang “Danh mục lỗi” của cổng "
                     "(huong-dan/danh-muc-loi/)." if vi else
                     "Every code: giaitrinh validate --explain all, or the portal page “Danh mục lỗi” "
                     "(huong-dan/danh-muc-loi/).")
        return False, "\n".join(lines) + "\n"
    example = _Example(SAMPLES.get(kind.code, {}))
    message, hint = ((kind.vi.format_map(example), kind.hint_vi.format_map(example)) if vi else
                     (kind.en.format_map(example), kind.hint_en.format_map(example)))
    lines = [f"{kind.code} ({SEVERITY[kind.severity][0 if vi else 1]})", message,
             f"{'Cách sửa' if vi else 'Fix'}: {hint}"]
    cases = [(hint_vi if vi else hint_en).format_map(example) for _, hint_vi, hint_en in kind.cases]
    lines += [f"{'Trường hợp riêng' if vi else 'In particular'}: {text}" for text in cases]
    if kind.example:
        lines.append(f"{'Ví dụ sửa' if vi else 'Example fix'}: {kind.example}")
    return True, "\n".join(lines) + "\n"


def _all(vi: bool) -> str:
    lines = ["Các mã lỗi (giaitrinh validate --explain MÃ để xem một mã):" if vi else
             "The problem codes (giaitrinh validate --explain CODE for one):"]
    lines += [f"  {c} ({SEVERITY[CATALOGUE[c].severity][0 if vi else 1]})" for c in sorted(CATALOGUE)]
    return "\n".join(lines) + "\n"


class _Example(dict):
    """A placeholder's example value, or what it stands for in words; one the catalogue does not
    name stays as {name}."""

    def __missing__(self, key: str) -> str:
        base = key[:-3] if key.endswith("_en") else key
        if base in EXAMPLES:
            return EXAMPLES[base]
        return PLACEHOLDERS.get(base, "{" + key + "}").strip("‹›")
