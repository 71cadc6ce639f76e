"""The data standard: the Frictionless Table Schemas in generator/schemas/, read once.

Everything that needs to know a field (validation, page labels, the data dictionary, the
published datapackage.json) asks this module, so the YAML files stay the single source of truth.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

SCHEMA_DIR = Path(__file__).parent / "schemas"
Row = dict[str, object]  # a record of the model: plain values keyed by the schema's field names

# Resource names in dependency order: a resource only refers to those before it.
RESOURCES = ("units", "plans", "plan_tasks", "explanations", "follow_ups", "meetings", "reports",
             "regulations", "proactive_explanations")

# Where records of each resource live under data/<unit>/ (None: a bulk CSV at data/<name>.csv).
FOLDERS = {
    "plans": "ke-hoach",
    "explanations": "giai-trinh",
    "follow_ups": "theo-doi",
    "meetings": "tiep-cong-dan",
    "reports": "bao-cao",
    "regulations": "quy-che",
    "proactive_explanations": "giai-trinh-chu-dong",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    title: str
    description: str
    required: bool
    computed: bool
    enum: tuple[str, ...]
    labels: dict[str, str]

    def label(self, value: object) -> str:
        """The Vietnamese label of an enum value (or the value itself)."""
        return self.labels.get(str(value), str(value))


@dataclass(frozen=True)
class Schema:
    name: str
    title: str
    description: str
    descriptor: dict
    fields: tuple[Field, ...]

    @functools.cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @property
    def input_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not f.computed)

    def frictionless(self, computed: bool) -> dict:
        """The Table Schema descriptor, with or without the computed fields."""
        names = {f.name for f in (self.fields if computed else self.input_fields)}
        desc = {k: v for k, v in self.descriptor.items() if k not in ("name", "title", "description")}
        desc["fields"] = [f for f in self.descriptor["fields"] if f["name"] in names]
        return desc


@functools.cache
def load(name: str) -> Schema:
    # libyaml's loader when there is one: the pure-Python one is slow enough to show in every command
    descriptor = yaml.load((SCHEMA_DIR / f"{name}.yaml").read_text(encoding="utf-8"),
                           Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    fields = tuple(
        Field(
            name=f["name"],
            type=f.get("type", "string"),
            title=f.get("title", f["name"]),
            description=f.get("description", ""),
            required=bool(f.get("constraints", {}).get("required")),
            computed=bool(f.get("computed")),
            enum=tuple(f.get("constraints", {}).get("enum", ())),
            labels=dict(f.get("enumLabels", {})),
        )
        for f in descriptor["fields"]
    )
    return Schema(descriptor["name"], descriptor.get("title", name),
                  descriptor.get("description", ""), descriptor, fields)


def all_schemas() -> dict[str, Schema]:
    return {name: load(name) for name in RESOURCES}


@functools.cache
def table(name: str) -> dict:
    """The Table Schema of a table the generator computes and publishes (report_compliance,
    plan_compliance, withdrawals), as written in generator/schemas/<name>.yaml."""
    return yaml.load((SCHEMA_DIR / f"{name}.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def fingerprint() -> str:
    """A hash of the schema files: caches keyed by it are invalidated when the standard changes."""
    h = hashlib.sha256()
    for path in sorted(SCHEMA_DIR.glob("*.yaml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def cell(value: object, yes: str = "true", no: str = "false") -> str:
    """A value as the text of a CSV cell: what Frictionless reads (true/false), or with other
    words for yes and no (the Vietnamese report: có/không, the scorecards: có and empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
