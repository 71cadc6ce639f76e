"""The manifest of a built site: every file the build wrote, with its size and SHA-256, and the
portal it belongs to. `giaitrinh publish` compares the manifest of the built site with the one
already at the destination and sends only what differs (generator/deploy/).

It is written by the writer (write.py) when a build commits: a full build hashes every file of
the new site; a rebuild takes the previous manifest and hashes only the files of its patch. It
holds no time, so identical builds give identical manifests (tests/test_reproducible.py).

    {"format": "giaitrinh-manifest/1", "portal": "<base_url or name>",
     "files": [{"path": "index.html", "size": 1234, "sha256": "…"}, …]}   sorted by path
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..check.settings import Portal

NAME = ".giaitrinh-manifest.json"
FORMAT = "giaitrinh-manifest/1"


class ManifestError(ValueError):
    """A file that is not a manifest of this format (the message says why, in Vietnamese)."""


@dataclass(frozen=True)
class Entry:
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    portal: str
    files: dict[str, Entry]  # site-relative POSIX path -> entry; the manifest itself not included

    def dumps(self) -> bytes:
        lines = [json.dumps({"path": p, "size": e.size, "sha256": e.sha256}, ensure_ascii=False)
                 for p, e in sorted(self.files.items())]
        head = json.dumps({"format": FORMAT, "portal": self.portal}, ensure_ascii=False)[:-1]
        return (head + ', "files": [\n' + ",\n".join(lines) + "\n]}\n").encode("utf-8")


def portal_id(portal: Portal) -> str:
    """What names a portal in its manifest: its address (base_url), or its name when it has none."""
    return portal.base_url or portal.name


def loads(data: bytes) -> Manifest:
    try:
        doc = json.loads(data)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ManifestError(f"không phải bảng kê {FORMAT}")
        files = {f["path"]: Entry(int(f["size"]), str(f["sha256"])) for f in doc["files"]}
        return Manifest(str(doc["portal"]), files)
    except ManifestError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"bảng kê hỏng ({type(exc).__name__})") from None


def read(site: Path) -> Manifest | None:
    """The manifest of a site folder; None when it has none or an unreadable one."""
    try:
        return loads((site / NAME).read_bytes())
    except (OSError, ManifestError):
        return None


def hash_file(path: Path) -> Entry:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        size = 0
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return Entry(size, h.hexdigest())


def files_of(root: Path, skip: frozenset[str] = frozenset()) -> list[str]:
    """Every file under root as a relative POSIX path, the manifest and `skip` left out."""
    out = []
    for dirpath, _dirs, names in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        for name in names:
            path = name if rel == "." else f"{Path(rel).as_posix()}/{name}"
            if path != NAME and path not in skip:
                out.append(path)
    return out


def hashed(root: Path, paths: list[str]) -> dict[str, Entry]:
    """Entries of these files; hashlib lets go of the GIL, so two threads hash two files at once."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(paths, pool.map(lambda p: hash_file(root / p), paths, chunksize=64)))


def of_folder(root: Path, portal: str) -> Manifest:
    return Manifest(portal, hashed(root, files_of(root)))


def updated(previous: Manifest, patch: Path, removed: list[str], skip: frozenset[str]) -> Manifest:
    """The manifest after a patch folder is applied: its files hashed, the removed ones gone."""
    files = dict(previous.files)
    for rel in removed:
        files.pop(rel, None)
    files.update(hashed(patch, files_of(patch, skip)))
    return Manifest(previous.portal, files)


def write_into(folder: Path, manifest: Manifest) -> None:
    """Write the manifest into a folder, through a temporary file renamed over the old one."""
    tmp = folder / f"{NAME}.tmp-{os.getpid()}"
    tmp.write_bytes(manifest.dumps())
    os.replace(tmp, folder / NAME)
