"""The whole build, in order. Nobody else knows the order.

    load → check → model → pages → publish (open data, search, feeds, engine frames) → write

Nothing is written until every check has passed; the site is assembled beside the output and
swapped in at the end (publish/write.py), so a failed build leaves the previous site intact.
The speed layer (generator/speed/) decides once, up front, what this build may reuse from the
last one (speed/rebuild.py): the same steps run whether the build is full or incremental.
`validate`, `validate --changed-from` and `report` use the functions here too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path

from .check.attachments import Copies
from .check.whole import Checked, check_loaded
from .load import git_history
from .model import compliance, model, stats
from .model.model import Model
from .model.rows import rows_of
from .pages import producers
from .pages.page import Page
from .problems import Problem, has_errors
from .publish import (
    api,
    attached_files,
    calendars,
    dcat,
    embed,
    engine,
    export,
    feeds,
    manifest,
    redirects,
    releases,
    request_calendar,
    search,
)
from .publish.write import Patch, Staging, work_folder
from .speed import cache, parallel, parse_cache, rebuild, timing
from .speed import incremental as inc
from .speed.digest import Digester, digest_model
from .speed.page_workers import write_pages
from .speed.rebuild import Made


@dataclass
class Result:
    problems: list[Problem]
    pages: int = 0
    files: int = 0
    rendered: int = 0  # pages rendered by this build (all, or what changed when incremental)


@dataclass
class Site:
    """What the publish stage made, before it is written."""

    pages: list[Page]  # pages to render (a rebuild keeps the others)
    urls: list[str]  # the address of every page
    static: dict[str, bytes]  # engine assets, hand-written pages, attachments, sitemap
    frames: dict
    state: inc.State
    rendered: int = 0
    files: int = 0
    later: list[Page] = field(default_factory=list)


def build(data_dir: Path, out_dir: Path, as_of: dt.date, incremental: bool = True) -> Result:
    started = time.time()
    with parallel.no_gc():  # one large heap lives to the end: see speed/parallel.py
        made = rebuild.changed_files(data_dir, out_dir, as_of) if incremental else None
        if made is None:
            made = checked_model(data_dir, out_dir, as_of, incremental)
        if isinstance(made, list):
            return Result(made)
        made.portal = with_history(data_dir, made)
        attached = attached_files.files(made.portal, made.checked.loaded, made.copies)  # as rows_of hashed them
        made.checked.loaded.records = {}  # the model holds typed copies: free the raw records
        gc.freeze()  # the model lives until the end: the collector need not scan it, workers not copy it
        with contextlib.ExitStack() as background:
            site = publish(data_dir, out_dir, made, attached, background)
        save_state(data_dir, out_dir, made, site, started)
    return Result(made.checked.problems, len(site.urls), site.files, site.rendered)


def checked(data_dir: Path, as_of: dt.date, overlay: dict[str, bytes] | None = None) -> Checked:
    """Load and check every file (the cache and the workers of the speed layer below); `overlay`
    (relative path -> bytes): files checked as if written there (`giaitrinh import`)."""
    with timing.stage("load"):
        loaded = parse_cache.load(data_dir, overlay=overlay)
    return check_loaded(loaded, as_of, parallel.check_tasks)


def model_of(data: Checked, as_of: dt.date) -> Model:
    """The model of checked data (`report` uses it; a build assembles it by file, see below)."""
    return model.build(rows_of(data.loaded, Copies(data.settings.portal.strip_pdf_metadata)), data.settings, as_of)


def checked_model(data_dir: Path, out_dir: Path, as_of: dt.date, incremental: bool) -> Made | list[Problem]:
    """Load and check every file and make the model, kept by file for the next rebuild."""
    data = checked(data_dir, as_of)
    if has_errors(data.problems):
        return data.problems
    loaded = data.loaded
    gkey = inc.global_key(sorted((k, v[1]) for k, v in loaded.settings.items()), as_of)
    prev = inc.previous(data_dir, out_dir, gkey) if incremental else None
    with timing.stage("model"):
        copies = Copies(data.settings.portal.strip_pdf_metadata)
        parts = inc.file_parts(data_dir, loaded, rows_of(loaded, copies), data.settings, as_of)
        portal = model.assemble((part.rows for part in parts.values()), data.settings, as_of)
    return Made(gkey, prev, data, portal, loaded.hashes, parts, None, Digester(), copies)


def with_history(data_dir: Path, made: Made) -> Model:
    """The model with the history of its records, read from git once for the whole data folder
    (a rebuild reads it again: a commit changes the history without changing a file)."""
    with timing.stage("history"):
        found = git_history.read(data_dir)
        return model.with_history(made.portal, found, {key: part.keys for key, part in made.parts.items()})


def publish(data_dir: Path, out_dir: Path, made: Made, attached: dict[str, bytes],
            background: contextlib.ExitStack) -> Site:
    """Pages, open data, search index and feeds, engine frames; written into the site."""
    portal, prev, gkey = made.portal, made.prev, made.global_key
    big = sum(len(portal.resource(n)) for n in ("explanations", "follow_ups", "meetings", "reports", "plans")) >= 5000
    known = prev.files if prev is not None else {}  # what the forked processes need not send back
    searching = background.enter_context(parallel.Background(index_and_feeds, portal, known, now=big))
    with timing.stage("digest model"):  # once, here: the forked page workers share the digests
        digest = digest_model(portal, made.digest)
    with timing.stage("statistics"):  # before the next forks: the pages and the downloads share them
        cards = cache.Pieces.of("scorecards", data_dir, out_dir, gkey, digest)
        stats.all_scorecards(portal, cards)
        cards.forget_unused()
        compliance.reports_status(portal), compliance.plans_status(portal)
    pieces = cache.Pieces.of("export", data_dir, out_dir, gkey, digest)
    exporting = background.enter_context(parallel.Background(open_data, portal, pieces, known, now=big))
    site = page_list(made, digest, out_dir, attached)
    if prev is None:
        write_whole(out_dir, made, site, digest, (exporting, searching))
    else:
        write_changes(data_dir, out_dir, made, site, digest, (exporting, searching))
    made.digest = digest
    return site


def page_list(made: Made, digest: Digester, out_dir: Path, attached: dict[str, bytes]) -> Site:
    """The pages to render, the engine's frames and static files, and the sitemap."""
    portal, prev = made.portal, made.prev
    state = inc.State(made.global_key, 0, made.hashes, list(made.checked.problems), {}, {}, ())
    with timing.stage("pages"):
        pages, urls = rebuild.pages_to_key(producers.groups(portal), portal, digest, state, prev)
        urls += [p.url for p in export.pages(portal, [])]  # rendered once the downloads exist
    gc.freeze()
    needed = engine.frames_needed(urls)
    if prev is not None and prev.engine and prev.engine[0] == needed:
        static, frames = prev.engine[1], prev.engine[2]
    else:
        with timing.stage("engine"), work_folder(out_dir) as work:
            static, frames = engine.run_engine(portal, needed, work)
    state.engine = (needed, static, frames)
    with timing.stage("sitemap"):
        site_map = feeds.sitemap(portal, [p for p in static if p.endswith(".html")] + [u + "index.html" for u in urls])
    static = {**static, **attached, **redirects.files(portal), **({"sitemap.xml": site_map} if site_map else {})}
    return Site(pages, urls, static, frames, state)


def write_whole(out_dir: Path, made: Made, site: Site, digest: Digester, background: tuple) -> None:
    """A full build: everything into a staging folder swapped in at the end."""
    exporting, searching = background
    portal, state, gkey = made.portal, site.state, made.global_key
    with Staging(out_dir, manifest.portal_id(portal.settings.portal), portal.settings.portal.precompress) as stage:
        # The open data's process holds about 1 GB at 100,000 records: it ends before the page
        # renderers start, or the two peaks add up past 2 GB.
        with timing.stage("export (waiting)"):
            downloads, state.files, listing = exporting.get()
        for path, data in downloads.items():
            stage.write(path, data)
        site.files = len(downloads)
        del downloads  # written: not held while the pages are rendered
        with timing.stage("render+write"):
            for done in write_pages(portal, site.pages, site.frames, stage, gkey, digest):
                state.pages.update(done)
        state.files.update(rebuild.digests(site.static))
        with timing.stage("search and feeds (waiting)"):
            found, sums = searching.get()
        site.static.update(found)
        state.files.update(sums)
        for path, data in site.static.items():
            stage.write(path, data)
        later = dcat.open_data_pages(portal, listing)
        for done in write_pages(portal, later, site.frames, stage, gkey, digest):
            state.pages.update(done)
        site.files += len(site.static) + len(site.urls)
    site.rendered = len(site.pages) + len(later)


def write_changes(data_dir: Path, out_dir: Path, made: Made, site: Site, digest: Digester, background: tuple) -> None:
    """A rebuild: only what changed, into a patch folder moved into the site at the end."""
    exporting, searching = background
    portal, state, prev = made.portal, site.state, made.prev
    inc.forget(data_dir, out_dir)  # a build killed halfway must not be trusted as a state
    with Patch(out_dir, manifest.portal_id(portal.settings.portal), portal.settings.portal.precompress) as stage:
        with timing.stage("render+write (incremental)"):
            static = (site.static, rebuild.digests(site.static))
            rendered = rebuild.update(stage, portal, site.pages, site.frames, static, state, prev, digest)
        with timing.stage("search and feeds (waiting)"):
            rebuild.update(stage, portal, [], site.frames, searching.get(), state, prev, digest)
        with timing.stage("export (waiting)"):
            downloads, sums, listing = exporting.get()
        later = dcat.open_data_pages(portal, listing)
        rendered += rebuild.update(stage, portal, later, site.frames, (downloads, sums), state, prev, digest)
        rebuild.remove_gone(stage, prev, state)
    site.files = len(state.files) + len(site.urls)
    site.rendered = rendered


def save_state(data_dir: Path, out_dir: Path, made: Made, site: Site, started: float) -> None:
    """What the next build may reuse: written behind this one."""
    state, digest, portal = site.state, made.digest, made.portal
    with timing.stage("save state"):
        state.parts = {reads: inc.reads_part(portal, reads, digest) for reads in {r for _, r in state.pages.values()}}
        inc.save(data_dir, out_dir, state)
        inc.save_parts(data_dir, out_dir, made.global_key, started, made.parts, made.dirty, digest)


def index_and_feeds(portal: Model, known: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str]]:
    """The search index, the Atom feeds and the request form's calendar: made in a forked process
    beside the pages."""
    return rebuild.outputs({**search.files(portal), **feeds.files(portal), **request_calendar.files(portal)}, known)


def open_data(portal: Model, pieces: cache.Pieces,
              known: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str], list[dict]]:
    """The open data, its DCAT-AP catalogue, the JSON API, the calendars and the embeddable blocks,
    and the listing of the open data's files (size and SHA-256) for the open-data page: made in a
    forked process, so that hashing 240 MB is not left to this one."""
    files = {**export.export(portal, pieces), **releases.files(portal)}
    sums = rebuild.digests(files)  # the catalogue gives each file's SHA-256: hashed once, here
    catalogue = dcat.files(portal, export.listing(files, sums), files[export.OUT + "datapackage.json"])
    files.update(catalogue)
    sums.update(rebuild.digests(catalogue))
    listing = export.listing(files, sums)
    # The JSON API, the calendars and the embeddable blocks: here, as they read the scorecards
    # computed before this process was forked; not in the open-data listing.
    extra = {**api.files(portal), **calendars.files(portal), **embed.files(portal)}
    files.update(extra)
    sums.update(rebuild.digests(extra))
    changed = {path: data for path, data in files.items() if known.get(path) != sums[path]}
    return changed, sums, listing
