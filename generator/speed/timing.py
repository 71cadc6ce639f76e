"""Stage timings for profiling builds: `GIAITRINH_TIMINGS=1 python -m generator build …` prints
how long each stage took (wall clock) and this process's resident memory at its end to stderr.
Off by default, so output stays quiet."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator

ENABLED = bool(os.environ.get("GIAITRINH_TIMINGS"))


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        if ENABLED:
            print(f"[temps] {name}: {time.perf_counter() - start:.2f} s, {_rss_mb()} MB", file=sys.stderr)


def _rss_mb() -> int | str:
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) // 1024 for line in fh if line.startswith("VmRSS:"))
    except (OSError, StopIteration, ValueError):
        return "?"
