"""Where a built site is published: a local folder the CMS serves (copied here, one file at a
time through a temporary file renamed into place), an rsync/SFTP target `user@host:/path`, or an
rclone remote `name:path`. Transfers are the real tools' (rsync, rclone), given the exact list of
files with --files-from; this module only says what to send and reads their exit codes.

A target offers four things: the manifest it holds (or None), a check that it can be written,
send(paths) and delete(paths). Every failure is a PublishError with a Vietnamese message."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..publish.manifest import NAME
from ..publish.write import UnsafePath, safe_join

PROBE = ".giaitrinh-thu-ghi"
VIAS = ("auto", "copy", "rsync", "rclone")


class PublishError(Exception):
    """A publication that cannot go on; the message is for the user, in Vietnamese."""


class Folder:
    """A folder on this machine (or a share mounted on it)."""

    def __init__(self, dest: str):
        self.dest = Path(dest)
        self.name = dest

    def read_manifest(self) -> bytes | None:
        if not self.dest.is_dir():
            raise PublishError(f"Không tìm thấy thư mục đích “{self.name}”. Gợi ý: kiểm tra lại đường dẫn sau --to, "
                               "hoặc tạo thư mục trước (mkdir -p) nếu đây là lần công bố đầu tiên.")
        try:
            return (self.dest / NAME).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise PublishError(f"Không đọc được bảng kê ở thư mục đích “{self.name}”: {exc.strerror}.") from None

    def check_writable(self) -> None:
        try:
            fd, probe = tempfile.mkstemp(prefix=PROBE, dir=self.dest)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise PublishError(f"Không ghi được vào thư mục đích “{self.name}” ({exc.strerror}). Gợi ý: kiểm tra "
                               "quyền ghi của tài khoản đang chạy lệnh và ổ đĩa có đang chỉ đọc không.") from None

    def send(self, site: Path, paths: list[str]) -> None:
        for rel in paths:
            target = safe_join(self.dest, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.giaitrinh-{os.getpid()}")
            try:
                shutil.copyfile(site / rel, tmp)
                os.chmod(tmp, 0o644)
                os.replace(tmp, target)  # a reader sees the old file or the new one, never half of it
            finally:
                tmp.unlink(missing_ok=True)

    def delete(self, site: Path, paths: list[str]) -> None:
        for rel in paths:
            target = safe_join(self.dest, rel)
            target.unlink(missing_ok=True)
            parent = target.parent
            while parent != self.dest and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent


def _run(tool: str, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    try:
        # No password prompt that would wait forever: a publication runs from a script (SSH keys).
        env = {**os.environ, "RSYNC_RSH": os.environ.get("RSYNC_RSH", "ssh -o BatchMode=yes -o ConnectTimeout=20")}
        return subprocess.run([tool, *args], input=stdin, capture_output=True, check=False, env=env)
    except FileNotFoundError:
        raise PublishError(f"Không tìm thấy lệnh {tool} trên máy này. Gợi ý: cài {tool} (apt-get install {tool}) "
                           "hoặc chọn cách gửi khác với --via.") from None


def _said(proc: subprocess.CompletedProcess) -> str:
    lines = [x.strip() for x in proc.stderr.decode("utf-8", "replace").splitlines() if x.strip()]
    said = " / ".join(dict.fromkeys([lines[0], lines[-1]])) + "; " if lines else ""  # the cause, and the tool's summary
    return f"{said}mã thoát {proc.returncode}"


class _Tool:
    """A destination reached through a command-line tool; subclasses say which arguments."""

    tool = ""

    def __init__(self, dest: str):
        self.name = dest
        self.dest = dest

    def at(self, rel: str) -> str:
        return self.dest + rel if self.dest.endswith((":", "/")) else f"{self.dest}/{rel}"

    def _must(self, args: list[str], what: str, stdin: bytes = b"") -> None:
        proc = _run(self.tool, args, stdin)
        if proc.returncode != 0:
            raise PublishError(f"{what} “{self.name}” ({self.tool}: {_said(proc)}). Gợi ý: kiểm tra địa chỉ, "
                               "tài khoản (khóa SSH hoặc cấu hình rclone) và quyền ghi ở nơi đăng.")

    def _list_file(self, paths: Iterable[str], folder: str) -> str:
        listing = Path(folder) / "files"
        listing.write_bytes(b"".join(p.encode("utf-8") + b"\n" for p in paths))
        return str(listing)


class Rsync(_Tool):
    """rsync over SSH (`user@host:/path`), or to a local path: each file is written beside its
    place and renamed into it (rsync's default), so a reader never gets half a file."""

    tool = "rsync"

    def read_manifest(self) -> bytes | None:
        self._must(["--list-only", "--", self.dest.rstrip("/") + "/"], "Không truy cập được nơi đăng")
        with tempfile.TemporaryDirectory() as tmp:
            proc = _run(self.tool, ["-q", "--", self.at(NAME), f"{tmp}/m"])
            if proc.returncode == 0:
                return Path(tmp, "m").read_bytes()
            if proc.returncode == 23:  # "some files could not be transferred": there is none yet
                return None
            raise PublishError(f"Không đọc được bảng kê ở “{self.name}” bằng rsync: {_said(proc)}.")

    def check_writable(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, PROBE).write_bytes(b"")
            self.send(Path(tmp), [PROBE], "Không ghi được vào nơi đăng")
            os.unlink(Path(tmp, PROBE))
            self.delete(Path(tmp), [PROBE])

    def send(self, site: Path, paths: list[str], what: str = "Gửi tệp tới") -> None:
        with tempfile.TemporaryDirectory() as tmp:
            self._must(["-rlt", "--ignore-times", "--chmod=D755,F644", f"--files-from={self._list_file(paths, tmp)}",
                        "--", f"{site}/", self.dest.rstrip("/") + "/"], what)

    def delete(self, site: Path, paths: list[str]) -> None:
        # Listed, missing from the source: deleted at the destination. The source is a tree of the
        # files' folders only (rsync stops at a folder the source lacks, and the site may lack it).
        with tempfile.TemporaryDirectory() as tmp:
            for rel in paths:
                Path(tmp, "tree", rel).parent.mkdir(parents=True, exist_ok=True)
            self._must(["-r", "--delete-missing-args", f"--files-from={self._list_file(paths, tmp)}",
                        "--", f"{tmp}/tree/", self.dest.rstrip("/") + "/"], "Xóa tệp cũ ở")


class Rclone(_Tool):
    """An rclone remote (`name:path`, configured with `rclone config`; `:local:/path` needs none)."""

    tool = "rclone"

    def read_manifest(self) -> bytes | None:
        self._must(["lsf", "--max-depth", "1", "--", self.dest], "Không truy cập được nơi đăng")
        proc = _run(self.tool, ["cat", "--", self.at(NAME)])
        if proc.returncode == 0:
            return proc.stdout
        if proc.returncode in (3, 4):  # directory or file not found: there is none yet
            return None
        raise PublishError(f"Không đọc được bảng kê ở “{self.name}” bằng rclone: {_said(proc)}.")

    def check_writable(self) -> None:
        self._must(["rcat", "--", self.at(PROBE)], "Không ghi được vào nơi đăng")
        self._must(["deletefile", "--", self.at(PROBE)], "Không ghi được vào nơi đăng")

    def send(self, site: Path, paths: list[str]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            self._must(["copy", "--ignore-times", "--no-traverse", f"--files-from-raw={self._list_file(paths, tmp)}",
                        "--", str(site), self.dest], "Gửi tệp tới")

    def delete(self, site: Path, paths: list[str]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            self._must(["delete", f"--files-from-raw={self._list_file(paths, tmp)}", "--", self.dest], "Xóa tệp cũ ở")


_SSH = re.compile(r"^[^/:@\s]+@[^/:\s]+:")  # user@host:path
_REMOTE = re.compile(r"^(:?[A-Za-z0-9_.\- ]+):")  # name:path, or :backend:path


def _rclone_remotes() -> set[str]:
    try:
        proc = subprocess.run(["rclone", "listremotes"], capture_output=True, check=False, text=True)
    except FileNotFoundError:
        return set()
    return {line.strip().rstrip(":") for line in proc.stdout.splitlines() if line.strip()}


def target_of(dest: str, via: str = "auto") -> Folder | Rsync | Rclone:
    """The target a --to argument names: `user@host:/path` rsync, `name:path` rclone when `name`
    is an rclone remote (`host:/path` otherwise rsync), anything else a local folder; --via forces."""
    if not dest.strip():
        raise PublishError("Thiếu nơi đăng sau --to. Gợi ý: --to /var/www/giai-trinh, --to user@may-chu:/var/www/giai-trinh "
                           "hoặc --to ten-remote:giai-trinh.")
    if via == "copy":
        return Folder(dest)
    if via in ("rsync", "rclone"):
        return Rsync(dest) if via == "rsync" else Rclone(dest)
    if _SSH.match(dest):
        return Rsync(dest)
    named = _REMOTE.match(dest)
    if named and not Path(dest).exists():
        name = named.group(1)
        return Rclone(dest) if name.startswith(":") or name in _rclone_remotes() else Rsync(dest)
    return Folder(dest)


def check_path(rel: str) -> None:
    """A path from a manifest must stay inside the site (a manifest is read from the destination too)."""
    try:
        safe_join(Path("/"), rel)
    except UnsafePath:
        raise PublishError(f"Bảng kê có đường dẫn không hợp lệ “{rel}”: không công bố.") from None
