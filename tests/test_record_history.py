"""The history citizens see (model/history.py, load/git_history.py): a scratch repository holds
the sample data, a record is edited in a later commit with a controlled date, and the build
shows when it was first published, what was changed, and marks a change that turned the on-time
verdict; the feeds never move back; the changes are open data. A shallow clone and a copy
without git still build and say what history they have."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import main

AS_OF = "2026-12-03"
RECORD = "phuong-ky-lua/giai-trinh/phuong-ky-lua-2026-003.yaml"  # answered 09/10/2026, due 01/10: late
PAGE = "giai-trinh/phuong-ky-lua-2026-003/index.html"
OLD_TEXT = "Người yêu cầu phản ánh cơ sở sản xuất đồ gỗ"  # the start of its request


def git(repo: Path, *args: str, on: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vanthu@example.gov.vn",
           "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vanthu@example.gov.vn"}
    if on:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{on}T09:00:00+07:00"
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True,
                          text=True).stdout


def edit(repo: Path, old: str, new: str) -> None:
    path = repo / "data" / RECORD
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def build(data: Path, out: Path) -> None:
    assert main(["build", "--data", str(data), "--out", str(out), "--as-of", AS_OF]) == 0


def history_text(site: Path, page: str = PAGE) -> str:
    """The page's history section as a reader sees it (tags removed, spaces joined)."""
    html = (site / page).read_text(encoding="utf-8")
    section = html[html.index('id="lich-su"'):]
    section = section[:section.index("</ul>") if "</ul>" in section else section.index("<p><a")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.split(">", 1)[1])).strip()


def changes_csv(site: Path) -> list[dict[str, str]]:
    text = (site / "du-lieu-mo" / "record_changes.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def entry_updated(site: Path, record: str, feed: str = "nguon-tin/atom.xml") -> list[str]:
    xml = (site / feed).read_text(encoding="utf-8")
    return [m.group(1) for entry in re.findall(r"<entry>(.*?)</entry>", xml, re.S) if f"giai-trinh/{record}/" in entry
            for m in [re.search(r"<updated>(.*?)</updated>", entry)]]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample data committed on 20/11/2026 in a scratch repository."""
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "data", work / "data")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Dữ liệu ban đầu", on="2026-11-20")
    return work


def test_a_backdated_answer_is_shown_marked_and_moves_the_feed_forward(repo: Path, tmp_path: Path):
    before = tmp_path / "before"
    build(repo / "data", before)
    assert history_text(before) == "Lịch sử công bố Công bố lần đầu: 20/11/2026 Chưa sửa lần nào sau khi công bố."
    assert entry_updated(before, "phuong-ky-lua-2026-003") == ["2026-10-09T00:00:00+07:00", "2026-09-14T00:00:00+07:00"]
    edit(repo, "answered_on: 2026-10-09", "answered_on: 2026-09-30")
    edit(repo, "Việc giải trình\n  chậm do chờ kết quả đo tiếng ồn.", "Kết quả đo tiếng ồn đã có.")
    git(repo, "commit", "-q", "-am", "Sửa ngày giải trình", on="2026-12-02")
    site = tmp_path / "site"
    build(repo / "data", site)
    assert history_text(site) == (
        "Lịch sử công bố Công bố lần đầu: 20/11/2026 Các lần sửa sau khi công bố: "
        "02/12/2026: sửa Ngày giải trình, Nội dung giải trình. Ngày giải trình sửa từ 09/10/2026 thành "
        "30/09/2026 sau khi đã công bố (trước: Trễ hạn, nay: Đúng hạn).")
    assert 'class="gt-overdue">Ngày giải trình sửa từ 09/10/2026' in (site / PAGE).read_text(encoding="utf-8")
    # The backdated answer does not move its feed entries back in time: the edit is the update.
    assert entry_updated(site, "phuong-ky-lua-2026-003") == ["2026-12-02T00:00:00+07:00"] * 2
    assert entry_updated(site, "phuong-ky-lua-2026-003", "don-vi/phuong-ky-lua/atom.xml") == ["2026-12-02T00:00:00+07:00"] * 2
    assert "<updated>2026-12-02T00:00:00+07:00</updated>" in (site / "nguon-tin/atom.xml").read_text("utf-8").split("<entry>")[0]
    commit = git(repo, "rev-parse", "HEAD").strip()
    assert changes_csv(site) == [
        {"resource": "explanations", "record": "phuong-ky-lua-2026-003", "unit": "phuong-ky-lua",
         "changed_on": "2026-12-02", "commit": commit, "field": "answer", "field_title": "Nội dung giải trình",
         "old_value": "", "new_value": "", "verdict_before": "late", "verdict_after": "on_time"},
        {"resource": "explanations", "record": "phuong-ky-lua-2026-003", "unit": "phuong-ky-lua",
         "changed_on": "2026-12-02", "commit": commit, "field": "answered_on", "field_title": "Ngày giải trình",
         "old_value": "2026-10-09", "new_value": "2026-09-30", "verdict_before": "late", "verdict_after": "on_time"},
    ]
    proc = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                           str(site / "du-lieu-mo" / "datapackage.json")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert '"valid": true' in proc.stdout and '"record_changes"' in (site / "du-lieu-mo/datapackage.json").read_text("utf-8")


def test_a_text_edit_shows_only_the_field_name_and_never_the_old_text(repo: Path, tmp_path: Path):
    edit(repo, OLD_TEXT, "Một tổ chức phản ánh cơ sở sản xuất đồ gỗ")
    git(repo, "commit", "-q", "-am", "Bỏ chi tiết", on="2026-11-25")
    site = tmp_path / "site"
    build(repo / "data", site)
    assert history_text(site) == ("Lịch sử công bố Công bố lần đầu: 20/11/2026 Các lần sửa sau khi công bố: "
                                  "25/11/2026: sửa Nội dung yêu cầu.")
    leaked = [p for p in site.rglob("*") if p.is_file() and OLD_TEXT.encode() in p.read_bytes()]
    assert leaked == []
    [row] = changes_csv(site)
    assert (row["field"], row["old_value"], row["new_value"], row["verdict_before"]) == ("request", "", "", "")


def test_versions_that_were_not_public_or_not_valid_are_skipped(repo: Path, tmp_path: Path):
    path = repo / "data" / RECORD
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("answered_on: 2026-10-09", "answered_on: 09/10/2026"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Ngày sai định dạng", on="2026-11-21")
    path.write_text(good.replace("public: true", "public: false"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Tạm ẩn", on="2026-11-22")
    path.write_text(good.replace("answered_on: 2026-10-09", "answered_on: 2026-10-08"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Công khai lại", on="2026-11-24")
    site = tmp_path / "site"
    build(repo / "data", site)
    assert history_text(site) == ("Lịch sử công bố Công bố lần đầu: 20/11/2026 Các lần sửa sau khi công bố: "
                                  "24/11/2026: sửa Ngày giải trình. Ngày giải trình: 09/10/2026 → 08/10/2026.")


def test_a_rebuild_shows_a_commit_that_changed_no_file(repo: Path, tmp_path: Path):
    """The speed layer: the edit is built before it is committed (no history yet), then committed
    without touching the file again: the record's page is rendered again with its change."""
    site = tmp_path / "site"
    edit(repo, "answered_on: 2026-10-09", "answered_on: 2026-10-08")
    build(repo / "data", site)
    assert history_text(site).endswith("Chưa sửa lần nào sau khi công bố.")
    git(repo, "commit", "-q", "-am", "Sửa ngày", on="2026-11-26")
    build(repo / "data", site)
    assert history_text(site).endswith("26/11/2026: sửa Ngày giải trình. Ngày giải trình: 09/10/2026 → 08/10/2026.")
    assert entry_updated(site, "phuong-ky-lua-2026-003") == ["2026-11-26T00:00:00+07:00"] * 2


def test_a_shallow_clone_says_from_when_its_history_runs(repo: Path, tmp_path: Path):
    edit(repo, "answered_on: 2026-10-09", "answered_on: 2026-10-08")
    git(repo, "commit", "-q", "-am", "Sửa ngày", on="2026-11-26")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    site = tmp_path / "site"
    build(clone / "data", site)
    assert history_text(site) == ("Lịch sử công bố Lịch sử thay đổi từ ngày 26/11/2026 (bản sao rút gọn). "
                                  "Công bố lần đầu: trước ngày 26/11/2026 (bản sao rút gọn không giữ ngày này) "
                                  "Chưa sửa lần nào sau khi công bố.")
    assert changes_csv(site) == []


def test_a_copy_without_git_builds_and_says_it_has_no_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    shutil.copytree(ROOT / "data", tmp_path / "data")
    site = tmp_path / "site"
    build(tmp_path / "data", site)
    assert history_text(site) == "Lịch sử công bố Bản dựng này không kèm lịch sử công bố (dữ liệu không lấy từ kho git)."
    assert changes_csv(site) == []
    assert entry_updated(site, "phuong-ky-lua-2026-003") == ["2026-10-09T00:00:00+07:00", "2026-09-14T00:00:00+07:00"]
