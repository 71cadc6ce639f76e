"""Identity-document numbers, found by their structure rather than by a list of examples.

- Số định danh cá nhân / CCCD (Luật Căn cước 2023 Điều 12; Thông tư 59/2021/TT-BCA, before it
  07/2016/TT-BCA, Điều 7 and Phụ lục I): 12 digits = the 3-digit code of the province where the
  birth was registered (PROVINCE_CODES below), one century/sex digit (0/1 for men/women born
  1900–1999, 2/3 for 2000–2099, 4/5, 6/7, 8/9 for the next centuries: every digit is defined),
  the last two digits of the birth year and a 6-digit serial. The 2025 merger of provinces
  did not renumber anyone: the codes stay those of the 63 provinces as issued.
- The old CMND: 9 digits (or 12, built like a CCCD).
- A passport: one capital letter and 7 digits (C1234567).

A 12-digit number is an identity number when it starts with a province code, whatever it is
written after; any 12- or 9-digit number is one when a cue (CCCD, căn cước, CMND, số định danh,
hộ chiếu…) stands before it in the same clause. Numbers that fill public records stay out:
amounts (a thousands group never starts with 0; “đồng”, “m2” after it), dates, document and
case numbers (short, with “/”), land-parcel numbers (short), and business tax codes (10 or
10+3 digits, never 12; since 2025 an individual's tax code *is* the 12-digit identity number,
so a 12-digit number after “mã số thuế” is still reported).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import Hit, clause_before

# Phụ lục I of Thông tư 07/2016/TT-BCA (unchanged by 59/2021/TT-BCA): the 63 province codes.
PROVINCE_CODES = frozenset({
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022",
    "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042",
    "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066",
    "067", "068", "070", "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087",
    "089", "091", "092", "093", "094", "095", "096",
})

_S = r"[ \u00a0.\-]"  # what clerks put between digit groups
_START = r"(?<![0-9A-Za-z])(?<!\d[.,])"  # not inside a longer number, nor inside a code of letters and digits
_END = r"(?![0-9A-Za-z])(?![.,]\d)"
# The spellings of a 12-digit number: in one run, by threes (020 165 001 234), by fours
# (0201 6500 1234), by sixes, and as its parts (020 1 65 001234).
TWELVE = re.compile(rf"{_START}(?:\d{{3}}{_S}?\d{{3}}{_S}?\d{{3}}{_S}?\d{{3}}|\d{{4}}{_S}\d{{4}}{_S}\d{{4}}"
                    rf"|\d{{3}}{_S}\d{_S}\d{{2}}{_S}\d{{6}}){_END}")
NINE = re.compile(rf"{_START}(?:\d{{9}}|\d{{3}}{_S}\d{{3}}{_S}\d{{3}}){_END}")
PASSPORT = re.compile(r"(?<![\w/.\-])[A-Z] ?\d{7}(?![\w/])")
# Words that say the next number is an identity-document number.
_CUE = re.compile(r"cccd|cmnd|cmt\b|căn cước|chứng minh|định danh|hộ chiếu|giấy tờ tùy thân|passport")
# Numbers that are amounts or measures, not identifiers: 120.000.000 đồng, 1 500 000 000 đ.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:[. ]\d{3})+")
_UNIT_AFTER = re.compile(r"\s?(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|m2|m²|m\b|ha\b|%|kg|tấn|lít)",
                         re.IGNORECASE)
_BUSINESS_BEFORE = re.compile(r"(?:mã số thuế|mst|mã số doanh nghiệp|mã doanh nghiệp|đăng ký kinh doanh)\W{0,12}$",
                              re.IGNORECASE)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def is_structured_id(number: str) -> bool:
    """12 digits that read as a số định danh: a province code first (the century/sex digit and
    the year that follow can be any digit, so they add no test)."""
    return len(number) == 12 and number[:3] in PROVINCE_CODES


def _amount(text: str, m: re.Match) -> bool:
    return bool(_THOUSANDS.fullmatch(m.group()) or _UNIT_AFTER.match(text, m.end()))


def twelve_digit_ids(text: str) -> Iterator[Hit]:
    """12-digit numbers: run before the phone patterns, as a landline pattern also reads a
    12-digit run starting 02 (which is how 020…, Lạng Sơn's own code, once slipped through)."""
    for m in TWELVE.finditer(text):
        if _amount(text, m):
            continue
        if is_structured_id(digits(m.group())) or _CUE.search(clause_before(text, m.start())):
            yield Hit("personal-id", m.start(), m.end(), m.group())


def nine_digit_and_passport_ids(text: str) -> Iterator[Hit]:
    """Old 9-digit CMND numbers (run after the phone patterns: a 9-digit run is no phone) and
    passports. A 9-digit number written in threes is an amount unless a cue says otherwise."""
    for m in NINE.finditer(text):
        cue = _CUE.search(clause_before(text, m.start()))
        if not cue and (_amount(text, m) or not m.group().isdigit()
                        or _BUSINESS_BEFORE.search(text[max(0, m.start() - 40): m.start()])):
            continue
        yield Hit("personal-id", m.start(), m.end(), m.group())
    for m in PASSPORT.finditer(text):
        if " " in m.group() and not _CUE.search(clause_before(text, m.start())):
            continue  # “C 1234567” is a passport only where the text says so
        yield Hit("personal-id", m.start(), m.end(), m.group())
