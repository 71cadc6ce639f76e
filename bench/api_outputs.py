"""What the JSON API, the deadline calendars and the embeddable blocks add to a build: the time
to make them (from the model, as the build's open-data process does) and their files and bytes.

    giaitrinh synth --records 20000 --out /tmp/s20k
    python bench/api_outputs.py /tmp/s20k --as-of 2026-11-23
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from generator.build import checked, model_of
from generator.model import compliance, stats
from generator.publish import api, calendars, embed
from generator.speed import rebuild


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", type=Path)
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=dt.date(2026, 11, 23))
    args = parser.parse_args()
    portal = model_of(checked(args.data, args.as_of), args.as_of)
    stats.all_scorecards(portal)  # computed before the open data's process in a build
    compliance.reports_status(portal)
    total_files = total_bytes = 0
    for name, make in (("api", api.files), ("calendars", calendars.files), ("embed", embed.files)):
        started = time.perf_counter()
        files = make(portal)
        made = time.perf_counter() - started
        rebuild.digests(files)  # what a build also does with them (compared with the last build's)
        hashed = time.perf_counter() - started
        size = sum(len(b) for b in files.values())
        total_files, total_bytes = total_files + len(files), total_bytes + size
        print(f"{name}: {len(files)} files, {size:,} bytes, made in {made:.2f} s, with digests {hashed:.2f} s")
    print(f"total: {total_files} files, {total_bytes:,} bytes")


if __name__ == "__main__":
    main()
