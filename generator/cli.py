"""The `giaitrinh` command: a thin layer over the library. Only here is an exit code decided."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import signal
import sys
from pathlib import Path

from . import build as pipeline
from . import sheets
from .aggregate import AggregateError, aggregate
from .author.kinds import KINDS
from .author.new import NewError, Request, new_record
from .deploy.command import cmd_publish
from .deploy.targets import VIAS
from .explain import explain
from .history import report_lines, scan
from .model import stats
from .pr_summary import summary
from .problems import Problem, has_errors
from .publish import report
from .pull_request import GitError, check_changed
from .release import ReleaseError, cut
from .serve import serve
from .synth import synthesise


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải ngày dạng năm-tháng-ngày (YYYY-MM-DD)") from None


def _print_problems(problems: list[Problem], lang: str, fmt: str, out=None) -> None:
    out = out or sys.stdout
    if fmt == "github":  # workflow commands: GitHub shows them on the changed lines of a pull request
        for p in problems:
            level = "error" if p.is_error else "warning"
            text = p.message(lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            out.write(f"::{level} file={p.path},line={p.line},title={p.code}::{text}\n")
        return
    if fmt == "gitlab":  # Code Quality report: GitLab shows it in the merge request
        report = [{"description": f"{p.code}: {p.message(lang)}", "check_name": p.code,
                   "fingerprint": hashlib.sha256(p.line_text("en").encode()).hexdigest(),
                   "severity": "major" if p.is_error else "minor",
                   "location": {"path": p.path, "lines": {"begin": p.line}}} for p in problems]
        json.dump(report, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    if fmt == "json":
        json.dump([p.as_dict(lang) for p in problems], out, ensure_ascii=False, indent=1)
        out.write("\n")
        return
    for p in problems:
        out.write(p.line_text(lang) + "\n")


def cmd_validate(args: argparse.Namespace) -> int:
    if args.explain:
        found, text = explain(args.explain, args.lang)
        (sys.stdout if found else sys.stderr).write(text)
        return 0 if found else 2
    if args.changed_from:
        return _validate_changed(args)
    checked = pipeline.checked(Path(args.data), args.as_of)
    _print_problems(checked.problems, args.lang, args.format)
    errors = sum(p.is_error for p in checked.problems)
    if args.format == "text":
        total = sum(len(v) for v in checked.loaded.records.values())
        files = len(checked.loaded.hashes)  # a file that did not parse counts here, not among the records
        if args.lang == "vi":
            msg = (f"Đã kiểm tra {files} tệp ({total} hồ sơ đọc được): {errors} lỗi, "
                   f"{len(checked.problems) - errors} cảnh báo.")
        else:
            msg = f"Checked {files} files ({total} records read): {errors} errors, {len(checked.problems) - errors} warnings."
        print(msg, file=sys.stderr)
    return 1 if errors else 0


def _validate_changed(args: argparse.Namespace) -> int:
    try:
        _, problems, files, how = check_changed(Path(args.data), args.as_of, args.changed_from)
    except GitError as exc:
        print(f"Không so sánh được với “{args.changed_from}” bằng git: {exc}" if args.lang == "vi"
              else f"Cannot compare with “{args.changed_from}” using git: {exc}", file=sys.stderr)
        return 2
    _print_problems(problems, args.lang, args.format)
    errors = sum(p.is_error for p in problems)
    if args.format == "text":
        if args.lang == "vi":
            mode = "kiểm tra toàn bộ, lọc theo tệp đã đổi" if how.startswith("full") else "chỉ các tệp đã đổi"
            msg = (f"Đã kiểm tra {files} tệp thay đổi so với {args.changed_from} ({mode}): "
                   f"{errors} lỗi, {len(problems) - errors} cảnh báo.")
        else:
            msg = (f"Checked {files} files changed since {args.changed_from} ({how}): "
                   f"{errors} errors, {len(problems) - errors} warnings.")
        print(msg, file=sys.stderr)
    return 1 if errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    result = pipeline.build(Path(args.data), Path(args.out), args.as_of)
    _print_problems(result.problems, args.lang, "text", sys.stderr)
    if has_errors(result.problems):
        print("Không xuất bản: dữ liệu còn lỗi, trang cũ được giữ nguyên." if args.lang == "vi"
              else "Not published: the data has errors; the previous site is untouched.", file=sys.stderr)
        return 1
    print(f"Đã xây dựng {result.pages} trang và {result.files} tệp vào {args.out} "
          f"(số liệu tính đến {args.as_of.isoformat()}).", file=sys.stderr)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """The consolidated periodic report of one period, as XLSX and CSV files in --out."""
    try:
        period = stats.parse_period(args.period)
    except stats.PeriodError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    checked = pipeline.checked(Path(args.data), args.as_of)
    _print_problems(checked.problems, args.lang, "text", sys.stderr)
    if has_errors(checked.problems):
        print("Không lập báo cáo: dữ liệu còn lỗi, sửa các lỗi trên rồi chạy lại.", file=sys.stderr)
        return 1
    portal = pipeline.model_of(checked, args.as_of)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in report.files(portal, period).items():
        (out / name).write_bytes(data)
        print(out / name)
    note = " (kỳ chưa kết thúc: số liệu tạm tính)" if period.end >= args.as_of else ""
    print(f"Đã lập báo cáo tổng hợp kỳ {period.label} ({period.title.lower()}), số liệu tính đến "
          f"{args.as_of.isoformat()}{note}.", file=sys.stderr)
    return 0


def cmd_scan_history(args: argparse.Namespace) -> int:
    """Personal data in every earlier version of every record file (git history)."""
    try:
        leaks = scan(Path(args.data))
    except GitError as exc:
        print(f"Không đọc được lịch sử git của “{args.data}”: {exc}" if args.lang == "vi"
              else f"Cannot read the git history of “{args.data}”: {exc}", file=sys.stderr)
        return 2
    for line in report_lines(leaks, args.lang):
        print(line)
    versions = len({(leak.version.path, leak.version.blob) for leak in leaks})
    if args.lang == "vi":
        advice = (" Xem hướng dẫn “Khi lỡ đưa dữ liệu cá nhân lên” để xóa chúng khỏi lịch sử." if leaks else "")
        print(f"Lịch sử git: {len(leaks)} chỗ có dữ liệu cá nhân trong {versions} phiên bản tệp.{advice}",
              file=sys.stderr)
    else:
        print(f"Git history: {len(leaks)} personal-data hits in {versions} file versions.", file=sys.stderr)
    return 1 if leaks else 0


def cmd_pr_summary(args: argparse.Namespace) -> int:
    """The pull request's summary in Vietnamese Markdown (stdout or --out); exit 0 even when the
    data has errors (the validate step is the one that fails), 2 when git cannot compare."""
    try:
        text, _ = summary(Path(args.data), args.as_of, args.changed_from, args.preview_url or "")
    except GitError as exc:
        print(f"Không so sánh được với “{args.changed_from}” bằng git: {exc}", file=sys.stderr)
        return 2
    if args.out:
        tmp = Path(args.out).with_name(Path(args.out).name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.out)
    else:
        sys.stdout.write(text)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return serve(Path(args.data), Path(args.out), args.as_of, args.port)


def cmd_synth(args: argparse.Namespace) -> int:
    counts = synthesise(args.records, Path(args.out), seed=args.seed, as_of=args.as_of)
    print(f"Đã tạo dữ liệu tổng hợp vào {args.out}: "
          + ", ".join(f"{name} {n}" for name, n in counts.items()) + ".", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """A new record written for the clerk (generator/author/new.py)."""
    try:
        lines = new_record(Request(Path(args.data), args.kind, args.unit, args.year, args.plan, args.id))
    except NewError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    """A citable release of the open data, kept in the data folder (generator/release.py)."""
    try:
        made = cut(Path(args.data), args.as_of, args.id)
    except ReleaseError as exc:
        print(f"{exc} Không ghi gì.", file=sys.stderr)
        return 2
    _print_problems(made.problems, args.lang, "text", sys.stderr)
    if has_errors(made.problems):
        print("Không phát hành: dữ liệu còn lỗi, sửa các lỗi trên rồi chạy lại. Không ghi gì.", file=sys.stderr)
        return 1
    counts = {k: len(v) for k, v in made.changes.items()}
    print(f"Đã tạo bản phát hành {made.id}: {made.zip_path} và tệp kê khai cạnh nó ({counts['added']} hồ sơ thêm, "
          f"{counts['changed']} sửa, {counts['withdrawn']} rút). Commit thư mục phat-hanh/ rồi xây dựng lại cổng "
          "để công bố.", file=sys.stderr)
    return 0


def cmd_aggregate(args: argparse.Namespace) -> int:
    """Several portals' Data Packages merged into one (generator/aggregate.py)."""
    try:
        counts = aggregate(args.sources, Path(args.out))
    except AggregateError as exc:
        print(str(exc) + " Không ghi gì vào " + args.out + ".", file=sys.stderr)
        return 2
    print(f"Đã gộp {len(args.sources)} gói dữ liệu vào {args.out}: "
          + ", ".join(f"{name} {n}" for name, n in counts.items()) + ".", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="giaitrinh", description="Giải trình mở: kiểm tra dữ liệu và xây dựng cổng công khai trách nhiệm giải trình.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
        sp.add_argument("--as-of", type=_date, default=dt.date.today(),
                        help="ngày tính số liệu YYYY-MM-DD (mặc định: hôm nay)")
        sp.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ thông báo (mặc định: vi)")

    v = sub.add_parser("validate", help="kiểm tra dữ liệu, liệt kê mọi lỗi")
    common(v)
    v.add_argument("--format", choices=("text", "json", "github", "gitlab"), default="text",
                   help="định dạng kết quả: text (mặc định), json, github (chú thích pull request), gitlab (Code Quality)")
    v.add_argument("--changed-from", metavar="REF",
                   help="chỉ báo lỗi của các tệp đã thay đổi so với REF trong git (ví dụ origin/main); "
                        "mã, khóa ngoại vẫn đối chiếu với toàn bộ dữ liệu")
    v.add_argument("--explain", metavar="MÃ",
                   help="giải thích một mã lỗi (ví dụ missing-value): thông báo, cách sửa, ví dụ; không kiểm tra dữ liệu")
    v.set_defaults(func=cmd_validate)

    ps = sub.add_parser("pr-summary", help="tóm tắt một pull request bằng tiếng Việt (Markdown): hồ sơ thêm, sửa, "
                                           "rút công khai, thời hạn tính được, lỗi và cách sửa")
    common(ps)
    ps.add_argument("--changed-from", metavar="REF", required=True, help="so với REF trong git (ví dụ origin/main)")
    ps.add_argument("--out", help="ghi bản tóm tắt vào tệp này (mặc định: in ra màn hình)")
    ps.add_argument("--preview-url", default=os.environ.get("GIAITRINH_PREVIEW_URL", ""),
                    help="địa chỉ bản xem trước của cổng (mặc định: biến môi trường GIAITRINH_PREVIEW_URL)")
    ps.set_defaults(func=cmd_pr_summary)

    b = sub.add_parser("build", help="kiểm tra rồi xây dựng cổng tĩnh")
    common(b)
    b.add_argument("--out", default="site", help="thư mục xuất bản (mặc định: site)")
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("publish", help="đăng cổng đã xây dựng lên nơi lưu trữ, chỉ gửi các tệp đã thay đổi")
    d.add_argument("--out", default="site", help="thư mục cổng đã xây dựng, như của build (mặc định: site)")
    d.add_argument("--to", required=True, metavar="DEST",
                   help="nơi đăng: thư mục trên máy (/var/www/giai-trinh), rsync/SFTP (user@may-chu:/duong/dan) "
                        "hoặc remote của rclone (ten:duong/dan)")
    d.add_argument("--via", choices=VIAS, default="auto",
                   help="cách gửi: auto (đoán theo DEST, mặc định), copy (chép thư mục), rsync, rclone")
    d.add_argument("--dry-run", action="store_true", help="chỉ liệt kê tệp sẽ gửi (+) và sẽ xóa (-), không gửi gì")
    d.set_defaults(func=cmd_publish, lang="vi")

    r = sub.add_parser("report", help="lập báo cáo tổng hợp định kỳ (XLSX và CSV) cho một kỳ")
    common(r)
    r.add_argument("--period", required=True, help="kỳ báo cáo: năm (2026) hoặc 6 tháng (2026-H1, 2026-H2)")
    r.add_argument("--out", default="bao-cao", help="thư mục ghi tệp báo cáo (mặc định: bao-cao)")
    r.set_defaults(func=cmd_report)

    h = sub.add_parser("scan-history", help="tìm dữ liệu cá nhân trong mọi phiên bản cũ của hồ sơ (lịch sử git)")
    h.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    h.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ thông báo (mặc định: vi)")
    h.set_defaults(func=cmd_scan_history)

    s = sub.add_parser("serve", help="xem trước cổng, tự xây dựng lại khi dữ liệu thay đổi")
    common(s)
    s.add_argument("--out", default="site", help="thư mục xuất bản (mặc định: site)")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)

    n = sub.add_parser("new", help="tạo hồ sơ mới có sẵn mọi trường và hướng dẫn, với mã tiếp theo của đơn vị")
    n.add_argument("kind", metavar="KIND", help="loại hồ sơ: " + ", ".join(k.name for k in KINDS))
    n.add_argument("--unit", help="mã đơn vị (cột id của data/units.csv), ví dụ xa-thien-tan")
    n.add_argument("--year", help="năm của hồ sơ, dùng để đánh mã (mặc định: năm nay)")
    n.add_argument("--plan", help="với task: mã kế hoạch nhận nhiệm vụ (mặc định: kế hoạch của năm)")
    n.add_argument("--id", help="với withdrawal: mã yêu cầu giải trình cần rút công khai")
    n.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    n.set_defaults(func=cmd_new, lang="vi")

    y = sub.add_parser("synth", help="tạo một tỉnh giả lập (dữ liệu tổng hợp) để thử tải và đo hiệu năng")
    y.add_argument("--records", type=int, default=1000, help="số hồ sơ cần tạo (mặc định: 1000)")
    y.add_argument("--out", required=True, help="thư mục dữ liệu sẽ tạo (bị xóa và ghi lại)")
    y.add_argument("--seed", type=int, default=53, help="hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu")
    y.add_argument("--as-of", type=_date, default=dt.date(2026, 11, 23),
                   help="ngày mốc: không có sự kiện nào sau ngày này (mặc định: 2026-11-23)")
    y.set_defaults(func=cmd_synth)

    t = sub.add_parser("template", help="tạo bảng tính Excel mẫu để nhập hồ sơ (ghi ra tệp: thêm > mau.xlsx)")
    t.add_argument("kind", metavar="KIND", help="loại hồ sơ: " + ", ".join(sheets.KINDS) + " hoặc all")
    t.add_argument("--out", help="tệp .xlsx cần ghi (mặc định: ghi ra đầu ra chuẩn)")
    t.set_defaults(func=sheets.cmd_template, lang="vi")

    i = sub.add_parser("import", help="nhập hồ sơ từ bảng tính Excel (.xlsx) hoặc CSV, kiểm tra rồi mới ghi")
    i.add_argument("file", metavar="FILE", help="tệp .xlsx hoặc .csv")
    i.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    i.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và liệt kê thay đổi, không ghi")
    i.add_argument("--kind", help="loại hồ sơ của tệp CSV (mặc định: đoán theo tiêu đề cột)")
    i.add_argument("--as-of", type=_date, default=dt.date.today(), help="ngày tính số liệu YYYY-MM-DD (mặc định: hôm nay)")
    i.set_defaults(func=sheets.cmd_import, lang="vi")

    e = sub.add_parser("export-sheet", help="xuất hồ sơ của một đơn vị ra bảng tính theo mẫu nhập")
    e.add_argument("--unit", required=True, help="mã đơn vị, ví dụ xa-thien-tan")
    e.add_argument("--data", default="data", help="thư mục dữ liệu (mặc định: data)")
    e.add_argument("--out", help="tệp .xlsx cần ghi (mặc định: ghi ra đầu ra chuẩn)")
    e.set_defaults(func=sheets.cmd_export_sheet, lang="vi")
    rl = sub.add_parser("release", help="tạo bản phát hành dữ liệu mở có mã để trích dẫn (ghi vào data/phat-hanh/)")
    common(rl)
    rl.add_argument("--id", help="mã bản phát hành năm-tháng-ngày.số (mặc định: ngày --as-of và số tiếp theo của ngày đó)")
    rl.set_defaults(func=cmd_release)

    g = sub.add_parser("aggregate", help="gộp gói dữ liệu mở của nhiều cổng (tỉnh) thành một gói")
    g.add_argument("sources", metavar="SITE_OR_URL", nargs="+",
                   help="thư mục cổng đã xây dựng, tệp datapackage.json, hoặc địa chỉ http(s)://…/datapackage.json")
    g.add_argument("--out", required=True, help="thư mục ghi gói dữ liệu tổng hợp (được thay toàn bộ)")
    g.set_defaults(func=cmd_aggregate, lang="vi")
    return p


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `giaitrinh validate | head` ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = parser().parse_args(argv)
    if getattr(args, "data", None) is not None and not Path(args.data).is_dir():
        print(f"Không tìm thấy thư mục dữ liệu “{args.data}”. Gợi ý: chạy lệnh trong thư mục dự án "
              "(nơi có thư mục data/), hoặc chỉ rõ --data <thư mục>." if args.lang == "vi" else
              f"Data folder “{args.data}” not found. Hint: run the command in the project folder (the one "
              "holding data/), or give --data <folder>.", file=sys.stderr)
        return 2
    return args.func(args)
