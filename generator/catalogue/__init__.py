"""The catalogue of every problem kind: a stable code, a severity, a Vietnamese and an English
message template and a hint that says how to fix it, one module per part of the pipeline that
reports them. The error catalogue page is made from it, in this order."""

from __future__ import annotations

from . import clock, files_and_schema, legal, proactive, regulations, safety, sheets
from .kind import PLACEHOLDERS, Kind

__all__ = ["CATALOGUE", "PLACEHOLDERS", "Kind"]

CATALOGUE: dict[str, Kind] = {kind.code: kind for part in (files_and_schema, clock, safety, legal, regulations,
                                                                    proactive, sheets)
                              for kind in part.KINDS}
