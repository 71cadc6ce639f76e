"""Stable digests of the model's rows and of page contexts (what page keys and the kept pieces of
the open data are made of), and the model as templates see it: a proxy recording what they read."""

from __future__ import annotations

import datetime as dt
import hashlib

LEAVES = (str, int, float, bool, type(None), dt.date)
_LEAF_TYPES = frozenset(LEAVES)  # exactly these types (a subclass takes the general path)


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
            if _LEAF_TYPES.issuperset(map(type, obj.values())):  # a row: one check of the types, not isinstance on each
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
                "regulations", "proactive_explanations", "withdrawn", "history", "changes")


def digest_model(model: object, digest: Digester | None = None) -> Digester:
    """A Digester that knows the digest of every part of the model and of every row in it (what
    the page keys and the open data's pieces are made of). Computed here, not in forked workers:
    a worker touching every row copies the pages they live on, and sending the digests back
    cost more than the second core gave (bench/README.md).
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


def reads_part(model: object, reads: frozenset[str], digest: Digester) -> bytes:
    """What a set of model attributes exposes, digested once per build and set (92,000 pages
    read a handful of different sets)."""
    part = digest.reads.get(reads)
    if part is None:
        part = digest.reads[reads] = b"".join(name.encode() + model_part(model, name, digest) for name in sorted(reads))
    return part
