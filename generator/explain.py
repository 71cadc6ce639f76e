"""`giaitrinh validate --explain CODE`: one entry of the error catalogue, as the clerk reads it."""

from __future__ import annotations

from .catalogue import CATALOGUE, PLACEHOLDERS
from .catalogue.guess import closest

SEVERITY = {"error": ("lỗi: chặn xuất bản", "error: stops publication"),
            "warning": ("cảnh báo: vẫn xuất bản", "warning: publication goes ahead")}


def explain(code: str, lang: str = "vi") -> tuple[bool, str]:
    """(found, text): the catalogue entry of `code`, or the nearest codes and the list of all."""
    kind = CATALOGUE.get(code.strip().lower())
    vi = lang == "vi"
    if kind is None:
        guess = closest(code.strip().lower(), CATALOGUE, cutoff=0.6)
        lines = [f"Không có mã lỗi “{code}”." if vi else f"There is no problem code “{code}”."]
        if guess:
            lines.append(f"Có phải “{guess}”?" if vi else f"Did you mean “{guess}”?")
        lines.append("Các mã lỗi:" if vi else "The problem codes:")
        lines += [f"  {c}" for c in sorted(CATALOGUE)]
        return False, "\n".join(lines) + "\n"
    message, hint = (kind.generic() if vi else
                     (kind.en.format_map(_Named()), kind.hint_en.format_map(_Named())))
    lines = [f"{kind.code} ({SEVERITY[kind.severity][0 if vi else 1]})", message,
             f"{'Cách sửa' if vi else 'Fix'}: {hint}"]
    cases = kind.generic_cases() if vi else [hint_en.format_map(_Named()) for _, _, hint_en in kind.cases]
    lines += [f"{'Trường hợp riêng' if vi else 'In particular'}: {text}" for text in cases]
    if kind.example:
        lines.append(f"{'Ví dụ sửa' if vi else 'Example fix'}: {kind.example}")
    return True, "\n".join(lines) + "\n"


class _Named(dict):
    """A placeholder as the catalogue names it (‹trường›), one it does not name as {name}."""

    def __missing__(self, key: str) -> str:
        base = key[:-3] if key.endswith("_en") else key
        return PLACEHOLDERS.get(base, "{" + key + "}")
