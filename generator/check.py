"""Load, read settings, validate and run the checks: everything `validate` and `build` share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import attachments, checks, links, load, parallel, privacy, settings, timing, validate
from .load import Loaded
from .problems import Problem
from .settings import Settings


@dataclass
class Checked:
    loaded: Loaded
    settings: Settings
    problems: list[Problem]


_RUN: tuple | None = None


def _check_span(span: list[str]) -> list[Problem]:
    loaded, ctx = _RUN
    part = Loaded({name: (loaded.records[name] if name in span else []) for name in loaded.records},
                  [], loaded.settings, loaded.attachments)
    return list(validate.placement_problems(part)) + list(checks.run(part, ctx))


def record_checks(loaded: Loaded, ctx: checks.Context) -> list[Problem]:
    """File placement and the cross-record checks, resources shared among forked workers
    (every problem is sorted afterwards, so the order of the workers does not matter)."""
    global _RUN
    names = sorted(loaded.records, key=lambda n: -len(loaded.records[n]))
    total = sum(len(v) for v in loaded.records.values())
    groups: list[list[str]] = [[], []]
    for name in names:  # explanations alone, the rest together: about even halves
        (groups[0] if not groups[0] else groups[1]).append(name)
    _RUN = (loaded, ctx)
    try:
        spans = [g for g in groups if g] if total >= 5000 else [names]
        return [p for chunk in parallel.map_chunks(_check_spans, spans, min_items=2, parts=len(spans))
                for p in chunk]
    finally:
        _RUN = None


def _check_spans(spans: list[list[str]]) -> list[Problem]:
    return [p for span in spans for p in _check_span(span)]


def check_data(data_dir: Path, as_of: dt.date) -> Checked:
    with timing.stage("load"):
        loaded = load.load(data_dir)
    return check_loaded(loaded, as_of)


def check_loaded(loaded: Loaded, as_of: dt.date) -> Checked:
    conf = settings.read(loaded)
    problems = list(loaded.problems) + conf.problems
    # The safety scan needs no other result: in a forked process it fills the core that the
    # smaller half of the Frictionless work leaves idle (same problems, sorted below).
    total = sum(len(recs) for recs in loaded.records.values())
    with parallel.Background(safety_problems, loaded, conf, now=total >= 5000) as safety:
        with timing.stage("frictionless"):
            problems += validate.schema_problems(loaded)
        with timing.stage("checks"):
            ids = {name: {str(r.values.get("id")) for r in recs} for name, recs in loaded.records.items()}
            problems += record_checks(loaded, checks.Context(as_of, conf, ids))
        with timing.stage("safety (waiting)"):
            problems += safety.get()
    return Checked(loaded, conf, sorted(set(problems)))


def safety_problems(loaded: Loaded, conf: Settings) -> list[Problem]:
    """Safe to publish: personal data, link schemes, attachments. Every path that validates a
    part of the data (changed files, incremental builds) must call this too."""
    return [*privacy.problems(loaded, conf.portal.official_domains), *links.problems(loaded),
            *attachments.problems(loaded)]
