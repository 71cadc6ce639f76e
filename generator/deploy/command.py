"""The `giaitrinh publish` command: messages and the exit code around deploy/plan.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .plan import publish
from .targets import PublishError, target_of


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n} byte"


def cmd_publish(args: argparse.Namespace) -> int:
    """Exit code 0 once published (or planned with --dry-run); 2 when nothing could be, or not all."""
    try:
        target = target_of(args.to, args.via)
        done = publish(Path(args.out), target, args.dry_run, lambda text: print(f"… {text}", file=sys.stderr))
    except PublishError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.dry_run:
        sys.stdout.writelines([f"+ {p}\n" for p in done.send] + [f"- {p}\n" for p in done.delete])
    first = " (lần đầu: nơi đăng chưa có bảng kê)" if done.first else ""
    if args.dry_run:
        print(f"Chạy thử, chưa gửi gì: sẽ gửi {len(done.send)} tệp ({_size(done.size)}) và xóa {len(done.delete)} tệp "
              f"ở “{args.to}”{first}.", file=sys.stderr)
    elif not done.send and not done.delete:
        print(f"“{args.to}” đã có đúng bản này của cổng: không có gì để gửi.", file=sys.stderr)
    else:
        print(f"Đã công bố lên “{args.to}”{first}: gửi {len(done.send)} tệp ({_size(done.size)}), "
              f"xóa {len(done.delete)} tệp, bảng kê cập nhật.", file=sys.stderr)
    return 0
