"""Background work in a forked process: its result, its exception, a child nobody waits for, and
a cache entry written behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.speed import cache, parallel


def big(n: int) -> dict[str, bytes]:
    return {f"f{i}": bytes([i % 256]) * 1_000_000 for i in range(n)}


def fail() -> None:
    raise ValueError("hỏng")


def test_the_result_comes_back_whole(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_WORKERS", "2")
    with parallel.Background(big, 20) as work:
        assert work.pid is not None and work.pid != os.getpid()  # really forked
        assert work.get() == big(20)


def test_an_exception_in_the_child_is_raised_by_get(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_WORKERS", "2")
    with parallel.Background(fail) as work, pytest.raises(ValueError, match="hỏng"):
        work.get()


def test_a_child_nobody_waits_for_is_stopped(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_WORKERS", "2")
    with pytest.raises(RuntimeError), parallel.Background(time.sleep, 30) as work:
        pid = work.pid
        raise RuntimeError("the caller failed first")
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # already reaped: killed and waited for by __exit__


def test_without_fork_it_runs_here(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_WORKERS", "1")
    work = parallel.Background(big, 2)
    assert work.pid is None and work.get() == big(2)


def test_a_cache_entry_written_behind_is_read_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path))
    entry = cache.slot("test", "x")
    parts = [cache.shard(entry, "a"), cache.shard(entry, "b")]
    computed_in = []
    cache.write_soon(parts, lambda: computed_in.append(os.getpid()) or [big(30), big(3)])
    assert computed_in == []  # computed and written by the child, not here
    assert cache.read(parts[1]) == big(3)  # waits for the child first
    assert cache.read(parts[0]) == big(30)
    assert list(cache.shards(entry)) == sorted(parts) and not list(parts[0].parent.glob(".tmp-*"))


def test_tasks_run_in_workers_and_come_back_in_their_order(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_WORKERS", "2")
    tasks = [lambda i=i: (i, os.getpid()) for i in range(7)]
    results = parallel.run_all(tasks)
    assert [i for i, _ in results] == list(range(7))
    assert os.getpid() not in {pid for _, pid in results}  # forked: not run here
    assert {pid for _, pid in parallel.run_all(tasks, fork=False)} == {os.getpid()}
    with pytest.raises(ValueError, match="hỏng"):
        parallel.run_all([fail, fail])
