"""Time, output size and peak memory of `giaitrinh aggregate` over K synthetic provinces of N
records each (synthesised and built first, not timed), and the same figures extrapolated
linearly to 34 provinces of 100,000 records (the work is one pass over every row of every
CSV: linear in rows; the extrapolation is arithmetic, not a run).

    python bench/aggregate.py --provinces 3 --records 20000 [--work DIR] [--validate]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one command in its own process."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode()
    if proc.returncode:
        sys.exit(f"{' '.join(args)} failed: {err}")
    return time.monotonic() - start, usage.ru_maxrss * 1024


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--provinces", type=int, default=3)
    ap.add_argument("--records", type=int, default=20000)
    ap.add_argument("--work", default="bench-out/aggregate")
    ap.add_argument("--validate", action="store_true", help="also time frictionless validate of the result")
    a = ap.parse_args()
    work = Path(a.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    sites = []
    for k in range(1, a.provinces + 1):
        data, site = work / f"data{k}", work / f"site{k}"
        if not (site / "du-lieu-mo" / "datapackage.json").is_file():
            run(["synth", "--records", str(a.records), "--seed", str(k), "--out", str(data)])
            portal = data / "portal.yaml"
            portal.write_text(re.sub(r"giaitrinh\.langson\.gov\.vn", f"giaitrinh.tinh{k}.gov.vn",
                                     portal.read_text(encoding="utf-8")), encoding="utf-8")
            run(["build", "--data", str(data), "--out", str(site), "--as-of", "2026-11-23"])
        sites.append(site)
    inputs = sum(size(s / "du-lieu-mo") for s in sites)
    seconds, peak = run(["aggregate", *map(str, sites), "--out", str(work / "tong-hop")])
    out = size(work / "tong-hop")
    rows = a.provinces * a.records
    scale = 34 * 100_000 / rows
    print(f"aggregate {a.provinces} × {a.records:,} records: {seconds:.1f} s, peak RSS {peak / 2**20:.0f} MiB, "
          f"input open data {inputs / 2**20:.0f} MiB, output {out / 2**20:.0f} MiB")
    print(f"≈ 34 × 100,000 (linear in rows, ×{scale:.1f}): {seconds * scale / 60:.1f} min, output ≈ "
          f"{out * scale / 2**30:.1f} GiB; peak RSS ≈ {peak / 2**20:.0f} MiB (tables are streamed row by row: "
          "memory does not grow with rows or provinces)")
    if a.validate:
        start = time.monotonic()
        subprocess.run([sys.executable, "-m", "frictionless", "validate", str(work / "tong-hop" / "datapackage.json")],
                       check=False, stdout=subprocess.DEVNULL)
        print(f"frictionless validate of the result: {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
