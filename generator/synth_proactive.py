"""The explanations units of the synthetic province give on their own initiative (about one in a
hundred records): a new policy with the document that made it, a sensitive matter, a matter of
public concern; each posted on a few official channels too. Valid by construction (see
generator/synth.py)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from .synth_units import Unit

DAY = dt.timedelta(days=1)
# (occasion, field, subject, policy, document title or "" when no document is explained)
TOPICS = (
    ("new_policy", "dat_dai", "Giải trình về bảng giá đất áp dụng trên địa bàn từ đầu năm {year}",
     "Bảng giá đất áp dụng từ ngày 01/01/{year}", "Quyết định ban hành bảng giá đất năm {year}"),
    ("new_policy", "thu_tuc_hanh_chinh", "Giải thích việc tiếp nhận hồ sơ thủ tục hành chính hoàn toàn trực tuyến",
     "Tiếp nhận hồ sơ thủ tục hành chính trực tuyến toàn trình", "Kế hoạch chuyển đổi số trong giải quyết thủ tục hành chính"),
    ("new_policy", "xay_dung", "Giải trình về kế hoạch lập lại trật tự lòng đường, vỉa hè năm {year}",
     "Lập lại trật tự lòng đường, vỉa hè", "Kế hoạch lập lại trật tự lòng đường, vỉa hè năm {year}"),
    ("new_policy", "tai_chinh", "Giải thích mức thu đóng góp xây dựng công trình công cộng năm {year}",
     "Mức huy động đóng góp tự nguyện xây dựng công trình công cộng", "Kế hoạch huy động nguồn lực năm {year}"),
    ("sensitive_issue", "can_bo", "Thông tin về việc sắp xếp, bố trí cán bộ sau khi sắp xếp đơn vị hành chính",
     "Sắp xếp, bố trí cán bộ, công chức sau sắp xếp đơn vị hành chính", ""),
    ("sensitive_issue", "dau_tu", "Giải trình về tiến độ dự án chậm triển khai trên địa bàn",
     "Tiến độ thực hiện dự án đầu tư trên địa bàn", ""),
    ("public_concern", "moi_truong", "Giải trình việc chậm thu gom rác thải sinh hoạt sau mưa lũ",
     "Thu gom, vận chuyển rác thải sinh hoạt", ""),
    ("public_concern", "quy_hoach", "Thông tin về điều chỉnh quy hoạch khu dân cư được dư luận quan tâm",
     "Điều chỉnh quy hoạch chi tiết khu dân cư", ""),
)
TEXT = ("{name} chủ động thông tin để người dân, doanh nghiệp nắm rõ: {policy_lower}. Nội dung nêu căn cứ, "
        "lý do, phạm vi áp dụng, những việc đơn vị đã làm và sẽ làm, thời hạn hoàn thành và đầu mối tiếp nhận "
        "ý kiến. Người dân có ý kiến khác có thể gửi yêu cầu giải trình qua cổng này.")
CHANNELS = ("Trang thông tin điện tử của đơn vị", "Trang Zalo chính thức của đơn vị", "Đài truyền thanh cơ sở",
            "Họp báo định kỳ", "Hội nghị tiếp xúc cử tri")


def proactive(rng: random.Random, units: list[Unit], as_of: dt.date, count: int) -> list[tuple[Unit, str, dict]]:
    """`count` proactive explanations as (unit, id, values), the units in turn."""
    out: list[tuple[Unit, str, dict]] = []
    seq: Counter = Counter()
    order = rng.sample(units, len(units))
    for n in range(count):
        u = order[n % len(order)]
        occasion, field, subject, policy, title = rng.choice(TOPICS)
        day = as_of - rng.randint(1, 3000) * DAY
        seq[(u.id, day.year)] += 1
        rid = f"{u.id}-gtcd-{day.year}-{seq[(u.id, day.year)]:03d}"
        issued = day - rng.randint(3, 40) * DAY
        office = "UBND" if u.kind.startswith("ubnd") else "VP"
        policy = policy.format(year=day.year)
        out.append((u, rid, {
            "id": rid, "unit": u.id, "explained_on": day, "occasion": occasion, "field": field,
            "subject": subject.format(year=day.year), "policy": policy,
            "document_number": f"{rng.randint(1, 400)}/KH-{office}" if title else None,
            "document_title": title.format(year=day.year) or None, "document_issued_on": issued if title else None,
            "text": TEXT.format(name=u.name, policy_lower=policy[0].lower() + policy[1:]),
            "explained_by": u.head, "channels": "; ".join(rng.sample(CHANNELS, rng.randint(1, 3))),
            "public": rng.random() > 0.05}))
    return out
