"""Stage 1: read the data folder into records, safely.

Every file is read as bytes, checked for size and UTF-8, normalised to NFC and parsed with a
safe YAML loader that also reports duplicate keys, tags and runaway aliases. Nothing here
raises on bad input: each problem becomes a Problem naming the file and the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import pickle
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .cache import blob_hash
from .problems import Problem
from .schema import FOLDERS
from .yaml_messages import TOO_DEEP, error_problem, syntax_problem, value_problem

MAX_RECORD_BYTES = 1024 * 1024
MAX_TABLE_BYTES = 64 * 1024 * 1024
MAX_YAML_NODES = 20_000
MAX_YAML_DEPTH = 50  # a record is a mapping of values, a plan two levels more
SETTINGS_FILES = ("portal.yaml", "rules.yaml", "calendar.yaml", "legal-sources.yaml")
ATTACHMENT_FOLDER = "tep"
_FOLDER_TO_RESOURCE = {folder: resource for resource, folder in FOLDERS.items()}
_SCALAR_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
# The tags a node of each kind may carry: a scalar tagged !!map, or a mapping tagged !!str, is
# refused as PyYAML refuses it (its constructor for !!map would return a generator).
_SAFE_TAGS = {yaml.ScalarNode: _SCALAR_TAGS, yaml.MappingNode: {"tag:yaml.org,2002:map"},
              yaml.SequenceNode: {"tag:yaml.org,2002:seq"}}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: 9x faster
    """Safe loader whose impossible dates (2026-02-30) stay text, so the schema stage reports
    them as a wrong date on their own line instead of the whole file failing."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        """The tag of a node; a scalar's depends on its text and on whether it was quoted only
        (this loader has no path resolvers), so it is remembered: every record repeats its keys
        and most of its values, and matching them against the resolvers' patterns was a quarter
        of a record's parse."""
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < 50_000:  # ids and subjects are all different: not kept without end
                _RESOLVED[key] = tag
        return tag


_RESOLVED: dict[tuple[object, object], str] = {}


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A date; anything else tagged a timestamp stays text, for the schema stage to report on
    its line: an impossible date (2026-02-30), a date-time (records hold dates, never times: a
    datetime would slip through as a date and break every date comparison later), or text
    given an explicit !!timestamp tag (PyYAML fails on it with an AttributeError)."""
    text = loader.construct_scalar(node)
    if _DATE.fullmatch(text):  # the usual form, parsed directly
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            return text
    try:
        value = yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError):
        return text
    return text if isinstance(value, dt.datetime) else value


def _bool(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A boolean; text given an explicit !!bool tag that is none stays text (PyYAML fails on it
    with a KeyError)."""
    text = loader.construct_scalar(node)
    return loader.bool_values.get(text.lower(), text)


def _number(construct: Callable[[yaml.SafeLoader, yaml.Node], object]) -> Callable[[yaml.SafeLoader, yaml.Node], object]:
    """PyYAML's !!int or !!float constructor, failing with a ValueError (reported as a syntax
    problem) on every text that is no number: on "", "_" or "-" under an explicit tag PyYAML
    raised IndexError."""
    def number(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        try:
            return construct(loader, node)
        except IndexError:
            raise ValueError(f"“{node.value}” không phải là số") from None
    return number


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
_Loader.add_constructor("tag:yaml.org,2002:bool", _bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _number(yaml.SafeLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _number(yaml.SafeLoader.construct_yaml_float))


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

    def __reduce__(self) -> tuple:
        """Pickled as its fields: read back from the cache a third faster than a dataclass's state."""
        return Record, (self.resource, self.path, self.line, self.values, self.lines)


@dataclass
class Loaded:
    records: dict[str, list[Record]]
    problems: list[Problem]
    settings: dict[str, tuple[str, object, dict[str, int]]]  # name -> (path, data, key lines)
    attachments: dict[str, Path]  # "unit/tep/x.pdf" -> file
    hashes: dict[str, str] = field(default_factory=dict)  # record or table file -> content hash
    signatures: dict[str, Signature] = field(default_factory=dict)  # record or table file -> stat signature


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


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, newline and carriage
# return are allowed; the line and paragraph separators are not. Bidirectional overrides and
# isolates reorder what a reader sees (“Trojan source”); Vietnamese text never needs them.
# One regex instead of a Python loop over every character (a third of the load time at 100,000 records).
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _bad_control(text: str) -> str | None:
    m = _BAD_CONTROL.search(text)
    return f"U+{ord(m.group()):04X}" if m else None


def _check_nodes(node: yaml.Node, path: str) -> list[Problem]:
    """Tags, aliases, nesting and duplicate keys, found on the composed node tree before
    construction, in one walk. A tree without aliases has its node count as expanded size; at
    the first node reached twice (an alias) the expanded size is computed once, so a "billion
    laughs" document is refused before anything is built from it."""
    problems: list[Problem] = []
    seen: set[int] = set()
    sized = False
    stack = [(node, True, 0)]
    while stack:
        n, report, depth = stack.pop()
        if depth > MAX_YAML_DEPTH:  # [[[[…]]]] hundreds deep: hostile or broken, never a record
            return [syntax_problem(path, n.start_mark.line + 1, TOO_DEEP)]
        if id(n) in seen:
            if not sized and _expanded_size(node) > MAX_YAML_NODES:
                return [Problem(path, 1, "yaml-aliases", detail=f">{MAX_YAML_NODES}")]
            sized = True
            continue
        seen.add(id(n))
        if report and n.tag not in _SAFE_TAGS[type(n)]:
            problems.append(Problem(path, n.start_mark.line + 1, "yaml-tag", detail=n.tag))
            report = False  # what lies under a forbidden tag is not reported, but still counted
        if isinstance(n, yaml.MappingNode):
            if report:
                problems += _duplicate_keys(n, path)
            stack.extend((child, report, depth + 1) for pair in n.value for child in pair)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend((v, report, depth + 1) for v in n.value)
    if len(seen) > MAX_YAML_NODES:
        return [Problem(path, 1, "yaml-aliases", detail=f">{MAX_YAML_NODES}")]
    return problems


def _duplicate_keys(n: yaml.MappingNode, path: str) -> list[Problem]:
    problems, first = [], {}
    for k, _ in n.value:
        key = k.value if isinstance(k, yaml.ScalarNode) else id(k)
        if key in first:
            problems.append(Problem(path, k.start_mark.line + 1, "duplicate-key", field=str(key),
                                    detail=str(first[key])))
        else:
            first[key] = k.start_mark.line + 1
    return problems


def _expanded_size(node: yaml.Node) -> int:
    """Nodes in the tree with every alias expanded (capped just above the limit)."""
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

    return size(node)


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
            flat = _flat(loader, node)
            if flat is not None:
                return flat[0], flat[1], [], node
            problems = _check_nodes(node, path)
            if any(p.code != "duplicate-key" for p in problems):
                return None, {}, problems, None
            data = _construct(loader, node, {})  # with duplicate keys the last wins: reported above
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return None, {}, [error_problem(path, exc)], None
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. a timestamp like 2026-02-30
        return None, {}, [value_problem(path, str(exc).splitlines()[0])], None
    except RecursionError:  # [[[[…]]]] thousands deep: hostile or broken, never a record
        return None, {}, [syntax_problem(path, 1, TOO_DEEP)], None
    return data, _key_lines(node), problems, node


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"


def _flat(loader: _Loader, node: yaml.Node) -> tuple[dict, dict[str, int]] | None:
    """A mapping of scalars with safe tags and distinct keys (every record but a plan), checked,
    built and its key lines taken in one pass: what _check_nodes, _construct and _key_lines make
    of it, with no problem to report (a flat mapping cannot nest, and an alias in it repeats a
    scalar). None for anything else, which takes that general path."""
    if type(node) is not yaml.MappingNode or node.tag != _MAP or len(node.value) > MAX_YAML_NODES // 2:
        return None
    data: dict = {}
    lines: dict[str, int] = {}
    constructors = loader.yaml_constructors
    for k, v in node.value:
        if type(k) is not yaml.ScalarNode or type(v) is not yaml.ScalarNode:
            return None
        ktag, vtag, text = k.tag, v.tag, k.value
        if ktag not in _SCALAR_TAGS or vtag not in _SCALAR_TAGS or text in lines:
            return None  # reported on the general path
        key = text if ktag == _STR else constructors[ktag](loader, k)
        if key in data:
            return None  # two texts, one key (1 and 01): built as the general path builds it
        data[key] = v.value if vtag == _STR else constructors[vtag](loader, v)
        lines[text] = k.start_mark.line + 1
    return data, lines


def _construct(loader: _Loader, node: yaml.Node, made: dict[int, object]) -> object:
    """What `loader.construct_document(node)` builds, for a tree `_check_nodes` accepted (safe
    tags only, so no merge keys; at most MAX_YAML_DEPTH deep): text taken as it is, other
    scalars made by the loader's own constructors, a node reached twice (an alias) built once.
    A third of the time PyYAML's generic construction takes, which is most of a record's parse."""
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        return node.value if tag == _STR else loader.yaml_constructors[tag](loader, node)
    if id(node) in made:
        return made[id(node)]
    if isinstance(node, yaml.SequenceNode):
        made[id(node)] = items = []
        items.extend(_construct(loader, n, made) for n in node.value)
        return items
    made[id(node)] = mapping = {}
    for k, v in node.value:
        key = _construct(loader, k, made)
        if isinstance(key, (list, dict)):
            raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                    "found unhashable key", k.start_mark)
        mapping[key] = _construct(loader, v, made)
    return mapping


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
    if not _BAD_CONTROL.search(text):
        return []
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
    return _classify(rel.parts)


def kind_of(key: str) -> str:
    """What a data file is ("record", "table", …, as classify says), from its path relative to the
    data folder written with "/"."""
    return _classify(tuple(key.split("/")))[0]


def _classify(parts: tuple[str, ...]) -> tuple[str, str | None]:
    name = parts[-1]
    dot = name.rfind(".")
    suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
    if len(parts) == 1:
        if name == "units.csv":
            return "table", "units"
        if name in SETTINGS_FILES:
            return "settings", name[:dot]
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


def _walk(data_dir: Path) -> list[tuple[str, ...]]:
    """The parts of every file under data_dir, sorted as Path objects sort (hidden files and
    folders skipped). Plain strings and os.scandir: pathlib costs seconds at 100,000 files."""
    out: list[tuple[str, ...]] = []

    def visit(folder: str, prefix: tuple[str, ...]) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    visit(entry.path, (*prefix, entry.name))
                elif entry.is_file():
                    out.append((*prefix, entry.name))

    visit(str(data_dir), ())
    out.sort()
    return out


def walk_and_stat(data_dir: Path) -> tuple[list[tuple[str, ...]], dict[str, Signature]]:
    """_walk, and the stat signature of every record file."""
    listing = _walk(data_dir)
    base = data_dir.as_posix()
    return listing, {"/".join(parts): signature(f"{base}/{'/'.join(parts)}") for parts in listing
                     if _classify(parts)[0] == "record"}


def data_files(data_dir: Path) -> list[Path]:
    """Every file under data_dir, in a stable order (hidden files and folders skipped)."""
    return [Path(*parts) for parts in _walk(data_dir)]


def display_path(data_dir: Path, rel: Path) -> str:
    return (data_dir / rel).as_posix()


Parsed = tuple[str, list[Record], list[Problem]]  # content hash, records, problems
Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode: changes whenever a file is written
RACY_SECONDS = 2  # a file written this close to the cache entry is hashed again (git's "racy" rule)


def read_bytes(path: str) -> bytes:
    """A file's bytes, with plain system calls: half the time of open().read() for a record
    (4.5 against 9 µs), which also asks the size, makes a buffer and checks for a terminal."""
    fd = os.open(path, os.O_RDONLY)
    try:
        first = os.read(fd, 1 << 16)
        if len(first) < 1 << 16:
            return first
        parts = [first]
        while chunk := os.read(fd, 1 << 20):
            parts.append(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def signature(path: str) -> Signature:
    st = os.stat(path)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


_OLD: dict[str, Parsed] = {}


def _parse_files(items: list[tuple[str, str, str, str, str]]) -> list[Parsed]:
    """Read, hash and parse files; a file whose content is in the cache under another signature
    (touched, copied back) is not parsed again."""
    advising = threading.Thread(target=_advise, args=([item[4] for item in items],), daemon=True)
    advising.start()
    out = [_parse_one(key, kind, what, path, read_bytes(full)) for key, kind, what, path, full in items]
    advising.join()
    return out


def _advise(paths: list[str]) -> None:
    """Ask the kernel to read these files into its cache (posix_fadvise WILLNEED), in order. From
    a cold disk (this VM serves about 12,000 small files a second, in one stream or sixteen)
    reading 100,000 files takes 8 s: asked ahead, that time overlaps with parsing."""
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # reported when it is read
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def _parse_one(key: str, kind: str, what: str, path: str, raw: bytes) -> Parsed:
    digest = blob_hash(raw)
    hit = _OLD.get(key)
    if hit is not None and hit[0] == digest:
        return hit
    reader = read_table_file if kind == "table" else read_record_file
    recs, probs = reader(raw, path, what)
    return (digest, recs, probs)


def _entries(data_dir: Path) -> tuple[Path, Path]:
    """The cache entries of a data folder: its parsed files, and for each record file its content
    hash and the keys of its records (what `validate --changed-from` needs to know about files it
    does not read). Both are kept in one part per unit folder: a change rewrites one part."""
    from . import cache
    from .schema import fingerprint

    parsed = cache.slot("parsed", str(data_dir), str(data_dir.resolve()), cache.code_fingerprint(*cache.PARSE_MODULES))
    index = cache.slot("index", str(data_dir), str(data_dir.resolve()),
                       cache.code_fingerprint(*cache.PARSE_MODULES, "validate"), fingerprint())
    return parsed, index


def read_index(data_dir: Path) -> dict[str, tuple[str, list[tuple[str, str, tuple[str, ...]]]]] | None:
    """The record-key index of every file the last load() saw, or None if there is none yet."""
    from . import cache

    index: dict = {}
    found = False
    for part in cache.shards(_entries(data_dir)[1]):
        entry = cache.read(part)
        if isinstance(entry, dict):
            index.update(entry)
            found = True
    return index if found else None


def record_keys(records: list[Record]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(resource, id as text, primary key cells) of each record of a file."""
    from .schema import load as schema_load
    from .validate import cell

    pks: dict[str, list[str]] = {}
    out = []
    for r in records:
        pk = pks.get(r.resource)
        if pk is None:
            pk = pks[r.resource] = schema_load(r.resource).descriptor.get("primaryKey", ["id"])
        values = r.values
        out.append((r.resource, str(values.get("id")), tuple(cell(values.get(k)) for k in pk)))
    return out


def load(data_dir: Path, files: list[Path] | None = None) -> Loaded:
    """Read every file of the data folder (or only `files`, relative paths).

    Record files are parsed in parallel (one process per core) and their parsed form is kept in
    the cache, keyed by each file's content hash. A file whose size, times and inode are those
    recorded with its hash is known to have that content without being read again (as git's
    index does), except when it was written within seconds of the cache entry."""
    import time

    from . import cache, parallel
    from .schema import RESOURCES

    global _OLD
    records: dict[str, list[Record]] = {name: [] for name in RESOURCES}
    problems: list[Problem] = []
    settings: dict[str, tuple[str, object, dict[str, int]]] = {}
    attachments: dict[str, Path] = {}
    base = data_dir.as_posix()
    parsed: dict[str, Parsed] = {}
    stats: dict[str, tuple[Signature, str]] = {}
    order: list[str | list[Problem]] = []  # parsed files and other problems, in listing order
    todo: list[tuple[str, str, str, str, str]] = []
    started = time.time()
    with parallel.no_gc():  # building 100,000 records triggers full collections that find nothing to free
        entry, index_entry = _entries(data_dir)
        if files is None:
            # 100,000 files are listed and stat'ed in a forked process while this one reads the cache.
            walking = parallel.Background(walk_and_stat, data_dir)
            try:
                guess = {e.name for e in os.scandir(data_dir) if e.is_dir() and not e.name.startswith(".")}
            except OSError:  # reported by the walk
                guess = set()
            states = {f: _state(cache.shard(entry, f)) for f in sorted(guess | {""})}
            listing, signatures = walking.get()
            folders = sorted({parts[0] for parts in listing if len(parts) > 1} | {""})
            states = {f: states[f] if f in states else _state(cache.shard(entry, f)) for f in folders}
        else:
            listing, signatures, states = [rel.parts for rel in files], {}, {}
        old: dict[str, Parsed] = {}
        old_stats: dict[str, tuple[Signature, str]] = {}
        trusted_before: dict[str, float] = {}
        for folder, state in states.items():
            old.update(state.get("files", {}))
            old_stats.update(state.get("stats", {}))
            trusted_before[folder] = state.get("written", 0) - RACY_SECONDS
        for parts in listing:
            kind, what = _classify(parts)
            key = "/".join(parts)
            path = f"{base}/{key}" if base != "." else key
            if kind == "ignored":
                continue
            if kind == "attachment":
                attachments[key] = data_dir / key
                continue
            if kind == "misplaced":
                order.append([Problem(path, 1, "misplaced-file", detail=what or "")])
                continue
            full = f"{base}/{key}"
            if kind == "settings":
                data, lines, probs = read_settings_file(read_bytes(full), path)
                order.append(probs)
                settings[what] = (path, data, lines)
                continue
            order.append(key)
            sig = signatures.get(key) or (signature(full) if old else None)
            known = old_stats.get(key)
            hit = old.get(key)
            if known and hit and known[0] == sig and known[1] == hit[0] \
                    and sig[1] < trusted_before[folder_of(key)] * 1e9:
                parsed[key] = hit
                stats[key] = known
            else:
                todo.append((key, kind, what, path, full))
                stats[key] = (sig or signature(full), "")
        _OLD = old
        saving = files is None and cache.enabled()
        written = _parse_by_folder(todo, parsed, stats, (entry, index_entry, started) if saving else None)
        _OLD = {}
        for key in order:
            if not isinstance(key, str):
                problems += key
                continue
            _, recs, probs = parsed[key]
            problems += probs
            for rec in recs:
                records[rec.resource].append(rec)
        if saving:
            _save(entry, index_entry, states, parsed, stats, written, started)
    return Loaded(records, problems, settings, attachments, {k: p[0] for k, p in parsed.items()},
                  {k: s[0] for k, s in stats.items()})


def folder_of(key: str) -> str:
    """The part of the cache a data file is kept in: its unit folder ("" for top-level files)."""
    return key.split("/", 1)[0] if "/" in key else ""


def _state(path: Path) -> dict:
    """One part of the parsed-files cache: {"files": {key: Parsed}, "stats": {key: (signature,
    hash)}, "written": time}, or {} if there is none. Its files are kept pickled apart (see
    _parse_by_folder)."""
    from . import cache

    state = cache.read(path)
    if not isinstance(state, dict) or not isinstance(state.get("files"), bytes):
        return {}
    try:
        return {**state, "files": pickle.loads(state["files"])}
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return {}


def _parse_by_folder(todo: list[tuple[str, str, str, str, str]], parsed: dict[str, Parsed],
                     stats: dict[str, tuple[Signature, str]], shards: tuple[Path, Path, float] | None) -> set[str]:
    """Read, hash and parse the files of `todo` in forked workers, each taking whole unit folders,
    and add them to `parsed` and `stats`. With `shards` (the cache entries and the load's start),
    each worker also writes the cache parts of its folders: the folder's parsed files are
    pickled once, for the cache and for this process (a child pickling them again for the cache
    took 3 s of CPU at 100,000 records, beside the checks). Returns the folders written."""
    from . import cache, parallel

    by_folder: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for item in todo:
        by_folder.setdefault(folder_of(item[0]), []).append(item)
    members: dict[str, list[str]] = {f: [] for f in by_folder}
    for key in stats:  # every record file listed, in order
        if (f := folder_of(key)) in members:
            members[f].append(key)
    # Chunks of whole folders, about len(todo) / parts files each: several per worker, so that
    # this process unpickles the first while the workers parse the next.
    parts = 4 * parallel.workers()
    chunks: list[list[str]] = [[]]
    size = 0
    for f, items in by_folder.items():
        if size >= len(todo) / parts:
            chunks.append([])
            size = 0
        chunks[-1].append(f)
        size += len(items)
    if shards:
        cache.wait_all()  # a part still being written by an earlier load is not overwritten later by it

    def parse(folders: list[str]) -> list[bytes]:
        items = [item for f in folders for item in by_folder[f]]
        fresh = dict(zip([item[0] for item in items], _parse_files(items), strict=True))
        out = []
        for f in folders:
            files = {k: fresh[k] if k in fresh else parsed[k] for k in members[f]}
            blob = pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL)
            if shards:
                entry, index_entry, started = shards
                for path, value in zip((cache.shard(entry, f), cache.shard(index_entry, f)),
                                       _cache_parts(files, blob, stats, started), strict=True):
                    cache.write(path, value)
            out.append(blob)
        return out

    tasks = [functools.partial(parse, folders) for folders in chunks if folders]
    with parallel.no_gc():
        for blobs in parallel.run_all(tasks, fork=len(todo) >= 1500):
            for blob in blobs:
                for key, result in pickle.loads(blob).items():
                    parsed[key] = result
                    stats[key] = (stats[key][0], result[0])
    return set(by_folder) if shards else set()


def _save(entry: Path, index_entry: Path, states: dict[str, dict], parsed: dict[str, Parsed],
          stats: dict[str, tuple[Signature, str]], written: set[str], started: float) -> None:
    """Write, behind the build, the parts of the cache the workers did not write whose files
    changed (a file was deleted, a part is missing)."""
    from . import cache

    keys: dict[str, list[str]] = {folder: [] for folder in states}
    for key in parsed:
        keys[folder_of(key)].append(key)
    dirty = [f for f, ks in keys.items() if f not in written
             and (set(ks) != set(states[f].get("files", {})) or not cache.shard(index_entry, f).exists())]

    def values() -> list[object]:
        out: list[object] = []
        for f in dirty:
            files = {k: parsed[k] for k in keys[f]}
            out += _cache_parts(files, pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL), stats, started)
        return out

    cache.write_soon([path for f in dirty for path in (cache.shard(entry, f), cache.shard(index_entry, f))], values)


def _cache_parts(files: dict[str, Parsed], blob: bytes, stats: dict[str, tuple[Signature, str]],
                 started: float) -> tuple[dict, dict]:
    """The two cache parts of a folder whose parsed files are `files` (pickled as `blob`): the
    parsed files with their signatures (read back by _state), and the keys of their records
    (read back by read_index)."""
    return ({"files": blob, "written": started, "stats": {k: (stats[k][0], p[0]) for k, p in files.items()}},
            {k: (p[0], record_keys(p[1])) for k, p in files.items()})
