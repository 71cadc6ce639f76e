"""Reproducible builds: the same data, templates, configuration and --as-of date give
byte-identical output, whatever the hash seed, working folder, time zone, locale, data folder
location or output folder name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import AS_OF, ROOT
from test_atomic import snapshot


def _start(data: Path, out: Path, cwd: Path, **env: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(out),
           "--as-of", AS_OF.isoformat()]
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.Popen(cmd, cwd=cwd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_builds_are_byte_identical(tmp_path: Path, sample_site: Path):
    data = tmp_path / "elsewhere" / "du-lieu"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(ROOT / "data", tmp_path / "a" / "data")  # both outside git: the same (no) history
    (tmp_path / "b").mkdir()
    runs = [_start(tmp_path / "a" / "data", tmp_path / "a" / "site", tmp_path / "a", PYTHONHASHSEED="1", TZ="UTC", LC_ALL="C"),
            _start(data, tmp_path / "b" / "cong", tmp_path / "b", PYTHONHASHSEED="4242", TZ="Asia/Ho_Chi_Minh",
                   LC_ALL="C.UTF-8")]
    for proc in runs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    first, second = snapshot(tmp_path / "a" / "site"), snapshot(tmp_path / "b" / "cong")
    assert len(first) > 150
    assert first == second
    assert snapshot(sample_site) == first  # and the in-process build of the test session


def test_archives_carry_no_build_time(sample_site: Path):
    archives = sorted((sample_site / "du-lieu-mo").glob("giai-trinh-mo*.*[px]"))  # .zip, .xlsx
    assert len(archives) > 2
    for path in archives:
        name = path.name
        with zipfile.ZipFile(path) as z:
            assert {i.date_time[:3] for i in z.infolist()} <= {(1980, 1, 1), (2000, 1, 1)}, name
            names = z.namelist()
        assert names == sorted(names) or name.endswith(".xlsx")
