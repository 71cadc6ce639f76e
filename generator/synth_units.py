"""The units of a synthetic province: departments, branches, districts, communes, services."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass

from .catalogue.guess import slug
from .synth_words import BRANCHES, DEPARTMENTS, SERVICE_UNITS, SYLLABLES, TITLES


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

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "name", "kind", "parent", "address", "phone", "email", "website"])
    for n, u in enumerate(units):
        host = u.id.replace("-", "")[:20]
        w.writerow([u.id, u.name, u.kind, u.parent, f"Trụ sở {u.name}, tỉnh Lạng Sơn",
                    f"0205 38{n // 100:02d} {n % 100:03d}", f"{host}@langson.gov.vn", f"https://{host}.langson.gov.vn"])
    return buf.getvalue()
