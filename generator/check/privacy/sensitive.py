"""Sensitive personal data (Nghị định 356/2025/NĐ-CP): bank accounts and vehicle plates, found by
their shape and reported as errors; health, religion, ethnicity and criminal records, found by
a short word list and reported as warnings, since the same words also describe public policy
(“đồng bào dân tộc thiểu số”, “Bệnh viện”), which a reviewer tells apart better than a pattern.

The word list (SENSITIVE_WORDS) is deliberately short and only holds phrases that tie the
category to someone: “mắc bệnh”, “theo đạo”, “là người dân tộc”, “có tiền án”. Add a phrase
there, with a test in tests/test_privacy.py, when clerks are found to write another one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import Hit, clause_before

# --- bank accounts ----------------------------------------------------------------------------
_ACCOUNT = r"\d(?:[ .\-]?\d){7,18}"  # 8 to 19 digits: every Vietnamese bank's account length
_BANKS = (r"Vietcombank|VCB|BIDV|Agribank|VietinBank|Vietinbank|Techcombank|TCB|MB\s?Bank|MBBank|MB|ACB"
          r"|Sacombank|VPBank|TPBank|SHB|HDBank|VIB|OCB|SeABank|Eximbank|MSB|LPBank|LienVietPostBank|SCB|ABBank"
          r"|Kienlongbank|PVcomBank|BaoVietBank|VietABank|NCB|Saigonbank|OceanBank|GPBank|CBBank|Nam A Bank"
          r"|Bac A Bank|BacABank|Shinhan|(?i:ngân\s+hàng)(?:\s+[^\W\d_]+){1,6}")
BANK = re.compile(
    rf"(?<!\w)(?:(?i:số\s+tài\s+khoản|tài\s+khoản(?:\s+ngân\s+hàng)?|tk)(?:\s+(?i:số))?|STK|stk)\s*:?\s*"
    rf"(?P<a>{_ACCOUNT})(?![\d])"
    rf"|(?<!\w)(?:{_BANKS})\b[^\d\n]{{0,25}}?(?P<b>{_ACCOUNT})(?![\d])")
# An account at the State Treasury (Kho bạc Nhà nước) belongs to a public body, never to a person.
_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+")
_UNIT_AFTER = re.compile(r"\s?(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn)", re.IGNORECASE)
_PUBLIC_ACCOUNT = re.compile(r"kho\s+bạc|kbnn|của\s+(?:ubnd|ủy\s+ban|cơ\s+quan|đơn\s+vị|sở|ban)", re.IGNORECASE)

# --- vehicle plates: 29A-123.45, 20B1-234.56, 29-B1 123.45, 12C-1234, 51LD 12345 --------------------
PLATE = re.compile(r"(?<![\w./\-])[1-9]\d(?:-|\s)?[A-ZĐ]{1,2}\d?(?:\s?-\s?|\s)?(?:\d{3}\.\d{2}|\d{4,5})(?![\w])")
_PUBLIC_VEHICLE = re.compile(r"xe\s+công|xe\s+(?:ô\s+tô\s+)?(?:chuyên\s+dùng\s+)?của\s+(?:ubnd|ủy\s+ban|cơ\s+quan|đơn\s+vị"
                             r"|sở|công\s+an|trung\s+tâm)|biển\s+(?:số\s+)?xanh", re.IGNORECASE)


def banks_and_plates(text: str) -> Iterator[Hit]:
    for m in BANK.finditer(text):
        group = "a" if m.group("a") else "b"
        if _AMOUNT.fullmatch(m.group(group)) or _UNIT_AFTER.match(text, m.end()):
            continue  # “Ngân hàng Chính sách xã hội giải ngân 1.200.000.000 đồng”
        around = clause_before(text, m.start()) + text[m.start(): m.end() + 40].lower()
        if _PUBLIC_ACCOUNT.search(around):
            continue
        yield Hit("personal-bank", m.start(group), m.end(group), m.group(group))
    for m in PLATE.finditer(text):
        if _PUBLIC_VEHICLE.search(clause_before(text, m.start(), 80)):
            continue
        yield Hit("personal-plate", m.start(), m.end(), m.group())


# --- special categories, as warnings ---------------------------------------------------------
SENSITIVE_WORDS = {
    "sức khỏe": r"(?:mắc|bị|nhiễm|điều\s+trị)\s+(?:bệnh|HIV|ung\s+thư|tâm\s+thần|trầm\s+cảm|viêm\s+gan)"
                r"|bệnh\s+án|HIV\s+dương\s+tính|dương\s+tính\s+với|rối\s+loạn\s+tâm\s+thần|nghiện\s+ma\s+túy"
                r"|cai\s+nghiện|khuyết\s+tật\s+(?:nặng|đặc\s+biệt\s+nặng)|mang\s+thai",
    "tôn giáo": r"theo\s+đạo|theo\s+(?:Công\s+giáo|Phật\s+giáo|Tin\s+Lành|Cao\s+Đài|Hòa\s+Hảo)|tôn\s+giáo\s*:"
                r"|là\s+(?:tín\s+đồ|giáo\s+dân|Phật\s+tử|chức\s+sắc)",
    "dân tộc": r"là\s+người\s+(?:dân\s+tộc\s+)?(?:Tày|Nùng|Dao|Mông|H'Mông|Hoa|Sán\s+Chay|Sán\s+Dìu|Thái|Mường"
               r"|Khmer|Chăm|Kinh|Giáy|Lô\s+Lô|Pà\s+Thẻn)|dân\s+tộc\s*:|thành\s+phần\s+dân\s+tộc",
    "tiền án, tiền sự": r"(?:có|còn|bị|đã)\s+(?:\d+\s+)?(?:tiền\s+án|tiền\s+sự|án\s+tích)|xóa\s+án\s+tích|(?:đã|từng|đang)\s+(?:bị\s+)?(?:kết\s+án|chấp\s+hành\s+án"
                        r"|ngồi\s+tù|đi\s+tù)|bị\s+(?:khởi\s+tố|truy\s+tố|bắt\s+tạm\s+giam|tạm\s+giam|kết\s+án|phạt\s+tù)"
                        r"|mãn\s+hạn\s+tù",
}
_CATEGORY = list(SENSITIVE_WORDS)
SENSITIVE = re.compile("|".join(f"(?P<c{i}>{words})" for i, words in enumerate(SENSITIVE_WORDS.values())),
                       re.IGNORECASE)


def special_categories(text: str) -> Iterator[Hit]:
    for m in SENSITIVE.finditer(text):
        category = _CATEGORY[int(m.lastgroup[1:])]
        yield Hit("sensitive-data", m.start(), m.end(), m.group(), detail=category)


# Every hit of special_categories contains one of these parts of its phrases (chosen to match
# both “Tiền án” and “tiền án”); the guard skips its pattern for a text that holds none.
CUES = [(w, "") for w in (
    "ệnh", "HIV", "ương tính", "âm thần", "rầm cảm", "ung thư", "iêm gan", "ghiện", "huyết tật", "g thai",
    "eo đạo", "ông giáo", "hật giáo", "ôn giáo", "in Lành", "ao Đài", "òa Hảo", "ín đồ", "iáo dân", "hật tử",
    "hức sắc", "ân tộc", "là người", "iền án", "iền sự", "n tích", "ết án", "ành án", "ồi tù", "đi tù", "ạt tù",
    "ạn tù", "hởi tố", "ruy tố", "ạm giam")]
