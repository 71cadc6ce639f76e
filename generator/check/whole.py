"""Load, read settings, validate and run the checks: everything `validate` and `build` share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..load import data_folder as load
from ..load.data_folder import Loaded
from ..problems import Problem
from . import against_schema as validate
from . import attachments, links, privacy, settings
from . import cross_record as checks
from .settings import Settings


@dataclass
class Checked:
    loaded: Loaded
    settings: Settings
    problems: list[Problem]


SPAN = 20_000  # records per task of the cross-record checks


def spans(loaded: Loaded) -> Iterator[tuple[str, int, int]]:
    """Each resource in spans of at most SPAN records: (resource, first index, records)."""
    for name, recs in loaded.records.items():
        for i in range(0, len(recs), SPAN):
            yield name, i, min(SPAN, len(recs) - i)


def check_tasks(loaded: Loaded, ctx: checks.Context) -> list[tuple[int, Callable[[], list[Problem]]]]:
    """File placement and the cross-record checks as tasks of at most SPAN records of one
    resource, each with its relative cost (as `validate.schema_tasks`)."""
    return [(3 * len(checks.CHECKS[name]) * n, partial(_check_span, loaded, ctx, name, i))
            for name, i, n in spans(loaded)]


def _check_span(loaded: Loaded, ctx: checks.Context, name: str, start: int) -> list[Problem]:
    part = Loaded({n: (recs[start:start + SPAN] if n == name else []) for n, recs in loaded.records.items()},
                  [], loaded.settings, loaded.attachments)
    return list(validate.placement_problems(part, ctx.ids.get("units", set()))) + list(checks.run(part, ctx))


Tasks = list[Callable[[], list[Problem]]]


def in_order(tasks: Tasks, records: int) -> list[list[Problem]]:
    """Run the tasks here, one after the other (generator/speed/ hands in forked workers)."""
    return [task() for task in tasks]


def check_data(data_dir: Path, as_of: dt.date) -> Checked:
    """Load and check a data folder in this process (the build and `validate` go through
    generator/build.py, whose speed layer caches and forks)."""
    return check_loaded(load.load(data_dir), as_of)


def check_loaded(loaded: Loaded, as_of: dt.date, run: Callable[[Tasks, int], list[list[Problem]]] = in_order
                 ) -> Checked:
    """Every check, as tasks given to `run` the costliest first: the schema check of each
    resource, the cross-record checks in spans, and the safety scan (every problem is sorted
    afterwards, so the order in which tasks finish does not matter)."""
    conf = settings.read(loaded)
    ids = {name: {str(r.values.get("id")) for r in recs} for name, recs in loaded.records.items()}
    total = sum(len(recs) for recs in loaded.records.values())
    tasks = [*validate.schema_tasks(loaded), *check_tasks(loaded, checks.Context(as_of, conf, ids)),
             *privacy_tasks(loaded, conf), (2 * total, partial(link_and_attachment_problems, loaded, conf))]
    tasks.sort(key=lambda task: -task[0])
    found = run([task for _, task in tasks], total)
    problems = [*loaded.problems, *conf.problems, *(p for part in found for p in part)]
    return Checked(loaded, conf, sorted(set(problems)))


def safety_problems(loaded: Loaded, conf: Settings) -> list[Problem]:
    """Safe to publish: personal data, link schemes, attachments. Every path that validates a
    part of the data (changed files, incremental builds) must call this too."""
    return [*privacy.problems(loaded, conf.portal.official_domains), *link_and_attachment_problems(loaded, conf)]


def link_and_attachment_problems(loaded: Loaded, conf: Settings) -> list[Problem]:
    return [*links.problems(loaded),
            *attachments.problems(loaded, conf.portal.official_domains, conf.portal.strip_pdf_metadata)]


def privacy_tasks(loaded: Loaded, conf: Settings) -> list[tuple[int, Callable[[], list[Problem]]]]:
    """The personal-data scan in spans of SPAN records, each a task (the scan is the costliest
    check per record: one task for all of it held up the end of the run)."""
    guard = privacy.Guard.of(loaded, conf.portal.official_domains)
    return [(11 * n, partial(guard.problems, name, loaded.records[name][i:i + n])) for name, i, n in spans(loaded)]
