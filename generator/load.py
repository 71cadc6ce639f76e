"""Stage 1: read the data folder into records, safely.

Every file is read as bytes, checked for size and UTF-8, normalised to NFC and parsed with a
safe YAML loader that also reports duplicate keys, tags and runaway aliases. Nothing here
raises on bad input: each problem becomes a Problem naming the file and the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem
from .schema import FOLDERS

MAX_RECORD_BYTES = 1024 * 1024
MAX_TABLE_BYTES = 64 * 1024 * 1024
MAX_YAML_NODES = 20_000
SETTINGS_FILES = ("portal.yaml", "rules.yaml", "calendar.yaml")
ATTACHMENT_FOLDER = "tep"
_FOLDER_TO_RESOURCE = {folder: resource for resource, folder in FOLDERS.items()}
_SAFE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: 9x faster
    """Safe loader whose impossible dates (2026-02-30) stay text, so the schema stage reports
    them as a wrong date on their own line instead of the whole file failing."""


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)
    # Records hold dates, never times: a date-time stays text so the schema stage reports it
    # (a datetime would slip through as a date and break every date comparison later).
    return loader.construct_scalar(node) if isinstance(value, dt.datetime) else value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass(eq=False)
class Record:
    """One record as written: raw values plus the line of each key, for messages."""

    resource: str
    path: str
    line: int
    values: dict[str, object]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass
class Loaded:
    records: dict[str, list[Record]]
    problems: list[Problem]
    settings: dict[str, tuple[str, object, dict[str, int]]]  # name -> (path, data, key lines)
    attachments: dict[str, Path]  # "unit/tep/x.pdf" -> file


def decode(raw: bytes, path: str, limit: int) -> tuple[str | None, list[Problem]]:
    """Bytes to NFC text, or a problem naming the file."""
    if len(raw) > limit:
        return None, [Problem(path, 1, "file-too-large", detail=str(len(raw)), extra=(("limit", str(limit)),))]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "file-encoding", detail=f"byte 0x{raw[exc.start]:02x}")]
    return unicodedata.normalize("NFC", text), []


# Bidirectional overrides and isolates reorder what a reader sees (“Trojan source”); Vietnamese
# text never needs them.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _bad_control(text: str) -> str | None:
    for ch in text:
        if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r") or ch in "\u2028\u2029" or ch in _BIDI:
            return f"U+{ord(ch):04X}"
    return None


def _check_nodes(node: yaml.Node, path: str) -> list[Problem]:
    """Tags, aliases and duplicate keys, found on the composed node tree before construction."""
    problems: list[Problem] = []
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = 1  # guards against recursive aliases
        total = 1
        if isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total += sum(size(v) for v in n.value)
        sizes[id(n)] = min(total, MAX_YAML_NODES + 1)
        return sizes[id(n)]

    expanded = size(node)
    if expanded > MAX_YAML_NODES:
        return [Problem(path, 1, "yaml-aliases", detail=f">{MAX_YAML_NODES}")]

    seen: set[int] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if n.tag not in _SAFE_TAGS:
            problems.append(Problem(path, n.start_mark.line + 1, "yaml-tag", detail=n.tag))
            continue
        if isinstance(n, yaml.MappingNode):
            first: dict[object, int] = {}
            for k, v in n.value:
                key = k.value if isinstance(k, yaml.ScalarNode) else id(k)
                if key in first:
                    problems.append(Problem(path, k.start_mark.line + 1, "duplicate-key",
                                            field=str(key), detail=str(first[key])))
                else:
                    first[key] = k.start_mark.line + 1
                stack.extend((k, v))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)
    return problems


def parse_yaml(text: str, path: str) -> tuple[object, dict[str, int], list[Problem], yaml.Node | None]:
    """Parse one YAML document; return the data, the line of each top-level key and problems."""
    if problems := control_problems(text, path):
        return None, {}, problems, None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None, {}, [Problem(path, 1, "not-a-record", detail="tệp rỗng")], None
            problems = _check_nodes(node, path)
            if any(p.code != "duplicate-key" for p in problems):
                return None, {}, problems, None
            data = loader.construct_document(node)  # with duplicate keys the last wins: reported above
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, {}, [Problem(path, line, "yaml-syntax", detail=str(exc.problem or exc))], None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. a timestamp like 2026-02-30
        return None, {}, [Problem(path, 1, "yaml-syntax", detail=str(exc).splitlines()[0])], None
    except RecursionError:  # [[[[…]]]] thousands deep: hostile or broken, never a record
        return None, {}, [Problem(path, 1, "yaml-syntax", detail="các mức lồng nhau quá sâu")], None
    return data, _key_lines(node), problems, node


def _key_lines(node: yaml.Node) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def _text_problems(values: dict[str, object], lines: dict[str, int], path: str, line: int) -> list[Problem]:
    out = []
    for name, value in values.items():
        if isinstance(value, str) and (bad := _bad_control(value)):
            out.append(Problem(path, lines.get(name, line), "control-character", field=name, detail=bad))
    return out


_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w]*)\s*:")


def control_problems(text: str, path: str) -> list[Problem]:
    """Control characters found in the raw text, before YAML sees them (libyaml would stop at the
    first with a bare syntax error, or take U+0085 and U+2028 for line breaks): each is reported
    on its own line, under the field whose value it sits in."""
    out, field = [], ""
    for number, line in enumerate(text.split("\n"), start=1):
        if key := _KEY.match(line):
            field = key.group(1)
        if bad := _bad_control(line.rstrip("\r")):
            out.append(Problem(path, number, "control-character", field=field, detail=bad))
    return out


def read_record_file(raw: bytes, path: str, resource: str) -> tuple[list[Record], list[Problem]]:
    """One YAML record file (a plan file also yields its tasks as plan_tasks records)."""
    text, problems = decode(raw, path, MAX_RECORD_BYTES)
    if text is None:
        return [], problems
    data, lines, problems, node = parse_yaml(text, path)
    if node is None:
        return [], problems
    if not isinstance(data, dict):
        return [], [Problem(path, 1, "not-a-record", detail=type(data).__name__)]
    values = {str(k): v for k, v in data.items()}
    tasks = values.pop("tasks", None) if resource == "plans" else None
    records = [Record(resource, path, 1, values, lines)]
    problems += _text_problems(values, lines, path, 1)
    if resource == "plans" and tasks is not None:
        task_nodes = next((v for k, v in node.value if k.value == "tasks"), None)
        if not isinstance(tasks, list) or not isinstance(task_nodes, yaml.SequenceNode):
            problems.append(Problem(path, lines.get("tasks", 1), "not-a-record", field="tasks",
                                    detail="tasks phải là danh sách các nhiệm vụ"))
        else:
            for task, tnode in zip(tasks, task_nodes.value):
                tline = tnode.start_mark.line + 1
                if not isinstance(task, dict):
                    problems.append(Problem(path, tline, "not-a-record", field="tasks", detail=str(task)[:40]))
                    continue
                tvalues = {"plan": values.get("id"), **{str(k): v for k, v in task.items()}}
                tlines = _key_lines(tnode)
                records.append(Record("plan_tasks", path, tline, tvalues, tlines))
                problems += _text_problems(tvalues, tlines, path, tline)
    return records, problems


def read_table_file(raw: bytes, path: str, resource: str) -> tuple[list[Record], list[Problem]]:
    """A bulk CSV file (units.csv): one record per row, with the row's physical line."""
    text, problems = decode(raw, path, MAX_TABLE_BYTES)
    if text is None:
        return [], problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[Record] = []
    try:
        header = next(reader, None)
        if not header:
            return [], [Problem(path, 1, "csv-syntax", detail="thiếu dòng tiêu đề")]
        header = [h.strip() for h in header]
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(Problem(path, line, "csv-syntax",
                                        detail=f"dòng có {len(row)} cột, tiêu đề có {len(header)} cột"))
                continue
            values = {h: (c if c.strip() else None) for h, c in zip(header, row)}
            lines = dict.fromkeys(header, line)
            problems += _text_problems(values, lines, path, line)
            records.append(Record(resource, path, line, values, lines))
    except csv.Error as exc:
        problems.append(Problem(path, reader.line_num or 1, "csv-syntax", detail=str(exc)))
    return records, problems


def read_settings_file(raw: bytes, path: str) -> tuple[object, dict[str, int], list[Problem]]:
    text, problems = decode(raw, path, MAX_RECORD_BYTES)
    if text is None:
        return None, {}, problems
    data, lines, problems, node = parse_yaml(text, path)
    if node is not None:
        lines.update(_item_lines(node))
    return data, lines, problems


def _item_lines(node: yaml.Node) -> dict[str, int]:
    """Lines of the items of top-level lists in a settings file, keyed "rules[0]" and
    "rules[0].answer_days", so a problem in the third rule names the third rule's line."""
    out: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return out
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.SequenceNode):
            for i, item in enumerate(v.value):
                out[f"{k.value}[{i}]"] = item.start_mark.line + 1
                out.update({f"{k.value}[{i}].{key}": line for key, line in _key_lines(item).items()})
    return out


def classify(rel: Path) -> tuple[str, str | None]:
    """What a file in the data folder is: ('record', resource), ('table', resource),
    ('settings', name), ('attachment', None), ('ignored', None) or ('misplaced', reason)."""
    parts = rel.parts
    suffix = rel.suffix.lower()
    if len(parts) == 1:
        if rel.name == "units.csv":
            return "table", "units"
        if rel.name in SETTINGS_FILES:
            return "settings", rel.stem
        if suffix in (".yaml", ".yml", ".csv"):
            return "misplaced", "tệp ở thư mục gốc data/ không được dùng"
        return "ignored", None
    if len(parts) >= 3 and parts[1] == ATTACHMENT_FOLDER:
        return "attachment", None
    if suffix not in (".yaml", ".yml"):
        return "ignored", None
    if len(parts) == 3 and parts[1] in _FOLDER_TO_RESOURCE:
        return "record", _FOLDER_TO_RESOURCE[parts[1]]
    return "misplaced", f"không rõ loại hồ sơ của “{'/'.join(parts)}”"


def data_files(data_dir: Path) -> list[Path]:
    """Every file under data_dir, in a stable order (hidden files and folders skipped)."""
    out = []
    for p in data_dir.rglob("*"):
        rel = p.relative_to(data_dir)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        out.append(rel)
    return sorted(out)


def display_path(data_dir: Path, rel: Path) -> str:
    return (data_dir / rel).as_posix()


def load(data_dir: Path, files: list[Path] | None = None) -> Loaded:
    """Read every file of the data folder (or only `files`, relative paths)."""
    from .schema import RESOURCES

    records: dict[str, list[Record]] = {name: [] for name in RESOURCES}
    problems: list[Problem] = []
    settings: dict[str, tuple[str, object, dict[str, int]]] = {}
    attachments: dict[str, Path] = {}
    for rel in files if files is not None else data_files(data_dir):
        kind, what = classify(rel)
        path = display_path(data_dir, rel)
        if kind == "ignored":
            continue
        if kind == "attachment":
            attachments[rel.as_posix()] = data_dir / rel
            continue
        if kind == "misplaced":
            problems.append(Problem(path, 1, "misplaced-file", detail=what or ""))
            continue
        raw = (data_dir / rel).read_bytes()
        if kind == "settings":
            data, lines, probs = read_settings_file(raw, path)
            problems += probs
            settings[what] = (path, data, lines)
            continue
        reader = read_table_file if kind == "table" else read_record_file
        recs, probs = reader(raw, path, what)
        problems += probs
        for rec in recs:
            records[rec.resource].append(rec)
    return Loaded(records, problems, settings, attachments)
