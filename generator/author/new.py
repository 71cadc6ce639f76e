"""`giaitrinh new KIND --unit UNIT`: a new record written for the clerk, with the next free id of
the unit and year, every field present under a Vietnamese comment, the values to fill left empty.

Nothing is written when anything is wrong (NewError, a Vietnamese message), and no file is ever
overwritten: a new file is written beside its place and linked in only if the name is still
free. A task or a withdrawal goes into a file a clerk wrote by hand: the new lines are only ever
added at its end, and only when reading the result back gives every record of the file as
before plus the new values; otherwise nothing is written and the block is printed to paste."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import tempfile
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .. import schema as std
from ..load.data_folder import decode, read_record_file, read_table_file
from ..load.yaml_safe import parse_yaml
from . import scaffold
from .kinds import ALIASES, IdsUsedUp, Kind, by_name, named, next_id
from .yaml_text import TASKS, record_yaml, task_yaml

FIRST_YEAR = 2019  # Nghị định 59/2019/NĐ-CP: the first records of accountability
TOOL = "giaitrinh new"


class NewError(Exception):
    """Bad input: the message (Vietnamese) says what is wrong and what to write instead."""


@dataclass(frozen=True)
class Request:
    data: Path
    kind: str
    unit: str | None
    year: str | int | None = None
    plan: str | None = None
    record: str | None = None
    today: dt.date | None = None  # the day of the run (a withdrawal's date, the default year)


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    return f" Có phải ý bạn là: {', '.join(close)}?" if close else ""


def _kind(name: str) -> Kind:
    kind = named(name)
    if kind is not None:
        return kind
    kinds = by_name()
    listing = "; ".join(f"{k.name} ({k.title()})" for k in kinds.values())
    raise NewError(f"Không có loại hồ sơ “{name}”.{_did_you_mean(name, [*kinds, *ALIASES])} "
                   f"Các loại có thể tạo: {listing}.")


def _units(data: Path) -> dict[str, str]:
    path = data / "units.csv"
    if not path.is_file():
        raise NewError(f"Không thấy danh sách đơn vị {path.as_posix()} trong thư mục dữ liệu “{data.as_posix()}”. "
                       "Gợi ý: chỉ rõ --data <thư mục dữ liệu>.")
    records, _ = read_table_file(path.read_bytes(), path.as_posix(), "units")
    return {str(r.values.get("id")): str(r.values.get("name") or "") for r in records if r.values.get("id")}


def _unit(data: Path, unit: str | None) -> str:
    units = _units(data)
    if unit in units:
        return units[unit] or unit
    ids = sorted(units)
    listing = ", ".join(ids) if len(ids) <= 40 else f"{len(ids)} mã, xem cột id của {(data / 'units.csv').as_posix()}"
    what = ("Thiếu --unit <mã đơn vị>." if unit is None else
            f"Không có đơn vị “{unit}” trong {(data / 'units.csv').as_posix()}.{_did_you_mean(unit, ids)}")
    raise NewError(f"{what} Các mã đơn vị: {listing}.")


def _year(text: str | int | None, today: dt.date) -> int:
    if text is None:
        return today.year
    try:
        year = int(str(text).strip())
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= today.year + 1:
        raise NewError(f"Năm “{text}” không hợp lệ: --year nhận năm từ {FIRST_YEAR} đến {today.year + 1} "
                       f"(bốn chữ số, ví dụ {today.year}).")
    return year


def _stems(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith("."))


def _show(path: Path) -> str:
    return path.as_posix()


def _create(path: Path, text: str) -> None:
    """`text` into a new file at `path`, whole or not at all, never over an existing file."""
    if path.exists():
        raise NewError(f"Tệp {_show(path)} đã có: không ghi đè. Mở tệp đó để sửa, hoặc chạy lại lệnh để lấy mã mới.")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".new-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # fails if the name was taken meanwhile: nothing is overwritten
        except FileExistsError:
            raise NewError(f"Tệp {_show(path)} vừa được tạo bởi người khác: không ghi đè. Chạy lại lệnh.") from None
    finally:
        os.unlink(tmp)


def _append(path: Path, old: bytes, addition: str) -> None:
    """`addition` at the end of `path`, swapped in whole, if the file still holds `old`."""
    if path.read_bytes() != old:
        raise NewError(f"Tệp {_show(path)} vừa thay đổi trong lúc ghi: chạy lại lệnh.")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".new-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(old + addition.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _header(kind: Kind, rid: str, unit_name: str, schema: std.Schema, filled: dict[str, object]) -> str:
    required = [f.name for f in schema.input_fields if f.required and f.name not in filled]
    paragraphs = (f"{kind.title().capitalize()} mới của {unit_name}, mã {rid} (tạo bằng lệnh {TOOL} {kind.name}).",
                  f"Điền các trường BẮT BUỘC ({', '.join(required)}); trường tùy chọn chưa dùng thì để trống.",
                  scaffold.TEXT_HINT,
                  "Dòng bắt đầu bằng # là hướng dẫn, giữ hay xóa đều được. Xong chạy: giaitrinh validate")
    return "\n".join(line for p in paragraphs for line in textwrap.wrap(p, scaffold.WRAP))


def _next_steps(path: Path, schema: std.Schema, filled: dict[str, object], data: Path) -> list[str]:
    todo = [f"{f.name} ({f.title})" for f in schema.input_fields if f.required and f.name not in filled]
    return ["Việc tiếp theo:",
            f"  1. Mở tệp {_show(path)} và điền các trường bắt buộc: {', '.join(todo)}." if todo else
            f"  1. Mở tệp {_show(path)} và kiểm tra các giá trị đã điền sẵn.",
            "     Trường tùy chọn chưa dùng thì để trống; dòng bắt đầu bằng # là hướng dẫn.",
            f"  2. Chạy: giaitrinh validate --data {_show(data)} — mỗi trường bắt buộc còn trống được báo "
            "“Thiếu trường bắt buộc”; sửa đến khi hết lỗi.",
            "  3. Gửi tệp lên bằng một pull request như mọi thay đổi khác."]


def new_record(req: Request) -> list[str]:
    """Write the new record (or add it to its file); the lines to print, in Vietnamese."""
    kind = _kind(req.kind)
    if req.plan is not None and kind.mode != "task":
        raise NewError(f"--plan chỉ dùng với loại task (thêm nhiệm vụ vào một kế hoạch), không dùng với {kind.name}.")
    if req.record is not None and kind.mode != "withdrawal":
        raise NewError(f"--id chỉ dùng với loại withdrawal (rút công khai một yêu cầu giải trình), không dùng với {kind.name}.")
    unit_name = _unit(req.data, req.unit)
    req = replace(req, today=req.today or dt.date.today())
    year = _year(req.year, req.today)
    if kind.mode == "task":
        return _new_task(req, kind, year)
    if kind.mode == "withdrawal":
        return _withdrawal(req, kind)
    folder = req.data / req.unit / kind.folder
    try:
        rid, fills = next_id(kind, req.unit, year, _stems(folder))
    except IdsUsedUp as used:
        raise NewError(f"Đơn vị {req.unit} đã có đủ {kind.title()} của năm {year} ({used}): sửa tệp có sẵn "
                       "hoặc chọn năm khác bằng --year.") from None
    filled = {"id": rid, "unit": req.unit, **fills}
    schema = kind.schema
    text = record_yaml(kind.resource, scaffold.blank(schema, filled), scaffold.comments(schema, filled),
                       header=_header(kind, rid, unit_name, schema, filled))
    path = folder / f"{rid}.yaml"
    _create(path, text)
    return [f"Đã tạo tệp {_show(path)}: {kind.title()} mới của {unit_name}, mã {rid}.",
            *_next_steps(path, schema, filled, req.data)]


def _file(folder: Path, stem: str) -> Path:
    """The record file of `stem` in `folder` (.yaml, or .yml when that is how it was saved)."""
    path = folder / f"{stem}.yaml"
    return path if path.is_file() else folder / f"{stem}.yml"


def _plan_file(req: Request, year: int) -> Path:
    folder = req.data / req.unit / std.FOLDERS["plans"]
    plans = _stems(folder)
    if req.plan is not None:
        if req.plan not in plans:
            listing = ", ".join(plans) or "chưa có kế hoạch nào"
            raise NewError(f"Đơn vị {req.unit} không có kế hoạch “{req.plan}”.{_did_you_mean(req.plan, plans)} "
                           f"Các kế hoạch của đơn vị: {listing}.")
        return _file(folder, req.plan)
    of_year = [p for p in plans if p == f"{req.unit}-kh-{year}" or p.startswith(f"{req.unit}-kh-{year}-")]
    if len(of_year) == 1:
        return _file(folder, of_year[0])
    if not of_year:
        raise NewError(f"Đơn vị {req.unit} chưa có kế hoạch năm {year}"
                       + (f" (các kế hoạch có: {', '.join(plans)}; chọn bằng --plan)" if plans else "")
                       + f". Tạo kế hoạch trước: {TOOL} plan --unit {req.unit} --year {year}.")
    raise NewError(f"Đơn vị {req.unit} có {len(of_year)} kế hoạch năm {year}: {', '.join(of_year)}. "
                   "Chọn kế hoạch bằng --plan <mã kế hoạch>.")


def _read(path: Path, raw: bytes, resource: str) -> list:
    records, problems = read_record_file(raw, _show(path), resource)
    if [p for p in problems if p.is_error] or not records:
        raise NewError(f"Tệp {_show(path)} đang có lỗi: chạy giaitrinh validate, sửa lỗi của tệp rồi chạy lại lệnh.")
    return records


def _root_node(raw: bytes) -> yaml.MappingNode | None:
    text, _ = decode(raw, "<file>", 1 << 30)
    _, _, _, node = parse_yaml(text or "", "<file>")
    return node if isinstance(node, yaml.MappingNode) and not node.flow_style else None


def _adds_cleanly(path: Path, raw: bytes, addition: str, resource: str, before: list, added: list[dict]) -> bool:
    """Does the file with `addition` at its end read back as the records `before` (same values),
    then `added` (a task: the new record; a withdrawal: the new values of the one record)?"""
    records, problems = read_record_file(raw + addition.encode("utf-8"), _show(path), resource)
    if [p for p in problems if p.is_error]:
        return False
    if resource == "plans":
        return ([r.values for r in records] == [r.values for r in before] + added)
    return len(records) == 1 and records[0].values == {**before[0].values, **added[0]}


def _new_task(req: Request, kind: Kind, year: int) -> list[str]:
    path = _plan_file(req, year)
    raw = path.read_bytes()
    before = _read(path, raw, "plans")
    plan_id = str(before[0].values.get("id"))
    rid, _ = next_id(kind, req.unit, year, [str(r.values.get("id")) for r in before[1:]])
    schema = kind.schema
    filled = {"plan": plan_id, "id": rid}
    values = scaffold.blank(schema, filled)
    comments = scaffold.comments(schema, filled)
    node = _root_node(raw)
    keys = [k.value for k, _ in node.value] if node is not None else []
    last = node.value[-1][1] if node is not None and node.value else None
    sep = "" if raw.endswith(b"\n") or not raw else "\n"
    addition = None
    if keys and keys[-1] == TASKS and isinstance(last, yaml.SequenceNode) and not last.flow_style and last.value:
        addition = sep + "\n" + task_yaml(values, comments, indent=" " * last.start_mark.column)  # at the "-"
    elif node is not None and TASKS not in keys:
        addition = sep + f"{TASKS}:\n" + task_yaml(values, comments)
    want = [{"plan": plan_id, **{k: v for k, v in values.items() if k != "plan"}}]
    if addition is not None and _adds_cleanly(path, raw, addition, "plans", before, want):
        _append(path, raw, addition)
        return [f"Đã thêm nhiệm vụ {rid} vào cuối danh sách tasks của kế hoạch {plan_id}, tệp {_show(path)}.",
                *_next_steps(path, schema, filled, req.data)]
    block = task_yaml(values, comments)
    return [f"Không tự thêm được vào tệp {_show(path)} mà không sửa phần đã viết tay (danh sách tasks không "
            "nằm ở cuối tệp hoặc viết kiểu khác), nên lệnh không ghi gì vào tệp.",
            f"Hãy tự dán khối dưới đây vào cuối danh sách “{TASKS}:” của kế hoạch {plan_id}, giữ nguyên "
            "thụt lề (dấu “-” thẳng cột với các nhiệm vụ khác):",
            "", block.rstrip("\n"), "",
            *_next_steps(path, schema, filled, req.data)]


def _withdrawal(req: Request, kind: Kind) -> list[str]:
    folder = req.data / req.unit / std.FOLDERS["explanations"]
    ids = _stems(folder)
    if req.record is None or req.record not in ids:
        what = "Thiếu --id <mã yêu cầu giải trình cần rút công khai>." if req.record is None else (
            f"Đơn vị {req.unit} không có yêu cầu giải trình “{req.record}”.{_did_you_mean(req.record, ids)}")
        raise NewError(f"{what} Các yêu cầu của đơn vị: {', '.join(ids) or 'chưa có'}.")
    path = _file(folder, req.record)
    raw = path.read_bytes()
    before = _read(path, raw, "explanations")
    fields = ("withdrawn_on", "withdrawal_reason")
    there = [f for f in fields if f in before[0].values]
    if there:
        raise NewError(f"Yêu cầu {req.record} đã có trường {', '.join(there)} (đã rút công khai): sửa trực tiếp "
                       f"trong tệp {_show(path)}.")
    schema = kind.schema
    added = {"withdrawn_on": req.today, "withdrawal_reason": ""}
    comments = {"withdrawn_on": scaffold.comment(schema, schema.by_name["withdrawn_on"], True, "BẮT BUỘC khi rút"),
                "withdrawal_reason": scaffold.comment(schema, schema.by_name["withdrawal_reason"], False,
                                                      "BẮT BUỘC khi rút") + "\n"
                + "\n".join(textwrap.wrap(scaffold.TEXT_HINT, scaffold.WRAP))}
    sep = "" if raw.endswith(b"\n") else "\n"
    addition = sep + "\n" + record_yaml("explanations", added, comments)
    if _root_node(raw) is None or not _adds_cleanly(path, raw, addition, "explanations", before, [added]):
        return [f"Không tự thêm được vào tệp {_show(path)} mà không sửa phần đã viết tay, nên lệnh không ghi gì.",
                "Hãy tự dán các dòng dưới đây vào cuối tệp, sát lề trái:", "", addition.strip("\n"), ""]
    _append(path, raw, addition)
    return [f"Đã thêm ngày rút công khai {req.today.isoformat()} vào cuối tệp {_show(path)} (yêu cầu {req.record}).",
            "Việc tiếp theo:",
            "  1. Mở tệp, sửa ngày withdrawn_on nếu cần và viết lý do vào withdrawal_reason.",
            f"  2. Chạy: giaitrinh validate --data {_show(req.data)} — còn thiếu lý do thì báo "
            "“Có “withdrawn_on” nhưng thiếu “withdrawal_reason””.",
            "  3. Gửi lên bằng một pull request. Trang của yêu cầu vẫn giữ địa chỉ và hiện thông báo đã rút."]
