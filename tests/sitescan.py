"""Read every byte a build wrote, the way a reader or a harvester could: HTML, CSV, JSON, XML,
and the members of zip, xlsx and gzip files, each also HTML-, JSON- and URL-unescaped. Used to
prove that something appears nowhere in a built site, whoever built the page that might leak it
(search index, feeds and sitemap included)."""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _expand(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for member in sorted(z.namelist()):
                yield from _expand(f"{name}!{member}", z.read(member))
        return
    if data[:2] == b"\x1f\x8b":
        yield from _expand(name.removesuffix(".gz"), gzip.decompress(data))
        return
    yield name, data.decode("utf-8", errors="replace")


def readable(text: str) -> str:
    """The text with the escapes a browser, a JSON parser or a URL decoder would undo."""
    variants = [text, html.unescape(text), unquote(text)]
    variants.append(_JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))
    try:
        variants.append(json.dumps(json.loads(text), ensure_ascii=False))
    except ValueError:
        pass
    return "\n".join(variants)


def site_texts(root: Path) -> Iterator[tuple[str, str]]:
    """(path, readable text) for every file under root, archives expanded."""
    for path in sorted(root.rglob("*")):
        if path.is_file():
            for name, text in _expand(path.relative_to(root).as_posix(), path.read_bytes()):
                yield name, readable(text)


def occurrences(root: Path, needles: list[str]) -> list[tuple[str, str]]:
    """(file, needle) for every needle found anywhere in the built site."""
    found = []
    for name, text in site_texts(root):
        found += [(name, n) for n in needles if n in text]
    return found
