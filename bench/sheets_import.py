"""How long `giaitrinh import` takes on a workbook of many new records (issue 18).

    python bench/sheets_import.py [--rows 10000]

Writes a workbook of N explanations (as a clerk's own workbook: field names as headers, dates as
date serials), copies the small fixture project's data folder, and times each step of the import
in this process: reading the workbook, planning the files, writing their YAML text (record_yaml
reads every value back through the loader), and checking the whole data set with the would-be files
(generator/build.py `checked(overlay=...)`); then the whole command, `--dry-run`, in a process of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.author import sheets_import  # noqa: E402
from generator.author.sheets_read import read  # noqa: E402
from generator.build import checked  # noqa: E402
from generator.speed import parse_cache  # noqa: E402

ROW = {"id": "", "unit": "xa-a", "received_on": dt.datetime(2026, 10, 1), "channel": "Bằng văn bản",
       "requester_type": "Công dân", "field": "Đất đai", "subject": "Hỏi về việc cấp đất",
       "request": "Đề nghị giải trình việc chậm cấp giấy chứng nhận.", "public": "Có"}


def workbook(path: Path, rows: int) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("Yêu cầu giải trình")
    ws.write_row(0, 0, list(ROW))
    for i in range(rows):
        ws.write_row(i + 1, 0, [f"xa-a-2027-{i:05d}", *list(ROW.values())[1:]])
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "data"
        shutil.copytree(ROOT / "tests" / "fixtures" / "valid", data)
        book = work / "big.xlsx"
        workbook(book, args.rows)
        times = {}
        start = time.perf_counter()
        sheet = read(book)
        times["read workbook"] = time.perf_counter() - start
        start = time.perf_counter()
        changes = sheets_import.plan(sheet, parse_cache.load(data), data)
        times["plan files"] = time.perf_counter() - start
        start = time.perf_counter()
        files = sheets_import.yaml_files(changes)
        times["YAML text"] = time.perf_counter() - start
        start = time.perf_counter()
        errors, _, others = sheets_import.sort_out(changes, files, sheet, data,
                                                   checked(data, dt.date(2026, 11, 23), overlay=files).problems)
        times["check with the data set"] = time.perf_counter() - start
        assert not errors and not others and len(files) == args.rows, errors[:3]
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "import", str(book), "--data", str(data), "--dry-run",
                        "--as-of", "2026-11-23"], cwd=ROOT, check=True, capture_output=True)
        times["whole command (--dry-run, own process)"] = time.perf_counter() - start
    print(f"import of {args.rows} new records:")
    for step, seconds in times.items():
        print(f"  {step:40s} {seconds:6.1f} s")


if __name__ == "__main__":
    main()
