"""One record as YAML text a clerk can read and edit, and that reads back as the same values.

`record_yaml` writes the fields in the order of the schema, each under its comment; dates as
YYYY-MM-DD; text plain when plain text reads back as the same text, a long line folded (`>-`),
several lines as a literal block (`|`), and anything else double-quoted with escapes. A colon, a
`#`, a quote, a leading dash, `yes`, `no`, `2026` or `1.5` typed inside a value therefore stays
text. Every value is checked by reading it back with the project's own loader (load/); a style
that does not give the value back is replaced by a double-quoted scalar, which always does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence

import yaml

from .. import schema as std
from ..load.data_folder import decode, read_record_file
from ..load.yaml_safe import parse_yaml

WIDTH = 88  # a line of text longer than this is folded
TASKS = "tasks"  # the key under which a plan file holds its tasks (load/data_folder.py)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BAD_IN_COMMENT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Escapes of YAML double-quoted scalars for the characters that must not be written as they are.
_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
            "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_",
            "\u2028": "\\L", "\u2029": "\\P"}


class UnsafeValue(ValueError):
    """A value that cannot be written so that it reads back as itself (e.g. a nested mapping)."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's emitter, used only for plain and block scalars; never sorts, never wraps keys."""


def _styled_str(dumper: yaml.SafeDumper, data: _Styled) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style=data.style)


class _Styled(str):
    style: str | None = None


_Dumper.add_representer(_Styled, _styled_str)


def _double_quoted(text: str) -> str:
    """A YAML double-quoted scalar of `text` on one line: every control character, line
    separator and bidirectional control escaped, so the file holds none of them."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _BAD_IN_COMMENT.match(ch) or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _dumped(key: str, text: str, style: str | None) -> str:
    """`key: text` as PyYAML writes it in `style` (None: plain when it can, '>' folded, '|' literal)."""
    value = _Styled(text)
    value.style = style
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, width=WIDTH, sort_keys=False,
                     default_flow_style=False)
    # after a block kept with its final blank lines (|+) PyYAML ends the document; the next key does
    return text.removesuffix("...\n")


def _reads_back(written: str, key: str, value: object) -> bool:
    """Does `written` (a document of one key) read back, through the project's loader, as `value`
    (same type, same text)?"""
    text, problems = decode(written.encode("utf-8"), "<new>", 1 << 30)
    if text is None or problems:
        return False
    data, _, problems, _ = parse_yaml(text, "<new>")
    if problems or not isinstance(data, dict) or list(data) != [key]:
        return False
    got = data[key]
    return type(got) is type(value) and got == value


# Text that is plain YAML as it stands: a letter first, then only letters, digits, single spaces
# and punctuation that means nothing to YAML there (no “:”, “#”, quotes at the start, brackets).
_PLAIN = re.compile(r"[^\W\d_](?:[\w.,;()/%+\-–—…“”‘’'?!]| (?! ))*", re.U)
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


def _plain_as_it_stands(key: str, text: str) -> bool:
    """The common case, decided without writing and reading back (which costs a millisecond a
    value on a 10,000-row import); record_yaml still reads the whole record back."""
    return (len(key) + 2 + len(text) <= WIDTH and _PLAIN.fullmatch(text) is not None
            and not text.endswith(" ") and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG)


def _text_field(key: str, text: str, quick: bool = True) -> str:
    """`key: …` for one text value, in the most readable style that reads back as the text."""
    if text == "":
        return f'{key}: ""\n'
    if quick and _plain_as_it_stands(key, text):
        return f"{key}: {text}\n"
    if "\n" in text:
        styles: tuple[str | None, ...] = ("|",)
    elif len(key) + 2 + len(text) > WIDTH:
        styles = (">",)
    else:
        styles = (None,)
    for style in styles:
        written = _dumped(key, text, style)
        if style is None and written[len(key) + 2:len(key) + 3] in ("'", '"'):
            break  # PyYAML would quote it: the plain form would not read back as text
        if _reads_back(written, key, text):
            return written
    return f"{key}: {_double_quoted(text)}\n"


def _scalar_field(key: str, value: object, quick: bool = True) -> str:
    """`key: value` (possibly over several lines, ending with a newline) for one value."""
    if value is None:
        return f"{key}:\n"
    if isinstance(value, bool):
        return f"{key}: {'true' if value else 'false'}\n"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return f"{key}: {value.date().isoformat()}\n"
        return _text_field(key, value.isoformat(sep=" "), quick)
    if isinstance(value, dt.date):
        return f"{key}: {value.isoformat()}\n"
    if isinstance(value, int):
        return f"{key}: {value}\n"
    if isinstance(value, float):
        written = f"{key}: {value!r}\n"
        if _reads_back(written, key, value):
            return written
        raise UnsafeValue(f"{key}: {value!r}")
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        value = "; ".join(value)  # a list field is text on one line, items separated by ";"
    if isinstance(value, str):
        return _text_field(key, unicodedata.normalize("NFC", value), quick)
    raise UnsafeValue(f"{key}: {type(value).__name__}")


def _comment(text: str, indent: str) -> str:
    lines = unicodedata.normalize("NFC", _BAD_IN_COMMENT.sub(" ", text)).split("\n")
    return "".join(f"{indent}# {line}".rstrip() + "\n" for line in lines)


def _ordered(resource: str, values: Mapping[str, object]) -> list[str]:
    """The keys of `values` in the order of the schema (computed fields left out), then the
    others in their own order."""
    names = [f.name for f in std.load(resource).fields if not f.computed]
    computed = {f.name for f in std.load(resource).fields if f.computed}
    return ([n for n in names if n in values]
            + [k for k in values if k not in names and k not in computed])


def _indented(text: str, indent: str) -> str:
    """Every line but the first moved right by `indent` (empty lines stay empty)."""
    first, *rest = text.split("\n")
    return "\n".join([first] + [indent + line if line else line for line in rest])


def _mapping_lines(resource: str, values: Mapping[str, object], comments: Mapping[str, str] | None,
                   indent: str = "", item: str | None = None, quick: bool = True) -> str:
    """The fields of one mapping, each under its comment, every line after `indent`; as an item
    of a list when `item` is given: the first key after `item + "- "`, its comment at `item`."""
    out: list[str] = []
    for n, key in enumerate(_ordered(resource, values)):
        if not _NAME.fullmatch(key):
            raise UnsafeValue(f"tên trường không hợp lệ: {key!r}")
        lead = item + "- " if item is not None and n == 0 else indent
        if comments and comments.get(key):  # a commented field stands apart from the one before it
            out.append(("\n" if n else "") + _comment(comments[key], item if item is not None and n == 0 else indent))
        value = values[key]
        if key == TASKS and resource == "plans" and isinstance(value, Sequence) and not isinstance(value, str):
            out.append(f"{lead}{key}:\n" if value else f"{lead}{key}: []\n")
            out += [task_yaml(task, indent=indent + "  ", quick=quick) for task in value]
        else:
            out.append(lead + _indented(_scalar_field(key, value, quick), indent))
    return "".join(out)


def record_yaml(resource: str, values: Mapping[str, object], comments: Mapping[str, str] | None = None,
                header: str | None = None) -> str:
    """One record of `resource` (a name of schema.RESOURCES) as the text of its YAML file.

    `values`: field name -> value (None writes an empty value, "" an empty text); fields in the
    schema's order, computed fields left out, other keys after them. A plan's `tasks` is a list
    of task mappings (see task_yaml). `comments`: field name -> text written as `# ` lines just
    above that field, after an empty line. `header`: `# ` lines at the top of the file, then an
    empty line. The text is read back by the
    project's loader before it is returned; UnsafeValue if it would not give the values back."""
    head = _comment(header, "") + "\n" if header else ""
    text = head + _mapping_lines(resource, values, comments)
    try:
        _check_round_trip(resource, values, text)
    except UnsafeValue:  # a value the quick plain form got wrong: every value written and read back alone
        text = head + _mapping_lines(resource, values, comments, quick=False)
        _check_round_trip(resource, values, text)
    return text


def task_yaml(values: Mapping[str, object], comments: Mapping[str, str] | None = None, indent: str = "  ",
              quick: bool = True) -> str:
    """One task of a plan as an item of the plan's `tasks:` list, its "- " at `indent` (the
    block a clerk pastes under `tasks:`). The `plan` key is left out: a task belongs to the
    plan whose file holds it."""
    values = {k: v for k, v in values.items() if k != "plan"}
    return _mapping_lines("plan_tasks", values, comments, indent + "  ", indent, quick)


def _expected(value: object) -> object:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return unicodedata.normalize("NFC", "; ".join(value))
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _differences(want: Mapping[str, object], got: Mapping[str, object], where: str) -> list[str]:
    out = []
    for key, value in want.items():
        value = _expected(value)
        back = got.get(key)
        if key not in got or type(back) is not type(value) or back != value:
            out.append(f"{where}{key}: {value!r} reads back as {back!r}")
    return out


def _check_round_trip(resource: str, values: Mapping[str, object], text: str) -> None:
    """The whole file read back with the loader the checks use: every value as written. A
    control character (written escaped) reads back as itself, for the check to report."""
    folder = std.FOLDERS.get(resource, resource)
    records, problems = read_record_file(text.encode("utf-8"), f"<{folder}>", resource)
    problems = [p for p in problems if p.code != "control-character"]
    if problems or not records:
        raise UnsafeValue("; ".join(f"{p.code} {p.detail}" for p in problems) or "no record")
    kept = set(_ordered(resource, values)) - {TASKS}
    wrong = _differences({k: v for k, v in values.items() if k in kept}, records[0].values, "")
    tasks = values.get(TASKS) if resource == "plans" else None
    if tasks:
        if len(tasks) != len(records) - 1:
            wrong.append(f"{TASKS}: {len(tasks)} written, {len(records) - 1} read back")
        for task, back in zip(tasks, records[1:]):
            wrong += _differences({k: v for k, v in task.items() if k != "plan"}, back.values, f"{TASKS}.")
    if wrong:
        raise UnsafeValue("; ".join(wrong))
