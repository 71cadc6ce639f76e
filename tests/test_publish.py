"""giaitrinh publish: only what changed since the destination's manifest, in an order that never
shows a half-updated record, refused (exit 2, nothing half-published) on a bad destination."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import AS_OF
from test_atomic import snapshot

from generator.cli import main
from generator.deploy.plan import tier
from generator.publish import manifest

NAME = manifest.NAME
EX1 = "xa-a/giai-trinh/xa-a-2026-001.yaml"
EX2 = "xa-a/giai-trinh/xa-a-2026-002.yaml"


def build(data: Path, site: Path) -> None:
    assert main(["build", "--data", str(data), "--out", str(site), "--as-of", AS_OF.isoformat()]) == 0


def publish(site: Path, dest: str, capsys: pytest.CaptureFixture, *more: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["publish", "--out", str(site), "--to", dest, *more])
    out, err = capsys.readouterr()
    return code, out, err


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def edit_one_explanation(data: Path) -> None:
    path = data / EX1
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^subject: (.*)$", r"subject: \1 (đã sửa)", text, count=1, flags=re.M), encoding="utf-8")


@contextlib.contextmanager
def read_only(folder: Path):
    """A folder nobody can write into, root included (root ignores permission bits: chattr +i)."""
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("chattr +i is not available to make a folder read-only for root")
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = ["chmod", "755", str(folder)]
    try:
        yield
    finally:
        subprocess.run(undo, check=True)


@pytest.fixture
def built(valid_copy: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    build(valid_copy, site)
    return site


def test_the_build_lists_every_file_it_wrote_with_its_sha256(built: Path, valid_copy: Path):
    listed = manifest.read(built)
    assert listed is not None and listed.portal == "https://giaitrinh.mau.gov.vn/"
    assert listed == manifest.of_folder(built, listed.portal)
    assert set(listed.files) == set(snapshot(built)) - {NAME}
    doc = (built / NAME).read_text(encoding="utf-8")
    assert doc.startswith('{"format": "giaitrinh-manifest/1", "portal": "https://giaitrinh.mau.gov.vn/", "files": [\n'
                          '{"path": "404.html", "size": ')
    edit_one_explanation(valid_copy)  # a rebuild updates the manifest from its patch
    build(valid_copy, built)
    assert manifest.read(built) == manifest.of_folder(built, listed.portal) != listed


def test_first_publication_sends_everything_then_nothing(built: Path, tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    code, out, err = publish(built, str(dest), capsys)
    total = len(snapshot(built)) - 1
    assert code == 0, err
    assert err.endswith(f"Đã công bố lên “{dest}” (lần đầu: nơi đăng chưa có bảng kê): gửi {total} tệp "
                        f"({sum(manifest.read(built).files[p].size for p in manifest.read(built).files) / 1e6:.1f} MB), "
                        "xóa 0 tệp, bảng kê cập nhật.\n")
    assert snapshot(dest) == snapshot(built)
    code, out, err = publish(built, str(dest), capsys)
    assert (code, err) == (0, f"“{dest}” đã có đúng bản này của cổng: không có gì để gửi.\n")


def test_one_record_changed_sends_exactly_the_files_the_rebuild_changed(built: Path, valid_copy: Path,
                                                                        tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    assert publish(built, str(dest), capsys)[0] == 0
    before, sent_before = snapshot(built), inodes(dest)
    edit_one_explanation(valid_copy)
    build(valid_copy, built)
    after = snapshot(built)
    changed = {p for p in after if before.get(p) != after[p]} - {NAME}
    assert set(before) == set(after)  # an edit removes nothing
    assert "giai-trinh/xa-a-2026-001/index.html" in changed and "giai-trinh/xa-a-2026-003/index.html" not in changed
    assert "giai-trinh/index.html" in changed and "nguon-tin/atom.xml" in changed  # the list and the feed show it
    assert len(changed) < len(after) / 3

    code, out, err = publish(built, str(dest), capsys, "--dry-run")
    listed = [line[2:] for line in out.splitlines()]
    assert code == 0 and set(listed) == changed and out.count("- ") == 0
    assert err.startswith(f"Chạy thử, chưa gửi gì: sẽ gửi {len(changed)} tệp (")
    assert snapshot(dest) == before  # a dry run sends nothing
    # assets and data, then pages (the record before the list), then the indexes that point at them
    assert [tier(p) for p in listed] == sorted(tier(p) for p in listed)
    assert listed.index("giai-trinh/xa-a-2026-001/index.html") < listed.index("giai-trinh/index.html")
    assert listed[-1] == "tim-kiem/chi-muc.json" or "tim-kiem/chi-muc.json" not in listed

    code, out, err = publish(built, str(dest), capsys)
    assert code == 0, err
    assert snapshot(dest) == after
    now = inodes(dest)  # a file sent is a new file renamed into place: only the changed ones are new
    assert {p for p in now if now[p] != sent_before.get(p)} == changed | {NAME}


def test_a_file_gone_from_the_site_is_removed_after_the_rest(built: Path, valid_copy: Path, tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    assert publish(built, str(dest), capsys)[0] == 0
    (valid_copy / EX2).unlink()
    build(valid_copy, built)
    code, out, err = publish(built, str(dest), capsys, "--dry-run")
    assert "- giai-trinh/xa-a-2026-002/index.html" in out.splitlines()
    assert out.splitlines()[-1].startswith("- ")  # deletions come last
    code, out, err = publish(built, str(dest), capsys)
    assert code == 0, err
    assert not (dest / "giai-trinh" / "xa-a-2026-002").exists()
    assert snapshot(dest) == snapshot(built)


def test_a_read_only_destination_is_refused_before_anything_is_sent(built: Path, tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    with read_only(dest):
        code, out, err = publish(built, str(dest), capsys)
    assert code == 2
    assert err == (f"Không ghi được vào thư mục đích “{dest}” ({'Operation not permitted' if os.geteuid() == 0 else 'Permission denied'}). "
                   "Gợi ý: kiểm tra quyền ghi của tài khoản đang chạy lệnh và ổ đĩa có đang chỉ đọc không.\n")
    assert list(dest.iterdir()) == []


def test_a_failure_midway_keeps_the_old_manifest_and_a_rerun_finishes(built: Path, valid_copy: Path,
                                                                     tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    assert publish(built, str(dest), capsys)[0] == 0
    old = (dest / NAME).read_bytes()
    edit_one_explanation(valid_copy)
    build(valid_copy, built)
    with read_only(dest / "giai-trinh" / "xa-a-2026-001"):  # the record's page cannot be replaced
        code, out, err = publish(built, str(dest), capsys)
    assert code == 2
    assert err.splitlines()[-1].startswith(f"Công bố tới “{dest}” dừng giữa chừng: ")
    assert err.splitlines()[-1].endswith("Bảng kê cũ ở nơi đăng được giữ nguyên; sửa lỗi rồi chạy lại lệnh, "
                                         "các tệp chưa xác nhận sẽ được gửi lại.")
    assert (dest / NAME).read_bytes() == old
    assert not list(dest.rglob(f"*.giaitrinh-{os.getpid()}"))  # no temporary file left behind
    code, out, err = publish(built, str(dest), capsys)
    assert code == 0, err
    assert snapshot(dest) == snapshot(built)


def test_a_destination_of_another_portal_is_refused(built: Path, tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    other = manifest.Manifest("https://giaitrinh.khac.gov.vn/", {"index.html": manifest.Entry(1, "0" * 64)})
    (dest / NAME).write_bytes(other.dumps())
    code, out, err = publish(built, str(dest), capsys)
    assert code == 2
    assert err == (f"Nơi đăng “{dest}” đang chứa cổng khác (“https://giaitrinh.khac.gov.vn/”), không phải "
                   "“https://giaitrinh.mau.gov.vn/”: không ghi đè. Gợi ý: kiểm tra lại --to; nếu cổng đã đổi địa chỉ "
                   f"(base_url), đăng vào thư mục mới hoặc xóa tệp {NAME} ở nơi đăng.\n")
    assert [p.name for p in dest.iterdir()] == [NAME]


def test_a_folder_that_is_not_a_built_site_is_refused(valid_copy: Path, tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    code, out, err = publish(valid_copy, str(dest), capsys)
    assert code == 2
    assert err == (f"“{valid_copy}” không phải cổng đã xây dựng: không có bảng kê {NAME}. Gợi ý: chạy giaitrinh build "
                   "trước, và chỉ --out tới thư mục mà build đã ghi (mặc định: site).\n")
    code, out, err = publish(valid_copy, str(tmp_path / "khong-co"), capsys)
    assert code == 2 and err.startswith(f"“{valid_copy}” không phải cổng đã xây dựng")
    assert list(dest.iterdir()) == []


def test_a_missing_destination_folder_is_refused(built: Path, tmp_path: Path, capsys):
    code, out, err = publish(built, str(tmp_path / "khong-co"), capsys)
    assert code == 2
    assert err == (f"Không tìm thấy thư mục đích “{tmp_path / 'khong-co'}”. Gợi ý: kiểm tra lại đường dẫn sau --to, "
                   "hoặc tạo thư mục trước (mkdir -p) nếu đây là lần công bố đầu tiên.\n")


def test_an_edited_site_is_not_published(built: Path, tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    (built / "index.html").write_text("sửa tay", encoding="utf-8")
    code, out, err = publish(built, str(dest), capsys)
    assert code == 2
    assert err == (f"Tệp “index.html” của “{built}” khác với bảng kê của lần xây dựng (bị sửa, bị xóa hoặc đang được "
                   "xây dựng lại). Gợi ý: chạy lại giaitrinh build rồi công bố.\n")
    assert list(dest.iterdir()) == []


@pytest.mark.parametrize("via", ["rsync", "rclone"])
def test_through_the_real_tool_to_a_local_path(via: str, built: Path, valid_copy: Path, tmp_path: Path, capsys):
    if not shutil.which(via):
        pytest.skip(f"{via} is not installed (apt-get install {via}): the {via} target is tested where it is")
    dest = tmp_path / "cms"
    dest.mkdir()
    to = str(dest) if via == "rsync" else f":local:{dest}"
    code, out, err = publish(built, to, capsys, "--via", via)
    assert code == 0, err
    assert snapshot(dest) == snapshot(built)
    before = snapshot(built)
    edit_one_explanation(valid_copy)
    (valid_copy / EX2).unlink()
    build(valid_copy, built)
    after = snapshot(built)
    code, out, err = publish(built, to, capsys, "--via", via, "--dry-run")
    assert {line[2:] for line in out.splitlines() if line.startswith("+ ")} == \
        {p for p in after if before.get(p) != after[p]} - {NAME}
    code, out, err = publish(built, to, capsys, "--via", via)
    assert code == 0, err
    assert {p: h for p, h in snapshot(dest).items()} == after  # the record's page removed as well
    code, out, err = publish(built, to, capsys, "--via", via)
    assert (code, err) == (0, f"“{to}” đã có đúng bản này của cổng: không có gì để gửi.\n")


def test_an_unreachable_rsync_destination_is_refused(built: Path, capsys):
    if not shutil.which("rsync"):
        pytest.skip("rsync is not installed")
    code, out, err = publish(built, "nobody@127.0.0.1:/khong-co", capsys, "--via", "rsync")
    assert code == 2
    assert err.startswith("Không truy cập được nơi đăng “nobody@127.0.0.1:/khong-co” (rsync: ")
    assert err.endswith("Gợi ý: kiểm tra địa chỉ, tài khoản (khóa SSH hoặc cấu hình rclone) và quyền ghi ở nơi đăng.\n")


def test_a_new_record_page_is_sent_before_every_page_that_links_to_it(built: Path, valid_copy: Path,
                                                                      tmp_path: Path, capsys):
    dest = tmp_path / "cms"
    dest.mkdir()
    assert publish(built, str(dest), capsys)[0] == 0
    new = (valid_copy / EX2).read_text(encoding="utf-8").replace("id: xa-a-2026-002", "id: xa-a-2026-009")
    (valid_copy / "xa-a/giai-trinh/xa-a-2026-009.yaml").write_text(new, encoding="utf-8")
    build(valid_copy, built)
    code, out, err = publish(built, str(dest), capsys, "--dry-run")
    listed = [line[2:] for line in out.splitlines()]
    page = listed.index("giai-trinh/xa-a-2026-009/index.html")
    linking = [p for p in listed if p.endswith(".html") and p != listed[page]
               and "xa-a-2026-009/" in (built / p).read_text(encoding="utf-8")]
    assert "don-vi/xa-a/index.html" in linking and "giai-trinh/index.html" in linking
    assert all(listed.index(p) > page for p in linking)
