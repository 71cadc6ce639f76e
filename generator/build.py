"""The whole build, in order. Nobody else knows the order.

    load → validate → model → render → export → engine → write

Nothing is written until every check has passed; a full build assembles the site in a staging
folder and swaps it in at the end, so a failed build leaves the previous site intact. When the
last build's state still holds (generator/incremental.py), a rebuild reads and validates the
changed files only, assembles the model from the last build's model kept by file, renders the
pages whose inputs changed and moves only the changed files into the site once it
has succeeded, removing pages no longer produced; the result is byte-identical to a full build
(tests/test_incremental.py).
The search index and the open data are made in two forked processes while this one digests the
model and lists the pages; pages are rendered by one forked worker per core (in a full build,
once the open data is written, so that the memory of both does not add up).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import time
from dataclasses import dataclass
from pathlib import Path

from . import (
    attachments,
    cache,
    compliance,
    engine,
    export,
    feeds,
    load,
    model,
    parallel,
    render,
    search,
    settings,
    stats,
    timing,
    validate,
)
from . import incremental as inc
from .changed import keyed_part_problems, subset_problems
from .check import Checked, check_loaded
from .problems import Problem, has_errors
from .render import Page
from .write import Patch, Staging, work_folder


@dataclass
class Result:
    problems: list[Problem]
    pages: int = 0
    files: int = 0
    rendered: int = 0  # pages rendered by this build (all, or what changed when incremental)


def build(data_dir: Path, out_dir: Path, as_of: dt.date, incremental: bool = True) -> Result:
    # This process builds one large heap that lives until the end (records, the model, its
    # digests, the pages): the cycle collector stays off here. The forked processes that render
    # pages and write the open data make garbage of their own and collect it.
    with parallel.no_gc():
        return _build(data_dir, out_dir, as_of, incremental)


@dataclass
class Made:
    """What the load, check and model stages hand to the rest of a build."""

    global_key: str
    prev: inc.State | None  # the state of the last build, if it still holds
    checked: Checked  # its loaded records are gone by then: their files, settings, attachments
    portal: model.Model
    hashes: dict[str, str]  # every record or table file -> its content hash
    parts: dict[str, inc.Part]  # the model by file
    dirty: set[str] | None  # the unit folders whose parts changed (None: all)
    digest: inc.Digester  # knows the digests of the rows of the unchanged parts
    copies: attachments.Copies  # the published copy of each attachment, made once


def _build(data_dir: Path, out_dir: Path, as_of: dt.date, incremental: bool) -> Result:
    render.reset_caches()
    started = time.time()
    made = _patched(data_dir, out_dir, as_of) if incremental else None
    if made is None:
        made = _made_whole(data_dir, out_dir, as_of, incremental)
    if isinstance(made, list):
        return Result(made)
    gkey, prev, checked, portal, hashes = made.global_key, made.prev, made.checked, made.portal, made.hashes
    attached = attachments.files(portal, checked.loaded, made.copies)  # as annotate() hashed them
    checked.loaded.records = {}  # the model holds typed copies: free the raw records
    gc.freeze()  # the model lives until the end: the cycle collector need not scan it again and again,
    # and forked workers do not copy the pages it would have touched
    # The open data is written in a forked process while the pages are rendered (the page
    # listing the downloads, which needs their sizes and hashes, is rendered last).
    count = sum(len(portal.resource(n)) for n in ("explanations", "follow_ups", "meetings", "reports", "plans"))
    big = count >= 5000
    with contextlib.ExitStack() as background:
        # The search index and the feeds need the model only: begun first, on the other core.
        known = prev.files if prev is not None else {}  # what the children need not send back
        searching = background.enter_context(parallel.Background(_index_and_feeds, portal, known, now=big))
        with timing.stage("digest model"):  # once, here: the forked page workers share the digests of every row
            digest = inc.digest_model(portal, made.digest)
        with timing.stage("statistics"):  # before the next forks: the pages and the downloads share them
            cards = cache.Pieces.of("scorecards", data_dir, out_dir, gkey, digest)
            stats.all_scorecards(portal, cards)
            cards.forget_unused()
            compliance.reports_status(portal), compliance.plans_status(portal)
        pieces = cache.Pieces.of("export", data_dir, out_dir, gkey, digest)
        exporting = background.enter_context(parallel.Background(_open_data, portal, pieces, known, now=big))
        state = inc.State(gkey, 0, hashes, list(checked.problems), {}, {}, ())
        with timing.stage("pages"):
            pages, urls = _pages_to_key(render.groups(portal), portal, digest, state, prev)
            later = export.pages(portal, [])  # their addresses; rendered once the downloads exist
            urls += [p.url for p in later]
        gc.freeze()
        needed = engine.frames_needed(urls)
        if prev is not None and prev.engine and prev.engine[0] == needed:
            static, frames = prev.engine[1], prev.engine[2]
        else:
            with timing.stage("engine"), work_folder(out_dir) as work:
                static, frames = engine.run_engine(portal, needed, work)
        state.engine = (needed, static, frames)
        with timing.stage("sitemap"):
            site_map = feeds.sitemap(portal, [p for p in static if p.endswith(".html")]
                                     + [url + "index.html" for url in urls])
            static = {**static, **attached, **({"sitemap.xml": site_map} if site_map else {})}
        if prev is None:
            with Staging(out_dir) as stage:
                # The open data's process holds about 1 GB at 100,000 records: it ends before the
                # page renderers start, or the two peaks add up past 2 GB.
                with timing.stage("export (waiting)"):
                    downloads, state.files, listing = exporting.get()
                for path, data in downloads.items():
                    stage.write(path, data)
                files = len(downloads)
                del downloads  # written: not held while the pages are rendered
                with timing.stage("render+write"):
                    for done in write_pages(portal, pages, frames, stage, gkey, digest):
                        state.pages.update(done)
                state.files.update(_digests(static))
                with timing.stage("search and feeds (waiting)"):
                    found, sums = searching.get()
                static.update(found)
                state.files.update(sums)
                for path, data in static.items():
                    stage.write(path, data)
                later = export.pages(portal, listing)
                for done in write_pages(portal, later, frames, stage, gkey, digest):
                    state.pages.update(done)
                files += len(static) + len(urls)
            rendered = len(pages) + len(later)
        else:
            inc.forget(data_dir, out_dir)  # a build killed halfway must not be trusted as a state
            with Patch(out_dir) as stage:  # only what changed, moved into the site at the end
                with timing.stage("render+write (incremental)"):
                    rendered = _update(stage, portal, pages, frames, (static, _digests(static)), state, prev, digest)
                with timing.stage("search and feeds (waiting)"):
                    _update(stage, portal, [], frames, searching.get(), state, prev, digest)
                with timing.stage("export (waiting)"):
                    downloads, sums, listing = exporting.get()
                later = export.pages(portal, listing)
                rendered += _update(stage, portal, later, frames, (downloads, sums), state, prev, digest)
                _remove_gone(stage, prev, state)
            files = len(state.files) + len(urls)
    with timing.stage("save state"):
        state.parts = {reads: inc.reads_part(portal, reads, digest) for reads in {r for _, r in state.pages.values()}}
        inc.save(data_dir, out_dir, state)
        inc.save_parts(data_dir, out_dir, gkey, started, made.parts, made.dirty, digest)
    return Result(checked.problems, len(urls), files, rendered)


def _made_whole(data_dir: Path, out_dir: Path, as_of: dt.date, incremental: bool) -> Made | list[Problem]:
    """Load every file, check them (only the changed ones when the last build's state holds),
    and make the model."""
    with timing.stage("load"):
        loaded = load.load(data_dir)
    with timing.stage("state of the last build"):
        gkey = inc.global_key(sorted((k, v[1]) for k, v in loaded.settings.items()), as_of)
        prev = inc.previous(data_dir, out_dir, gkey) if incremental else None
    with timing.stage("check"):
        checked = _check(data_dir, loaded, as_of, prev)
    if has_errors(checked.problems):
        return checked.problems
    with timing.stage("model"):
        copies = attachments.Copies(checked.settings.portal.strip_pdf_metadata)
        rows = attachments.annotate(validate.typed_rows(loaded), loaded, copies)
        parts = inc.file_parts(data_dir, loaded, rows, checked.settings, as_of)
        portal = model.assemble((part[4] for part in parts.values()), checked.settings, as_of)
    return Made(gkey, prev, checked, portal, loaded.hashes, parts, None, inc.Digester(), copies)


PATCH_LIMIT = 2000  # more files than this to read again: the whole load reads them in parallel


def _patched(data_dir: Path, out_dir: Path, as_of: dt.date) -> Made | list[Problem] | None:
    """The load, check and model of a rebuild from the last build's model by file (see
    generator/incremental.py): only the files whose signature or content changed are read,
    checked against the keys of the others, and derived again. None when that cannot give what
    the whole load would: no such state, a record file removed, units.csv changed, a changed
    record sharing its key with another file, or too many files to read again."""
    if not cache.enabled() or not inc.slot(data_dir, out_dir).exists():
        return None  # no last build to start from: not even the folder is listed twice
    with timing.stage("load (changed files)"), parallel.Background(load.walk_and_stat, data_dir) as walking:
        top = load.load(data_dir, files=[Path(n) for n in load.SETTINGS_FILES if (data_dir / n).is_file()])
        gkey = inc.global_key(sorted((k, v[1]) for k, v in top.settings.items()), as_of)
        prev = inc.previous(data_dir, out_dir, gkey)
        known = inc.read_parts(data_dir, out_dir, gkey) if prev is not None else None
        listing, signatures = walking.get()
        if prev is None or known is None:
            return None
        parts, trusted = known
        files: dict[str, Path] = {}  # attachments
        other: list[Path] = []  # settings, units.csv, misplaced files: read every time
        for path in listing:
            key = "/".join(path)
            if key not in signatures:
                kind = load.kind_of(key)
                if kind == "attachment":
                    files[key] = data_dir / key
                elif kind != "ignored":
                    other.append(Path(key))
        if any(load.kind_of(key) == "record" for key in prev.hashes.keys() - signatures.keys()):
            return None  # a record file removed: other files may refer to it
        base = data_dir.as_posix()
        before = {folder: t * 1e9 for folder, t in trusted.items()}
        suspect = [key for key, sig in signatures.items()
                   if (part := parts.get(key)) is None or part[0] != sig or part[1] != prev.hashes.get(key)
                   or sig[1] >= before.get(key[:key.find("/")], 0)]
        if len(suspect) > PATCH_LIMIT:
            return None
        changed = set()
        for key in suspect:
            part = parts.get(key)
            digest = cache.blob_hash(load.read_bytes(f"{base}/{key}"))
            if part is None or digest != part[1] or digest != prev.hashes.get(key):
                changed.add(key)
            elif part[0] != signatures[key]:
                parts[key] = (signatures[key], *part[1:])  # the same content, touched
        changed.update(key for key, part in parts.items() if part[2] and key not in changed and key in signatures
                       and any(inc.attachment_signature(files.get(k)) != sig for k, sig in part[2]))
        part = load.load(data_dir, files=sorted(other + [Path(k) for k in changed]))
        part.attachments = files
        if any(h != prev.hashes.get(k) for k, h in part.hashes.items() if k not in changed):
            return None  # units.csv changed: what other files refer to
    with timing.stage("check (changed files)"):
        conf = settings.read(part)
        for key in set(parts) - set(signatures) - set(part.hashes):
            del parts[key]  # files that are no longer records (moved, or not YAML any more)
        found = keyed_part_problems(part, (p[3] for k, p in parts.items() if k not in part.hashes), conf, as_of)
        if found is None:
            return None
        shown = {load.display_path(data_dir, Path(k)) for k in changed} | {  # units.csv: its problems are kept
            load.display_path(data_dir, p) for p in other if load.kind_of(p.as_posix()) != "table"}
        kept = [p for p in prev.problems if p.path not in shown]
        problems = sorted(set(part.problems + conf.problems + kept + [p for p in found if p.path in shown]))
    if has_errors(problems):
        return problems
    with timing.stage("model (changed files)"):
        copies = attachments.Copies(conf.portal.strip_pdf_metadata)
        rows = attachments.annotate(validate.typed_rows(part), part, copies)
        fresh = inc.file_parts(data_dir, part, rows, conf, as_of)
        digest = inc.Digester()
        inc.seed(digest, (p for k, p in parts.items() if k not in fresh))
        parts.update(fresh)
        portal = model.assemble((p[4] for p in parts.values()), conf, as_of)
    hashes = {**prev.hashes, **part.hashes}
    dirty = {load.folder_of(k) for k in fresh} | {load.folder_of(k) for k in suspect}
    return Made(gkey, prev, Checked(part, conf, problems), portal, hashes, parts, dirty, digest, copies)


def _pages_to_key(groups: list[render.Group], portal: model.Model, digest: inc.Digester, state: inc.State,
                prev: inc.State | None) -> tuple[list[Page], list[str]]:
    """The pages to key (and render if their key changed), and the addresses of all pages.

    A group whose key is the last build's, and whose every page reads parts of the model that
    are as they were, keeps the last build's keys for its pages: it is neither listed nor keyed
    again (a full build lists every group)."""
    pages: list[Page] = []
    urls: list[str] = []
    for group in groups:
        key = inc.group_key(group, digest)
        old = prev.groups.get(group.name) if prev is not None and key is not None else None
        kept = [prev.pages.get(url + "index.html") for url in old[1]] if old is not None and old[0] == key else None
        if kept is not None and all(
                was is not None and prev.parts.get(was[1]) == inc.reads_part(portal, was[1], digest) for was in kept):
            state.pages.update(zip((url + "index.html" for url in old[1]), kept))
            addresses = old[1]
        else:
            made = group.pages()
            pages += made
            addresses = [page.url for page in made]
        state.groups[group.name] = (key, addresses)
        urls += addresses
    return pages, urls


def _digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: inc.file_digest(data) for path, data in files.items()}


def _outputs(files: dict[str, bytes], known: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str]]:
    """The files whose digest is not the one `known` (the last build's) records, and the digests
    of all: a forked process sends back what changed, not 240 MB."""
    sums = _digests(files)
    return {path: data for path, data in files.items() if known.get(path) != sums[path]}, sums


def _index_and_feeds(portal: model.Model, known: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str]]:
    """The search index and the Atom feeds (see _outputs): made in a forked process beside the
    pages."""
    return _outputs({**search.files(portal), **feeds.files(portal)}, known)


def _open_data(portal: model.Model, pieces: cache.Pieces,
               known: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str], list[dict]]:
    """The open data (see _outputs) and the listing of its files (size and SHA-256) for the
    open-data page: made in a forked process, so that hashing 240 MB is not left to this one."""
    files = export.export(portal, pieces)
    changed, sums = _outputs(files, known)
    return changed, sums, export.listing(files, sums)  # file digests are SHA-256


def _check(data_dir: Path, loaded: load.Loaded, as_of: dt.date, prev: inc.State | None) -> Checked:
    """Validate everything, or with the state of the last build only the changed files."""
    if prev is None:
        return check_loaded(loaded, as_of)
    changed = {k for k, h in loaded.hashes.items() if prev.hashes.get(k) != h}
    removed = set(prev.hashes) - set(loaded.hashes)
    if removed or any(load.kind_of(k) != "record" for k in changed):
        return check_loaded(loaded, as_of)
    conf = settings.read(loaded)
    found = subset_problems(data_dir, loaded, changed, as_of, conf)
    if found is None:
        return check_loaded(loaded, as_of)
    base = data_dir.as_posix()
    shown = {f"{base}/{f}" if base != "." else f for f in changed}
    kept = [p for p in prev.problems if p.path not in shown]
    # Attachments are not part of the record files' hashes: a PDF replaced under an unchanged
    # record is checked again here (type, size, existence, content), for the whole set: attachments
    # are few, and reading one is a stat and a parse of its cross-reference table.
    files = list(attachments.problems(loaded, conf.portal.official_domains, conf.portal.strip_pdf_metadata))
    return Checked(loaded, conf, sorted(set(list(loaded.problems) + conf.problems + kept + found + files)))


def _update(stage: Patch, portal: model.Model, pages: list[Page], frames: dict,
            outputs: tuple[dict[str, bytes], dict[str, str]], state: inc.State, prev: inc.State,
            digest: inc.Digester) -> int:
    """Bring files (with their digests) and pages from the previous build to this one, writing
    only what changed."""
    files, sums = outputs
    for path, checksum in sums.items():
        state.files[path] = checksum
        if prev.files.get(path) != checksum:
            stage.write(path, files[path])
    # Keyed here, not in forked workers: they copied the pages of every row they touched, and
    # the second core is busy with the search index and the open data meanwhile.
    same = [(old := prev.pages.get(page.path)) is not None
            and inc.page_key(page, portal, old[1], digest, state.global_key) == old[0] for page in pages]
    todo = [page for page, unchanged in zip(pages, same, strict=True) if not unchanged]
    for page, unchanged in zip(pages, same, strict=True):
        if unchanged:
            state.pages[page.path] = prev.pages[page.path]
    for done in write_pages(portal, todo, frames, stage, state.global_key, digest):
        state.pages.update(done)
    return len(todo)


def _remove_gone(stage: Patch, prev: inc.State, state: inc.State) -> None:
    produced = set(state.files) | set(state.pages)
    for path in sorted((set(prev.files) | set(prev.pages)) - produced):
        stage.remove(path)


_JOB: tuple | None = None  # what the forked page writers share with the orchestrator


def _write_page_span(span: list[Page]) -> dict[str, tuple[str, frozenset[str]]]:
    portal, frames, stage, gkey, digest = _JOB
    env = render.environment()
    done: dict[str, tuple[str, frozenset[str]]] = {}
    reads_of: list[set[str]] = []

    def bodies():
        for page in span:
            reads: set[str] = set()
            reads_of.append(reads)
            yield render.render(env, page, inc.Tracked(portal, reads))

    for page, (path, data) in zip(span, engine.assemble(portal, span, bodies(), frames), strict=True):
        stage.write(path, data)
        reads = frozenset(reads_of[-1])
        done[path] = (inc.page_key(page, portal, reads, digest, gkey), reads)
    return done


def write_pages(portal: model.Model, pages: list[Page], frames: dict, stage: Staging, gkey: str,
                digest: inc.Digester) -> list[dict[str, tuple[str, frozenset[str]]]]:
    """Render every page, pour it into its frame and write it to the staging (or patch) folder,
    in one forked process per core; returns each page's key and the parts of
    the model its template read."""
    global _JOB
    _JOB = (portal, frames, stage, gkey, digest)
    try:
        # Eight slices handed out in turn balance cheap record pages against long lists.
        return parallel.map_chunks(_write_page_span, pages, min_items=2000, parts=8, collect=True)
    finally:
        _JOB = None
