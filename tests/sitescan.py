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
from html.parser import HTMLParser
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


class _Visible(HTMLParser):
    """The text a reader sees or a screen reader reads: text nodes outside script, style and
    template, and the attributes read aloud (aria-label, title, alt)."""

    HIDDEN = frozenset({"script", "style", "template"})
    SPOKEN = ("aria-label", "title", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.skip += 1
        if tag == "svg" or not self.skip:
            self.parts += [v for k, v in attrs if k in self.SPOKEN and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """A page's visible and spoken text, one space between pieces."""
    parser = _Visible()
    parser.feed(page)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def visible_pages(root: Path) -> Iterator[tuple[str, str]]:
    """(path, visible text) of every HTML page a build wrote (the frames' own pages included)."""
    for path in sorted(root.rglob("*.html")):
        yield path.relative_to(root).as_posix(), visible_text(path.read_text(encoding="utf-8"))


def internal_words(text: str, words: list[str], codes: list[str]) -> list[str]:
    """The words (whole words, any case) and codes (exact, as a whole token) a citizen should not
    read, found in a visible text."""
    found = [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.IGNORECASE)]
    return found + [c for c in codes if re.search(rf"(?<![\w/.-]){re.escape(c)}(?![\w/-])", text)]
