"""Run tasks, or a function over chunks of work, in forked worker processes (this machine has 2 cores).

Workers are forked at call time, so they see everything the parent has already loaded
(records, the model, templates) without pickling it; only each chunk's result travels back.
Where fork is unavailable, or for small inputs, the work runs in this process."""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import pickle
import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from . import timing

T = TypeVar("T")
R = TypeVar("R")

_TASKS: Sequence[Callable[[], object]] = ()


def workers() -> int:
    """How many processes to use: GIAITRINH_WORKERS, else the CPUs this process may use (≤ 4)."""
    env = os.environ.get("GIAITRINH_WORKERS")
    if env:
        return max(1, int(env))
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cycle collector while a large heap of objects that cannot form cycles is built
    (records, the model, its digests): it would scan the growing heap over and over, for
    nothing (see bench/README.md for what it cost)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def collect_own_garbage() -> None:
    """In a forked process that runs long and makes much garbage (rendering thousands of pages,
    writing workbooks): collect cycles again, scanning only what this process makes (what it
    inherited is frozen)."""
    gc.freeze()
    gc.enable()


def _call(i: int) -> object:
    return _TASKS[i]()  # the task and its data were inherited through fork, not pickled


def run_all(tasks: Sequence[Callable[[], R]], fork: bool = True, collect: bool = False) -> list[R]:
    """Every task() run in forked workers, each worker taking the next task as soon as it is
    free (so give the longest first); the results in the tasks' order. In this process when
    `fork` is false, for a single task, on one core or where fork is unavailable. With
    `collect`, the workers collect their own garbage (see collect_own_garbage)."""
    global _TASKS
    n = min(workers(), len(tasks))
    if not fork or n < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [task() for task in tasks]
    _TASKS = tasks
    try:
        with multiprocessing.get_context("fork").Pool(n, initializer=collect_own_garbage if collect else None) as pool:
            return pool.map(_call, range(len(tasks)), chunksize=1)
    finally:
        _TASKS = ()


def map_chunks(fn: Callable[[Sequence[T]], R], items: Sequence[T], min_items: int = 2000,
               parts: int | None = None, collect: bool = False) -> list[R]:
    """fn applied to contiguous chunks of items, in order; in parallel when it pays."""
    if len(items) < min_items:
        return [fn(items)]
    size = -(-len(items) // (parts or workers()))
    return run_all([functools.partial(_apply, fn, items, i, i + size) for i in range(0, len(items), size)],
                   collect=collect)


def _apply(fn: Callable[[Sequence[T]], R], items: Sequence[T], start: int, stop: int) -> R:
    return fn(items[start:stop])


def fork(task: Callable[[], None]) -> int:
    """Run task() in a forked child and return its pid. The child leaves with os._exit, status 0
    when task returned and 1 when it raised, without running this process's cleanup (atexit
    handlers, buffered output)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            task()
            code = 0
        finally:
            os._exit(code)
    return pid


class Background:
    """fn(*args) computed in a forked process while this one goes on (in this process, when
    `now` is false or fork is unavailable); `get()` returns the result.

    The child pickles its result into an unlinked temporary file, which this process reads
    back: the open data at 100,000 records is 240 MB of bytes, and sending it through a pipe
    held two extra copies of it (the child's pickled buffer and this process's) while the page
    workers were running."""

    def __init__(self, fn: Callable[..., R], *args: object, now: bool = True):
        self.fn, self.args, self.pid = fn, args, None
        if now and workers() >= 2 and hasattr(os, "fork"):
            self.file = tempfile.TemporaryFile(prefix="giaitrinh-")

            def compute_and_write() -> None:
                collect_own_garbage()
                try:
                    result = (True, fn(*args))
                except BaseException as exc:  # re-raised in the parent by get()
                    result = (False, exc)
                pickle.dump(result, self.file, protocol=pickle.HIGHEST_PROTOCOL)
                self.file.flush()

            self.pid = fork(compute_and_write)

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        """A child whose result was never asked for (the caller failed first) is stopped."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
            self.file.close()

    def get(self) -> R:
        if self.pid is None:
            return self.fn(*self.args)
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        with self.file:
            if os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError(f"background work {self.fn.__name__} ended with status {status}")
            self.file.seek(0)
            ok, value = pickle.load(self.file)
        if not ok:
            raise value
        return value


def check_tasks(tasks: Sequence[Callable[[], R]], records: int) -> list[R]:
    """The check stage's tasks in forked workers, from 5,000 records (fewer: forking costs more)."""
    with timing.stage("checks"):
        return run_all(tasks, fork=records >= 5000)
