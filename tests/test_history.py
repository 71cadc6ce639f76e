"""`giaitrinh scan-history`: personal data in earlier versions of record files."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES

from generator.cli import main
from generator.history import scan

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
RECORD = "xa-a/giai-trinh/xa-a-2026-002.yaml"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    data = tmp_path / "repo" / "data"
    shutil.copytree(FIXTURES / "valid", data)
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-q", "-m", "base")
    return data


def commit(data: Path, old: str, new: str, message: str) -> str:
    path = data / RECORD
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    git(data.parent, "commit", "-q", "-am", message)
    return git(data.parent, "rev-parse", "HEAD")


def test_a_leak_corrected_on_main_is_still_found_in_history(repo: Path, capsys: pytest.CaptureFixture):
    leaked = commit(repo, "nhà xưởng.", "nhà xưởng, liên hệ anh Nam 0912 345 678.", "leak")
    commit(repo, "0912 345 678", "[đã lược bỏ]", "fix")
    leaks = scan(repo)
    assert [(leak.version.path, leak.version.commit, leak.problem.code, leak.problem.line, leak.current)
            for leak in leaks if leak.problem.code == "personal-phone"] == [
        (f"data/{RECORD}", leaked, "personal-phone", 8, False)]
    assert main(["scan-history", "--data", str(repo)]) == 1
    out = capsys.readouterr()
    assert (f"data/{RECORD}:8: personal-phone: [phiên bản {leaked[:10]} ngày ") in out.out
    assert ", chỉ còn trong lịch sử] Trường “request” chứa số điện thoại không phải số chính thức của đơn vị " \
           "(091…78)." in out.out
    assert "0912" not in out.out.replace("091…78", "")  # the number itself is never printed again
    assert "Khi lỡ đưa dữ liệu cá nhân lên" in out.err


def test_a_clean_history_exits_zero(repo: Path, capsys: pytest.CaptureFixture):
    commit(repo, "nhà xưởng.", "nhà xưởng (văn bản số 12/UBND-KT).", "edit")
    assert main(["scan-history", "--data", str(repo)]) == 0
    assert "0 chỗ có dữ liệu cá nhân trong 0 phiên bản tệp" in capsys.readouterr().err


def test_outside_a_git_repository_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture):
    shutil.copytree(FIXTURES / "valid", tmp_path / "data")
    assert main(["scan-history", "--data", str(tmp_path / "data")]) == 2
    assert "Không đọc được lịch sử git" in capsys.readouterr().err
