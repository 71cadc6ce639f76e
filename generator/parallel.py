"""Run a function over chunks of work in forked worker processes (this machine has 2 cores).

Workers are forked at call time, so they see everything the parent has already loaded
(records, the model, templates) without pickling it; only each chunk's result travels back.
Where fork is unavailable, or for small inputs, the work runs in this process."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable | None = None
_ITEMS: Sequence = ()


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


def _run(span: tuple[int, int]):
    assert _TASK is not None
    return _TASK(_ITEMS[span[0]:span[1]])  # the items were inherited through fork, not pickled


def map_chunks(fn: Callable[[Sequence[T]], R], items: Sequence[T], min_items: int = 2000,
               parts: int | None = None) -> list[R]:
    """fn applied to contiguous chunks of items, in order; in parallel when it pays."""
    global _TASK
    n = workers()
    if n < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(items)]
    global _ITEMS
    size = -(-len(items) // (parts or n))
    spans = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
    _TASK, _ITEMS = fn, items
    try:
        with multiprocessing.get_context("fork").Pool(n) as pool:
            return pool.map(_run, spans, chunksize=1)
    finally:
        _TASK, _ITEMS = None, ()


_BACKGROUND: tuple | None = None


def _background_run():
    fn, args = _BACKGROUND
    return fn(*args)


class Background:
    """fn(*args) computed in a forked process while this one goes on (in this process, when
    `now` is false or fork is unavailable); `get()` returns the result."""

    def __init__(self, fn: Callable[..., R], *args: object, now: bool = True):
        global _BACKGROUND
        self.fn, self.args, self.pool = fn, args, None
        if now and workers() >= 2 and "fork" in multiprocessing.get_all_start_methods():
            _BACKGROUND = (fn, args)
            try:
                self.pool = multiprocessing.get_context("fork").Pool(1)
                self.result = self.pool.apply_async(_background_run)
            finally:
                _BACKGROUND = None

    def get(self) -> R:
        if self.pool is None:
            return self.fn(*self.args)
        try:
            return self.result.get()
        finally:
            self.pool.close()
            self.pool.join()
