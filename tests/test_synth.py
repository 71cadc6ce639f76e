"""The synthetic province: valid by construction, and the same seed gives the same files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import AS_OF

from generator.check.whole import check_data
from generator.synth import synthesise


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_province_is_valid(tmp_path: Path):
    counts = synthesise(300, tmp_path / "data", seed=7)
    assert counts["explanations"] == 207 and counts["proactive_explanations"] == 3 and counts["units"] == 200
    checked = check_data(tmp_path / "data", AS_OF)
    assert [p.line_text() for p in checked.problems] == []
    assert sum(len(v) for k, v in checked.loaded.records.items() if k not in ("units", "plan_tasks")) == 300


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path):
    synthesise(120, tmp_path / "a", seed=5)
    synthesise(120, tmp_path / "b", seed=5)
    synthesise(120, tmp_path / "c", seed=6)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_synthetic_calendar_confirms_ten_years_and_rules_cover_them(tmp_path: Path):
    synthesise(50, tmp_path / "data")
    checked = check_data(tmp_path / "data", AS_OF)
    assert checked.settings.calendar.confirmed_years == frozenset(range(2017, 2027))
    assert [r.id for r in checked.settings.rules] == ["nd-90-2013", "nd-59-2019", "tu-2026-07-01"]


def test_outcomes_are_a_realistic_mix(tmp_path: Path):
    from generator.check import against_schema as validate
    from generator.model import model

    synthesise(2000, tmp_path / "data", seed=53)
    checked = check_data(tmp_path / "data", AS_OF)
    assert not checked.problems
    portal = model.build(validate.typed_rows(checked.loaded), checked.settings, AS_OF)
    share = {t: sum(r["timeliness"] == t for r in portal.explanations) / len(portal.explanations)
             for t in ("on_time", "late", "overdue", "pending")}
    assert 0.6 < share["on_time"] < 0.9, share
    assert 0.05 < share["late"] < 0.3, share
    assert 0 < share["overdue"] < 0.1 and share["pending"] > 0, share
    assert {r["status"] for r in portal.explanations} == {"answered", "refused", "extended", "suspended",
                                                          "terminated", "accepted"} | ({"received"} & {r["status"] for r in portal.explanations})
    assert portal.withdrawn
