"""`giaitrinh scan-history`: personal data in every earlier version of every record file.

A record withdrawn or corrected on main still holds its old text in the repository's history,
and anyone who clones the repository can read it. Before a repository is opened to the public,
and after a leak was merged, the inspectorate lists every version that ever held personal data
(the same rules as the publication guard) and removes them from history (staff guide, section
"Khi lỡ đưa dữ liệu cá nhân lên").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .check import privacy, settings
from .load.data_folder import classify, load, read_record_file
from .load.git import cat_blobs, data_prefix, git_bytes
from .problems import Problem


@dataclass(frozen=True)
class Version:
    path: str  # relative to the repository's top, as git names it
    blob: str
    commit: str  # the oldest commit that holds this content at this path
    date: str  # that commit's date, YYYY-MM-DD
    resource: str  # what kind of record the file holds, from its folder


@dataclass(frozen=True)
class Leak:
    version: Version
    problem: Problem
    current: bool  # the working tree's file still holds this content


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return git_bytes(repo, "-c", "core.quotePath=false", *args, stdin=stdin)


def versions(data_dir: Path) -> tuple[Path, str, list[Version]]:
    """Every distinct content of every record file under data_dir in all branches' history."""
    top, prefix = data_prefix(data_dir)
    log = _git(top, "log", "--all", "--format=@%H %cs", "--raw", "--no-abbrev", "--no-renames",
               "--", prefix or ".").decode("utf-8", "surrogateescape")
    found: dict[tuple[str, str], Version] = {}
    commit = date = ""
    for line in log.splitlines():  # newest first: the last commit seen for a blob is its oldest
        if line.startswith("@"):
            commit, date = line[1:].split(" ")
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            kind, resource = classify(Path(path[len(prefix):]))
            if set(blob) != {"0"} and kind == "record":
                found[(path, blob)] = Version(path, blob, commit, date, resource)
    return top, prefix, sorted(found.values(), key=lambda v: (v.path, v.date, v.commit))


def scan(data_dir: Path) -> list[Leak]:
    """The personal-data problems of every version, each with the commit that brought it.
    Official contacts and domains come from today's units.csv and portal.yaml (a unit's hotline
    is public in any version)."""
    top, prefix, found = versions(data_dir)
    today = load(data_dir, files=[Path("units.csv"), Path("portal.yaml")])
    allowed = privacy.allowed_from(today, settings.read(today).portal.official_domains)
    current = {line.split()[2] for line in
               _git(top, "ls-files", "-s", "--", prefix or ".").decode("utf-8", "surrogateescape").splitlines()}
    contents = cat_blobs(top, sorted({v.blob for v in found}))
    leaks = []
    for v in found:
        records, _ = read_record_file(contents[v.blob], f"{v.path}@{v.commit[:10]}", v.resource)
        declared = frozenset().union(*(privacy.officials_of(r.values.get(privacy.OFFICIALS_FIELD))[0]
                                       for r in records))  # a plan's declarations cover its tasks
        for rec in records:
            for problem in privacy.record_problems(rec, privacy.text_fields(rec.resource), allowed, declared):
                leaks.append(Leak(v, problem, v.blob in current))
    return leaks


def report_lines(leaks: list[Leak], lang: str = "vi") -> list[str]:
    lines = []
    for leak in leaks:
        v, p = leak.version, leak.problem
        if lang == "vi":
            state = "vẫn còn trong bản hiện tại" if leak.current else "chỉ còn trong lịch sử"
            lines.append(f"{v.path}:{p.line}: {p.code}: [phiên bản {v.commit[:10]} ngày {v.date}, {state}] "
                         f"{p.message('vi')}")
        else:
            state = "still in the current version" if leak.current else "in history only"
            lines.append(f"{v.path}:{p.line}: {p.code}: [version {v.commit[:10]} of {v.date}, {state}] "
                         f"{p.message('en')}")
    return lines
