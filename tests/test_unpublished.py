"""Unpublished stays unpublished: records with `public: false` or a future `published_on` appear
nowhere in the built site (every file, archives expanded, whoever wrote it); withdrawn records
keep their address with a notice and are listed in du-lieu-mo/withdrawals.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import AS_OF, ROOT
from sitescan import occurrences

from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.load.data_folder import load
from generator.model import model

TEXT_FIELDS = {"explanations": ("subject", "request", "answer"), "follow_ups": ("commitment",),
               "meetings": ("summary",), "reports": ("number",), "regulations": ("title", "summary")}


def _raw_rows(resource: str) -> list[dict]:
    checked = check_data(ROOT / "data", AS_OF)
    return validate.typed_rows(checked.loaded)[resource]


def hidden_needles() -> list[str]:
    """Ids and texts of every sample record that must not be published as of AS_OF."""
    needles = []
    for resource, fields in TEXT_FIELDS.items():
        for row in _raw_rows(resource):
            if not model.is_published(row, AS_OF):
                needles.append(row["id"])
                needles += [row[f].strip() for f in fields if row.get(f)]
    return needles


def test_sample_data_has_unpublished_and_withdrawn_records():
    rows = _raw_rows("explanations")
    assert {r["id"] for r in rows if r["public"] is False} >= {"so-noi-vu-2026-003", "thanh-tra-tinh-2026-001"}
    assert {r["id"] for r in rows if r.get("published_on") and r["published_on"] > AS_OF} == {"ubnd-tinh-2026-003"}
    assert {r["id"] for r in rows if r.get("withdrawn_on")} == {"phuong-ky-lua-2026-004"}
    assert {r["id"] for r in _raw_rows("follow_ups") if r["public"] is False} == {"so-noi-vu-tt-2026-001"}


def test_unpublished_records_appear_nowhere_in_the_built_site(sample_site: Path):
    needles = hidden_needles()
    assert len(needles) >= 10
    assert occurrences(sample_site, needles) == []


def test_scanner_sees_inside_archives_and_escapes(tmp_path: Path):
    """The scanner itself must be able to fail: it finds text in xlsx/zip members and escaped JSON/HTML."""
    import zipfile

    with zipfile.ZipFile(tmp_path / "a.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x/y.json", '["Gi\\u1ea3i tr\\u00ecnh b\\u00ed m\\u1eadt"]')
    (tmp_path / "p.html").write_text("<p>Tom &amp; Jerry</p>", encoding="utf-8")
    assert occurrences(tmp_path, ["Giải trình bí mật", "Tom & Jerry", "vắng mặt"]) == [
        ("a.zip!x/y.json", "Giải trình bí mật"), ("p.html", "Tom & Jerry")]


def test_unpublished_records_have_no_page_and_are_not_counted(sample_site: Path):
    for rid in ("so-noi-vu-2026-003", "thanh-tra-tinh-2026-001", "ubnd-tinh-2026-003"):
        assert not (sample_site / "giai-trinh" / rid).exists()
    assert not (sample_site / "theo-doi" / "so-noi-vu-tt-2026-001").exists()
    published = [r for r in _raw_rows("explanations")
                 if model.is_published(r, AS_OF) and not r.get("withdrawn_on")]
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert f"<strong>{len(published)}</strong> yêu cầu giải trình công khai" in home
    for unit in ("so-noi-vu", "thanh-tra-tinh", "ubnd-tinh"):
        n = sum(r["unit"] == unit for r in published)
        page = (sample_site / "don-vi" / unit / "index.html").read_text(encoding="utf-8")
        assert f"Yêu cầu giải trình ({n})" in page, unit


def test_follow_up_of_a_private_explanation_neither_links_nor_names_it(sample_site: Path):
    page = (sample_site / "theo-doi" / "so-noi-vu-tt-2026-002" / "index.html").read_text(encoding="utf-8")
    assert "(hồ sơ không công khai)" in page
    assert "so-noi-vu-2026-003" not in page
    rows = list(csv.DictReader(io.StringIO((sample_site / "du-lieu-mo" / "follow_ups.csv").read_text("utf-8"))))
    assert [r["source_ref"] for r in rows if r["id"] == "so-noi-vu-tt-2026-002"] == ["(hồ sơ không công khai)"]


def test_follow_up_of_a_published_explanation_keeps_its_link(sample_site: Path):
    page = (sample_site / "theo-doi" / "xa-thien-tan-tt-2026-001" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../giai-trinh/xa-thien-tan-2026-001/"' in page


def test_withdrawn_record_keeps_its_address_with_a_notice_and_nothing_else(sample_site: Path):
    page = (sample_site / "giai-trinh" / "phuong-ky-lua-2026-004" / "index.html").read_text(encoding="utf-8")
    assert "Hồ sơ <strong>phuong-ky-lua-2026-004</strong> đã được rút khỏi cổng ngày 05/10/2026." in page
    assert "Lý do: Nội dung giải trình có thông tin về việc xem xét trách nhiệm" in page
    withdrawn = next(r for r in _raw_rows("explanations") if r["id"] == "phuong-ky-lua-2026-004")
    assert occurrences(sample_site, [withdrawn["subject"], withdrawn["request"].strip(),
                                     withdrawn["answer"].strip()]) == []
    rows = list(csv.DictReader(io.StringIO((sample_site / "du-lieu-mo" / "withdrawals.csv").read_text("utf-8"))))
    assert [(r["id"], r["unit"], r["withdrawn_on"]) for r in rows] == [
        ("phuong-ky-lua-2026-004", "phuong-ky-lua", "2026-10-05")]
    explanations = (sample_site / "du-lieu-mo" / "explanations.csv").read_text("utf-8")
    assert "phuong-ky-lua-2026-004" not in explanations


def test_record_becomes_public_on_its_publication_date(tmp_path: Path):
    """The same data built on the day of `published_on` shows the record (and nothing before)."""
    checked = check_data(ROOT / "data", AS_OF)
    rows = validate.typed_rows(checked.loaded)
    day = next(r["published_on"] for r in rows["explanations"] if r["id"] == "ubnd-tinh-2026-003")
    before = model.build(rows, checked.settings, AS_OF)
    after = model.build(rows, checked.settings, day)
    assert "ubnd-tinh-2026-003" not in {r["id"] for r in before.explanations}
    assert "ubnd-tinh-2026-003" in {r["id"] for r in after.explanations}


def test_loader_sees_every_sample_file():
    loaded = load(ROOT / "data")
    assert loaded.problems == []


def test_sources_that_are_not_public_are_hidden_whatever_their_kind():
    rows = [{"id": "a", "source_type": "meeting", "source_ref": "m-private"},
            {"id": "b", "source_type": "meeting", "source_ref": "m-public"},
            {"id": "c", "source_type": "explanation", "source_ref": "e-withdrawn"},
            {"id": "d", "source_type": "inspection", "source_ref": "KL 05/KL-TTr"}]
    visible = {"explanation": {"e-withdrawn"}, "meeting": {"m-public"}}
    assert [r["source_ref"] for r in model.hide_private_sources(rows, visible)] == [
        model.HIDDEN_REF, "m-public", "e-withdrawn", "KL 05/KL-TTr"]
