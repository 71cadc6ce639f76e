"""The internal regulations of the synthetic province: a few per unit, some amended by a newer
version, some overdue for review, all valid by construction (see generator/synth.py)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from .synth_units import Unit

# (kind, topic, title) of the regulations a unit keeps, as the seed documents ask for them.
TITLES = (
    ("quy_che", "giai_trinh", "Quy chế thực hiện trách nhiệm giải trình của {name}"),
    ("quy_trinh", "giai_trinh", "Quy trình tiếp nhận, xử lý yêu cầu giải trình tại {name}"),
    ("quy_che", "tiep_cong_dan", "Quy chế tiếp công dân của {name}"),
    ("noi_quy", "tiep_cong_dan", "Nội quy tiếp công dân tại trụ sở {name}"),
    ("quy_dinh", "cong_khai_minh_bach", "Quy định công khai, minh bạch thông tin trong hoạt động của {name}"),
    ("quy_che", "khac", "Quy chế làm việc của {name}"),
)
DAY = dt.timedelta(days=1)


def regulations(rng: random.Random, units: list[Unit], as_of: dt.date, count: int) -> list[tuple[Unit, str, dict]]:
    """`count` regulations as (unit, id, values): single versions and pairs (an old version
    amended by a new one that replaces it); only an old version may be private, so that every
    unit that has regulations has public ones."""
    out: list[tuple[Unit, str, dict]] = []
    seq: Counter = Counter()

    def new_id(u: Unit, issued: dt.date) -> str:
        seq[(u.id, issued.year)] += 1
        return f"{u.id}-qc-{issued.year}-{seq[(u.id, issued.year)]:03d}"

    order = rng.sample(units, len(units))  # every unit in turn: each has some once count passes the units
    while len(out) < count:
        u = order[len(out) % len(order)]
        kind, topic, title = rng.choice(TITLES)
        issued = as_of - rng.randint(90, 2500) * DAY
        pair = count - len(out) >= 2 and rng.random() < 0.25
        old_id = new_id(u, issued)
        v = _version(rng, u, old_id, kind, topic, title.format(name=u.name), issued, as_of)
        if pair:
            later = min(issued + rng.randint(200, 900) * DAY, as_of - DAY)
            nid = new_id(u, later)
            newer = _version(rng, u, nid, kind, topic, f"{title.format(name=u.name)} (sửa đổi, bổ sung)", later, as_of)
            reviewed = v["last_reviewed_on"]
            v.update(status="amended", ended_on=later, replaced_by=nid, next_review_due=None, public=rng.random() > 0.1,
                     last_reviewed_on=reviewed if reviewed and reviewed < later else None)
            newer["replaces"] = old_id
            out.append((u, old_id, v))
            out.append((u, nid, newer))
        else:
            out.append((u, old_id, v))
    return out


def _version(rng: random.Random, u: Unit, rid: str, kind: str, topic: str, title: str, issued: dt.date,
             as_of: dt.date) -> dict:
    reviewed = issued + rng.randint(30, max(31, (as_of - issued).days)) * DAY if rng.random() < 0.5 else None
    reviewed = reviewed if reviewed and reviewed <= as_of else None
    due = (reviewed or issued) + rng.choice((365, 730)) * DAY
    return {"id": rid, "unit": u.id, "number": f"{rng.randint(1, 400)}/QĐ-{'UBND' if u.kind.startswith('ubnd') else 'VP'}",
            "title": title, "kind": kind, "topic": topic, "issued_on": issued, "issued_by": u.head,
            "last_reviewed_on": reviewed, "next_review_due": due, "status": "in_force",
            "ended_on": None, "replaces": None, "replaced_by": None, "public": True}
