"""What a publication sends, and in which order.

The built site's manifest (publish/manifest.py) is compared with the one at the destination: a
file is sent when it is new or its SHA-256 differs, and removed when the site no longer has it.
The order keeps every link a reader can follow working while the files arrive:

  1. assets and data (styles, scripts, attachments, open data): nothing links to them yet;
  2. pages: new ones first, then the deepest first (a record's page before the lists that link
     to it);
  3. indexes that point at pages (feeds, sitemap, search shards), then the search's entry file;
  4. the manifest: from now on the destination says it holds this build;
  5. deletions: nothing published links to those files any more.

A failure before step 4 leaves the old manifest at the destination, so running again resends
whatever was not confirmed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..publish import manifest as site_manifest
from ..publish.manifest import NAME, Manifest, ManifestError
from .targets import Folder, PublishError, Rclone, Rsync, check_path

SEARCH_ENTRY = "tim-kiem/chi-muc.json"  # names the revision of the shards: after them


def tier(path: str) -> int:
    if path == SEARCH_ENTRY:
        return 3
    if path.endswith(".xml") or path.startswith("tim-kiem/"):
        return 2
    return 1 if path.endswith(".html") else 0


@dataclass(frozen=True)
class Plan:
    send: list[str]  # in the order they are sent, the manifest not included
    delete: list[str]
    size: int  # bytes sent
    first: bool  # the destination held no manifest


def built_site(site: Path) -> Manifest:
    """The manifest of a built site, or why this folder is not one."""
    hint = "Gợi ý: chạy giaitrinh build trước, và chỉ --out tới thư mục mà build đã ghi (mặc định: site)."
    if not site.is_dir():
        raise PublishError(f"Không tìm thấy thư mục cổng đã xây dựng “{site}”. {hint}")
    try:
        found = site_manifest.loads((site / NAME).read_bytes())
    except FileNotFoundError:
        raise PublishError(f"“{site}” không phải cổng đã xây dựng: không có bảng kê {NAME}. {hint}") from None
    except (OSError, ManifestError) as exc:
        raise PublishError(f"Bảng kê của “{site}” không đọc được ({exc}). {hint}") from None
    for rel in found.files:
        check_path(rel)
    return found


def published(target: Folder | Rsync | Rclone, portal: str) -> Manifest | None:
    """The manifest at the destination; refused when it is another portal's."""
    data = target.read_manifest()
    if data is None:
        return None
    try:
        there = site_manifest.loads(data)
    except ManifestError as exc:
        raise PublishError(f"Nơi đăng “{target.name}” có tệp {NAME} không đọc được ({exc}). Gợi ý: kiểm tra đúng "
                           "nơi đăng chưa; nếu đúng, xóa tệp đó để gửi lại toàn bộ.") from None
    if there.portal != portal:
        raise PublishError(f"Nơi đăng “{target.name}” đang chứa cổng khác (“{there.portal}”), không phải “{portal}”: "
                           "không ghi đè. Gợi ý: kiểm tra lại --to; nếu cổng đã đổi địa chỉ (base_url), đăng vào "
                           f"thư mục mới hoặc xóa tệp {NAME} ở nơi đăng.")
    for rel in there.files:
        check_path(rel)
    return there


def plan(site: Manifest, there: Manifest | None) -> Plan:
    old = there.files if there is not None else {}
    changed = sorted(p for p, e in site.files.items() if old.get(p) != e)
    # New pages before changed ones (no published page can link to a page not yet there), then
    # the deepest first: a record's page before the unit's page and the lists that show it.
    changed.sort(key=lambda p: (tier(p), p in old, -p.count("/")) if tier(p) == 1 else (tier(p),))
    gone = sorted(set(old) - set(site.files))
    return Plan(changed, gone, sum(site.files[p].size for p in changed), there is None)


def unchanged_since_build(site_dir: Path, site: Manifest, paths: list[str]) -> None:
    """The files about to be sent are those the build listed (a build running meanwhile, or a
    hand edit, would publish a site that no manifest describes)."""
    for rel in paths:
        try:
            entry = site_manifest.hash_file(site_dir / rel)
        except OSError:
            entry = None
        if entry != site.files[rel]:
            raise PublishError(f"Tệp “{rel}” của “{site_dir}” khác với bảng kê của lần xây dựng (bị sửa, bị xóa hoặc "
                               "đang được xây dựng lại). Gợi ý: chạy lại giaitrinh build rồi công bố.")


def publish(site_dir: Path, target: Folder | Rsync | Rclone, dry_run: bool,
            step: Callable[[str], None] = lambda _: None) -> Plan:
    """Send what changed since the destination's manifest, in the order of the module's docstring."""
    site = built_site(site_dir)
    todo = plan(site, published(target, site.portal))
    if dry_run:
        return todo
    target.check_writable()
    unchanged_since_build(site_dir, site, todo.send)
    try:
        for t in range(4):
            batch = [p for p in todo.send if tier(p) == t]
            if batch:
                step(f"gửi {len(batch)} tệp")
                target.send(site_dir, batch)
        target.send(site_dir, [NAME])
    except OSError as exc:
        raise PublishError(f"Công bố tới “{target.name}” dừng giữa chừng: {exc.strerror or exc} "
                           f"({exc.filename or ''}). Bảng kê cũ ở nơi đăng được giữ nguyên; sửa lỗi rồi chạy lại "
                           "lệnh, các tệp chưa xác nhận sẽ được gửi lại.") from None
    try:
        if todo.delete:
            step(f"xóa {len(todo.delete)} tệp")
            target.delete(site_dir, todo.delete)
    except OSError as exc:
        raise PublishError(f"Đã gửi xong tới “{target.name}” nhưng không xóa được tệp cũ: {exc.strerror or exc} "
                           f"({exc.filename or ''}). Gợi ý: sửa quyền ghi rồi xóa tay các tệp đó; lần công bố sau "
                           "không tự xóa lại chúng.") from None
    return todo
