"""Every message the YAML parser can give reaches a clerk in Vietnamese, with a fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import problems
from generator.load.yaml_messages import known_messages
from generator.load.yaml_safe import parse_yaml

# libyaml's messages as they sit in the compiled parser: lower-case English sentences that
# start with one of these words and have more than one (the rest of the binary's strings are
# names, C asserts and Cython's own "invalid vtable" error, which no document can cause).
_MESSAGE = re.compile(rb"(?:did not|found|could not|while|mapping|block|expected|exceeded|invalid|control|"
                      rb"incomplete|input|duplicate|incompatible|unexpected)[ A-Za-z0-9%'<>,.:!\-\[\]{}]*")



def _parser_messages() -> set[str]:
    binary = Path(yaml._yaml.__file__).read_bytes()
    found = set()
    for chunk in binary.split(b"\0"):
        if (_MESSAGE.fullmatch(chunk) and b" " in chunk and not chunk.startswith(b"while ")
                and b"%." not in chunk and b"vtable" not in chunk):
            found.add(chunk.decode())
    return found


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
def test_every_message_of_the_installed_parser_is_translated():
    messages = _parser_messages()
    assert len(messages) >= 50  # the list was read, not an empty match
    assert sorted(messages - known_messages()) == []


@pytest.mark.parametrize("text, expected", [
    ("subject: Quyết định số 125/QĐ-UBND: thu hồi đất\n",
     "x.yaml:1: yaml-syntax: Tệp YAML sai cú pháp: có dấu hai chấm “:” nằm trong giá trị (hoặc một dòng thụt lề "
     "sai) (cột 35). Cách sửa: đặt cả giá trị trong dấu nháy kép, ví dụ: subject: \"Quyết định số 125/QĐ-UBND: "
     "thu hồi đất\"."),
    ("id: a\n\tsubject: b\n",
     "x.yaml:2: yaml-syntax: Tệp YAML sai cú pháp: có ký tự Tab dùng để thụt lề (cột 1). "
     "Cách sửa: thay Tab bằng dấu cách ở dòng 2."),
    ("request: Dòng một\ndòng hai\nanswer: x\n",
     "x.yaml:2: yaml-syntax: Tệp YAML sai cú pháp: một dòng thiếu dấu hai chấm sau tên trường (cột 1). "
     "Cách sửa: viết dạng “tên_trường: giá trị”; nếu dòng 2 là phần tiếp theo của đoạn văn ở dòng trên, "
     "thụt dòng đó vào 2 dấu cách (hoặc nối vào dòng trên)."),
    ("subject: \"Quyết định 12\nanswer: x\n",
     "x.yaml:1: yaml-syntax: Tệp YAML sai cú pháp: tệp kết thúc khi dấu nháy hoặc ngoặc còn mở (cột 10). "
     "Cách sửa: thêm dấu nháy (hoặc ngoặc) đóng ở cuối giá trị; dấu nháy kép bên trong giá trị viết là \\\"."),
])
def test_a_clerks_syntax_mistake_says_where_and_what_to_type(text: str, expected: str):
    assert [p.line_text() for p in parse_yaml(text, "x.yaml")[2]] == [expected]


def test_a_message_a_newer_parser_adds_is_still_vietnamese():
    from generator.load.yaml_messages import syntax_problem
    problem = syntax_problem("x.yaml", 4, "found something new", 2)
    assert problem.line_text() == (
        "x.yaml:4: yaml-syntax: Tệp YAML sai cú pháp: lỗi cú pháp (thông báo gốc: “found something new”) (cột 2). "
        "Cách sửa: Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên trường và dấu nháy.")


def test_the_catalogue_names_every_placeholder():
    """The error catalogue page shows each template whole: a placeholder it cannot name would
    leave a gap (“Chỉ đính kèm tệp ; …”)."""
    for kind in problems.CATALOGUE.values():
        for template in (kind.vi, kind.hint_vi):
            for name in re.findall(r"{(\w*)}", template):
                assert name in problems.PLACEHOLDERS, (kind.code, name)
        message, hint = kind.generic()
        assert "“”" not in message + hint and " ;" not in hint and "()" not in message + hint, kind.code
