"""`giaitrinh pr-summary --changed-from REF`: one Vietnamese Markdown summary of a pull request
for the reviewer and the clerk: the records it adds, changes, withdraws or deletes (the files
at REF, read from git, against the working tree), each explanation request with the deadlines,
status and timeliness the legal clock computes for it, the problems of the changed files with
their fixes, and the preview link.

It reads only the changed files and the settings (as `validate --changed-from` does), so it
costs about the same on 100,000 records as on the sample."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import schema as std
from .check import settings as settings_stage
from .check.against_schema import typed
from .check.settings import Settings
from .load.data_folder import Record, classify, kind_of, read_record_file
from .model import history
from .problems import Problem
from .pull_request import changes, check_changed, git_bytes
from .rules import clock
from .speed import parse_cache as load

MARKER = "<!-- giaitrinh-pr-summary -->"  # the workflow finds its own comment by it, to update it
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Entry:
    what: str  # added | changed | withdrawn | deleted
    path: str
    resource: str
    record: Record | None  # as it is now (None: deleted)
    before: Record | None  # as it was at REF (None: added)


def summary(data_dir: Path, as_of: dt.date, ref: str, preview_url: str = "") -> tuple[str, list[Problem]]:
    """The Markdown summary and the problems of the changed files."""
    ch = changes(data_dir, ref)
    _, problems, _, _ = check_changed(data_dir, as_of, ref)
    context = [Path(f) for f in ch.at_ref if "/" not in f and kind_of(f) in ("settings", "table")]
    records = [f for f in ch.files if kind_of(f) == "record"]
    loaded = load.load(data_dir, files=sorted(set(context) | {Path(f) for f in records}))
    conf = settings_stage.read(loaded)
    entries = _entries(data_dir, ref, ch.at_ref, records, [f for f in ch.removed if kind_of(f) == "record"], loaded)
    return render(entries, problems, conf, as_of, ref, preview_url), problems


def _shown(data_dir: Path, rel: str) -> str:
    base = data_dir.as_posix()
    return rel if base == "." else f"{base}/{rel}"


def _at_ref(data_dir: Path, blob: str, shown: str, resource: str) -> Record | None:
    raw = git_bytes(data_dir, "cat-file", "blob", blob)
    recs, _ = read_record_file(raw, shown, resource)
    return next((r for r in recs if r.resource == resource), None)


def _entries(data_dir: Path, ref: str, at_ref: dict[str, str], records: list[str], removed: list[str],
             loaded) -> list[Entry]:
    now = {r.path: r for recs in loaded.records.values() for r in recs if r.resource != "plan_tasks"}
    out = []
    for rel in records:
        shown = _shown(data_dir, rel)
        resource = classify(Path(rel))[1] or ""
        rec = now.get(shown)
        before = _at_ref(data_dir, at_ref[rel], shown, resource) if rel in at_ref else None
        if before is None:
            what = "added"
        elif rec is not None and rec.values.get("withdrawn_on") and not before.values.get("withdrawn_on"):
            what = "withdrawn"
        else:
            what = "changed"
        out.append(Entry(what, shown, resource, rec, before))
    for rel in removed:
        shown = _shown(data_dir, rel)
        resource = classify(Path(rel))[1] or ""
        out.append(Entry("deleted", shown, resource, None, _at_ref(data_dir, at_ref[rel], shown, resource)))
    return out


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y} ({WEEKDAYS[day.weekday()]})"


def _no_deadline(v: dict) -> str:
    """Why an explanation request has no answer deadline (yet)."""
    if v.get("refused_on"):
        return f"không có (đã từ chối yêu cầu ngày {v['refused_on']:%d/%m/%Y})"
    if v.get("terminated_on") and not v.get("accepted_on"):
        return f"không có (đã đình chỉ giải trình ngày {v['terminated_on']:%d/%m/%Y})"
    if not v.get("accepted_on"):
        return "chưa có (tính từ ngày thông báo tiếp nhận; yêu cầu chưa được tiếp nhận)"
    return f"chưa có (đang tạm đình chỉ từ ngày {v['suspended_on']:%d/%m/%Y}, thời hạn ngừng tính)"


def clock_line(rec: Record, conf: Settings, as_of: dt.date) -> str:
    """Deadlines, status and timeliness of an explanation request, as the portal will show them."""
    sch = std.load("explanations")
    try:
        v = {f.name: typed(f, rec.values.get(f.name)) for f in sch.input_fields}
    except (ValueError, TypeError):
        return "chưa tính được thời hạn: hồ sơ còn giá trị sai kiểu (xem lỗi bên dưới)"
    if not v.get("received_on"):
        return "chưa tính được thời hạn: thiếu ngày nhận yêu cầu (received_on), xem lỗi bên dưới"
    rule = clock.rule_for(conf.rules, v["received_on"])
    if rule is None or not conf.calendar.covers(v["received_on"]):
        return "chưa tính được thời hạn: không có quy định hoặc lịch cho ngày nhận (xem lỗi bên dưới)"
    c = clock.compute(v, rule, conf.calendar, as_of)
    by = sch.by_name
    due = _day(c["answer_due_on"]) if c["answer_due_on"] else _no_deadline(v)
    return (f"hạn tiếp nhận {_day(c['accept_due_on'])}; hạn giải trình {due}; "
            f"trạng thái: {by['status'].label(c['status'])}; {by['timeliness'].label(c['timeliness']).lower()} "
            f"(tính đến {as_of:%d/%m/%Y}, theo bộ quy định “{rule.title}”)")


def _title(rec: Record | None) -> str:
    if rec is None:
        return ""
    for name in ("subject", "title", "name", "summary"):
        if rec.values.get(name):
            return f": {rec.values[name]}"
    return ""


def _changed_fields(e: Entry) -> str:
    """The changed fields by their titles, with old → new values for dates, enums and numbers
    (never a free text's old value), as the record page's history shows them."""
    if e.record is None or e.before is None:
        return ""
    old, new = e.before.values, e.record.values
    names = [k for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]
    if not names:
        return " (chỉ đổi cách viết, không đổi giá trị)"
    rows = _typed(e.before), _typed(e.record)
    if rows[0] is None or rows[1] is None:  # a value does not fit the standard: titles only
        by = std.load(e.resource).by_name if e.resource in std.RESOURCES else {}
        return f" (sửa: {', '.join(by[n].title if n in by else n for n in names)})"
    shown = [f"{c.title}: {c.old} → {c.new}" if c.old is not None else c.title
             for c in history.field_changes(e.resource, rows[0], rows[1])]
    return f" (sửa: {'; '.join(shown)})" if shown else " (chỉ đổi cách viết, không đổi giá trị)"


def _typed(rec: Record) -> dict[str, object] | None:
    return history.typed_row(rec.resource, rec.values) if rec.resource in std.RESOURCES else None


def _verdict_line(e: Entry, conf: Settings, as_of: dt.date) -> list[str]:
    """A warning when an edit of a published request turns its on-time verdict: the record page
    will publish the change."""
    if e.what != "changed" or e.resource != "explanations" or e.record is None or e.before is None:
        return []
    old, new = _typed(e.before), _typed(e.record)
    if old is None or new is None or not history.is_published(old) or not history.is_published(new):
        return []
    turned = history.verdict(e.resource, old, new, conf, as_of)
    if turned is None:
        return []
    label = std.load("explanations").by_name["timeliness"].label
    return [f"  - ⚠ Sửa ngày sau khi đã công bố làm đổi kết luận: trước {label(turned[0])}, nay {label(turned[1])}. "
            "Trang hồ sơ sẽ công bố thay đổi này trong mục “Lịch sử công bố”."]


HEADINGS = {"added": "Hồ sơ thêm mới", "changed": "Hồ sơ sửa đổi", "withdrawn": "Hồ sơ rút công khai",
            "deleted": "Tệp hồ sơ bị xóa"}


def _entry_lines(e: Entry, conf: Settings, as_of: dt.date) -> list[str]:
    rec = e.record or e.before
    rid = rec.values.get("id", PurePosixPath(e.path).stem) if rec else PurePosixPath(e.path).stem
    kind = std.load(e.resource).title if e.resource in std.RESOURCES else e.resource
    line = f"- **{rid}** ({kind}){_title(rec)} — `{e.path}`"
    if e.what == "changed":
        line += _changed_fields(e)
    if e.what == "withdrawn" and e.record is not None:
        reason = e.record.values.get("withdrawal_reason") or "chưa ghi lý do"
        line += f" — rút ngày {_date(e.record.values.get('withdrawn_on'))}, lý do: {reason}"
    if e.what == "deleted":
        line += " — tệp bị xóa: hồ sơ đã công bố thì nên rút công khai (withdrawn_on, withdrawal_reason) thay vì xóa"
    out = [line]
    if e.resource == "explanations" and e.record is not None and e.what != "withdrawn":
        out.append(f"  - {clock_line(e.record, conf, as_of)}")
    return out + _verdict_line(e, conf, as_of)


def _date(value: object) -> str:
    return f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else str(value)


def _problem_lines(problems: list[Problem]) -> list[str]:
    out = []
    for p in problems:
        level = "Lỗi" if p.is_error else "Cảnh báo"
        out.append(f"- {level} `{p.path}:{p.line}` ({p.code}): {p.message('vi')}")
    return out


def render(entries: list[Entry], problems: list[Problem], conf: Settings, as_of: dt.date, ref: str,
           preview_url: str = "") -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    lines = [MARKER, "## Tóm tắt thay đổi dữ liệu", ""]
    if errors:
        lines.append(f"❌ **Chưa hợp nhất được**: {errors} lỗi, {warnings} cảnh báo trong các tệp đã đổi. "
                     "Sửa các lỗi dưới đây rồi đẩy (push) lại; bản tóm tắt này tự cập nhật.")
    else:
        lines.append(f"✅ **Dữ liệu hợp lệ**: không có lỗi, {warnings} cảnh báo. Người duyệt có thể hợp nhất (merge); "
                     "cổng được cập nhật sau khi hợp nhất.")
    counts = {w: sum(e.what == w for e in entries) for w in HEADINGS}
    lines += ["", f"So với `{ref}`: {counts['added']} thêm mới, {counts['changed']} sửa đổi, "
                  f"{counts['withdrawn']} rút công khai, {counts['deleted']} xóa."]
    if preview_url:
        lines += ["", f"Xem trước cổng: {preview_url}"]
    for what, heading in HEADINGS.items():
        chosen = [e for e in entries if e.what == what]
        if chosen:
            lines += ["", f"### {heading}", ""]
            for e in chosen:
                lines += _entry_lines(e, conf, as_of)
    if problems:
        lines += ["", "### Lỗi và cảnh báo, kèm cách sửa", ""] + _problem_lines(problems)
    return "\n".join(lines) + "\n"
