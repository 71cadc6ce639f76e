"""The embeddable block (nhung/…): the statistics pages' own on-time figure named in words,
the latest requests, no script, every style rule scoped to the block, text escaped."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from conftest import AS_OF

from generator.check import against_schema as validate
from generator.check.whole import check_data
from generator.model import model
from generator.publish import embed


def test_sample_blocks(sample_site: Path):
    block = (sample_site / "nhung/xa-thien-tan/khoi.html").read_text("utf-8")
    facts = json.loads((sample_site / "nhung/xa-thien-tan/khoi.json").read_bytes())
    # The same figure as the statistics (scorecards.csv, the unit's line for this year).
    with (sample_site / "du-lieu-mo/thong-ke/scorecards.csv").open(encoding="utf-8") as f:
        line = next(r for r in csv.DictReader(f) if (r["period"], r["dimension"], r["key"]) == ("2026", "unit", "xa-thien-tan"))
    assert (facts["answered_on_time"], facts["answered"]) == (int(line["answered_on_time"]), int(line["answered"])) == (3, 3)
    assert facts["on_time_text"] == "3/3 giải trình đúng hạn"
    assert '<span class="gtm-so">3/3</span> giải trình đúng hạn</p>' in block  # no rate: under 5 answered
    assert "Trong số yêu cầu nhận năm 2026 đã được giải trình, số được giải trình đúng hạn" in block
    assert [r["id"] for r in facts["latest"]] == ["xa-thien-tan-2026-006", "xa-thien-tan-2026-005", "xa-thien-tan-2026-004",
                                                  "xa-thien-tan-2026-003", "xa-thien-tan-2026-002"]
    assert '<a href="https://giaitrinh.langson.gov.vn/giai-trinh/xa-thien-tan-2026-006/">' in block
    portal = json.loads((sample_site / "nhung/khoi.json").read_bytes())
    with (sample_site / "du-lieu-mo/thong-ke/scorecards.csv").open(encoding="utf-8") as f:
        whole = next(r for r in csv.DictReader(f) if (r["period"], r["dimension"]) == ("2026", "portal"))
    assert portal["on_time_text"] == f"{whole['answered_on_time']}/{whole['answered']} giải trình đúng hạn"
    assert portal["on_time_rate"] == (float(whole["on_time_rate"]) if whole["on_time_rate"] else None)
    page = (sample_site / "nhung/xa-thien-tan/khung.html").read_text("utf-8")
    assert block in page and '<base target="_top">' in page
    unit_page = (sample_site / "don-vi/xa-thien-tan/index.html").read_text("utf-8")
    assert '<a href="../../nhung/xa-thien-tan/khung.html">Khối thông tin để nhúng vào trang web khác</a>' in unit_page


def test_the_block_keeps_to_itself(sample_site: Path):
    for path in sorted((sample_site / "nhung").rglob("khoi.html")):
        block = path.read_text("utf-8")
        assert "<script" not in block.lower() and " on" not in re.sub(r'"[^"]*"|>[^<]*<', "", block)  # no handlers
        style = re.search(r"<style>(.*?)</style>", block, re.S).group(1)
        selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", style) for s in rule.split(",")]
        assert selectors and [s for s in selectors if not s.startswith(".gtm-khoi")] == []
        assert block.startswith('<div class="gtm-khoi" lang="vi">')


def test_hostile_text_is_escaped(valid_copy: Path):
    checked = check_data(valid_copy, AS_OF)
    m = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
    m.explanations[0]["subject"] = '<img src=x onerror="alert(1)"> & </div><style>body{display:none}</style>'
    block = embed.files(m)["nhung/xa-a/khoi.html"].decode("utf-8")
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/div&gt;&lt;style&gt;body{display:none}" in block
    assert block.count("<style>") == 1 and block.count("</div>") == 1
