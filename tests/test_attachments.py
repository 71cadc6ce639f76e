"""Attachments: allowed type by extension AND magic bytes, size limit, the file must exist;
published ones are copied to tep/<unit>/<file> with their SHA-256 on the page and in the data."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator.check import attachments
from generator.check.whole import check_data

PDF = (ROOT / "data" / "xa-thien-tan" / "tep" / "gt-2026-004.pdf").read_bytes()
RECORD = "xa-a/giai-trinh/xa-a-2026-001.yaml"


def _attach(valid_copy: Path, document: str, files: dict[str, bytes] | None = None) -> list[str]:
    rec = valid_copy / RECORD
    rec.write_text(rec.read_text(encoding="utf-8").replace("public: true", f"document: {document}\npublic: true"),
                   encoding="utf-8")
    for name, data in (files or {}).items():
        target = valid_copy / "xa-a" / "tep" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [p.line_text() for p in check_data(valid_copy, AS_OF).problems if p.is_error]


def test_sample_pdf_is_a_small_valid_pdf():
    assert PDF.startswith(b"%PDF-1.4\n") and PDF.rstrip().endswith(b"%%EOF")
    assert 300 < len(PDF) < 1000
    xref = int(PDF.rsplit(b"startxref", 1)[1].split()[0])
    assert PDF[xref:].startswith(b"xref")  # the cross-reference table is where the trailer says


def test_valid_attachment_passes(valid_copy: Path):
    assert _attach(valid_copy, "tep/gt-001.pdf", {"gt-001.pdf": PDF}) == []


def test_missing_attachment(valid_copy: Path):
    assert _attach(valid_copy, "tep/gt-001.pdf") == [
        f"{valid_copy}/{RECORD}:16: attachment-missing: Không tìm thấy tệp đính kèm “tep/gt-001.pdf” (cần có tệp "
        "data/xa-a/tep/gt-001.pdf). Cách sửa: Thêm tệp vào đúng thư mục hoặc sửa tên tệp trong hồ sơ cho khớp "
        "(phân biệt chữ hoa, chữ thường)."]


def test_wrong_extension(valid_copy: Path):
    assert _attach(valid_copy, "tep/gt-001.docx", {"gt-001.docx": b"PK\x03\x04"}) == [
        f"{valid_copy}/{RECORD}:16: attachment-type: Tệp đính kèm “tep/gt-001.docx” không đúng loại cho phép "
        "(đuôi “.docx”). Cách sửa: Chỉ đính kèm tệp PDF; xuất văn bản đã ký ra PDF rồi đính kèm lại."]


def test_pdf_extension_with_other_content(valid_copy: Path):
    problems = _attach(valid_copy, "tep/gt-001.pdf", {"gt-001.pdf": b"<html><script>alert(1)</script>"})
    assert problems == [
        f"{valid_copy}/{RECORD}:16: attachment-type: Tệp đính kèm “tep/gt-001.pdf” không đúng loại cho phép "
        "(nội dung không phải tệp PDF). Cách sửa: Chỉ đính kèm tệp PDF; xuất văn bản đã ký ra PDF rồi đính kèm lại."]


def test_too_large(valid_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 500)
    problems = _attach(valid_copy, "tep/gt-001.pdf", {"gt-001.pdf": PDF})
    assert problems == [
        f"{valid_copy}/{RECORD}:16: attachment-too-large: Tệp đính kèm “tep/gt-001.pdf” quá lớn ({len(PDF)} byte, "
        "tối đa 500 byte). Cách sửa: Nén hoặc quét lại văn bản với độ phân giải thấp hơn (150 dpi, đen trắng)."]


def test_default_limit_is_20_mb():
    assert attachments.MAX_ATTACHMENT_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize("document", ["tep/../../etc/passwd", "../tep/x.pdf", "tep/sub/x.pdf", "/etc/passwd",
                                      "gt-001.pdf", "tep/.hidden.pdf", "https://example.com/x.pdf", "tep/giải trình.pdf"])
def test_bad_paths(valid_copy: Path, document: str):
    problems = _attach(valid_copy, document)
    assert problems == [
        f"{valid_copy}/{RECORD}:16: attachment-path: Tệp đính kèm “{document}” không hợp lệ: phải có dạng "
        "tep/<tên tệp>, không có thư mục con hay “..”. Cách sửa: Ghi dạng tep/<tên tệp>.pdf; tên tệp chỉ gồm chữ "
        "không dấu, số, dấu chấm, gạch ngang, gạch dưới; tệp đặt trong data/<mã đơn vị>/tep/."]


def test_symlinked_attachment_is_refused(valid_copy: Path):
    (valid_copy / "xa-a" / "tep").mkdir()
    os.symlink(ROOT / "data" / "xa-thien-tan" / "tep" / "gt-2026-004.pdf", valid_copy / "xa-a" / "tep" / "gt-001.pdf")
    assert [p.split(": ")[1] for p in _attach(valid_copy, "tep/gt-001.pdf")] == ["attachment-path"]


def test_javascript_document_is_an_unsafe_link(valid_copy: Path):
    assert _attach(valid_copy, "javascript:alert(1)") == [
        f"{valid_copy}/{RECORD}:16: unsafe-link: Trường “document” chứa liên kết không được phép “javascript:”. "
        "Cách sửa: Liên kết chỉ được bắt đầu bằng https:// hoặc http:// và không chứa dấu cách, dấu nháy, dấu < >."]


def test_published_attachment_is_copied_with_its_hash(sample_site: Path):
    copied = sample_site / "tep" / "xa-thien-tan" / "gt-2026-004.pdf"
    assert copied.read_bytes() == PDF
    digest = hashlib.sha256(PDF).hexdigest()
    page = (sample_site / "giai-trinh" / "xa-thien-tan-2026-004" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tep/xa-thien-tan/gt-2026-004.pdf"' in page
    assert f'SHA-256: <code class="gt-hash">{digest}</code>' in page
    rows = csv.DictReader(io.StringIO((sample_site / "du-lieu-mo" / "explanations.csv").read_text("utf-8")))
    assert {r["id"]: r["document_sha256"] for r in rows if r["document"]} == {"xa-thien-tan-2026-004": digest}


def test_only_attachments_of_published_records_are_copied(valid_copy: Path, tmp_path: Path):
    from generator.build import build

    _attach(valid_copy, "tep/gt-001.pdf", {"gt-001.pdf": PDF, "unused.pdf": PDF})
    private = valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-003.yaml"
    private.write_text(private.read_text(encoding="utf-8") + "document: tep/private.pdf\n", encoding="utf-8")
    (valid_copy / "xa-a" / "tep" / "private.pdf").write_bytes(PDF.replace(b"Du lieu mau", b"Bi mat 1234"))
    result = build(valid_copy, tmp_path / "site", AS_OF)
    assert [p for p in result.problems if p.is_error] == []
    assert sorted(p.name for p in (tmp_path / "site" / "tep").rglob("*.pdf")) == ["gt-001.pdf"]


def test_english_messages(valid_copy: Path):
    from generator.check.whole import check_data as check

    def english(document: str, files: dict[str, bytes] | None = None) -> list[str]:
        _attach(valid_copy, document, files)
        return [p.message("en") for p in check(valid_copy, AS_OF).problems if p.is_error]

    assert english("tep/a.pdf") == [
        "Attachment “tep/a.pdf” not found (expected the file data/xa-a/tep/a.pdf). Fix: Add the file in that folder "
        "or correct its name in the record (case matters)."]


@pytest.mark.parametrize(("code", "facts", "vi", "en"), [
    ("attachment-path", {"value": "tep/a/b.pdf", "detail": "x"},
     "Tệp đính kèm “tep/a/b.pdf” không hợp lệ: x. Cách sửa: Ghi dạng tep/<tên tệp>.pdf; tên tệp chỉ gồm chữ không dấu, "
     "số, dấu chấm, gạch ngang, gạch dưới; tệp đặt trong data/<mã đơn vị>/tep/.",
     "Attachment “tep/a/b.pdf” is not valid: x. Fix: Write tep/<file name>.pdf; the name uses letters without accents, "
     "digits, dots, hyphens, underscores; the file lives in data/<unit>/tep/."),
    ("attachment-type", {"value": "tep/a.doc", "detail": "đuôi “.doc”", "allowed": "PDF"},
     "Tệp đính kèm “tep/a.doc” không đúng loại cho phép (đuôi “.doc”). Cách sửa: Chỉ đính kèm tệp PDF; xuất văn bản "
     "đã ký ra PDF rồi đính kèm lại.",
     "Attachment “tep/a.doc” is not an allowed type (đuôi “.doc”). Fix: Only PDF files are allowed; export the signed "
     "document to PDF and attach it again."),
    ("attachment-too-large", {"value": "tep/a.pdf", "detail": "30000000", "limit": "20971520"},
     "Tệp đính kèm “tep/a.pdf” quá lớn (30000000 byte, tối đa 20971520 byte). Cách sửa: Nén hoặc quét lại văn bản "
     "với độ phân giải thấp hơn (150 dpi, đen trắng).",
     "Attachment “tep/a.pdf” is too large (30000000 bytes, at most 20971520). Fix: Compress it or rescan at a lower "
     "resolution (150 dpi, black and white)."),
])
def test_attachment_messages_in_both_languages(code: str, facts: dict[str, str], vi: str, en: str):
    from generator.problems import Problem

    extra = tuple((k, v) for k, v in facts.items() if k not in ("value", "detail"))
    p = Problem("x.yaml", 1, code, field="document", value=facts["value"], detail=facts["detail"], extra=extra)
    assert (p.message("vi"), p.message("en")) == (vi, en)


def test_every_safety_kind_is_complete_in_both_languages():
    from generator.problems import CATALOGUE

    codes = ["personal-id", "personal-phone", "personal-email", "requester-not-masked", "unsafe-link",
             "attachment-path", "attachment-missing", "attachment-type", "attachment-too-large"]
    for code in codes:
        kind = CATALOGUE[code]
        assert kind.severity == "error"
        assert all((kind.vi, kind.en, kind.hint_vi, kind.hint_en)), code
        assert kind.vi != kind.en and kind.hint_vi != kind.hint_en, code
