"""Incremental rebuilds: only what changed is validated, rendered and written again.

The state of the last successful build of a (data, output) pair is kept in the cache. It is
reused only under the same *global key*, a hash of everything every page may depend on: the
generator's code, the page templates and the rest of site_templates/, mkdocs.yml and content/,
the schemas, the settings files, the --as-of date and the engine's version. Anything else
changes the global key and the next build is a full one.

Under the same global key:

- validation checks the changed record files only (as `validate --changed-from` does); a changed
  key shared with another file, units.csv, a deleted file or changed settings validate all;
- every page has a key: the hash of its address, title, description, template and context, and
  of the parts of the model its template read when it was last rendered (the model is handed
  to templates behind a proxy that records the attributes read: `units`, `explanations`…).
  Rendering is deterministic, so a page whose inputs are unchanged would read the same parts
  and produce the same bytes; only pages whose key changed are rendered again;
- pages come in groups (render.Group) made by a function from explicit inputs: a group whose
  inputs digest as in the last build (group_key), and whose pages read model parts that digest
  as they did then (State.parts), keeps its pages' keys without being listed or keyed again;
- the model is kept by file (file_parts): what each record file gives it (model.derive), with
  the file's signature, content hash, record keys and the digests of its rows. A rebuild reads
  again only the files whose signature or hash changed (build._patched), checks them against
  the keys of the others (as `validate --changed-from` does) and assembles the model from the
  parts, whose rows keep their digests: neither the other files nor their rows are read,
  checked, typed or digested again;
- the changed files are written beside the output and moved into it once the build has
  succeeded, files no longer produced are removed (generator/write.py, Patch), and the output
  is then byte-identical to a full build.

The history of the records (load/git_history.py) is read from git by every build, full or not:
a commit can change it without changing a file. It reaches the record pages through their
group's inputs and their context, so a page whose history changed gets a new key.

The state records the output folder's inode: if the folder was replaced or removed by
something else, the next build is a full one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import importlib.metadata
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema as std
from ..check import attachments
from ..load import data_folder as load
from ..model import model
from ..pages import render
from ..pages.page import Group, Page
from ..publish.engine import ROOT
from ..schema import Row
from . import cache
from .digest import Digester, model_part, reads_part  # noqa: F401  (page keys read parts)
from .parse_cache import RACY_SECONDS


@dataclass
class State:
    global_key: str
    out_inode: int
    hashes: dict[str, str]  # data file -> content hash
    problems: list  # the (non-error) problems of that build
    pages: dict[str, tuple[str, frozenset[str]]]  # page path -> (key, model attributes read)
    files: dict[str, str]  # every output file -> digest of its bytes
    engine: tuple  # (needed frames, static files, frames) of the MkDocs run
    groups: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)  # name -> (key, page addresses)
    parts: dict[frozenset[str], bytes] = field(default_factory=dict)  # model attributes read -> reads_part


def _tree_digest(h: hashlib._Hash, folder: Path) -> None:
    for dirpath, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            p = Path(dirpath, name)
            h.update(str(p.relative_to(folder)).encode() + b"\0")
            h.update(p.read_bytes())


def global_key(settings_raw: object, as_of: dt.date) -> str:
    """Everything every page may depend on, besides its own context and the model."""
    h = hashlib.sha256(cache.code_fingerprint().encode())
    h.update(as_of.isoformat().encode())
    h.update(std.fingerprint().encode())
    h.update(repr(settings_raw).encode())
    for package in ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "xlsxwriter", "holidays", "pikepdf"):
        try:
            h.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            pass
    h.update((ROOT / "mkdocs.yml").read_bytes())
    for folder in (ROOT / "content", ROOT / "site_templates", render.TEMPLATES):
        h.update(str(folder).encode())
        _tree_digest(h, folder)
    return h.hexdigest()


def slot(data_dir: Path, out_dir: Path) -> Path:
    return cache.slot("build", str(data_dir.resolve()), str(out_dir.resolve()))


def previous(data_dir: Path, out_dir: Path, key: str) -> State | None:
    """The state of the last build, if it is still what the output folder holds."""
    state = cache.read(slot(data_dir, out_dir))
    if not isinstance(state, State) or state.global_key != key:
        return None
    try:
        if os.stat(out_dir).st_ino != state.out_inode:
            return None
    except OSError:
        return None
    return state


def forget(data_dir: Path, out_dir: Path) -> None:
    try:
        slot(data_dir, out_dir).unlink()
    except FileNotFoundError:
        pass


def save(data_dir: Path, out_dir: Path, state: State) -> None:
    state.out_inode = os.stat(out_dir).st_ino
    cache.write(slot(data_dir, out_dir), state)


# --- keys of values -------------------------------------------------------------------------

@functools.lru_cache(maxsize=4)
def _keyed(gkey: str) -> hashlib._Hash:
    return hashlib.blake2b(gkey.encode(), digest_size=20)


def page_key(page: Page, model: object, reads: Iterable[str], digest: Digester, gkey: str) -> str:
    h = _keyed(gkey).copy()
    # The page's own texts hashed as they are (digesting them as a tuple kept 92,000 tuples in the memo)
    h.update(repr((page.url, page.title, page.description, page.template)).encode())
    h.update(digest(page.context))
    h.update(reads_part(model, frozenset(reads), digest))
    return h.hexdigest()


def group_key(group: Group, digest: Digester) -> str | None:
    """The digest of what a group's pages are made from (None: a group not keyed as a whole)."""
    if not group.keyed:
        return None
    return digest((group.make.__module__, group.make.__qualname__, group.inputs)).hex()


def file_digest(data: bytes) -> str:
    """A file's SHA-256, hex: what the open-data page lists (and faster than BLAKE2b here)."""
    return hashlib.sha256(data).hexdigest()


def dumps(state: State) -> bytes:
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


# --- the model of the last build, by file ---------------------------------------------------

@dataclass(slots=True)
class Part:
    """What one data file gives the model, valid under the global key it was made with."""

    signature: load.Signature
    content_hash: str
    attachments: tuple[tuple[str, load.Signature | None], ...]  # what its records name, with signatures
    keys: list[tuple[str, str, tuple[str, ...]]]  # its records' keys (load.record_keys)
    rows: dict[str, list[Row]]  # model.derive() of its records
    digests: list[bytes] | None  # the digests of those rows (None: not known yet)

    def __reduce__(self) -> tuple:
        """Pickled as its fields: read back as fast as the tuple it used to be."""
        return Part, (self.signature, self.content_hash, self.attachments, self.keys, self.rows, self.digests)


def file_parts(data_dir: Path, loaded: load.Loaded, rows: dict[str, list[Row]],
               settings: object, as_of: dt.date) -> dict[str, Part]:
    """The parts of the files in `loaded`, whose typed rows are `rows` (validate.typed_rows)."""
    base = data_dir.as_posix()
    cut = len(base) + 1 if base != "." else 0
    rows_of: dict[str, dict[str, list[Row]]] = {}
    records_of: dict[str, list[load.Record]] = {}
    for name, recs in loaded.records.items():
        for rec, row in zip(recs, rows[name], strict=True):
            key = rec.path[cut:]
            rows_of.setdefault(key, {}).setdefault(name, []).append(row)
            records_of.setdefault(key, []).append(rec)
    return {key: Part(loaded.signatures[key], loaded.hashes[key], attachment_signatures(records_of[key], loaded.attachments),
                      load.record_keys(records_of[key]), model.derive(file_rows, settings, as_of), None)
            for key, file_rows in rows_of.items()}


def attachment_signatures(records: list[load.Record], files: dict[str, Path]) -> tuple[tuple[str, load.Signature | None], ...]:
    """The attachments these records name, with their signatures (None: absent): a record's part
    holds its attachment's SHA-256, so a replaced PDF makes the record's file change too."""
    out = []
    for rec in records:
        document = rec.values.get(attachments.DOCUMENT_FIELD) if rec.resource in attachments.RESOURCES else None
        name = attachments.file_name(str(document)) if document not in (None, "") else None
        if name is not None:
            key = f"{rec.values.get('unit')}/{load.ATTACHMENT_FOLDER}/{name}"
            out.append((key, attachment_signature(files.get(key))))
    return tuple(out)


def attachment_signature(path: Path | None) -> load.Signature | None:
    try:
        return load.signature(str(path)) if path is not None else None
    except OSError:
        return None


def _parts_entry(data_dir: Path, out_dir: Path) -> Path:
    return cache.slot("model", str(data_dir.resolve()), str(out_dir.resolve()))


def read_parts(data_dir: Path, out_dir: Path, gkey: str) -> tuple[dict[str, Part], dict[str, float]] | None:
    """The parts of the last build's model, and for each unit folder the time before which a
    file's signature is trusted to mean its content (git's "racy" rule, as in load.load); None
    if there are none, or any was made under another global key."""
    parts: dict[str, Part] = {}
    trusted: dict[str, float] = {}
    for shard in cache.shards(_parts_entry(data_dir, out_dir)):
        entry = cache.read(shard)
        if not isinstance(entry, dict) or entry.get("key") != gkey:
            return None
        parts.update(entry["files"])
        trusted[entry["folder"]] = entry["written"] - RACY_SECONDS
    return (parts, trusted) if parts else None


def save_parts(data_dir: Path, out_dir: Path, gkey: str, started: float, parts: dict[str, Part],
               folders: set[str] | None, digest: Digester) -> None:
    """Write, behind the build, the parts of the unit folders named (all, and no other, if None),
    with the digests of their rows (every row of the model is in the digest's memo by now)."""
    entry = _parts_entry(data_dir, out_dir)
    by_folder: dict[str, dict[str, Part]] = {}
    for key, part in parts.items():
        by_folder.setdefault(load.folder_of(key), {})[key] = part
    if folders is None:
        keep = {cache.shard(entry, f) for f in by_folder}
        for shard in cache.shards(entry):
            if shard not in keep:
                shard.unlink(missing_ok=True)
    dirty = sorted(by_folder if folders is None else folders & by_folder.keys())

    def values() -> list[object]:
        return [{"key": gkey, "folder": f, "written": started,
                 "files": {k: Part(p.signature, p.content_hash, p.attachments, p.keys, p.rows, p.digests if p.digests is not None
                                else [digest(r) for rows in p.rows.values() for r in rows])
                           for k, p in by_folder[f].items()}} for f in dirty]

    cache.write_soon([cache.shard(entry, f) for f in dirty], values)


def seed(digest: Digester, parts: Iterable[Part]) -> None:
    """Give the digester the digests the parts' rows had when they were made."""
    for part in parts:
        if part.digests is not None:
            for row, d in zip((r for rows in part.rows.values() for r in rows), part.digests, strict=True):
                digest.keep(row, d)
