"""Attachments: the signed PDF of an explanation, a plan, a report or an internal regulation.

A record names its file as `document: tep/<name>.pdf`, relative to its unit's folder
(data/<unit>/tep/<name>.pdf). Only allowed types are accepted, checked by extension AND by
the file's first bytes; the file must exist, be a plain file (not a link) and stay under the
size limit. Published attachments are copied to tep/<unit>/<name> in the site, and their
SHA-256 is added to the record (`document_sha256`), shown on its page and published in the
open data, so anyone can check that the PDF they hold is the one the body published.

A PDF is read with pikepdf (generator/pdf.py): one that carries more than a document
(JavaScript, launch or submit actions, embedded files, XFA forms) or that cannot be read is
refused; its metadata is scanned by the same personal-data rules as the records' text
(generator/check/privacy/), and an author that looks like a private person is a warning. With
`strip_pdf_metadata: true` in data/portal.yaml (the default) the published copy is the file
without its metadata, and `document_sha256` is the hash of that copy: the bytes a reader
downloads. A signed PDF is published as it is, since rewriting it would break its signature.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue.guess import unaccented
from ..load.data_folder import ATTACHMENT_FOLDER, Loaded
from ..problems import CATALOGUE, Problem
from ..schema import Row
from . import pdf, privacy
from .links import bad_scheme

ALLOWED_TYPES = {".pdf": b"%PDF-"}  # extension -> magic bytes at the start of the file
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_FIELD = "document"
RESOURCES = ("explanations", "plans", "reports", "regulations", "proactive_explanations")
SITE_FOLDER = "tep"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,120}")


def _allowed() -> str:
    return ", ".join(ext.lstrip(".").upper() for ext in ALLOWED_TYPES)


def file_name(document: str) -> str | None:
    """The file name inside tep/ for a well-formed `document` value, else None."""
    folder, _, name = document.partition("/")
    if folder != ATTACHMENT_FOLDER or not _NAME.fullmatch(name) or ".." in name:
        return None
    return name


@dataclass(frozen=True)
class Context:
    """What the checks of an attachment's content compare it with."""

    allowed: privacy.Allowed  # the same as for the records' text
    unit_names: frozenset[str]  # every unit's name, casefolded: an author that is one is no person
    strip: bool  # strip_pdf_metadata: the published copy carries no metadata


def _check(rec_path: str, line: int, unit: str, document: str, loaded: Loaded, ctx: Context) -> Iterator[Problem]:
    def problem(code: str, detail: str = "", **extra: str) -> Problem:
        return Problem(rec_path, line, code, field=DOCUMENT_FIELD, value=document, detail=detail,
                       extra=tuple(extra.items()))

    if bad_scheme(document):
        return  # reported once, as unsafe-link, by generator/links.py
    name = file_name(document)
    if name is None:
        yield problem("attachment-path", f"phải có dạng {ATTACHMENT_FOLDER}/<tên tệp>, không có thư mục con hay “..”")
        return
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        yield problem("attachment-type", f"đuôi “{suffix or '(không có)'}”", allowed=_allowed())
        return
    file = loaded.attachments.get(f"{unit}/{ATTACHMENT_FOLDER}/{name}")
    where = f"data/{unit}/{ATTACHMENT_FOLDER}/{name}"
    if file is None:
        yield problem("attachment-missing", where)
        return
    if file.is_symlink():
        yield problem("attachment-path", "là liên kết tượng trưng (symlink), không phải tệp thật")
        return
    size = file.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        yield problem("attachment-too-large", str(size), limit=str(MAX_ATTACHMENT_BYTES))
        return
    with open(file, "rb") as fh:
        head = fh.read(16)
    magic = ALLOWED_TYPES[suffix]
    if not head.startswith(magic):
        yield problem("attachment-type", f"nội dung không phải tệp {suffix.lstrip('.').upper()}", allowed=_allowed())
        return
    try:
        reading = pdf.read(file.read_bytes())
    except pdf.Unreadable as err:
        yield problem("attachment-unreadable", str(err))
        return
    if reading.active:
        yield problem("attachment-active-content", "; ".join(reading.active))
    # The author properties name whoever made the file, usually the clerk: the author rule below
    # judges them (a warning, and stripped from the published copy), not the name rule of records.
    authors = {prop for prop, _ in pdf.authors(reading)}
    for prop, text in reading.metadata:
        for hit in privacy.scan(text, ctx.allowed):  # the records' rules, with the severity they give
            if hit.code == "personal-name" and prop in authors:
                continue
            kind = CATALOGUE.get(hit.code)
            code = "attachment-metadata-sensitive" if kind and kind.severity == "warning" else "attachment-metadata-personal"
            yield problem(code, f"{HIT_NAMES.get(hit.code, hit.code)} ({privacy.masked(hit)})", property=prop)
    if not ctx.strip or reading.signed:
        for prop, text in pdf.authors(reading):
            if private_person(text, ctx.unit_names):
                why = "tệp có chữ ký số nên cổng không xóa thuộc tính ở bản đăng" if ctx.strip else \
                    "cổng không xóa thuộc tính ở bản đăng vì strip_pdf_metadata: false"
                yield problem("attachment-metadata-author", f"{initials(text)}; {why}", property=prop)


# What a personal-data hit is, as a clerk reads it in a message about a PDF's properties.
HIT_NAMES = {"personal-id": "số giấy tờ tùy thân", "personal-phone": "số điện thoại cá nhân",
             "personal-email": "địa chỉ thư điện tử cá nhân", "personal-name": "họ tên của một cá nhân",
             "personal-birth": "ngày hoặc năm sinh", "personal-address": "địa chỉ nơi ở",
             "personal-bank": "số tài khoản ngân hàng", "personal-plate": "biển số xe",
             "sensitive-data": "dữ liệu cá nhân nhạy cảm"}
# Words that make an author an organisation or a role, compared with their diacritics (“Phòng” is
# a unit, “Phong” a given name); given names and surnames (Trường, Hội, Đoàn, “Van Phong” without
# accents) are left out. Placeholders are what office software writes when nobody set an author.
ORGANISATION_WORDS = ("ubnd", "hđnd", "hdnd", "ủy ban", "uỷ ban", "uy ban", "sở", "phòng", "văn phòng", "thanh tra",
                      "trung tâm", "trung tam", "công ty", "cong ty", "cục", "chi cục", "bộ", "ban", "xã", "phường",
                      "tỉnh", "huyện", "thị trấn", "bệnh viện", "đảng ủy", "đảng uỷ", "công an", "tòa án", "toà án",
                      "viện kiểm sát", "văn thư", "bộ phận", "một cửa")
PLACEHOLDER_AUTHORS = frozenset({"windows user", "microsoft office user", "office user", "word user", "admin",
                                 "administrator", "user", "owner", "unknown", "author", "default"})
_SURNAMES = frozenset("nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly luong lam trinh "
                      "dinh mai truong ha cao chu tong la hua nong lo vi doan".split())


_fold = unaccented


def private_person(author: str, unit_names: Iterable[str] = ()) -> bool:
    """Whether a PDF's author looks like a private person's name: two to five words of letters
    in title case (“Nguyễn Văn An”, “Nguyen Van An”), or in capitals after a Vietnamese surname,
    that name no unit, organisation, role or office-software placeholder."""
    text = " ".join(author.split())
    words = text.split(" ")
    low = text.casefold()
    if not 2 <= len(words) <= 5 or not all(w.isalpha() for w in words) or low in PLACEHOLDER_AUTHORS:
        return False
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in ORGANISATION_WORDS):
        return False
    if any(low in name for name in unit_names):
        return False
    title_case = all(w[0].isupper() and (len(w) == 1 or w[1:].islower()) for w in words)
    capitals = text.isupper() and _fold(words[0]) in _SURNAMES
    return title_case or capitals


def initials(name: str) -> str:
    """A name as its initials (“N.V.A.”): enough to find it, not enough to republish it in a log."""
    return "".join(f"{w[0]}." for w in name.split() if w[:1].isalpha()) or "…"


def context(loaded: Loaded, domains: Iterable[str], strip: bool) -> Context:
    names = frozenset(str(u.values.get("name") or "").casefold() for u in loaded.records.get("units", []))
    return Context(privacy.allowed_from(loaded, domains), names - {""}, strip)


def problems(loaded: Loaded, domains: Iterable[str], strip: bool) -> Iterator[Problem]:
    ctx = context(loaded, domains, strip)
    for resource in RESOURCES:
        for rec in loaded.records.get(resource, []):
            document = rec.values.get(DOCUMENT_FIELD)
            if document in (None, ""):
                continue
            yield from _check(rec.path, rec.line_of(DOCUMENT_FIELD), str(rec.values.get("unit")),
                              str(document), loaded, ctx)


def source_of(loaded: Loaded, row: Row) -> Path | None:
    """The file a record (or its typed row) names as its attachment, if it is in the data folder."""
    name = file_name(str(row.get(DOCUMENT_FIELD) or ""))
    return loaded.attachments.get(f"{row.get('unit')}/{ATTACHMENT_FOLDER}/{name}") if name else None


@dataclass
class Copies:
    """The published copy of each attachment, made once per build and shared by the model (its
    SHA-256) and the site (its bytes): the file as it is, or rewritten without its metadata when
    `strip` is on and it has some (generator/pdf.py)."""

    strip: bool
    _made: dict[Path, bytes] = field(default_factory=dict)

    def of(self, source: Path) -> bytes:
        if source not in self._made:
            data = source.read_bytes()
            self._made[source] = (pdf.without_metadata(data) or data) if self.strip else data
        return self._made[source]
