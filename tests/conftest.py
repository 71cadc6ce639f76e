from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = dt.date(2026, 11, 23)  # the sample data's reference date: every figure is computed as of it


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture project's data folder."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    return target


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample portal (data/), built once for the whole session, from a copy outside git: its
    pages then do not depend on this repository's commits (tests/test_record_history.py builds
    from a repository of its own)."""
    work = tmp_path_factory.mktemp("sample")
    shutil.copytree(ROOT / "data", work / "data")
    out = work / "site"
    result = build(work / "data", out, AS_OF)
    assert not [p for p in result.problems if p.is_error], [p.line_text() for p in result.problems]
    return out
