"""`giaitrinh import`: the rows of a workbook become record files (new ones, and updates of the
records whose id exists when the workbook is an export), checked with the whole data set by the project's own pipeline before
anything is written; when any row is invalid nothing is written at all.

A plan's tasks (sheet “Nhiệm vụ của kế hoạch”) go into their plan's file: a task whose id the
plan has is updated, another is added. An import never deletes a record or a task; a column the
sheet leaves out keeps the record's value, a blank cell removes it.

A new record's row may leave its id blank: it gets the next free id of its unit and year (the
year of its first date, else of the day of the import), as `giaitrinh new` gives it; several blank
rows of one unit get consecutive ids. In a template (not an export) an id that exists is refused:
copying an example must never overwrite another citizen's record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema as std
from ..load.data_folder import Loaded, Record, read_record_file
from ..problems import Problem
from . import kinds
from .sheets_layout import Column, comparable, shown
from .sheets_read import Read, Row
from .yaml_text import record_yaml

ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TASKS = "tasks"


@dataclass
class Change:
    """One record file the import would write."""

    key: str  # path relative to the data folder
    kind: str
    values: dict[str, object]  # the whole record (a plan with its tasks)
    new: bool
    rows: dict[int, Row] = field(default_factory=dict)  # task index (-1: the record itself) -> its row
    diff: list[str] = field(default_factory=list)  # what changes, one line per field, in Vietnamese


@dataclass(frozen=True)
class Given:
    """An id the import gave to a row that left it blank."""

    sheet: str
    row: int
    id: str


def plan(data: Read, loaded: Loaded, data_dir: Path, today: dt.date) -> tuple[list[Change], list[Given]]:
    """The record files the rows make (only those that change) given the data folder as loaded,
    and the ids given to blank ones; problems are added to `data`. Rows with a cell that could
    not be read are left out."""
    existing = {(name, str(r.values.get("id"))): r for name, recs in loaded.records.items() for r in recs}
    given = _give_ids(data, {*existing, *((f"plan_tasks/{t.values.get('plan')}", str(t.values.get("id")))
                                          for t in loaded.records["plan_tasks"])}, today)
    tasks = {}
    for task in loaded.records["plan_tasks"]:
        tasks.setdefault(task.path, []).append(task)
    base = data_dir.as_posix()
    changes: dict[tuple[str, str], Change] = {}
    seen: dict[tuple[str, str], Row] = {}
    rows = [r for r in data.rows if not r.refused]
    for row in sorted(rows, key=lambda r: r.kind == "plan_tasks"):  # plans before their tasks
        key = _row_key(data, row, seen)
        if key is None:
            continue
        if row.kind == "plan_tasks":
            _task(data, row, changes, existing, tasks, base)
            continue
        old = existing.get(key)
        if old is not None and row.sheet not in data.exports:
            data.problem("sheet-id-taken", row.row, sheet=row.sheet, column=data.headers.get((row.sheet, "id"), "id"),
                         value=key[1])
            continue
        change = changes.get(key) or _change(row.kind, old, tasks, base, str(row.values.get("unit") or ""),
                                             key[1])
        if change is None:
            data.problem("sheet-no-place", row.row, sheet=row.sheet, column=data.headers.get((row.sheet, "unit"), "unit"),
                         detail="mã đơn vị trống hoặc sai dạng")
            continue
        change.rows[-1] = row
        change.diff += _update(change.values, row, "")
        changes[key] = change
    return [c for c in changes.values() if c.new or c.diff], given


def _give_ids(data: Read, existing: set[tuple[str, str]], today: dt.date) -> list[Given]:
    """A blank id of a new record's row (not a task's) filled with the next free id of its kind,
    unit and year, counting on after the ids of the data and of the other rows."""
    how = {k.resource: k for k in kinds.KINDS if k.mode in ("file", "task")}
    taken = {*existing, *((_space(r), str(r.values["id"])) for r in data.rows if r.values.get("id"))}
    given = []
    for row in data.rows:
        unit = str(row.values.get("unit") or "")
        if row.kind == "plan_tasks":
            unit = str(row.values.get("plan") or "")  # a task's id counts within its plan (nv-01…)
        if row.refused or row.values.get("id") or row.kind not in how or not ID.fullmatch(unit):
            continue
        try:
            rid, fills = kinds.next_id(how[row.kind], unit, _year(row, today),
                                       (i for k, i in taken if k == _space(row)))
        except kinds.IdsUsedUp:
            continue  # left blank: reported as a row without an id
        row.values["id"] = rid
        for name, value in fills.items():
            if row.values.get(name) is None:
                row.values[name] = value
        taken.add((_space(row), rid))
        given.append(Given(row.sheet, row.row, rid))
    return given


def _space(row: Row) -> str:
    """Where an id must be free: its kind's records, or the tasks of one plan."""
    return row.kind if row.kind != "plan_tasks" else f"plan_tasks/{row.values.get('plan')}"


def _year(row: Row, today: dt.date) -> int:
    """The year a new record's id counts in: its first date's (a request's day of receipt…)."""
    dates = [row.values.get(f.name) for f in std.load(row.kind).input_fields if f.type == "date"]
    return next((d.year for d in dates if isinstance(d, dt.date)), today.year)


def _row_key(data: Read, row: Row, seen: dict[tuple[str, str], Row]) -> tuple[str, str] | None:
    ident = str(row.values.get("id") or "")
    column = data.headers.get((row.sheet, "id"), "id")
    if not ident:  # no id was given: the unit (a task: the plan) is what is missing
        name = "plan" if row.kind == "plan_tasks" else "unit"
        data.problem("sheet-no-place", row.row, sheet=row.sheet, column=data.headers.get((row.sheet, name), name),
                     detail=f"ô mã trống và mã {'kế hoạch' if name == 'plan' else 'đơn vị'} trống hoặc sai dạng, "
                            "nên không cấp được mã mới")
        return None
    if not ID.fullmatch(ident):
        data.problem("sheet-no-place", row.row, sheet=row.sheet, column=column,
                     detail=f"mã “{ident}” trống hoặc sai dạng" if ident else "thiếu mã hồ sơ")
        return None
    key = (row.kind, ident if row.kind != "plan_tasks" else f"{row.values.get('plan')}/{ident}")
    if key in seen:
        data.problem("sheet-duplicate-id", row.row, sheet=row.sheet, column=column, value=ident,
                     detail=str(seen[key].row))
        return None
    seen[key] = row
    return key


def _change(kind: str, old: Record | None, tasks: dict[str, list[Record]], base: str, unit: str,
            ident: str) -> Change | None:
    if old is not None:
        values = dict(old.values)
        if kind == "plans" and old.path in tasks:
            values[TASKS] = [{k: v for k, v in t.values.items() if k != "plan"} for t in tasks[old.path]]
        return Change(old.path.removeprefix(base + "/"), kind, values, False)
    if not ID.fullmatch(unit):
        return None
    return Change(f"{unit}/{std.FOLDERS[kind]}/{ident}.yaml", kind, {}, True)


def _task(data: Read, row: Row, changes: dict, existing: dict, tasks: dict, base: str) -> None:
    plan_id = str(row.values.get("plan") or "")
    key = ("plans", plan_id)
    change = changes.get(key) or (_change("plans", existing[key], tasks, base, "", plan_id)
                                  if key in existing else None)
    if change is None:
        data.problem("sheet-no-place", row.row, sheet=row.sheet, column=data.headers.get((row.sheet, "plan"), "plan"),
                     detail=f"không có kế hoạch “{plan_id}” trong dữ liệu hay trong tệp nhập")
        return
    changes[key] = change
    items = change.values.setdefault(TASKS, [])
    index = next((i for i, t in enumerate(items) if str(t.get("id")) == str(row.values["id"])), None)
    if index is None:
        items.append({})
        index = len(items) - 1
    change.rows[index] = row
    change.diff += _update(items[index], row, f"nhiệm vụ {row.values['id']}: ", skip=("plan",))


def _update(values: dict[str, object], row: Row, prefix: str, skip: tuple[str, ...] = ()) -> list[str]:
    """Put the row's cells into a record's values; the changes, one line each."""
    schema = std.load(row.kind)
    lines = []
    for name, value in row.values.items():
        if name in skip:
            continue
        f = schema.by_name[name]
        before = values.get(name)
        if _same(f, before, value):
            continue
        col = Column(f)
        if value is None:
            values.pop(name, None)
        else:
            values[name] = value
        lines.append(f"{prefix}{f.title}: {_text(shown(col, before))} → {_text(shown(col, value))}")
    return lines


def _same(f: std.Field, a: object, b: object) -> bool:
    if f.type == "list":
        a, b = (_listed(a), _listed(b))
    return comparable(a) == comparable(b)


def _listed(value: object) -> list[str] | None:
    if isinstance(value, str):
        value = value.split(";")
    return [str(v).strip() for v in value if str(v).strip()] or None if value is not None else None


def _text(value: object) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, int):
        return str(value)
    text = " ".join(str(value).split())
    return f"“{text if len(text) <= 60 else text[:59] + '…'}”"


def yaml_files(changes: list[Change]) -> dict[str, bytes]:
    return {c.key: record_yaml(c.kind, c.values).encode("utf-8") for c in changes}


def sort_out(changes: list[Change], files: dict[str, bytes], data: Read, data_dir: Path,
             found: list[Problem]) -> tuple[list[str], list[str], list[Problem]]:
    """The problems of the whole data set checked with the files written: the errors and the
    warnings of those files, as lines naming the sheet, row and column of each, and the errors
    of other files (which the import may have caused: the caller compares them with the data as it is)."""
    base = data_dir.as_posix()
    ours = {f"{base}/{c.key}": c for c in changes}
    errors, warnings = [], []
    for p in found:
        if p.path in ours:
            line = _placed(p, ours[p.path], files, data)
            if line:
                (errors if p.is_error else warnings).append(line)
    return errors, warnings, [p for p in found if p.path not in ours and p.is_error]


def _unknown_columns(data: Read, sheet: str) -> bool:
    return any(p.code == "sheet-unknown-column" and dict(p.extra).get("sheet") == sheet for p in data.problems)


def _placed(p: Problem, change: Change, files: dict[str, bytes], data: Read) -> str | None:
    """A problem of a would-be file, said on the sheet row (and column) it comes from in the
    words of the sheet (column titles, cells); None when the sheet's own problems say it already."""
    row = change.rows.get(-1)
    if TASKS in change.values:
        records, _ = read_record_file(files[change.key], p.path, "plans")
        starts = [r.line for r in records[1:]]
        index = max((i for i, line in enumerate(starts) if line <= p.line), default=None)
        row = change.rows.get(index, row) if index is not None else row
    if row is None:
        return f"{p.path}:{p.line}: {p.code}: {p.message()}"
    column = data.headers.get((row.sheet, p.field)) or _title(row.kind, p.field)
    if p.code == "missing-value" and (row.sheet, p.field) not in data.headers and _unknown_columns(data, row.sheet):
        return None  # the column is missing because a header was not understood: that problem is said already
    if p.code == "missing-value" and column:
        sheet = Problem(data.path, row.row, "sheet-blank-required", field=column,
                        extra=(("sheet", row.sheet), ("row", str(row.row)), ("column", column)))
        return sheet.line_text()
    where = f"Trang “{row.sheet}”, dòng {row.row}" + (f", cột “{column}”" if column else "")
    said = dataclasses.replace(p, field=column) if column else p  # the column's title, not the field's name
    return f"{data.path}:{row.row}: {p.code}: {where}: {said.message()}"


def _title(kind: str, name: str) -> str:
    f = std.load(kind).by_name.get(name)
    return f.title if f is not None else name


def write(data_dir: Path, files: dict[str, bytes]) -> None:
    """Every file into a temporary file beside it, then each renamed into place: a failure while
    writing leaves the data folder as it was."""
    staged = []
    try:
        for key, data in files.items():
            target = data_dir / key
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            staged.append((temp, target))
    except BaseException:
        for temp, _ in staged:
            os.unlink(temp)
        raise
    for temp, target in staged:
        os.replace(temp, target)
