"""`validate --changed-from REF`: check only the files a pull request changes, and report exactly
what a full validation reports for those files.

The changed files (git diff against REF, plus untracked files) are read and checked in full:
Frictionless validates their rows in one package whose units resource is complete (foreign
keys are checked against the whole set), and the cross-record checks see the ids of every
record. What the other files hold is taken from the cache index (keys of each record file,
by content hash), matched against git's own hashes of the files at REF, so they are neither
read nor parsed. Whenever a change can alter what other files report, or the answer could
depend on rows we do not read, the whole set is validated instead and filtered to the changed
files:

- a settings file, units.csv or a schema changed, or a record file was deleted or renamed: then
  every problem of the whole set is reported, since such a change can break files it did not
  touch (a follow-up pointing to a deleted record, a record under a changed rule);
- a changed record shares its primary key with a record of another file (which row Frictionless
  reports as the duplicate depends on the order of the whole set).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .build import checked as check_data
from .check import settings
from .check.subset import subset_problems
from .check.whole import Checked
from .load.data_folder import Record, kind_of, record_keys
from .load.git import GitError, data_prefix, git_bytes  # noqa: F401  (the runner's home is the load stage)
from .problems import Problem
from .speed import parse_cache as load
from .speed.parse_cache import read_index


@dataclass
class Changes:
    files: list[str]  # changed or added files, relative to the data folder, that exist
    removed: list[str]  # deleted or renamed away
    at_ref: dict[str, str]  # file -> git blob hash at REF, for every file under the data folder


def _git(repo: Path, *args: str) -> str:
    return git_bytes(repo, *args).decode("utf-8", "surrogateescape")


def changes(data_dir: Path, ref: str) -> Changes:
    """What differs in data_dir between REF and the working tree (committed or not)."""
    top, prefix = data_prefix(data_dir)
    files, removed = [], []
    diff = _git(top, "diff", "--name-status", "--no-renames", "-z", ref, "--", prefix or ".").split("\0")
    for status, name in zip(diff[::2], diff[1::2], strict=False):  # a trailing empty field
        rel = name[len(prefix):]
        (removed if status.startswith("D") else files).append(rel)
    for name in _git(top, "ls-files", "--others", "--exclude-standard", "-z", "--", prefix or ".").split("\0"):
        if name:
            files.append(name[len(prefix):])
    at_ref = {}
    for line in _git(top, "ls-tree", "-r", "-z", "--full-tree", ref, "--", prefix or ".").split("\0"):
        if line:
            meta, name = line.split("\t", 1)
            at_ref[name[len(prefix):]] = meta.split()[2]
    hidden = lambda rel: any(part.startswith(".") for part in PurePosixPath(rel).parts)  # noqa: E731
    return Changes(sorted({f for f in files if not hidden(f)}), sorted(r for r in removed if not hidden(r)), at_ref)


def _only(problems: list[Problem], paths: set[str]) -> list[Problem]:
    return [p for p in problems if p.path in paths]


def check_changed(data_dir: Path, as_of: dt.date, ref: str) -> tuple[Checked | None, list[Problem], int, str]:
    """Problems of the changed files: (full result if one was needed, problems, files, how)."""
    ch = changes(data_dir, ref)
    base = data_dir.as_posix()
    shown = {f"{base}/{f}" if base != "." else f for f in ch.files}
    kinds = {f: kind_of(f) for f in ch.files}
    needs_full = (ch.removed and any(kind_of(f) == "record" for f in ch.removed)) \
        or any(k in ("settings", "table", "release") for k in kinds.values()) \
        or any(f.startswith("phat-hanh/") for f in ch.files)  # a release's zip is checked against its manifest
    index = read_index(data_dir) if not needs_full else None
    if not needs_full and index is None:
        load.load(data_dir)  # no index yet (first run on this machine): build it once
        index = read_index(data_dir)
    if needs_full or index is None:
        checked = check_data(data_dir, as_of)
        if needs_full:  # a deletion, units.csv or a setting can break files the change did not touch
            return checked, checked.problems, len(ch.files), "full"
        return checked, _only(checked.problems, shown), len(ch.files), "full"

    changed = set(ch.files)
    # Everything the changed files are checked against: units, settings, and the keys of others.
    # Attachments are only listed, never read here: a changed record may name one on main or one
    # the pull request adds.
    context = [Path(f) for f in sorted(set(ch.at_ref) | changed)
               if ("/" not in f and kind_of(f) in ("settings", "table")) or kind_of(f) == "attachment"]
    wanted = [Path(f) for f in ch.files if kinds[f] in ("record", "misplaced")]
    loaded = load.load(data_dir, files=sorted(set(context) | set(wanted)))
    others: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    stale = []
    for f, blob in ch.at_ref.items():
        # Record files are unit/folder/file; a file unchanged since REF exists (deletions and
        # renames took the full path above), so no stat per file.
        if f in changed or f.count("/") != 2 or kind_of(f) != "record":
            continue
        hit = index.get(f)
        if hit is None or hit[0] != blob:
            stale.append(f)
        else:
            others[f] = hit[1]
    if stale:  # the cache does not know these files as they are at REF: read them (keys only)
        extra = load.load(data_dir, files=[Path(f) for f in stale])
        by_path: dict[str, list[Record]] = {}
        for recs in extra.records.values():
            for r in recs:
                by_path.setdefault(r.path, []).append(r)
        for f in stale:
            others[f] = record_keys(by_path.get(f"{base}/{f}" if base != "." else f, []))
    problems = subset_problems(loaded, others.values(), settings.read(loaded), as_of)
    if problems is None:
        checked = check_data(data_dir, as_of)
        return checked, _only(checked.problems, shown), len(ch.files), "full (shared key)"
    return None, sorted(set(_only(problems, shown))), len(ch.files), "changed files"
