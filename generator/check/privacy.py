"""Personal data must never reach the public site (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).

Every text field of every record is scanned before anything is built: personal ID numbers
(12-digit CCCD, 9-digit old ID card, passport), private phone numbers in their common
spellings and e-mail addresses. A unit's official contacts (listed in units.csv) and
addresses under the portal's official domains (gov.vn by default) are public and allowed.

All records are scanned, also those with `public: false`: the data folder is itself a
repository that staff edit through reviewed pull requests, so it is public in practice.

The patterns are tuned against the numbers that fill public records and must not trip the
guard: document numbers (80/KH-UBND, 101/2024/NĐ-CP), dates (23/01/2026, 2026-01-23),
amounts (1.200.000 đồng, 120.000.000.000 đồng), years, percentages and counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import schema as std
from ..load.data_folder import Loaded, Record
from ..problems import Problem

# A unit's own contact fields: public by nature, never scanned.
OFFICIAL_FIELDS = {"units": frozenset({"phone", "email", "website"})}

_SEP = r"[ \u00a0.\-]"  # what people put between digit groups
_START = r"(?<!\d)(?<!\d[.,])"  # not in the middle of a number (1.200.000)
_END = r"(?!\d)(?![.,]\d)"
_PREFIX = r"(?:\(\+?84\)|\+\s?84|84|\(?0)"  # +84, (+84), 84 or the trunk 0
MOBILE = re.compile(rf"{_START}{_PREFIX}{_SEP}?(?:\(0\){_SEP}?)?\(?[35789](?:\)?{_SEP}?\d){{8}}{_END}")
LANDLINE = re.compile(rf"{_START}{_PREFIX}{_SEP}?(?:\(0\){_SEP}?)?\(?2\d{{1,2}}\)?{_SEP}?(?:\d{_SEP}?){{6,7}}\d{_END}")
_ID_START = r"(?<![0-9A-Za-z])(?<!\d[.,])"  # nor inside a code of letters and digits (a hash, a serial)
_ID_END = r"(?![0-9A-Za-z])(?![.,]\d)"
CCCD = re.compile(rf"{_ID_START}(?:\d{{12}}|\d{{4}}[ \u00a0.\-]\d{{4}}[ \u00a0.\-]\d{{4}}"
                  rf"|\d{{3}}[ \u00a0.\-]\d{{3}}[ \u00a0.\-]\d{{3}}[ \u00a0.\-]\d{{3}}){_ID_END}")
OLD_ID = re.compile(rf"{_ID_START}\d{{9}}{_ID_END}")
PASSPORT = re.compile(r"(?<![\w/.\-])[A-Z]\d{7}(?![\w/])")
EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s<>\"']+")
# Numbers that are amounts or measures, not identifiers: 120.000.000.000 đồng, 1 500 000 000 đ.
# An amount never starts with 0; a CCCD always does (its province code), so 001.095.012.345 is an id.
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_UNIT_AFTER = re.compile(r"\s?(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|m2|m²|m\b|ha\b|%)", re.IGNORECASE)
# Business registration and tax codes are public identifiers of organisations.
_BUSINESS_BEFORE = re.compile(r"(?:mã số thuế|mst|mã số doanh nghiệp|mã doanh nghiệp|đăng ký kinh doanh)\W{0,12}$",
                              re.IGNORECASE)
_TITLES = ("Ông", "Bà", "Anh", "Chị", "Cô", "Chú", "Bác", "Em")
MASKED_NAME = re.compile(rf"(?:(?:{'|'.join(_TITLES)})\s+)?(?:[^\W\d_]\.\s?){{1,5}}")


@dataclass(frozen=True)
class Allowed:
    """What may be published although it looks like contact data."""

    phones: frozenset[str]  # normalised digits (0…), from units.csv
    emails: frozenset[str]  # lower case, from units.csv
    domains: tuple[str, ...]  # official domains, e.g. ("gov.vn",)

    def domain_ok(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)


@dataclass(frozen=True)
class Hit:
    code: str  # personal-id | personal-phone | personal-email
    start: int
    end: int
    text: str


def phone_digits(text: str) -> str:
    """A phone number as national digits: +84 912 345 678 → 0912345678."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and (text.lstrip("( ").startswith("+") or len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    return digits


def allowed_from(loaded: Loaded, domains: Iterable[str]) -> Allowed:
    phones, emails = set(), set()
    for rec in loaded.records.get("units", []):
        phone = str(rec.values.get("phone") or "")
        phones.update(phone_digits(m.group()) for rx in (MOBILE, LANDLINE) for m in rx.finditer(phone))
        phones.add(phone_digits(phone))
        email = str(rec.values.get("email") or "")
        emails.update(m.group().lower() for m in EMAIL.finditer(email))
    return Allowed(frozenset(p for p in phones if p), frozenset(emails), tuple(d.lower().lstrip(".") for d in domains))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _is_amount_or_code(text: str, m: re.Match) -> bool:
    return bool(_THOUSANDS.fullmatch(m.group()) or _UNIT_AFTER.match(text, m.end())
                or _BUSINESS_BEFORE.search(text[max(0, m.start() - 40): m.start()]))


# Every pattern above needs an "@" or seven digits close together: texts without either (most
# of them) are skipped after one cheap search.
_CANDIDATE = re.compile(r"@|\d(?:[^\d\n]{0,3}\d){6}")


def scan(text: str, allowed: Allowed) -> list[Hit]:
    """Personal data in one text, in order. Each match is blanked out once found, so a phone
    number is not reported again as an ID number."""
    if not _CANDIDATE.search(text):
        return []
    hits: list[Hit] = []
    for m in URL.finditer(text):  # links to official sites may carry numbers in their path
        host = urlsplit(m.group()).hostname or ""
        if allowed.domain_ok(host):
            text = _blank(text, m.start(), m.end())
    for m in EMAIL.finditer(text):
        address = m.group().lower()
        if address not in allowed.emails and not allowed.domain_ok(address.rsplit("@", 1)[1]):
            hits.append(Hit("personal-email", m.start(), m.end(), m.group()))
        text = _blank(text, m.start(), m.end())
    for rx, code in ((MOBILE, "personal-phone"), (LANDLINE, "personal-phone"), (CCCD, "personal-id"),
                     (OLD_ID, "personal-id"), (PASSPORT, "personal-id")):
        for m in rx.finditer(text):
            if _is_amount_or_code(text, m):
                continue
            if code == "personal-phone":
                digits = phone_digits(m.group())
                if len(digits) not in (10, 11) or digits in allowed.phones:
                    text = _blank(text, m.start(), m.end())
                    continue
            hits.append(Hit(code, m.start(), m.end(), m.group()))
            text = _blank(text, m.start(), m.end())
    return sorted(hits, key=lambda h: h.start)


def mask(value: str) -> str:
    """Enough of a hit to find it in the file, not enough to republish it in a CI log."""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}…@{domain}"
    compact = re.sub(r"[\s.\-()]", "", value)
    return f"{compact[:3]}…{compact[-2:]}" if len(compact) > 5 else "…"


def is_masked_name(text: str) -> bool:
    """“Ông N.V.A.”, “Bà T.T.B.”, “Anh H.”, “Chị L.T.”: a form of address and capital initials."""
    text = text.strip()
    if not MASKED_NAME.fullmatch(text):
        return False
    initials = re.findall(r"([^\W\d_])\.", text)
    return bool(initials) and all(c.isupper() for c in initials)


def text_fields(resource: str) -> list[str]:
    skip = OFFICIAL_FIELDS.get(resource, frozenset())
    return [f.name for f in std.load(resource).input_fields if f.type == "string" and f.name not in skip]


def _line_of_hit(rec: Record, name: str, hit: Hit, cache: dict[str, list[str]]) -> int:
    """The line of the file that holds the hit (a long answer spans many lines below its key);
    the key's line when the hit is folded across lines."""
    start = rec.line_of(name)
    if rec.path not in cache:
        try:
            with open(rec.path, encoding="utf-8-sig") as fh:
                cache[rec.path] = fh.read().split("\n")
        except (OSError, UnicodeDecodeError):
            cache[rec.path] = []
    for number, line in enumerate(cache[rec.path][start - 1:], start=start):
        if hit.text in line:
            return number
    return start


def record_problems(rec: Record, fields: list[str], allowed: Allowed) -> Iterator[Problem]:
    domains = ", ".join("." + d for d in allowed.domains)
    files: dict[str, list[str]] = {}
    for name in fields:
        value = rec.values.get(name)
        if value is None or isinstance(value, (bool, list, dict)) or not isinstance(value, (str, int)):
            continue
        text = str(value)
        if name == "requester_initials" and not is_masked_name(text):
            yield Problem(rec.path, rec.line_of(name), "requester-not-masked", field=name, value=text)
            continue
        for hit in scan(text, allowed):
            yield Problem(rec.path, _line_of_hit(rec, name, hit, files), hit.code, field=name, value=mask(hit.text),
                          extra=(("domains", domains),))


def problems(loaded: Loaded, domains: Iterable[str]) -> Iterator[Problem]:
    allowed = allowed_from(loaded, domains)
    for resource in std.RESOURCES:
        fields = text_fields(resource)
        for rec in loaded.records.get(resource, []):
            yield from record_problems(rec, fields, allowed)
