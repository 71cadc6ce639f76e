"""A problem kind, and the names its templates' placeholders go by on the error catalogue page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    code: str
    severity: str  # "error" stops publication, "warning" does not
    vi: str
    en: str
    hint_vi: str
    hint_en: str
    # Hints for particular situations, chosen by a problem's "case" fact: (case, hint_vi, hint_en).
    # One situation, one hint: a case replaces the general hint, it is never added to it.
    cases: tuple[tuple[str, str, str], ...] = ()
    example: str = ""  # a before/after example of the fix, for `giaitrinh validate --explain`

    def hint(self, case: str, lang: str) -> str:
        for name, vi, en in self.cases:
            if name == case:
                return vi if lang == "vi" else en
        return self.hint_vi if lang == "vi" else self.hint_en

    def generic_cases(self) -> list[str]:
        """The Vietnamese hints of the particular situations, placeholders named."""
        return [hint_vi.format_map(PLACEHOLDERS) for _, hint_vi, _ in self.cases]

    def generic(self) -> tuple[str, str]:
        """The Vietnamese message and hint with placeholders named, for the error catalogue."""
        return self.vi.format_map(PLACEHOLDERS), self.hint_vi.format_map(PLACEHOLDERS)


# What each placeholder of a template stands for, as the error catalogue shows it. A template
# with a placeholder missing here fails test_catalogue_names_every_placeholder.
PLACEHOLDERS = {
    "field": "‹trường›", "value": "‹giá trị›", "detail": "‹chi tiết›", "resource": "‹loại hồ sơ›",
    "limit": "‹giới hạn›", "rule": "‹mã quy định›", "property": "‹thuộc tính›", "allowed": "‹các loại tệp cho phép›",
    "domains": "‹tên miền chính thức, ví dụ .gov.vn›",
    "guess": "‹giá trị gần đúng nhất›", "guess_label": "‹nhãn tiếng Việt›", "why": "‹lý do giữ mã›",
    "sheet": "‹trang tính›", "row": "‹dòng›", "column": "‹cột›", "choices": "‹các giá trị được chọn›",
    "fix": "‹cách sửa theo lỗi cụ thể, ví dụ: thay Tab bằng dấu cách ở dòng 5; đặt giá trị có dấu hai chấm "
           "trong dấu nháy kép›",
}
