"""A synthetic province: a data folder of N records that `validate` and `build` take as is.

Deterministic (one seeded random generator, stable iteration order) and valid by
construction: every date is placed with the portal's own legal clock and calendar, so the
mix of outcomes (on time, late, overdue, refused, extended, suspended, withdrawn…) is what
the real computation will report. Used by the benchmark (bench/benchmark.py) and the tests.

Proportions follow a province of about 200 units over ten years (2017–2026): explanations
are about 70% of record files, then follow-ups, citizen receptions, periodic reports and
plans (each plan carries a few tasks).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import holidays

from . import clock, load, settings
from .schema import FOLDERS

ROOT = Path(__file__).resolve().parent.parent
FIRST_YEAR, LAST_YEAR = 2017, 2026
DEFAULT_AS_OF = dt.date(2026, 11, 23)
DAY = dt.timedelta(days=1)
SHARE = {"explanations": 0.70, "follow_ups": 0.12, "meetings": 0.10, "reports": 0.06, "plans": 0.02}

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

SYLLABLES = ("An Bình Châu Đông Tây Nam Bắc Hòa Hưng Phú Tân Thành Minh Quang Hồng Lộc Mỹ Phúc "
             "Thịnh Vĩnh Long Hải Sơn Lâm Trung Văn Đức Hiệp Nghĩa Thuận Lạc Hà Khánh Cường Tiến "
             "Thạch Xuân Yên Kim Ngọc Trường Thái Định Bảo Gia Đồng Tràng Lũng Pác Bắc Sơn Chi Lăng "
             "Hữu Lũng Cao Lộc Na Dương Mẫu Sơn Tú Đoạn Khuất Xá Hoàng Đồng Quan Sơn Vân Mộng").split()
DEPARTMENTS = ("Tài chính", "Xây dựng", "Nội vụ", "Tư pháp", "Y tế", "Giáo dục và Đào tạo",
               "Công Thương", "Nông nghiệp và Môi trường", "Khoa học và Công nghệ",
               "Văn hóa, Thể thao và Du lịch", "Ngoại vụ", "Dân tộc và Tôn giáo")
BRANCHES = (("bql-kkt-dong-dang", "ban", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"),
            ("bql-da-dtxd-tinh", "ban", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
            ("cong-an-tinh", "nganh", "Công an tỉnh"), ("bhxh-tinh", "nganh", "Bảo hiểm xã hội tỉnh"),
            ("cuc-thue-tinh", "nganh", "Cục Thuế tỉnh"))
SERVICE_UNITS = ("Bệnh viện Đa khoa", "Trung tâm Y tế", "Trường Trung học phổ thông", "Trung tâm Phát triển quỹ đất",
                 "Văn phòng Đăng ký đất đai, chi nhánh", "Trung tâm Dịch vụ việc làm", "Ban Quản lý rừng phòng hộ",
                 "Trung tâm Văn hóa, Thông tin và Thể thao")
PLACES = ("thôn Nà Pàn", "khối phố 3", "thôn Bản Cưởm", "khu tái định cư phía Nam", "cụm công nghiệp Hợp Thành",
          "thôn Pò Mã", "tuyến đường tỉnh 232", "khu dân cư Phai Luông", "chợ trung tâm", "thôn Khòn Phiêng",
          "khu đô thị mới Mai Pha", "bến xe phía Bắc", "thôn Nà Lầu", "khu vực cửa khẩu Tân Thanh")
TOPICS = {
    "dat_dai": ("việc chậm cấp Giấy chứng nhận quyền sử dụng đất", "phương án bồi thường, hỗ trợ khi thu hồi đất",
                "việc xác định ranh giới thửa đất", "giá đất cụ thể tính tiền bồi thường",
                "việc từ chối đăng ký biến động đất đai"),
    "xay_dung": ("việc từ chối cấp giấy phép xây dựng", "việc xử lý công trình xây dựng sai phép",
                 "chất lượng công trình đường giao thông nông thôn", "tiến độ thi công nhà văn hóa"),
    "thu_tuc_hanh_chinh": ("việc trả hồ sơ quá hạn", "yêu cầu bổ sung giấy tờ không có trong quy định",
                           "thời gian giải quyết thủ tục đăng ký kinh doanh", "việc thu phí, lệ phí"),
    "quy_hoach": ("việc điều chỉnh quy hoạch sử dụng đất", "việc công bố quy hoạch chi tiết",
                  "việc chuyển mục đích sử dụng đất trong quy hoạch", "lộ giới tuyến đường trong quy hoạch"),
    "dau_tu": ("việc lựa chọn nhà đầu tư dự án", "tiến độ dự án đầu tư công", "việc giãn tiến độ dự án",
               "ưu đãi đầu tư tại khu kinh tế"),
    "tai_chinh": ("việc sử dụng kinh phí hỗ trợ", "việc thu, chi quỹ phòng chống thiên tai",
                  "quyết toán kinh phí sự nghiệp", "việc chi trả trợ cấp xã hội"),
    "can_bo": ("kết quả tuyển dụng công chức", "việc điều động, luân chuyển cán bộ",
               "thái độ tiếp dân của công chức một cửa", "việc xếp loại viên chức"),
    "moi_truong": ("ô nhiễm từ cơ sở chăn nuôi", "việc cấp phép khai thác khoáng sản",
                   "việc thu gom, xử lý rác thải sinh hoạt", "tiếng ồn từ xưởng chế biến gỗ"),
    "chung_thuc": ("việc từ chối chứng thực hợp đồng", "thời gian chứng thực bản sao",
                   "việc chứng thực chữ ký người dịch"),
    "khac": ("việc cung cấp thông tin theo yêu cầu", "việc bố trí lịch tiếp công dân", "hoạt động của tổ hòa giải"),
}
FIELD_WEIGHTS = {"dat_dai": 30, "xay_dung": 12, "thu_tuc_hanh_chinh": 14, "quy_hoach": 8, "dau_tu": 5,
                 "tai_chinh": 8, "can_bo": 6, "moi_truong": 8, "chung_thuc": 4, "khac": 5}
REQUESTERS = {"citizen": 70, "organisation": 8, "business": 14, "press": 4, "elected_body": 4}
CHANNELS = {"in_writing": 55, "in_person": 25, "online": 20}
REQUEST_OPENINGS = ("{who} đề nghị {unit} giải trình {topic} tại {place}.",
                    "{who} yêu cầu làm rõ căn cứ pháp lý của {topic} tại {place}.",
                    "{who} phản ánh {topic} tại {place} và đề nghị cơ quan giải trình.")
REQUEST_DETAILS = ("Hồ sơ đã nộp đầy đủ theo hướng dẫn nhưng đến nay chưa nhận được văn bản trả lời.",
                   "Người yêu cầu cho rằng quyết định này ảnh hưởng trực tiếp đến quyền và lợi ích hợp pháp của mình.",
                   "Việc thực hiện chưa công khai, minh bạch và chưa đúng thời hạn đã hẹn.",
                   "Đề nghị cung cấp văn bản, tài liệu liên quan và thời hạn giải quyết cụ thể.")
ANSWER_PARTS = ("Căn cứ quy định của pháp luật hiện hành và hồ sơ lưu trữ, cơ quan đã xem xét toàn bộ nội dung yêu cầu.",
                "Đã tổ chức làm việc trực tiếp với người yêu cầu, lập biên bản và thống nhất hướng xử lý.",
                "Việc chậm trễ do hồ sơ phải lấy ý kiến của các cơ quan chuyên môn; cơ quan nghiêm túc rút kinh nghiệm.",
                "Quyết định đã ban hành đúng thẩm quyền, trình tự; người yêu cầu có quyền khiếu nại theo quy định.",
                "Cơ quan cam kết hoàn thành việc giải quyết và công khai kết quả trên Cổng thông tin điện tử.",
                "Đã giao bộ phận chuyên môn rà soát, kiểm điểm trách nhiệm cá nhân có liên quan.")
REFUSALS = ("Nội dung yêu cầu không thuộc thẩm quyền giải trình của cơ quan; đã hướng dẫn gửi đến cơ quan có thẩm quyền.",
            "Người yêu cầu không có quyền, lợi ích hợp pháp chịu tác động trực tiếp của quyết định, hành vi.",
            "Nội dung đã được giải trình trước đó và không có tình tiết mới.")
EXTENSIONS = ("Nội dung phức tạp, cần xác minh tại thực địa và lấy ý kiến của nhiều cơ quan.",
              "Cần chờ kết quả đo đạc, trích lục hồ sơ địa chính.")
TITLES = {"so": "Giám đốc {name}", "ban": "Trưởng {name}", "nganh": "Thủ trưởng {name}",
          "ubnd_tinh": "Chủ tịch UBND tỉnh", "ubnd_xa": "Chủ tịch UBND {short}", "ubnd_phuong": "Chủ tịch UBND {short}",
          "dvsn": "Giám đốc {name}", "khac": "Chánh {name}"}
COMMITMENTS = ("Hoàn thành việc cấp Giấy chứng nhận cho các hộ đủ điều kiện", "Công khai danh mục hồ sơ và thời hạn giải quyết",
               "Khắc phục các tồn tại nêu trong kết luận thanh tra", "Kiểm điểm trách nhiệm tập thể, cá nhân có liên quan",
               "Rà soát, điều chỉnh quy trình tiếp nhận hồ sơ tại bộ phận một cửa", "Thu hồi khoản chi sai quy định",
               "Tổ chức đối thoại với các hộ dân bị ảnh hưởng")
PLAN_TASKS = ("Quán triệt Chỉ thị số 53-CT/TW tới toàn thể cán bộ, công chức, viên chức",
              "Công khai quy trình tiếp nhận và giải quyết yêu cầu giải trình",
              "Cập nhật cơ sở dữ liệu giải trình và công khai trên Cổng thông tin điện tử",
              "Tổ chức đối thoại định kỳ với người dân, doanh nghiệp", "Kiểm tra việc thực hiện trách nhiệm giải trình",
              "Sơ kết, đánh giá kết quả thực hiện kế hoạch")


def slug(text: str) -> str:
    """ASCII slug of a Vietnamese name: “Tân Thành” → “tan-thanh”."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


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


@dataclass
class Unit:
    id: str
    name: str
    kind: str
    parent: str
    short: str

    @property
    def head(self) -> str:
        return TITLES[self.kind].format(name=self.name, short=self.short)


def make_units(rng: random.Random, count: int = 200) -> list[Unit]:
    units = [Unit("ubnd-tinh", "Ủy ban nhân dân tỉnh Lạng Sơn", "ubnd_tinh", "", "tỉnh"),
             Unit("van-phong-ubnd-tinh", "Văn phòng Ủy ban nhân dân tỉnh", "khac", "ubnd-tinh", "Văn phòng"),
             Unit("thanh-tra-tinh", "Thanh tra tỉnh", "nganh", "ubnd-tinh", "Thanh tra tỉnh")]
    units += [Unit(slug("so " + d), f"Sở {d}", "so", "ubnd-tinh", f"Sở {d}") for d in DEPARTMENTS]
    units += [Unit(uid, n, k, "ubnd-tinh", n) for uid, k, n in BRANCHES]
    taken = {u.id for u in units}
    communes = max(1, int((count - len(units)) * 0.72))
    services = count - len(units) - communes
    for i in range(communes):
        kind = "ubnd_phuong" if i % 5 == 0 else "ubnd_xa"
        word = "phường" if kind == "ubnd_phuong" else "xã"
        while True:
            place = " ".join(rng.sample(SYLLABLES, 2))
            uid = slug(f"{word} {place}")
            if uid not in taken:
                break
        taken.add(uid)
        units.append(Unit(uid, f"Ủy ban nhân dân {word} {place}", kind, "ubnd-tinh", f"{word} {place}"))
    for i in range(services):
        kind_name = SERVICE_UNITS[i % len(SERVICE_UNITS)]
        place = " ".join(rng.sample(SYLLABLES, 2))
        name = f"{kind_name} {place}"
        uid = f"dvsn-{slug(place)}"  # short ids: record ids built from them stay under 64 characters
        if uid in taken:
            uid = f"{uid}-{i}"
        taken.add(uid)
        units.append(Unit(uid, name, "dvsn", "ubnd-tinh", name))
    return units


def units_csv(units: list[Unit]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "name", "kind", "parent", "address", "phone", "email", "website"])
    for n, u in enumerate(units):
        host = u.id.replace("-", "")[:20]
        w.writerow([u.id, u.name, u.kind, u.parent, f"Trụ sở {u.name}, tỉnh Lạng Sơn",
                    f"0205 38{n // 100:02d} {n % 100:03d}", f"{host}@langson.gov.vn", f"https://{host}.langson.gov.vn"])
    return buf.getvalue()


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
        rng = self.rng
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

    made: set[Path] = set()
    for rel, text in texts.items():
        folder = out / rel.parent
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        (out / rel).write_text(text, encoding="utf-8")
    return {**want, "units": len(units)}
