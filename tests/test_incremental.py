"""An incremental rebuild writes exactly what a full build writes (byte for byte), after a record,
a template or the as-of date changed, and after a record was deleted."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF

from generator.build import build
from generator.pages import producers, render
from generator.pages.page import Group
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
    pages_of = Group.pages
    record = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[7]
    record.write_text(record.read_text(encoding="utf-8").replace("\nsubject: ", "\nsubject: (đã sửa) ", 1),
                      encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(Group, "pages", lambda group: made.append(group.name) or pages_of(group))
        result = build(project / "data", project / "site", AS_OF)
    assert not [p for p in result.problems if p.is_error]
    unit = record.parent.parent.name
    units = [g for g in made if g.startswith("don-vi/") and g.count("/") == 2]
    assert units == [f"don-vi/{unit}/"]  # its unit's group only, of the units' groups
    assert f"don-vi/{unit}/giai-trinh/" in made and "giai-trinh/" in made  # and the lists that show it
    assert len(made) < len(producers.groups(build_model(project))) / 3
    assert rebuild_matches_full(project) == 0


def build_model(root: Path):
    from generator.check import settings
    from generator.check.attachments import Copies
    from generator.load import data_folder as load
    from generator.model import model
    from generator.model.rows import rows_of

    loaded = load.load(root / "data")
    conf = settings.read(loaded)
    rows = rows_of(loaded, Copies(conf.portal.strip_pdf_metadata))
    return model.build(rows, conf, AS_OF)


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

    from generator.check.whole import check_data
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


def test_a_rebuild_reads_again_only_the_changed_files(project: Path, monkeypatch: pytest.MonkeyPatch):
    """The last build's model is kept by file: a rebuild after one change parses that file only
    (the others are only stat'ed, or hashed when written too recently to trust their times), and
    does not load the whole set."""
    from generator import build as build_module
    from generator.load import data_folder as load

    build(project / "data", project / "site", AS_OF)
    record = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[11]
    record.write_text(record.read_text(encoding="utf-8").replace("\nsubject: ", "\nsubject: (sửa) ", 1),
                      encoding="utf-8")
    parsed: list[str] = []
    read = load.read_record_file
    with monkeypatch.context() as patched:
        patched.setattr(load, "read_record_file", lambda raw, path, resource: parsed.append(path) or read(raw, path, resource))
        patched.setattr(build_module, "checked_model", lambda *args: pytest.fail("the whole set was loaded"))
        result = build(project / "data", project / "site", AS_OF)
    assert not [p for p in result.problems if p.is_error]
    assert parsed == [record.as_posix()]
    assert rebuild_matches_full(project) == 0
    assert "(sửa)" in (project / "site" / "giai-trinh" / record.stem / "index.html").read_text(encoding="utf-8")


def test_the_model_by_file_is_the_model_of_the_whole_set(project: Path):
    from generator.check import settings
    from generator.check.attachments import Copies
    from generator.load import data_folder as load
    from generator.model import model
    from generator.model.rows import rows_of
    from generator.speed import incremental as inc

    loaded = load.load(project / "data")
    conf = settings.read(loaded)
    rows = rows_of(loaded, Copies(conf.portal.strip_pdf_metadata))
    whole = model.build(rows, conf, AS_OF)
    parts = inc.file_parts(project / "data", loaded, rows, conf, AS_OF)
    assert len(parts) == len(loaded.hashes)  # every record file and units.csv
    assert model.assemble(reversed([p.rows for p in parts.values()]), conf, AS_OF) == whole


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample data (it has a PDF attachment), in a folder of its own."""
    from conftest import ROOT

    monkeypatch.setenv("GIAITRINH_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("GIAITRINH_REMOVE_NOW", "1")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_a_pdf_replaced_under_an_unchanged_record_reaches_its_page(sample: Path):
    """A record's part of the model holds its attachment's SHA-256: replacing the PDF (with
    another valid one) derives the record again, and the site equals a full build."""
    import hashlib

    build(sample / "data", sample / "site", AS_OF)
    pdf = sample / "data" / "xa-thien-tan" / "tep" / "gt-2026-004.pdf"
    new = pdf.read_bytes().replace(b"Du lieu mau", b"Ban sao moi")  # the same length: still a valid PDF
    pdf.write_bytes(new)
    assert rebuild_matches_full(sample) > 0
    page = (sample / "site" / "giai-trinh" / "xa-thien-tan-2026-004" / "index.html").read_text(encoding="utf-8")
    assert hashlib.sha256(new).hexdigest() in page


def test_warnings_of_unchanged_files_stay_and_those_of_changed_files_are_new(sample: Path):
    """A rebuild reports the problems a full validation reports: a warning found in one file
    stays while another file changes, and goes when its own file is mended."""
    import re

    from generator.check.whole import check_data

    def same_as_full(result) -> list[str]:
        lines = [p.line_text() for p in result.problems]
        assert lines == [p.line_text() for p in check_data(sample / "data", AS_OF).problems]
        return [p.code for p in result.problems]

    build(sample / "data", sample / "site", AS_OF)
    warned, other = sample / "data" / "xa-thien-tan" / "giai-trinh" / "xa-thien-tan-2025-001.yaml", \
        sorted((sample / "data").glob("so-*/giai-trinh/*.yaml"))[0]
    text = warned.read_text(encoding="utf-8")
    warned.write_text(re.sub(r"^received_on: \S+", "received_on: 2024-06-03", text, flags=re.M), encoding="utf-8")
    assert same_as_full(build(sample / "data", sample / "site", AS_OF)) == ["calendar-unconfirmed"]
    other.write_text(other.read_text(encoding="utf-8").replace("\nsubject: ", "\nsubject: (sửa) ", 1), encoding="utf-8")
    assert same_as_full(build(sample / "data", sample / "site", AS_OF)) == ["calendar-unconfirmed"]
    warned.write_text(text, encoding="utf-8")
    assert same_as_full(build(sample / "data", sample / "site", AS_OF)) == []
    assert rebuild_matches_full(sample) == 0


def test_a_digest_does_not_depend_on_what_was_digested_before():
    """The Digester joins the known digests of a list's rows without a Python loop: the same
    bytes as the general path, whatever was digested first (a key made in one build must equal
    the key of the same inputs in the next, where other things were digested before)."""
    from generator.speed.digest import Digester

    def values():
        rows = [{"id": f"r{i}", "on": dt.date(2026, 1, 1 + i), "n": i} for i in range(4)]
        nested = {"id": "p", "tasks": [dict(rows[0]), dict(rows[1])]}
        return [rows, [rows[2], rows[3]], [*rows, nested], (rows[0], "x", 3), [(1, "a"), (2, "b")], [], nested]

    fresh = [Digester()(v) for v in values()]
    warm = Digester()
    vs = values()
    for row in [*vs[0], vs[-1], *vs[4]]:
        warm(row)
    assert [warm(v) for v in vs] == fresh
    assert len(set(fresh)) == len(fresh)


def test_a_new_record_file_is_read_and_published(project: Path):
    import re

    build(project / "data", project / "site", AS_OF)
    source = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[5]
    new_id = source.stem + "-b"
    text = re.sub(r"^id: \S+", f"id: {new_id}", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    (source.parent / f"{new_id}.yaml").write_text(text.replace("\nsubject: ", "\nsubject: (mới) ", 1), encoding="utf-8")
    assert rebuild_matches_full(project) > 0
    assert "(mới)" in (project / "site" / "giai-trinh" / new_id / "index.html").read_text(encoding="utf-8")


def test_too_many_changed_files_load_the_whole_set(project: Path, monkeypatch: pytest.MonkeyPatch):
    from generator import build as build_module
    from generator.speed import rebuild

    build(project / "data", project / "site", AS_OF)
    record = sorted((project / "data").glob("*/giai-trinh/*.yaml"))[3]
    record.write_text(record.read_text(encoding="utf-8").replace("\nsubject: ", "\nsubject: (sửa) ", 1),
                      encoding="utf-8")
    whole = build_module.checked_model
    calls: list[bool] = []
    monkeypatch.setattr(rebuild, "PATCH_LIMIT", 0)
    monkeypatch.setattr(build_module, "checked_model", lambda *args: calls.append(True) or whole(*args))
    assert not [p for p in build(project / "data", project / "site", AS_OF).problems if p.is_error]
    assert calls  # the rebuild fell back to the whole load
    assert rebuild_matches_full(project) == 0  # and made what a full build makes
