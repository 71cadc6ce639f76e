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
  - hạn tiếp nhận 09/11/2026 (thứ Hai); hạn giải trình 19/11/2026 (thứ Năm); trạng thái: Đã tiếp nhận; quá hạn (tính đến 23/11/2026, theo bộ quy định “Luật 132/2025/QH15 có hiệu lực; thời hạn giữ theo Nghị định 59/2019/NĐ-CP”)

### Hồ sơ sửa đổi

- **xa-thien-tan-2026-006** (Yêu cầu giải trình): Giải trình việc chậm trả kết quả đăng ký khai sinh kết hợp cấp bảo hiểm y tế cho trẻ em — `data/xa-thien-tan/giai-trinh/xa-thien-tan-2026-006.yaml` (sửa: Ngày thông báo tiếp nhận: (trống) → 22/11/2026)
  - hạn tiếp nhận 25/11/2026 (thứ Tư); hạn giải trình 07/12/2026 (thứ Hai); trạng thái: Đã tiếp nhận; đang trong hạn (tính đến 23/11/2026, theo bộ quy định “Luật 132/2025/QH15 có hiệu lực; thời hạn giữ theo Nghị định 59/2019/NĐ-CP”)

### Hồ sơ rút công khai

- **xa-huu-lung-2026-004** (Yêu cầu giải trình): Giải trình việc phân bổ kinh phí hỗ trợ làm đường giao thông nông thôn năm 2026 — `data/xa-huu-lung/giai-trinh/xa-huu-lung-2026-004.yaml` — rút ngày 20/11/2026, lý do: Phần giải trình nêu tên người yêu cầu; rút để che thông tin cá nhân.

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


FLIPPED = "data/phuong-dong-kinh/giai-trinh/phuong-dong-kinh-2026-001.yaml"
REFUSED = "data/so-noi-vu/giai-trinh/so-noi-vu-2026-002.yaml"


def test_summary_says_why_a_deadline_is_missing_and_flags_a_turned_verdict(repo: Path, capsys: pytest.CaptureFixture):
    """Not yet accepted, refused and suspended each give their own reason; a changed field is named
    by its title with old → new values (never a free text's old value); an edit that turns the
    on-time verdict of a published request is flagged."""
    (repo / NEW).write_text(NEW_RECORD.replace("accepted_on: 2026-11-04\n", ""), encoding="utf-8")
    changed = repo / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8").replace(
        "public: true", "suspended_on: 2026-11-23\nsuspension_reason: Chờ kết quả xác minh của Phòng Tư pháp.\n"
        "public: true"), encoding="utf-8")
    flipped = repo / FLIPPED
    flipped.write_text(flipped.read_text(encoding="utf-8").replace("answered_on: 2026-05-27", "answered_on: 2026-06-05")
                       .replace("answer: >", "answer: >\n  Bổ sung:"), encoding="utf-8")
    refused = repo / REFUSED
    refused.write_text(refused.read_text(encoding="utf-8").replace("refusal_reason: ", "refusal_reason: Bổ sung. "),
                       encoding="utf-8")
    assert main(["pr-summary", "--changed-from", "main", "--as-of", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    rule = "theo bộ quy định “Luật 132/2025/QH15 có hiệu lực; thời hạn giữ theo Nghị định 59/2019/NĐ-CP”"
    assert ("xa-thien-tan-2026-007.yaml`\n  - hạn tiếp nhận 09/11/2026 (thứ Hai); hạn giải trình chưa có (tính từ ngày "
            "thông báo tiếp nhận; yêu cầu chưa được tiếp nhận); trạng thái: Đã nhận; quá hạn (tính đến 23/11/2026, "
            f"{rule})\n") in out, out
    assert ("phuong-dong-kinh-2026-001.yaml` (sửa: Ngày giải trình: 27/05/2026 → 05/06/2026; Nội dung giải trình)\n"
            "  - hạn tiếp nhận 18/05/2026 (thứ Hai); hạn giải trình 28/05/2026 (thứ Năm); trạng thái: Đã giải trình; "
            "trễ hạn (tính đến 23/11/2026, theo bộ quy định “Nghị định 59/2019/NĐ-CP”)\n"
            "  - ⚠ Sửa ngày sau khi đã công bố làm đổi kết luận: trước Đúng hạn, nay Trễ hạn. Trang hồ sơ sẽ công bố "
            "thay đổi này trong mục “Lịch sử công bố”.\n") in out, out
    assert ("so-noi-vu-2026-002.yaml` (sửa: Lý do từ chối)\n  - hạn tiếp nhận 10/08/2026 (thứ Hai); hạn giải trình "
            "không có (đã từ chối yêu cầu ngày 06/08/2026); trạng thái: Từ chối giải trình; đúng hạn") in out, out
    assert ("xa-thien-tan-2026-006.yaml` (sửa: Ngày thông báo tiếp nhận: (trống) → 22/11/2026; Ngày tạm đình chỉ: "
            "(trống) → 23/11/2026; Lý do tạm đình chỉ)\n  - hạn tiếp nhận 25/11/2026 (thứ Tư); hạn giải trình chưa có "
            "(đang tạm đình chỉ từ ngày 23/11/2026, thời hạn ngừng tính); trạng thái: Tạm đình chỉ") in out, out
    assert out.count("⚠") == 1 and "Người yêu cầu không dự tuyển" not in out, out
