"""Atomic builds: the output folder is replaced only when the whole build has succeeded. A build
that fails or is killed half-way leaves the previous site byte for byte; what a killed build
leaves beside the output is cleaned by the next build."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import AS_OF, ROOT

from generator import build as build_module
from generator.build import build
from generator.publish import engine, write


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*"))


def _many_records(valid_copy: Path, n: int) -> Path:
    """The valid fixture with n more explanations, so that a build takes seconds, not milliseconds."""
    template = (valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml").read_text(encoding="utf-8")
    for i in range(n):
        rid = f"xa-a-2025-{i:04d}"
        text = template.replace("xa-a-2026-002", rid).replace("2026-10-0", "2025-10-0")
        (valid_copy / "xa-a" / "giai-trinh" / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return valid_copy


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))


@pytest.fixture
def previous_site(valid_copy: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    out = tmp_path / "out" / "site"
    assert not [p for p in build(valid_copy, out, AS_OF).problems if p.is_error]
    return out, snapshot(out)


def test_a_stage_that_fails_half_way_leaves_the_previous_site(valid_copy: Path, previous_site,
                                                             monkeypatch: pytest.MonkeyPatch):
    out, before = previous_site
    real = engine.assemble

    def assemble_then_fail(*args, **kwargs):
        for n, item in enumerate(real(*args, **kwargs)):
            if n == 5:
                raise RuntimeError("disk full")
            yield item

    monkeypatch.setattr(build_module.engine, "assemble", assemble_then_fail)
    (valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml").write_text(
        (valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml").read_text(encoding="utf-8")
        .replace("Giấy phép", "Giấy phép (đã sửa)"), encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        build(valid_copy, out, AS_OF)
    assert snapshot(out) == before
    assert leftovers(out) == []  # the staging folder of a failed build is removed at once


@pytest.mark.parametrize("kind", ["building", "patch"])
def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(
        valid_copy: Path, previous_site, monkeypatch: pytest.MonkeyPatch, kind: str):
    """Killed while a full build writes its staging folder, or while a rebuild writes its patch."""
    monkeypatch.setenv("GIAITRINH_REMOVE_NOW", "1")  # the replaced site is deleted before build() returns
    out, before = previous_site
    data = _many_records(valid_copy, 300)
    cmd = [sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out),
           "--as-of", AS_OF.isoformat()]
    env = dict(os.environ)
    if kind == "building":  # no state of the last build: a full build
        env["GIAITRINH_CACHE"] = str(out.parent.parent / "empty-cache")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    try:
        deadline = time.monotonic() + 60
        staging = []
        while time.monotonic() < deadline and proc.poll() is None:
            staging = [p for p in out.parent.glob(f".{out.name}.{kind}-*")]
            # kill while generated pages are being written into the staging (or patch) folder
            if staging and next((staging[0] / "giai-trinh").glob("*/index.html"), None):
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the build ended before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI and MkDocs, if still running: our own process group
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert staging and any(staging[0].rglob("*.html")), "killed before any page was written"
    assert snapshot(out) == before
    assert len(leftovers(out)) == 1  # what the killed build was writing

    result = build(data, out, AS_OF)
    assert not [p for p in result.problems if p.is_error]
    assert leftovers(out) == []
    assert (out / "giai-trinh" / "xa-a-2025-0299" / "index.html").exists()


class Killed(BaseException):
    pass


def test_a_rebuild_killed_after_its_commit_point_is_completed_by_the_next_build(
        valid_copy: Path, previous_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A patch renamed to .apply-… is committed: the next build moves the rest of it into the site."""
    out, before = previous_site
    record = valid_copy / "xa-a" / "giai-trinh" / "xa-a-2026-002.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("Giấy phép", "Giấy phép (đã sửa)"), encoding="utf-8")
    real = write._apply

    def killed(patch: Path, site: Path):  # the process dies right after the commit point
        raise Killed

    monkeypatch.setattr(write, "_apply", killed)
    with pytest.raises(Killed):
        build(valid_copy, out, AS_OF)
    assert snapshot(out) == before
    [committed] = out.parent.glob(f".{out.name}.apply-*")
    committed.rename(committed.with_name(f".{out.name}.apply-999999999-x"))  # of a process that is gone
    monkeypatch.setattr(write, "_apply", real)

    assert write.clean_leftovers(out) == [committed.with_name(f".{out.name}.apply-999999999-x")]
    assert leftovers(out) == []
    build(valid_copy, tmp_path / "fresh", AS_OF, incremental=False)
    assert snapshot(out) == snapshot(tmp_path / "fresh")
    assert "(đã sửa)" in (out / "giai-trinh" / "xa-a-2026-002" / "index.html").read_text(encoding="utf-8")


def test_leftovers_of_a_running_build_are_not_touched(tmp_path: Path):
    out = tmp_path / "site"
    mine = tmp_path / f".site.building-{os.getpid()}-abc"
    dead = tmp_path / ".site.building-999999999-abc"
    old = tmp_path / ".site.old-999999999"
    engine = tmp_path / ".site.engine-999999999-abc"  # a killed build's MkDocs work folder
    other = tmp_path / ".other.building-999999999-abc"
    for p in (mine, dead, old, engine, other):
        p.mkdir()
    assert write.clean_leftovers(out) == [dead, engine, old]
    assert mine.exists() and other.exists()


@pytest.mark.parametrize("rel", ["../x.html", "a/../../x.html", "/etc/passwd", "", "a/\x00.html"])
def test_nothing_is_written_outside_the_staging_folder(tmp_path: Path, rel: str):
    stage = write.Staging(tmp_path / "site")
    try:
        with pytest.raises(write.UnsafePath):
            stage.write(rel, b"x")
    finally:
        stage.abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == []
