"""What a new record holds before the clerk fills it, and the Vietnamese comment above each
field, all read from the data standard (schemas/*.yaml): the field's title, what to write (its
description), required or optional, its type and limits, the allowed values with their labels,
and the schema's example."""

from __future__ import annotations

import datetime as dt
import textwrap

from .. import schema as std

WRAP = 90
_TYPE_HINT = {
    "date": "Ngày dạng năm-tháng-ngày (YYYY-MM-DD).",
    "integer": "Số nguyên, viết liền không có dấu chấm.",
    "boolean": "Ghi true (có) hoặc false (không).",
    "list": "Nhiều mục trên cùng một dòng, cách nhau bằng dấu chấm phẩy (;).",
}
TEXT_HINT = ('Ô có hai dấu ngoặc kép "" là văn bản: viết nội dung vào giữa hai dấu đó; trong nội dung, '
             "nếu cần ngoặc kép thì dùng “ ” thay cho dấu \".")


def descriptor(sch: std.Schema, name: str) -> dict:
    """The field's entry as written in its schema file."""
    return next(f for f in sch.descriptor["fields"] if f["name"] == name)


def foreign_key_fields(sch: std.Schema) -> set[str]:
    return {name for fk in sch.descriptor.get("foreignKeys", []) for name in fk["fields"]}


def is_text(sch: std.Schema, f: std.Field) -> bool:
    """Free text the clerk types: written as "" so that a colon, a # or a number typed between the
    quotes stays text. Codes (enums, patterns, references to another record) are left empty."""
    constraints = descriptor(sch, f.name).get("constraints", {})
    return (f.type == "string" and not f.enum and "pattern" not in constraints
            and f.name not in foreign_key_fields(sch))


def _limits(f: std.Field, constraints: dict) -> str:
    parts = []
    if "maxLength" in constraints:
        parts.append(f"Tối đa {constraints['maxLength']} ký tự.")
    if "minimum" in constraints and "maximum" in constraints:
        parts.append(f"Từ {constraints['minimum']} đến {constraints['maximum']}.")
    elif "minimum" in constraints:
        parts.append(f"Không nhỏ hơn {constraints['minimum']}.")
    elif "maximum" in constraints:
        parts.append(f"Không lớn hơn {constraints['maximum']}.")
    return " ".join(parts)


def example_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def comment(sch: std.Schema, f: std.Field, filled: bool = False, need: str | None = None) -> str:
    """The comment above one field: several lines, without the leading "# ". `need` says when
    the field must be written, where that is not the schema's required (e.g. a companion)."""
    entry = descriptor(sch, f.name)
    constraints = entry.get("constraints", {})
    description = " ".join(f.description.split())
    if description.startswith("Tùy chọn."):
        description = description[len("Tùy chọn."):].strip()
    need = need or ("BẮT BUỘC" if f.required else "tùy chọn")
    head = f"{f.title} ({f.name}) — {need}" + (" — đã điền sẵn" if filled else "") + "."
    hint = "" if f.type == "date" and "năm-tháng-ngày" in description else _TYPE_HINT.get(f.type, "")
    body = " ".join(p for p in (description, hint, _limits(f, constraints)) if p)
    lines = textwrap.wrap(f"{head} {body}".strip(), WRAP)
    if f.enum:
        choices = "; ".join(f"{v} = {f.label(v)}" for v in f.enum)
        lines += textwrap.wrap(f"Chọn một trong: {choices}.", WRAP, subsequent_indent="  ")
    if "example" in entry:
        lines.append(f"Ví dụ: {example_text(entry['example'])}")
    return "\n".join(lines)


def blank(sch: std.Schema, filled: dict[str, object]) -> dict[str, object]:
    """Every input field of the schema: the `filled` values, "" for free text, None (empty) for
    the rest, so that `giaitrinh validate` names each required field still empty."""
    return {f.name: filled[f.name] if f.name in filled else "" if is_text(sch, f) else None
            for f in sch.input_fields}


def comments(sch: std.Schema, filled: dict[str, object]) -> dict[str, str]:
    return {f.name: comment(sch, f, f.name in filled) for f in sch.input_fields}
