"""Check a subset of the records against the whole set: the changed files of a pull request, or
of a rebuild, read and checked in full, the other files known by the keys of their records only
(generator.load.data_folder.record_keys). One mechanism for `validate --changed-from` and for the
incremental build; both show only the problems of the files they read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..load.data_folder import Loaded, record_keys
from ..problems import Problem
from . import against_schema as validate
from . import cross_record as checks
from .settings import Settings
from .whole import safety_problems


def subset_problems(part: Loaded, others: Iterable[list[tuple[str, str, tuple[str, ...]]]],
                        conf: Settings, as_of: dt.date) -> list[Problem] | None:
    """check_part of the changed files (with units.csv), the other files known by the keys of
    their records only (load.record_keys); None when a changed record shares its primary key
    with a record of another file: then the whole set must be validated (see above)."""
    others = list(others)
    mine = {(name, pk) for name, recs in part.records.items() if name != "units"
            for pk in (k[2] for k in record_keys(recs))}
    if any((name, pk) in mine for keys in others for name, _, pk in keys):
        return None
    ids = {name: {str(r.values.get("id")) for r in recs} for name, recs in part.records.items()}
    for keys in others:
        for name, rid, _ in keys:
            ids[name].add(rid)
    return check_part(part, conf, ids, as_of)


def check_part(part: Loaded, conf: Settings, ids: dict[str, set[str]], as_of: dt.date) -> list[Problem]:
    """Every check a full validation runs, on a part of the records (the changed files, with
    units.csv for reference): schema, placement, cross-record rules with the ids of the whole
    set, and the safety scan. The one sequence both partial paths share."""
    problems = list(part.problems)
    problems += validate.schema_problems(part, {n for n, recs in part.records.items() if recs and n != "units"})
    problems += validate.placement_problems(part, ids.get("units", set()))
    problems += checks.run(_without_units(part), checks.Context(as_of, conf, ids))
    problems += safety_problems(part, conf)
    return problems


def _without_units(loaded: Loaded) -> Loaded:
    """The changed records for the cross-record checks (units.csv unchanged: not re-checked)."""
    records = {name: ([] if name == "units" else recs) for name, recs in loaded.records.items()}
    return Loaded(records, loaded.problems, loaded.settings, loaded.attachments)
