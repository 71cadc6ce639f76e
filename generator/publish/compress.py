"""Precompressed copies for web servers that send a file's `.gz` sibling as it is (nginx
`gzip_static on`, Apache with a rewrite, Caddy `precompressed gzip`): made once per build
instead of once per request. Optional: `precompress: true` in data/portal.yaml.

Reproducible bytes: gzip level 9 with no time stamp and no file name in the header, so the
same file always gives the same `.gz`. Brotli is left out: no maintained brotli package is
among the ones this project may install."""

from __future__ import annotations

import gzip
import posixpath

from .manifest import NAME as MANIFEST

SUFFIX = ".gz"
SMALLEST = 1024  # below one kilobyte the saving is a packet at most; the extra file costs more
# Formats that are compressed already: gzip would only add its header.
PACKED = frozenset({".gz", ".br", ".zip", ".xlsx", ".docx", ".odt", ".ods", ".pdf", ".png", ".jpg", ".jpeg",
                    ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2", ".mp4", ".mp3"})


# Files a web server never sends: the site's manifest (publish reads it; nginx is told to refuse it).
UNSERVED = frozenset({MANIFEST})


def worth_compressing(rel: str, size: int) -> bool:
    return (size >= SMALLEST and posixpath.splitext(rel)[1].lower() not in PACKED
            and posixpath.basename(rel) not in UNSERVED)


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)
