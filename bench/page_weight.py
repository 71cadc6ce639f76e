"""What a built site weighs, and what its record pages are made of (issue 20, item 3).

    python bench/page_weight.py --data /tmp/s100k /tmp/site-old /tmp/site-new

For each site: its bytes and files (as `du -sb` and `find -type f | wc -l` count them, `.gz`
copies apart), and over its record pages (a request, a plan or a follow-up: one page per record
file of DATA) the median page, the median `<article>` content and own content (what the generator
pours into the frame, as tests/test_page_weight.py defines it), and the share of record pages at
most twice their own content.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from test_page_weight import OWN, RECORD_KINDS, record_pages  # noqa: E402


def weigh(site: Path, data: Path) -> dict[str, float]:
    total = files = packed = 0
    for dirpath, _dirs, names in os.walk(site):
        for name in names:
            size = os.lstat(os.path.join(dirpath, name)).st_size
            total, files = total + size, files + 1
            packed += size if name.endswith(".gz") else 0
    pages, articles, owns, within = [], [], [], 0
    for page in record_pages(site, data).values():
        html = page.read_bytes()
        m = OWN.search(html)
        own = sum(len(g) for g in m.groups())
        pages.append(len(html))
        articles.append(len(m.group(3)))
        owns.append(own)
        within += len(html) <= 2 * own
    return {"bytes": total, "files": files, "gz bytes": packed, "record pages": len(pages),
            "median page": statistics.median(pages), "median article": statistics.median(articles),
            "median own": statistics.median(owns), "at most 2x own": within / len(pages)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="the data folder the sites were built from")
    parser.add_argument("sites", nargs="+", type=Path)
    args = parser.parse_args()
    print(f"record kinds: {', '.join(RECORD_KINDS)}")
    for site in args.sites:
        print(site, {k: round(v, 3) if isinstance(v, float) else v for k, v in weigh(site, args.data).items()})


if __name__ == "__main__":
    main()
