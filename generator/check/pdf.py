"""What a PDF attachment carries besides its pages, read with pikepdf (qpdf), never with patterns.

An attachment is published as a document, nothing more. Refused (see `Reading.active`):

- JavaScript anywhere (document-level name tree, open action, annotation or form actions);
- actions that leave the document: Launch (run a program or open a file), SubmitForm and
  ImportData (send or read form data), GoToR, GoToE and GoToDp (open another or an embedded
  file; GoToR to a network path leaks the reader's Windows credentials), and links whose scheme
  is not http, https or mailto;
- multimedia that can carry scripts or players (Rendition, RichMedia, 3D, Screen, Sound, Movie);
- embedded files (the EmbeddedFiles name tree, file attachment annotations, any file
  specification with an embedded stream) and XFA forms.

Harmless actions stay allowed: GoTo (a page of the same document), URI to a web page or a
mail address, Named (next page, print…), Thread. Every object of the file is looked at, also
objects no page refers to, so nothing can be hidden in a place only some readers look.

Metadata: the document information dictionary (Author, Creator, Producer, Title, Subject,
Keywords and any custom entry) and the XMP packets are read as text for the personal-data
scan. A copy without them (`without_metadata`) is written by qpdf with a deterministic /ID, so
the same input gives the same bytes on every build. A digitally signed PDF is never rewritten:
any rewrite breaks its signature, which is what lets a reader trust the document.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

# Action types (/S) that are refused, with what a clerk is told about them.
RISKY_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "hành động Launch (chạy chương trình, mở tệp khác)",
    "/SubmitForm": "hành động SubmitForm (gửi dữ liệu biểu mẫu ra ngoài)",
    "/ImportData": "hành động ImportData (nạp dữ liệu từ tệp khác)",
    "/GoToR": "liên kết mở tệp khác (GoToR/GoToE)",
    "/GoToE": "liên kết mở tệp khác (GoToR/GoToE)",
    "/GoToDp": "liên kết mở tệp khác (GoToR/GoToE)",
    "/Rendition": "nội dung đa phương tiện",
    "/RichMediaExecute": "nội dung đa phương tiện",
    "/Sound": "nội dung đa phương tiện",
    "/Movie": "nội dung đa phương tiện",
}
MEDIA_ANNOTATIONS = {"/RichMedia", "/3D", "/Screen", "/Sound", "/Movie"}
JAVASCRIPT = "JavaScript"
EMBEDDED = "tệp nhúng (tệp khác gói bên trong PDF)"
XFA = "biểu mẫu XFA"
BAD_LINK = "liên kết không phải trang web hoặc thư điện tử"
WEB_SCHEMES = ("http", "https", "mailto")
MAX_XMP_BYTES = 1 << 20  # an XMP packet is a few kilobytes; a larger one is not read (no inflate bomb)
# XMP properties that are machine identifiers or dates, not text a person wrote: not scanned, as a
# UUID's last group of 12 digits would read as an ID number.
_XMP_SKIP_NS = ("http://ns.adobe.com/xap/1.0/mm/", "http://www.aiim.org/pdfa/ns/id/")
_XMP_PREFIX = {"http://purl.org/dc/elements/1.1/": "dc", "http://ns.adobe.com/xap/1.0/": "xmp",
               "http://ns.adobe.com/pdf/1.3/": "pdf", "http://ns.adobe.com/photoshop/1.0/": "photoshop",
               "http://ns.adobe.com/pdfx/1.3/": "pdfx"}
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
AUTHOR_FIELDS = ("Author", "XMP dc:creator")


class Unreadable(Exception):
    """The file is no PDF qpdf can read as it is (damaged, truncated) or needs a password."""


@dataclass(frozen=True)
class Reading:
    active: tuple[str, ...]  # what the file carries besides a document (RISKY_ACTIONS… labels), sorted
    metadata: tuple[tuple[str, str], ...]  # (where, text): "Author", "Title", "XMP dc:creator"…
    signed: bool  # carries a digital signature: never rewritten


def _open(data: bytes) -> pikepdf.Pdf:
    try:
        # No recovery: a damaged or truncated file is refused rather than published half-repaired.
        return pikepdf.Pdf.open(io.BytesIO(data), attempt_recovery=False)
    except pikepdf.PasswordError as err:
        raise Unreadable("tệp được đặt mật khẩu") from err
    except (pikepdf.PdfError, RuntimeError, ValueError) as err:
        raise Unreadable("tệp bị hỏng hoặc không đúng cấu trúc PDF") from err


def read(data: bytes) -> Reading:
    """Everything the checks need to know about one PDF; Unreadable when qpdf cannot read it."""
    with _open(data) as pdf:
        try:
            dicts = list(_dicts(pdf))  # walked once for the three questions
            return Reading(tuple(sorted(set(_active(pdf, dicts)))), tuple(_metadata(pdf, dicts)), _signed(pdf, dicts))
        except (pikepdf.PdfError, RuntimeError, ValueError, RecursionError) as err:
            raise Unreadable("tệp bị hỏng hoặc không đúng cấu trúc PDF") from err


def _dicts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every dictionary and stream of the file: the indirect objects and the direct ones inside
    them (an annotation's /A is often written in place)."""
    for obj in pdf.objects:
        stack = [obj]
        while stack:
            item = stack.pop()
            if isinstance(item, Stream | Dictionary):
                yield item
                values = [item[key] for key in item.keys()]  # pikepdf 9 and 10.0 have no .values()
            elif isinstance(item, Array):
                values = list(item)
            else:
                continue
            stack.extend(v for v in values if isinstance(v, Dictionary | Array | Stream) and not v.is_indirect)


def _active(pdf: pikepdf.Pdf, dicts: list[pikepdf.Object]) -> Iterator[str]:
    names = pdf.Root.get("/Names")
    if isinstance(names, Dictionary):
        if "/JavaScript" in names:
            yield JAVASCRIPT
        if "/EmbeddedFiles" in names:
            yield EMBEDDED
    if "/Collection" in pdf.Root:
        yield EMBEDDED  # a PDF portfolio
    for d in dicts:
        action = d.get("/S")
        # A structure element (/P, /K) may have a custom type of any name: not an action.
        if isinstance(action, Name) and str(action) in RISKY_ACTIONS and not ("/P" in d and "/K" in d):
            yield RISKY_ACTIONS[str(action)]
        if "/JS" in d:
            yield JAVASCRIPT
        if action == Name.URI and _bad_uri(d.get("/URI")):
            yield BAD_LINK
        if "/EF" in d or d.get("/Type") == Name.EmbeddedFile or d.get("/Subtype") == Name.FileAttachment:
            yield EMBEDDED
        if d.get("/Subtype") in MEDIA_ANNOTATIONS and d.get("/Type") != Name.XObject:
            yield RISKY_ACTIONS["/Rendition"]
        if "/XFA" in d:
            yield XFA


def _bad_uri(uri: object) -> bool:
    """A link that is not to a web page or a mail address: another scheme (file:, javascript:…,
    invisible characters ignored as readers do) or a Windows network path (\\\\server\\share).
    A link without a scheme (www.langson.gov.vn) is relative to the web: allowed."""
    if not isinstance(uri, pikepdf.String):
        return uri is not None
    text = re.sub(r"[\x00-\x20\u200b-\u200d\ufeff]", "", str(uri))
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", text)
    return "\\" in text or (scheme is not None and scheme.group(1).lower() not in WEB_SCHEMES)


def _signed(pdf: pikepdf.Pdf, dicts: list[pikepdf.Object]) -> bool:
    return "/Perms" in pdf.Root or any(
        d.get("/Type") in (Name.Sig, Name.DocTimeStamp) or "/ByteRange" in d for d in dicts)


def _metadata(pdf: pikepdf.Pdf, dicts: list[pikepdf.Object]) -> Iterator[tuple[str, str]]:
    info = pdf.trailer.get("/Info")
    if isinstance(info, Dictionary):
        for key in info.keys():
            value = info[key]
            if isinstance(value, pikepdf.String) and key not in ("/CreationDate", "/ModDate"):
                text = str(value).strip()
                if text:
                    yield key.lstrip("/"), text
    for d in dicts:
        xmp = d.get("/Metadata")
        if isinstance(xmp, Stream):
            yield from _xmp(_stream_bytes(xmp))


def _stream_bytes(stream: Stream) -> bytes:
    """The decoded bytes of a small stream, at most MAX_XMP_BYTES whatever it inflates to."""
    filters = stream.get("/Filter")
    if isinstance(filters, Array) and len(filters) == 1:
        filters = filters[0]
    raw = stream.read_raw_bytes()
    if filters is None:
        return raw[:MAX_XMP_BYTES]
    if filters == Name.FlateDecode and "/DecodeParms" not in stream:
        try:
            return zlib.decompressobj().decompress(raw, MAX_XMP_BYTES)
        except zlib.error:
            return b""
    if len(raw) <= MAX_XMP_BYTES // 256:  # other filters (ASCII85, LZW…): small ones only
        try:
            return stream.read_bytes()[:MAX_XMP_BYTES]
        except pikepdf.PdfError:
            return b""
    return b""


def _xmp(packet: bytes) -> Iterator[tuple[str, str]]:
    """The text values of an XMP packet, named by their property (dc:creator, pdf:Producer…).
    A packet that is not well-formed XML is scanned as a whole."""
    text = packet.decode("utf-8", errors="replace")
    try:
        root = ET.fromstring(packet)
    except ET.ParseError:
        if text.strip():
            yield "XMP", text.strip()
        return

    def name(tag: str) -> str | None:
        ns, _, local = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        if ns in _XMP_SKIP_NS or local.endswith("Date"):
            return None
        if not ns:
            return f"XMP {local}"
        return f"XMP {_XMP_PREFIX.get(ns, ns.rstrip('/#').rsplit('/', 1)[-1])}:{local}"

    stack: list[tuple[ET.Element, str | None]] = [(root, "XMP")]
    while stack:
        elem, label = stack.pop()
        if elem.tag.startswith(f"{{{_RDF}}}") or elem.tag.startswith("{adobe:ns:meta/}"):
            here = label
            # rdf:Description pdf:Producer="…" is shorthand for a property; x:xmptk names the toolkit
            shorthand = label is not None and elem.tag.startswith(f"{{{_RDF}}}")
            for attr, value in elem.attrib.items() if shorthand else ():
                if not attr.startswith((f"{{{_RDF}}}", "{http://www.w3.org/XML/1998/namespace}")):
                    where = name(attr)
                    if where and value.strip():
                        yield where, value.strip()
        else:
            here = name(elem.tag) if label is not None else None
        if here is not None and elem.text and elem.text.strip() and here != "XMP":
            yield here, elem.text.strip()
        stack.extend((child, here) for child in reversed(list(elem)))


def authors(reading: Reading) -> list[tuple[str, str]]:
    return [(where, text) for where, text in reading.metadata if where in AUTHOR_FIELDS]


def without_metadata(data: bytes) -> bytes | None:
    """The PDF without its document information and XMP metadata (nor application private data,
    /PieceInfo), written with a deterministic /ID; None when there is nothing to remove or the
    file is signed (then it is published as it is)."""
    with _open(data) as pdf:
        dicts = list(_dicts(pdf))
        if _signed(pdf, dicts):
            return None
        holders = [d for d in dicts if "/Metadata" in d or "/PieceInfo" in d]
        info = pdf.trailer.get("/Info")
        if not holders and not (isinstance(info, Dictionary) and len(info)):
            return None
        root_xmp = pdf.Root.get("/Metadata")
        pdfa = _pdfa_id(_stream_bytes(root_xmp)) if isinstance(root_xmp, Stream) else None
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        for d in holders:
            for key in ("/Metadata", "/PieceInfo"):
                if key in d:
                    del d[key]
        if pdfa is not None:  # PDF/A needs its identification in XMP: only that is kept
            pdf.Root.Metadata = Stream(pdf, _minimal_xmp(*pdfa), Type=Name.Metadata, Subtype=Name.XML)
        out = io.BytesIO()
        # Stream data is copied as it is, never inflated and compressed again: faster, the images
        # keep their bytes, and a compressed bomb stays a few kilobytes.
        pdf.save(out, deterministic_id=True, fix_metadata_version=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none)
        return out.getvalue()


def _pdfa_id(packet: bytes) -> tuple[str, str] | None:
    """The PDF/A part and conformance level an XMP packet declares, if any."""
    try:
        root = ET.fromstring(packet)
    except ET.ParseError:
        return None
    ns = "{http://www.aiim.org/pdfa/ns/id/}"
    found: dict[str, str] = {}
    for elem in root.iter():
        found.update((k[len(ns):], v.strip()) for k, v in elem.attrib.items() if k.startswith(ns))
        if elem.tag.startswith(ns) and elem.text:
            found[elem.tag[len(ns):]] = elem.text.strip()
    part = found.get("part", "")
    return (part, found.get("conformance", "")) if part.isdigit() and len(part) < 3 else None


def _minimal_xmp(part: str, conformance: str) -> bytes:
    level = f"<pdfaid:conformance>{conformance}</pdfaid:conformance>" if conformance in ("A", "B", "U") else ""
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
            f"<pdfaid:part>{part}</pdfaid:part>{level}</rdf:Description></rdf:RDF></x:xmpmeta>"
            '<?xpacket end="w"?>').encode()
