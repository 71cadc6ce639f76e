"""Golden files: the generated pages (their content, without the theme's frame) and the downloads
of the small valid fixture project, compared with committed expected files.

Refresh after an intended change with `make golden` (GIAITRINH_REFRESH_GOLDEN=1) and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import AS_OF, FIXTURES

from generator.build import build

GOLDEN = Path(__file__).parent / "golden" / "valid"
REFRESH = os.environ.get("GIAITRINH_REFRESH_GOLDEN") == "1"
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
COMPARED = re.compile(r"^(du-lieu-mo/.*\.(csv|json)|(index|.*/index)\.html)$")


def golden_view(site: Path) -> dict[str, str]:
    """What the golden files hold: downloads as they are, and each page's article content."""
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or not COMPARED.match(rel) or rel.startswith("assets/"):
            continue
        text = path.read_text(encoding="utf-8")
        if rel.endswith(".html"):
            m = ARTICLE.search(text)
            text = m.group(1).strip() + "\n" if m else text
        out[rel] = text
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # From a copy outside git: the pages then say that the build has no history, whatever the
    # commits of this repository (tests/test_record_history.py covers the history).
    work = tmp_path_factory.mktemp("golden")
    shutil.copytree(FIXTURES / "valid", work / "data")
    out = work / "site"
    result = build(work / "data", out, AS_OF)
    assert not [p for p in result.problems if p.is_error]
    return out


def test_generated_output_matches_golden_files(fixture_site: Path):
    actual = golden_view(fixture_site)
    if REFRESH:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
        pytest.skip("golden files rewritten from this output: review `git diff tests/golden`, then run again")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(GOLDEN.rglob("*")) if p.is_file()}
    assert sorted(actual) == sorted(expected), "pages added or removed: run `make golden` and review"
    for rel in expected:
        assert actual[rel] == expected[rel], f"{rel} differs from its golden file: run `make golden` and review"
