"""Load, read settings, validate and run the checks: everything `validate` and `build` share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import checks, load, settings, timing, validate
from .load import Loaded
from .problems import Problem
from .settings import Settings


@dataclass
class Checked:
    loaded: Loaded
    settings: Settings
    problems: list[Problem]


def check_data(data_dir: Path, as_of: dt.date) -> Checked:
    with timing.stage("load"):
        loaded = load.load(data_dir)
    conf = settings.read(loaded)
    problems = list(loaded.problems) + conf.problems
    with timing.stage("frictionless"):
        problems += validate.schema_problems(loaded)
    with timing.stage("checks"):
        problems += validate.placement_problems(loaded)
        ids = {name: {str(r.values.get("id")) for r in recs} for name, recs in loaded.records.items()}
        problems += checks.run(loaded, checks.Context(as_of, conf, ids))
    return Checked(loaded, conf, sorted(set(problems)))
