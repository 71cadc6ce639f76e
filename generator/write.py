"""Stage 7: the only code that writes the site. Everything goes to a staging folder beside the
output; the output is replaced only when the whole build has succeeded (an atomic exchange
of the two folders where the kernel offers it), so a failed or killed build leaves the
previous site exactly as it was."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath


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
    """Remove staging and old-site folders left beside `out` by builds that were killed (their
    process is gone); folders of a build still running are left alone."""
    removed = []
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:building|old)-(\d+)(?:-.*)?")
    for p in sorted(out.parent.glob(f".{out.name}.*")):
        m = pattern.fullmatch(p.name)
        if m and p.is_dir() and not p.is_symlink() and not _alive(int(m.group(1))):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


class Staging:
    def __init__(self, out: Path):
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(self.out)
        self.dir = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.building-{os.getpid()}-", dir=self.out.parent))
        self.count = 0
        self._made: set[Path] = set()

    def write(self, rel: str, data: bytes) -> None:
        target = safe_join(self.dir, rel)
        parent = target.parent
        if parent not in self._made:
            parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        with open(target, "wb") as fh:
            fh.write(data)
        self.count += 1

    def link_previous(self) -> int:
        """Start from the previous site: hard links cost no copy, and every later write replaces
        a file by a new one (never writes into a linked file), so the site being served is never
        touched and the swap stays atomic. Returns the number of files linked."""
        count = 0
        if not self.out.is_dir():
            return count
        for dirpath, _dirs, names in os.walk(self.out):
            rel = Path(dirpath).relative_to(self.out)
            target = self.dir / rel
            target.mkdir(exist_ok=True)
            self._made.add(target)
            for name in names:
                try:
                    os.link(Path(dirpath, name), target / name)
                except OSError:  # a file system without hard links: copy
                    shutil.copy2(Path(dirpath, name), target / name)
                count += 1
        return count

    def commit(self) -> None:
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
