"""The build cache in .cache/ (or $GIAITRINH_CACHE): everything in it is keyed by content, so
it can be deleted at any time and is never trusted for more than what its key covers.

- parsed record files, keyed by path and a hash of the file's bytes (the git blob hash, so
  that `validate --changed-from` can reuse git's own hashes for unchanged files);
- the state of the last build of a (data, output) pair: what was written, with the keys of the
  inputs of every page (see generator/incremental.py).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from . import parallel
from .digest import Digester

T = TypeVar("T")
VERSION = b"giaitrinh-cache-1"  # bump when the layout of anything cached changes


def root() -> Path:
    return Path(os.environ.get("GIAITRINH_CACHE") or ".cache")


def enabled() -> bool:
    return os.environ.get("GIAITRINH_CACHE") != "off"


def code_fingerprint(*modules: str) -> str:
    """A hash of the generator's own source (or of the named modules only): cached results are
    only reused by the same code."""
    h = hashlib.sha256(VERSION)
    package = Path(__file__).resolve().parents[1]
    for p in sorted(package.rglob("*.py")) if not modules else [package / f"{m}.py" for m in sorted(modules)]:
        h.update(p.relative_to(package).as_posix().encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def slot(kind: str, *parts: object) -> Path:
    """The cache file for one kind of entry and one data folder (and output, code…)."""
    key = hashlib.sha256(repr((VERSION, parts)).encode()).hexdigest()[:24]
    return root() / kind / f"{key}.pickle"


def shard(entry: Path, name: str) -> Path:
    """One part of an entry kept in parts (one per unit folder, say), so that a change rewrites
    its part only: the parts of `entry` are the files of a folder named after it."""
    return entry.with_suffix("") / f"{hashlib.sha256(name.encode()).hexdigest()[:16]}.pickle"


def shards(entry: Path) -> Iterator[Path]:
    """Every part of an entry written so far."""
    folder = entry.with_suffix("")
    return iter(sorted(folder.glob("*.pickle")) if enabled() and folder.is_dir() else [])


def read(path: Path) -> object | None:
    if not enabled():
        return None
    _wait(path)
    try:
        with open(path, "rb") as fh, parallel.no_gc():
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None  # a missing or damaged entry is simply recomputed


def write(path: Path, value: object) -> None:
    if not enabled():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh, parallel.no_gc():
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old or the new entry
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


_PENDING: dict[Path, int] = {}  # entries being written by a forked child: path -> its pid


def write_soon(paths: list[Path], values: Callable[[], list[object]]) -> None:
    """write(path, value) for each path and value of values(), in a forked child, so that the
    caller goes on: computing and pickling the parsed records of 100,000 files takes seconds.
    A read() of one of these entries, and the end of this process, wait for the child."""
    if not enabled() or not paths:
        return
    if not hasattr(os, "fork"):
        for path, value in zip(paths, values(), strict=True):
            write(path, value)
        return

    def compute_and_write() -> None:
        gc.disable()  # a short-lived child: no cycle collection while it pickles
        for path, value in zip(paths, values(), strict=True):
            write(path, value)

    for path in paths:
        _wait(path)
    pid = parallel.fork(compute_and_write)
    _PENDING.update(dict.fromkeys(paths, pid))


def _wait(path: Path) -> None:
    pid = _PENDING.pop(path, None)
    if pid is not None:  # a child that failed wrote nothing: the entry is recomputed next time
        with contextlib.suppress(ChildProcessError):  # already reaped elsewhere
            os.waitpid(pid, 0)


@atexit.register
def wait_all() -> None:
    for path in list(_PENDING):
        _wait(path)


class Pieces:
    """Results kept in a cache folder under the digest of their inputs (and of `key`: the build's
    global key, so that nothing made by other code, templates, settings or --as-of date is used),
    for what a rebuild after one change would otherwise redo whole: the pieces of the open data,
    the scorecards of each period. The pieces not used by this build are deleted by forget_unused.
    Without a folder, everything is made again."""

    def __init__(self, folder: Path | None, key: str = "", digest: Callable[[object], bytes] | None = None):
        self.folder, self.key, self.used = folder, key.encode(), set()
        self.digest = digest or Digester()

    @classmethod
    def of(cls, kind: str, data_dir: Path, out_dir: Path, key: str, digest: Callable[[object], bytes]) -> Pieces:
        """The pieces of one kind for a (data, output) pair."""
        folder = slot(kind, str(data_dir.resolve()), str(out_dir.resolve())).with_suffix("") if enabled() else None
        return cls(folder, key, digest)

    def get(self, inputs: object, make: Callable[[], T]) -> T:
        if self.folder is None:
            return make()
        name = hashlib.blake2b(self.key + self.digest(inputs), digest_size=20).hexdigest() + ".pickle"
        self.used.add(name)
        value = read(self.folder / name)
        if value is None:
            value = make()
            write(self.folder / name, value)
        return value

    def forget_unused(self) -> None:
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
