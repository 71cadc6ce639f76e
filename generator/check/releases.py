"""The releases of the open data cut so far (`giaitrinh release`, generator/release.py), read
from their manifests (load/releases.py). A manifest whose zip is missing or is not the bytes it
records is a problem: the build never publishes a release it cannot vouch for."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..load.data_folder import Loaded
from ..load.releases import FOLDER
from ..problems import Problem

FIELDS = ("id", "date", "portal", "base_url", "zip_sha256", "zip_size", "counts", "changes", "schema_version")


@dataclass(frozen=True)
class Release:
    id: str  # "2026-12-03.1": the date and the sequence of that day
    date: str
    previous: str | None
    portal: str
    base_url: str
    schema_version: str
    zip_path: str  # the zipped Data Package in the data folder
    zip_sha256: str
    zip_size: int
    counts: dict = field(default_factory=dict, compare=False)  # table -> rows
    changes: dict = field(default_factory=dict, compare=False)  # "added"|"changed"|"withdrawn" -> [[table, key]]


def order(release_id: str) -> tuple[str, int]:
    """A release id as something to sort by: its date, then its sequence."""
    day, _, seq = release_id.partition(".")
    return day, int(seq) if seq.isdigit() else 0


def read(loaded: Loaded, problems: list[Problem]) -> tuple[Release, ...]:
    found = []
    for name, (path, data, _) in loaded.settings.items():
        if not name.startswith(FOLDER + "/") or data is None:
            continue
        missing = [k for k in FIELDS if not isinstance(data, dict) or k not in data]
        if missing:
            problems.append(Problem(path, 1, "config-invalid", field=missing[0],
                                    detail="tệp kê khai bản phát hành thiếu trường này; đừng sửa tay tệp này, lấy lại bản trong git"))
            continue
        zip_path = path.removesuffix(".json") + ".zip"
        try:
            raw = Path(zip_path).read_bytes()
        except OSError:
            raw = None
        if raw is None or hashlib.sha256(raw).hexdigest() != data["zip_sha256"]:
            problems.append(Problem(path, 1, "config-invalid", field="zip_sha256",
                                    detail=f"tệp {Path(zip_path).name} {'không có' if raw is None else 'khác mã SHA-256 ghi ở đây'}: "
                                           "bản phát hành không được công bố; lấy lại tệp .zip của bản này trong git"))
            continue
        found.append(Release(data["id"], data["date"], data.get("previous"), data["portal"], data["base_url"],
                             data["schema_version"], zip_path, data["zip_sha256"], data["zip_size"],
                             data["counts"], data["changes"]))
    return tuple(sorted(found, key=lambda r: order(r.id)))
