"""The YAML parser's English messages, in Vietnamese, with a fix a clerk can act on.

libyaml (which PyYAML wraps) answers in English; a clerk needs to know what is wrong on the
line and what to type instead. Every message libyaml can give is listed here
(`tests/test_yaml_messages.py` reads the list out of the installed parser and fails on one
that is missing, so an upgrade that adds a message is noticed). The fixes name the commonest
causes: a colon or a quote inside a value, a Tab, a line that lost its indentation.
"""

from __future__ import annotations

import yaml

from ..problems import Problem

QUOTE = "đặt cả giá trị trong dấu nháy kép, ví dụ: {quoted}"
# The example of QUOTE when the line is not “key: value”.
QUOTED_EXAMPLE = 'subject: "Thu hồi đất: căn cứ và mức bồi thường"'
INDENT = ("các trường cùng cấp phải bắt đầu ở cùng một cột; phần tiếp theo của một đoạn văn dài phải thụt vào "
          "2 dấu cách so với tên trường")
GENERIC = "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên trường và dấu nháy"
GENERIC_EN = "Check indentation (spaces, not tabs), the colon after each key and quotes."

# libyaml's problem → (what it means, how to fix it). "{line}" is the line the parser stopped on.
_VI: dict[str, tuple[str, str]] = {
    # the clerk's mistakes
    "mapping values are not allowed in this context": (
        "có dấu hai chấm “:” nằm trong giá trị (hoặc một dòng thụt lề sai)", QUOTE),
    "found a tab character that violates indentation": (
        "có ký tự Tab dùng để thụt lề", "thay Tab bằng dấu cách ở dòng {line}"),
    "found a tab character where an indentation space is expected": (
        "có ký tự Tab ở chỗ cần dấu cách", "thay Tab bằng dấu cách ở dòng {line}"),
    "found character that cannot start any token": (
        "giá trị bắt đầu bằng một ký tự đặc biệt (Tab, @, `, %)",
        "thay Tab bằng dấu cách; nếu giá trị bắt đầu bằng @, ` hay %, " + QUOTE),
    "could not find expected ':'": (
        "một dòng thiếu dấu hai chấm sau tên trường",
        "viết dạng “tên_trường: giá trị”; nếu dòng {line} là phần tiếp theo của đoạn văn ở dòng trên, thụt dòng đó "
        "vào 2 dấu cách (hoặc nối vào dòng trên)"),
    "did not find expected key": ("thụt lề không đều giữa các trường", INDENT + "; " + QUOTE),
    "did not find expected node content": (
        "thiếu giá trị sau dấu gạch đầu dòng hoặc sau dấu “,”", "viết giá trị sau “- ” hoặc xóa dấu thừa"),
    "did not find expected '-' indicator": (
        "một mục của danh sách thiếu dấu “- ” ở đầu", "mỗi mục trong danh sách bắt đầu bằng “- ” ở cùng một cột"),
    "did not find expected ',' or ']'": (
        "danh sách trong ngoặc vuông “[ ]” chưa đóng hoặc thiếu dấu phẩy",
        "thêm “]” ở cuối danh sách; nếu giá trị có ngoặc vuông ở đầu, " + QUOTE),
    "did not find expected ',' or '}'": (
        "nhóm trong ngoặc nhọn “{ }” chưa đóng hoặc thiếu dấu phẩy",
        "thêm “}” ở cuối; nếu giá trị có ngoặc nhọn ở đầu, " + QUOTE),
    "found unexpected end of stream": (
        "tệp kết thúc khi dấu nháy hoặc ngoặc còn mở",
        "thêm dấu nháy (hoặc ngoặc) đóng ở cuối giá trị; dấu nháy kép bên trong giá trị viết là \\\""),
    "found unexpected ':'": ("có dấu hai chấm “:” không đúng chỗ", QUOTE),
    "found unexpected document indicator": (
        "có dòng “---” hoặc “...” nằm trong một giá trị", "mỗi tệp chỉ chứa một hồ sơ; xóa dòng đó hoặc " + QUOTE),
    "found undefined tag handle": ("giá trị bắt đầu bằng dấu “!”", QUOTE),
    "found unknown escape character": (
        "trong dấu nháy kép có dấu “\\” không hợp lệ",
        "viết “\\\\” cho một dấu gạch ngược, hoặc dùng dấu nháy đơn bao ngoài giá trị"),
    "block sequence entries are not allowed in this context": (
        "dấu “- ” đặt sai chỗ", "đặt danh sách xuống dòng dưới tên trường, thụt vào 2 dấu cách; hoặc " + QUOTE),
    "mapping keys are not allowed in this context": ("dấu “?” đặt sai chỗ", QUOTE),
    "exceeded maximum nesting depth": ("các mức lồng nhau quá sâu", GENERIC),
    "control characters are not allowed": (
        "có ký tự điều khiển không hiển thị được", "gõ lại đoạn văn bản đó; thường do sao chép từ Word hoặc PDF"),
    "input is too long": ("tệp quá dài", "tách nội dung dài thành tệp đính kèm PDF"),
    # encodings
    "found an incorrect leading UTF-8 octet": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "found an incorrect trailing UTF-8 octet": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "invalid leading UTF-8 octet": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "invalid trailing UTF-8 octet": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "invalid length of a UTF-8 sequence": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "incomplete UTF-8 octet sequence": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "incomplete UTF-16 character": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "incomplete UTF-16 surrogate pair": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "unexpected low surrogate area": ("tệp có ký tự không phải UTF-8", "lưu lại tệp với bảng mã UTF-8"),
    "invalid Unicode character": ("tệp có ký tự Unicode không hợp lệ", "gõ lại đoạn văn bản đó"),
    "found invalid Unicode character escape code": (
        "trong dấu nháy kép có mã “\\u…” không hợp lệ", "gõ trực tiếp ký tự thay cho mã “\\u…”"),
    "input error": ("không đọc được tệp", "lưu lại tệp với bảng mã UTF-8"),
    # syntax a record never needs (directives, tags, anchors, block scalars)
    "could not find expected directive name": ("dòng bắt đầu bằng “%”", "xóa dòng đó hoặc " + QUOTE),
    "found unknown directive name": ("dòng bắt đầu bằng “%”", "xóa dòng đó hoặc " + QUOTE),
    "found duplicate %YAML directive": ("dòng “%YAML” bị lặp", "xóa các dòng bắt đầu bằng “%”"),
    "found duplicate %TAG directive": ("dòng “%TAG” bị lặp", "xóa các dòng bắt đầu bằng “%”"),
    "duplicate %TAG directive": ("dòng “%TAG” bị lặp", "xóa các dòng bắt đầu bằng “%”"),
    "found incompatible YAML document": ("phiên bản YAML không hỗ trợ", "xóa dòng “%YAML …” ở đầu tệp"),
    "incompatible %YAML directive": ("phiên bản YAML không hỗ trợ", "xóa dòng “%YAML …” ở đầu tệp"),
    "found extremely long version number": ("dòng “%YAML” sai", "xóa dòng “%YAML …” ở đầu tệp"),
    "did not find expected version number": ("dòng “%YAML” sai", "xóa dòng “%YAML …” ở đầu tệp"),
    "did not find expected digit or '.' character": ("dòng “%YAML” sai", "xóa dòng “%YAML …” ở đầu tệp"),
    "did not find expected whitespace": ("dòng bắt đầu bằng “%” sai", "xóa các dòng bắt đầu bằng “%”"),
    "did not find expected '!'": ("giá trị có dấu “!” ở đầu", QUOTE),
    "did not find expected tag URI": ("giá trị có dấu “!” ở đầu", QUOTE),
    "did not find URI escaped octet": ("giá trị có dấu “!” ở đầu", QUOTE),
    "did not find the expected '>'": ("giá trị có dấu “!<” ở đầu", QUOTE),
    "did not find expected alphabetic or numeric character": (
        "giá trị có dấu “&”, “*” hoặc “!” ở đầu", QUOTE),
    "did not find expected whitespace or line break": ("giá trị có dấu “!” ở đầu", QUOTE),
    "did not find expected comment or line break": (
        "có chữ ngay sau dấu “|” hoặc “>” của một đoạn văn nhiều dòng",
        "để “|” một mình ở cuối dòng tên trường, đoạn văn bắt đầu ở dòng sau và thụt vào 2 dấu cách"),
    "found an indentation indicator equal to 0": (
        "sau dấu “|” hoặc “>” có số 0", "để “|” một mình ở cuối dòng tên trường"),
    "found unexpected non-alphabetical character": ("dấu “%” trong giá trị bị hiểu sai", QUOTE),
    "did not find expected hexdecimal number": ("dấu “%” trong giá trị bị hiểu sai", QUOTE),
    "did not find expected <document start>": ("có nội dung sau khi hồ sơ đã kết thúc", INDENT),
    "did not find expected <stream-start>": ("tệp bắt đầu không đúng", GENERIC),
    "expected STREAM-START": ("tệp bắt đầu không đúng", GENERIC),
    "expected DOCUMENT-START or STREAM-END": ("có nội dung sau khi hồ sơ đã kết thúc", INDENT),
    "expected DOCUMENT-END": ("có nội dung sau khi hồ sơ đã kết thúc", INDENT),
    "expected nothing after STREAM-END": ("có nội dung sau khi hồ sơ đã kết thúc", INDENT),
    "expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS": ("thiếu giá trị", GENERIC),
}


TOO_DEEP = "exceeded maximum nesting depth"


def quoted(text: str | None, line: int) -> str:
    """The clerk's own line `key: value` with the value in double quotes, for the hint."""
    lines = (text or "").splitlines()
    key, sep, value = (lines[line - 1] if 0 < line <= len(lines) else "").partition(":")
    value = value.strip()
    if not sep or not value or not key.strip() or key[:1].isspace() or " " in key.strip():
        return QUOTED_EXAMPLE
    return f'{key}: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def syntax_problem(path: str, line: int, problem: str, column: int | None = None,
                   text: str | None = None, value_line: int | None = None) -> Problem:
    """A yaml-syntax Problem from the parser's message: what it means and how to fix it, in
    Vietnamese (the parser's own words kept for --lang en). `text`, the file, lets the hint
    quote the clerk's own line (`value_line`, where the value began, else `line`)."""
    problem = " ".join(problem.split())
    vi, fix = _VI.get(problem) or (f"lỗi cú pháp (thông báo gốc: “{problem}”)", GENERIC)
    # the column where [[[[… went too deep says nothing to a clerk
    where_vi, where_en = ((f" (cột {column})", f" (column {column})") if column and problem != TOO_DEEP
                          else ("", ""))
    return Problem(path, line, "yaml-syntax", detail=vi + where_vi,
                   extra=(("fix", fix.replace("{line}", str(line)).replace("{quoted}", quoted(text, value_line or line))),
                          ("detail_en", problem + where_en),
                          ("fix_en", GENERIC_EN)))


def error_problem(path: str, exc: yaml.MarkedYAMLError, text: str | None = None) -> Problem:
    """The problem of a parser error, on the line a clerk must change: where a key without its
    colon began (a text line that lost its indentation), else where the parser stopped."""
    mark = exc.problem_mark or exc.context_mark
    # a key without its colon, an unclosed “[”, “{” or quote: the line where it began is the one to fix
    if exc.context_mark and exc.context and ("simple key" in exc.context or "flow" in exc.context
                                             or "quoted scalar" in exc.context):
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, None)
    began = exc.context_mark.line + 1 if exc.context_mark else None  # e.g. where an unclosed “[” began
    return syntax_problem(path, line, str(exc.problem or exc), column, text, began)


def value_problem(path: str, message: str) -> Problem:
    """A value the YAML constructors could not build (an integer too large, a date that is not
    one): the value is the cause, not the syntax."""
    return Problem(path, 1, "yaml-syntax", detail=f"không đọc được một giá trị ({message})",
                   extra=(("fix", "viết giá trị đó trong dấu nháy kép, hoặc sửa cho đúng dạng"),
                          ("detail_en", message), ("fix_en", GENERIC_EN)))


def known_messages() -> frozenset[str]:
    return frozenset(_VI)
