"""The layout of a clerk's workbook, shared by the template, the export and the import.

One sheet per record kind: row 1 holds the Vietnamese titles of the schema's input fields
(required ones marked “*”; not the id, which a template's row may leave blank for the import to
give the next free one), row 2 (hidden) their field names, so a column keeps its meaning when
a clerk moves it; records start on row 3. A hidden sheet holds, per sheet, the kind, a stamp
of its columns (their names, types, allowed values and labels) and whether the workbook is a
template or an export: an import refuses a workbook made for other columns, and only an export's
rows may update records that exist. Enumerations are shown and typed as their Vietnamese labels; the
import stores the codes.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass

from .. import schema as std
from . import kinds

# The kinds a clerk keeps in a workbook, in the order of their sheets. A plan's tasks have a
# sheet of their own (column “plan” names the plan); the import puts them into the plan's file.
KINDS = ("explanations", "follow_ups", "meetings", "reports", "regulations", "proactive_explanations", "plans",
         "plan_tasks")
META_SHEET = "_giaitrinh"  # hidden: the kind and stamp of each sheet
LISTS_SHEET = "_danh_sach"  # hidden: the labels the drop-down lists offer
FIRST_ROW = 3  # the first row of records (Excel's numbering)
REQUIRED_MARK = " *"
YES, NO = "Có", "Không"
DATE_FORMAT = "dd/mm/yyyy"
EXPORT, TEMPLATE = "xuất", "mẫu"  # the hidden sheet's word for what made the workbook


@dataclass(frozen=True)
class Column:
    field: std.Field

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def header(self) -> str:
        return self.field.title + (REQUIRED_MARK if self.required else "")

    @property
    def required(self) -> bool:
        """Marked required: the id never is (a blank one is given by the import)."""
        return self.field.required and self.name != "id"

    @property
    def choices(self) -> tuple[str, ...]:
        """The labels a drop-down list offers (empty when the column is free)."""
        if self.field.type == "boolean":
            return (YES, NO)
        return tuple(self.field.label(code) for code in self.field.enum)


def columns(kind: str) -> tuple[Column, ...]:
    """The columns of a kind's sheet: the fields a clerk writes (computed ones are left out)."""
    return tuple(Column(f) for f in std.load(kind).input_fields)


def sheet_name(kind: str) -> str:
    """A kind's sheet, named by its schema title (Excel allows 31 characters)."""
    return std.load(kind).title[:31]


def stamp(kind: str) -> str:
    """A short hash of what the columns of a kind's sheet mean: it changes when a field, its type,
    its allowed values or their labels change, and only then."""
    spec = [(c.name, c.field.type, c.field.required, c.field.enum, sorted(c.field.labels.items()))
            for c in columns(kind)]
    return hashlib.sha256(json.dumps([kind, spec], ensure_ascii=False).encode()).hexdigest()[:12]


def kind_named(name: str) -> str | None:
    """The kind a sheet name or a word on the command line stands for: its resource name, its title,
    or its name in `giaitrinh new` (explanation, task, …)."""
    key = fold(name)
    for kind in KINDS:
        if key in (fold(kind), fold(sheet_name(kind)), fold(std.load(kind).title)):
            return kind
    said = {fold(k.name): k.resource for k in kinds.KINDS if k.mode != "withdrawal"}  # as `giaitrinh new` says
    said |= {fold(alias): said[fold(name)] for alias, name in kinds.ALIASES.items()}
    return said.get(key)


def fold(text: str) -> str:
    """Text compared as a clerk means it: NFC, case and spacing ignored, the required mark dropped."""
    text = unicodedata.normalize("NFC", str(text)).strip()
    text = text.removesuffix(REQUIRED_MARK.strip()).strip()
    return " ".join(text.casefold().split())


def shown(col: Column, value: object) -> object:
    """A record's value as its cell shows it: labels for codes, Có/Không, a list joined by “; ”."""
    if value is None:
        return None
    if col.field.type == "boolean" and isinstance(value, bool):
        return YES if value else NO
    if col.field.enum:
        return col.field.label(value)
    if col.field.type == "list" and isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str):
        return value.strip()
    return value


def comparable(value: object) -> object:
    """A value as compared for a diff: text without the line breaks YAML folding leaves at the end."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        return [comparable(v) for v in value] or None
    return value
