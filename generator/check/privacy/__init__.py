"""Personal data must never reach the public site (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15,
Nghị định 356/2025/NĐ-CP).

Every text field of every record is scanned before anything is built, by one detector per kind
of data, each in its own module:

- contacts: private phone numbers in their common spellings and e-mail addresses; a unit's
  official contacts (units.csv) and addresses under the official domains are public;
- identity: CCCD / số định danh by its structure (province code first), old CMND, passport;
- persons: names, birth dates and home addresses of private persons;
- sensitive: bank accounts and vehicle plates (errors), health, religion, ethnicity and
  criminal records (warnings, from a short word list).

Officials named in their public role are declared by the record that names them, in its
`named_officials` field (“Nguyễn Văn A (Chủ tịch UBND xã); …”): the guard has no exceptions
of its own, and a reviewer sees the declaration in the same pull request as the text.

All records are scanned, also those with `public: false`: the data folder is itself a
repository that staff edit through reviewed pull requests, so it is public in practice.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ... import schema as std
from ...load.data_folder import Loaded, Record
from ...problems import Problem
from . import contacts, identity, persons, sensitive
from .contacts import LANDLINE, MOBILE, Allowed, phone_digits
from .text import Hit, any_of, initials, mask, mask_words

__all__ = ["LANDLINE", "MOBILE", "Allowed", "Guard", "Hit", "allowed_from", "is_masked_name", "mask", "phone_digits",
           "problems", "record_problems", "scan"]

# A unit's own contact fields: public by nature, never scanned.
OFFICIAL_FIELDS = {"units": frozenset({"phone", "email", "website"})}
OFFICIALS_FIELD = "named_officials"
_TITLES = ("Ông", "Bà", "Anh", "Chị", "Cô", "Chú", "Bác", "Em")
MASKED_NAME = re.compile(rf"(?:(?:{'|'.join(_TITLES)})\s+)?(?:[^\W\d_]\.\s?){{1,5}}")
# A declared official: “Họ và tên (chức vụ)”, the name in capitalised words.
OFFICIAL_ITEM = re.compile(rf"(?P<name>{persons.NAME})\s*\((?P<role>[^()]*\w[^()]*)\)")

# The cheap first passes: a text with no digits close together and no "@" holds nothing for
# the contact, identity, account and plate patterns; one with none of a detector's cue words
# holds nothing for that detector. Most texts hold neither, and the detectors' own patterns cost
# ten times more than these searches. The person and sensitive cues are searched apart: person
# cues ("sinh", a surname) are common in public text, sensitive ones rare, and the sensitive
# pattern (case-insensitive) is the costliest of all.
_NUMERIC = re.compile(r"@|\d(?:[^\d\n]{0,3}\d){5}")
_PERSON_CUES = re.compile(any_of(persons.CUES))
_SENSITIVE_CUES = re.compile(any_of(sensitive.CUES))


def scan(text: str, allowed: Allowed, officials: frozenset[str] = frozenset()) -> list[Hit]:
    """Personal data in one text, in order. Each match is blanked out once found, so a number is
    reported once, as what it most specifically is (an account before an identity number before
    a phone). `officials` are the names (lower case) the record declares as officials'."""
    hits: list[Hit] = []
    if _NUMERIC.search(text):
        text, found = contacts.links_and_emails(text, allowed)
        hits += found
        for detector in (sensitive.banks_and_plates, identity.twelve_digit_ids):
            for hit in list(detector(text)):
                hits.append(hit)
                text = _blank(text, hit)
        text, found = contacts.phones(text, allowed)
        hits += found
        hits += identity.nine_digit_and_passport_ids(text)
    if _PERSON_CUES.search(text):
        hits += [*persons.births(text), *(h for h in persons.addresses(text) if not allowed.office(h.text)),
                 *persons.names(text, officials, allowed.places)]
    else:
        hits += persons.house_numbers(text)
    if _SENSITIVE_CUES.search(text):
        hits += sensitive.special_categories(text)
    return sorted(hits, key=lambda h: h.start)


def _blank(text: str, hit: Hit) -> str:
    return text[:hit.start] + " " * (hit.end - hit.start) + text[hit.end:]


def masked(hit: Hit) -> str:
    """The value shown in a message: enough to find it in the file, not enough to republish it."""
    if hit.code == "personal-name":
        return initials(hit.text)
    if hit.code in ("personal-birth", "personal-address"):
        cue = len(re.match(r"\D*", hit.text).group().split())  # the words before the first digit
        return mask_words(" ".join(hit.text.split()[:7]), min(cue, 3))  # the start is enough to find it
    if hit.code == "sensitive-data":
        return hit.text
    return mask(hit.text)


def allowed_from(loaded: Loaded, domains: Iterable[str]) -> Allowed:
    units = [rec.values for rec in loaded.records.get("units", [])]
    phones, emails, domains_ = contacts.allowed_contacts(units, domains)
    places = set()
    for values in units:
        for name in ("name", "address"):
            places |= persons.places_in(str(values.get(name) or ""))
    offices = frozenset(" ".join(str(values["address"]).lower().split()) for values in units if values.get("address"))
    return Allowed(phones, emails, domains_, frozenset(places), offices)


def masked_form(text: str) -> str:
    """What a clerk should write instead: Ông Hoàng Văn Sơn → Ông H.V.S. (Nguyễn Văn An → Ông/Bà N.V.A.)."""
    title, _, rest = text.strip().partition(" ")
    if title.capitalize() in _TITLES:
        return f"{title.capitalize()} {initials(rest)}" if initials(rest) else title.capitalize()
    return f"Ông/Bà {initials(text)}" if initials(text) else "Ông N.V.A."


def is_masked_name(text: str) -> bool:
    """“Ông N.V.A.”, “Bà T.T.B.”, “Anh H.”, “Chị L.T.”: a form of address and capital initials."""
    text = text.strip()
    if not MASKED_NAME.fullmatch(text):
        return False
    found = re.findall(r"([^\W\d_])\.", text)
    return bool(found) and all(c.isupper() for c in found)


def officials_of(value: object) -> tuple[frozenset[str], list[str]]:
    """The names a `named_officials` value declares (lower case), and the items that are not
    written “Họ và tên (chức vụ)”."""
    names, bad = set(), []
    for item in str(value or "").split(";"):
        if not item.strip():
            continue
        m = OFFICIAL_ITEM.fullmatch(item.strip())
        if m:
            names.add(" ".join(m.group("name").split()).casefold())
        else:
            bad.append(item.strip())
    return frozenset(names), bad


def text_fields(resource: str) -> list[str]:
    skip = OFFICIAL_FIELDS.get(resource, frozenset())
    return [f.name for f in std.load(resource).input_fields if f.type in ("string", "list") and f.name not in skip]


SLUG = "[a-z0-9]+(-[a-z0-9]+)*"
# A slug (a record's id: lower-case letters, digits, hyphens, checked by its schema) cannot hold a
# name, a plate or an address, only a number; the numbers the guard looks for are 9 digits or
# more, and typed into an id they run together. Every id holds its year and number (7 digits or
# more), so without this test each would go through every number pattern.
_NINE_DIGITS = re.compile(r"\d{9}")


@functools.cache
def slug_fields(resource: str) -> frozenset[str]:
    return frozenset(f["name"] for f in std.load(resource).descriptor["fields"]
                     if f.get("constraints", {}).get("pattern") == SLUG)


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


def record_problems(rec: Record, fields: list[str], allowed: Allowed, officials: frozenset[str] = frozenset(),
                    memo: dict | None = None) -> Iterator[Problem]:
    """The problems of one record. `officials`: names declared elsewhere in the same file (a
    plan declares the officials its tasks name). `memo` keeps the hits of each text already
    scanned in this run: titles, roles and stock phrases repeat across thousands of records."""
    files: dict[str, list[str]] = {}
    slugs = slug_fields(rec.resource)
    declared = officials
    if OFFICIALS_FIELD in rec.values:
        own, bad = officials_of(rec.values[OFFICIALS_FIELD])
        declared = own | officials
        for item in bad:
            name, paren, role = item.partition("(")
            yield Problem(rec.path, rec.line_of(OFFICIALS_FIELD), "named-official-format", field=OFFICIALS_FIELD,
                          value=f"{initials(name)} {paren}{role}".strip())
    memo = {} if memo is None else memo
    for name in fields:
        value = rec.values.get(name)
        if value is None or value == "" or type(value) not in (str, int):
            continue  # "" is no value, as for the schema check: `requester_initials: ""` is left blank
        text = str(value)
        if name in slugs and not _NINE_DIGITS.search(text):
            continue
        if name == "requester_initials" and not is_masked_name(text):  # the message shows the masked form only
            yield Problem(rec.path, rec.line_of(name), "requester-not-masked", field=name, value=masked_form(text))
            continue
        key = (text, declared)
        hits = memo.get(key)
        if hits is None:
            hits = memo[key] = scan(text, allowed, declared)
        for hit in hits:
            if name == OFFICIALS_FIELD and hit.code == "personal-name":
                continue  # the declaration itself: its names are checked above
            yield Problem(rec.path, _line_of_hit(rec, name, hit, files), hit.code, field=name, value=masked(hit),
                          detail=hit.detail, extra=(("domains", ", ".join("." + d for d in allowed.domains)),))


@dataclass(frozen=True)
class Guard:
    """What the scan of any part of the records needs from the whole set: the official contacts
    and place names (units.csv) and the officials each file declares (a plan file's
    declarations cover its tasks). Made once; spans of records are then scanned apart, in
    forked workers."""

    allowed: Allowed
    declared: dict[str, frozenset[str]]

    @classmethod
    def of(cls, loaded: Loaded, domains: Iterable[str]) -> Guard:
        declared: dict[str, frozenset[str]] = {}
        for recs in loaded.records.values():
            for rec in recs:
                if rec.values.get(OFFICIALS_FIELD):
                    names = officials_of(rec.values[OFFICIALS_FIELD])[0]
                    declared[rec.path] = declared.get(rec.path, frozenset()) | names
        return cls(allowed_from(loaded, domains), declared)

    def problems(self, resource: str, records: Iterable[Record]) -> list[Problem]:
        # The scan makes no reference cycles, only short-lived texts and matches; with the cycle
        # collector on, their allocations set off collections that walk every loaded record.
        fields, memo, out = text_fields(resource), {}, []
        was = gc.isenabled()
        gc.disable()
        try:
            for rec in records:
                out += record_problems(rec, fields, self.allowed, self.declared.get(rec.path, frozenset()), memo)
        finally:
            if was:
                gc.enable()
        return out


def problems(loaded: Loaded, domains: Iterable[str]) -> list[Problem]:
    guard = Guard.of(loaded, domains)
    return [p for resource in std.RESOURCES for p in guard.problems(resource, loaded.records.get(resource, []))]
