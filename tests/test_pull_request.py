"""A pull request is red exactly when merging it would stop the portal from publishing.

For every problem kind in the catalogue, one edit of the valid fixture introduces it; the edit
is made on top of a committed base, as a clerk's pull request, and `validate --changed-from`
must report what a full validation of the merged data reports for the changed files, and be
red exactly when the full validation is. A kind added to the catalogue without an edit here
fails `test_every_kind_has_a_pull_request`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import AS_OF, FIXTURES, ROOT
from pikepdf import Dictionary, Name, String
from test_messages import EX1, EX2, SCENARIOS, replace, write
from test_pdf_attachments import make

from generator.catalogue import sheets
from generator.check import attachments
from generator.check.whole import check_data
from generator.problems import CATALOGUE, has_errors
from generator.pull_request import check_changed

PDF = (ROOT / "data" / "xa-thien-tan" / "tep" / "gt-2026-004.pdf").read_bytes()
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


def append(rel: str, text: str):
    def edit(data: Path) -> None:
        path = data / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def both(*edits):
    def edit(data: Path) -> None:
        for e in edits:
            e(data)
    return edit


def copied_from_another_unit(data: Path) -> None:
    """The clerk of xa-b copies a record of xa-a, changes its unit and keeps its id."""
    text = (data / EX1).read_text(encoding="utf-8").replace("unit: xa-a", "unit: xa-b")
    (data / "xa-b" / "giai-trinh").mkdir(parents=True)
    (data / "xa-b" / "giai-trinh" / "xa-a-2026-001.yaml").write_text(text, encoding="utf-8")


def attach(document: str, files: dict[str, bytes] | None = None):
    def edit(data: Path) -> None:
        replace(EX1, "public: true", f"document: {document}\npublic: true")(data)
        for name, content in (files or {}).items():
            (data / "xa-a" / "tep").mkdir(exist_ok=True)
            (data / "xa-a" / "tep" / name).write_bytes(content)
    return edit


REG = "xa-a/quy-che/xa-a-qc-2026-001.yaml"
OTHER_UNITS_REG = b"id: xa-b-qc-2026-001\nunit: xa-b\nnumber: 3/QD-UBND\ntitle: Quy che tiep cong dan\nkind: quy_che\n" \
                  b"topic: tiep_cong_dan\nissued_on: 2026-04-01\nissued_by: Chu tich UBND xa\nstatus: in_force\n" \
                  b"replaces: xa-a-qc-2026-001\npublic: true\n"
PROACTIVE = "xa-a/giai-trinh-chu-dong/xa-a-gtcd-2026-001.yaml"
PROACTIVE_TEXT = ("id: xa-a-gtcd-2026-001\nunit: xa-a\nexplained_on: 2026-04-06\noccasion: new_policy\nfield: khac\n"
                  "subject: Giai thich ke hoach moi\npolicy: Ke hoach thuc hien Chi thi\n{document}"
                  "text: Noi dung giai trinh.\nexplained_by: Chu tich UBND xa\npublic: true\n")
SECOND_RULE = "  - id: nd-moi\n    effective_from: 2026-01-01\n    accept_working_days: 5\n    answer_days: 15\n" \
              "    answer_day_kind: calendar\n    extension_max_days: 15\n    max_extensions: 1\n"
EDITS = {code: edit for code, (edit, _) in SCENARIOS.items()} | {
    "duplicate-id": copied_from_another_unit,
    "id-unit-prefix": both(write("xa-a/giai-trinh/xa-b-2026-001.yaml",
                                 (FIXTURES / "valid" / EX2).read_bytes().replace(b"xa-a-2026-002", b"xa-b-2026-001"))),
    "rules-missing-field": append("rules.yaml", SECOND_RULE.replace("    answer_days: 15\n", "")),
    "rules-unknown-field": append("rules.yaml", SECOND_RULE + "    answer_dayz: 3\n"),
    "rules-bad-kind": append("rules.yaml", SECOND_RULE.replace("answer_day_kind: calendar", "answer_day_kind: lich")),
    "rules-overlap": append("rules.yaml", SECOND_RULE.replace("id: nd-moi\n    effective_from: 2026-01-01",
                                                              "id: nd-moi\n    effective_from: 2019-08-15")),
    "rules-duplicate-id": append("rules.yaml", SECOND_RULE.replace("nd-moi", "nd-59-2019")),
    "calendar-unconfirmed": replace("calendar.yaml", "[2025, 2026]", "[2025]"),
    "calendar-day-unsourced": replace("calendar.yaml", "reason: Tết Âm lịch, source: tb-9441-2025}", "reason: Tết Âm lịch}"),
    "legal-source-unknown": replace("rules.yaml", "source: blds-2015", "source: blds-2051"),
    "legal-document-unknown": replace("calendar.yaml", "reason: Tết Âm lịch, source: tb-9441-2025}",
                                      "reason: Tết Âm lịch theo Thông báo 1234/TB-BNV, source: tb-9441-2025}"),
    "legal-source-dates": replace("legal-sources.yaml", "signed_on: 2018-11-20", "signed_on: 2019-11-20"),
    "date-outside-calendar": replace(EX2, "received_on: 2026-10-01", "received_on: 1026-10-01"),
    "extension-too-long": append(EX2, "extended_on: 2026-10-15\nextension_days: 20\nextension_reason: Phức tạp\n"),
    "extension-too-late": append(EX2, "extended_on: 2026-10-21\nextension_days: 10\nextension_reason: Phức tạp\n"),
    "extension-not-allowed": both(replace("rules.yaml", "max_extensions: 1", "max_extensions: 0"),
                                  append(EX2, "extended_on: 2026-10-15\nextension_days: 5\nextension_reason: Khó\n")),
    "answer-before-acceptance": append(EX2, "answered_on: 2026-10-02\nanswer: Trả lời\nanswered_by: Chủ tịch UBND xã\n"),
    "suspension-open": append(EX2, "suspended_on: 2026-10-08\nsuspension_reason: Chờ kết quả đo đạc\n"
                                   "answered_on: 2026-10-20\nanswer: Trả lời\nanswered_by: Chủ tịch UBND xã\n"),
    "suspension-too-late": append(EX2, "suspended_on: 2026-10-21\nsuspension_reason: Chờ kết quả đo đạc\n"),
    "reporting-period": write("xa-a/bao-cao/xa-a-bc-1800.yaml",
                              b"id: xa-a-bc-1800\nunit: xa-a\nperiod: \"1800\"\nlevel: unit\npublic: true\n"),
    "regulation-unknown-link": write("xa-b/quy-che/xa-b-qc-2026-001.yaml", OTHER_UNITS_REG),
    "regulation-link-mismatch": replace(REG, "status: in_force", "status: in_force\nreplaces: xa-a-qc-2026-001"),
    "regulation-ended-without-successor": replace(REG, "status: in_force", "status: repealed"),
    "regulation-in-force-ended": append(REG, "ended_on: 2026-09-01\n"),
    "proactive-policy-without-document": write(PROACTIVE, PROACTIVE_TEXT.format(document="").encode()),
    "legal-source-number-mismatch": write(PROACTIVE, PROACTIVE_TEXT.format(
        document="legal_source: kh-80-2026-ubnd-lang-son\ndocument_number: 81/KH-UBND\n").encode()),
    "review-due-not-after": replace(REG, "next_review_due: 2027-03-02", "next_review_due: 2026-03-02"),
    "personal-id": replace(EX2, "nhà xưởng.", "nhà xưởng của người có CCCD 001095012345."),
    "personal-phone": replace(EX2, "nhà xưởng.", "nhà xưởng, liên hệ 0912 345 678."),
    "personal-email": replace(EX2, "nhà xưởng.", "nhà xưởng, thư gửi nguyenvana@gmail.com."),
    "requester-not-masked": replace(EX1, "Ông N.V.A.", "Nguyễn Văn An"),
    "personal-name": replace(EX2, "nhà xưởng.", "nhà xưởng của bà Lê Thị Hoa."),
    "personal-birth": replace(EX2, "nhà xưởng.", "nhà xưởng; người yêu cầu sinh năm 1965."),
    "personal-address": replace(EX2, "nhà xưởng.", "nhà xưởng; người yêu cầu trú tại số 12 đường Trần Phú."),
    "personal-bank": replace(EX2, "nhà xưởng.", "nhà xưởng; hoàn tiền vào số tài khoản 0451000123456 Vietcombank."),
    "personal-plate": replace(EX2, "nhà xưởng.", "nhà xưởng; xe ô tô biển số 29A-123.45 của người yêu cầu."),
    "sensitive-data": replace(EX2, "nhà xưởng.", "nhà xưởng; người yêu cầu đang mắc bệnh hiểm nghèo."),
    "named-official-format": replace(EX2, "public: true", "named_officials: Nguyễn Văn Bình\npublic: true"),
    "unsafe-link": attach("javascript:alert(1)"),
    "attachment-path": attach("tep/../gt-001.pdf"),
    "attachment-missing": attach("tep/gt-001.pdf"),
    "attachment-type": attach("tep/gt-001.docx", {"gt-001.docx": b"PK\x03\x04"}),
    "attachment-too-large": attach("tep/gt-001.pdf", {"gt-001.pdf": PDF + b"%" * 600}),
    "attachment-unreadable": attach("tep/gt-001.pdf", {"gt-001.pdf": make()[:-200]}),
    "attachment-active-content": attach("tep/gt-001.pdf", {"gt-001.pdf": make(
        lambda doc: setattr(doc.Root, "OpenAction", Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))))}),
    "attachment-metadata-personal": attach("tep/gt-001.pdf", {"gt-001.pdf": make(info={"Subject": "ĐT 0912 345 678"})}),
    "attachment-metadata-sensitive": attach("tep/gt-001.pdf", {"gt-001.pdf": make(
        info={"Keywords": "người yêu cầu theo đạo Công giáo"})}),
    "attachment-metadata-author": both(append("portal.yaml", "strip_pdf_metadata: false\n"),
                                       attach("tep/gt-001.pdf", {"gt-001.pdf": make(info={"Author": "Nguyễn Văn An"})})),
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid fixture committed as main, with a second unit whose clerk opens pull requests."""
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", len(PDF) + 300)
    data = tmp_path / "repo" / "data"
    shutil.copytree(FIXTURES / "valid", data)
    units = data / "units.csv"
    row = next(line for line in units.read_text(encoding="utf-8").splitlines() if line.startswith("xa-a,"))
    units.write_text(units.read_text(encoding="utf-8") + row.replace("xa-a", "xa-b", 1) + "\n", encoding="utf-8")
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-q", "-m", "main")
    assert not has_errors(check_data(data, AS_OF).problems)
    return data


def test_every_kind_has_a_pull_request():
    """Every kind a data folder can hold; those of a spreadsheet being imported (catalogue/sheets.py)
    never reach a pull request: tests/test_sheets.py has one test each."""
    assert sorted(set(CATALOGUE) - set(EDITS) - {kind.code for kind in sheets.KINDS}) == []


@pytest.mark.parametrize("code", sorted(EDITS))
def test_a_pull_request_is_red_exactly_when_main_would_not_publish(code: str, base: Path):
    EDITS[code](base)
    full = check_data(base, AS_OF).problems
    assert code in {p.code for p in full}, [p.line_text() for p in full]  # the edit does what it says
    _, changed, _, _ = check_changed(base, AS_OF, "HEAD")
    assert has_errors(changed) == has_errors(full), [p.line_text() for p in changed]
    assert code in {p.code for p in changed}
    changed_paths = {p.path for p in changed}
    assert sorted(p.line_text() for p in changed) == sorted(p.line_text() for p in full if p.path in changed_paths)


def test_a_record_copied_from_another_unit_is_red_on_the_copy(base: Path):
    """The finding of issue 15: the copy kept its id; the full validation used to blame only the
    file already on main, and the pull request's check, reporting the changed file, was green."""
    copied_from_another_unit(base)
    copy = f"{base}/xa-b/giai-trinh/xa-a-2026-001.yaml"
    _, changed, _, _ = check_changed(base, AS_OF, "HEAD")
    lines = sorted(p.line_text().removeprefix(f"{base}/") for p in changed)
    assert lines == [
        "xa-b/giai-trinh/xa-a-2026-001.yaml:1: duplicate-id: Mã “xa-a-2026-001” được dùng cho hai hồ sơ: ở đây và ở "
        f"{base}/xa-a/giai-trinh/xa-a-2026-001.yaml:1. Cách sửa: Hồ sơ ở tệp kia giữ mã “xa-a-2026-001” (mã bắt đầu "
        "bằng mã đơn vị của thư mục chứa tệp). Đặt cho hồ sơ trong tệp này một mã mới chưa dùng (thường tăng số thứ tự "
        "cuối), sửa trường id và đổi tên tệp theo mã mới.",
        "xa-b/giai-trinh/xa-a-2026-001.yaml:1: id-unit-prefix: Mã hồ sơ “xa-a-2026-001” không bắt đầu bằng mã đơn vị "
        "“xa-b-” của thư mục chứa nó. Cách sửa: Đặt mã dạng xa-b-<năm>-<số thứ tự>, ví dụ xa-b-2026-001 (hồ sơ chép "
        "từ đơn vị khác phải đổi mã), rồi đổi tên tệp theo mã mới.",
    ]
    full = [p for p in check_data(base, AS_OF).problems if p.code == "duplicate-id"]
    assert sorted(p.path for p in full) == sorted([copy, f"{base}/xa-a/giai-trinh/xa-a-2026-001.yaml"])


def test_deleting_a_record_that_another_points_to_is_red(base: Path):
    """The change touches one file and breaks another: the check reports the other one."""
    (base / EX1).unlink()
    _, changed, _, how = check_changed(base, AS_OF, "HEAD")
    assert how == "full"
    assert [(p.path.removeprefix(f"{base}/"), p.code) for p in changed if p.is_error] == [
        ("xa-a/theo-doi/xa-a-td-001.yaml", "unknown-reference")]
