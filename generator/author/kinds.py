"""The kinds of record `giaitrinh new` writes: one entry each. Everything else about a kind (its
folder, fields, titles, what to write, examples) comes from the data standard (schema.py,
schemas/*.yaml); a new kind of record needs its schema, its folder in schema.FOLDERS and one
entry here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import schema as std


@dataclass(frozen=True)
class Kind:
    """A kind of record as the clerk names it on the command line.

    `ids`: the id templates tried in order ({unit}, {year}, {n}); a fixed one is taken when no
    record has it yet, one with {n} counts on after the highest number already used (never
    filling a gap: an id once given to a citizen is never given again), written with at least
    `width` digits. A counter after fixed templates starts after them: kh-2026, then kh-2026-2.
    `fills`: values the id decides (field -> template, one mapping per id template).
    `mode`: "file" (a file of its own), "task" (an item of a plan's tasks), "withdrawal" (the
    withdrawal fields added to a published explanation)."""

    name: str
    resource: str
    ids: tuple[str, ...] = ()
    width: int = 1
    fills: tuple[dict[str, str], ...] = ()
    mode: str = "file"
    noun: str = field(default="")  # the record in Vietnamese, lower case, for messages

    @property
    def schema(self) -> std.Schema:
        return std.load(self.resource)

    @property
    def folder(self) -> str:
        return std.FOLDERS[self.resource if self.mode != "task" else "plans"]

    def title(self) -> str:
        return self.noun or self.schema.title.lower()


KINDS = (
    Kind("explanation", "explanations", ("{unit}-{year}-{n}",), width=3, noun="yêu cầu giải trình"),
    Kind("plan", "plans", ("{unit}-kh-{year}", "{unit}-kh-{year}-{n}"), noun="kế hoạch"),
    Kind("task", "plan_tasks", ("nv-{n}",), width=2, mode="task", noun="nhiệm vụ của kế hoạch"),
    Kind("follow-up", "follow_ups", ("{unit}-tt-{year}-{n}",), width=3, noun="cam kết, kiến nghị cần theo dõi"),
    Kind("meeting", "meetings", ("{unit}-tcd-{year}-{n}",), width=3, noun="buổi tiếp công dân, đối thoại"),
    Kind("report", "reports", ("{unit}-bc-{year}-h1", "{unit}-bc-{year}"),
         fills=({"period": "{year}-H1"}, {"period": "{year}"}), noun="báo cáo định kỳ"),
    Kind("regulation", "regulations", ("{unit}-qc-{year}-{n}",), width=3, noun="quy chế, quy định nội bộ"),
    Kind("proactive", "proactive_explanations", ("{unit}-gtcd-{year}-{n}",), width=3, noun="giải trình chủ động"),
    Kind("withdrawal", "explanations", mode="withdrawal", noun="rút công khai một yêu cầu giải trình"),
)


# Other words a clerk may type for a kind: the folders (schema.FOLDERS) and Vietnamese names.
ALIASES = {"giai-trinh": "explanation", "ke-hoach": "plan", "nhiem-vu": "task", "theo-doi": "follow-up",
           "tiep-cong-dan": "meeting", "bao-cao": "report", "quy-che": "regulation",
           "giai-trinh-chu-dong": "proactive"}


def named(word: str) -> Kind | None:
    """The kind a word stands for: its name or an alias (case and spacing ignored)."""
    word = "-".join(word.strip().casefold().split())
    return by_name().get(ALIASES.get(word, word))


def by_name() -> dict[str, Kind]:
    return {k.name: k for k in KINDS}


class IdsUsedUp(ValueError):
    """Every fixed id of a kind without a counter is taken (e.g. both reports of a year)."""


def next_id(kind: Kind, unit: str, year: int, taken: Iterable[str]) -> tuple[str, dict[str, object]]:
    """The next free id of `kind` for the unit and year, and the values that id decides."""
    taken = set(taken)
    fixed = 0
    for i, template in enumerate(kind.ids):
        fills = {k: v.format(unit=unit, year=year) for k, v in (kind.fills[i] if i < len(kind.fills) else {}).items()}
        if "{n}" not in template:
            fixed += 1
            rid = template.format(unit=unit, year=year)
            if rid not in taken:
                return rid, fills
            continue
        pattern = re.compile(re.escape(template.format(unit=unit, year=year, n="§")).replace("§", "([0-9]+)"))
        used = [int(m.group(1)) for rid in taken if (m := pattern.fullmatch(rid))]
        n = max(used, default=fixed) + 1
        return template.format(unit=unit, year=year, n=str(n).zfill(kind.width)), fills
    raise IdsUsedUp(", ".join(t.format(unit=unit, year=year) for t in kind.ids))
