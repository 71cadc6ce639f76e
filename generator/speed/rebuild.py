"""The plan of a rebuild: what the last build left that this one may reuse, decided once, up
front (as Sphinx's get_outdated_docs). Under the same global key (speed/incremental.py) only the
record files whose signature or content changed are read, checked against the keys of the
others (check/subset.py, as `validate --changed-from` does) and derived again; the model is
assembled from the last build's model kept by file; only pages whose key changed are rendered
and only changed files written. Whenever that could differ from a full build, the plan is None
and the build loads everything."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..check import settings
from ..check.attachments import Copies
from ..check.subset import subset_problems
from ..check.whole import Checked
from ..load import data_folder as load
from ..load.releases import manifest_files
from ..model import model
from ..model.rows import rows_of
from ..pages.page import Group, Page
from ..problems import Problem, has_errors
from ..publish.write import Patch
from . import cache, parallel, parse_cache, timing
from . import incremental as inc
from .digest import Digester, reads_part
from .page_workers import write_pages


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
    digest: Digester  # knows the digests of the rows of the unchanged parts
    copies: Copies  # the published copy of each attachment, made once


PATCH_LIMIT = 2000  # more files than this to read again: the whole load reads them in parallel


def changed_files(data_dir: Path, out_dir: Path, as_of: dt.date) -> Made | list[Problem] | None:
    """The load, check and model of a rebuild from the last build's model by file (see
    generator/incremental.py): only the files whose signature or content changed are read,
    checked against the keys of the others, and derived again. None when that cannot give what
    the whole load would: no such state, a record file removed, units.csv changed, a changed
    record sharing its key with another file, or too many files to read again."""
    if not cache.enabled() or not inc.slot(data_dir, out_dir).exists():
        return None  # no last build to start from: not even the folder is listed twice
    with timing.stage("load (changed files)"), parallel.Background(load.walk_and_stat, data_dir) as walking:
        top = parse_cache.load(data_dir, files=[Path(n) for n in load.SETTINGS_FILES if (data_dir / n).is_file()]
                               + manifest_files(data_dir))  # a release cut: a new key
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
                   if (part := parts.get(key)) is None or part.signature != sig or part.content_hash != prev.hashes.get(key)
                   or sig[1] >= before.get(key[:key.find("/")], 0)]
        if len(suspect) > PATCH_LIMIT:
            return None
        changed = set()
        for key in suspect:
            part = parts.get(key)
            digest = load.blob_hash(load.read_bytes(f"{base}/{key}"))
            if part is None or digest != part.content_hash or digest != prev.hashes.get(key):
                changed.add(key)
            elif part.signature != signatures[key]:
                part.signature = signatures[key]  # the same content, touched
        changed.update(key for key, part in parts.items() if part.attachments and key not in changed and key in signatures
                       and any(inc.attachment_signature(files.get(k)) != sig for k, sig in part.attachments))
        part = parse_cache.load(data_dir, files=sorted(other + [Path(k) for k in changed]))
        part.attachments = files
        if any(h != prev.hashes.get(k) for k, h in part.hashes.items() if k not in changed):
            return None  # units.csv changed: what other files refer to
    with timing.stage("check (changed files)"):
        conf = settings.read(part)
        for key in set(parts) - set(signatures) - set(part.hashes):
            del parts[key]  # files that are no longer records (moved, or not YAML any more)
        found = subset_problems(part, (p.keys for k, p in parts.items() if k not in part.hashes), conf, as_of)
        if found is None:
            return None
        shown = {load.display_path(data_dir, Path(k)) for k in changed} | {  # units.csv: its problems are kept
            load.display_path(data_dir, p) for p in other if load.kind_of(p.as_posix()) != "table"}
        kept = [p for p in prev.problems if p.path not in shown]
        problems = sorted(set(part.problems + conf.problems + kept + [p for p in found if p.path in shown]))
    if has_errors(problems):
        return problems
    with timing.stage("model (changed files)"):
        copies = Copies(conf.portal.strip_pdf_metadata)
        rows = rows_of(part, copies)
        fresh = inc.file_parts(data_dir, part, rows, conf, as_of)
        digest = Digester()
        inc.seed(digest, (p for k, p in parts.items() if k not in fresh))
        parts.update(fresh)
        portal = model.assemble((p.rows for p in parts.values()), conf, as_of)
    hashes = {**prev.hashes, **part.hashes}
    dirty = {load.folder_of(k) for k in fresh} | {load.folder_of(k) for k in suspect}
    return Made(gkey, prev, Checked(part, conf, problems), portal, hashes, parts, dirty, digest, copies)


def pages_to_key(groups: list[Group], portal: model.Model, digest: Digester, state: inc.State,
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
                was is not None and prev.parts.get(was[1]) == reads_part(portal, was[1], digest) for was in kept):
            state.pages.update(zip((url + "index.html" for url in old[1]), kept))
            addresses = old[1]
        else:
            made = group.pages()
            pages += made
            addresses = [page.url for page in made]
        state.groups[group.name] = (key, addresses)
        urls += addresses
    return pages, urls


def digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: inc.file_digest(data) for path, data in files.items()}


def outputs(files: dict[str, bytes], known: dict[str, str]) -> tuple[dict[str, bytes], dict[str, str]]:
    """The files whose digest is not the one `known` (the last build's) records, and the digests
    of all: a forked process sends back what changed, not 240 MB."""
    sums = digests(files)
    return {path: data for path, data in files.items() if known.get(path) != sums[path]}, sums


def update(stage: Patch, portal: model.Model, pages: list[Page], frames: dict,
            outputs: tuple[dict[str, bytes], dict[str, str]], state: inc.State, prev: inc.State,
            digest: Digester) -> int:
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


def remove_gone(stage: Patch, prev: inc.State, state: inc.State) -> None:
    produced = set(state.files) | set(state.pages)
    for path in sorted((set(prev.files) | set(prev.pages)) - produced):
        stage.remove(path)


