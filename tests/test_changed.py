"""`validate --changed-from REF` reports exactly what a full validation reports for the changed
files, whichever way it gets there (changed files only, or the whole set when it must)."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest
from conftest import AS_OF

from generator.check.whole import check_data
from generator.pull_request import check_changed
from generator.synth import synthesise

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "repo" / "data"
    synthesise(400, data, seed=11)
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-q", "-m", "base")
    check_data(data, AS_OF)  # a warm cache, as CI would restore it
    return data


def edit(path: Path, pattern: str, repl: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, repl, text, count=1, flags=re.M)
    assert new != text, (path, pattern)
    path.write_text(new, encoding="utf-8")


def expected(data: Path, changed: list[Path]) -> list[str]:
    shown = {p.as_posix() for p in changed}
    return [p.line_text() for p in check_data(data, AS_OF).problems if p.path in shown]


def got(data: Path) -> tuple[list[str], str]:
    _, problems, _, how = check_changed(data, AS_OF, "HEAD")
    return [p.line_text() for p in problems], how


def test_errors_in_changed_files_only_read_those_files(repo: Path):
    ex = sorted(repo.glob("*/giai-trinh/*.yaml"))
    fu = sorted(repo.glob("*/theo-doi/*.yaml"))
    edit(ex[0], r"^field: \S+", "field: nha_o")
    edit(ex[1], r"^unit: \S+", "unit: khong-co-don-vi")
    edit(ex[2], r"^received_on: \S+", "received_on: 2026-02-30")
    edit(ex[3], r"^id: \S+", "id: ma-khac-ten-tep")
    edit(fu[0], r"^source_type: \S+\nsource_ref: .*$", "source_type: explanation\nsource_ref: khong-ton-tai")
    edit(fu[1], r"^source_type: \S+\nsource_ref: .*$", f"source_type: explanation\nsource_ref: {ex[5].stem}")
    new = ex[4].parent / "moi-2026-0001.yaml"
    new.write_text(ex[4].read_text(encoding="utf-8").replace(f"id: {ex[4].stem}", "id: moi-2026-0001")
                   .replace("channel:", "channel: fax\nx_channel:"), encoding="utf-8")
    (repo / ex[6].parts[-3] / "ghi-chu.yaml").write_text("a: 1\n", encoding="utf-8")
    changed = [ex[0], ex[1], ex[2], ex[3], fu[0], fu[1], new, repo / ex[6].parts[-3] / "ghi-chu.yaml"]
    lines, how = got(repo)
    assert how == "changed files"
    assert lines == expected(repo, changed)
    assert len(lines) >= 7
    assert any("unknown-reference" in x and "khong-ton-tai" in x for x in lines)


def test_a_key_shared_with_another_file_is_settled_on_the_whole_set(repo: Path):
    ex = sorted(repo.glob("*/giai-trinh/*.yaml"))
    edit(ex[-1], r"^id: \S+", f"id: {ex[0].stem}")
    lines, how = got(repo)
    assert how.startswith("full")
    assert lines == expected(repo, [ex[-1]])
    assert any("duplicate-id" in x for x in lines)


def test_units_or_settings_changed_validates_and_reports_everything(repo: Path):
    units = repo / "units.csv"
    units.write_text(units.read_text(encoding="utf-8").replace(",so,", ",so_moi,", 1), encoding="utf-8")
    lines, how = got(repo)
    assert how == "full"
    assert lines == [p.line_text() for p in check_data(repo, AS_OF).problems]  # other files included
    assert any("not-in-list" in x for x in lines)


def test_nothing_changed_nothing_reported(repo: Path):
    assert got(repo) == ([], "changed files")


def test_a_change_rewrites_only_its_unit_folders_part_of_the_cache(repo: Path, tmp_path: Path):
    from generator.speed import cache
    from generator.speed import parse_cache as load

    an_hour_ago = time.time() - 3600
    for p in repo.rglob("*"):  # not written just now (those are read again, as git's "racy" files are)
        os.utime(p, (an_hour_ago, an_hour_ago))
    load.load(repo)
    cache.wait_all()
    parts = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").glob("*/*/*.pickle")}
    folders = [p for p in repo.iterdir() if p.is_dir()]
    assert len(parts) == 2 * (len(folders) + 1)  # parsed files and record keys, per unit folder and top level
    path = sorted(repo.glob("*/giai-trinh/*.yaml"))[0]
    edit(path, r"^subject: ", "subject: (sửa) ")
    loaded = load.load(repo)
    cache.wait_all()
    rewritten = sorted(p.parent.parent.name for p, t in parts.items() if p.stat().st_mtime_ns != t)
    assert rewritten == ["index", "parsed"]  # one part of each
    assert [r.values["subject"] for r in loaded.records["explanations"] if r.path == path.as_posix()][0].startswith("(sửa)")
    again = load.load(repo)  # read back from the rewritten part
    assert [r.values["subject"] for r in again.records["explanations"] if r.path == path.as_posix()][0].startswith("(sửa)")
