"""The YAML writer of generator/author: whatever a clerk types (a colon, a "#", quotes, a leading
dash, yes/no, a number, several lines, control characters) is written so that the project's own
loader reads back the same value of the same type, and the file reads as a person would write it."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.author.yaml_text import UnsafeValue, record_yaml, task_yaml
from generator.load.data_folder import read_record_file

TRICKY = ["yes", "no", "on", "off", "true", "null", "~", "2026", "1.5", "0x1f", "1e3", "2026-02-30",
          "2026-01-01", "- item", "-", "? x", ": x", "a: b", "a #b", "#x", "'q'", '"q"', "[a]", "{a}",
          "&a", "*a", "!x", "|", ">", "%x", "@x", "`x`", " lead", "trail ", "a\tb", "…", ".nan", "=",
          "Ông N.V.A.", "Giải trình: việc “A” #1", "x\n", "\n", "a\r\nb", "\u2028", "\x85", "\x07"]
# Any character but surrogates, which no UTF-8 file can hold.
any_text = st.one_of(st.sampled_from(TRICKY), st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
                     st.lists(st.sampled_from(TRICKY + [" ", "\n", "đất đai", "x" * 90]), max_size=12).map("".join))


def _read(text: str, resource: str = "explanations") -> list[dict]:
    records, problems = read_record_file(text.encode("utf-8"), "x.yaml", resource)
    assert [p.code for p in problems if p.code != "control-character"] == []
    return [r.values for r in records]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=any_text)
def test_any_text_reads_back_as_itself(value: str):
    text = record_yaml("explanations", {"id": "xa-a-2026-001", "subject": value, "request": value})
    values = _read(text)[0]
    want = unicodedata.normalize("NFC", value)
    assert values == {"id": "xa-a-2026-001", "subject": want, "request": want}


@settings(max_examples=200, deadline=None)
@given(value=any_text, title=any_text)
def test_any_text_in_a_task_reads_back_as_itself(value: str, title: str):
    plan = {"id": "xa-a-kh-2026", "title": title,
            "tasks": [{"id": "nv-01", "title": value, "status": "done"}, {"id": "nv-02", "evidence": value}]}
    values = _read(record_yaml("plans", plan), "plans")
    nfc = unicodedata.normalize("NFC", value)
    assert values == [{"id": "xa-a-kh-2026", "title": unicodedata.normalize("NFC", title)},
                      {"plan": "xa-a-kh-2026", "id": "nv-01", "title": nfc, "status": "done"},
                      {"plan": "xa-a-kh-2026", "id": "nv-02", "evidence": nfc}]


@settings(max_examples=300, deadline=None)
@given(comment=any_text, header=any_text, value=st.one_of(
    st.dates(), st.booleans(), st.integers(-10**12, 10**12), st.none(), any_text,
    st.lists(st.text(st.characters(exclude_categories=("Cs",), exclude_characters=";"), min_size=1), max_size=3)))
def test_any_comment_leaves_the_values_as_they_are(comment: str, header: str, value: object):
    """A comment or header holding anything (a newline, a control character, YAML syntax) stays
    a comment; a date, a boolean, a number or a list reads back as itself."""
    text = record_yaml("explanations", {"id": "xa-a-2026-001", "answer": value},
                       comments={"id": comment, "answer": comment}, header=header)
    want = "; ".join(value) if isinstance(value, list) else value
    want = unicodedata.normalize("NFC", want) if isinstance(want, str) else want
    assert _read(text)[0] == {"id": "xa-a-2026-001", "answer": want}


def test_a_record_as_a_person_writes_it():
    values = {"public": True, "id": "xa-a-2026-001", "unit": "xa-a", "received_on": dt.date(2026, 3, 2),
              "channel": None, "subject": "Giải trình: việc # này", "request": "Dòng một\nDòng hai",
              "field": "yes", "answered_by": "2026", "extension_days": 15, "requester_initials": "",
              "named_officials": ["Nguyễn Văn A (Chủ tịch UBND xã)", "Trần Thị B (Phó Chủ tịch UBND xã)"],
              "answer": ("Căn cứ Nghị định số 59/2019/NĐ-CP, " * 4).strip(), "status": "answered"}
    text = record_yaml("explanations", values, comments={"id": "Mã yêu cầu\nví dụ: xa-a-2026-001"},
                       header="Hồ sơ mới")
    assert text == (
        "# Hồ sơ mới\n"
        "\n"
        "# Mã yêu cầu\n"
        "# ví dụ: xa-a-2026-001\n"
        "id: xa-a-2026-001\n"
        "unit: xa-a\n"
        "received_on: 2026-03-02\n"
        "channel:\n"
        'requester_initials: ""\n'
        'field: "yes"\n'
        'subject: "Giải trình: việc # này"\n'
        "request: |-\n"
        "  Dòng một\n"
        "  Dòng hai\n"
        "extension_days: 15\n"
        "answer: >-\n"
        "  Căn cứ Nghị định số 59/2019/NĐ-CP, Căn cứ Nghị định số 59/2019/NĐ-CP, Căn cứ Nghị định số\n"
        "  59/2019/NĐ-CP, Căn cứ Nghị định số 59/2019/NĐ-CP,\n"
        'answered_by: "2026"\n'
        "named_officials: Nguyễn Văn A (Chủ tịch UBND xã); Trần Thị B (Phó Chủ tịch UBND xã)\n"
        "public: true\n")  # fields in the schema's order; the computed status left out


def test_a_task_block_pastes_under_tasks():
    block = task_yaml({"plan": "xa-a-kh-2026", "id": "nv-07", "title": "a: b", "status": None},
                      comments={"id": "Mã nhiệm vụ", "title": "Nội dung"})
    assert block == ("  # Mã nhiệm vụ\n"
                     "  - id: nv-07\n"
                     "\n"
                     "    # Nội dung\n"
                     '    title: "a: b"\n'
                     "    status:\n")
    values = _read("id: xa-a-kh-2026\ntasks:\n" + block, "plans")
    assert values[1] == {"plan": "xa-a-kh-2026", "id": "nv-07", "title": "a: b", "status": None}


def test_a_value_that_cannot_be_a_cell_is_refused():
    with pytest.raises(UnsafeValue, match="subject: dict"):
        record_yaml("explanations", {"id": "x", "subject": {"a": 1}})
