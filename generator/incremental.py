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

from . import attachments, cache, load, model, render
from . import schema as std

LEAVES = (str, int, float, bool, type(None), dt.date)
_LEAF_TYPES = frozenset(LEAVES)  # exactly these types (a subclass takes the general path)


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
    from .engine import ROOT

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

class Digester:
    """Stable digests of page contexts and model parts. Containers are memoised by identity:
    the same row appears on its page, in several lists and on its unit's page. Each container
    is hashed once, over its leaves' reprs and its containers' digests (hashing every leaf on its
    own cost most of the time of keying 100,000 pages)."""

    def __init__(self) -> None:
        self.memo: dict[int, tuple[object, bytes]] = {}
        self.tagged: dict[int, bytes] = {}  # the same as "#" + digest: what a list's digest joins
        self.reads: dict[frozenset[str], bytes] = {}  # a set of model attributes -> what they expose

    def __call__(self, obj: object) -> bytes:
        if isinstance(obj, LEAVES):
            return hashlib.blake2b(repr(obj).encode(), digest_size=16).digest()
        hit = self.memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        if isinstance(obj, dict):
            if _LEAF_TYPES.issuperset(map(type, obj.values())):  # a row: twice as fast as isinstance on each
                d = hashlib.blake2b(b"d" + repr(obj).encode(), digest_size=16).digest()
            else:
                d = hashlib.blake2b(b"D" + b"".join(self._part(k) + self._part(v) for k, v in obj.items()),
                                    digest_size=16).digest()
        elif isinstance(obj, (list, tuple)):
            if obj and type(obj[0]) is dict and (d := self._rows(obj)) is not None:
                pass
            elif all(isinstance(v, LEAVES) or (type(v) is tuple and all(isinstance(x, LEAVES) for x in v)) for v in obj):
                d = hashlib.blake2b(b"L" + repr(obj).encode(), digest_size=16).digest()  # e.g. a list of dates
            else:  # mostly rows digested already: their memo entries read here, not through two calls each
                memo, part = self.memo, self._part
                d = hashlib.blake2b(b"l" + b"".join(
                    [b"#" + hit[1] if (hit := memo.get(id(v))) is not None and hit[0] is v else part(v) for v in obj]),
                    digest_size=16).digest()
        elif isinstance(obj, (set, frozenset)):
            d = hashlib.blake2b(b"s" + b"".join(sorted(self._part(v) for v in obj)), digest_size=16).digest()
        elif hasattr(obj, "__dataclass_fields__"):  # its value is what it compares by
            d = hashlib.blake2b(type(obj).__name__.encode() + b"".join(
                self._part(getattr(obj, f.name)) for f in obj.__dataclass_fields__.values() if f.compare),
                digest_size=16).digest()
        else:  # unknown objects: their repr; an address in it only costs a re-render, never staleness
            d = hashlib.blake2b(type(obj).__qualname__.encode() + repr(obj).encode(), digest_size=16).digest()
        self.keep(obj, d)
        return d

    def keep(self, obj: object, d: bytes) -> None:
        """Remember a container's digest (the memo holds the container: its id stays its own)."""
        self.memo[id(obj)] = (obj, d)
        self.tagged[id(obj)] = b"#" + d

    def _rows(self, obj: list | tuple) -> bytes | None:
        """A list of containers all digested already (rows, mostly), joined in C: the same bytes
        as the general path below makes of them (a list that starts with a dict is not a list of
        leaves). None if one is not known yet."""
        try:
            return hashlib.blake2b(b"l" + b"".join(map(self.tagged.__getitem__, map(id, obj))), digest_size=16).digest()
        except KeyError:
            return None

    def _part(self, obj: object) -> bytes:
        """What a container's digest is made of, for one of its items: a leaf's repr (with its
        length, so that no two sequences of items read the same) or a container's digest."""
        if isinstance(obj, LEAVES):
            text = repr(obj).encode()
            return b"%d:" % len(text) + text
        return b"#" + self(obj)


class Tracked:
    """The model as templates see it: records which of its attributes a page reads."""

    __slots__ = ("_model", "_read")

    def __init__(self, model: object, read: set[str]):
        object.__setattr__(self, "_model", model)
        object.__setattr__(self, "_read", read)

    def __getattr__(self, name: str) -> object:
        self._read.add(name)
        return getattr(self._model, name)

    def whole_model(self) -> object:
        """The model itself, for code that computes over all of it once per build (scorecards):
        the page is recorded as reading every part of the model."""
        self._read.update(MODEL_FIELDS)
        return self._model


MODEL_FIELDS = ("settings", "as_of", "units", "plans", "explanations", "follow_ups", "meetings", "reports",
                "withdrawn")


def digest_model(model: object, digest: Digester | None = None) -> Digester:
    """A Digester that knows the digest of every part of the model and of every row in it (what
    the page keys and the open data's pieces are made of). Computed here, not in forked workers:
    a worker touching every row copies the pages they live on, and sending 100,000 digests back
    cost more than the second core gave (2.9 s in workers, 2.0 s here, at 100,000 records).
    A rebuild hands in a digester that knows the rows of the files that did not change (seed)."""
    digest = digest or Digester()
    for name in MODEL_FIELDS:
        model_part(model, name, digest)
    return digest


def model_part(model: object, name: str, digest: Digester) -> bytes:
    """The digest of what reading one attribute of the model exposes to a template."""
    if name in MODEL_FIELDS:
        return digest(getattr(model, name))
    # A method or anything else: it may expose the whole model.
    return digest([getattr(model, f) for f in MODEL_FIELDS])


@functools.lru_cache(maxsize=4)
def _keyed(gkey: str) -> hashlib._Hash:
    return hashlib.blake2b(gkey.encode(), digest_size=20)


def reads_part(model: object, reads: frozenset[str], digest: Digester) -> bytes:
    """What a set of model attributes exposes, digested once per build and set (92,000 pages
    read a handful of different sets)."""
    part = digest.reads.get(reads)
    if part is None:
        part = digest.reads[reads] = b"".join(name.encode() + model_part(model, name, digest) for name in sorted(reads))
    return part


def page_key(page: render.Page, model: object, reads: Iterable[str], digest: Digester, gkey: str) -> str:
    h = _keyed(gkey).copy()
    # The page's own texts hashed as they are (digesting them as a tuple kept 92,000 tuples in the memo)
    h.update(repr((page.url, page.title, page.description, page.template)).encode())
    h.update(digest(page.context))
    h.update(reads_part(model, frozenset(reads), digest))
    return h.hexdigest()


def group_key(group: render.Group, digest: Digester) -> str | None:
    """The digest of what a group's pages are made from (None: a group not keyed as a whole)."""
    if not group.keyed:
        return None
    return digest((group.make.__module__, group.make.__qualname__, group.inputs)).hex()


def file_digest(data: bytes) -> str:
    """A file's SHA-256, hex: what the open-data page lists, and twice as fast as BLAKE2b here."""
    return hashlib.sha256(data).hexdigest()


def dumps(state: State) -> bytes:
    return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)


# --- the model of the last build, by file ---------------------------------------------------

# What one data file gives the model: (stat signature, content hash, signatures of the attachments
# its records name, its records' keys, model.derive() of its records, the digests of those rows
# or None if not known yet). Valid under the global key it was made with.
Part = tuple[load.Signature, str, tuple[tuple[str, "load.Signature | None"], ...],
             list[tuple[str, str, tuple[str, ...]]], dict[str, list[model.Row]], "list[bytes] | None"]


def file_parts(data_dir: Path, loaded: load.Loaded, rows: dict[str, list[model.Row]],
               settings: object, as_of: dt.date) -> dict[str, Part]:
    """The parts of the files in `loaded`, whose typed rows are `rows` (validate.typed_rows)."""
    base = data_dir.as_posix()
    cut = len(base) + 1 if base != "." else 0
    rows_of: dict[str, dict[str, list[model.Row]]] = {}
    records_of: dict[str, list[load.Record]] = {}
    for name, recs in loaded.records.items():
        for rec, row in zip(recs, rows[name], strict=True):
            key = rec.path[cut:]
            rows_of.setdefault(key, {}).setdefault(name, []).append(row)
            records_of.setdefault(key, []).append(rec)
    return {key: (loaded.signatures[key], loaded.hashes[key], attachment_signatures(records_of[key], loaded.attachments),
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
        trusted[entry["folder"]] = entry["written"] - load.RACY_SECONDS
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
                 "files": {k: (*p[:5], p[5] if p[5] is not None else [digest(r) for rows in p[4].values() for r in rows])
                           for k, p in by_folder[f].items()}} for f in dirty]

    cache.write_soon([cache.shard(entry, f) for f in dirty], values)


def seed(digest: Digester, parts: Iterable[Part]) -> None:
    """Give the digester the digests the parts' rows had when they were made."""
    for part in parts:
        if part[5] is not None:
            for row, d in zip((r for rows in part[4].values() for r in rows), part[5], strict=True):
                digest.keep(row, d)
