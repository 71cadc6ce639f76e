"""The release state kept in the data folder: `phat-hanh/<id>.json` (a release's manifest,
written by `giaitrinh release`) beside `phat-hanh/<id>.zip` (the zipped Data Package of that
release). The load stage reads each manifest as a settings entry named `phat-hanh/<id>`, without
its record digests (only `giaitrinh release` needs those, to compare with the next release): the
build's key then changes exactly when a release is cut."""

from __future__ import annotations

import json
from pathlib import Path

from ..problems import Problem

FOLDER = "phat-hanh"


def read_manifest(raw: bytes, path: str) -> tuple[object, list[Problem]]:
    """A manifest's data without its `records`, or a problem naming the file."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        return None, [Problem(path, getattr(exc, "lineno", 1), "config-invalid", field="phat-hanh",
                              detail=f"tệp kê khai bản phát hành không đọc được ({exc}); đừng sửa tay tệp này, "
                                     "lấy lại bản trong git")]
    if isinstance(data, dict):
        data.pop("records", None)
    return data, []


def manifest_files(data_dir: Path) -> list[Path]:
    """The manifests (relative paths), for a rebuild's key."""
    folder = data_dir / FOLDER
    return sorted(p.relative_to(data_dir) for p in folder.glob("*.json")) if folder.is_dir() else []
