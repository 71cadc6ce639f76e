"""Nothing lost: random valid records (Vietnamese text with diacritics, quotes, commas, newlines,
markup characters) written as YAML files → checked → model → open data → parsed back equal
every field, exactly once, and every record has its page."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import AS_OF, FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import export, model, render, validate
from generator import schema as std
from generator.check import check_data

VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
# No digits or "@": a random run of them could be a phone number or an e-mail, which the
# personal-data guard rightly refuses (tested on its own in test_privacy.py).
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "bcdfghklmnpqrstvx" + " \n\t,.;:!?\"'()[]{}-/&<>#*%=+_|~`$^\\"
text = st.text(alphabet=ALPHABET, min_size=1, max_size=120).filter(lambda s: s.strip())
optional_text = st.one_of(st.none(), text)
day = st.dates(min_value=dt.date(2025, 1, 1), max_value=AS_OF - dt.timedelta(days=40))
INITIALS = [None, "Ông N.V.A.", "Bà T.T.B.", "Anh H.", "Chị L.T.", "Ông L.V.Đ."]


@st.composite
def explanation(draw: st.DrawFn, n: int) -> dict:
    field = std.load("explanations").by_name
    received = draw(day)
    rec = {"id": f"xa-a-2027-{n:03d}", "unit": "xa-a", "received_on": received,
           "channel": draw(st.sampled_from(field["channel"].enum)),
           "requester_type": draw(st.sampled_from(field["requester_type"].enum)),
           "requester_initials": draw(st.sampled_from(INITIALS)),
           "field": draw(st.sampled_from(field["field"].enum)),
           "subject": draw(text), "request": draw(text), "public": True}
    if draw(st.booleans()):
        accepted = received + dt.timedelta(days=draw(st.integers(0, 5)))
        rec.update(accepted_on=accepted)
        if draw(st.booleans()):
            rec.update(answered_on=accepted + dt.timedelta(days=draw(st.integers(0, 30))),
                       answer=draw(text), answered_by=draw(text))
    return {k: v for k, v in rec.items() if v is not None}


@st.composite
def follow_up(draw: st.DrawFn, n: int, sources: list[str]) -> dict:
    rec = {"id": f"xa-a-td-9{n:02d}", "unit": "xa-a", "source_type": "explanation",
           "source_ref": draw(st.sampled_from(sources)), "commitment": draw(text),
           "due_on": draw(st.one_of(st.none(), day)), "status": "in_progress",
           "result": draw(optional_text), "evidence": draw(optional_text), "public": True}
    return {k: v for k, v in rec.items() if v is not None}


@st.composite
def corpus(draw: st.DrawFn) -> dict[str, list[dict]]:
    explanations = [draw(explanation(i)) for i in range(draw(st.integers(1, 4)))]
    sources = [e["id"] for e in explanations]
    return {"explanations": explanations,
            "follow_ups": [draw(follow_up(i, sources)) for i in range(draw(st.integers(0, 3)))]}


def _json_cell(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus())
def test_records_come_back_from_the_downloads_exactly(written: dict[str, list[dict]]):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "valid", data)
        for name, records in written.items():
            for rec in records:
                path = data / "xa-a" / std.FOLDERS[name] / f"{rec['id']}.yaml"
                path.write_text(yaml.safe_dump(rec, allow_unicode=True, sort_keys=False), encoding="utf-8")
        checked = check_data(data, AS_OF)
        assert [p.line_text() for p in checked.problems if p.is_error] == []
        portal = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
        files = export.export(portal)
        urls = {p.url for p in render.pages(portal)}

    section = {"explanations": "giai-trinh", "follow_ups": "theo-doi"}
    for name, records in written.items():
        names = [f.name for f in std.load(name).input_fields]
        csv_rows = list(csv.DictReader(io.StringIO(files[f"du-lieu-mo/{name}.csv"].decode("utf-8"), newline="")))
        json_rows = json.loads(files[f"du-lieu-mo/{name}.json"])
        for rec in records:
            in_csv = [r for r in csv_rows if r["id"] == rec["id"]]
            in_json = [r for r in json_rows if r["id"] == rec["id"]]
            assert len(in_csv) == len(in_json) == 1, rec["id"]  # exactly once
            for field in names:
                value = rec.get(field)
                assert in_csv[0][field] == validate.cell(value), (rec["id"], field)
                assert in_json[0][field] == _json_cell(value), (rec["id"], field)
            assert f"{section[name]}/{rec['id']}/" in urls
