"""The whole build, in order. Nobody else knows the order.

    load → validate → model → render → export → engine → write

Nothing is written until every check has passed; the site is assembled in a staging folder
and swapped in at the end, so a failed build leaves the previous site intact.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import engine, export, model, parallel, render, timing, validate
from .render import Page
from .check import check_data
from .problems import Problem, has_errors
from .write import Staging


@dataclass
class Result:
    problems: list[Problem]
    pages: int = 0
    files: int = 0


def build(data_dir: Path, out_dir: Path, as_of: dt.date) -> Result:
    with timing.stage("check"):
        checked = check_data(data_dir, as_of)  # load + validate
    if has_errors(checked.problems):
        return Result(checked.problems)
    with timing.stage("model"):
        portal = model.build(validate.typed_rows(checked.loaded), checked.settings, as_of)
    with timing.stage("export"):
        downloads = export.export(portal)
    with timing.stage("pages"):
        pages = render.pages(portal) + export.pages(portal, downloads)
    with tempfile.TemporaryDirectory(prefix="giaitrinh-") as work, Staging(out_dir) as stage:
        with timing.stage("engine"):
            static, frames = engine.run_engine(portal, pages, Path(work))
        for path, data in static.items():
            stage.write(path, data)
        with timing.stage("render+write"):
            stage.count += sum(write_pages(portal, pages, frames, stage))
        for path, data in downloads.items():
            stage.write(path, data)
        files = stage.count
    return Result(checked.problems, len(pages), files)


_JOB: tuple | None = None  # what the forked page writers share with the orchestrator


def _write_page_span(span: list[Page]) -> int:
    portal, frames, stage = _JOB
    env = render.environment()
    bodies = (render.render(env, page, portal) for page in span)
    before = stage.count
    for path, data in engine.assemble(portal, span, bodies, frames):
        stage.write(path, data)
    return stage.count - before


def write_pages(portal: model.Model, pages: list[Page], frames: dict, stage: Staging) -> list[int]:
    """Render every page, pour it into its frame and write it to the staging folder: in one forked
    process per core, each writing its share of the pages; returns how many files each wrote."""
    global _JOB
    _JOB = (portal, frames, stage)
    try:
        # Eight slices handed out in turn balance cheap record pages against long lists.
        return parallel.map_chunks(_write_page_span, pages, min_items=2000, parts=8)
    finally:
        _JOB = None
