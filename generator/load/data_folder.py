"""Stage 1: read the data folder into records, safely.

Every file is read as bytes, checked for size and UTF-8, normalised to NFC and parsed with the
safe YAML reader (yaml_safe.py). Nothing here raises on bad input: each problem becomes a
Problem naming the file and the line. How files are listed and parsed (in this process, or in
forked workers with a cache) is the `files` argument of load(): see generator/speed/.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import yaml

from .. import schema as std
from ..problems import Problem
from ..schema import FOLDERS
from . import releases
from .yaml_safe import _item_lines, _key_lines, _text_problems, parse_yaml

MAX_RECORD_BYTES = 1024 * 1024
MAX_TABLE_BYTES = 64 * 1024 * 1024
SETTINGS_FILES = ("portal.yaml", "rules.yaml", "calendar.yaml", "legal-sources.yaml")
ATTACHMENT_FOLDER = "tep"
_FOLDER_TO_RESOURCE = {folder: resource for resource, folder in FOLDERS.items()}


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
        """Pickled as its fields: a dataclass's state dict is slower to read back from the cache."""
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
        case = (("case", "csv"),) if path.endswith(".csv") else ()
        return None, [Problem(path, line, "file-encoding", detail=f"byte 0x{raw[exc.start]:02x}", extra=case)]
    return unicodedata.normalize("NFC", text), []


# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, newline and carriage
# return are allowed; the line and paragraph separators are not. Bidirectional overrides and
# isolates reorder what a reader sees (“Trojan source”); Vietnamese text never needs them.


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
    if len(parts) == 2 and parts[0] == releases.FOLDER and suffix == ".json":
        return "release", name[:dot]
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


def read_bytes(path: str) -> bytes:
    """A file's bytes, with plain system calls: open().read() also asks the size, makes a buffer
    and checks for a terminal, which doubles the cost of a small record (bench/README.md)."""
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



def blob_hash(data: bytes) -> str:
    """Git's hash of a file's content (sha1 of "blob <size>\\0" + bytes): `validate --changed-from`
    can then trust git's own hashes for unchanged files."""
    h = hashlib.sha1(b"blob %d\0" % len(data))
    h.update(data)
    return h.hexdigest()


Item = tuple[str, str, str, str, str]  # a file to parse: key, kind, resource, path shown, path on disk


def parse_one(item: Item, raw: bytes, digest: str | None = None) -> Parsed:
    """A record or table file's content hash (`digest` if known), records and problems."""
    _, kind, what, path, _ = item
    reader = read_table_file if kind == "table" else read_record_file
    recs, probs = reader(raw, path, what)
    return (digest or blob_hash(raw), recs, probs)


def record_keys(records: list[Record]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(resource, id as text, primary key cells) of each record of a file."""
    pks: dict[str, list[str]] = {}
    out = []
    for r in records:
        pk = pks.get(r.resource)
        if pk is None:
            pk = pks[r.resource] = std.load(r.resource).descriptor.get("primaryKey", ["id"])
        values = r.values
        out.append((r.resource, str(values.get("id")), tuple(std.cell(values.get(k)) for k in pk)))
    return out


def folder_of(key: str) -> str:
    """The unit folder a data file sits in ("" for top-level files)."""
    return key.split("/", 1)[0] if "/" in key else ""


class FileReader(Protocol):
    """How the files of a data folder are listed and parsed: here, one by one (InProcess), or
    in forked workers with a cache (generator/speed/parse_cache.py)."""

    def listing(self, data_dir: Path) -> tuple[list[tuple[str, ...]], dict[str, Signature]]: ...

    def parse(self, data_dir: Path, items: list[Item], signatures: dict[str, Signature],
              whole: bool) -> tuple[dict[str, Parsed], dict[str, Signature]]: ...


class InProcess:
    """Every file listed, read and parsed in this process; nothing kept."""

    def listing(self, data_dir: Path) -> tuple[list[tuple[str, ...]], dict[str, Signature]]:
        return walk_and_stat(data_dir)

    def parse(self, data_dir: Path, items: list[Item], signatures: dict[str, Signature],
              whole: bool) -> tuple[dict[str, Parsed], dict[str, Signature]]:
        return ({item[0]: parse_one(item, read_bytes(item[4])) for item in items},
                {item[0]: signatures.get(item[0]) or signature(item[4]) for item in items})


class Overlay:
    """A FileReader that reads some files from bytes given instead of from the disk (added, or in
    place of the file there): `giaitrinh import` checks the files it would write with the whole
    data set before it writes any. Every other file goes through `inner`."""

    def __init__(self, inner: FileReader, files: dict[str, bytes]):
        self.inner, self.files = inner, files  # key (path relative to the data folder, "/") -> bytes

    def listing(self, data_dir: Path) -> tuple[list[tuple[str, ...]], dict[str, Signature]]:
        listing, signatures = self.inner.listing(data_dir)
        added = {tuple(key.split("/")) for key in self.files} - set(listing)
        return sorted([*listing, *added]), {k: s for k, s in signatures.items() if k not in self.files}

    def parse(self, data_dir: Path, items: list[Item], signatures: dict[str, Signature],
              whole: bool) -> tuple[dict[str, Parsed], dict[str, Signature]]:
        parsed, sigs = self.inner.parse(data_dir, [i for i in items if i[0] not in self.files], signatures, whole)
        for item in items:
            if item[0] in self.files:
                parsed[item[0]] = parse_one(item, self.files[item[0]])
                sigs[item[0]] = (len(self.files[item[0]]), 0, 0, 0)
        return parsed, sigs


def load(data_dir: Path, files: list[Path] | None = None, reader: FileReader | None = None) -> Loaded:
    """Read every file of the data folder (or only `files`, relative paths), in listing order."""
    reader = reader or InProcess()
    listing, signatures = reader.listing(data_dir) if files is None else ([rel.parts for rel in files], {})
    base = data_dir.as_posix()
    settings: dict[str, tuple[str, object, dict[str, int]]] = {}
    attachments: dict[str, Path] = {}
    order: list[str | list[Problem]] = []  # parsed files and other problems, in listing order
    items: list[Item] = []
    for parts in listing:
        kind, what = _classify(parts)
        key = "/".join(parts)
        path = f"{base}/{key}" if base != "." else key
        if kind == "attachment":
            attachments[key] = data_dir / key
        elif kind == "misplaced":
            order.append([Problem(path, 1, "misplaced-file", detail=what or "")])
        elif kind == "settings":
            data, lines, probs = read_settings_file(read_bytes(f"{base}/{key}"), path)
            order.append(probs)
            settings[what] = (path, data, lines)
        elif kind == "release":
            data, probs = releases.read_manifest(read_bytes(f"{base}/{key}"), path)
            order.append(probs)
            settings[f"{releases.FOLDER}/{what}"] = (path, data, {})
        elif kind != "ignored":
            order.append(key)
            items.append((key, kind, what, path, f"{base}/{key}"))
    parsed, sigs = reader.parse(data_dir, items, signatures, files is None)
    records: dict[str, list[Record]] = {name: [] for name in std.RESOURCES}
    problems: list[Problem] = []
    for key in order:
        if not isinstance(key, str):
            problems += key
            continue
        _, recs, probs = parsed[key]
        problems += probs
        for rec in recs:
            records[rec.resource].append(rec)
    return Loaded(records, problems, settings, attachments, {k: p[0] for k, p in parsed.items()}, sigs)
