"""Load, read settings, validate and run the checks: everything `validate` and `build` share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import attachments, checks, links, load, privacy, settings, validate
from .load import Loaded
from .problems import Problem
from .settings import Settings


@dataclass
class Checked:
    loaded: Loaded
    settings: Settings
    problems: list[Problem]


def check_data(data_dir: Path, as_of: dt.date) -> Checked:
    loaded = load.load(data_dir)
    conf = settings.read(loaded)
    problems = list(loaded.problems) + conf.problems
    problems += validate.schema_problems(loaded)
    problems += validate.placement_problems(loaded)
    ids = {name: {str(r.values.get("id")) for r in recs} for name, recs in loaded.records.items()}
    problems += checks.run(loaded, checks.Context(as_of, conf, ids))
    problems += privacy.problems(loaded, conf.portal.official_domains)  # safe to publish
    problems += links.problems(loaded)
    problems += attachments.problems(loaded)
    return Checked(loaded, conf, sorted(set(problems)))
