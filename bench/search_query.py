"""What a citizen's first search costs at scale, measured in headless Chromium.

    python bench/search_query.py --data /tmp/synth100k [--as-of 2026-11-23]

Builds the search index of DATA (generator/search.py), puts it into a copy of the built sample
site (for the search page, styles and scripts), serves it gzip-compressed on 127.0.0.1 and runs
queries in Chromium with an empty cache: for each, the bytes transferred for the index
(compressed, headers included), the whole first visit, and the script time spent searching.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import itertools
import shutil
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser.support import GzipHandler, make_driver  # noqa: E402
from generator.check.whole import check_data

from generator.build import build
from generator.check import against_schema as validate
from generator.model import model
from generator.publish import feeds, search

QUERIES = [
    {"q": "dat dai"},
    {"q": "dat dai tan son"},             # a field and a unit: the unit's land requests first (issue 19)
    {"q": "đất đai"},
    {"q": "uy ban nhan dan"},             # the most common syllables of the corpus
    {"q": "giai trinh viec cham"},
    {"q": "xa"},
    {"q": "th"},                          # rare terms whose first 20 results span ten years
    {"q": "157"},
    {"q": "giay chung nhan quyen su dung dat"},
    {"q": "giai trinh viec cham tra ket qua thu tuc hanh chinh cua uy ban nhan dan xa"},  # 16 common words
    {"loai": "giai-trinh", "thoi_han": "overdue"},
    {"loai": "giai-trinh", "trang_thai": "answered", "nam": "2024"},
]

# The synthetic units have no Thiên Tân: the same question (a field, then a commune's name that
# other communes' names share a word with: Tân Tây, Tân Xuân, Cường Tân) asked of Tân Sơn.
FIRST_SCREEN = ("dat dai tan son", "xa-tan-son")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--as-of", default="2026-11-23")
    args = p.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)

    t0 = time.perf_counter()
    checked = check_data(Path(args.data), as_of)
    t1 = time.perf_counter()
    portal = model.build(validate.typed_rows(checked.loaded), checked.settings, as_of)
    t2 = time.perf_counter()
    index = search.files(portal)
    t3 = time.perf_counter()
    atom = feeds.files(portal)
    t4 = time.perf_counter()
    raw = sum(len(v) for v in index.values())
    gz = {k: len(gzip.compress(v, 6)) for k, v in index.items()}
    shards = sorted(v for k, v in gz.items() if "/s/" in k)
    buckets = sorted(v for k, v in gz.items() if "/d/" in k)
    print(f"validate {t1 - t0:.1f} s, model {t2 - t1:.1f} s, search index {t3 - t2:.1f} s, "
          f"{len(atom)} feeds {t4 - t3:.1f} s ({max(len(v) for v in atom.values()) / 1e3:.0f} KB largest)")
    print(f"index: {len(index)} files, {raw / 1e6:.1f} MB raw, {sum(gz.values()) / 1e6:.1f} MB gzip; "
          f"{len(shards)} shards gzip median {statistics.median(shards) / 1e3:.1f} KB, max {shards[-1] / 1e3:.1f} KB; "
          f"{len(buckets)} buckets gzip median {statistics.median(buckets) / 1e3:.1f} KB, max {buckets[-1] / 1e3:.1f} KB; "
          f"manifest {gz[search.MANIFEST] / 1e3:.1f} KB")

    first = list(itertools.islice(search.search(index, FIRST_SCREEN[0]), 20))  # the reference search
    print(f"first screen of '{FIRST_SCREEN[0]}': {sum(d[3] == FIRST_SCREEN[1] for d in first)} of {len(first)} "
          f"from {FIRST_SCREEN[1]}: {' '.join(d[1] for d in first[:5])} …")

    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(ROOT / "data", site, as_of)
        shutil.rmtree(site / "tim-kiem" / "s")
        shutil.rmtree(site / "tim-kiem" / "d")
        for path, data in index.items():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        driver = make_driver(javascript=True)
        print("\n| query | results | index bytes (gzip) | whole first visit | search script ms | all page script ms |\n"
              "|---|---|---|---|---|---|")
        driver.execute_cdp_cmd("Performance.enable", {})

        def script_seconds() -> float:
            metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
            return next(m["value"] for m in metrics if m["name"] == "ScriptDuration")

        try:
            for q in QUERIES:
                driver.execute_cdp_cmd("Network.clearBrowserCache", {})
                driver.get("about:blank")
                before = script_seconds()
                driver.get(url + "tim-kiem/?" + urlencode(q))
                for _ in range(300):
                    if driver.find_element("tag name", "html").get_attribute("data-gt-search"):
                        break
                    time.sleep(0.05)
                found = driver.execute_script("return window.gtLastSearch")
                page_ms = (script_seconds() - before) * 1000
                sizes = driver.execute_script(
                    "return [performance.getEntriesByType('navigation')[0]].concat(performance.getEntriesByType('resource'))"
                    ".map(e => [e.name, e.transferSize])")
                idx = sum(s for n, s in sizes if "/tim-kiem/" in n and not n.endswith("/tim-kiem/" + "?" + urlencode(q)))
                total = sum(s for _, s in sizes)
                print(f"| {urlencode(q)} | {found['total']} | {idx / 1e3:.1f} KB | {total / 1e3:.1f} KB | "
                      f"{found['scriptMs']:.1f} | {page_ms:.0f} |")
        finally:
            driver.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
