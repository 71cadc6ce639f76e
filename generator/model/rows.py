"""The typed rows of loaded records: what the model is made of."""

from __future__ import annotations

import hashlib

from ..check.against_schema import typed_rows
from ..check.attachments import RESOURCES, Copies, source_of
from ..load.data_folder import Loaded
from ..schema import Row


def rows_of(loaded: Loaded, copies: Copies) -> dict[str, list[Row]]:
    """Every valid record as a row of typed values; a row with an attachment gets the computed
    `document_sha256` of the copy the site publishes (shown on its page and published, so that
    anyone can check a PDF they hold)."""
    rows = typed_rows(loaded)
    for resource in RESOURCES:
        for row in rows.get(resource, []):
            source = source_of(loaded, row)
            row["document_sha256"] = hashlib.sha256(copies.of(source)).hexdigest() if source else None
    return rows
