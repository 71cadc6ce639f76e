"""An incremental rebuild writes exactly what a full build writes (byte for byte), after a record,
a template or the as-of date changed, and after a record was deleted."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF

from generator import render
from generator.build import build
from generator.synth import synthesise


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GIAITRINH_REMOVE_NOW", "1")
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    monkeypatch.setattr(render, "TEMPLATES", templates)
    synthesise(300, tmp_path / "data", seed=3)
    return tmp_path


def rebuild_matches_full(root: Path, as_of: dt.date = AS_OF) -> int:
    """Rebuild incrementally, build from scratch elsewhere, compare; the pages rendered again."""
    inc = build(root / "data", root / "site", as_of)
    assert not [p for p in inc.problems if p.is_error]
    shutil.rmtree(root / "fresh", ignore_errors=True)
    full = build(root / "data", root / "fresh", as_of, incremental=False)
    assert (inc.pages, inc.files) == (full.pages, full.files)
    a, b = tree(root / "site"), tree(root / "fresh")
    assert sorted(a) == sorted(b)
    assert [k for k in a if a[k] != b[k]] == []
    return inc.rendered


def test_one_record_changed(project: Path):
    first = build(project / "data", project / "site", AS_OF)
    assert first.rendered == first.pages
    assert rebuild_matches_full(project) == 0  # nothing changed: nothing rendered
    record = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[7]
    text = record.read_text(encoding="utf-8")
    record.write_text("\n".join(
        "subject: Giải trình về việc chậm trả hồ sơ đất đai (đã sửa)" if line.startswith("subject:") else line
        for line in text.splitlines()) + "\n", encoding="utf-8")
    rendered = rebuild_matches_full(project)
    assert 0 < rendered < first.pages / 4
    assert "(đã sửa)" in (project / "site" / "giai-trinh" / record.stem / "index.html").read_text(encoding="utf-8")


def test_a_rebuild_lists_again_only_the_page_groups_whose_inputs_changed(project: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    build(project / "data", project / "site", AS_OF)
    made: list[str] = []
    pages_of = render.Group.pages
    record = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[7]
    record.write_text(record.read_text(encoding="utf-8").replace("\nsubject: ", "\nsubject: (đã sửa) ", 1),
                      encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(render.Group, "pages", lambda group: made.append(group.name) or pages_of(group))
        result = build(project / "data", project / "site", AS_OF)
    assert not [p for p in result.problems if p.is_error]
    unit = record.parent.parent.name
    units = [g for g in made if g.startswith("don-vi/") and g.count("/") == 2]
    assert units == [f"don-vi/{unit}/"]  # its unit's group only, of the units' groups
    assert f"don-vi/{unit}/giai-trinh/" in made and "giai-trinh/" in made  # and the lists that show it
    assert len(made) < len(render.groups(build_model(project))) / 3
    assert rebuild_matches_full(project) == 0


def build_model(root: Path):
    from generator import attachments, load, model, settings, validate

    loaded = load.load(root / "data")
    rows = attachments.annotate(validate.typed_rows(loaded), loaded)
    return model.build(rows, settings.read(loaded), AS_OF)


def test_a_units_name_changed(project: Path):
    """A unit's name shows on pages of other groups (lists, other units' commitments): those
    whose inputs or model parts read changed are made again, and the site equals a full build."""
    build(project / "data", project / "site", AS_OF)
    units = project / "data" / "units.csv"
    lines = units.read_text(encoding="utf-8").splitlines(keepends=True)
    head, first = lines[0].split(","), lines[1].split(",")
    col = head.index("name")
    first[col] = first[col] + " (đổi tên)"
    units.write_text("".join([lines[0], ",".join(first), *lines[2:]]), encoding="utf-8")
    assert rebuild_matches_full(project) > 0


def test_a_changed_record_shown_in_the_feeds_reaches_them(project: Path):
    """A rebuild brings a changed record into the feeds that show it: the newest request's new
    subject is in the portal's feed, as after a full build (the other tests change records no
    feed shows)."""
    import re

    build(project / "data", project / "site", AS_OF)
    records = sorted((project / "data").glob("*/giai-trinh/*.yaml"))
    newest = max(records, key=lambda p: re.search(r"^received_on: (\S+)", p.read_text(encoding="utf-8"), re.M).group(1))
    newest.write_text(re.sub(r"^subject: .*$", "subject: Tiêu đề mới trong nguồn tin", newest.read_text(encoding="utf-8"),
                             count=1, flags=re.M), encoding="utf-8")
    assert rebuild_matches_full(project) > 0
    assert "Tiêu đề mới trong nguồn tin" in (project / "site" / "nguon-tin" / "atom.xml").read_text(encoding="utf-8")


def test_template_changed(project: Path):
    first = build(project / "data", project / "site", AS_OF)
    page = render.TEMPLATES / "explanation.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Người dân hỏi gì", "Nội dung yêu cầu"),
                    encoding="utf-8")
    assert rebuild_matches_full(project) == first.pages  # a template changed: everything again
    some = next((project / "site" / "giai-trinh").glob("*/index.html"))
    assert "Nội dung yêu cầu" in some.read_text(encoding="utf-8")


def test_as_of_changed(project: Path):
    build(project / "data", project / "site", AS_OF)
    assert rebuild_matches_full(project, AS_OF + dt.timedelta(days=40)) > 0


def test_deleting_a_cited_record_is_caught(project: Path):
    build(project / "data", project / "site", AS_OF)
    cited = "".join(p.read_text(encoding="utf-8") for p in (project / "data").glob("*/theo-doi/*.yaml"))
    record = next(p for p in sorted((project / "data").glob("*/giai-trinh/*.yaml")) if p.stem in cited)
    record.unlink()
    result = build(project / "data", project / "site", AS_OF)
    assert [p.code for p in result.problems if p.is_error] == ["unknown-reference"]


def test_record_deleted(project: Path):
    build(project / "data", project / "site", AS_OF)
    cited = "".join(p.read_text(encoding="utf-8") for p in (project / "data").glob("*/theo-doi/*.yaml"))
    record = next(p for p in sorted((project / "data").glob("*/giai-trinh/*.yaml")) if p.stem not in cited)
    record.unlink()
    rebuild_matches_full(project)
    assert not (project / "site" / "giai-trinh" / record.stem).exists()


def test_a_replaced_attachment_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Attachments are not record files: an incremental build still refuses a PDF swapped for
    something else under an unchanged record."""
    from conftest import ROOT

    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert not [p for p in build(data, tmp_path / "site", AS_OF).problems if p.is_error]
    (data / "xa-thien-tan" / "tep" / "gt-2026-004.pdf").write_bytes(b"<html>not a pdf</html>")
    result = build(data, tmp_path / "site", AS_OF)
    assert [p.code for p in result.problems if p.is_error] == ["attachment-type"]


def test_a_rebuild_reports_an_id_taken_from_another_file_as_a_full_validation_does(project: Path):
    import re

    from generator.check import check_data
    from generator.schema import RESOURCES, load

    assert all("id" in load(n).descriptor.get("primaryKey", ["id"]) for n in RESOURCES)  # what the rebuild relies on
    build(project / "data", project / "site", AS_OF)
    first, second = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[:2]
    taken = re.search(r"^id: (\S+)", first.read_text(encoding="utf-8"), re.M).group(1)
    second.write_text(re.sub(r"^id: \S+", f"id: {taken}", second.read_text(encoding="utf-8"), count=1, flags=re.M),
                      encoding="utf-8")
    again = build(project / "data", project / "site", AS_OF)
    full = check_data(project / "data", AS_OF)
    lines = [p.line_text() for p in again.problems if p.is_error]
    assert any("duplicate-id" in line for line in lines)
    assert lines == [p.line_text() for p in full.problems if p.is_error]
