"""Stage timings for profiling builds: `GIAITRINH_TIMINGS=1 python -m generator build …` prints
how long each stage took (wall clock) to stderr. Off by default, so output stays quiet."""

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
            print(f"[temps] {name}: {time.perf_counter() - start:.2f} s", file=sys.stderr)
