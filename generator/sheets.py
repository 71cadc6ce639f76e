"""The spreadsheet commands: `giaitrinh template`, `giaitrinh import`, `giaitrinh export-sheet`
(generator/cli.py only declares their options). The workbook itself is made and read in
generator/author/sheets_*.py; here the data folder is loaded and checked with the would-be files
by the project's own pipeline (build.checked with an overlay), and the exit code decided."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build as pipeline
from . import schema as std
from .author import sheets_import
from .author.sheets_layout import KINDS, kind_named
from .author.sheets_read import read
from .author.sheets_template import workbook
from .problems import Problem
from .speed import parse_cache


def cmd_template(args: argparse.Namespace) -> int:
    if args.kind == "all":
        kinds = KINDS
    else:
        kind = kind_named(args.kind)
        if kind is None:
            return _unknown_kind(args.kind)
        kinds = (kind,)
    return _emit(workbook(kinds), args.out)


def cmd_export_sheet(args: argparse.Namespace) -> int:
    loaded = parse_cache.load(Path(args.data))
    plans = {r.path for r in loaded.records["plans"] if r.values.get("unit") == args.unit}
    records = {kind: [r.values for r in loaded.records[kind]
                      if (r.path in plans if kind == "plan_tasks" else r.values.get("unit") == args.unit)]
               for kind in KINDS}
    if not any(records.values()):
        units = sorted({str(r.values.get("id")) for r in loaded.records["units"]})
        print(f"Đơn vị “{args.unit}” không có hồ sơ nào trong {args.data}. Gợi ý: mã đơn vị là một trong: "
              + ", ".join(units) + ".", file=sys.stderr)
        return 2
    code = _emit(workbook(KINDS, records), args.out)
    if code == 0:
        print(f"Đã xuất {sum(len(v) for v in records.values())} hồ sơ của {args.unit}: "
              + "; ".join(f"{std.load(k).title.lower()}: {len(v)}" for k, v in records.items() if v) + ".",
              file=sys.stderr)
    return code


def cmd_import(args: argparse.Namespace) -> int:
    path, data_dir = Path(args.file), Path(args.data)
    if not path.is_file():
        print(f"Không tìm thấy tệp “{args.file}”.", file=sys.stderr)
        return 2
    kind = None
    if args.kind:
        kind = kind_named(args.kind)
        if kind is None:
            return _unknown_kind(args.kind)
    data = read(path, kind)
    changes, given = sheets_import.plan(data, parse_cache.load(data_dir), data_dir, args.as_of)
    files = sheets_import.yaml_files(changes)
    errors, warnings = _checked(changes, files, data, data_dir, args.as_of) if files else ([], [])
    for line in [p.line_text() for p in data.problems] + errors + warnings:
        print(line)
    if errors or _errors(data.problems):
        return _nothing_written(len(errors) + sum(p.is_error for p in data.problems))
    for change in changes:
        print(f"{'Thêm' if change.new else 'Sửa'} {data_dir.as_posix()}/{change.key}")
        if not change.new:
            for line in change.diff:
                print(f"  {line}")
    for g in given:
        print(f"Mã mới {g.id}: trang “{g.sheet}”, dòng {g.row} (ô mã để trống).")
    if not changes:
        print(f"Không có gì thay đổi: {len(data.rows)} dòng của “{path.name}” trùng với dữ liệu.", file=sys.stderr)
        return 0
    new = sum(c.new for c in changes)
    if args.dry_run:
        print(f"Chạy thử: sẽ thêm {new} và sửa {len(changes) - new} tệp; chưa ghi gì. "
              "Chạy lại không có --dry-run để ghi.", file=sys.stderr)
        return 0
    sheets_import.write(data_dir, files)
    print(f"Đã nhập “{path.name}”: thêm {new}, sửa {len(changes) - new} tệp hồ sơ trong {data_dir.as_posix()}. "
          "Xem lại các tệp vừa ghi, rồi gửi đề nghị cập nhật như Hướng dẫn cho cán bộ, mục 8.", file=sys.stderr)
    return 0


def _checked(changes: list[sheets_import.Change], files: dict[str, bytes], data, data_dir: Path,
             as_of) -> tuple[list[str], list[str]]:
    """The whole data set checked as if the files were written; an error of another file counts
    only when the data as it is has not got it already."""
    errors, warnings, others = sheets_import.sort_out(changes, files, data, data_dir,
                                                      pipeline.checked(data_dir, as_of, overlay=files).problems)
    if others:
        before = set(pipeline.checked(data_dir, as_of).problems)
        errors += [p.line_text() for p in others if p not in before]
    return errors, warnings


def _errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def _nothing_written(errors: int) -> int:
    print(f"Không ghi tệp nào: {errors} lỗi ở trên. Sửa các ô đã nêu trong Excel, lưu lại rồi nhập lại.",
          file=sys.stderr)
    return 1


def _unknown_kind(word: str) -> int:
    print(Problem("giaitrinh", 1, "sheet-kind-unknown", value=word,
                  extra=(("choices", ", ".join((*KINDS, "all"))),)).message(), file=sys.stderr)
    return 2


def _emit(data: bytes, out: str | None) -> int:
    """The workbook into --out (written beside it, then renamed), or to a redirected stdout."""
    if out:
        sheets_import.write(Path(out).parent, {Path(out).name: data})
        return 0
    if sys.stdout.isatty():
        print("Không ghi bảng tính ra màn hình: thêm > mau.xlsx vào cuối lệnh, hoặc dùng --out mau.xlsx.",
              file=sys.stderr)
        return 2
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0
