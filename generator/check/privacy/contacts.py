"""Private phone numbers and e-mail addresses. A unit's official contacts (listed in units.csv)
and addresses under the portal's official domains (gov.vn by default) are public."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .text import Hit, blank

_SEP = r"[ \u00a0.\-]"  # what people put between digit groups
_START = r"(?<!\d)(?<!\d[.,])"  # not in the middle of a number (1.200.000)
_END = r"(?!\d)(?![.,]\d)"
_PREFIX = r"(?:\(\+?84\)|\+\s?84|84|\(?0)"  # +84, (+84), 84 or the trunk 0
MOBILE = re.compile(rf"{_START}{_PREFIX}{_SEP}?(?:\(0\){_SEP}?)?\(?[35789](?:\)?{_SEP}?\d){{8}}{_END}")
LANDLINE = re.compile(rf"{_START}{_PREFIX}{_SEP}?(?:\(0\){_SEP}?)?\(?2\d{{1,2}}\)?{_SEP}?(?:\d{_SEP}?){{6,7}}\d{_END}")
EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s<>\"']+")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_UNIT_AFTER = re.compile(r"\s?(?:đồng|đ\b|vnđ|vnd|usd|triệu|tỷ|nghìn|ngàn|m2|m²|m\b|ha\b|%)", re.IGNORECASE)
_BUSINESS_BEFORE = re.compile(r"(?:mã số thuế|mst|mã số doanh nghiệp|mã doanh nghiệp|đăng ký kinh doanh)\W{0,12}$",
                              re.IGNORECASE)


@dataclass(frozen=True)
class Allowed:
    """What may be published although it looks like personal data: all of it read from the
    data (units.csv, portal.yaml), none of it written in code."""

    phones: frozenset[str]  # normalised digits (0…), from units.csv
    emails: frozenset[str]  # lower case, from units.csv
    domains: tuple[str, ...]  # official domains, e.g. ("gov.vn",)
    places: frozenset[str] = frozenset()  # place names in units.csv (lower case): “hoàng văn thụ”
    offices: frozenset[str] = frozenset()  # the units' own addresses in units.csv (lower case)

    def domain_ok(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(host == d or host.endswith("." + d) for d in self.domains)

    def office(self, text: str) -> bool:
        """Whether an address is (part of) a unit's office address: public, not a person's home."""
        text = " ".join(text.lower().split())
        return bool(text) and any(text in address for address in self.offices)


def phone_digits(text: str) -> str:
    """A phone number as national digits: +84 912 345 678 → 0912345678."""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("84") and (text.lstrip("( ").startswith("+") or len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    return digits


def official_phones(value: str) -> set[str]:
    found = {phone_digits(m.group()) for rx in (MOBILE, LANDLINE) for m in rx.finditer(value)}
    return found | {phone_digits(value)}


def official_emails(value: str) -> set[str]:
    return {m.group().lower() for m in EMAIL.finditer(value)}


def links_and_emails(text: str, allowed: Allowed) -> tuple[str, list[Hit]]:
    """Private e-mail addresses; the text comes back with official links (which may carry numbers
    in their path) and every address blanked."""
    hits = []
    for m in URL.finditer(text):
        if allowed.domain_ok(urlsplit(m.group()).hostname or ""):
            text = blank(text, m.start(), m.end())
    for m in EMAIL.finditer(text):
        address = m.group().lower()
        if address not in allowed.emails and not allowed.domain_ok(address.rsplit("@", 1)[1]):
            hits.append(Hit("personal-email", m.start(), m.end(), m.group()))
        text = blank(text, m.start(), m.end())
    return text, hits


def phones(text: str, allowed: Allowed) -> tuple[str, list[Hit]]:
    """Private phone numbers; the text comes back with every phone number blanked. A match of
    the wrong length (a landline pattern reading 12 digits) is no phone and is left for the
    identity patterns."""
    hits = []
    for rx in (MOBILE, LANDLINE):
        for m in rx.finditer(text):
            if (_THOUSANDS.fullmatch(m.group()) or _UNIT_AFTER.match(text, m.end())
                    or _BUSINESS_BEFORE.search(text[max(0, m.start() - 40): m.start()])):
                continue
            digits = phone_digits(m.group())
            if len(digits) not in (10, 11):
                continue
            if digits not in allowed.phones:
                hits.append(Hit("personal-phone", m.start(), m.end(), m.group()))
            text = blank(text, m.start(), m.end())
    return text, hits


def allowed_contacts(units: Iterable[dict], domains: Iterable[str]) -> tuple[frozenset[str], frozenset[str],
                                                                               tuple[str, ...]]:
    phones_, emails = set(), set()
    for values in units:
        phones_ |= official_phones(str(values.get("phone") or ""))
        emails |= official_emails(str(values.get("email") or ""))
    return (frozenset(p for p in phones_ if p), frozenset(emails),
            tuple(d.lower().lstrip(".") for d in domains))
