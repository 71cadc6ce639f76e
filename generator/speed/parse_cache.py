"""The load stage's files, read fast: listed in a forked process while the cache is read,
trusted by their stat signatures as git's index does, parsed in forked workers by unit folder,
and kept in .cache/ by content hash (git's blob hash) with the keys of their records (what
`validate --changed-from` needs to know of files it does not read). Both are kept in one part
per unit folder, written behind the build: a change rewrites its folder's part only.

`CachedFiles` is the `reader` handed to generator.load.data_folder.load(); the stage does not
know it exists."""

from __future__ import annotations

import functools
import os
import pickle
import threading
import time
from pathlib import Path

from ..load.data_folder import (
    Item,
    Loaded,
    Overlay,
    Parsed,
    Signature,
    blob_hash,
    folder_of,
    parse_one,
    read_bytes,
    record_keys,
    signature,
    walk_and_stat,
)
from ..load.data_folder import load as load_stage
from ..schema import fingerprint
from . import cache, parallel

RACY_SECONDS = 2  # a file written this close to the cache entry is hashed again (git's "racy" rule)
PARSE_MODULES = ("load/data_folder", "load/yaml_safe", "load/yaml_messages", "problems", "speed/cache",
                 "speed/parse_cache")


def load(data_dir: Path, files: list[Path] | None = None, overlay: dict[str, bytes] | None = None) -> Loaded:
    """The load stage with the cache and the workers below (the cycle collector off: building
    100,000 records triggers full collections that find nothing to free); `overlay`: files read
    from these bytes instead of the disk (see load.data_folder.Overlay)."""
    reader = CachedFiles(data_dir)
    with parallel.no_gc():
        return load_stage(data_dir, files, Overlay(reader, overlay) if overlay else reader)


def entries(data_dir: Path) -> tuple[Path, Path]:
    """The cache entries of a data folder: its parsed files, and the keys of each file's records."""
    parsed = cache.slot("parsed", str(data_dir), str(data_dir.resolve()), cache.code_fingerprint(*PARSE_MODULES))
    index = cache.slot("index", str(data_dir), str(data_dir.resolve()),
                       cache.code_fingerprint(*PARSE_MODULES, "schema"), fingerprint())
    return parsed, index


def read_index(data_dir: Path) -> dict[str, tuple[str, list[tuple[str, str, tuple[str, ...]]]]] | None:
    """The record-key index of every file the last load() saw, or None if there is none yet."""
    index: dict = {}
    found = False
    for part in cache.shards(entries(data_dir)[1]):
        entry = cache.read(part)
        if isinstance(entry, dict):
            index.update(entry)
            found = True
    return index if found else None


class CachedFiles:
    """A FileReader (see the load stage) whose files are parsed once per content."""

    def __init__(self, data_dir: Path):
        self.started = time.time()
        self.entry, self.index_entry = entries(data_dir)
        self.states: dict[str, dict] = {}

    def listing(self, data_dir: Path) -> tuple[list[tuple[str, ...]], dict[str, Signature]]:
        """100,000 files are listed and stat'ed in a forked process while this one reads the cache."""
        walking = parallel.Background(walk_and_stat, data_dir)
        try:
            guess = {e.name for e in os.scandir(data_dir) if e.is_dir() and not e.name.startswith(".")}
        except OSError:  # reported by the walk
            guess = set()
        states = {f: _state(cache.shard(self.entry, f)) for f in sorted(guess | {""})}
        listing, signatures = walking.get()
        folders = sorted({parts[0] for parts in listing if len(parts) > 1} | {""})
        self.states = {f: states[f] if f in states else _state(cache.shard(self.entry, f)) for f in folders}
        return listing, signatures

    def parse(self, data_dir: Path, items: list[Item], signatures: dict[str, Signature],
              whole: bool) -> tuple[dict[str, Parsed], dict[str, Signature]]:
        """A file whose size, times and inode are those recorded with its hash is known to have
        that content without being read again, unless written within seconds of the entry."""
        old: dict[str, Parsed] = {}
        old_stats: dict[str, tuple[Signature, str]] = {}
        trusted_before: dict[str, float] = {}
        for folder, state in (self.states if whole else {}).items():
            old.update(state.get("files", {}))
            old_stats.update(state.get("stats", {}))
            trusted_before[folder] = state.get("written", 0) - RACY_SECONDS
        parsed: dict[str, Parsed] = {}
        stats: dict[str, tuple[Signature, str]] = {}
        todo: list[Item] = []
        for item in items:
            key, full = item[0], item[4]
            sig = signatures.get(key) or (signature(full) if old else None)
            known = old_stats.get(key)
            hit = old.get(key)
            if known and hit and known[0] == sig and known[1] == hit[0] \
                    and sig[1] < trusted_before[folder_of(key)] * 1e9:
                parsed[key] = hit
                stats[key] = known
            else:
                todo.append(item)
                stats[key] = (sig or signature(full), "")
        saving = whole and cache.enabled()
        shards = (self.entry, self.index_entry, self.started) if saving else None
        written = _parse_by_folder(todo, parsed, stats, old, shards)
        if saving:
            _save(self.entry, self.index_entry, self.states, parsed, stats, written, self.started)
        return parsed, {k: s[0] for k, s in stats.items()}


def _parse_files(items: list[Item], old: dict[str, Parsed]) -> list[Parsed]:
    """Read, hash and parse files; a file whose content is in the cache under another signature
    (touched, copied back) is not parsed again."""
    advising = threading.Thread(target=_advise, args=([item[4] for item in items],), daemon=True)
    advising.start()
    out = [_parse_known(item, read_bytes(item[4]), old) for item in items]
    advising.join()
    return out


def _parse_known(item: Item, raw: bytes, old: dict[str, Parsed]) -> Parsed:
    digest = blob_hash(raw)
    hit = old.get(item[0])
    return hit if hit is not None and hit[0] == digest else parse_one(item, raw, digest)


def _advise(paths: list[str]) -> None:
    """Ask the kernel to read these files into its cache (posix_fadvise WILLNEED), in order: from
    a cold disk, reading the files overlaps with parsing them instead of preceding it."""
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # reported when it is read
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def _state(path: Path) -> dict:
    """One part of the parsed-files cache: {"files": {key: Parsed}, "stats": {key: (signature,
    hash)}, "written": time}, or {} if there is none. Its files are kept pickled apart (see
    _parse_by_folder)."""

    state = cache.read(path)
    if not isinstance(state, dict) or not isinstance(state.get("files"), bytes):
        return {}
    try:
        return {**state, "files": pickle.loads(state["files"])}
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return {}


def _parse_by_folder(todo: list[Item], parsed: dict[str, Parsed], stats: dict[str, tuple[Signature, str]],
                     old: dict[str, Parsed], shards: tuple[Path, Path, float] | None) -> set[str]:
    """Read, hash and parse the files of `todo` in forked workers, each taking whole unit folders,
    and add them to `parsed` and `stats`. With `shards` (the cache entries and the load's start),
    each worker also writes the cache parts of its folders: the folder's parsed files are
    pickled once, for the cache and for this process (not a second time by a child writing the
    cache, beside the checks). Returns the folders written."""

    by_folder: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for item in todo:
        by_folder.setdefault(folder_of(item[0]), []).append(item)
    members: dict[str, list[str]] = {f: [] for f in by_folder}
    for key in stats:  # every record file listed, in order
        if (f := folder_of(key)) in members:
            members[f].append(key)
    # Chunks of whole folders, about len(todo) / parts files each: several per worker, so that
    # this process unpickles the first while the workers parse the next.
    parts = 4 * parallel.workers()
    chunks: list[list[str]] = [[]]
    size = 0
    for f, items in by_folder.items():
        if size >= len(todo) / parts:
            chunks.append([])
            size = 0
        chunks[-1].append(f)
        size += len(items)
    if shards:
        cache.wait_all()  # a part still being written by an earlier load is not overwritten later by it

    def parse(folders: list[str]) -> list[bytes]:
        items = [item for f in folders for item in by_folder[f]]
        fresh = dict(zip([item[0] for item in items], _parse_files(items, old), strict=True))
        out = []
        for f in folders:
            files = {k: fresh[k] if k in fresh else parsed[k] for k in members[f]}
            blob = pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL)
            if shards:
                entry, index_entry, started = shards
                for path, value in zip((cache.shard(entry, f), cache.shard(index_entry, f)),
                                       _cache_parts(files, blob, stats, started), strict=True):
                    cache.write(path, value)
            out.append(blob)
        return out

    tasks = [functools.partial(parse, folders) for folders in chunks if folders]
    with parallel.no_gc():
        for blobs in parallel.run_all(tasks, fork=len(todo) >= 1500):
            for blob in blobs:
                for key, result in pickle.loads(blob).items():
                    parsed[key] = result
                    stats[key] = (stats[key][0], result[0])
    return set(by_folder) if shards else set()


def _save(entry: Path, index_entry: Path, states: dict[str, dict], parsed: dict[str, Parsed],
          stats: dict[str, tuple[Signature, str]], written: set[str], started: float) -> None:
    """Write, behind the build, the parts of the cache the workers did not write whose files
    changed (a file was deleted, a part is missing)."""

    keys: dict[str, list[str]] = {folder: [] for folder in states}
    for key in parsed:
        keys[folder_of(key)].append(key)
    dirty = [f for f, ks in keys.items() if f not in written
             and (set(ks) != set(states[f].get("files", {})) or not cache.shard(index_entry, f).exists())]

    def values() -> list[object]:
        out: list[object] = []
        for f in dirty:
            files = {k: parsed[k] for k in keys[f]}
            out += _cache_parts(files, pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL), stats, started)
        return out

    cache.write_soon([path for f in dirty for path in (cache.shard(entry, f), cache.shard(index_entry, f))], values)


def _cache_parts(files: dict[str, Parsed], blob: bytes, stats: dict[str, tuple[Signature, str]],
                 started: float) -> tuple[dict, dict]:
    """The two cache parts of a folder whose parsed files are `files` (pickled as `blob`): the
    parsed files with their signatures (read back by _state), and the keys of their records
    (read back by read_index)."""
    return ({"files": blob, "written": started, "stats": {k: (stats[k][0], p[0]) for k, p in files.items()}},
            {k: (p[0], record_keys(p[1])) for k, p in files.items()})
