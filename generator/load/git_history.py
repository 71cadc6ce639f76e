"""Stage 1, from git: the versions of every record file in the checked-out history.

A published record can be edited later; citizens must see when (model/history.py). The
repository is read once per build, for the whole data folder: one `git log --raw` pass over
the first-parent history of HEAD (a merged pull request counts on the day it was merged) lists
every version of every file, and one `git cat-file --batch` reads the old contents of the files
that changed after they were first committed, only those. A copy without git (a tarball, the
tests' copies) or a git that fails gives `NO_GIT`: the build goes on and says so; a shallow
clone gives what it holds, from the date of its oldest commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .data_folder import kind_of
from .git import GitError, cat_blobs, data_prefix, git_bytes

VIETNAM = dt.timezone(dt.timedelta(hours=7))  # commit dates are shown as the day in Vietnam


@dataclass(frozen=True)
class Version:
    commit: str
    on: dt.date  # the commit's date, in Vietnam
    blob: str | None  # None: the file was deleted by that commit


@dataclass(frozen=True)
class GitHistory:
    state: str  # "full", "shallow" (a clone cut at `since`) or "none" (no git history)
    since: dt.date | None = None  # a shallow clone: the date of the oldest commit it holds
    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)  # data file key -> oldest first
    contents: dict[str, bytes] = field(default_factory=dict)  # blob -> bytes, files with later versions only
    cut: frozenset[str] = frozenset()  # a shallow clone's oldest commits: files seen there may be older


def read(data_dir: Path) -> GitHistory:
    """The history of the record files under data_dir; GitHistory("none") without git."""
    try:
        return _read(data_dir)
    except (GitError, OSError):  # not a repository, no commit yet, git not installed
        return GitHistory("none")


def _git(repo: Path, *args: str) -> bytes:
    return git_bytes(repo, "-c", "core.quotePath=false", *args)


def _read(data_dir: Path) -> GitHistory:
    top, prefix = data_prefix(data_dir)
    if prefix.startswith(".."):
        return GitHistory("none")
    shallow = _git(top, "rev-parse", "--is-shallow-repository").strip() == b"true"
    log = _git(top, "log", "--first-parent", "--diff-merges=first-parent", "--format=@%H %ct", "--raw",
               "--no-abbrev", "--no-renames", "HEAD", "--", prefix or ".").decode("utf-8", "surrogateescape")
    newest_first: dict[str, list[Version]] = {}
    commit, on, oldest = "", dt.date.min, None
    for line in log.splitlines():
        if line.startswith("@"):
            commit, stamp = line[1:].split(" ")
            on = oldest = dt.datetime.fromtimestamp(int(stamp), VIETNAM).date()
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            key = path[len(prefix):]
            if kind_of(key) == "record":
                blob = meta.split()[3]
                newest_first.setdefault(key, []).append(Version(commit, on, None if set(blob) == {"0"} else blob))
    versions = {key: tuple(reversed(found)) for key, found in newest_first.items()}
    later = sorted({v.blob for found in versions.values() if len(found) > 1 for v in found if v.blob})
    contents = cat_blobs(top, later) if later else {}
    if not shallow:
        return GitHistory("full", None, versions, contents)
    cut_file = Path(top, _git(top, "rev-parse", "--git-path", "shallow").decode().strip())
    cut = frozenset(cut_file.read_text().split()) if cut_file.is_file() else frozenset()
    return GitHistory("shallow", oldest, versions, contents, cut)
