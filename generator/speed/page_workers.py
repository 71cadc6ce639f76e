"""Pages rendered, poured into their frames and written by one forked worker per core. The model
and the frames reach the workers through the closure they are forked with, not a global."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.model import Model
from ..pages import render
from ..pages.page import Page
from ..publish import engine
from ..publish.write import Staging
from . import incremental as inc
from . import parallel
from .digest import Digester, Tracked

Keys = dict[str, tuple[str, frozenset[str]]]  # page path -> (its key, the model attributes it read)


def write_pages(portal: Model, pages: list[Page], frames: dict, stage: Staging, gkey: str,
                digest: Digester) -> list[Keys]:
    """Render every page, pour it into its frame and write it to the staging (or patch) folder;
    returns each page's key and the parts of the model its template read."""
    env = render.environment()  # before the fork: each worker fills its own copy of the memos

    def write_span(span: Sequence[Page]) -> Keys:
        done: Keys = {}
        reads_of: list[set[str]] = []

        def bodies():
            for page in span:
                reads: set[str] = set()
                reads_of.append(reads)
                yield render.render(env, page, Tracked(portal, reads))

        for page, (path, data) in zip(span, engine.assemble(portal, span, bodies(), frames), strict=True):
            stage.write(path, data)
            reads = frozenset(reads_of[-1])
            done[path] = (inc.page_key(page, portal, reads, digest, gkey), reads)
        return done

    # Eight slices handed out in turn balance cheap record pages against long lists.
    return parallel.map_chunks(write_span, pages, min_items=2000, parts=8, collect=True)
