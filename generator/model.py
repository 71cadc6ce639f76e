"""Stage 3: the model of the portal, built from valid data.

Records stay plain dicts keyed by the schema's field names (the schema, not a Python class,
defines the fields); the model adds the computed fields and keeps only what may be published.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from . import clock
from .settings import Settings

Row = dict[str, object]
# Shown instead of the id of a record that is not public, where a public record points to it.
HIDDEN_REF = "(hồ sơ không công khai)"


@dataclass(frozen=True)
class Model:
    settings: Settings
    as_of: dt.date
    units: dict[str, Row]
    plans: list[Row]  # each with "tasks": list of task rows
    explanations: list[Row]  # published, computed fields added, newest first
    follow_ups: list[Row]
    meetings: list[Row]
    reports: list[Row]
    withdrawn: list[Row]  # explanations once published, now withdrawn: id, unit, date, reason

    def resource(self, name: str) -> list[Row]:
        """Rows of a resource as published in the open data."""
        if name == "units":
            return list(self.units.values())
        if name == "plan_tasks":
            return [t for p in self.plans for t in p["tasks"]]
        return getattr(self, name)


def is_published(row: Row, as_of: dt.date) -> bool:
    """Public, and its publication date (if any) has come."""
    if row.get("public") is False:
        return False
    published_on = row.get("published_on")
    return not (published_on and published_on > as_of)


def hide_private_sources(follow_ups: list[Row], visible: dict[str, set[str]]) -> list[Row]:
    """A public commitment may come from an explanation or meeting that is not public: keep the
    commitment, but neither link to nor name its source."""
    return [{**f, "source_ref": HIDDEN_REF}
            if f.get("source_type") in visible and f.get("source_ref") not in visible[f["source_type"]] else f
            for f in follow_ups]


def build(rows: dict[str, list[Row]], settings: Settings, as_of: dt.date) -> Model:
    tasks_by_plan: dict[str, list[Row]] = defaultdict(list)
    for task in rows["plan_tasks"]:
        tasks_by_plan[task["plan"]].append(task)
    plans = sorted(({**p, "tasks": tasks_by_plan[p["id"]]} for p in rows["plans"]),
                   key=lambda p: (p["issued_on"], p["id"]), reverse=True)

    explanations, withdrawn = [], []
    for r in rows["explanations"]:
        if not is_published(r, as_of):
            continue
        if r.get("withdrawn_on") and r["withdrawn_on"] <= as_of:
            withdrawn.append({"id": r["id"], "unit": r["unit"], "withdrawn_on": r["withdrawn_on"],
                              "withdrawal_reason": r.get("withdrawal_reason")})
            continue
        rule = clock.rule_for(settings.rules, r["received_on"])
        explanations.append({**r, **clock.compute(r, rule, settings.calendar, as_of)})
    explanations.sort(key=lambda r: (r["received_on"], r["id"]), reverse=True)

    def published(name: str, key: str) -> list[Row]:
        return sorted((r for r in rows[name] if is_published(r, as_of)),
                      key=lambda r: (r.get(key) or dt.date.min, r["id"]), reverse=True)

    visible = {"explanation": {r["id"] for r in explanations} | {r["id"] for r in withdrawn},
               "meeting": {r["id"] for r in rows["meetings"] if is_published(r, as_of)}}
    return Model(
        settings=settings,
        as_of=as_of,
        units={u["id"]: u for u in sorted(rows["units"], key=lambda u: u["id"])},
        plans=plans,
        explanations=explanations,
        follow_ups=hide_private_sources(published("follow_ups", "due_on"), visible),
        meetings=published("meetings", "held_on"),
        reports=published("reports", "submitted_on"),
        withdrawn=sorted(withdrawn, key=lambda r: r["id"]),
    )
