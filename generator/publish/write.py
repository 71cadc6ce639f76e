"""Stage 7: the only code that writes the site. Nothing is written into the output until the
whole build has succeeded, so a failed or killed build leaves the previous site as it was.

- A full build (Staging) writes a new site into a folder beside the output and swaps the two
  folders in one step (an atomic exchange where the kernel offers it).
- A rebuild (Patch) writes only the files that changed into a folder beside the output. When
  the build has succeeded, the folder is renamed to mark it committed (one atomic step), then
  its files are moved into the output one by one (each rename is atomic; a one-record change
  moves a few dozen files). A build killed after the commit is completed by the next build
  (roll forward); one killed before it is simply deleted.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from . import compress
from . import manifest as site_manifest


class UnsafePath(ValueError):
    pass


def safe_join(root: Path, rel: str) -> Path:
    """A path inside root, refusing anything that could climb out of it."""
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts or "\x00" in rel:
        raise UnsafePath(rel)
    return root.joinpath(*p.parts)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_leftovers(out: Path) -> list[Path]:
    """Deal with what builds that were killed (their process is gone) left beside `out`: a
    committed patch is applied (rolled forward); staging, uncommitted patch and old-site folders
    are removed. Folders of a build still running are left alone."""
    removed = []
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(building|old|patch|apply|engine)-(\d+)(?:-.*)?")
    for p in sorted(out.parent.glob(f".{out.name}.*")):
        m = pattern.fullmatch(p.name)
        if m and p.is_dir() and not p.is_symlink() and not _alive(int(m.group(2))):
            if m.group(1) == "apply":
                _apply(p, out)
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


@contextlib.contextmanager
def work_folder(out: Path) -> Iterator[Path]:
    """A scratch folder for the engine, beside the output (not in the system's temporary
    folder), so that what a killed build leaves there is cleaned like the rest."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.engine-{os.getpid()}-", dir=out.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Staging:
    """`precompress`: every file worth it gets a `.gz` sibling (publish/compress.py)."""

    KIND = "building"

    def __init__(self, out: Path, portal: str | None = None, precompress: bool = False):
        self.out = out.resolve()
        self.portal = portal  # names the portal in the site's manifest; None: write no manifest
        self.precompress = precompress
        self.out.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.out)
        self.dir = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.{self.KIND}-{os.getpid()}-", dir=self.out.parent))
        self.count = 0
        self._made: set[Path] = set()

    def write(self, rel: str, data: bytes) -> None:
        self._put(rel, data)
        if self.precompress:
            if compress.worth_compressing(rel, len(data)):
                self._put(rel + compress.SUFFIX, compress.gzipped(data))
            else:
                self._no_copy(rel)

    def _no_copy(self, rel: str) -> None:
        """A file without a compressed copy: in a new site there is nothing to do."""

    def _put(self, rel: str, data: bytes) -> None:
        target = safe_join(self.dir, rel)
        parent = target.parent
        if parent not in self._made:
            parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        with open(target, "wb") as fh:
            fh.write(data)
        self.count += 1

    def commit(self) -> None:
        if self.portal is not None:
            site_manifest.write_into(self.dir, site_manifest.of_folder(self.dir, self.portal))
        os.chmod(self.dir, 0o755)
        if self.out.exists() and _exchange(self.dir, self.out):
            previous = self.out.with_name(f".{self.out.name}.old-{os.getpid()}-{self.dir.name.rsplit('-', 1)[-1]}")
            os.rename(self.dir, previous)  # it now holds the previous site: name it so
            _remove_later(previous)
            return
        old = None
        if self.out.exists():
            old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
            os.rename(self.out, old)
        os.rename(self.dir, self.out)
        if old:
            _remove_later(old)

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


MANIFEST = ".giaitrinh-patch"  # in a patch folder: the files it removes from the site, one a line


class Patch(Staging):
    """The files a rebuild changes, written beside the output and moved into it once the build
    has succeeded (see the module's docstring)."""

    KIND = "patch"

    def __init__(self, out: Path, portal: str | None = None, precompress: bool = False):
        super().__init__(out, portal, precompress)
        self.removed: list[str] = []

    def remove(self, rel: str) -> None:
        safe_join(self.dir, rel)
        self.removed.append(rel)
        if self.precompress:
            self.removed.append(rel + compress.SUFFIX)

    def _no_copy(self, rel: str) -> None:
        """The file has shrunk below what is worth compressing: its old copy would be stale."""
        self.removed.append(rel + compress.SUFFIX)

    def commit(self) -> None:
        previous = site_manifest.read(self.out) if self.portal is not None else None
        if previous is not None and previous.portal == self.portal:  # moved in with the patch's files
            site_manifest.write_into(self.dir, site_manifest.updated(previous, self.dir, self.removed,
                                                                     frozenset({MANIFEST})))
        (self.dir / MANIFEST).write_text("".join(f"{rel}\n" for rel in self.removed), encoding="utf-8")
        applying = self.dir.with_name(self.dir.name.replace(".patch-", ".apply-", 1))
        os.rename(self.dir, applying)  # the commit point: from here on the patch is applied, or rolled forward
        _apply(applying, self.out)
        shutil.rmtree(applying, ignore_errors=True)
        if self.portal is not None and (previous is None or previous.portal != self.portal):
            site_manifest.write_into(self.out, site_manifest.of_folder(self.out, self.portal))  # a site without one


def _apply(patch: Path, out: Path) -> None:
    """Move a committed patch's files into the site and remove what it lists; running it again
    after an interruption finishes the work (files already moved are no longer in the patch)."""
    manifest = patch / MANIFEST
    removed = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
    for dirpath, _dirs, names in os.walk(patch):
        rel_dir = os.path.relpath(dirpath, patch)
        target_dir = out if rel_dir == "." else safe_join(out, Path(rel_dir).as_posix())
        for name in names:
            if rel_dir == "." and name == MANIFEST:
                continue
            target_dir.mkdir(parents=True, exist_ok=True)
            os.replace(os.path.join(dirpath, name), target_dir / name)
    for rel in removed:
        target = safe_join(out, rel)
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        parent = target.parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _remove_later(folder: Path) -> None:
    """Delete the previous site after the build has returned: the new site is already in place,
    and deleting 100,000 files takes longer than building them. A detached process does it; if
    it cannot be started, delete here."""
    if os.environ.get("GIAITRINH_REMOVE_NOW"):
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0
