"""Broken and malicious files are rejected, each with its own problem code and an exact
message, and never with a traceback: encodings, BOM, NFC, control and bidi characters,
duplicate keys, object tags, alias bombs, deep nesting, size, unsafe ids and links."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import AS_OF

from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.load import data_folder as load
from generator.load import yaml_safe
from generator.load.data_folder import read_record_file
from generator.model import model
from generator.publish import export

RECORD = "xa-a/giai-trinh/xa-a-2026-002.yaml"


def _errors(data: Path) -> list[str]:
    return [p.line_text() for p in check_data(data, AS_OF).problems if p.is_error]


def _write(valid_copy: Path, rel: str, raw: bytes) -> Path:
    f = valid_copy / rel
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_bytes(raw)
    return f


def _record(valid_copy: Path) -> bytes:
    return (valid_copy / RECORD).read_bytes()


def test_non_utf8_file_is_named(valid_copy: Path):
    raw = _record(valid_copy).decode("utf-8").encode("cp1258", errors="replace")
    _write(valid_copy, RECORD, raw)
    errors = _errors(valid_copy)
    assert len(errors) == 1
    # Plain words for a clerk: no byte value, and no Excel hint for a YAML file.
    assert errors[0] == (f"{valid_copy}/{RECORD}:7: file-encoding: Tệp không phải UTF-8 nên chữ tiếng Việt trong tệp "
                         "không đọc được. Cách sửa: Mở tệp bằng Notepad, chọn Lưu thành (Save As), ở ô Mã hóa "
                         "(Encoding) chọn UTF-8 rồi lưu.")


def test_utf8_with_bom_is_accepted(valid_copy: Path):
    _write(valid_copy, RECORD, b"\xef\xbb\xbf" + _record(valid_copy))
    units = valid_copy / "units.csv"
    units.write_bytes(b"\xef\xbb\xbf" + units.read_bytes())
    assert _errors(valid_copy) == []
    assert {r.values["id"] for r in load.load(valid_copy).records["units"]} == {"tinh", "xa-a"}


def test_nfd_text_is_published_as_nfc(valid_copy: Path):
    text = _record(valid_copy).decode("utf-8")
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    _write(valid_copy, RECORD, nfd.encode("utf-8"))
    rec = next(r for r in load.load(valid_copy).records["explanations"] if r.values["id"] == "xa-a-2026-002")
    assert rec.values["subject"] == "Giấy phép xây dựng nhà xưởng bị từ chối"
    assert unicodedata.is_normalized("NFC", rec.values["subject"])
    assert _errors(valid_copy) == []
    checked = check_data(valid_copy, AS_OF)
    files = export.export(model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF))
    published = files["du-lieu-mo/explanations.csv"].decode("utf-8")
    assert "Giấy phép xây dựng nhà xưởng bị từ chối" in published
    assert unicodedata.is_normalized("NFC", published)


@pytest.mark.parametrize(("char", "name"), [("\x07", "U+0007"), ("\x1b", "U+001B"), ("\u202e", "U+202E"),
                                            ("\u2066", "U+2066"), ("\x85", "U+0085"), ("\u2028", "U+2028")])
def test_control_and_bidi_characters_are_rejected(valid_copy: Path, char: str, name: str):
    raw = _record(valid_copy).decode("utf-8").replace("nhà xưởng", f"nhà{char}xưởng", 1)
    _write(valid_copy, RECORD, raw.encode("utf-8"))
    assert _errors(valid_copy) == [
        f"{valid_copy}/{RECORD}:7: control-character: Trường “subject” chứa ký tự điều khiển không hiển thị được "
        f"({name}). Cách sửa: Gõ lại đoạn văn bản đó; thường do sao chép từ Word hoặc PDF."]


def test_duplicate_key_is_an_error(valid_copy: Path):
    _write(valid_copy, RECORD, _record(valid_copy) + b"field: dat_dai\n")
    assert _errors(valid_copy) == [
        f"{valid_copy}/{RECORD}:11: duplicate-key: Trường “field” được khai báo hai lần trong cùng hồ sơ (lần đầu ở "
        "dòng 6). Cách sửa: Xóa một trong hai dòng, giữ lại giá trị đúng."]


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['touch /tmp/gt-pwned']",
                                 "!!python/name:os.system", "!!binary aGVsbG8=", "!custom x",
                                 "!!map x", "!!seq x", "!!str {a: 1}", "[!!map x]"])
def test_object_tags_are_refused_and_never_run(valid_copy: Path, tag: str):
    _write(valid_copy, RECORD, _record(valid_copy) + f"answer: {tag}\n".encode())
    errors = _errors(valid_copy)
    assert len(errors) == 1 and f"{RECORD}:11: yaml-tag: Tệp YAML dùng thẻ không được phép" in errors[0]
    assert not Path("/tmp/gt-pwned").exists()


def test_billion_laughs_is_bounded(valid_copy: Path):
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        bomb += f"{name}: &{name} [" .encode() + b",".join([f"*{prev}".encode()] * 9) + b"]\n"
    _write(valid_copy, RECORD, bomb)
    assert _errors(valid_copy) == [
        f"{valid_copy}/{RECORD}:1: yaml-aliases: Tệp YAML dùng tham chiếu (&, *) mở rộng quá lớn (>20000 nút). "
        "Cách sửa: Không dùng neo (&) và tham chiếu (*); viết trực tiếp giá trị."]


def test_deep_nesting_is_a_syntax_problem_not_a_crash():
    records, problems = read_record_file(b"a: " + b"[" * 5000 + b"]" * 5000, "x.yaml", "explanations")
    assert records == []
    assert [p.line_text() for p in problems] == [
        "x.yaml:1: yaml-syntax: Tệp YAML sai cú pháp: các mức lồng nhau quá sâu. Cách sửa: Kiểm tra thụt lề "
        "(dùng dấu cách, không dùng Tab), dấu hai chấm sau tên trường và dấu nháy."]


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\nc: 2026-02-30\nd: yes\ne: 0x1f\nf: 1_000\ng: .inf\nh: ~\ni: 2026-01-01\nj: '7'\n",
    "x: &m {a: 1, b: [x, {c: 2026-01-01T10:00:00}]}\ny: *m\n", "&a [*a, 1]", "{1: 2, 2.5: x, 2026-01-01: d, null: n}",
    "? [1]\n: 2\n", "? {a: 1}\n: 2\n", "tasks:\n  - id: T1\n    title: Việc một\n  - id: T2\n", "plain text", "- 1\n- - 2\n",
])
def test_fast_construction_builds_what_pyyaml_builds(text: str):
    def built(make) -> str:
        loader = yaml_safe._Loader(text)
        try:
            return repr(make(loader))
        except Exception as exc:  # the same exception type, e.g. an unhashable key
            return type(exc).__name__
        finally:
            loader.dispose()

    ours = built(lambda loader: yaml_safe._construct(loader, loader.get_single_node(), {}))
    assert ours == built(lambda loader: loader.get_single_data())
    if "*m" in text:  # an alias is one object, as in PyYAML
        loader = yaml_safe._Loader(text)
        data = yaml_safe._construct(loader, loader.get_single_node(), {})
        assert data["x"] is data["y"]


def test_date_time_is_a_wrong_type_not_a_crash(valid_copy: Path):
    raw = _record(valid_copy).replace(b"received_on: 2026-10-01", b"received_on: 2026-10-01T08:00:00+07:00")
    _write(valid_copy, RECORD, raw)
    assert [e.split(": ")[1] for e in _errors(valid_copy)] == ["wrong-type"]


@pytest.mark.parametrize("value", ["!!timestamp hôm qua", "!!bool không", "!!timestamp 2026-13-01"])
def test_text_under_an_explicit_date_or_boolean_tag_is_a_wrong_type_not_a_crash(valid_copy: Path, value: str):
    raw = _record(valid_copy).replace(b"received_on: 2026-10-01", f"received_on: {value}".encode())
    _write(valid_copy, RECORD, raw)
    assert [e.split(": ")[1] for e in _errors(valid_copy)] == ["wrong-type"]


@pytest.mark.parametrize("value", ["!!int", "!!int _", "!!float -", "!!int xx"])
def test_an_explicit_number_tag_on_text_that_is_no_number_is_a_syntax_problem(valid_copy: Path, value: str):
    _write(valid_copy, RECORD, _record(valid_copy) + f"answer: {value}\n".encode())
    assert [e.split(": ")[1] for e in _errors(valid_copy)] == ["yaml-syntax"]


def test_file_too_large(valid_copy: Path):
    _write(valid_copy, RECORD, _record(valid_copy) + b"# " + b"x" * load.MAX_RECORD_BYTES + b"\n")
    size = (valid_copy / RECORD).stat().st_size
    assert _errors(valid_copy) == [
        f"{valid_copy}/{RECORD}:1: file-too-large: Tệp quá lớn ({size} byte, tối đa {load.MAX_RECORD_BYTES} byte). "
        "Cách sửa: Tách nội dung dài thành tệp đính kèm PDF, hoặc rút gọn nội dung."]


def test_path_climbing_id_is_rejected(valid_copy: Path):
    raw = _record(valid_copy).replace(b"id: xa-a-2026-002", b"id: ../../etc")
    _write(valid_copy, RECORD, raw)
    codes = sorted(e.split(": ")[1] for e in _errors(valid_copy))
    assert codes == ["bad-format", "id-not-filename", "id-unit-prefix"]


def test_hidden_files_are_never_read(valid_copy: Path):
    _write(valid_copy, "xa-a/giai-trinh/..yaml", b"id: ..\x07")
    _write(valid_copy, "xa-a/.git/config", b"\xff")
    assert _errors(valid_copy) == []


@pytest.mark.parametrize("name", ["a b.yaml", "<script>.yaml", "XA-A-2026-009.yaml", "x;rm -rf.yaml"])
def test_strange_file_names_are_rejected_not_published(valid_copy: Path, name: str):
    raw = _record(valid_copy).replace(b"id: xa-a-2026-002", f"id: {Path(name).stem}".encode())
    _write(valid_copy, f"xa-a/giai-trinh/{name}", raw)
    codes = {e.split(": ")[1] for e in _errors(valid_copy)}
    assert "bad-format" in codes


def test_javascript_website_is_refused(valid_copy: Path):
    units = valid_copy / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace("https://anbinh.mau.gov.vn", "javascript:alert(1)"),
                     encoding="utf-8")
    assert _errors(valid_copy) == [
        f"{valid_copy}/units.csv:3: unsafe-link: Trường “website” chứa liên kết không được phép “javascript:”. "
        "Cách sửa: Liên kết chỉ được bắt đầu bằng https:// hoặc http:// và không chứa dấu cách, dấu nháy, dấu < >."]
    assert check_data(valid_copy, AS_OF).problems[0].message("en") == (
        "Field “website” holds a link that is not allowed “javascript:”. Fix: Links may only start with https:// "
        "or http:// and hold no spaces, quotes or < >.")


@pytest.mark.parametrize("evidence", ["javascript:alert(1)", "xem JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                      "data:text/html;base64,PHNjcmlwdD4=", "ftp://files.example/x",
                                      "file:///etc/passwd",
                                      "vbscript:msgbox(1)"])
def test_unsafe_schemes_in_evidence(valid_copy: Path, evidence: str):
    f = valid_copy / "xa-a" / "theo-doi" / "xa-a-td-001.yaml"
    f.write_text(f.read_text(encoding="utf-8") + f"evidence: {evidence!r}\n".replace("'", '"'), encoding="utf-8")
    assert [e.split(": ")[1] for e in _errors(valid_copy)] == ["unsafe-link"]


@pytest.mark.parametrize("evidence", ["Xem https://anbinh.mau.gov.vn/bao-cao", "Kết quả: đạt; Ghi chú: http://x.vn",
                                      "Biên bản lúc 14:30 ngày 12/3/2026", "Chú ý: đã xong",
                                      "Đính kèm file: bao-cao.pdf", "Nguồn data: số liệu quý III"])
def test_safe_evidence_passes(valid_copy: Path, evidence: str):
    f = valid_copy / "xa-a" / "theo-doi" / "xa-a-td-001.yaml"
    f.write_text(f.read_text(encoding="utf-8") + f'evidence: "{evidence}"\n', encoding="utf-8")
    assert _errors(valid_copy) == []


def test_javascript_licence_link_in_portal_yaml_is_refused(valid_copy: Path):
    portal = valid_copy / "portal.yaml"
    portal.write_text(portal.read_text(encoding="utf-8")
                      + "licence: {name: CC-BY-4.0, path: 'javascript:alert(1)'}\n", encoding="utf-8")
    assert _errors(valid_copy) == [
        f"{valid_copy}/portal.yaml:8: unsafe-link: Trường “licence.path” chứa liên kết không được phép “javascript:”. "
        "Cách sửa: Liên kết chỉ được bắt đầu bằng https:// hoặc http:// và không chứa dấu cách, dấu nháy, dấu < >."]


def test_the_same_text_quoted_and_plain_keeps_its_two_types():
    """The loader remembers the tag of each scalar text it resolved: quoting must still decide."""
    import datetime as dt

    from generator.load.yaml_safe import parse_yaml

    for text in ("2026-01-05", "true", "12", "null"):
        plain, quoted = parse_yaml(f"a: {text}\n", "x.yaml")[0]["a"], parse_yaml(f'a: "{text}"\n', "x.yaml")[0]["a"]
        assert quoted == text and plain != text, text
        assert parse_yaml(f"a: {text}\n", "x.yaml")[0]["a"] == plain
    assert parse_yaml("a: 2026-01-05\n", "x.yaml")[0]["a"] == dt.date(2026, 1, 5)


@pytest.mark.parametrize("text", [
    "id: a\nsubject: b\nreceived_on: 2026-03-02\nn: 12\nok: true\nnone: null\n",
    "a: 1\na: 2\n",  # a duplicate key
    "1: x\n01: y\n",  # two texts, one key
    "&k a: 1\n*k : 2\n",  # an alias as a key
    "a: &v text\nb: *v\n",  # an alias of a scalar
    "2026-01-05: x\n3: y\n",  # keys that are not text
    "a: !!str 12\nb: !!int '7'\n",  # explicit safe tags
    "a: !!binary aGVsbG8=\n",  # a tag outside the safe ones
    "a: !!python/name:os.system x\n",
    "a: [1, 2]\nb: {c: d}\n",  # not flat
    "a: 2026-02-30\nb: 2026-03-02T10:00:00\n",  # an impossible date, a date-time: both stay text
])
def test_a_flat_record_is_read_as_the_general_path_reads_it(text: str, monkeypatch: pytest.MonkeyPatch):
    """Flat mappings (every record but a plan) are checked and built in one pass: the same data,
    key lines and problems as the general path (_check_nodes, _construct, _key_lines)."""
    fast = yaml_safe.parse_yaml(text, "x.yaml")
    monkeypatch.setattr(yaml_safe, "_flat", lambda loader, node: None)
    general = yaml_safe.parse_yaml(text, "x.yaml")
    assert fast[:3] == general[:3]
