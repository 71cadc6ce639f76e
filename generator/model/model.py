"""Stage 3: the model of the portal, built from valid data.

Records stay plain dicts keyed by the schema's field names (the schema, not a Python class,
defines the fields); the model adds the computed fields and keeps only what may be published.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..check.settings import Settings
from ..load.git_history import GitHistory
from ..rules import clock
from ..schema import Row
from . import history
from .history import Histories

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
    regulations: list[Row]  # a unit's internal regulations, newest first, review_overdue added
    withdrawn: list[Row]  # explanations once published, now withdrawn: id, unit, date, reason
    proactive_explanations: list[Row] = field(default_factory=list)  # given unasked, newest first
    history: Histories = field(default_factory=Histories)  # first publication and later changes (with_history)
    changes: list[Row] = field(default_factory=list)  # those changes as the open data's record_changes
    # What is computed once per model (scorecards, compliance: stats.once); not part of its value.
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

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


def hide_private_versions(regulations: list[Row]) -> list[Row]:
    """A public regulation may replace, or be replaced by, one that is not public: keep the
    link's existence, not its id."""
    ids = {r["id"] for r in regulations}
    return [{**r, **{name: HIDDEN_REF for name in ("replaces", "replaced_by") if r.get(name) and r[name] not in ids}}
            for r in regulations]


def review_overdue(row: Row, as_of: dt.date) -> bool:
    """A regulation in force whose next review was due before the date the data is computed as of."""
    due = row.get("next_review_due")
    return row.get("status") == "in_force" and due is not None and due < as_of


def derive(rows: dict[str, list[Row]], settings: Settings, as_of: dt.date) -> dict[str, list[Row]]:
    """What some records give the model, row by row, in the order given: the published rows with
    their computed fields, a plan with its tasks, the withdrawn explanations. A record's part
    depends on nothing but the record (a plan's tasks are in its file), the settings and the
    date, so the model of the whole set is the assembly of its files' parts, and a rebuild
    derives again only the files that changed (generator/incremental.py)."""
    tasks_by_plan: dict[str, list[Row]] = defaultdict(list)
    for task in rows.get("plan_tasks", ()):
        tasks_by_plan[task["plan"]].append(task)
    explanations, withdrawn = [], []
    for r in rows.get("explanations", ()):
        if not is_published(r, as_of):
            continue
        if r.get("withdrawn_on") and r["withdrawn_on"] <= as_of:
            withdrawn.append({"id": r["id"], "unit": r["unit"], "withdrawn_on": r["withdrawn_on"],
                              "withdrawal_reason": r.get("withdrawal_reason")})
            continue
        rule = clock.rule_for(settings.rules, r["received_on"])
        explanations.append({**r, **clock.compute(r, rule, settings.calendar, as_of)})
    out = {name: [r for r in rows.get(name, ()) if is_published(r, as_of)]
           for name in ("follow_ups", "meetings", "reports", "proactive_explanations")}
    out = {"units": list(rows.get("units", ())),
           "plans": [{**p, "tasks": tasks_by_plan[p["id"]]} for p in rows.get("plans", ())],
           "explanations": explanations, "withdrawn": withdrawn, **out,
           "regulations": [{**r, "review_overdue": review_overdue(r, as_of)}
                           for r in rows.get("regulations", ()) if is_published(r, as_of)]}
    return {name: got for name, got in out.items() if got}  # kept per file: no empty lists


PARTS = ("units", "plans", "explanations", "withdrawn", "follow_ups", "meetings", "reports",
         "regulations", "proactive_explanations")  # what derive() fills


def assemble(parts: Iterable[dict[str, list[Row]]], settings: Settings, as_of: dt.date) -> Model:
    """The model from the parts derive() made, in any order: every list is sorted on a key that
    holds the record's id (unique), and a commitment hides a source no part publishes."""
    rows: dict[str, list[Row]] = {name: [] for name in PARTS}
    for part in parts:
        for name, got in part.items():
            rows[name] += got

    def newest_first(name: str, key: str) -> list[Row]:
        return sorted(rows[name], key=lambda r: (r.get(key) or dt.date.min, r["id"]), reverse=True)

    visible = {"explanation": {r["id"] for r in rows["explanations"]} | {r["id"] for r in rows["withdrawn"]},
               "meeting": {r["id"] for r in rows["meetings"]}}
    return Model(
        settings=settings,
        as_of=as_of,
        units={u["id"]: u for u in sorted(rows["units"], key=lambda u: u["id"])},
        plans=sorted(rows["plans"], key=lambda p: (p["issued_on"], p["id"]), reverse=True),
        explanations=sorted(rows["explanations"], key=lambda r: (r["received_on"], r["id"]), reverse=True),
        follow_ups=hide_private_sources(newest_first("follow_ups", "due_on"), visible),
        meetings=newest_first("meetings", "held_on"),
        reports=newest_first("reports", "submitted_on"),
        regulations=hide_private_versions(newest_first("regulations", "issued_on")),
        withdrawn=sorted(rows["withdrawn"], key=lambda r: r["id"]),
        proactive_explanations=newest_first("proactive_explanations", "explained_on"),
    )


def build(rows: dict[str, list[Row]], settings: Settings, as_of: dt.date) -> Model:
    return assemble([derive(rows, settings, as_of)], settings, as_of)


def with_history(portal: Model, git: GitHistory, files: dict[str, list[tuple[str, str, tuple[str, ...]]]]) -> Model:
    """The model with the history of its records (files: a data file -> its records' keys) and
    the table of their changes."""
    found = history.histories(git, files, portal.settings, portal.as_of)
    shown = {name: portal.resource(name) for name in ("explanations", "plans", "follow_ups", "meetings", "reports",
                                                         "proactive_explanations")}
    return dataclasses.replace(portal, history=found, changes=history.table(shown, found))
