"""Stage 2: check the records against the data standard, then against the rules a schema
cannot express. Frictionless does the schema part (types, required, enums, patterns,
uniqueness, foreign keys), one resource at a time; its errors are mapped back to the file,
line and field the clerk wrote."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import PurePosixPath

from frictionless import Package, Resource
from frictionless import Schema as FlSchema

from .. import schema as std
from ..catalogue.guess import closest, closest_code
from ..load.data_folder import Loaded, Record
from ..problems import Problem
from ..schema import cell

_TYPE_VI = {"date": "ngày (năm-tháng-ngày)", "integer": "số nguyên", "boolean": "true/false",
            "number": "số", "string": "văn bản", "list": "danh sách trên một dòng, cách nhau bằng dấu “;”"}
_TYPE_EN = {"date": "date (year-month-day)", "integer": "whole number", "boolean": "true/false",
            "number": "number", "string": "text", "list": "list on one line, separated by “;”"}
_LIMIT_VI = {"minimum": "tối thiểu", "maximum": "tối đa", "minLength": "độ dài tối thiểu",
             "maxLength": "độ dài tối đa"}
_LIMIT_EN = {"minLength": "minimum length", "maxLength": "maximum length"}  # minimum, maximum: as they are
_POSITION = re.compile(r"row at position (\d+)")


def typed(field: std.Field, value: object) -> object:
    """A valid raw value as a Python value of the field's type."""
    if value is None or value == "":
        return None
    if field.type == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if field.type == "integer":
        return int(value)
    if field.type == "boolean":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return value if isinstance(value, str) else cell(value)


class _Rows(list):
    """Inline rows handed to Frictionless. It deep-copies a resource's data each time it checks
    the metadata (twice per validation); these rows are never modified, so the copy may be the
    list itself. Deep-copying 100,000 rows cost more than validating them."""

    def __deepcopy__(self, memo: dict) -> _Rows:
        return self


def schema_tasks(loaded: Loaded, only: set[str] | None = None) -> list[tuple[int, Callable[[], list[Problem]]]]:
    """The schema check as one task per resource (those in `only`, or all), each with its
    relative cost (rows × (fields + 10), from timings), for `parallel.run_all`."""
    schemas = std.all_schemas()
    return [(len(loaded.records[n]) * (len(schemas[n].input_fields) + 10), partial(resource_problems, loaded, n))
            for n in std.RESOURCES if only is None or n in only]


def schema_problems(loaded: Loaded, only: set[str] | None = None) -> list[Problem]:
    """The schema check of every resource (or of those named in `only`), in this process."""
    return [p for _, task in schema_tasks(loaded, only) for p in task()]


def resource_problems(loaded: Loaded, name: str) -> list[Problem]:
    """Unknown fields and values that are lists or maps, then one Frictionless validation of the
    resource in a package that also holds the resources its foreign keys refer to. Validating
    one resource of a package gives exactly the errors a whole-package validation gives for it
    (each resource is validated on its own, foreign keys looked up in the package), so the
    resources are validated in parallel."""
    schemas = std.all_schemas()
    sch = schemas[name]
    out = list(_shape_problems(loaded.records[name], sch))
    refs = {fk["reference"]["resource"] or name for fk in sch.frictionless(computed=False).get("foreignKeys", [])}
    package = Package(resources=[_resource(loaded.records[n], schemas[n]) for n in [name, *sorted(refs - {name})]])
    report = package.validate(name=name, limit_errors=100_000)
    units = [str(r.values.get("id")) for r in loaded.records["units"]]
    for task in report.tasks:
        out += _map_errors(task.name, task.errors, loaded.records[task.name], sch, units)
    return out


def table_problems(records: list[Record], sch: std.Schema) -> list[Problem]:
    """One table validated on its own (its foreign keys may point only into itself), as a
    resource's records are: data/legal-sources.yaml is checked this way."""
    out = list(_shape_problems(records, sch))
    report = Package(resources=[_resource(records, sch)]).validate(name=sch.name, limit_errors=100_000)
    for task in report.tasks:
        out += _map_errors(task.name, task.errors, records, sch, [])
    return out


def _shape_problems(records: list[Record], sch: std.Schema) -> Iterator[Problem]:
    known = {f.name for f in sch.input_fields}
    for rec in records:
        for key, value in rec.values.items():
            if key not in known:
                guess = closest(key, known - rec.values.keys()) or closest(key, known)
                yield Problem(rec.path, rec.line_of(key), "unknown-field", field=key, resource=sch.title,
                              extra=(("case", "guess"), ("guess", guess)) if guess else ())
            elif isinstance(value, (list, dict)):
                yield Problem(rec.path, rec.line_of(key), "wrong-type", field=key, value=cell(value)[:40],
                              **_type_detail(sch.by_name[key].type))


# A date, integer or boolean value in a field of that type is handed to Frictionless as it is:
# it reads it as it reads its text (which it would parse with strptime, value by value).
_NATIVE = {"date": dt.date, "integer": int, "boolean": bool}


def _resource(records: list[Record], sch: std.Schema) -> Resource:
    """The records as the inline table Frictionless reads: text cells, or values it takes as they
    are (_NATIVE); a list or map value as an empty cell (it is reported as a wrong type above)."""
    fields = [(f.name, _NATIVE.get(f.type)) for f in sch.input_fields]
    rows = _Rows([[name for name, _ in fields]])
    rows.extend([v if (t := type(v := r.values.get(name))) is str or t is native
                 else "" if isinstance(v, (list, dict)) else cell(v) for name, native in fields] for r in records)
    return Resource(name=sch.name, data=rows, schema=FlSchema.from_descriptor(sch.frictionless(computed=False)))


def _type_detail(type_name: str) -> dict[str, object]:
    """The expected type of a wrong-type problem, in Vietnamese (detail) and in English."""
    return {"detail": _TYPE_VI.get(type_name, ""),
            "extra": (("type_en", _TYPE_EN.get(type_name, "")), ("case", type_name))}


def _misspelt(rec: Record, fname: str, sch: std.Schema) -> str:
    """The key of `rec`, not in the standard, that is most likely `fname` misspelt ("" if none)."""
    unknown = [k for k in rec.values if k not in sch.by_name]
    return closest(fname, unknown)


def _not_in_list(rec: Record, line: int, fname: str, value: str, f: std.Field) -> Problem:
    """A value outside the list, with the nearest code, or the code whose Vietnamese label it is."""
    labels = {v: f.label(v) for v in f.enum}
    guess = closest_code(value, labels)
    is_label = bool(guess) and " ".join(value.lower().split()) == labels[guess].lower()
    extra = (("case", "label" if is_label else "guess"), ("guess", guess), ("guess_label", labels[guess])) if guess else ()
    return Problem(rec.path, line, "not-in-list", field=fname, value=value,
                   detail=", ".join(f"{v} ({labels[v]})" for v in f.enum), extra=extra)


def _keeper(a: Record, b: Record, rid: str) -> tuple[Record, str, str]:
    """Which of two records holding the same id keeps it, and why (vi, en): the one whose file is
    named after the id, then the one in the folder of the unit the id starts with (a record
    copied from another unit keeps the original's id), then the one with the earlier dates, then
    the first by file name."""
    tests = (
        (lambda r: PurePosixPath(r.path).stem == rid, "tệp mang tên theo mã này", "its file is named after the id"),
        (lambda r: len(PurePosixPath(r.path).parts) >= 3 and rid.startswith(PurePosixPath(r.path).parts[-3] + "-"),
         "mã bắt đầu bằng mã đơn vị của thư mục chứa tệp", "the id starts with the code of its folder's unit"),
    )
    for test, why, why_en in tests:
        if test(a) != test(b):
            return (a if test(a) else b), why, why_en
    first = {r.path: min((str(v) for v in r.values.values() if isinstance(v, dt.date)), default="") for r in (a, b)}
    if first[a.path] and first[b.path] and first[a.path] != first[b.path]:
        return min((a, b), key=lambda r: first[r.path]), "hồ sơ có ngày sớm hơn", "the record with the earlier dates"
    return min((a, b), key=lambda r: r.path), "tệp xếp trước theo tên", "the file first by name"


def _duplicate(rec: Record, other: Record | None, keys: list[str], value: str) -> Iterator[Problem]:
    field = keys[-1]
    if other is None or other.path == rec.path:
        yield Problem(rec.path, rec.line_of(field), "duplicate-id", field=field, value=value,
                      detail=f"{other.path}:{other.line}" if other else "")
        return
    # Named on both files, each told whether it keeps the id: a pull request that adds the copy
    # is red whichever of the two sorts first, and the reviewer sees both.
    keeper, why, why_en = _keeper(rec, other, value)
    for here, there in ((rec, other), (other, rec)):
        yield Problem(here.path, here.line_of(field), "duplicate-id", field=field, value=value,
                      detail=f"{there.path}:{there.line}",
                      extra=(("case", "keep" if here is keeper else "change"), ("why", why), ("why_en", why_en)))


def _map_errors(name: str, errors: list, records: list[Record], sch: std.Schema,
                units: list[str]) -> Iterator[Problem]:
    for e in errors:
        row = getattr(e, "row_number", None)
        if not row or row - 2 >= len(records):
            # A problem with the table as a whole cannot come from the files we build; report it plainly.
            yield Problem(f"<{name}>", 1, "csv-syntax", detail=e.message)
            continue
        rec = records[row - 2]
        fname = getattr(e, "field_name", "") or ""
        value = cell(rec.values.get(fname)) if fname else ""
        line = rec.line_of(fname)
        if e.type == "type-error":
            yield Problem(rec.path, line, "wrong-type", field=fname, value=value,
                          **_type_detail(sch.by_name[fname].type))
        elif e.type == "constraint-error":
            note = e.note
            if "required" in note:
                # on the field's own line when it is written with an empty value (a new record's blanks),
                # or on the line of the unknown key that is most likely this field misspelt
                typo = "" if fname in rec.lines else _misspelt(rec, fname, sch)
                yield Problem(rec.path, rec.line_of(typo or fname), "missing-value", field=fname,
                              extra=(("case", "misspelt"), ("guess", typo)) if typo else ())
            elif "enum" in note:
                yield _not_in_list(rec, line, fname, value, sch.by_name[fname])
            elif "pattern" in note:
                pattern = sch.descriptor["fields"][[f.name for f in sch.fields].index(fname)]["constraints"]["pattern"]
                yield Problem(rec.path, line, "bad-format", field=fname, value=value, detail=f"mẫu {pattern}")
            else:
                quoted = re.findall(r'"([^"]*)"', note)
                limit = limit_en = note
                if len(quoted) >= 2:
                    limit = f"{_LIMIT_VI.get(quoted[0], quoted[0])} {quoted[1]}"
                    limit_en = f"{_LIMIT_EN.get(quoted[0], quoted[0])} {quoted[1]}"
                yield Problem(rec.path, line, "out-of-range", field=fname, value=value, detail=limit,
                              extra=(("limit_en", limit_en),))
        elif e.type in ("primary-key", "unique-error"):
            keys = sch.descriptor.get("primaryKey", ["id"])
            first = _POSITION.findall(e.note)
            other = records[int(first[-1]) - 2] if first and int(first[-1]) - 2 < len(records) else None
            yield from _duplicate(rec, other, keys, "/".join(cell(rec.values.get(k)) for k in keys))
        elif e.type == "foreign-key":
            for fname, value in zip(e.field_names, e.field_cells):
                target = std.load(e.reference_name).title.lower() if e.reference_name else sch.title.lower()
                extra: tuple[tuple[str, str], ...] = ()
                if e.reference_name == "units":  # a unit is not added by the clerk: no “add it first”
                    guess = closest(str(value), units, cutoff=0.6)
                    extra = (("case", "unit-guess"), ("guess", guess)) if guess else (("case", "unit"),)
                yield Problem(rec.path, rec.line_of(fname), "unknown-reference", field=fname,
                              value=value, detail=target, extra=extra)
        else:
            yield Problem(rec.path, rec.line, "csv-syntax", detail=e.message)


def typed_rows(loaded: Loaded) -> dict[str, list[dict[str, object]]]:
    """Every record as a dict of typed values (call only when the data is valid)."""
    out = {}
    for name in std.RESOURCES:
        fields = std.load(name).input_fields
        out[name] = [{f.name: typed(f, r.values.get(f.name)) for f in fields} for r in loaded.records[name]]
    return out


def _has_file(path: str, rid: str) -> bool:
    """Whether the id a record holds already has its own file next to it (a copy not renamed)."""
    if not rid or "/" in rid or "\\" in rid or rid.startswith("."):  # an id climbing out of its folder
        return False
    return os.path.exists(str(PurePosixPath(path).with_name(rid + PurePosixPath(path).suffix)))


def placement_problems(loaded: Loaded, units: set[str]) -> Iterator[Problem]:
    """A record file lives at data/<unit>/<folder>/<id>.yaml and says so (`units`: every unit code)."""
    for name in std.FOLDERS:
        for rec in loaded.records[name]:
            parts = PurePosixPath(rec.path).parts
            unit, rid = rec.values.get("unit"), rec.values.get("id")
            if len(parts) >= 3 and unit is not None and str(unit) != parts[-3]:
                yield Problem(rec.path, rec.line_of("unit"), "wrong-unit-folder", field="unit",
                              value=str(unit), detail=parts[-3],
                              extra=() if str(unit) in units else (("case", "unknown-unit"),))
            stem = PurePosixPath(rec.path).stem
            if len(parts) >= 3 and rid is not None and not str(rid).startswith(parts[-3] + "-"):
                # An id carries its unit's code, so two units can never hand out the same id.
                yield Problem(rec.path, rec.line_of("id"), "id-unit-prefix", field="id", value=str(rid),
                              detail=parts[-3])
            if rid is not None and str(rid) != stem:
                yield Problem(rec.path, rec.line_of("id"), "id-not-filename", field="id",
                              value=str(rid), detail=PurePosixPath(rec.path).name,
                              extra=(("case", "taken"),) if _has_file(rec.path, str(rid)) else ())
