"""Names, birth dates and home addresses of private persons (Luật 91/2025/QH15, Nghị định
356/2025/NĐ-CP): what clerks write when they copy a petition into a record.

A name is found where Vietnamese text introduces one: after a form of address (ông, bà, anh,
chị, em, cháu, cụ, cô, chú), after “họ và tên”, after an official role (“Chủ tịch UBND xã
Nguyễn Văn B”), or, standing alone, with the shape almost every Vietnamese name has: a family
name, then Văn or Thị, then a given name. Streets and wards named after people (đường Hoàng
Văn Thụ, phường Lương Văn Tri) are places: the word before says so, or units.csv names them.
Officials named in their public role are declared by the record itself (`named_officials`),
so the guard holds no list of exceptions.

Masked initials (“Ông N.V.A.”) are what the guard asks for and pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .text import LETTER, LOWER, SYLLABLE, UPPER, Hit

TITLES = ("ông", "bà", "anh", "chị", "em", "cháu", "cụ", "cô", "chú")
# The commonest family names, with those of the northern mountain provinces (Tày, Nùng, Dao,
# Mông): a name that stands alone or follows a role must start with one of them.
SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương "
    "Lâm Phùng Mai Tô Tạ Hà Lương Đinh Cao Chu Lưu Quách Thái Tăng Triệu Nông Lăng Vi Lộc Hứa Sầm Mã Đàm "
    "La Lành Hầu Giàng Sùng Thào Lò Quàng Cầm Bế Lục Ma Bàn Kha Nghiêm Khúc Kiều Âu Đồng Diệp Tôn Thân "
    "Khổng Doãn Lại Mạc Ninh Quan Tiêu Trình Giáp Lã Lạc Thạch Từ Ưng Vy Hoàng Mẫn Lường Nịnh Hứa Phương"
).split()
# Role words after which a name is an official's (and must be declared in named_officials).
_ROLES = (r"chủ tịch|giám đốc|trưởng phòng|trưởng ban|trưởng thôn|trưởng bản|trưởng khu|trưởng công an"
          r"|trưởng đoàn|trưởng trạm|bí thư|chánh thanh tra|chánh văn phòng|chánh án|thủ trưởng|hiệu trưởng"
          r"|thanh tra viên|kiểm sát viên|công chức|cán bộ|kế toán|chủ nhiệm|tổ trưởng|ủy viên|đồng chí|đ/c"
          r"|chỉ huy trưởng|người phát ngôn|chuyên viên")
# A capitalised word after a form of address that begins a role, not a name: “Ông Chủ tịch”.
_ROLE_STARTS = frozenset(
    "chủ tịch|phó chủ|phó giám|phó trưởng|phó chánh|phó bí|giám đốc|trưởng phòng|trưởng ban|trưởng thôn|"
    "trưởng bản|trưởng khu|trưởng công|trưởng đoàn|trưởng trạm|bí thư|chánh thanh|chánh văn|chánh án|"
    "tổng giám|thủ trưởng|kế toán|hiệu trưởng|đại biểu|đại diện|trợ lý|thanh tra|kiểm sát|công chức|"
    "cán bộ|ủy viên|tổ trưởng|phụ trách|thư ký|chỉ huy|đồng chí|người phát|chuyên viên|chủ nhiệm".split("|"))
# Words after which a capitalised run is a place: streets, wards, schools named after people.
_STREET = (r"đường|phố|ngõ|ngách|hẻm|kiệt|quốc lộ|tỉnh lộ|chợ|trường|bệnh viện|công viên|khu đô thị(?: mới)?"
           r"|tượng đài|cửa khẩu|khu kinh tế|khu công nghiệp|cụm công nghiệp|sân vận động|bến xe|cảng|đền|chùa|đình")
_ADMIN = r"xã|phường|thị trấn|tỉnh|huyện|quận|thành phố|thị xã|thôn|bản|xóm|ấp|làng|tổ dân phố|khu phố|khối"
_ACRONYM = rf"(?:\s+[{UPPER}0-9]{{2,}})?"  # “Trường THCS Lương Văn Tri”

_TITLE = "|".join(t + "|" + t.capitalize() for t in TITLES)
# A name in capitals (NGUYỄN VĂN HÙNG) has two words at least: one is more often an acronym.
NAME = (rf"(?:{SYLLABLE}(?:\s+{SYLLABLE}){{0,4}}(?:\s+{LETTER})?"
        rf"|[{UPPER}]{{2,}}(?:\s+[{UPPER}]{{2,}}){{1,4}}(?![{LOWER}]))")
# One pass finds every introduced name: after a form of address, or after “họ và tên”. A name
# partly masked (“N.V.An”) is still a name.
INTRODUCED = re.compile(
    rf"(?<!\w)(?:(?:{_TITLE})[ \u00a0]|(?i:họ và tên|họ tên|có tên|tên là)\s*:?\s*|(?i:tên)\s*:\s*)"
    rf"(?P<name>(?:[{UPPER}]\.\s?){{0,4}}{NAME})")
SURNAMED = re.compile(rf"(?<!\w)(?:{'|'.join(SURNAMES)})(?:\s+{SYLLABLE}){{1,3}}(?:\s+{LETTER})?")
_STANDALONE = re.compile(rf"\S+\s+(?:Văn|Thị|VĂN|THỊ)\s+{SYLLABLE}")
_ROLE_BEFORE = re.compile(rf"(?:{_ROLES})\b", re.IGNORECASE)
_STREET_BEFORE = re.compile(rf"(?<!\w)(?i:{_STREET}){_ACRONYM}\s+$")
_ADMIN_BEFORE = re.compile(rf"(?<!\w)(?i:{_ADMIN}){_ACRONYM}\s+$")
_PLACE_AFTER = re.compile(rf"(?<!\w)(?i:{_STREET}|{_ADMIN})\s+(?P<place>{NAME})")


def places_in(text: str) -> set[str]:
    """Place names written in a text (a unit's name or address), lower case: “phường Lương Văn
    Tri” → “lương văn tri”. They are never read as a person's name."""
    return {m.group("place").lower() for m in _PLACE_AFTER.finditer(text)}


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def declared(name: str, officials: frozenset[str]) -> bool:
    """A name the record declares as an official's, in full or by its last words (“ông Bình”
    for Nguyễn Văn Bình)."""
    name = _norm(name)
    return any(o == name or o.endswith(" " + name) for o in officials)


def _starts_role(text: str, start: int) -> bool:
    return " ".join(text[start:start + 30].split()[:2]).lower() in _ROLE_STARTS


# A form of address is written before a name with one space, on the same line; after one of
# these it is a kinship word: trẻ em, anh em, các cháu, ông bà, con cháu.
_KIN_BEFORE = frozenset("trẻ các những anh chị ông bà con cháu em".split())


def names(text: str, officials: frozenset[str], places: frozenset[str]) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    for m in INTRODUCED.finditer(text):
        start, end = m.span("name")
        word_before = text[max(0, m.start() - 8): m.start()].split()[-1:]
        if word_before and word_before[0].lower() in _KIN_BEFORE:
            continue
        if (_starts_role(text, start) or _STREET_BEFORE.search(text, max(0, m.start() - 25), m.start())
                or _ADMIN_BEFORE.search(text, max(0, m.start() - 25), m.start())):
            continue  # “Ông Chủ tịch UBND xã”, “đường Bà Triệu”, “tỉnh Bà Rịa”
        taken.append((start, end))
        if not declared(m.group("name"), officials):
            yield Hit("personal-name", start, end, m.group("name"))
    for m in SURNAMED.finditer(text):
        start, end = m.span()
        if any(s < end and start < e for s, e in taken) or _STREET_BEFORE.search(text, max(0, start - 30), start):
            continue
        name = m.group()
        size = len(name.split())
        in_role = bool(_ROLE_BEFORE.search(_clause(text, start)))
        if _ADMIN_BEFORE.search(text, max(0, start - 30), start):
            # “phường Hoàng Văn Thụ” is a ward; “Chủ tịch UBND xã Nguyễn Văn B” names a person.
            person = in_role and size >= 3 and _norm(name) not in places
        else:
            # after a role, three words at least: a two-word run there is more often a place
            # (“Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng”) than a two-word name
            person = ((in_role and size >= 3) or _STANDALONE.match(name) is not None) and _norm(name) not in places
        if person and not declared(name, officials):
            yield Hit("personal-name", start, end, name)


# Where a clause or a sentence ends: a full stop after a word, not after an initial (“N.V.A. ở”).
_CLAUSE_END = re.compile(rf"[,;()\n]|(?<=[{LOWER}0-9])\.(?=\s)")
_SENTENCE_END = re.compile(rf"[;\n]|(?<=[{LOWER}0-9])\.(?=\s)")


def _clause(text: str, start: int, ends: re.Pattern = _CLAUSE_END, width: int = 80) -> str:
    window = text[max(0, start - width): start]
    cut = 0
    for m in ends.finditer(window):
        cut = m.end()
    return window[cut:]


# --- birth dates: “sinh năm 1965”, “sinh ngày 12/3/1965”, “năm sinh: 1965”, “SN 1965” -----------
_YEAR = r"(?:19|20)\d{2}"
_DATE = rf"(?:\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*{_YEAR}|\d{{1,2}}\s+tháng\s+\d{{1,2}},?\s+năm\s+{_YEAR}|\d{{1,2}}\s*/\s*{_YEAR})"
BIRTH = re.compile(
    rf"(?<!\w)(?:(?i:sinh(?:\s+vào)?\s+(?:ngày|năm|tháng)|(?:ngày,?\s+tháng,?\s+)?năm\s+sinh|ngày\s+sinh)|SN)"
    rf"\s*:?\s*(?:{_DATE}|{_YEAR})(?!\d)")
# A birth year of a group, not of a person: “các cháu sinh năm 2020”, “sinh năm 1960 trở về trước”.
_GROUP_BEFORE = re.compile(r"(?:các|những|mọi|trẻ em|học sinh|đối tượng|người)\s+(?:\w+\s+)?$", re.IGNORECASE)
_GROUP_AFTER = re.compile(r"\s*(?:trở\s+(?:về|lên|xuống)|đến\s+(?:năm\s+)?\d|-\s*\d)", re.IGNORECASE)


# “sinh” in another word: học sinh, phát sinh, vệ sinh, nảy sinh, Giáng sinh, sơ sinh, …
_NOT_BIRTH = frozenset("học phát vệ nảy giáng sơ hy sản hồi ký tái thí sinh".split())


def births(text: str) -> Iterator[Hit]:
    for m in BIRTH.finditer(text):
        word_before = text[max(0, m.start() - 12): m.start()].split()[-1:]
        if m.group()[:4].lower() == "sinh" and word_before and word_before[0].lower() in _NOT_BIRTH:
            continue
        if _GROUP_BEFORE.search(text, max(0, m.start() - 25), m.start()) or _GROUP_AFTER.match(text, m.end()):
            continue
        yield Hit("personal-birth", m.start(), m.end(), m.group())


# --- home addresses ------------------------------------------------------------------------------
_ADDRESS_START = (r"(?:số\s*(?:nhà\s*)?\d|\d+[A-Za-z]?(?:/\d+)*\s*,?\s+(?:đường|phố|ngõ|ngách|hẻm|kiệt)"
                  rf"|(?:{_STREET}|{_ADMIN}|tổ|khu)\s+\S)")
# “trú tại thôn Khuôn Lăn”, “thường trú: số 12 …”, “HKTT: …”; “đăng ký thường trú tại Công an
# xã” is a procedure, not an address, and “Luật Cư trú” names a law.
RESIDENCE = re.compile(
    rf"(?<!\w)(?i:(?:thường|tạm|cư)\s+trú|trú|ngụ|nơi\s+ở|chỗ\s+ở(?:\s+hiện\s+nay)?|địa\s+chỉ\s+nhà|quê\s+quán"
    rf"|nguyên\s+quán|hộ\s+khẩu(?:\s+thường\s+trú)?|HKTT)(?:\s+hiện\s+nay)?\s*(?i:tại|ở)?\s*:?\s*(?i:{_ADDRESS_START})"
    rf"[^,;.()\n]{{0,60}}")
_PROCEDURE_BEFORE = re.compile(r"(?:đăng\s+ký|xác\s+nhận|thủ\s+tục|giấy|sổ|thông\s+báo|luật)\s+$", re.IGNORECASE)
# A house number on a street, where a person (not an office) is the subject.
HOUSE = re.compile(rf"\d++[A-Za-z]?(?:/\d+)*\s*,?\s+(?i:đường|phố|ngõ|ngách|hẻm|kiệt)\s+"
                   rf"[{UPPER}0-9][^,;.()\n]{{0,40}}")
_CITIZEN = re.compile(rf"(?<!\w)(?:{_TITLE}|người yêu cầu|công dân|hộ gia đình|gia đình|nhà riêng|nhà ở|nhà của"
                      r"|người dân|người khiếu nại|người phản ánh|địa chỉ)(?!\w)", re.IGNORECASE)
_OFFICE = re.compile(r"trụ sở|ubnd|ủy ban|cơ quan|văn phòng|hội trường|nhà văn hóa|bộ phận|trung tâm|công ty|chi nhánh",
                     re.IGNORECASE)


def addresses(text: str) -> Iterator[Hit]:
    found = []
    for m in RESIDENCE.finditer(text):
        if _PROCEDURE_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        found.append(m.span())
        yield Hit("personal-address", m.start(), m.end(), m.group().rstrip())
    yield from house_numbers(text, found)


# A house number followed by a street word, without case folding: the cheap test that says
# whether HOUSE (slow with its case-insensitive part) needs to run at all.
_HOUSE_HINT = re.compile(r"\d[A-Za-z]?,?\s(?:số\s)?(?:đường|phố|ngõ|ngách|hẻm|kiệt|Đường|Phố|Ngõ|Ngách|Hẻm|Kiệt)")


def house_numbers(text: str, taken: list[tuple[int, int]] = ()) -> Iterator[Hit]:
    if not _HOUSE_HINT.search(text):
        return
    for m in HOUSE.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "/"):
            continue  # inside a longer number or code
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        before = _clause(text, m.start(), _SENTENCE_END)
        if _CITIZEN.search(before) and not _OFFICE.search(before):
            yield Hit("personal-address", m.start(), m.end(), m.group().rstrip())


# Every hit of names, births and addresses (but house_numbers) contains one of these cues (a name:
# a form of address or a family name followed by a capital; a birth date: “sinh” or “SN”; an
# address: its cue word). The guard skips those patterns for a text that holds none of them.
_CAPITAL = rf"[ \u00a0][{UPPER}]"
CUES = ([(t, _CAPITAL) for t in TITLES] + [(t.capitalize(), _CAPITAL) for t in TITLES]
        + [(s, _CAPITAL) for s in SURNAMES]
        + [(w, "") for w in ("tên:", "tên :", "tên là", "có tên", "họ tên", "Họ tên", "và tên", "Tên:", "TÊN",
                             "sinh", "Sinh", "SINH", "SN",
                             "trú", "Trú", "TRÚ", "ngụ", "Ngụ", "nơi ở", "Nơi ở", "chỗ ở", "Chỗ ở", "chỉ nhà",
                             "quán", "Quán", "QUÁN", "khẩu", "Khẩu", "KHẨU", "HKTT")])
# (A house number on a street, HOUSE, starts with a digit: its own pattern is cheap enough to
# run on every text, and street words are too common in public text to be cues.)
