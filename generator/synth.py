"""A synthetic province: a data folder of N records that `validate` and `build` take as is.

Deterministic (one seeded random generator, stable iteration order) and valid by
construction: every date is placed with the portal's own legal clock and calendar, so the
mix of outcomes (on time, late, overdue, refused, extended, suspended, withdrawn…) is what
the real computation will report. Used by the benchmark (bench/benchmark.py) and the tests.

Proportions (SHARE) follow a province of about 200 units over ten years (2017–2026).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import textwrap
from pathlib import Path

import holidays

from . import synth_proactive, synth_regulations
from .catalogue.guess import slug
from .check import settings
from .load import data_folder as load
from .rules import clock
from .schema import FOLDERS
from .synth_units import Unit, make_units, units_csv
from .synth_words import (
    ANSWER_PARTS,
    CHANNELS,
    COMMITMENTS,
    EXTENSIONS,
    FIELD_WEIGHTS,
    PLACES,
    PLAN_TASKS,
    REFUSALS,
    REQUEST_DETAILS,
    REQUEST_OPENINGS,
    REQUESTERS,
    TOPICS,
)

ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 2017, 2026
DEFAULT_AS_OF = dt.date(2026, 11, 23)
DAY = dt.timedelta(days=1)
SHARE = {"explanations": 0.70, "follow_ups": 0.11, "meetings": 0.10, "reports": 0.06, "plans": 0.02, "regulations": 0.01,
         "proactive_explanations": 0.01}

# An earlier rule so that requests received before Nghị định 59/2019 have a clock too: Nghị
# định 90/2013/NĐ-CP set the same periods (5 working days to accept, 15 days to explain).
EARLIER_RULE = """\
  - id: nd-90-2013
    effective_from: 2013-10-01
    title: Nghị định 90/2013/NĐ-CP quy định trách nhiệm giải trình của cơ quan nhà nước
    sources:
      - {source: nd-90-2013, article: "(dữ liệu tổng hợp)"}
    accept_working_days: 5
    answer_days: 15
    answer_day_kind: calendar
    extension_max_days: 15
    max_extensions: 1
"""


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _text(value: str) -> str:
    """A YAML scalar: a folded block for long text, quoted when plain would be ambiguous."""
    if len(value) > 90:
        return ">\n" + "\n".join("  " + line for line in textwrap.wrap(value, 92)) + "\n"
    if re.fullmatch(r"[^\s:#\-?{}\[\],&*!|>'\"%@`][^:#]*[^\s:#]", value) and not re.fullmatch(r"[\d.\-]+", value):
        return value + "\n"
    return json.dumps(value, ensure_ascii=False) + "\n"


def _record(values: dict[str, object]) -> str:
    out = []
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out.append(f"{key}: {'true' if value else 'false'}\n")
        elif isinstance(value, (int, dt.date)):
            out.append(f"{key}: {value}\n" if not isinstance(value, dt.date) else f"{key}: {value.isoformat()}\n")
        else:
            out.append(f"{key}: {_text(str(value))}")
    return "".join(out)


class Province:
    """Generates the records of one synthetic province, with the portal's clock and calendar."""

    def __init__(self, rng: random.Random, units: list[Unit], conf: settings.Settings, as_of: dt.date):
        self.rng, self.units, self.conf, self.as_of = rng, units, conf, as_of
        self.cal = conf.calendar
        self.start = dt.date(FIRST_YEAR, 1, 1)
        # Communes and the busiest departments receive most requests.
        self.weights = [8 if u.kind in ("so", "ubnd_phuong") else 5 if u.kind == "ubnd_xa" else 2 for u in units]
        self.explanation_ids: list[str] = []
        self.meeting_ids: list[str] = []

    def unit(self) -> Unit:
        return self.rng.choices(self.units, weights=self.weights)[0]

    def day(self, first: dt.date | None = None, last: dt.date | None = None) -> dt.date:
        first, last = first or self.start, last or self.as_of
        return first + dt.timedelta(days=self.rng.randrange((last - first).days + 1))

    def working_after(self, day: dt.date, n: int) -> dt.date:
        return self.cal.add_working_days(day, n)

    def explanation(self, u: Unit, seq: int) -> tuple[str, dict]:
        rng, as_of = self.rng, self.as_of
        received = self.cal.roll_forward(self.day(last=as_of - 2 * DAY))
        if received > as_of:
            received = as_of
        rid = f"{u.id}-{received.year}-{seq:04d}"
        fld = _pick(rng, FIELD_WEIGHTS)
        topic = rng.choice(TOPICS[fld])
        place = rng.choice(PLACES)
        who_type = _pick(rng, REQUESTERS)
        who = {"citizen": "Công dân", "organisation": "Tổ chức", "business": "Doanh nghiệp",
               "press": "Cơ quan báo chí", "elected_body": "Đại biểu Hội đồng nhân dân"}[who_type]
        request = " ".join([rng.choice(REQUEST_OPENINGS).format(who=who, unit=u.name, topic=topic, place=place),
                            *rng.sample(REQUEST_DETAILS, 2)])
        v: dict[str, object] = {
            "id": rid, "unit": u.id, "received_on": received, "channel": _pick(rng, CHANNELS),
            "requester_type": who_type,
            "requester_initials": f"{rng.choice('NTLPHVĐBD')}.{rng.choice('VTHMQ')}.{rng.choice('ABCDHKLMNT')}."
            if who_type == "citizen" and rng.random() < 0.6 else None,
            "field": fld, "subject": f"Giải trình {topic} tại {place}"[:300], "request": request,
        }
        rule = clock.rule_for(self.conf.rules, received)
        roll = rng.random()
        if roll < 0.08:  # refused within the acceptance period
            refused = self.working_after(received, rng.randint(1, rule.accept_working_days))
            if refused <= as_of:
                v.update(refused_on=refused, refusal_reason=rng.choice(REFUSALS))
        else:
            late_accept = rng.random() < 0.05
            accepted = self.working_after(received, rng.randint(1, rule.accept_working_days) + (4 if late_accept else 0))
            if accepted <= as_of:
                v["accepted_on"] = accepted
                self._after_acceptance(v, u, rule, accepted, rng.random())
        if rng.random() < 0.004 and not v.get("refused_on"):
            withdrawn = self.day(received, as_of)
            v.update(withdrawn_on=withdrawn, withdrawal_reason="Hồ sơ có thông tin cá nhân công bố nhầm, đã rút để biên tập lại.")
        v["public"] = rng.random() > 0.03
        if v["public"] and rng.random() < 0.01:
            v["published_on"] = as_of + dt.timedelta(days=rng.randint(1, 20))  # scheduled publication
        return rid, v

    def _after_acceptance(self, v: dict, u: Unit, rule: clock.Rule, accepted: dt.date, roll: float) -> None:
        rng, as_of = self.rng, self.as_of
        if roll < 0.02:  # terminated
            end = accepted + dt.timedelta(days=rng.randint(1, 10))
            if end <= as_of:
                v.update(terminated_on=end, termination_reason="Người yêu cầu rút yêu cầu giải trình bằng văn bản.")
            return
        if roll < 0.03:  # suspended, most resumed
            sus = accepted + dt.timedelta(days=rng.randint(1, 8))
            if sus > as_of:
                return
            v.update(suspended_on=sus, suspension_reason="Chờ kết quả giải quyết của cơ quan có thẩm quyền khác.")
            res = sus + dt.timedelta(days=rng.randint(5, 40))
            if res <= as_of and rng.random() < 0.8:
                v["resumed_on"] = res
                due = clock.answer_due(v, rule, self.cal)
                ans = due - dt.timedelta(days=rng.randint(0, 5))
                if max(ans, res) <= as_of:
                    self._answer(v, u, max(ans, res))
            return
        if roll < 0.09:  # extended once
            ext = accepted + dt.timedelta(days=rng.randint(3, 12))
            if ext > as_of:
                return
            v.update(extended_on=ext, extension_days=rng.randint(5, rule.extension_max_days),
                     extension_reason=rng.choice(EXTENSIONS))
        due = clock.answer_due(v, rule, self.cal)
        late = rng.random() < 0.12
        span = (due - accepted).days
        ans = due + dt.timedelta(days=rng.randint(1, 25)) if late else accepted + dt.timedelta(days=rng.randint(1, max(1, span)))
        if v.get("extended_on") and ans < v["extended_on"]:
            ans = v["extended_on"]
        if ans <= as_of and rng.random() > 0.015:  # a few old requests never answered: overdue
            self._answer(v, u, ans)

    def _answer(self, v: dict, u: Unit, day: dt.date) -> None:
        rng, day = self.rng, self.cal.roll_forward(day)  # offices answer on working days (non-working-day)
        if day > self.as_of:
            return
        v.update(answered_on=day, answer=" ".join(rng.sample(ANSWER_PARTS, rng.randint(2, 4))), answered_by=u.head)

    def follow_up(self, u: Unit, seq: int) -> tuple[str, dict]:
        rng, as_of = self.rng, self.as_of
        source = rng.choices(("explanation", "inspection", "supervision", "meeting"), weights=(45, 30, 10, 15))[0]
        if source == "explanation" and self.explanation_ids:
            ref = rng.choice(self.explanation_ids)
        elif source == "meeting" and self.meeting_ids:
            ref = rng.choice(self.meeting_ids)
        else:
            source = rng.choice(("inspection", "supervision"))
            ref = f"KL {rng.randint(1, 300):02d}/KL-{'TTr' if source == 'inspection' else 'HĐND'}"
        start = self.day()
        fid = f"{u.id}-td-{start.year}-{seq:04d}"
        due = start + dt.timedelta(days=rng.randint(30, 240))
        status = rng.choices(("done", "in_progress", "not_started", "cancelled"), weights=(60, 25, 10, 5))[0]
        v = {"id": fid, "unit": u.id, "source_type": source, "source_ref": ref,
             "commitment": f"{rng.choice(COMMITMENTS)} tại {rng.choice(PLACES)}", "due_on": due, "status": status}
        if status == "done":
            done = due + dt.timedelta(days=rng.randint(-60, 30))
            if done > as_of:
                v["status"] = "in_progress"
            else:
                v.update(result="Đã hoàn thành; kết quả được báo cáo bằng văn bản và công khai tại trụ sở.",
                         completed_on=done, evidence=f"Báo cáo số {rng.randint(1, 400)}/BC ngày {done:%d/%m/%Y}")
        v["public"] = rng.random() > 0.05
        return fid, v

    def meeting(self, u: Unit, seq: int) -> tuple[str, dict]:
        rng = self.rng
        held = self.cal.roll_forward(self.day(last=self.as_of - 7 * DAY))
        held = min(held, self.as_of)
        mid = f"{u.id}-tcd-{held.year}-{seq:04d}"
        kind = rng.choices(("periodic_reception", "ad_hoc_reception", "dialogue"), weights=(70, 15, 15))[0]
        raised = rng.randint(0, 25)
        v = {"id": mid, "unit": u.id, "held_on": held, "kind": kind, "chaired_by": u.head,
             "participants": raised + rng.randint(0, 30), "issues_raised": raised,
             "issues_resolved": rng.randint(0, raised),
             "summary": f"Tiếp công dân tại trụ sở {u.name}. Các ý kiến chủ yếu về {rng.choice(TOPICS['dat_dai'])} "
                        f"và {rng.choice(TOPICS['thu_tuc_hanh_chinh'])}; giao bộ phận chuyên môn giải quyết, trả lời.",
             "public": rng.random() > 0.03}
        return mid, v

    def report_slots(self) -> list[tuple[Unit, int, str]]:
        schedule = {(s["level"], s["period"]): s["due"] for s in self.conf.portal.reporting_schedule}
        slots = []
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            for period in ("H1", "year"):
                for u in self.units:
                    level = "consolidated" if u.kind == "ubnd_tinh" else "unit"
                    due = schedule.get((level, period))
                    if due and dt.date(year, *map(int, due.split("-"))) <= self.as_of + 30 * DAY:
                        slots.append((u, year, period))
        return slots

    def report(self, u: Unit, year: int, period: str) -> tuple[str, dict]:
        rng = self.rng
        schedule = {(s["level"], s["period"]): s["due"] for s in self.conf.portal.reporting_schedule}
        level = "consolidated" if u.kind == "ubnd_tinh" else "unit"
        due = dt.date(year, *map(int, schedule[(level, period)].split("-")))
        rid = f"{u.id}-bc-{year}" + ("-h1" if period == "H1" else "")
        v = {"id": rid, "unit": u.id, "period": f"{year}-H1" if period == "H1" else str(year), "level": level,
             "due_on": due}
        sent = due + dt.timedelta(days=rng.randint(-10, 2) if rng.random() < 0.85 else rng.randint(3, 40))
        if sent <= self.as_of:
            v.update(submitted_on=sent, number=f"{rng.randint(1, 600)}/BC-{slug(u.short)[:8].upper()}")
        v["public"] = True
        return rid, v

    def plan(self, u: Unit, year: int) -> tuple[str, dict]:
        rng = self.rng
        issued = self.cal.roll_forward(dt.date(year, rng.randint(1, 4), rng.randint(1, 28)))
        pid = f"{u.id}-kh-{year}"
        tasks = []
        for i, title in enumerate(rng.sample(PLAN_TASKS, rng.randint(2, 5)), start=1):
            due = issued + dt.timedelta(days=rng.randint(30, 270))
            status = "done" if due < self.as_of and rng.random() < 0.8 else rng.choice(("in_progress", "not_started"))
            task = {"id": f"nv-{i:02d}", "title": title,
                    "lead_unit": u.id if rng.random() < 0.8 else rng.choice(self.units).id,
                    "due_on": due, "status": status,
                    "progress": 100 if status == "done" else 0 if status == "not_started" else rng.randint(5, 90)}
            if status == "done":
                task["evidence"] = f"Báo cáo kết quả thực hiện số {rng.randint(1, 300)}/BC ngày {due:%d/%m/%Y}"
            tasks.append(task)
        v = {"id": pid, "unit": u.id, "number": f"{rng.randint(1, 250)}/KH-{slug(u.short)[:8].upper()}",
             "title": f"Kế hoạch thực hiện trách nhiệm giải trình năm {year} của {u.name}",
             "issued_on": issued, "basis": "Luật Phòng, chống tham nhũng năm 2018; Nghị định số 59/2019/NĐ-CP"
             if year >= 2020 else "Nghị định số 90/2013/NĐ-CP", "due_on": dt.date(year, 12, 31)}
        return pid, {**v, "tasks": tasks}


def _plan_text(v: dict) -> str:
    tasks = v.pop("tasks")
    out = [_record(v), "tasks:\n"]
    for t in tasks:
        body = _record(t).splitlines(keepends=True)
        out.append("  - " + body[0] + "".join(("    " + line if line.strip() else line) for line in body[1:]))
    return "".join(out)


# The synthetic province's own "source" for the holidays of the years the sample calendar does not
# confirm: the package's days, adopted as they are. It is labelled for what it is (no legal
# document), so that a synthetic portal never passes for a real calendar.
SYNTHETIC_SOURCES = """\
  - id: nd-90-2013
    kind: nghi_dinh
    number: 90/2013/NĐ-CP
    title: Quy định trách nhiệm giải trình của cơ quan nhà nước (chỉ dùng cho dữ liệu tổng hợp)
    issuer: Chính phủ
    status: unknown
    verified: pending
  - id: lich-tong-hop
    kind: thong_bao
    number: DLTH
    title: Lịch nghỉ của dữ liệu tổng hợp (ngày nghỉ của gói holidays), không phải văn bản pháp lý
    issuer: Giải trình mở
    status: in_force
    verified: pending
"""


def copy_settings(out: Path) -> None:
    for name in ("portal.yaml", "calendar.yaml", "legal-sources.yaml"):
        shutil.copyfile(ROOT / "data" / name, out / name)
    rules = (ROOT / "data" / "rules.yaml").read_text(encoding="utf-8")
    (out / "rules.yaml").write_text(rules.replace("rules:\n", "rules:\n" + EARLIER_RULE, 1), encoding="utf-8")
    with (out / "legal-sources.yaml").open("a", encoding="utf-8") as f:
        f.write(SYNTHETIC_SOURCES)
    cal = (out / "calendar.yaml").read_text(encoding="utf-8")
    years = ", ".join(str(y) for y in range(FIRST_YEAR, LAST_YEAR + 1))
    cal = re.sub(r"^confirmed_years: \[.*\]", f"confirmed_years: [{years}]", cal, count=1, flags=re.M)
    confirmed = set(settings.read(load.load(ROOT / "data", [Path("calendar.yaml"), Path("legal-sources.yaml")]))
                    .calendar.confirmed_years)
    package = holidays.country_holidays("VN", language="vi", years=range(FIRST_YEAR, LAST_YEAR + 1))
    days = "".join(f"  - {{date: {d.isoformat()}, source: lich-tong-hop}}\n" for d in sorted(package)
                   if d.year not in confirmed and d.weekday() < 5)
    cal = cal.replace("days_off:\n", "days_off:\n" + days, 1)
    (out / "calendar.yaml").write_text(cal, encoding="utf-8")
    portal = (out / "portal.yaml").read_text(encoding="utf-8")
    (out / "portal.yaml").write_text(portal.replace("tỉnh Lạng Sơn\n", "tỉnh Lạng Sơn (dữ liệu tổng hợp)\n", 1),
                                     encoding="utf-8")


def synthesise(records: int, out: Path, seed: int = 53, as_of: dt.date = DEFAULT_AS_OF, unit_count: int = 200) -> dict[str, int]:
    """Write a data folder of about `records` record files to `out` (emptied first); return counts."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    rng = random.Random(seed)
    copy_settings(out)
    files = [Path(n) for n in ("portal.yaml", "rules.yaml", "calendar.yaml", "legal-sources.yaml")]
    conf = settings.read(load.load(out, files))
    units = make_units(rng, unit_count)
    (out / "units.csv").write_text(units_csv(units), encoding="utf-8")
    prov = Province(rng, units, conf, as_of)

    want = {name: int(records * share) for name, share in SHARE.items()}
    plan_slots = [(u, y) for y in range(FIRST_YEAR, LAST_YEAR + 1) for u in units]
    report_slots = prov.report_slots()
    want["plans"] = min(want["plans"], len(plan_slots))
    want["reports"] = min(want["reports"], len(report_slots))
    want["explanations"] = records - sum(v for k, v in want.items() if k != "explanations")

    texts: dict[Path, str] = {}
    seq = 0

    def put(resource: str, u: Unit, rid: str, text: str) -> None:
        texts[Path(u.id) / FOLDERS[resource] / f"{rid}.yaml"] = text

    for u, year in sorted(rng.sample(plan_slots, want["plans"]), key=lambda s: (s[0].id, s[1])):
        pid, v = prov.plan(u, year)
        put("plans", u, pid, _plan_text(v))
    for u, year, period in sorted(rng.sample(report_slots, want["reports"]), key=lambda s: (s[0].id, s[1], s[2])):
        rid, v = prov.report(u, year, period)
        put("reports", u, rid, _record(v))
    for _ in range(want["explanations"]):
        seq += 1
        u = prov.unit()
        rid, v = prov.explanation(u, seq)
        prov.explanation_ids.append(rid)
        put("explanations", u, rid, _record(v))
    for _ in range(want["meetings"]):
        seq += 1
        u = prov.unit()
        mid, v = prov.meeting(u, seq)
        prov.meeting_ids.append(mid)
        put("meetings", u, mid, _record(v))
    for _ in range(want["follow_ups"]):
        seq += 1
        u = prov.unit()
        fid, v = prov.follow_up(u, seq)
        put("follow_ups", u, fid, _record(v))
    for resource, make in (("regulations", synth_regulations.regulations), ("proactive_explanations", synth_proactive.proactive)):
        for u, rid, v in make(rng, units, as_of, want[resource]):
            put(resource, u, rid, _record(v))

    made: set[Path] = set()
    for rel, text in texts.items():
        folder = out / rel.parent
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        (out / rel).write_text(text, encoding="utf-8")
    return {**want, "units": len(units)}
