"""What a PDF attachment carries besides its pages (generator/pdf.py): active content is refused,
an unreadable file is named, metadata is scanned for personal data and stripped from the
published copy when portal.yaml says so. Every PDF here is made by pikepdf itself."""

from __future__ import annotations

import csv
import hashlib
import io
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from conftest import AS_OF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pikepdf import Array, Dictionary, Name, String

from generator.build import build
from generator.check import attachments, pdf
from generator.check.whole import check_data

RECORD = "xa-a/giai-trinh/xa-a-2026-001.yaml"


def make(edit: Callable[[pikepdf.Pdf], None] | None = None, info: dict[str, str] | None = None,
         xmp: dict[str, object] | None = None) -> bytes:
    """A one-page PDF, changed by `edit`, with document information and XMP properties."""
    doc = pikepdf.Pdf.new()
    doc.add_blank_page()
    if xmp:
        with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            for key, value in xmp.items():
                meta[key] = value
    for key, value in (info or {}).items():
        doc.docinfo[f"/{key}"] = value
    if edit:
        edit(doc)
    out = io.BytesIO()
    doc.save(out, deterministic_id=True, fix_metadata_version=False)  # XMP as written here
    return out.getvalue()


def _annotation(doc: pikepdf.Pdf, **entries: object) -> None:
    annot = doc.make_indirect(Dictionary(Type=Name.Annot, Rect=[0, 0, 10, 10], **entries))
    doc.pages[0].obj.Annots = Array([annot])


def _button(doc: pikepdf.Pdf) -> None:
    _annotation(doc, Subtype=Name.Widget, FT=Name.Btn, T=String("b"), AA=Dictionary(U=_action("JavaScript", JS=String("x"))))
    doc.Root.AcroForm = Dictionary(Fields=Array([doc.pages[0].obj.Annots[0]]))


def _action(kind: str, **entries: object) -> Dictionary:
    return Dictionary(S=Name(f"/{kind}"), **entries)


def attach(valid_copy: Path, data: bytes, portal: str = "") -> list:
    rec = valid_copy / RECORD
    text = rec.read_text(encoding="utf-8")
    if "document:" not in text:
        rec.write_text(text.replace("public: true", "document: tep/gt-001.pdf\npublic: true"), encoding="utf-8")
    (valid_copy / "xa-a" / "tep").mkdir(exist_ok=True)
    (valid_copy / "xa-a" / "tep" / "gt-001.pdf").write_bytes(data)
    if portal:
        path = valid_copy / "portal.yaml"
        path.write_text(path.read_text(encoding="utf-8") + portal + "\n", encoding="utf-8")
    return [p for p in check_data(valid_copy, AS_OF).problems if p.code.startswith("attachment-")]


def lines(problems: list) -> list[str]:
    return [f"{p.line}: {p.code}: {p.message()}" for p in problems]


# --- active content ---------------------------------------------------------------------------

JS = "JavaScript"
LAUNCH = "hành động Launch (chạy chương trình, mở tệp khác)"
SUBMIT = "hành động SubmitForm (gửi dữ liệu biểu mẫu ra ngoài)"
IMPORT = "hành động ImportData (nạp dữ liệu từ tệp khác)"
OTHER_FILE = "liên kết mở tệp khác (GoToR/GoToE)"
MEDIA = "nội dung đa phương tiện"
EMBEDDED = "tệp nhúng (tệp khác gói bên trong PDF)"
XFA = "biểu mẫu XFA"
LINK = "liên kết không phải trang web hoặc thư điện tử"

ACTIVE = {
    "javascript on open": (lambda d: setattr(d.Root, "OpenAction", _action("JavaScript", JS=String("app.alert(1)"))), JS),
    "javascript name tree": (lambda d: setattr(d.Root, "Names", Dictionary(JavaScript=Dictionary(Names=Array([
        String("a"), d.make_indirect(_action("JavaScript", JS=String("this.print()")))])))), JS),
    "javascript in a form field's actions": (_button, JS),
    "javascript in a stream": (lambda d: setattr(d.Root, "OpenAction", _action(
        "JavaScript", JS=d.make_stream(b"app.launchURL('https://x.example')"))), JS),
    "javascript chained after a harmless action": (lambda d: setattr(d.Root, "OpenAction", _action(
        "GoTo", D=Array([d.pages[0].obj, Name.Fit]), Next=_action("JavaScript", JS=String("x")))), JS),
    "launch on page open": (lambda d: setattr(d.pages[0].obj, "AA", Dictionary(O=_action("Launch", F=String("cmd.exe")))),
                            LAUNCH),
    "submit form from a link": (lambda d: _annotation(d, Subtype=Name.Link, A=_action(
        "SubmitForm", F=Dictionary(FS=Name.URL, F=String("https://x.example/collect")))), SUBMIT),
    "import data": (lambda d: setattr(d.Root, "OpenAction", _action("ImportData", F=String("data.fdf"))), IMPORT),
    "go to a remote file": (lambda d: _annotation(d, Subtype=Name.Link, A=_action(
        "GoToR", F=String("\\\\server\\share\\a.pdf"), D=Array([0, Name.Fit]))), OTHER_FILE),
    "go to an embedded file": (lambda d: setattr(d.Root, "OpenAction", _action("GoToE", T=Dictionary(R=Name.C))),
                               OTHER_FILE),
    "rich media": (lambda d: _annotation(d, Subtype=Name.RichMedia), MEDIA),
    "rendition": (lambda d: setattr(d.Root, "OpenAction", _action("Rendition", OP=1)), MEDIA),
    "embedded file": (lambda d: d.attachments.__setitem__("a.txt", pikepdf.AttachedFileSpec(d, b"x", filename="a.txt")),
                      EMBEDDED),
    "file attachment annotation": (lambda d: _annotation(d, Subtype=Name.FileAttachment, FS=pikepdf.AttachedFileSpec(
        d, b"x", filename="b.txt").obj), EMBEDDED),
    "associated file (PDF 2.0)": (lambda d: setattr(d.Root, "AF", Array([d.make_indirect(Dictionary(
        Type=Name.Filespec, F=String("c.xml"), EF=Dictionary(F=d.make_stream(b"<x/>"))))])), EMBEDDED),
    "xfa form": (lambda d: setattr(d.Root, "AcroForm", Dictionary(Fields=Array([]), XFA=d.make_stream(b"<xdp/>"))), XFA),
    "file link": (lambda d: _annotation(d, Subtype=Name.Link, A=_action("URI", URI=String("file:///C:/Windows/x.exe"))),
                  LINK),
    "network path link": (lambda d: _annotation(d, Subtype=Name.Link, A=_action("URI", URI=String("\\\\10.0.0.9\\x"))),
                          LINK),
    "javascript link": (lambda d: _annotation(d, Subtype=Name.Link, A=_action("URI", URI=String("java\tscript:x()"))),
                        LINK),
}


@pytest.mark.parametrize("case", ACTIVE)
def test_active_content_is_named(case: str):
    edit, found = ACTIVE[case]
    assert pdf.read(make(edit)).active == (found,)


def test_several_kinds_are_named_together():
    def edit(d: pikepdf.Pdf) -> None:
        for case in ("javascript on open", "xfa form", "embedded file"):
            ACTIVE[case][0](d)

    assert pdf.read(make(edit)).active == tuple(sorted([JS, XFA, EMBEDDED]))


def test_harmless_actions_pass():
    def edit(d: pikepdf.Pdf) -> None:
        links = [d.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9], A=a)) for a in (
            _action("URI", URI=String("https://thanhtra.langson.gov.vn/")),
            _action("URI", URI=String("mailto:vanphong@mau.gov.vn")),
            _action("URI", URI=String("www.langson.gov.vn")),
            _action("Named", N=Name.NextPage),
            _action("GoTo", D=Array([d.pages[0].obj, Name.Fit])))]
        d.pages[0].obj.Annots = Array(links)
        d.Root.OpenAction = Array([d.pages[0].obj, Name.Fit])
        d.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))

    assert pdf.read(make(edit)) == pdf.Reading((), (), False)


def test_active_content_message(valid_copy: Path):
    found = attach(valid_copy, make(ACTIVE["javascript on open"][0]))
    assert [p.line_text() for p in found] == [
        f"{valid_copy}/{RECORD}:16: attachment-active-content: Tệp đính kèm “tep/gt-001.pdf” chứa thành phần không "
        "phải văn bản, có thể chạy mã hoặc gửi dữ liệu ra ngoài: JavaScript. Cách sửa: In lại văn bản ra PDF "
        "(Windows: Tệp → In → chọn máy in “Microsoft Print to PDF”; hoặc mở trong trình duyệt và chọn In → Lưu dưới "
        "dạng PDF), hoặc xuất lại từ Word bằng Tệp → Lưu thành → PDF; ký số lại nếu cần rồi đính kèm tệp mới. Không "
        "đính kèm biểu mẫu điền được, tệp có tệp khác gói bên trong hay nút bấm, mã lệnh."]
    assert found[0].is_error and found[0].field == "document"


# --- files that cannot be read ------------------------------------------------------------------

CLEAN = make()


@pytest.mark.parametrize(("data", "detail"), [
    (CLEAN[: len(CLEAN) * 2 // 3], "tệp bị hỏng hoặc không đúng cấu trúc PDF"),  # an upload cut short
    (CLEAN.replace(b"startxref", b"startxrex"), "tệp bị hỏng hoặc không đúng cấu trúc PDF"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 4, "tệp bị hỏng hoặc không đúng cấu trúc PDF"),
    (make(lambda d: None), ""),  # control: the same file whole
])
def test_damaged_file_is_unreadable(valid_copy: Path, data: bytes, detail: str):
    found = attach(valid_copy, data)
    assert lines(found) == ([f"16: attachment-unreadable: Không đọc được tệp đính kèm “tep/gt-001.pdf” như một tệp "
                             f"PDF: {detail}. Cách sửa: Mở thử tệp trên máy. Tệp hỏng hoặc tải lên dở dang: xuất lại "
                             "PDF từ văn bản gốc (hoặc quét lại bản giấy) rồi đính kèm lại. Tệp có mật khẩu mở: lưu lại "
                             "bản không đặt mật khẩu; văn bản công khai không cần mật khẩu."] if detail else [])


def _encrypted(user: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.Pdf.open(io.BytesIO(make(info={"Author": "Nguyễn Văn An"}))) as doc:
        doc.save(out, encryption=pikepdf.Encryption(owner="chu-so-huu", user=user))
    return out.getvalue()


def test_a_password_to_open_is_unreadable_and_a_permissions_password_is_not(valid_copy: Path):
    assert [(p.code, p.detail) for p in attach(valid_copy, _encrypted("mat-khau"))] == [
        ("attachment-unreadable", "tệp được đặt mật khẩu")]
    # Restrictions only (empty user password): readable, its metadata decrypted and checked.
    assert pdf.read(_encrypted("")).metadata == (("Author", "Nguyễn Văn An"),)
    assert not pikepdf.Pdf.open(io.BytesIO(pdf.without_metadata(_encrypted("")))).is_encrypted


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_hostile_bytes_never_crash_the_reader(data: st.DataObject):
    base = make(ACTIVE["xfa form"][0], info={"Author": "Nguyễn Văn An"}, xmp={"dc:title": "Giải trình"})
    cut = data.draw(st.integers(0, len(base) - 1))
    noise = data.draw(st.binary(max_size=40))
    mutated = base[:cut] + noise + base[cut + data.draw(st.integers(0, 40)):]
    try:
        reading = pdf.read(mutated)
    except pdf.Unreadable:
        return
    assert isinstance(reading, pdf.Reading)
    pdf.without_metadata(mutated)


def test_an_inflate_bomb_in_xmp_is_read_bounded():
    doc = pikepdf.Pdf.new()
    doc.add_blank_page()
    bomb = zlib.compress(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + b" " * 300_000_000, 9)
    # On the page, without /Type: qpdf itself inflates the streams it knows as metadata when it writes.
    doc.pages[0].obj.Metadata = pikepdf.Stream(doc, bomb, Subtype=Name.XML, Filter=Name.FlateDecode)
    doc.pages[0].obj.Contents = pikepdf.Stream(doc, bomb, Filter=Name.FlateDecode)
    out = io.BytesIO()
    doc.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)  # as it is
    data = out.getvalue()
    assert len(data) < 1_000_000
    started = time.perf_counter()
    assert pdf.read(data).metadata == (("XMP", "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"),)  # cut at 1 MB: no XML
    stripped = pdf.without_metadata(data)
    assert len(stripped) < 1_000_000 and time.perf_counter() - started < 5


# --- metadata ------------------------------------------------------------------------------------

def test_personal_data_in_metadata_is_an_error(valid_copy: Path):
    data = make(info={"Title": "Đơn của công dân, liên hệ 0912 345 678", "Subject": "CCCD 001165001234",
                      "Keywords": "dat dai", "Creator": "Microsoft Word", "Producer": "an.nguyen@gmail.com"},
                xmp={"dc:description": "gửi về nguyenvanan@yahoo.com"})
    found = attach(valid_copy, data)
    assert {(p.code, dict(p.extra)["property"], p.detail) for p in found} == {
        ("attachment-metadata-personal", "Title", "số điện thoại cá nhân (091…78)"),
        ("attachment-metadata-personal", "Subject", "số giấy tờ tùy thân (001…34)"),
        ("attachment-metadata-personal", "Producer", "địa chỉ thư điện tử cá nhân (a…@gmail.com)"),
        ("attachment-metadata-personal", "XMP dc:description", "địa chỉ thư điện tử cá nhân (n…@yahoo.com)")}
    assert all(p.is_error for p in found)
    title = next(p for p in found if dict(p.extra)["property"] == "Title")
    assert title.line_text() == (
        f"{valid_copy}/{RECORD}:16: attachment-metadata-personal: Thuộc tính “Title” của tệp đính kèm “tep/gt-001.pdf” "
        "chứa số điện thoại cá nhân (091…78). Cách sửa: Xóa thông tin cá nhân khỏi thuộc tính của tệp gốc rồi xuất "
        "lại PDF: trong Word chọn Tệp → Thông tin → Kiểm tra vấn đề → Kiểm tra tài liệu → “Xóa tất cả” ở mục Thuộc "
        "tính tài liệu và thông tin cá nhân; hoặc in lại ra PDF (Microsoft Print to PDF). Tệp gốc nằm trong kho dữ "
        "liệu công khai, nên phải sửa cả khi cổng xóa thuộc tính ở bản đăng.")
    assert "0912" not in title.line_text() and "001165" not in " ".join(lines(found))
    assert title.message("en").startswith(
        "Property “Title” of attachment “tep/gt-001.pdf” holds personal data: số điện thoại cá nhân (091…78).")


def test_official_contacts_and_machine_identifiers_in_metadata_pass(valid_copy: Path):
    data = make(info={"Author": "UBND xã An Bình", "Subject": "Liên hệ 0205 3800 111, ubnd@anbinh.mau.gov.vn",
                      "Creator": "Microsoft® Word cho Microsoft 365", "CreationDate": "D:20260316101530+07'00'"},
                xmp={"xmpMM:DocumentID": "uuid:11112222-3333-4444-5555-020165001234",
                     "xmp:CreateDate": "2026-03-16T10:15:30+07:00", "dc:creator": ["UBND xã An Bình"]})
    assert attach(valid_copy, data) == []


def test_xmp_shorthand_attributes_are_read():
    packet = ('<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core"><rdf:RDF '
              'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
              'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Producer="hoa.le@gmail.com"/></rdf:RDF></x:xmpmeta>')

    def edit(d: pikepdf.Pdf) -> None:
        d.Root.Metadata = pikepdf.Stream(d, packet.encode(), Type=Name.Metadata, Subtype=Name.XML)

    assert pdf.read(make(edit)).metadata == (("XMP pdf:Producer", "hoa.le@gmail.com"),)
    broken = packet.replace("</rdf:RDF>", "")  # not XML: scanned whole
    assert pdf.read(make(lambda d: setattr(d.Root, "Metadata", pikepdf.Stream(
        d, broken.encode(), Type=Name.Metadata, Subtype=Name.XML)))).metadata == (("XMP", broken),)


AUTHOR = "Nguyễn Văn An"


def _signed(edit: Callable[[pikepdf.Pdf], None] | None = None) -> Callable[[pikepdf.Pdf], None]:
    """A signature field with a signature value, as signing tools write it (the value is not a
    real signature: the portal does not verify signatures, it only must not break them)."""
    def sign(d: pikepdf.Pdf) -> None:
        value = d.make_indirect(Dictionary(Type=Name.Sig, Filter=Name("/Adobe.PPKLite"), SubFilter=Name("/adbe.pkcs7.detached"),
                                           ByteRange=Array([0, 10, 20, 30]), Contents=String(b"\0" * 16)))
        field = d.make_indirect(Dictionary(FT=Name.Sig, T=String("Chữ ký"), V=value, Type=Name.Annot,
                                           Subtype=Name.Widget, Rect=[0, 0, 0, 0]))
        d.pages[0].obj.Annots = Array([field])
        d.Root.AcroForm = Dictionary(Fields=Array([field]), SigFlags=3)
        if edit:
            edit(d)
    return sign


@pytest.mark.parametrize(("portal", "signed", "expected"), [
    ("", False, []),  # stripped by default: nothing to say
    ("strip_pdf_metadata: true", False, []),
    ("strip_pdf_metadata: false", False,
     ["16: attachment-metadata-author: Tác giả ghi trong thuộc tính “Author” của tệp đính kèm “tep/gt-001.pdf” có vẻ là "
      "tên một cá nhân (N.V.A.; cổng không xóa thuộc tính ở bản đăng vì strip_pdf_metadata: false). Cách sửa: Trước "
      "khi xuất PDF, ghi tên đơn vị làm tác giả hoặc xóa tác giả (Word: Tệp → Thông tin → Thuộc tính → Tác giả). Cổng "
      "tự xóa thuộc tính ở bản đăng khi data/portal.yaml có strip_pdf_metadata: true, trừ tệp có chữ ký số (xóa sẽ làm "
      "hỏng chữ ký)."]),
    ("", True, ["16: attachment-metadata-author: Tác giả ghi trong thuộc tính “Author” của tệp đính kèm "
                "“tep/gt-001.pdf” có vẻ là tên một cá nhân (N.V.A.; tệp có chữ ký số nên cổng không xóa thuộc tính ở "
                "bản đăng)."]),
])
def test_a_private_author_is_a_warning_unless_stripped(valid_copy: Path, portal: str, signed: bool,
                                                       expected: list[str]):
    data = make(_signed() if signed else None, info={"Author": AUTHOR})
    found = attach(valid_copy, data, portal)
    assert [line.split(" Cách sửa")[0] if signed else line for line in lines(found)] == expected
    assert not any(p.is_error for p in found)
    assert AUTHOR not in " ".join(lines(found))


@pytest.mark.parametrize(("author", "private"), [
    ("Nguyễn Văn An", True), ("Nguyen Van An", True), ("Lê Thị Hoa", True), ("NGUYỄN VĂN AN", True),
    ("Đoàn Văn Hậu", True), ("Nguyễn Thanh Phong", True), ("Nguyen Van Phong", True), ("John Smith", True),
    ("UBND xã An Bình", False), ("Ủy ban nhân dân xã An Bình", False), ("Phòng Tư Pháp", False),
    ("Văn Phòng Ubnd", False), ("An Bình", False),  # part of a unit's name
    ("Windows User", False), ("Microsoft Office User", False), ("Admin", False), ("nguyenvanan", False),
    ("HP LASERJET", False), ("Trường THCS Kim Đồng", False), ("Văn Thư", False), ("", False),
])
def test_private_person_rule(author: str, private: bool):
    assert attachments.private_person(author, {"ubnd xã an bình"}) is private


def test_a_warning_level_hit_stays_a_warning(valid_copy: Path, monkeypatch: pytest.MonkeyPatch):
    """A personal-data kind that privacy.scan reports as a warning (a sensitive word) is a warning
    in metadata too: the same rules, the same severity."""
    from generator.check import privacy
    from generator.problems import CATALOGUE, Kind

    monkeypatch.setitem(CATALOGUE, "sensitive-test", Kind("sensitive-test", "warning", "x", "x", "x", "x"))
    monkeypatch.setattr(privacy, "scan", lambda text, *rest: [privacy.Hit("sensitive-test", 0, 4, text[:4])]
                        if "Phật" in text else [])
    found = attach(valid_copy, make(info={"Keywords": "Phật giáo"}))
    assert [(p.code, p.is_error, p.detail) for p in found] == [("attachment-metadata-sensitive", False,
                                                               "sensitive-test (…)")]


# --- the published copy --------------------------------------------------------------------------

PERSONAL = {"Author": AUTHOR, "Title": "Giải trình cho ông N.V.A.", "Creator": "Microsoft Word",
            "Producer": "Microsoft Word", "Subject": "Khiếu nại đất đai", "Keywords": "An, đất"}


def _built(valid_copy: Path, tmp_path: Path, data: bytes, portal: str = "", name: str = "site") -> tuple[bytes, str]:
    found = attach(valid_copy, data, portal)
    assert not any(p.is_error for p in found), lines(found)
    result = build(valid_copy, tmp_path / name, AS_OF)
    assert not [p for p in result.problems if p.is_error]
    site = tmp_path / name
    rows = csv.DictReader(io.StringIO((site / "du-lieu-mo" / "explanations.csv").read_text("utf-8")))
    digest = next(r["document_sha256"] for r in rows if r["id"] == "xa-a-2026-001")
    return (site / "tep" / "xa-a" / "gt-001.pdf").read_bytes(), digest


def test_published_copy_has_no_metadata_and_its_hash_is_the_published_bytes(valid_copy: Path, tmp_path: Path):
    data = make(info=PERSONAL, xmp={"dc:creator": [AUTHOR], "dc:title": "Giải trình", "pdf:Producer": "Word"})
    published, digest = _built(valid_copy, tmp_path, data)
    assert published != data
    assert digest == hashlib.sha256(published).hexdigest()
    with pikepdf.Pdf.open(io.BytesIO(published)) as doc:
        assert "/Info" not in doc.trailer and "/Metadata" not in doc.Root
        assert len(doc.pages) == 1
    assert pdf.read(published).metadata == ()
    for text in ("Nguy", AUTHOR, "Microsoft"):
        assert text.encode() not in published and text.encode("utf-16-be") not in published
    # The same input gives the same bytes, build after build (reproducible builds).
    assert _built(valid_copy, tmp_path, data, name="again")[0] == published


def test_a_citizens_name_in_the_title_is_an_error_as_in_a_record(valid_copy: Path):
    """The original file sits in the public data repository: stripping the published copy does
    not make a citizen's name in its properties private. The author properties are judged by the
    author rule above instead (they name whoever made the file)."""
    found = attach(valid_copy, make(info={"Title": "Giải trình cho ông Nguyễn Văn An", "Author": AUTHOR}))
    assert [(p.code, p.detail, dict(p.extra).get("property")) for p in found] == [
        ("attachment-metadata-personal", "họ tên của một cá nhân (N.V.A.)", "Title")]


def test_no_stripping_when_the_setting_is_off(valid_copy: Path, tmp_path: Path):
    data = make(info={"Title": "Giải trình", "Creator": "Microsoft Word"})
    published, digest = _built(valid_copy, tmp_path, data, "strip_pdf_metadata: false")
    assert published == data and digest == hashlib.sha256(data).hexdigest()


def test_a_file_without_metadata_and_a_signed_file_are_published_as_they_are(valid_copy: Path, tmp_path: Path):
    assert pdf.without_metadata(CLEAN) is None
    signed = make(_signed(), info={"Title": "Giải trình số 52/UBND-VP"})
    assert pdf.read(signed).signed and pdf.without_metadata(signed) is None
    published, digest = _built(valid_copy, tmp_path, signed)
    assert published == signed and digest == hashlib.sha256(signed).hexdigest()


def test_a_pdfa_file_keeps_its_identification():
    data = make(info={"Author": AUTHOR}, xmp={"pdfaid:part": "2", "pdfaid:conformance": "B", "dc:creator": [AUTHOR]})
    stripped = pdf.without_metadata(data)
    with pikepdf.Pdf.open(io.BytesIO(stripped)) as doc:
        packet = doc.Root.Metadata.read_bytes()
        meta = doc.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert "dc:creator" not in meta
    assert AUTHOR.encode() not in packet
    assert pdf.read(stripped).metadata == ()


def test_metadata_in_page_and_image_objects_is_stripped_too():
    def edit(d: pikepdf.Pdf) -> None:
        d.pages[0].obj.Metadata = d.make_stream(f"<x>{AUTHOR}</x>".encode(), Type=Name.Metadata, Subtype=Name.XML)
        d.pages[0].obj.PieceInfo = Dictionary(Word=Dictionary(Private=String(AUTHOR)))

    data = make(edit)
    assert ("XMP x", AUTHOR) in pdf.read(data).metadata
    stripped = pdf.without_metadata(data)
    assert AUTHOR.encode() not in stripped and pdf.read(stripped).metadata == ()


# --- the setting ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["yes please", "1", "[true]", "''"])
def test_strip_setting_must_be_true_or_false(valid_copy: Path, value: str):
    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8") + f"strip_pdf_metadata: {value}\n", encoding="utf-8")
    found = [p for p in check_data(valid_copy, AS_OF).problems if p.code == "config-invalid"]
    assert [(p.line, p.field) for p in found] == [(8, "strip_pdf_metadata")]
    assert found[0].message().startswith("Tệp cấu hình không hợp lệ ở trường “strip_pdf_metadata”: “")
    assert "phải là true (xóa thuộc tính tệp PDF ở bản đăng) hoặc false." in found[0].message()


@pytest.mark.parametrize(("line", "expected"), [("", True), ("strip_pdf_metadata: true", True),
                                                ("strip_pdf_metadata: false", False)])
def test_strip_setting_is_read(valid_copy: Path, line: str, expected: bool):
    from generator.check import settings
    from generator.load import data_folder as load

    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    conf = settings.read(load.load(valid_copy))
    assert conf.problems == [] and conf.portal.strip_pdf_metadata is expected


def test_every_pdf_kind_is_complete_in_both_languages():
    from generator.problems import CATALOGUE

    severities = {"attachment-unreadable": "error", "attachment-active-content": "error",
                  "attachment-metadata-personal": "error", "attachment-metadata-sensitive": "warning",
                  "attachment-metadata-author": "warning"}
    for code, severity in severities.items():
        kind = CATALOGUE[code]
        assert kind.severity == severity, code
        assert kind.vi != kind.en and kind.hint_vi != kind.hint_en, code
        assert "{" not in "".join(kind.generic()), code  # the catalogue page renders every placeholder
