"""Data problems as values, and the catalogue of every problem kind.

Each kind has a stable code, a Vietnamese and an English message template and a hint
that says how to fix it. Validation stages *yield* Problem values; only the CLI decides
the exit code. The error catalogue page in the docs is generated from CATALOGUE.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .catalogue import CATALOGUE, PLACEHOLDERS, Kind  # noqa: F401  (read through this module)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in the data: where (path, line, field), what (code) and the facts."""

    path: str
    line: int
    code: str
    field: str = ""
    value: str = ""
    detail: str = ""
    resource: str = ""
    extra: tuple[tuple[str, str], ...] = dataclasses.field(default=(), compare=False)

    @property
    def kind(self) -> Kind:
        return CATALOGUE[self.code]

    @property
    def is_error(self) -> bool:
        return self.kind.severity == "error"

    def message(self, lang: str = "vi") -> str:
        kind = self.kind
        facts = {"field": self.field, "value": _short(self.value), "detail": self.detail,
                 "resource": self.resource, **dict(self.extra)}
        text = (kind.vi if lang == "vi" else kind.en).format_map(_Blank(facts))
        hint = kind.hint(facts.get("case", ""), lang).format_map(_Blank(facts))
        return f"{text} {'Cách sửa' if lang == 'vi' else 'Fix'}: {hint}"

    def line_text(self, lang: str = "vi") -> str:
        return f"{self.path}:{self.line}: {self.code}: {self.message(lang)}"

    def as_dict(self, lang: str = "vi") -> dict[str, object]:
        return {"path": self.path, "line": self.line, "code": self.code,
                "severity": self.kind.severity, "field": self.field, "value": self.value,
                "message": self.message(lang)}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
