"""`giaitrinh pr-summary`: the Vietnamese summary of a pull request, on a scratch git repository
holding the sample data (base commit on main, the clerk's commit on a branch)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import main

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
NEW = "data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-007.yaml"
CHANGED = "data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-006.yaml"
WITHDRAWN = "data/xa-huu-lung/giai-trinh/xa-huu-lung-2026-004.yaml"
NEW_RECORD = """id: xa-thien-tan-2026-007
unit: xa-thien-tan
received_on: 2026-11-02
channel: in_writing
requester_type: organisation
field: dat_dai
subject: Giải trình việc chậm bàn giao mặt bằng nhà văn hóa thôn
request: Ban công tác mặt trận thôn đề nghị UBND xã giải trình việc chậm bàn giao mặt bằng xây dựng nhà văn hóa.
accepted_on: 2026-11-04
public: true
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample data committed on main; on branch them-clerk: one explanation added, one
    accepted (on a Sunday), one withdrawn, committed."""
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "data", repo / "data")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "main")
    git(repo, "checkout", "-q", "-b", "them-clerk")
    (repo / NEW).write_text(NEW_RECORD, encoding="utf-8")
    changed = repo / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8").replace("public: true", "accepted_on: 2026-11-22\npublic: true"),
                       encoding="utf-8")
    withdrawn = repo / WITHDRAWN
    withdrawn.write_text(withdrawn.read_text(encoding="utf-8") + "withdrawn_on: 2026-11-20\nwithdrawal_reason: Phần "
                         "giải trình nêu tên người yêu cầu; rút để che thông tin cá nhân.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "clerk")
    monkeypatch.chdir(repo)
    return repo


EXPECTED = """<!-- giaitrinh-pr-summary -->
## Tóm tắt thay đổi dữ liệu

✅ **Dữ liệu hợp lệ**: không có lỗi, 1 cảnh báo. Người duyệt có thể hợp nhất (merge); cổng được cập nhật sau khi hợp nhất.

So với `main`: 1 thêm mới, 1 sửa đổi, 1 rút công khai, 0 xóa.

Xem trước cổng: https://example.invalid/preview/42

### Hồ sơ thêm mới

- **xa-thien-tan-2026-007** (Yêu cầu giải trình): Giải trình việc chậm bàn giao mặt bằng nhà văn hóa thôn — `data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-007.yaml`
  - hạn tiếp nhận 2026-11-09 (thứ Hai); hạn giải trình 2026-11-19 (thứ Năm); trạng thái: Đã tiếp nhận; quá hạn (tính đến 2026-11-23, quy định tu-2026-07-01)

### Hồ sơ sửa đổi

- **xa-thien-tan-2026-006** (Yêu cầu giải trình): Giải trình việc chậm trả kết quả đăng ký khai sinh kết hợp cấp bảo hiểm y tế cho trẻ em — `data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-006.yaml` (sửa: accepted_on)
  - hạn tiếp nhận 2026-11-25 (thứ Tư); hạn giải trình 2026-12-07 (thứ Hai); trạng thái: Đã tiếp nhận; đang trong hạn (tính đến 2026-11-23, quy định tu-2026-07-01)

### Hồ sơ rút công khai

- **xa-huu-lung-2026-004** (Yêu cầu giải trình): Giải trình việc phân bổ kinh phí hỗ trợ làm đường giao thông nông thôn năm 2026 — `data/xa-huu-lung/giai-trinh/xa-huu-lung-2026-004.yaml` — rút ngày 2026-11-20, lý do: Phần giải trình nêu tên người yêu cầu; rút để che thông tin cá nhân.

### Lỗi và cảnh báo, kèm cách sửa

- Cảnh báo `data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-006.yaml:11` (non-working-day): Ngày “accepted_on” (2026-11-22) là Chủ nhật, không phải ngày làm việc theo lịch. Cách sửa: Kiểm tra lại ngày, thường là gõ nhầm ngày hoặc tháng. Nếu cơ quan thật sự làm việc hôm đó (ngày làm bù theo thông báo), ghi ngày đó vào working_days trong data/calendar.yaml; nếu không, sửa lại ngày.
"""


def test_summary_of_a_clerks_branch(repo: Path, capsys: pytest.CaptureFixture):
    assert main(["pr-summary", "--changed-from", "main", "--as-of", "2026-11-23",
                 "--preview-url", "https://example.invalid/preview/42"]) == 0
    assert capsys.readouterr().out == EXPECTED


def test_summary_to_a_file_with_the_preview_from_the_environment(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture):
    monkeypatch.setenv("GIAITRINH_PREVIEW_URL", "https://example.invalid/preview/42")
    assert main(["pr-summary", "--changed-from", "main", "--as-of", "2026-11-23", "--out", "summary.md"]) == 0
    assert (repo / "summary.md").read_text(encoding="utf-8") == EXPECTED
    assert capsys.readouterr().out == ""


def test_summary_of_a_broken_record_and_a_deleted_one(repo: Path, capsys: pytest.CaptureFixture):
    """An error makes the verdict red and names the fix; a deleted file is told to be withdrawn instead."""
    (repo / NEW).write_text(NEW_RECORD.replace("received_on:", "recieved_on:"), encoding="utf-8")
    (repo / "data/xa-huu-lung/giai-trinh/xa-huu-lung-2026-003.yaml").unlink()
    assert main(["pr-summary", "--changed-from", "main", "--as-of", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "❌ **Chưa hợp nhất được**: 2 lỗi, 1 cảnh báo trong các tệp đã đổi." in out, out
    assert ("- Lỗi `data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-007.yaml:3` (missing-value): Thiếu trường bắt buộc "
            "“received_on”. Cách sửa: Có lẽ trường “recieved_on” ở dòng này chính là “received_on” viết sai chính tả: "
            "sửa tên trường thành “received_on”.") in out, out
    assert "  - chưa tính được thời hạn: thiếu ngày nhận yêu cầu (received_on), xem lỗi bên dưới\n" in out, out
    assert ("- **xa-huu-lung-2026-003** (Yêu cầu giải trình): ") in out and ("— tệp bị xóa: hồ sơ đã công bố thì nên "
            "rút công khai (withdrawn_on, withdrawal_reason) thay vì xóa") in out, out


def test_an_unknown_ref_is_a_plain_message(repo: Path, capsys: pytest.CaptureFixture):
    assert main(["pr-summary", "--changed-from", "no-such-branch"]) == 2
    assert capsys.readouterr().err.startswith("Không so sánh được với “no-such-branch” bằng git: ")
