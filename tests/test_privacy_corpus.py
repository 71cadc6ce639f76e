"""The personal-data guard against what clerks really write: every private sentence of
tests/privacy_corpus.yaml raises the codes it lists, no public sentence raises an error. The
counts are printed (pytest -s) for the branch's closing note."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.check import privacy
from generator.problems import CATALOGUE

CORPUS = yaml.safe_load((Path(__file__).parent / "privacy_corpus.yaml").read_text(encoding="utf-8"))
# What units.csv gives the guard: the unit's hotline and the place names of its addresses.
ALLOWED = privacy.Allowed(frozenset({"02053812345"}), frozenset(), ("gov.vn",),
                          frozenset({"hoàng văn thụ", "lương văn tri", "đông kinh"}))


def _codes(entry: dict) -> set[str]:
    officials, bad = privacy.officials_of(entry.get("officials"))
    assert bad == []
    return {h.code for h in privacy.scan(entry["text"], ALLOWED, officials)}


@pytest.mark.parametrize("entry", CORPUS["private"], ids=lambda e: e["text"][:50])
def test_private_sentence_is_flagged_with_its_codes(entry: dict):
    assert set(entry["codes"]) <= _codes(entry)


@pytest.mark.parametrize("entry", CORPUS["public"], ids=lambda e: e["text"][:50])
def test_public_sentence_is_no_error(entry: dict):
    assert [c for c in _codes(entry) if CATALOGUE[c].severity == "error"] == []


def test_corpus_counts():
    private, public = CORPUS["private"], CORPUS["public"]
    flagged = sum(set(e["codes"]) <= _codes(e) for e in private)
    errors = sum(any(CATALOGUE[c].severity == "error" for c in _codes(e)) for e in public)
    warned = sum(bool(_codes(e)) for e in public) - errors
    ids = [e for e in private if e["codes"] == ["personal-id"]]
    print(f"\ncorpus: {len(private)} private, {flagged} flagged, {len(private) - flagged} missed; "
          f"{len(public)} public, {errors} false errors, {warned} warnings; {len(ids)} identity sentences")
    assert len(private) + len(public) >= 300 and flagged == len(private) and errors == 0
    covered = {p for e in ids for p in privacy.identity.PROVINCE_CODES
               if p in privacy.identity.digits(e["text"])[:40]}
    assert covered == privacy.identity.PROVINCE_CODES  # every province code is in the corpus
