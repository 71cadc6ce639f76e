"""The one git runner: `validate --changed-from`, `scan-history` and the build's record history
(load/git_history.py) all read the repository through it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(RuntimeError):
    pass


def git_bytes(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """What a git command prints in `repo`; GitError with git's own message when it fails."""
    proc = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True)
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout


def data_prefix(data_dir: Path) -> tuple[Path, str]:
    """The repository's top folder and the data folder's path in it as git writes paths
    ("" for the top itself, else "data/"); a path that starts with "../" is outside the repository."""
    top = Path(git_bytes(data_dir, "rev-parse", "--show-toplevel").decode("utf-8", "surrogateescape").strip())
    prefix = os.path.relpath(data_dir.resolve(), top.resolve()).replace(os.sep, "/")
    return top, "" if prefix == "." else prefix + "/"


def cat_blobs(repo: Path, ids: list[str]) -> dict[str, bytes]:
    """The contents of many blobs in one `git cat-file --batch`."""
    out = git_bytes(repo, "cat-file", "--batch", stdin="".join(i + "\n" for i in ids).encode())
    blobs, pos = {}, 0
    for blob in ids:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        blobs[blob] = out[header_end + 1: header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return blobs
