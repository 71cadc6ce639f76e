"""The static search index: normalisation identical in Python and JavaScript, AND semantics,
facets, determinism and a size that does not grow with the whole portal per query."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish import search

JS = ROOT / "site_templates" / "assets" / "giaitrinh.js"


def load_index(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "tim-kiem").rglob("*.json")}


def test_normalise_strips_vietnamese_diacritics():
    assert search.normalise("Đất đai, GIẤY PHÉP xây-dựng (2026)") == ["dat", "dai", "giay", "phep", "xay", "dung", "2026"]
    assert search.normalise("Ủy ban nhân dân xã Hữu Lũng") == ["uy", "ban", "nhan", "dan", "xa", "huu", "lung"]
    assert search.normalise("  ") == []


def run_js(expression: str, data: object) -> object:
    """Evaluates `expression` (over `data`) with giaitrinh.js loaded in Node, as in a page
    where neither a search form, a lookup form nor a copy button is present."""
    program = ("const vm=require('vm');const fs=require('fs');"
               "const ctx={window:{addEventListener(){}},document:{readyState:'complete',"
               "currentScript:{src:'http://x/assets/giaitrinh.js'},getElementById:()=>null,querySelectorAll:()=>[]},"
               "location:{href:'http://x/',search:''},URL,URLSearchParams,TextEncoder,atob,performance};"
               f"vm.createContext(ctx);vm.runInContext(fs.readFileSync({json.dumps(str(JS))},'utf8'),ctx);"
               "const data=JSON.parse(fs.readFileSync(0,'utf8'));const w=ctx.window;"
               f"console.log(JSON.stringify({expression}));")
    proc = subprocess.run(["node", "-e", program], input=json.dumps(data), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def js_normalise(texts: list[str]) -> list[list[str]]:
    """Runs the normaliser and hash of giaitrinh.js under Node on the same strings."""
    return run_js("data.map(t => [w.gtNormalise(t), w.gtHash(t)])", texts)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the page script")
def test_javascript_normalises_and_hashes_like_python():
    texts = ["Đất đai", "ĐẤT ĐAI", "Giấy chứng nhận quyền sử dụng đất", "Thủ tục hành chính — 2026/11",
             "Kỳ Lừa", "Nùng Tày ǅ ﬁ", "u:xa-thien-tan", "ǰ̌", "ΑΒΓ ẞ", "İstanbul", "x\u0301y"]
    assert js_normalise(texts) == [[search.normalise(t), search.fnv1a(t)] for t in texts]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the page script")
@settings(max_examples=20, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=20))
def test_javascript_normalises_like_python_on_any_text(texts: list[str]):
    assert [n for n, _ in js_normalise(texts)] == [search.normalise(t) for t in texts]


def test_dat_dai_finds_dat_dai_with_diacritics(sample_site: Path):
    index = load_index(sample_site)
    plain = list(search.search(index, "dat dai"))
    assert plain and plain == list(search.search(index, "ĐẤT ĐAI"))
    assert all(d[0] in "gpfu" and len(d) == 6 for d in plain)
    assert any("đất đai" in d[2].lower() for d in plain)


def test_and_semantics_and_facets(sample_site: Path):
    index = load_index(sample_site)
    both = {d[1] for d in search.search(index, "dat dai", ["u:so-nong-nghiep-moi-truong"])}
    assert both and both <= {d[1] for d in search.search(index, "dat dai")}
    assert both <= {d[1] for d in search.search(index, "", ["u:so-nong-nghiep-moi-truong"])}
    assert list(search.search(index, "dat dai khongcotu")) == []
    overdue = list(search.search(index, "", ["t:overdue", "k:g"]))
    assert overdue and all(d[4].endswith("Quá hạn") for d in overdue)


def test_results_come_units_first_then_newest_first(sample_site: Path):
    found = list(search.search(load_index(sample_site), "", ["u:xa-thien-tan"]))
    assert found[0][:2] == ["u", "xa-thien-tan"]
    dates = [d[5][6:] + d[5][3:5] + d[5][:2] for d in found[1:] if d[5]]
    assert dates == sorted(dates, reverse=True)


def test_a_query_looks_up_at_most_ten_terms():
    words = "giai trinh viec cham tra ket qua thu tuc hanh chinh cua uy ban nhan dan xa"
    assert search.query_terms(words) == ["giai", "trinh", "viec", "cham", "tra", "ket", "qua", "thu", "tuc", "hanh"]
    assert search.query_terms("dat dai dat", ["u:xa-a", "t:overdue"]) == ["u:xa-a", "t:overdue", "dat", "dai"]
    assert len(search.query_terms(words, ["k:g", "u:x"])) == 10


def test_lookup_by_code_through_the_index(sample_site: Path):
    found = list(search.search(load_index(sample_site), "xa-thien-tan-2026-001", ["k:g"]))
    assert [d[1] for d in found] == ["xa-thien-tan-2026-001"]


def test_index_layout_scales_with_the_corpus():
    assert search.shard_count(58) == 16
    assert search.shard_count(100_000) == 500
    assert search.delta([3, 4, 9]) == [3, 1, 5]
    assert search.encode([3, 4, 9], 100) == [3, 1, 5]
    assert search.encode([3, 4, 9], 20) == "GAIA"  # bits 3, 4 and 9 of 20 documents
    for numbers, docs in (([3, 4, 9], 20), ([0, 7, 8, 15, 16], 17), (list(range(40)), 40), ([5], 1000)):
        assert search.decode(search.encode(numbers, docs)) == numbers


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the page script")
def test_javascript_decodes_posting_lists_like_python():
    cases = [search.encode(n, d) for n, d in (([3, 4, 9], 20), ([0, 7, 8, 15, 16], 17), (list(range(40)), 40), ([5, 6], 1000))]
    assert run_js("data.map(w.gtDecode)", cases) == [search.decode(c) for c in cases]


def test_index_is_deterministic(sample_site: Path):
    from conftest import AS_OF

    from generator.check import against_schema as validate
    from generator.check.whole import check_data
    from generator.model import model

    checked = check_data(ROOT / "data", AS_OF)
    portal = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
    assert search.files(portal) == search.files(portal) == load_index(sample_site)


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the page script")
def test_javascript_builds_the_same_query_terms():
    words = "Giải trình việc chậm trả kết quả thủ tục hành chính của Ủy ban nhân dân xã"
    cases = [("q=dat+dai", "dat dai", []),
             ("q=%C4%91%E1%BA%A5t+%C4%91ai&don_vi=xa-a&thoi_han=overdue&loai=giai-trinh", "đất đai",
              ["u:xa-a", "t:overdue", "k:g"]),
             ("q=" + words.replace(" ", "+") + "&linh_vuc=dat_dai&nam=2024", words, ["f:dat_dai", "y:2024"])]
    assert run_js("data.map(q => w.gtSearchTerms(q))", [c[0] for c in cases]) == \
        [search.query_terms(w, f) for _, w, f in cases]


def test_a_query_naming_a_field_and_a_unit_ranks_their_requests_first(sample_site: Path):
    index = load_index(sample_site)
    manifest = json.loads(index[search.MANIFEST])
    assert search.named_lists(manifest, "dat dai thien tan") == [
        ("f:dat_dai", "Đất đai", "giai-trinh/linh-vuc/dat_dai/", False),
        ("u:xa-thien-tan", "Ủy ban nhân dân xã Thiên Tân", "don-vi/xa-thien-tan/", False)]
    assert [exact for *_, exact in search.named_lists(manifest, "đất đai  Thiên Tân")] == [True, True]
    assert search.named_lists(manifest, "tan") == []  # one word of a name names no unit
    found = list(search.search(index, "dat dai thien tan"))
    land = [d for d in found if d[0] == "g"]
    assert land and found[:len(land)] == land  # the unit's land requests, before its commitments on land
    assert {d[3] for d in found} == {"xa-thien-tan"}


def test_rank_puts_named_lists_first_then_keeps_the_order():
    assert search.rank([1, 2, 3, 4, 5], []) == [1, 2, 3, 4, 5]
    assert search.rank([1, 2, 3, 4, 5], [([2, 4], False), ([4, 5], True)]) == [4, 5, 2, 1, 3]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the page script")
def test_javascript_ranks_and_names_lists_like_python(sample_site: Path):
    manifest = json.loads(load_index(sample_site)[search.MANIFEST])
    queries = ["dat dai thien tan", "đất đai Thiên Tân", "Thien Tân xây dựng", "tan", "uy ban nhan dan tinh lang son"]
    named = run_js("data.q.map(q => w.gtNamedLists(data.m, q).map(n => [n.term, n.name, n.url, n.exact]))",
                   {"m": manifest, "q": queries})
    assert named == [[list(t) for t in search.named_lists(manifest, q)] for q in queries]
    lists = [[2, 4], list(range(0, 40, 3))]
    boosts = [[search.encode(lists[0], 40), False], [search.encode(lists[1], 40), True]]
    assert search.encode(lists[1], 40) != lists[1]  # one bitmap, one list of deltas
    numbers = list(range(40))
    assert run_js("w.gtRank(data.n, data.b)", {"n": numbers, "b": boosts}) == \
        search.rank(numbers, [(lists[0], False), (lists[1], True)])
