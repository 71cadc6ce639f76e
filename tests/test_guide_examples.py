"""The clerk's guide shows real messages: every example in it is run against the sample data.

The guide (content/huong-dan/can-bo.md) marks its examples with HTML comments, invisible on the page:

- `<!-- mẫu: PATH -->` before a ```yaml block: a whole record, written to PATH in a copy of data/;
  it must validate without any problem of its own (every such block, one kind of record each).
- `<!-- lỗi -->` before a ```yaml block and the ```text block after it: the yaml lines replace the
  lines of the same keys in the first record example (a key it lacks is added at the end), and `giaitrinh validate`
  must print exactly the text block's lines for that file.

A message changed in the catalogue without the guide fails here, so the guide cannot drift.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from generator.cli import main

GUIDE = ROOT / "content" / "huong-dan" / "can-bo.md"
AS_OF = "2026-12-03"
_BLOCK = re.compile(r"<!-- (mẫu: (?P<path>\S+)|lỗi) -->\s*```yaml\n(?P<yaml>.*?)```"
                    r"(?:\s*```text\n(?P<text>.*?)```)?", re.S)


def _records() -> list[tuple[str, str]]:
    """Every record example of the guide: (path, text)."""
    return [(m["path"], m["yaml"]) for m in _BLOCK.finditer(GUIDE.read_text(encoding="utf-8")) if m["path"]]


def _examples() -> tuple[str, str, list[tuple[str, list[str]]]]:
    base_path = base = ""
    errors = []
    for m in _BLOCK.finditer(GUIDE.read_text(encoding="utf-8")):
        if m["path"]:
            base_path, base = (base_path, base) if base else (m["path"], m["yaml"])
        else:
            assert m["text"] is not None, f"an error example has no ```text block after it: {m['yaml']!r}"
            errors.append((m["yaml"], m["text"].splitlines()))
    return base_path, base, errors


def with_lines(record: str, lines: str) -> str:
    """`record` with each top-level key of `lines` replaced (its continuation lines too) or added."""
    out = record.splitlines()
    for new in re.split(r"\n(?=\S)", lines.rstrip("\n")):
        key = new.split(":", 1)[0]
        at = next((i for i, line in enumerate(out) if line.split(":", 1)[0] == key), None)
        if at is None:
            out.append(new)
            continue
        end = at + 1
        while end < len(out) and out[end][:1] in (" ", "\t"):
            end += 1
        out[at:end] = new.split("\n")
    return "\n".join(out) + "\n"


def _validate(tmp_path: Path, relpath: str, text: str, capsys, monkeypatch) -> list[str]:
    project = tmp_path / "du-an"
    if not project.exists():
        shutil.copytree(ROOT / "data", project / "data")
    (project / relpath).write_text(text, encoding="utf-8")
    monkeypatch.chdir(project)
    capsys.readouterr()
    main(["validate", "--data", "data", "--as-of", AS_OF])
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith(relpath + ":")]


def test_the_guide_has_a_record_and_error_examples():
    base_path, base, errors = _examples()
    assert base_path.startswith("data/") and base.startswith("id:")
    assert len(errors) >= 6


@pytest.mark.parametrize("index", range(len(_records())))
def test_each_record_example_of_the_guide_is_valid(index, tmp_path, capsys, monkeypatch):
    path, text = _records()[index]
    assert path.startswith("data/") and text.startswith("id:")
    assert _validate(tmp_path, path, text, capsys, monkeypatch) == []


def test_the_guide_shows_a_proactive_explanation():
    assert any("/giai-trinh-chu-dong/" in path for path, _ in _records())


@pytest.mark.parametrize("index", range(len(_examples()[2])))
def test_each_error_example_prints_the_message_the_guide_shows(index, tmp_path, capsys, monkeypatch):
    base_path, base, errors = _examples()
    lines, expected = errors[index]
    assert _validate(tmp_path, base_path, with_lines(base, lines), capsys, monkeypatch) == expected
