"""The attachments of published records, copied into the site as they are."""

from __future__ import annotations

from ..check.attachments import DOCUMENT_FIELD, SITE_FOLDER, Copies, file_name, source_of
from ..load.data_folder import Loaded
from ..model.model import Model
from ..schema import Row


def site_path(row: Row) -> str:
    """Where a record's attachment lives in the site: tep/<unit>/<name>."""
    return f"{SITE_FOLDER}/{row['unit']}/{file_name(str(row[DOCUMENT_FIELD]))}"


def files(model: Model, loaded: Loaded, copies: Copies) -> dict[str, bytes]:
    """The attachments of published records only, keyed by their path in the site."""
    out: dict[str, bytes] = {}
    for rows in (model.explanations, model.plans, model.reports, model.regulations, model.proactive_explanations):
        for row in rows:
            source = source_of(loaded, row)
            if source is not None:
                out[site_path(row)] = copies.of(source)
    return dict(sorted(out.items()))
