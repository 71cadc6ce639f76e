"""The history citizens see: when each published record was first published and every later
change (the fields, and for dates, enums and numbers their old and new values), from the
versions git holds (load/git_history.py).

Privacy: the old value of a free-text field is never shown nor published (an edit may have
removed personal data from it): only its name. A version that was not public, was withdrawn or
was not valid (does not parse, or a value does not fit the standard) is skipped: changes are
made between published versions only, and a record that is not published now has no history
in the model at all (its rows are not in the model). For explanations, a change that turns the
on-time verdict (computed with the legal clock for the old and the new version) is marked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import schema as std
from ..check.against_schema import typed
from ..check.settings import Settings
from ..load.data_folder import read_record_file
from ..load.git_history import GitHistory, Version
from ..rules import clock

SHOWN_TYPES = ("date", "integer", "number", "boolean")  # and strings with an enum: values shown
TASKS = "tasks"  # a plan's tasks, compared as a whole
Key = tuple[str, str]  # (resource, record id)


@dataclass(frozen=True)
class FieldChange:
    name: str
    title: str
    old: str | None  # as shown (dd/mm/yyyy, the enum's label, the number); None for a text field
    new: str | None
    old_cell: str | None = None  # as published in the open data (ISO date, enum code)
    new_cell: str | None = None


@dataclass(frozen=True)
class Change:
    on: dt.date
    commit: str
    fields: tuple[FieldChange, ...]
    verdict: tuple[str, str] | None = None  # (before, after) timeliness, when the change turned it


@dataclass(frozen=True)
class RecordHistory:
    first: dt.date | None  # first published; None: before what a shallow clone holds
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class Histories:
    state: str = "none"  # as GitHistory.state: "full", "shallow" or "none"
    since: dt.date | None = None
    records: dict[Key, RecordHistory] = field(default_factory=dict)


def histories(git: GitHistory, files: dict[str, list[tuple[str, str, tuple[str, ...]]]],
              settings: Settings, as_of: dt.date) -> Histories:
    """The history of the record in each file (`files`: a data file key -> its records' keys, as
    load.record_keys gives them), keyed by (resource, id) as the record is now."""
    out: dict[Key, RecordHistory] = {}
    for key, keys in files.items():
        found = git.versions.get(key)
        if not found or not keys:
            continue
        resource, rid = keys[0][0], keys[0][1]
        if len(found) == 1:  # most records: written once, never read back from git
            first = found[0]
            out[(resource, rid)] = RecordHistory(None if first.commit in git.cut else first.on)
        else:
            out[(resource, rid)] = _history(key, resource, found, git, settings, as_of)
    return Histories(git.state, git.since, out)


def _history(key: str, resource: str, found: tuple[Version, ...], git: GitHistory,
             settings: Settings, as_of: dt.date) -> RecordHistory:
    first: dt.date | None = None
    known = False  # a published version seen
    before: dict[str, object] = {}
    changes = []
    for v in found:
        now = _published(key, resource, git.contents.get(v.blob) if v.blob else None)
        if now is None:
            continue
        if not known:
            known, first = True, None if v.commit in git.cut else v.on
        else:
            changed = field_changes(resource, before, now)
            if changed:
                changes.append(Change(v.on, v.commit, changed, verdict(resource, before, now, settings, as_of)))
        before = now
    return RecordHistory(first, tuple(changes))


def _published(key: str, resource: str, raw: bytes | None) -> dict[str, object] | None:
    """The typed input values of a version of a record file, or None if that version was
    not published (deleted, not public, withdrawn) or not valid."""
    if raw is None:
        return None
    records, problems = read_record_file(raw, key, resource)
    if not records or any(p.is_error for p in problems):
        return None
    row = typed_row(resource, records[0].values)
    if row is None or not is_published(row):
        return None
    if resource == "plans":
        row[TASKS] = repr([r.values for r in records[1:]])
    return row


def typed_row(resource: str, values: dict[str, object]) -> dict[str, object] | None:
    """The typed input values of a record, or None if one does not fit the standard."""
    row: dict[str, object] = {}
    try:
        for f in std.load(resource).input_fields:
            value = typed(f, values.get(f.name))
            if (value is None and f.required) or (f.enum and value is not None and value not in f.enum):
                return None
            row[f.name] = value
    except (TypeError, ValueError):
        return None
    return row


def is_published(row: dict[str, object]) -> bool:
    return row.get("public") is not False and not row.get("withdrawn_on")


def field_changes(resource: str, old: dict[str, object], new: dict[str, object]) -> tuple[FieldChange, ...]:
    out = []
    for name in new:
        if old.get(name) == new[name]:
            continue
        if name == TASKS:
            out.append(FieldChange(TASKS, std.load("plan_tasks").title, None, None))
            continue
        f = std.load(resource).by_name[name]
        if f.type in SHOWN_TYPES or (f.type == "string" and f.enum):
            out.append(FieldChange(name, f.title, shown(f, old.get(name)), shown(f, new[name]),
                                   std.cell(old.get(name)), std.cell(new[name])))
        else:
            out.append(FieldChange(name, f.title, None, None))
    return tuple(out)


def shown(f: std.Field, value: object) -> str:
    if value is None or value == "":
        return "(trống)"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, bool):
        return "có" if value else "không"
    return f.label(value) if f.enum else str(value)


def verdict(resource: str, old: dict[str, object], new: dict[str, object], settings: Settings,
             as_of: dt.date) -> tuple[str, str] | None:
    """The on-time verdicts before and after, if the change turned it (explanations)."""
    if resource != "explanations":
        return None
    verdicts = []
    try:
        for row in (old, new):
            rule = clock.rule_for(settings.rules, row["received_on"])
            verdicts.append(clock.compute(row, rule, settings.calendar, as_of)["timeliness"])
    except (KeyError, TypeError, ValueError):  # an old version the cross-record checks would refuse
        return None
    return (verdicts[0], verdicts[1]) if verdicts[0] != verdicts[1] else None


def table(model_rows: dict[str, list[dict]], found: Histories) -> list[dict[str, object]]:
    """The open-data table of changes (record_changes): one row per changed field of a
    published record; values only for dates, enums and numbers."""
    out = []
    for resource, rows in model_rows.items():
        for r in rows:
            h = found.records.get((resource, r["id"]))
            for c in h.changes if h else ():
                before, after = c.verdict or (None, None)
                for f in c.fields:
                    out.append({"resource": resource, "record": r["id"], "unit": r["unit"], "changed_on": c.on,
                                "commit": c.commit, "field": f.name, "field_title": f.title,
                                "old_value": f.old_cell, "new_value": f.new_cell,
                                "verdict_before": before, "verdict_after": after})
    out.sort(key=lambda row: (row["changed_on"], row["resource"], row["record"], row["commit"], row["field"]))
    return out
