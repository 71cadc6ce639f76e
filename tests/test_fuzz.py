"""Fuzzed loaders: random bytes, random YAML-ish and CSV-ish text, and valid records with one
value replaced by garbage go through the loaders and the whole check. No exception ever
escapes; every case ends in records or problems, and every problem is a catalogued kind that
names a file and a line and renders its message."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import AS_OF, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.whole import check_data
from generator.load.data_folder import read_record_file, read_table_file
from generator.problems import CATALOGUE, Problem

YAML_CHARS = "abcxyzđưộ019 \t\n:-?[]{},&*!|>'\"#%@`.~=<\\/\u00a0\u202e\x00\x07\ufeff"
CSV_CHARS = "abcđư019 ,;\"'\n\r\t=+-@<>\x00\ufeff"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_text = st.text(alphabet=YAML_CHARS, max_size=300)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=50),
                    st.dates(), st.datetimes(), st.binary(max_size=20))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                               max_size=3), max_leaves=8)


def _sound(problems: list[Problem]) -> None:
    for p in problems:
        assert p.code in CATALOGUE
        assert p.path and p.line >= 1
        assert p.line_text() and p.message("en")



@FAST
@given(st.binary(max_size=2000), st.sampled_from(["explanations", "plans", "follow_ups"]))
def test_random_bytes_as_a_record(raw: bytes, resource: str):
    records, problems = read_record_file(raw, "x.yaml", resource)
    _sound(problems)
    assert records or problems


@FAST
@given(yaml_text, st.sampled_from(["explanations", "plans"]))
def test_random_yaml_text_as_a_record(text: str, resource: str):
    records, problems = read_record_file(text.encode("utf-8"), "x.yaml", resource)
    _sound(problems)
    assert records or problems


# YAML's own tokens, so that tags, anchors, flow collections and block scalars meet each other
# (random characters rarely spell "!!bool"): an explicit !!bool or !!timestamp on text raised
# KeyError and AttributeError in PyYAML's constructors, and a scalar tagged !!map became a generator.
YAML_TOKENS = ["a:", "id:", "tasks:", "-", "?", ":", "[", "]", "{", "}", ",", "&x", "*x", "<<:", "|", ">", "#",
               "!!bool", "!!timestamp", "!!map", "!!seq", "!!int", "!!float", "!!null", "!!str", "!!set",
               "!!omap", "!!pairs", "!!binary", "!x", "2026-02-30", "2026-01-05", "2026-01-05T10:00:00", "yes",
               "0x1f", "1e999", ".nan", "~", "'q'", '"d"', "xx", "đất", "\n", "\n  ", "\n    "]
yaml_tokens = st.lists(st.sampled_from(YAML_TOKENS), max_size=30).map(" ".join)


@FAST
@given(yaml_tokens, st.sampled_from(["explanations", "plans"]))
def test_yaml_tokens_as_a_record(text: str, resource: str):
    records, problems = read_record_file(text.encode("utf-8"), "x.yaml", resource)
    _sound(problems)
    assert records or problems


@FAST
@given(st.one_of(st.binary(max_size=2000), st.text(alphabet=CSV_CHARS, max_size=400).map(str.encode)))
def test_random_csv_as_the_units_table(raw: bytes):
    records, problems = read_table_file(raw, "units.csv", "units")
    _sound(problems)
    for rec in records:
        assert rec.line >= 2 and all(isinstance(k, str) for k in rec.values)


@SLOW
@given(st.sampled_from(["xa-a/giai-trinh/xa-a-2026-001.yaml", "xa-a/ke-hoach/xa-a-kh-2026.yaml",
                        "xa-a/theo-doi/xa-a-td-001.yaml", "portal.yaml", "rules.yaml", "calendar.yaml"]),
       st.data())
def test_valid_files_with_one_value_replaced_by_garbage(rel: str, data: st.DataObject):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "valid", root)
        record = yaml.safe_load((root / rel).read_text(encoding="utf-8"))
        key = data.draw(st.sampled_from(sorted(record)), label="key")
        record[key] = data.draw(values, label="value")
        try:
            text = yaml.dump(record, allow_unicode=True, sort_keys=False)  # may hold tags such as !!binary
        except yaml.YAMLError:
            return
        (root / rel).write_text(text, encoding="utf-8")
        checked = check_data(root, AS_OF)
    _sound(checked.problems)


@SLOW
@given(st.sampled_from(["xa-a/giai-trinh/xa-a-2026-002.yaml", "units.csv", "xa-a/ke-hoach/xa-a-kh-2026.yaml"]),
       st.one_of(st.binary(max_size=500), yaml_text.map(str.encode)))
def test_whole_check_with_a_random_file(rel: str, raw: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "valid", root)
        (root / rel).write_bytes(raw)
        checked = check_data(root, AS_OF)
    _sound(checked.problems)
    assert checked.problems  # the file was replaced by noise: something must be reported
