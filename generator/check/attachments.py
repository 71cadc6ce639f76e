"""Attachments: the signed PDF of an explanation, a plan or a report.

A record names its file as `document: tep/<name>.pdf`, relative to its unit's folder
(data/<unit>/tep/<name>.pdf). Only allowed types are accepted, checked by extension AND by
the file's first bytes; the file must exist, be a plain file (not a link) and stay under the
size limit. Published attachments are copied to tep/<unit>/<name> in the site, and their
SHA-256 is added to the record (`document_sha256`), shown on its page and published in the
open data, so anyone can check that the PDF they hold is the one the body published.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..load.data_folder import ATTACHMENT_FOLDER, Loaded
from ..problems import Problem
from ..schema import Row
from .links import bad_scheme

ALLOWED_TYPES = {".pdf": b"%PDF-"}  # extension -> magic bytes at the start of the file
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_FIELD = "document"
RESOURCES = ("explanations", "plans", "reports")
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


def _check(rec_path: str, line: int, unit: str, document: str, loaded: Loaded) -> Iterator[Problem]:
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


def problems(loaded: Loaded) -> Iterator[Problem]:
    for resource in RESOURCES:
        for rec in loaded.records.get(resource, []):
            document = rec.values.get(DOCUMENT_FIELD)
            if document in (None, ""):
                continue
            yield from _check(rec.path, rec.line_of(DOCUMENT_FIELD), str(rec.values.get("unit")),
                              str(document), loaded)


def source_of(loaded: Loaded, row: Row) -> Path | None:
    """The file a record (or its typed row) names as its attachment, if it is in the data folder."""
    name = file_name(str(row.get(DOCUMENT_FIELD) or ""))
    return loaded.attachments.get(f"{row.get('unit')}/{ATTACHMENT_FOLDER}/{name}") if name else None
